package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;
import io.redisinternals.transport.spi.TransportProvider;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingTransportProviderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void describesItself() {
        TransportProvider provider = new BlockingTransportProvider();
        assertEquals("blocking", provider.name());
        assertEquals(10, provider.priority());
        assertTrue(provider.availability().available());
        assertTrue(provider.availability().unavailabilityCause().isEmpty());
    }

    @Test
    void constructionAvailabilityAndCreateStartNoThreadsAndBindNothing() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        TransportProvider provider = new BlockingTransportProvider();
        provider.availability();
        Transport transport = provider.create(
                new TransportConfig(List.of(LOOPBACK), port, 128, Map.of()), connection -> null);

        Set<Thread> after = new HashSet<>(Thread.getAllStackTraces().keySet());
        after.removeAll(before);
        after.removeIf(t -> !t.isAlive());
        assertEquals(Set.of(), after, "threads started before start()");
        assertEquals(List.of(), transport.localAddresses());
        // Nothing is bound yet: the port is still ours to take.
        try (ServerSocket ours = new ServerSocket()) {
            ours.setReuseAddress(false);
            ours.bind(new InetSocketAddress(LOOPBACK, port));
        }
        transport.start();
        try {
            assertEquals(List.of(new InetSocketAddress(LOOPBACK, port)), transport.localAddresses());
        } finally {
            transport.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void createValidates() {
        TransportProvider provider = new BlockingTransportProvider();
        TransportConfig good = new TransportConfig(List.of(LOOPBACK), 0, 0, Map.of());
        assertThrows(IllegalArgumentException.class, () -> provider.create(
                new TransportConfig(List.of(LOOPBACK), 0, -1, Map.of()), connection -> null));
        assertThrows(NullPointerException.class, () -> provider.create(good, null));
        assertThrows(NullPointerException.class, () -> provider.create(null, connection -> null));
        assertInstanceOf(BlockingTransport.class, provider.create(good, connection -> null));
    }

    @Test
    void bindFailureThrowsAndLeavesNothingBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            Transport transport = new BlockingTransportProvider().create(
                    new TransportConfig(List.of(LOOPBACK), taken.getLocalPort(), 128, Map.of()), connection -> null);
            java.net.BindException e = assertThrows(java.net.BindException.class, transport::start);
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            transport.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void closeBeforeStartIsAllowedAndFinal() {
        Transport transport = new BlockingTransportProvider().create(
                new TransportConfig(List.of(LOOPBACK), 0, 0, Map.of()), connection -> null);
        transport.close(Duration.ZERO);
        transport.close(Duration.ZERO);
        assertThrows(IllegalStateException.class, transport::start);
    }
}
