package io.redisinternals.transport.epoll;

/** The connection-behaviour suite over the java.nio Selector backend. */
class EpollTransportSelectorTest extends AbstractTransportSuite {

    @Override
    boolean jni() {
        return false;
    }

    @Override
    String expectedBackend() {
        return "nio-selector";
    }
}
