package io.redisinternals.persistence.snapshot;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.SnapshotHook;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import java.io.IOException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * A point-in-time view of every database, without fork: visits each (db, key, value, expire,
 * stamp) that existed when the snapshot began, exactly once, as it was then, and feeds it to a
 * {@link Sink} (the RDB writer, or an AOF rewrite's base writer) while clients keep writing.
 *
 * <p>The algorithm (docs/ARCHITECTURE.md "Snapshots and RDB files"): {@link Keyspace#beginSnapshot}
 * moves every database to a new epoch, so every key is "unsaved" in O(1) (a mark in the entry's
 * meta word). A walk then takes the execution lock in short slices (at most {@link #SLICE_KEYS}
 * keys or {@link #SLICE_NANOS}), advancing each database's SCAN cursor (reverse binary: a key
 * present for the whole walk is visited at least once even across rehashes); each unsaved key
 * found is handed to the sink and marked saved, so duplicates are skipped. Between slices the
 * lock is free and the sink writes its buffer out. Meanwhile, this is the engine's
 * {@link SnapshotHook}: a write about to change an unsaved key hands the key's old state to the
 * sink first (in the writer's thread, under the lock) and marks it; keys created after the start
 * carry the new epoch already, so they are not part of it. A database about to be flushed has its
 * unsaved rest handed over first; after a SWAPDB each side's unsaved rest goes out under the
 * other's number.
 *
 * <p>Threading: {@link #walkInSlices()} on the snapshot's own thread; every sink call but
 * {@link Sink#drain()} under the execution lock. One background snapshot at a time (a BGSAVE or
 * an AOF rewrite, as Redis's one child); {@link #saveLocked} may run meanwhile.
 */
public final class Snapshot implements SnapshotHook {

    /** At most this many keys per slice under the lock. */
    static final int SLICE_KEYS = 1000;
    /** And at most about this long. */
    static final long SLICE_NANOS = 1_000_000;

    /** Where the snapshot's keys go. */
    public interface Sink {
        /** Under the lock: the walk begins database {@code db}, which had these sizes when the snapshot began. */
        void database(int db, long keys, long expires);

        /** Under the lock: one key of the snapshot, in database {@code db}, as it was when the snapshot began. */
        void key(int db, byte[] key, Object value, long expireAtMillis, int accessStamp);

        /** Under the lock: the end of a slice; what was handed over since the last one is to be drained. */
        void endSlice();

        /** Without the lock: writes out what the last {@link #endSlice} set aside. */
        void drain() throws IOException;
    }

    private final Engine engine;
    private final Keyspace keyspace;
    private final Sink sink;
    private final long[] sizes;
    private final long[] expires;
    /** Microseconds to sleep per key walked (rdb-key-save-delay), 0 for none. */
    private final long keyDelayMicros;
    private volatile long keysProcessed;
    private final long keysTotal;
    private volatile boolean cancelled;

    /**
     * Begins a background snapshot of {@code engine}'s databases and installs it as the engine's
     * snapshot hook; the caller holds the execution lock.
     */
    public Snapshot(Engine engine, Sink sink, long keyDelayMicros) {
        this.engine = engine;
        this.keyspace = engine.keyspace();
        this.sink = sink;
        this.keyDelayMicros = Math.max(0, keyDelayMicros);
        int n = keyspace.databaseCount();
        sizes = new long[n];
        expires = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            sizes[i] = keyspace.db(i).size();
            expires[i] = keyspace.db(i).expiresCount();
            total += sizes[i];
        }
        keysTotal = total;
        keyspace.beginSnapshot();
        engine.snapshotHook(this);
    }

    /** Keys handed to the sink so far (INFO current_save_keys_processed). */
    public long keysProcessed() {
        return keysProcessed;
    }

    /** Keys when the snapshot began (INFO current_save_keys_total). */
    public long keysTotal() {
        return keysTotal;
    }

    /** Asks the walk to stop at its next slice (it then fails with an IOException). */
    public void cancel() {
        cancelled = true;
    }

    /**
     * The whole dataset with the lock held throughout (SAVE, DEBUG RELOAD, a shutdown save, a base
     * file at startup): no write can come, so no marks and no hook; it neither reads nor touches a
     * running background snapshot's marks, so it may run while one is in progress. The sink
     * drains every {@link #SLICE_KEYS} keys; {@code keyDelayMicros} sleeps per key
     * (rdb-key-save-delay).
     */
    public static void saveLocked(Engine engine, Sink sink, long keyDelayMicros) throws IOException {
        Keyspace keyspace = engine.keyspace();
        long delayNanos = Math.max(0, keyDelayMicros) * 1000;
        long[] inSlice = new long[1];
        try {
            for (int i = 0; i < keyspace.databaseCount(); i++) {
                Database db = keyspace.db(i);
                if (db.size() == 0) {
                    continue;
                }
                sink.database(i, db.size(), db.expiresCount());
                int index = i;
                db.forEachForSave((k, v, when, stamp) -> {
                    sink.key(index, k, v, when, stamp);
                    if (delayNanos > 0) {
                        LockSupport.parkNanos(delayNanos);
                    }
                    if (++inSlice[0] == SLICE_KEYS) {
                        inSlice[0] = 0;
                        sink.endSlice();
                        try {
                            sink.drain();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        sink.endSlice();
        sink.drain();
    }

    /**
     * The background walk: slices under the lock, drains between them. On return (normally or by
     * an exception) the hook is removed.
     */
    public void walkInSlices() throws IOException {
        Lock lock = engine.executionLock();
        boolean completed = false;
        try {
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] == 0) {
                    continue;
                }
                Database db = keyspace.db(i);
                long cursor = 0;
                boolean first = true;
                do {
                    long walked;
                    lock.lock();
                    try {
                        if (first) {
                            sink.database(i, sizes[i], expires[i]);
                            first = false;
                        }
                        long start = System.nanoTime();
                        long before = keysProcessed;
                        int limit = keyDelayMicros > 0 ? 1 : SLICE_KEYS;
                        do {
                            cursor = db.snapshotScan(cursor, (k, v, when, stamp) -> handOver(db.index(), k, v, when, stamp));
                        } while (cursor != 0 && keysProcessed - before < limit && System.nanoTime() - start < SLICE_NANOS);
                        walked = keysProcessed - before;
                        sink.endSlice();
                    } finally {
                        lock.unlock();
                    }
                    sink.drain();
                    giveWay(lock);
                    if (walked > 0 && keyDelayMicros > 0) {
                        LockSupport.parkNanos(walked * keyDelayMicros * 1000);
                    }
                    if (cancelled) {
                        throw new IOException("snapshot cancelled");
                    }
                } while (cursor != 0);
            }
            completed = true;
        } finally {
            lock.lock();
            try {
                engine.snapshotHook(null);
                if (completed) {
                    keyspace.snapshotCompleted();
                }
                sink.endSlice();
            } finally {
                lock.unlock();
            }
        }
        sink.drain(); // what the last writes handed over
    }

    /** At most this long between slices for clients queued on the lock to get it first. */
    static final long GIVE_WAY_NANOS = 2_000_000;

    /**
     * Lets the clients waiting for the lock go first: the engine's lock is not fair, so without
     * this the walk, which asks again at once, would often take several slices in a row while a
     * client's thread is still being woken up (its latency, not the walk's, is what matters).
     */
    private static void giveWay(Lock lock) {
        if (!(lock instanceof java.util.concurrent.locks.ReentrantLock rl)) {
            return;
        }
        long until = System.nanoTime() + GIVE_WAY_NANOS;
        while (rl.hasQueuedThreads() && System.nanoTime() - until < 0) {
            Thread.yield();
        }
    }

    private void handOver(int db, byte[] key, Object value, long when, int stamp) {
        keysProcessed++;
        sink.key(db, key, value, when, stamp);
    }

    @Override
    public void beforeWrite(Database db, byte[] key, Object value) {
        db.snapshotKey(key, (k, v, when, stamp) -> handOver(db.index(), k, v, when, stamp));
    }

    @Override
    public void flushing(Database db) {
        db.snapshotRest((k, v, when, stamp) -> handOver(db.index(), k, v, when, stamp));
    }

    @Override
    public void swapped(Database a, Database b) {
        // a now holds what b held when the snapshot began (and the other way round)
        a.snapshotRest((k, v, when, stamp) -> handOver(b.index(), k, v, when, stamp));
        b.snapshotRest((k, v, when, stamp) -> handOver(a.index(), k, v, when, stamp));
    }
}
