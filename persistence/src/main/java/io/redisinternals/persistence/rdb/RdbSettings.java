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

    private RdbSettings() {
    }

    public static void define(Config config) {
        config.define(SANITIZE_DUMP_PAYLOAD, "no", true, Config.oneOf("no", "yes", "clients"));
    }
}
