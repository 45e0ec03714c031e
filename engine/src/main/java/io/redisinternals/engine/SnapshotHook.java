package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;

/**
 * What a running point-in-time snapshot (persistence's BGSAVE, AOF rewrite) must hear of every
 * database while it walks them: a key about to change, a database about to be emptied, two
 * databases swapped. Installed with {@link Engine#snapshotHook}; while none is, a write pays one
 * null check for it.
 *
 * <p>Threading: called under the execution lock, synchronously, before the change (swapped:
 * right after it).
 */
public interface SnapshotHook {

    /** {@code key} (the stored array) of {@code db} is about to be written, replaced, expired or removed; it holds {@code value}. */
    void beforeWrite(Database db, byte[] key, Object value);

    /** Every key of {@code db} is about to be removed (FLUSHDB, FLUSHALL, a reload). */
    void flushing(Database db);

    /** {@code a} and {@code b} have just exchanged their contents (SWAPDB). */
    void swapped(Database a, Database b);
}
