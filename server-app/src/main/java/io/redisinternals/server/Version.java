package io.redisinternals.server;

/** Version facts reported by {@code --version}, INFO and the startup log. */
final class Version {
    private Version() {
    }

    /** The redis-server version whose behaviour we implement and report to clients. */
    static final String REDIS_VERSION = "7.0.15";

    /** This product's own version, from the module descriptor when packaged. */
    static String product() {
        return Version.class.getModule().getDescriptor() != null
                ? Version.class.getModule().getDescriptor().rawVersion().orElse("dev")
                : "dev";
    }
}
