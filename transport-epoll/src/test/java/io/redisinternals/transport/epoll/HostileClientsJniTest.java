package io.redisinternals.transport.epoll;

import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hostile-clients suite over the JNI epoll backend. */
class HostileClientsJniTest extends AbstractHostileClientsSuite {

    @BeforeAll
    static void jniIsAvailable() {
        assertTrue(Native.isAvailable(), () -> "JNI epoll unavailable: " + Native.unavailabilityCause());
    }

    @Override
    boolean jni() {
        return true;
    }
}
