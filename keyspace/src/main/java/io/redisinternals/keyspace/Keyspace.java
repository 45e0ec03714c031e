package io.redisinternals.keyspace;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.dict.KeyTable;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The numbered databases (16 by default, the {@code databases} setting). All of them hash keys
 * with one {@link KeyHash} built from the per-process seed, so a key hashes the same in every
 * database (MOVE and SWAPDB need no rehash).
 */
public final class Keyspace {

    private final Database[] dbs;
    private final KeyHash hasher;

    /** @param databases number of databases; hashSeed per-process random seed for key hashing */
    public Keyspace(int databases, long hashSeed) {
        if (databases < 1) {
            throw new IllegalArgumentException("databases must be at least 1: " + databases);
        }
        hasher = new KeyHash(hashSeed);
        dbs = new Database[databases];
        for (int i = 0; i < databases; i++) {
            dbs[i] = new Database(i, this, hasher);
        }
    }

    /**
     * While this says so, an expired key found by a lookup is reported missing but not removed:
     * Redis leaves the dataset as it is while clients are paused (CLIENT PAUSE), and a replica or
     * a failover expects the key still there. Set by the execution layer; null when it never pauses.
     */
    private java.util.function.LongPredicate expiryPaused;

    public void expiryPausedWhile(java.util.function.LongPredicate paused) {
        expiryPaused = paused;
    }

    boolean expiryPaused(long nowMillis) {
        return expiryPaused != null && expiryPaused.test(nowMillis);
    }

    private final KeyspaceStats stats = new KeyspaceStats();

    /** Lookup and expiry counters (INFO stats). */
    public KeyspaceStats stats() {
        return stats;
    }

    void keyExpired() {
        stats.expired();
    }

    // ---- freeing values ---------------------------------------------------------------------

    /** Who hears of every value that leaves a database (the engine's lazy freeing); never null. */
    private Reclaimer reclaimer = Reclaimer.NONE;

    /** Sets who hears of released values ({@link Reclaimer#NONE} for nobody). Under the execution lock. */
    public void reclaimer(Reclaimer r) {
        reclaimer = java.util.Objects.requireNonNull(r, "reclaimer");
    }

    /**
     * Whether a removal for {@code why} is lazy under the current settings: an expired or evicted
     * key, an EXPIRE or GETEX to a past time, a GETDEL propagate as UNLINK rather than DEL when it is.
     */
    public boolean lazy(Removal why) {
        return reclaimer.lazy(why);
    }

