package io.redisinternals.server;

import io.redisinternals.engine.Engine;

/** Version facts reported by {@code --version}, INFO and the startup log. */
final class Version {
    private Version() {
    }

    /** The redis-server version whose behaviour we implement and report to clients (the engine's). */
    static final String REDIS_VERSION = Engine.REDIS_VERSION;

    /** This product's own version, from the module descriptor when packaged. */
    static String product() {
        return Version.class.getModule().getDescriptor() != null
                ? Version.class.getModule().getDescriptor().rawVersion().orElse("dev")
                : "dev";
    }
}
