package io.redisinternals.command;

/** Redis's command groups, as COMMAND DOCS reports them ({@link #wireName()}). */
public enum CommandGroup {
    GENERIC("generic"), STRING("string"), LIST("list"), SET("set"), SORTED_SET("sorted-set"),
    HASH("hash"), PUBSUB("pubsub"), TRANSACTIONS("transactions"), CONNECTION("connection"),
    SERVER("server"), SCRIPTING("scripting"), HYPERLOGLOG("hyperloglog"), CLUSTER("cluster"),
    SENTINEL("sentinel"), GEO("geo"), STREAM("stream"), BITMAP("bitmap"), MODULE("module");

    private final String wire;

    CommandGroup(String wire) {
        this.wire = wire;
    }

    public String wireName() {
        return wire;
    }
}
