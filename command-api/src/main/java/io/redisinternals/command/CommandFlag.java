package io.redisinternals.command;

/**
 * Command flags, as redis-server 7.0 reports them in COMMAND INFO (the wire name is the
 * lower-case form, see {@link #wireName()}).
 */
public enum CommandFlag {
    WRITE, READONLY, DENYOOM, MODULE, ADMIN, PUBSUB, NOSCRIPT, BLOCKING, LOADING, STALE,
    SKIP_MONITOR, SKIP_SLOWLOG, ASKING, FAST, NO_AUTH, MAY_REPLICATE, SENTINEL, ONLY_SENTINEL,
    NO_MANDATORY_KEYS, PROTECTED, MODULE_NO_CLUSTER, NO_ASYNC_LOADING, NO_MULTI, MOVABLEKEYS,
    ALLOW_BUSY;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /** The status string COMMAND INFO prints, e.g. {@code "readonly"}, {@code "no_auth"}. */
    public String wireName() {
        return wire;
    }
}
