package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.Availability;
import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;
import io.redisinternals.transport.spi.TransportProvider;

/** TODO */
public final class EpollTransportProvider implements TransportProvider {
    @Override public String name() { return "epoll"; }
    @Override public int priority() { return 20; }
    @Override public Availability availability() { return Availability.unavailable(new UnsupportedOperationException("TODO")); }
    @Override public Transport create(TransportConfig config, ConnectionAcceptor handlers) {
        throw new UnsupportedOperationException("TODO");
    }
}
