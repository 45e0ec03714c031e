package io.redisinternals.engine;

import io.redisinternals.command.KeyEvent;
import io.redisinternals.engine.config.Config;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.keyspace.dict.KeyTable;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * maxmemory enforcement, as Redis's evict.c: before each command ({@link Dispatcher}'s OOM seam)
 * and when {@code maxmemory} is lowered, {@link #perform} compares {@link Memory#used()} with the
 * limit and, over it, deletes keys chosen by {@code maxmemory-policy} until the excess is freed:
 * <ul>
 * <li>{@code allkeys-lru}/{@code -lfu}, {@code volatile-lru}/{@code -lfu}/{@code -ttl}: the best
 *     candidate of the {@link EvictionPool}, refilled with {@code maxmemory-samples} keys of every
 *     database (all keys, or those with a TTL) each time it is needed; scored by idle time (the
 *     key's LRU stamp), by 255 minus the decayed LFU counter, or by nearness of the expiry;</li>
 * <li>{@code allkeys-random}/{@code volatile-random}: some key of the next non-empty database,
 *     visiting the databases in turn;</li>
 * <li>{@code noeviction}: nothing; the caller rejects DENYOOM commands with -OOM.</li>
 * </ul>
 * An evicted key is deleted as a DEL would (WATCH, blocked clients and client tracking hear of it
 * through the key signals), raises the {@code evicted} keyspace event, propagates a DEL (UNLINK under
 * lazyfree-lazy-eviction) and counts
 * in {@code evicted_keys}. A pass stops after a time set by {@code maxmemory-eviction-tenacity};
 * the cron then goes on evicting (Redis's eviction time proc) and commands are not refused
 * meanwhile.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class Eviction {

    /** What {@link #perform} found, as Redis's EVICT_OK / EVICT_RUNNING / EVICT_FAIL. */
    public enum Result {
        /** Under the limit (or eviction is not possible now, e.g. clients are paused). */
        OK,
        /** Still over the limit, but a pass ran out of time with keys left to evict: the cron goes on. */
        RUNNING,
        /** Over the limit and nothing (more) can be evicted: DENYOOM commands must be refused. */
        FAIL
    }

    private enum Policy {
        VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL, ALLKEYS_LRU, ALLKEYS_LFU, ALLKEYS_RANDOM,
        NOEVICTION;

        boolean allKeys() {
            return this == ALLKEYS_LRU || this == ALLKEYS_LFU || this == ALLKEYS_RANDOM;
        }

        boolean pooled() {
            return this != VOLATILE_RANDOM && this != ALLKEYS_RANDOM && this != NOEVICTION;
        }

        static Policy of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Redis checks the time limit every 16 evicted keys. */
    private static final int KEYS_PER_TIME_CHECK = 16;

    private final Engine engine;
    private final Keyspace keyspace;
    private final Memory memory;
    private final Effects effects;
    private final EvictionPool pool = new EvictionPool();

    private long maxmemory;
    private Policy policy;
    private int samples;
    private int tenacity;
    /** A pass ran out of time over the limit: the cron continues (Redis's isEvictionProcRunning). */
    private boolean running;
    /** The database the random policies try next (Redis's static next_db). */
    private int nextDb;
    /** Keys evicted since start or CONFIG RESETSTAT (INFO evicted_keys). */
    private long evictedKeys;

    Eviction(Engine engine, Memory memory, Effects effects) {
        this.engine = engine;
        this.keyspace = engine.keyspace();
        this.memory = memory;
        this.effects = effects;
        Config config = engine.config();
        settings(config);
        for (String name : new String[] {"maxmemory-policy", "maxmemory-samples", "maxmemory-eviction-tenacity"}) {
            config.onChange(name, v -> settings(config));
        }
        if (maxmemory > 0 && maxmemory < 1024 * 1024) {
            LOG.log(System.Logger.Level.WARNING, "WARNING: You specified a maxmemory value that is less than 1MB (current value is "
                    + Long.toUnsignedString(maxmemory) + " bytes). Are you sure this is what you really want?");
        }
        // As Redis's updateMaxmemory: a lower limit takes effect at once, not at the next command.
        config.onChange("maxmemory", v -> {
            settings(config);
            if (maxmemory > 0) {
                long used = memory.used();
                if (Long.compareUnsigned(maxmemory, used) < 0) {
                    LOG.log(System.Logger.Level.WARNING, "WARNING: the new maxmemory value set via CONFIG SET ("
                            + Long.toUnsignedString(maxmemory) + ") is smaller than the current memory usage (" + used
                            + "). This will result in key eviction and/or the inability to accept new write commands"
                            + " depending on the maxmemory-policy.");
                }
            }
            perform();
        });
    }

    private static final System.Logger LOG = System.getLogger(Eviction.class.getName());

    private void settings(Config config) {
        maxmemory = Long.parseUnsignedLong(config.get("maxmemory"));
        Policy p = Policy.of(config.get("maxmemory-policy"));
        if (p != policy) {
            pool.clear(); // scores of another policy mean nothing under this one
        }
        policy = p;
        samples = config.intValue("maxmemory-samples");
        tenacity = config.intValue("maxmemory-eviction-tenacity");
    }

    /** Whether a limit is set (the dispatcher's check costs nothing otherwise). */
    public boolean limited() {
        return maxmemory != 0;
    }

    /** INFO evicted_keys. */
    public long evictedKeys() {
        return evictedKeys;
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        evictedKeys = 0;
    }

    /**
     * Whether evicting keys is allowed now (Redis's isSafeToPerformEvictions): not while clients
     * are paused, when the dataset must stay still for whoever paused them.
     */
    private boolean safe() {
        return !clientsPaused();
    }

    /**
     * CLIENT PAUSE in effect (WRITE or ALL): as Redis's isPausedActionsWithUpdate, whoever paused
     * the clients (a failover, an operator) expects the dataset to stay still, so nothing is evicted.
     */
    private boolean clientsPaused() {
        return engine.clientPause().datasetFrozen(System.currentTimeMillis());
    }

    /** Redis's evictionTimeLimitUs, in nanoseconds: linear to 500 us at 10, then 15% per step, unlimited at 100. */
    static long timeLimitNanos(int tenacity) {
        if (tenacity <= 10) {
            return 50_000L * tenacity;
        }
        if (tenacity < 100) {
            return (long) (500.0 * Math.pow(1.15, tenacity - 10.0)) * 1000;
        }
        return Long.MAX_VALUE;
    }

    /** The cron's part: goes on with a pass that ran out of time (Redis's evictionTimeProc). */
    void cron() {
        if (running) {
            perform();
        }
    }

    /**
     * Redis's performEvictions: frees memory down to {@code maxmemory} if over it. Called before
     * every command while a limit is set, by the cron while a pass is unfinished, and when
     * {@code maxmemory} changes.
     */
    public Result perform() {
        if (maxmemory == 0 || !safe()) {
            return Result.OK;
        }
        long used = memory.used();
        if (used <= maxmemory) {
            running = false;
            return Result.OK;
        }
        if (policy == Policy.NOEVICTION) {
            return Result.FAIL;
        }
        long toFree = used - maxmemory;
        long freed = 0;
        long keysFreed = 0;
        long limit = timeLimitNanos(tenacity);
        long started = System.nanoTime();
        Result result = Result.FAIL;
        // Eviction is nobody's write: no client's NOLOOP applies to its invalidations (Redis passes
        // a NULL client to signalModifiedKey).
        Session current = engine.current();
        engine.current(null);
        try {
            running = false;
            while (true) {
                if (freed >= toFree) {
                    result = Result.OK;
                    break;
                }
                Candidate c = policy.pooled() ? fromPool() : random();
                if (c == null) {
                    break; // nothing left to evict: FAIL
                }
                Database db = keyspace.db(c.db);
                long before = db.datasetBytes() + db.tableOverheadBytes();
                long t0 = System.nanoTime();
                evict(db, c.key);
                engine.diagnostics().latencyEvent("eviction-del", (System.nanoTime() - t0) / 1_000_000);
                freed += before - (db.datasetBytes() + db.tableOverheadBytes());
                keysFreed++;
                if (keysFreed % KEYS_PER_TIME_CHECK == 0 && System.nanoTime() - started > limit) {
                    running = true; // the cron takes over
                    result = Result.RUNNING;
                    break;
                }
            }
        } finally {
            engine.current(current);
            effects.flush(true); // the DELs go out as independent commands (Redis's propagate_no_multi)
        }
        // No command's time: the command that triggered the cycle starts after it (CommandClock).
        engine.diagnostics().latencyEvent("eviction-cycle", (engine.clock().mark() - started) / 1_000_000);
        return result;
    }

    /**
     * Deletes one key as Redis's performEvictions does: signal, event, propagation (UNLINK under
     * {@code lazyfree-lazy-eviction}, else DEL), counter.
     */
    private void evict(Database db, byte[] key) {
        db.remove(key, Removal.EVICTION); // signals the key as modified: WATCH, blocked clients, tracking
        evictedKeys++;
        effects.keyEvent(db.index(), KeyEvent.EVICTED, "evicted", key);
        if (effects.propagating()) {
            byte[] command = keyspace.deletionCommand(Removal.EVICTION);
            effects.alsoPropagate(db.index(), new byte[][] {command, key.clone()});
        }
    }

    private record Candidate(int db, byte[] key) {
    }

    /**
     * The best pooled candidate that still exists (and still has a TTL, for the volatile policies),
     * refilling the pool from every database each time it is needed; null if no database has a
     * key the policy may evict.
     */
    private Candidate fromPool() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (true) {
            long total = 0;
            for (int i = 0; i < keyspace.databaseCount(); i++) {
                Database db = keyspace.db(i);
                long n = policy.allKeys() ? db.size() : db.expiresCount();
                if (n != 0) {
                    populate(i, db, n, rnd);
                    total += n;
                }
            }
            if (total == 0) {
                return null;
            }
            for (int k = pool.best(); k >= 0; k--) {
                byte[] key = pool.key(k);
                int dbIndex = pool.db(k);
                pool.take(k);
                Database db = keyspace.db(dbIndex);
                boolean present = policy.allKeys() ? db.containsKey(key) : db.getExpire(key) != -1;
                if (present) {
                    return new Candidate(dbIndex, key);
                }
                // a ghost (deleted or persisted since it was sampled): try the next best
            }
        }
    }

    /** Redis's evictionPoolPopulate: {@code maxmemory-samples} keys of {@code db} offered to the pool. */
    private void populate(int dbIndex, Database db, long keys, ThreadLocalRandom rnd) {
        long count = Math.min(samples, keys);
        for (long j = 0; j < count; j++) {
            byte[] key;
            long score;
            if (policy.allKeys()) {
                KeyTable.Entry<Object> e = db.sampleKey(rnd);
                key = e.key();
                score = score(e.meta());
            } else {
                KeyTable.Entry<Long> x = db.randomExpiringKey(rnd);
                key = x.key();
                if (policy == Policy.VOLATILE_TTL) {
                    score = Long.MAX_VALUE - x.value(); // the sooner it expires, the better
                } else {
                    KeyTable.Entry<Object> e = db.peekEntry(key);
                    if (e == null) {
                        continue;
                    }
                    score = score(e.meta());
                }
            }
            pool.offer(dbIndex, key, score);
        }
    }

    /** The LRU or LFU score of an access stamp: idle seconds, or 255 minus the decayed counter. */
    private long score(int stamp) {
        return policy == Policy.ALLKEYS_LFU || policy == Policy.VOLATILE_LFU
                ? 255 - keyspace.lfuCounter(stamp)
                : keyspace.idleSeconds(stamp);
    }

    /** The random policies: some key of the next non-empty database, or null if there is none. */
    private Candidate random() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int n = keyspace.databaseCount();
        for (int i = 0; i < n; i++) {
            nextDb = (nextDb + 1) % n;
            Database db = keyspace.db(nextDb);
            if (policy.allKeys() ? db.size() != 0 : db.expiresCount() != 0) {
                byte[] key = policy.allKeys() ? db.sampleKey(rnd).key() : db.randomExpiringKey(rnd).key();
                return new Candidate(nextDb, key);
            }
        }
        return null;
    }
}
