package io.redisinternals.keyspace;

import io.redisinternals.resp.Argv;

/**
 * One numbered database: the key dictionary (and, from the data-types issues on, the expiry
 * table). Keys are binary-safe byte strings; lookups take the key straight from the request's
 * argument slice, so a read copies nothing.
 *
 * <p>Values are the data-type objects of this module (for now byte[] strings).
 * Threading: used under the engine's execution lock only.
 */
public final class Database {

    public int index() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Number of keys. */
    public long size() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Number of keys with a TTL (INFO keyspace {@code expires=}). */
    public long expiresCount() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The value of the key in argument {@code i}, or null. */
    public Object get(Argv argv, int i) {
        throw new UnsupportedOperationException("TODO");
    }

    public Object get(byte[] key) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sets the key (copied from argument {@code i}) to {@code value}, replacing any value. */
    public void put(Argv argv, int i, Object value) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sets {@code key} (not copied: the caller gives up the array) to {@code value}. */
    public void put(byte[] key, Object value) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Removes the key in argument {@code i}; true if it existed. */
    public boolean remove(Argv argv, int i) {
        throw new UnsupportedOperationException("TODO");
    }

    public boolean containsKey(Argv argv, int i) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Removes every key. */
    public void flush() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * One SCAN step, with Redis's reverse-binary cursor: visits every key of at least one bucket
     * (both tables during a rehash) and returns the next cursor, 0 when the scan is complete. Every
     * key present for the whole scan is visited at least once, even if the table resizes.
     */
    public long scan(long cursor, java.util.function.Consumer<byte[]> visitor) {
        throw new UnsupportedOperationException("TODO");
    }
}
