package io.redisinternals.keyspace;

import io.redisinternals.resp.Argv;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One numbered database: the key dictionary and the expiry table. Keys are binary-safe byte
 * strings; lookups take the key straight from the request's argument slice, so a read copies
 * nothing.
 *
 * <p>Values are the data-type objects of this module (for now byte[] strings).
 * Threading: used under the engine's execution lock only.
 *
 * <h2>Expiry</h2>
 * As in Redis, a key's TTL lives in a second table, {@code expires}, mapping the key to its
 * absolute expiry time in Unix milliseconds. The expires table stores the very same key array as
 * the main table (no second copy of the key), and it only ever holds keys that exist in the main
 * table: {@link #remove} and {@link #flush} clear the TTL too, and {@link #put} drops it (SET
 * semantics: a new value has no TTL unless the command says KEEPTTL, which replaces the value via
 * {@link #overwrite}).
 *
 * <p>Expired keys are removed two ways, as Redis does:
 * <ul>
 * <li><b>lazily</b>: a command calls {@link #expireIfNeeded(Argv, int, long)} with its command
 *     time ({@code CommandContext.nowMillis()}) before it looks a key up. The check costs nothing
 *     while no key has a TTL. This is the single hook point where the engine will later add the
 *     side effects of an expiry (propagating a DEL to AOF/replicas, the {@code expired} keyspace
 *     notification, the {@code expired_keys} counter);</li>
 * <li><b>actively</b>: a periodic task samples {@link #randomExpiringKey} and removes the
 *     expired ones (the next issue).</li>
 * </ul>
 */
public final class Database {

    private final int index;
    private final KeyTable<Object> keys;
    private final KeyTable<Long> expires;

    Database(int index, KeyHash hasher) {
        this.index = index;
        this.keys = new KeyTable<>(hasher);
        this.expires = new KeyTable<>(hasher);
    }

    public int index() {
        return index;
    }

    /** Number of keys. */
    public long size() {
        return keys.size();
    }

    /** Number of keys with a TTL (INFO keyspace {@code expires=}). */
    public long expiresCount() {
        return expires.size();
    }

    // ---- lookups ------------------------------------------------------------------------------

    /** The value of the key in argument {@code i}, or null. */
    public Object get(Argv argv, int i) {
        return keys.get(argv, i);
    }

    public Object get(byte[] key) {
        return keys.get(key);
    }

    public boolean containsKey(Argv argv, int i) {
        return keys.containsKey(argv, i);
    }

    public boolean containsKey(byte[] key) {
        return keys.containsKey(key);
    }

    /**
     * The entry of the key in argument {@code i}, or null: lets a command read the stored key and
     * replace the value in place ({@link KeyTable.Entry#setValue}, keeping any TTL) with one lookup.
     */
    public KeyTable.Entry<Object> entry(Argv argv, int i) {
        return keys.entry(argv, i);
    }

    // ---- updates ------------------------------------------------------------------------------

    /**
     * Sets the key (copied from argument {@code i}, only if new) to {@code value}, replacing any
     * value and dropping any TTL (Redis's {@code setKey}).
     */
    public void put(Argv argv, int i, Object value) {
        Object old = keys.put(argv, i, value);
        if (old != null && !expires.isEmpty()) {
            expires.remove(argv, i);
        }
    }

    /** Sets {@code key} (not copied: the caller gives up the array) to {@code value}; drops any TTL. */
    public void put(byte[] key, Object value) {
        Object old = keys.put(key, value);
        if (old != null && !expires.isEmpty()) {
            expires.remove(key);
        }
    }

    /**
     * Sets the key in argument {@code i} to {@code value} keeping its TTL if it has one (SET ...
     * KEEPTTL, and commands that modify a value rather than replace the key).
     */
    public void overwrite(Argv argv, int i, Object value) {
        keys.put(argv, i, value);
    }

    /** Removes the key in argument {@code i} and its TTL; true if it existed. */
    public boolean remove(Argv argv, int i) {
        if (keys.remove(argv, i) == null) {
            return false;
        }
        if (!expires.isEmpty()) {
            expires.remove(argv, i);
        }
        return true;
    }

    /** Removes {@code key} and its TTL; true if it existed. */
    public boolean remove(byte[] key) {
        if (keys.remove(key) == null) {
            return false;
        }
        if (!expires.isEmpty()) {
            expires.remove(key);
        }
        return true;
    }

    /** Removes every key. */
    public void flush() {
        keys.clear();
        expires.clear();
    }

    // ---- expiry -------------------------------------------------------------------------------

    /**
     * Sets the absolute expiry time (Unix ms) of the key in argument {@code i}, which must exist.
     * The expires table shares the main table's key array.
     *
     * @throws IllegalStateException if the key does not exist
     */
    public void setExpire(Argv argv, int i, long whenMillis) {
        KeyTable.Entry<Object> e = keys.entry(argv, i);
        if (e == null) {
            throw new IllegalStateException("setExpire on a missing key");
        }
        expires.put(e.key(), whenMillis);
    }

    /** Expiry time (Unix ms) of the key in argument {@code i}, or -1 if it has none (or does not exist). */
    public long getExpire(Argv argv, int i) {
        if (expires.isEmpty()) {
            return -1;
        }
        Long when = expires.get(argv, i);
        return when == null ? -1 : when;
    }

    /** Expiry time (Unix ms) of {@code key}, or -1. */
    public long getExpire(byte[] key) {
        if (expires.isEmpty()) {
            return -1;
        }
        Long when = expires.get(key);
        return when == null ? -1 : when;
    }

    /** Drops the TTL of the key in argument {@code i} (PERSIST); true if it had one. */
    public boolean removeExpire(Argv argv, int i) {
        return !expires.isEmpty() && expires.remove(argv, i) != null;
    }

    /**
     * The lazy-expiry hook: removes the key in argument {@code i} if its expiry time has passed,
     * that is {@code nowMillis > when}, strictly, as Redis 7.0's {@code keyIsExpired}. Commands call
     * it before looking the key up.
     *
     * @return true if the key was expired and removed
     */
    public boolean expireIfNeeded(Argv argv, int i, long nowMillis) {
        if (expires.isEmpty()) {
            return false;
        }
        Long when = expires.get(argv, i);
        if (when == null || nowMillis <= when) {
            return false;
        }
        remove(argv, i);
        return true;
    }

    /**
     * A random key with a TTL and its expiry time, for active expiry sampling; null if none.
     * The entry is valid until the key is removed.
     */
    public KeyTable.Entry<Long> randomExpiringKey(RandomGenerator rnd) {
        return expires.randomEntry(rnd);
    }

    /** A random key (RANDOMKEY), or null if the database is empty. Does not check its TTL. */
    public byte[] randomKey(RandomGenerator rnd) {
        KeyTable.Entry<Object> e = keys.randomEntry(rnd);
        return e == null ? null : e.key();
    }

    // ---- iteration ----------------------------------------------------------------------------

    /**
     * One SCAN step, with Redis's reverse-binary cursor: visits every key of at least one bucket
     * (both tables during a rehash) and returns the next cursor, 0 when the scan is complete. Every
     * key present for the whole scan is visited at least once, even if the table resizes.
     */
    public long scan(long cursor, Consumer<byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        return keys.scan(cursor, (k, v) -> visitor.accept(k));
    }

    /**
     * Moves a few buckets of any resize in progress (the periodic "active rehashing" task).
     *
     * @return true if more rehashing work remains
     */
    public boolean rehashSteps(int buckets) {
        boolean more = keys.rehashSteps(buckets);
        return expires.rehashSteps(buckets) | more;
    }

    /** The key dictionary itself (KEYS, persistence, tests). Callers must keep the expires table consistent. */
    KeyTable<Object> keyTable() {
        return keys;
    }

    KeyTable<Long> expiresTable() {
        return expires;
    }
}
