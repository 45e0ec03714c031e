package io.redisinternals.persistence.rdb;

import io.redisinternals.engine.config.Config;

/** The RDB value codec's settings, registered by {@code PersistenceSettings.define}. */
public final class RdbSettings {

    /**
     * Redis's sanitize-dump-payload: "no" (default) checks a payload's blobs structurally only,
     * "yes" and "clients" also check every listpack entry's backlen and the header counts. Every
     * blob is bounds-checked and duplicates are refused whatever the setting.
     */
    public static final String SANITIZE_DUMP_PAYLOAD = "sanitize-dump-payload";

    /** Redis's rdbcompression: strings over 20 bytes LZF-compressed in DUMP payloads and RDB files. */
    public static final String RDBCOMPRESSION = "rdbcompression";

    private RdbSettings() {
    }

    public static void define(Config config) {
        // The snapshot's settings (PersistenceSettings) may have registered it already: it is one
        // setting for DUMP payloads and RDB files alike.
        if (config.setting(RDBCOMPRESSION) == null) {
            config.define(RDBCOMPRESSION, "yes", true, Config.bool());
        }
        config.define(SANITIZE_DUMP_PAYLOAD, "no", true, Config.oneOf("no", "yes", "clients"));
    }
}
