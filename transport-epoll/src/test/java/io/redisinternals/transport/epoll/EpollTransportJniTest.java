package io.redisinternals.transport.epoll;

import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection-behaviour suite over the JNI epoll backend. The build compiles the library on
 * Linux with gcc, which is where this suite runs, so an unavailable backend is a failure here.
 */
class EpollTransportJniTest extends AbstractTransportSuite {

    @BeforeAll
    static void jniIsAvailable() {
        assertTrue(Native.isAvailable(), () -> "JNI epoll unavailable: " + Native.unavailabilityCause());
    }

    @Override
    boolean jni() {
        return true;
    }

    @Override
    String expectedBackend() {
        return "jni-epoll";
    }
}
