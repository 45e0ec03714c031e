/**
 * The storage: numbered databases, the key dictionary, expiry, key signals and the value types
 * with their encodings, in three packages by concern: {@code keyspace} (databases, key lookup
 * with its flags, expiry, key signals, statistics), {@code keyspace.dict} (the key dictionary
 * KeyTable, its hash and the glob matcher) and {@code keyspace.types} (the value types, their
 * compact and full encodings and the type registry). Knows nothing of execution (sessions,
 * commands, the engine): it tells a {@link io.redisinternals.keyspace.KeyListener} what changed,
 * and that is all.
 */
module io.redisinternals.keyspace {
    requires transitive io.redisinternals.resp;

    exports io.redisinternals.keyspace;
    exports io.redisinternals.keyspace.dict;
    exports io.redisinternals.keyspace.types;
}
