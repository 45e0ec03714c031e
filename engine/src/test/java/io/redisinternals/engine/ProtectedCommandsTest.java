package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** enable-debug-command local: which peers Redis's islocalClient takes for local. */
class ProtectedCommandsTest {

    @Test
    void onlyTheExactLoopbackAddressesAreLocal() {
        assertTrue(ProtectedCommands.isLocal(new InetSocketAddress("127.0.0.1", 5000)));
        assertTrue(ProtectedCommands.isLocal(new InetSocketAddress("::1", 5000)));
        assertFalse(ProtectedCommands.isLocal(new InetSocketAddress("127.0.0.2", 5000)));
        assertFalse(ProtectedCommands.isLocal(new InetSocketAddress("10.0.0.1", 5000)));
        assertFalse(ProtectedCommands.isLocal(InetSocketAddress.createUnresolved("localhost", 5000)));
        assertFalse(ProtectedCommands.isLocal(null));
    }
}
