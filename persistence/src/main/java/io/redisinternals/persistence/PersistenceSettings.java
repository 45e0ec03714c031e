package io.redisinternals.persistence;

import io.redisinternals.engine.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The persistence settings, registered in the engine's {@link Config} before the config file is
 * read (the server calls {@link #define} next to its own settings).
 */
public final class PersistenceSettings {

    public static final String SAVE = "save";
    public static final String APPENDONLY = "appendonly";
    public static final String DIR = "dir";
    public static final String DBFILENAME = "dbfilename";
    /** Defined with the value codec's settings (RdbSettings). */
    public static final String RDBCOMPRESSION = io.redisinternals.persistence.rdb.RdbSettings.RDBCOMPRESSION;
    public static final String RDBCHECKSUM = "rdbchecksum";
    public static final String STOP_WRITES_ON_BGSAVE_ERROR = "stop-writes-on-bgsave-error";
    public static final String RDB_DEL_SYNC_FILES = "rdb-del-sync-files";
    public static final String RDB_SAVE_INCREMENTAL_FSYNC = "rdb-save-incremental-fsync";
    /** Redis's test knob: microseconds slept per key saved (keeps a BGSAVE running in tests). */
    public static final String RDB_KEY_SAVE_DELAY = "rdb-key-save-delay";
    /** Redis's test knob: microseconds slept per key loaded (keeps a load running in tests). */
    public static final String KEY_LOAD_DELAY = "key-load-delay";

    /** Redis's default save points: an hour and 1 change, 5 minutes and 100, a minute and 10,000. */
    public static final String DEFAULT_SAVE = "3600 1 300 100 60 10000";

    private PersistenceSettings() {
    }

    public static void define(Config config) {
        config.define(SAVE, DEFAULT_SAVE, true, Config::saveParams);
        config.kind(SAVE, Config.Kind.SAVE);
        io.redisinternals.persistence.aof.AofSettings.define(config);
        // Redis chdir()s into dir and CONFIG GET prints getcwd(); we keep the absolute path and
        // resolve every file against it, so the process's working directory never matters.
        config.define(DIR, Path.of(System.getProperty("user.dir")).toAbsolutePath().toString(), true, PersistenceSettings::directory);
        config.kind(DIR, Config.Kind.FORCED_STRING); // Redis always writes the working directory
        config.define(DBFILENAME, "dump.rdb", true, PersistenceSettings::fileName);
        config.kind(DBFILENAME, Config.Kind.STRING);
        config.define(RDBCHECKSUM, "yes", false, Config.bool());
        config.define(STOP_WRITES_ON_BGSAVE_ERROR, "yes", true, Config.bool());
        config.define(RDB_DEL_SYNC_FILES, "no", true, Config.bool());
        config.define(RDB_SAVE_INCREMENTAL_FSYNC, "yes", true, Config.bool());
        config.define(RDB_KEY_SAVE_DELAY, "0", true, Config.integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
        config.define(KEY_LOAD_DELAY, "0", true, Config.integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
        io.redisinternals.persistence.rdb.RdbSettings.define(config);
        // Redis's PROTECTED_CONFIG: where files are written (CONFIG SET dir + dbfilename + SAVE
        // could write anywhere) changes only where enable-protected-configs allows it.
        config.protect(DIR);
        config.protect(DBFILENAME);
    }

    /** dir must be an existing directory (Redis's chdir fails otherwise); kept absolute. */
    static String directory(String raw) {
        Path p = Path.of(raw).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("No such file or directory");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("Not a directory");
        }
        return p.toString();
    }

    /** dbfilename is a file name, not a path (Redis's isValidDBfilename). */
    static String fileName(String raw) {
        if (raw.indexOf('/') >= 0) {
            throw new IllegalArgumentException("dbfilename can't be a path, just a filename");
        }
        return raw;
    }
}
