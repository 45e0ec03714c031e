package io.redisinternals.keyspace;

/**
 * Flags of a key lookup ({@link Database#lookup}), Redis's {@code LOOKUP_*}: what a lookup does
 * besides finding the value. By default a lookup expires the key if its time has passed,
 * refreshes its access stamp (LRU/LFU) and counts a keyspace hit or miss.
 */
public final class Lookup {

    private Lookup() {
    }

    /** A read lookup with every side effect. */
    public static final int READ = 0;
    /**
     * A write lookup (Redis's LOOKUP_WRITE): the command is about to change or replace the value,
     * so the database's listener hears {@link KeyListener#beforeWrite} with the current value
     * first; no hit/miss is counted and no {@code keymiss} event is sent.
     */
    public static final int WRITE = 1;
    /** Leaves the access stamp alone (TYPE, TTL, OBJECT, EXISTS...). */
    public static final int NO_TOUCH = 1 << 1;
    /** Counts no keyspace hit or miss. */
    public static final int NO_STATS = 1 << 2;
    /** Sends no {@code keymiss} event on a miss (the key-access layer of the engine sends it). */
    public static final int NO_NOTIFY = 1 << 3;
    /** Reports a key whose time has passed as missing without removing it (Redis's LOOKUP_NOEXPIRE). */
    public static final int NO_EXPIRE = 1 << 4;
}
