package io.redisinternals.keyspace;

import io.redisinternals.resp.Argv;

/**
 * Key signals: what the storage tells the engine about its keys, so that WATCH, blocked clients,
 * keyspace events and propagation (and later client tracking and snapshots) learn of every change
 * from one place instead of each command calling them. A {@link Database} calls its listener, if
 * it has one, synchronously, under the execution lock, after the change, except
 * {@link #beforeWrite} and {@link #flushing}, which come before it. With no listener set the cost
 * of a signal is one field check.
 *
 * <p>Keys passed as an argument slice ({@code argv}, {@code i}) are valid during the call only;
 * copy them to keep them.
 */
public interface KeyListener {

    /**
     * The key was written, deleted or expired (Redis's signalModifiedKey): the key in argument
     * {@code i} of {@code argv}.
     */
    void keyModified(Database db, Argv argv, int i);

    /** {@link #keyModified(Database, Argv, int)} for a key held as an array. */
    void keyModified(Database db, byte[] key);

    /** Every key of {@code db} is about to be removed (FLUSHDB, FLUSHALL); its keys are still there. */
    void flushing(Database db);

    /**
     * {@code a} and {@code b} have exchanged their keys (SWAPDB): each kept its number, so who
     * waits on or watches a key by database number now sees the other contents.
     */
    void swapped(Database a, Database b);

    /**
     * The key is about to be written, replaced or removed, and {@code value} is what it holds now:
     * called by a write lookup ({@link Lookup#WRITE}, which every in-place mutation of a stored value
     * starts with), by every mutator that replaces or removes an existing value (put, overwrite,
     * remove, expiry) and by a TTL change (setExpire, removeExpire). A snapshot serialises the old
     * state (value and TTL) here; it may come twice for one write
     * (a write lookup, then the replacing put), so a listener must be idempotent per key and write.
     * {@code key} is the stored key array: do not change it.
     */
    default void beforeWrite(Database db, byte[] key, Object value) {
    }

    /** A key that did not exist was added (Redis's dbAdd, the {@code new} event). */
    default void keyAdded(Database db, byte[] key) {
    }

    /**
     * The key's time had passed and it was removed, lazily by a lookup or by the active expiry cycle
     * (after {@link #keyModified}): the {@code expired} event and the propagated DEL come from here.
     */
    default void expired(Database db, byte[] key) {
    }
}
