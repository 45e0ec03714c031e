package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.Availability;
import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;
import io.redisinternals.transport.spi.TransportProvider;

import java.time.Duration;
import java.util.Objects;

/**
 * The portable transport: blocking sockets and one virtual thread per connection. It needs
 * nothing beyond the JDK, so it is always available and is the fallback when no faster transport
 * can run. Construction does nothing; {@link Transport#start()} binds and starts threads.
 */
public final class BlockingTransportProvider implements TransportProvider {

    /** How long closing a connection may spend sending its queued output before the socket is cut. */
    static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        return Availability.ofAvailable();
    }

    /**
     * The blocking transport has no settings of its own; {@code config.backlog()} 0 means the
     * platform's default backlog.
     *
     * @throws IllegalArgumentException if the backlog is negative
     */
    @Override
    public Transport create(TransportConfig config, ConnectionAcceptor handlers) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handlers, "handlers");
        if (config.backlog() < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + config.backlog());
        }
        return new BlockingTransport(config, handlers, CLOSE_FLUSH_TIMEOUT);
    }
}
