package io.redisinternals.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.transport.spi.Availability;
import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;
import io.redisinternals.transport.spi.TransportProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportSelectorTest {

    record Fake(String name, int priority, Availability availability) implements TransportProvider {
        @Override
        public Transport create(TransportConfig config, ConnectionAcceptor handlers) {
            throw new UnsupportedOperationException();
        }
    }

    static final Fake FAST_BROKEN = new Fake("fast", 100, Availability.unavailable(new UnsatisfiedLinkError("no libfast")));
    static final Fake MID = new Fake("mid", 50, Availability.ofAvailable());
    static final Fake SLOW = new Fake("slow", 10, Availability.ofAvailable());

    @Test
    void highestPriorityAvailableWins() throws Exception {
        assertSame(MID, TransportSelector.select("", List.of(FAST_BROKEN, MID, SLOW)));
    }

    @Test
    void namedTransportIsUsedEvenIfLowerPriority() throws Exception {
        assertSame(SLOW, TransportSelector.select("slow", List.of(FAST_BROKEN, MID, SLOW)));
    }

    @Test
    void namedButUnavailableRefusesWithTheCause() {
        StartupException e = assertThrows(StartupException.class,
                () -> TransportSelector.select("fast", List.of(FAST_BROKEN, MID)));
        assertTrue(e.getMessage().contains("no libfast"), e.getMessage());
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        StartupException e = assertThrows(StartupException.class,
                () -> TransportSelector.select("nope", List.of(MID, SLOW)));
        assertEquals("Unknown transport 'nope'; available: mid, slow", e.getMessage());
    }

    @Test
    void discoveryFindsTheBlockingTransportThroughServiceLoader() {
        assertTrue(TransportSelector.discover().stream().anyMatch(p -> p.name().equals("blocking")));
    }
}
