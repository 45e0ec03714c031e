package io.redisinternals.engine;

import io.redisinternals.engine.config.Config;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.Reclaimer;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.keyspace.types.ValueType;
import io.redisinternals.resp.Argv;

/**
 * Lazy freeing as Redis 7.0 shows it (lazyfree.c): the {@code lazyfree-lazy-*} settings, which
 * removals are "lazy", and INFO's {@code lazyfreed_objects} / {@code lazyfree_pending_objects}.
 * Every value that leaves a database reaches {@link #released} through the storage's one seam
 * ({@link Reclaimer}), with the reason it left.
 *
 * <h2>What freeing costs here</h2>
 * Redis frees a value by walking it (one free per allocation), so deleting a million-member hash
 * blocks its main thread for hundreds of milliseconds unless the value goes to the lazy-free
 * thread. Here a removed value is simply no longer referenced: removal and FLUSHALL are O(1) on
 * the request path whatever the size (the table arrays are dropped whole), and the garbage
 * collector reclaims the memory on its own threads, concurrently. So "lazy" changes nothing in how
 * memory is reclaimed; what it changes is what clients observe, and that is what this class keeps:
 * <ul>
 * <li>{@code lazyfreed_objects} counts what Redis's lazy-free thread would have freed: a value
 *     removed lazily whose free effort ({@link ValueType#freeEffort}) is above
 *     {@value #THRESHOLD} (Redis's LAZYFREE_THRESHOLD; smaller ones Redis frees at once), the keys
 *     of a database flushed ASYNC (emptyDbAsync counts the table's size), and the keys of the
 *     client-tracking table dropped by an ASYNC flush;</li>
 * <li>{@code lazyfree_pending_objects} is always 0: nothing is queued. Redis counts objects handed
 *     to its thread and not freed yet; here there is no queue whose length could be reported (the
 *     collector's backlog is not per object), and a value is counted as freed when it is handed
 *     over, where Redis counts it a moment later on its thread;</li>
 * <li>what an expired or evicted key propagates as: UNLINK when its removal is lazy
 *     ({@link Keyspace#lazy}), DEL otherwise.</li>
 * </ul>
 * Which removal is lazy (Redis's callers of dbAsyncDelete, dbSyncDelete, dbDelete and dbOverwrite):
 * UNLINK always; DEL and GETDEL under {@code lazyfree-lazy-user-del}; expiry, lazy or active, and
 * EXPIRE or GETEX to a past time under {@code lazyfree-lazy-expire}; eviction under
 * {@code lazyfree-lazy-eviction}; every other delete or replacement a command makes (SET over a
 * key, a STORE destination, RENAME's old destination, the set SPOP rebuilds, SUNION's temporary
 * result) under {@code lazyfree-lazy-server-del}; FLUSHDB and FLUSHALL without ASYNC|SYNC under
 * {@code lazyfree-lazy-user-flush}. {@code replica-lazy-flush} is a setting only (no replication).
 *
 * <p>Threading: {@link #released}, {@link #flush} and the counters run under the execution lock;
 * the settings are written by CONFIG SET (also under it) and read as volatile fields.
 */
public final class LazyFree implements Reclaimer {

    /** Redis's LAZYFREE_THRESHOLD: a value of at most this many allocations is freed at once even when lazy. */
    public static final int THRESHOLD = 64;

    private final Keyspace keyspace;
    private final Tracking tracking;

    private volatile boolean lazyEviction;
    private volatile boolean lazyExpire;
    private volatile boolean lazyServerDel;
    private volatile boolean lazyUserDel;
    private volatile boolean lazyUserFlush;

    /** INFO lazyfreed_objects: since start or CONFIG RESETSTAT. */
    private long freedObjects;

    LazyFree(Config config, Keyspace keyspace, Tracking tracking) {
        this.keyspace = keyspace;
        this.tracking = tracking;
        lazyEviction = yes(config, "lazyfree-lazy-eviction");
        lazyExpire = yes(config, "lazyfree-lazy-expire");
        lazyServerDel = yes(config, "lazyfree-lazy-server-del");
        lazyUserDel = yes(config, "lazyfree-lazy-user-del");
        lazyUserFlush = yes(config, "lazyfree-lazy-user-flush");
        config.onChange("lazyfree-lazy-eviction", v -> lazyEviction = v.equals("yes"));
        config.onChange("lazyfree-lazy-expire", v -> lazyExpire = v.equals("yes"));
        config.onChange("lazyfree-lazy-server-del", v -> lazyServerDel = v.equals("yes"));
        config.onChange("lazyfree-lazy-user-del", v -> lazyUserDel = v.equals("yes"));
        config.onChange("lazyfree-lazy-user-flush", v -> lazyUserFlush = v.equals("yes"));
    }

    private static boolean yes(Config config, String name) {
        return config.get(name).equals("yes");
    }

    @Override
    public boolean lazy(Removal why) {
        return switch (why) {
            case UNLINK -> true;
            case USER_DEL -> lazyUserDel;
            case EXPIRE -> lazyExpire;
            case EVICTION -> lazyEviction;
            case SERVER -> lazyServerDel;
            case RETAINED -> false;
        };
    }

    /**
     * Redis's freeObjAsync after a lazy removal: a value of more than {@value #THRESHOLD} allocations
     * goes to the lazy-free thread and is counted once freed; anything smaller is freed at once.
     */
    @Override
    public void released(Object value, Removal why) {
        if (lazy(why) && ValueType.of(value).freeEffort(value) > THRESHOLD) {
            freedObjects++;
        }
    }

    /** Redis's emptyDbAsync: every key of a database flushed ASYNC counts as one lazily freed object. */
    @Override
    public void flushed(long keys, boolean async) {
        if (async) {
            freedObjects += keys;
        }
    }

    /**
     * Whether FLUSHDB / FLUSHALL {@code argv} (already checked: no argument, ASYNC or SYNC) flushes
     * asynchronously, as Redis's getFlushCommandFlags: as told, or by {@code lazyfree-lazy-user-flush}.
     */
    public boolean flushAsync(Argv argv) {
        return argv.count() == 1 ? lazyUserFlush : argv.equalsIgnoreCase(1, "async");
    }

    /**
     * FLUSHDB ({@code db} >= 0) or FLUSHALL ({@code db} = -1), as Redis's emptyData: the databases'
     * tables are dropped (each reports its keys through {@link #flushed}), and the client-tracking
     * table, which either flush empties (see {@link Tracking}), counts its keys when dropped ASYNC.
     * Redis does so when its radix tree has more than {@value #THRESHOLD} nodes; we have no radix
     * tree, and count when it holds more than {@value #THRESHOLD} keys (a tree has at least one node
     * per key, so the two agree above that).
     */
    public void flush(int db, boolean async) {
        long tracked = tracking.totalKeys();
        if (async && tracked > THRESHOLD) {
            freedObjects += tracked;
        }
        if (db < 0) {
            keyspace.flushAll(async);
        } else {
            keyspace.db(db).flush(async);
        }
    }

    /** INFO lazyfreed_objects. */
    public long freedObjects() {
        return freedObjects;
    }

    /** INFO lazyfree_pending_objects: always 0, nothing waits in a queue (see the class comment). */
    public long pendingObjects() {
        return 0;
    }

    /** CONFIG RESETSTAT (Redis's lazyfreeResetStats). */
    public void resetStats() {
        freedObjects = 0;
    }
}
