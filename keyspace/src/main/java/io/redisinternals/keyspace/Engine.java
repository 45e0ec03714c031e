package io.redisinternals.keyspace;

import io.redisinternals.keyspace.spi.CommandProvider;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * The command engine: command table, databases, clients, configuration and statistics.
 *
 * <p>Execution model: commands of all connections run serially, each atomic, on the thread that
 * read the request, while holding {@link #executionLock()} — never handed to another thread.
 */
public final class Engine {

    /** Boots with the command providers found by {@link java.util.ServiceLoader}. */
    public static Engine boot(Config config, ServerHooks hooks) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Boots with exactly these providers.
     *
     * @throws IllegalStateException if two providers declare the same command; the message names
     *                               the command and both providers
     */
    public static Engine boot(Config config, ServerHooks hooks, List<CommandProvider> providers) {
        throw new UnsupportedOperationException("TODO");
    }

    public Config config() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Held by the reading thread around every batch of commands it executes. */
    public Lock executionLock() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Registers a new client. Caller holds the execution lock. */
    public Session openSession(ClientChannel channel) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Connected clients (INFO connected_clients; the server compares it with maxclients). */
    public int clientCount() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Counters the server feeds (network bytes, connections) and INFO stats reports. */
    public ServerStats stats() {
        throw new UnsupportedOperationException("TODO");
    }
}
