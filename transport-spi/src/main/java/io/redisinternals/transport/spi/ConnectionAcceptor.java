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

    /**
     * Called on a transport thread, without any lock, just before it sends a connection's queued
     * output (Redis's beforeSleep, which fsyncs the append-only file before handleClientsWithPendingWrites):
     * the server makes the writes those replies acknowledge durable here, once for every reply
     * sent after it. Must be cheap when there is nothing to do (a volatile read). A transport that
     * never calls it gets the same guarantee at a higher cost (the server then syncs per batch).
     */
    default void beforeSend() {
    }
}
