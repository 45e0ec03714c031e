package io.redisinternals.persistence.rdb;

import io.redisinternals.keyspace.dict.KeyHash;
import java.util.function.ToLongFunction;

/**
 * What loading a value needs from the server: the hasher of the target database's tables, the
 * encoding limits of the current settings (a loaded value takes the encoding our commands would
 * give it, as Redis converts on load), and whether to check compact blobs deeply
 * (sanitize-dump-payload).
 */
public record RdbReadOptions(
        KeyHash hasher,
        int listFill,
        long hashMaxEntries,
        long hashMaxValue,
        long setMaxIntsetEntries,
        long zsetMaxEntries,
        long zsetMaxValue,
        boolean deepSanitize) {

    /** The options of the current settings, read through {@code setting} (a config getter by name). */
    public static RdbReadOptions of(ToLongFunction<String> setting, KeyHash hasher, boolean deepSanitize) {
        return new RdbReadOptions(
                hasher,
                (int) setting.applyAsLong("list-max-listpack-size"),
                setting.applyAsLong("hash-max-listpack-entries"),
                setting.applyAsLong("hash-max-listpack-value"),
                setting.applyAsLong("set-max-intset-entries"),
                setting.applyAsLong("zset-max-listpack-entries"),
                setting.applyAsLong("zset-max-listpack-value"),
                deepSanitize);
    }

    /** Redis's defaults, for tests and tools without a server. */
    public static RdbReadOptions defaults(KeyHash hasher, boolean deepSanitize) {
        return new RdbReadOptions(hasher, -2, 512, 64, 512, 128, 64, deepSanitize);
    }
}
