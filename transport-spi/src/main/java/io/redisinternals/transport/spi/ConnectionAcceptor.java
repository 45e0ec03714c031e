package io.redisinternals.transport.spi;

/**
 * Creates the handler of each accepted connection. Supplied by the server to
 * {@link TransportProvider#create}.
 */
@FunctionalInterface
public interface ConnectionAcceptor {

    /**
     * Called once per accepted connection, on its owner thread, before any {@code onRead}.
     * May call {@link Connection#write} and {@link Connection#close()} (e.g. to refuse it at
     * maxclients); the transport then flushes and closes.
     */
    ConnectionHandler accept(Connection connection);
}
