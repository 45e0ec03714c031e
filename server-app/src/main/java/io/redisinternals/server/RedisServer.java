package io.redisinternals.server;

import java.util.List;

/**
 * A running redis-internals server, embeddable: started with the same arguments as the command
 * line ({@code [config-file] [--name value ...]}), through the real ServiceLoader boot path.
 */
public final class RedisServer implements AutoCloseable {

    /**
     * Starts a server. {@code --port 0} picks a free port ({@link #port()} tells which).
     *
     * @throws StartupException with a message naming the bad directive or the unavailable transport
     */
    public static RedisServer start(List<String> args) throws StartupException {
        throw new UnsupportedOperationException("TODO");
    }

    /** The bound TCP port. */
    public int port() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Name of the transport in use ({@code blocking}, ...). */
    public String transportName() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Graceful stop: stop accepting, finish in-flight replies, close connections. Idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