    private static final byte[] DEL = "DEL".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] UNLINK = "UNLINK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The command a deletion for {@code why} is propagated as, as Redis's propagateDeletion: UNLINK
     * when the removal is {@link #lazy}, else DEL. A shared array: callers must not change it.
     */
    public byte[] deletionCommand(Removal why) {
        return lazy(why) ? UNLINK : DEL;
    }

    /**
     * A value a command built and drops without storing it (SUNION's and SDIFF's result set, which
     * Redis frees with freeObjAsync under lazyfree-lazy-server-del): told to the reclaimer as a
     * removal for {@code why}.
     */
    public void release(Object value, Removal why) {
        reclaimer.released(value, why);
    }

    /** The one place a database reports a value that left a key (see {@link Database}). */
    void released(Object old, Removal why) {
        reclaimer.released(old, why);
    }

    void flushed(long keys, boolean async) {
        reclaimer.flushed(keys, async);
    }

    /**
     * Redis's LRU clock: seconds, 24 bits, wrapping (LRU_CLOCK_MAX). The engine's cron sets it,
     * so a lookup stamps an entry with a plain field copy rather than a clock read.
     */
    public static int lruClock(long nowMillis) {
        return (int) ((nowMillis / 1000) & LRU_CLOCK_MAX);
    }

    /** Redis's LRU_CLOCK_MAX. */
    public static final int LRU_CLOCK_MAX = (1 << 24) - 1;

    // ---- access stamps: LRU times or LFU counters -----------------------------------------------
    //
    // Each entry carries 24 bits (KeyTable.Entry#meta) whose meaning follows maxmemory-policy, as
    // Redis's robj.lru field: with an LFU policy, the minute of the last access (16 bits, Unix
    // minutes modulo 2^16) above a logarithmic access counter (8 bits); otherwise the LRU clock of
    // the last access. Switching the policy does not convert stamps: old ones are read with the new
    // meaning until accesses rewrite them, as in Redis.

    /** Redis's LFU_INIT_VAL: the counter of a new key, so a new key is not evicted at once. */
    public static final int LFU_INIT_VAL = 5;
    /** The 16-bit minute clock of LFU stamps wraps here (Redis compares with 65535, not 65536). */
    private static final int LFU_MINUTES_MAX = 65535;

    private int lruClock;
    private int lfuMinutes;
    private boolean lfu;
    private boolean sharedIntegers = true;
    private int lfuLogFactor = 10;
    private int lfuDecayTime = 1;

    /**
     * Sets the clocks from the time (Unix ms): the engine calls it at boot and
     * on every cron tick, so stamps have Redis's resolution (the cached clock of serverCron).
     */
    public void clock(long nowMillis) {
        lruClock = lruClock(nowMillis);
        lfuMinutes = (int) ((nowMillis / 60_000) & 0xFFFF);
        pushStamps();
    }

    /**
     * The eviction settings that change how keys are stamped and reported (no eviction happens yet):
     * {@code maxmemory} bytes (0 = none), {@code maxmemory-policy}, {@code lfu-log-factor} and
     * {@code lfu-decay-time}.
     */
    public void evictionSettings(long maxmemory, String policy, int logFactor, int decayTime) {
        lfu = policy.endsWith("-lfu");
        // Redis's MAXMEMORY_FLAG_NO_SHARED_INTEGERS: with a memory limit and an LRU or LFU policy every
        // value needs its own stamp, so small integers are not shared.
        sharedIntegers = maxmemory == 0 || !(lfu || policy.endsWith("-lru"));
        lfuLogFactor = logFactor;
        lfuDecayTime = decayTime;
        pushStamps();
    }

    private void pushStamps() {
        int newEntry = lfu ? (lfuMinutes << 8) | LFU_INIT_VAL : lruClock;
        for (Database db : dbs) {
            db.stamps(lruClock, newEntry, lfu);
        }
    }

    /**
     * The access stamp RESTORE ... IDLETIME / FREQ gives a key, as Redis's objectSetLRUOrLFU: with
     * an LFU policy, the current minute above {@code freq} (when given, else -1: no change); with
     * any other policy, the LRU clock minus {@code idleSeconds} (when given), wrapped like the
     * clock. Returns -1 when the stamp is to stay as the new key got it.
     */
    public int restoredStamp(long freq, long idleSeconds) {
        if (lfu) {
            return freq >= 0 ? (lfuMinutes << 8) | (int) freq : -1;
        }
        if (idleSeconds < 0) {
            return -1;
        }
        long abs = lruClock - idleSeconds;
        if (abs < 0) {
            abs += LRU_CLOCK_MAX;
        }
        return (int) (abs & LRU_CLOCK_MAX);
    }

    /** Whether an LFU maxmemory-policy is selected (stamps are counters, OBJECT FREQ works). */
    public boolean lfu() {
        return lfu;
    }

    /** Whether small integers (0..9999) are shared objects in Redis under the current settings (OBJECT REFCOUNT). */
    public boolean sharedIntegers() {
        return sharedIntegers;
    }

    /**
     * Seconds since the LRU stamp {@code stamp}, as Redis's estimateObjectIdleTime: the clock wraps
     * after 2^24 s (194 days), and a stamp "ahead" of the clock is taken as one from before a wrap.
     */
    public long idleSeconds(int stamp) {
        stamp &= LRU_CLOCK_MAX;
        return lruClock >= stamp ? lruClock - stamp : (long) lruClock + (LRU_CLOCK_MAX - stamp);
    }

    /**
     * The access counter of the LFU stamp {@code stamp} after decay, Redis's LFUDecrAndReturn: one
     * point less per {@code lfu-decay-time} minutes since the stamp's minute (none when it is 0),
     * never below 0. Does not change the stamp (OBJECT FREQ).
     */
    public int lfuCounter(int stamp) {
        int counter = stamp & 0xFF;
        if (lfuDecayTime == 0) {
            return counter;
        }
        int then = (stamp >>> 8) & 0xFFFF;
        long elapsed = lfuMinutes >= then ? lfuMinutes - then : LFU_MINUTES_MAX - then + lfuMinutes;
        long periods = elapsed / lfuDecayTime;
        return periods > counter ? 0 : counter - (int) periods;
    }

    /**
     * The LFU stamp after one access, Redis's updateLFU: decay, then a logarithmic increment (at
     * most 255) that succeeds with probability 1 / ((counter - LFU_INIT_VAL) * lfu-log-factor + 1),
     * so counters below and at LFU_INIT_VAL always grow and high ones rarely; then the current minute.
     */
    int lfuAccess(int stamp) {
        int counter = lfuCounter(stamp);
        if (counter < 255) {
            double base = Math.max(0, counter - LFU_INIT_VAL);
            if (ThreadLocalRandom.current().nextDouble() < 1.0 / (base * lfuLogFactor + 1)) {
                counter++;
            }
        }
        return (lfuMinutes << 8) | counter;
    }

    /** SWAPDB: exchanges the contents of databases {@code a} and {@code b} (caller checked the range). */
    public void swap(int a, int b) {
        dbs[a].swapContents(dbs[b]);
    }

    /** The running or last snapshot's epoch (see Database's "snapshots"); 0..255. */
    private int snapshotEpoch;
    /** Snapshots begun since one last completed: their partial marks are stale once the epoch wraps. */
    private int snapshotsSinceComplete;

    /**
     * Begins a snapshot: a new epoch in every database, so every key is unsaved. After 200
     * snapshots that did not complete, every key is first stamped with the current epoch (O(n),
     * once in a long while), so the 8-bit epoch never comes back onto a stale mark.
     */
    public void beginSnapshot() {
        if (++snapshotsSinceComplete >= 200) {
            for (Database db : dbs) {
                db.markAllSaved();
            }
            snapshotsSinceComplete = 1;
        }
        snapshotEpoch = (snapshotEpoch + 1) & 0xFF;
        for (Database db : dbs) {
            db.snapshotEpoch(snapshotEpoch);
        }
    }

    /** The snapshot walked every key: each now holds the current epoch. */
    public void snapshotCompleted() {
        snapshotsSinceComplete = 0;
    }

    public int databaseCount() {
        return dbs.length;
    }

    /** Database {@code index} (0-based; caller checked the range). */
    public Database db(int index) {
        return dbs[index];
    }

    /** Empties every database (FLUSHALL SYNC). */
    public void flushAll() {
        flushAll(false);
    }

    /** Empties every database; {@code async} as FLUSHALL ASYNC (see {@link Database#flush(boolean)}). */
    public void flushAll(boolean async) {
        for (Database db : dbs) {
            db.flush(async);
        }
    }

    /** The key hash every database uses (for data types that keep their own {@link KeyTable}s). */
    public KeyHash hasher() {
        return hasher;
    }
}
