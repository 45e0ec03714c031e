package io.redisinternals.persistence.aof;

import io.redisinternals.engine.config.Config;

/**
 * The append-only file's settings, with redis-server 7.0.15's names, defaults and reason texts
 * (config.c). {@code appendfilename} and {@code appenddirname} are immutable, as in Redis: the
 * manifest names its files after them.
 */
public final class AofSettings {

    public static final String APPENDONLY = "appendonly";
    public static final String APPENDFILENAME = "appendfilename";
    public static final String APPENDDIRNAME = "appenddirname";
    public static final String APPENDFSYNC = "appendfsync";
    public static final String NO_APPENDFSYNC_ON_REWRITE = "no-appendfsync-on-rewrite";
    public static final String AUTO_REWRITE_PERCENTAGE = "auto-aof-rewrite-percentage";
    public static final String AUTO_REWRITE_MIN_SIZE = "auto-aof-rewrite-min-size";
    public static final String LOAD_TRUNCATED = "aof-load-truncated";
    public static final String USE_RDB_PREAMBLE = "aof-use-rdb-preamble";
    public static final String TIMESTAMP_ENABLED = "aof-timestamp-enabled";
    public static final String REWRITE_INCREMENTAL_FSYNC = "aof-rewrite-incremental-fsync";
    public static final String DISABLE_AUTO_GC = "aof-disable-auto-gc";
    public static final String REWRITE_CPULIST = "aof_rewrite_cpulist";

    private AofSettings() {
    }

    public static void define(Config config) {
        config.define(APPENDONLY, "no", true, Config.bool());
        config.define(APPENDFILENAME, "appendonly.aof", false, v -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("appendfilename can't be empty");
            }
            if (!isBaseName(v)) {
                throw new IllegalArgumentException("appendfilename can't be a path, just a filename");
            }
            return v;
        });
        config.kind(APPENDFILENAME, Config.Kind.STRING);
        config.define(APPENDDIRNAME, "appendonlydir", false, v -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("appenddirname can't be empty");
            }
            if (!isBaseName(v)) {
                throw new IllegalArgumentException("appenddirname can't be a path, just a dirname");
            }
            return v;
        });
        config.kind(APPENDDIRNAME, Config.Kind.STRING);
        config.define(APPENDFSYNC, "everysec", true, Config.oneOf("everysec", "always", "no"));
        config.define(NO_APPENDFSYNC_ON_REWRITE, "no", true, Config.bool());
        config.define(AUTO_REWRITE_PERCENTAGE, "100", true, Config.integer(0, Integer.MAX_VALUE));
        config.define(AUTO_REWRITE_MIN_SIZE, "67108864", true, Config.memory(0, Long.MAX_VALUE));
        config.kind(AUTO_REWRITE_MIN_SIZE, Config.Kind.MEMORY);
        config.define(LOAD_TRUNCATED, "yes", true, Config.bool());
        config.define(USE_RDB_PREAMBLE, "yes", true, Config.bool());
        config.define(TIMESTAMP_ENABLED, "no", true, Config.bool());
        config.define(REWRITE_INCREMENTAL_FSYNC, "yes", true, Config.bool());
        // yes keeps the history files a rewrite leaves (Redis's tests use it to inspect them)
        config.define(DISABLE_AUTO_GC, "no", true, Config.bool());
        // accepted for compatibility: the rewrite runs on the thread that ends the batch, not in a child to pin
        config.define(REWRITE_CPULIST, "", false, v -> v);
        config.kind(REWRITE_CPULIST, Config.Kind.NULLABLE_STRING);
    }

    /** Redis's pathIsBaseName: no slash (a manifest entry or a setting names a file in one directory). */
    static boolean isBaseName(String name) {
        return name.indexOf('/') < 0 && name.indexOf('\\') < 0;
    }
}
