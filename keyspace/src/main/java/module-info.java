/**
 * The storage: numbered databases, the key dictionary, expiry, key signals and the value types
 * with their encodings. Knows nothing of execution (sessions, commands, the engine): it tells a
 * {@link io.redisinternals.keyspace.KeyListener} what changed, and that is all.
 */
module io.redisinternals.keyspace {
    requires transitive io.redisinternals.resp;

    exports io.redisinternals.keyspace;
}
