package io.redisinternals.transport.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A running (or startable) network transport. Created by {@link TransportProvider#create}.
 *
 * <p>Threading: {@link #start()} and {@link #close(Duration)} are called by the server's main
 * thread. Every callback of a {@link ConnectionHandler} happens on that connection's owner
 * thread (the thread that reads its socket), one callback at a time.
 */
public interface Transport extends AutoCloseable {

    /** Binds the listen sockets and starts accepting. Throws if a socket cannot be bound. */
    void start() throws IOException;

    /** The bound addresses, valid after {@link #start()} (the real port when 0 was asked). */
    List<InetSocketAddress> localAddresses();

    /** Short name of the I/O backend in use, for INFO {@code transport_backend:} (e.g. {@code virtual-threads}). */
    String backend();

    /**
     * Stops accepting at once, then lets connections finish what they are doing — replies already
     * produced are flushed — for at most {@code grace}, then closes every connection. Blocks until
     * done. Idempotent.
     */
    void close(Duration grace);

    /** {@code close(Duration.ofSeconds(5))}. */
    @Override
    default void close() {
        close(Duration.ofSeconds(5));
    }
}
