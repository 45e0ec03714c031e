package io.redisinternals.persistence;

import io.redisinternals.engine.config.Config;

/**
 * The persistence settings, registered in the engine's {@link Config} before the config file is
 * read (the server calls {@link #define} next to its own settings).
 */
public final class PersistenceSettings {

    public static final String SAVE = "save";
    public static final String APPENDONLY = "appendonly";
    public static final String DIR = "dir";
    public static final String DBFILENAME = "dbfilename";

    private PersistenceSettings() {
    }

    public static void define(Config config) {
        config.define(SAVE, "", true, Config::saveParams);
        config.kind(SAVE, Config.Kind.SAVE);
        io.redisinternals.persistence.aof.AofSettings.define(config);
        config.define(DIR, System.getProperty("user.dir"), true, v -> v);
        // CONFIG SET dir (where enable-protected-configs allows it): Redis's chdir fails on a missing directory
        config.onRuntimeSet(DIR, v -> {
            if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(v))) {
                throw new IllegalArgumentException("No such file or directory");
            }
            return v;
        });
        config.kind(DIR, Config.Kind.FORCED_STRING); // Redis always writes the working directory
        config.define(DBFILENAME, "dump.rdb", true, v -> {
            if (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("dbfilename can't be a path, just a filename");
            }
            return v;
        });
        config.kind(DBFILENAME, Config.Kind.STRING);
        // Redis's PROTECTED_CONFIG: where files are written (CONFIG SET dir + dbfilename + SAVE
        // could write anywhere) changes only where enable-protected-configs allows it.
        config.protect(DIR);
        config.protect(DBFILENAME);
    }
}
