package io.redisinternals.keyspace;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every setting of the server, one registry: the engine's own (databases, proto-max-bulk-len,
 * maxclients, requirepass, ...) registered by the constructor, and settings owned by other modules
 * (port, bind, transport, ...) registered with {@link #define}. The config file, the command line
 * and CONFIG GET/SET all go through it, so CONFIG GET sees every setting that exists.
 */
public final class Config {

    public Config() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Registers a setting owned by another module.
     *
     * @param name         lower-case name
     * @param defaultValue value as CONFIG GET prints it
     * @param mutable      whether CONFIG SET may change it at runtime
     * @param normalizer   validates a value and returns it as CONFIG GET should print it; throws
     *                     IllegalArgumentException with Redis's reason text if invalid
     */
    public void define(String name, String defaultValue, boolean mutable, UnaryOperator<String> normalizer) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Applies a directive from the config file or command line, where immutable settings are
     * allowed. {@code args} are the directive's arguments (e.g. {@code save ""} -> [""]).
     *
     * @throws ConfigException naming the directive if it is unknown or the value is bad
     */
    public void applyStartup(String name, List<String> args) throws ConfigException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Current value of a setting as CONFIG GET prints it; null if there is no such setting. */
    public String get(String name) {
        throw new UnsupportedOperationException("TODO");
    }

    public int intValue(String name) {
        return Integer.parseInt(get(name));
    }

    public long longValue(String name) {
        return Long.parseLong(get(name));
    }
}
