package io.redisinternals.transport.epoll;

/** The hostile-clients suite over the java.nio Selector backend. */
class HostileClientsSelectorTest extends AbstractHostileClientsSuite {

    @Override
    boolean jni() {
        return false;
    }
}
