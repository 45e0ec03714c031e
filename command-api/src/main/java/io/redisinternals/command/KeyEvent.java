package io.redisinternals.command;

/**
 * The classes of keyspace events, with the bit values and config letters of Redis's
 * {@code NOTIFY_*} flags (notify-keyspace-events): a command declares each event it causes with
 * {@link CommandContext#keyEvent} and the class it belongs to, as Redis's
 * {@code notifyKeyspaceEvent(type, event, key, dbid)}.
 */
public final class KeyEvent {

    private KeyEvent() {
    }

    /** K: deliver on {@code __keyspace@<db>__:<key>}. */
    public static final int KEYSPACE = 1;
    /** E: deliver on {@code __keyevent@<db>__:<event>}. */
    public static final int KEYEVENT = 1 << 1;
    /** g: generic commands (DEL, EXPIRE, RENAME...). */
    public static final int GENERIC = 1 << 2;
    /** $: string commands. */
    public static final int STRING = 1 << 3;
    /** l: list commands. */
    public static final int LIST = 1 << 4;
    /** s: set commands. */
    public static final int SET = 1 << 5;
    /** h: hash commands. */
    public static final int HASH = 1 << 6;
    /** z: sorted-set commands. */
    public static final int ZSET = 1 << 7;
    /** x: a key expired. */
    public static final int EXPIRED = 1 << 8;
    /** e: a key was evicted. */
    public static final int EVICTED = 1 << 9;
    /** t: stream commands. */
    public static final int STREAM = 1 << 10;
    /** m: a read lookup missed. */
    public static final int KEY_MISS = 1 << 11;
    /** d: module types. */
    public static final int MODULE = 1 << 13;
    /** n: a key was created. */
    public static final int NEW = 1 << 14;
}
