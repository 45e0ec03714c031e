package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.Availability;
import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;
import io.redisinternals.transport.spi.TransportProvider;

/** TODO */
public final class BlockingTransportProvider implements TransportProvider {
    @Override public String name() { return "blocking"; }
    @Override public int priority() { return 10; }
    @Override public Availability availability() { return Availability.ofAvailable(); }
    @Override public Transport create(TransportConfig config, ConnectionAcceptor handlers) {
        throw new UnsupportedOperationException("TODO");
    }
}
