package io.redisinternals.keyspace;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.keyspace.types.ObjectLayout;

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
 * <li><b>actively</b>: {@link #activeExpireCycle}, run by the engine's cron, samples keys with a
 *     TTL and removes the expired ones, as Redis's {@code activeExpireCycle}.</li>
 * </ul>
 * Both count {@code expired_keys} and signal the key as modified (WATCH).
 *
 * <h2>Key signals</h2>
 * Every mutator of this class ({@link #put}, {@link #overwrite}, {@link #remove}, {@link #setExpire},
 * {@link #removeExpire}, {@link #flush}, expiry, SWAPDB) tells this database's {@link KeyListener}
 * (Redis's {@code signalModifiedKey}). A command that changes a stored value in place, without one
 * of these calls (INCR writing digits over the old ones, APPEND into spare capacity, collection
 * commands), must call {@link #modified} itself. The storage knows nothing of who listens (WATCH,
 * blocked clients); the signal costs one field check while nobody does.
 *
 * <h2>Freeing values</h2>
 * Every value that leaves a key, deleted ({@link #remove(Argv, int, Removal)}), replaced
 * ({@link #put}, {@link #overwrite}), expired or flushed, is reported once, with the reason
 * ({@link Removal}), to the keyspace's {@link Reclaimer}: the one seam where Redis chooses between
 * freeing at once and its lazy-free thread. Nothing here walks a value: dropping the reference is
 * O(1), and the garbage collector reclaims the value on its own threads.
 *
 * <h2>Access stamps</h2>
 * Each entry carries Redis's 24-bit access stamp ({@link KeyTable.Entry#meta}): lookups through
 * {@link #get} and writes refresh it; {@link #peek} and {@link #containsKey} do not (Redis's
 * LOOKUP_NOTOUCH, used by EXISTS, TYPE, TTL and OBJECT). The stamp is the LRU clock of the last
 * access, or with an LFU maxmemory-policy a minute and an access counter (see {@link Keyspace}):
 * an access then bumps the counter, and a new value replacing an existing key's inherits the
 * key's counter (Redis's dbOverwrite), while a new key starts at {@link Keyspace#LFU_INIT_VAL}.
 * Replacing a value ({@link #put}, {@link #overwrite}) keeps the key's stamp, as Redis's
 * dbOverwrite: the access is counted by the write lookup every command makes before it replaces a
 * value (Redis's setKey looks the key up itself), so a replacement counts once, as in Redis.
 */
public final class Database {

    private final int index;
    private final Keyspace keyspace;
    private final KeyHash hasher;
    // Not final: SWAPDB exchanges the contents of two databases, while each keeps its index and
    // its listener (clients watch and wait on a database by number, as in Redis).
    private KeyTable<Object> keys;
    private KeyTable<Long> expires;
    /** Who is told about key changes here (the engine, while a client watches or waits); or null. */
    private KeyListener listener;
    /** The LRU stamp lookups write (Keyspace's clock, copied here by the cron). */
    private int accessStamp;
    /** Whether stamps are LFU counters (an LFU maxmemory-policy); copied from the keyspace. */
    private boolean lfu;
    /** The stamp of new keys and replaced values (given to the key table). */
    private int newEntryStamp;

    Database(int index, Keyspace keyspace, KeyHash hasher) {
        this.index = index;
        this.keyspace = keyspace;
        this.hasher = hasher;
        this.keys = newKeyTable(hasher);
        this.expires = new KeyTable<>(hasher);
    }

    /** A main key table: it keeps the estimated bytes of its entries (see {@link #datasetBytes}). */
    private static KeyTable<Object> newKeyTable(KeyHash hasher) {
        return new KeyTable<>(hasher, HeapLayout::keyEntry);
    }

    /** The key hash shared by every database of the keyspace (tables keyed like this one's). */
    public KeyHash hasher() {
        return hasher;
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

    /**
     * The one key lookup, Redis's {@code lookupKey}: unless {@link Lookup#NO_EXPIRE}, removes the
     * key first if its time has passed (with NO_EXPIRE such a key is reported missing but stays);
     * refreshes the access stamp of a found key unless {@link Lookup#NO_TOUCH}; counts a keyspace
     * hit or miss unless {@link Lookup#NO_STATS} or {@link Lookup#WRITE}; and for a write lookup of
     * an existing key tells the listener {@link KeyListener#beforeWrite} with the current value.
     *
     * @param flags {@link Lookup} flags
     * @return the value of the key in argument {@code i} of {@code argv}, or null
     */
    public Object lookup(Argv argv, int i, int flags, long nowMillis) {
        if (!expires.isEmpty() && expiredOrRemoved(argv, i, flags, nowMillis)) {
            return looked(null, flags);
        }
        KeyTable.Entry<Object> e = keys.entry(argv, i);
        return looked(e, flags);
    }

    /** {@link #lookup(Argv, int, int, long)} for a key held as an array. */
    public Object lookup(byte[] key, int flags, long nowMillis) {
        if (!expires.isEmpty()) {
            Long when = expires.get(key);
            if (when != null && nowMillis > when) {
                if ((flags & Lookup.NO_EXPIRE) == 0) {
                    expire(key, nowMillis);
                }
                return looked(null, flags);
            }
        }
        return looked(keys.entry(key), flags);
    }

    private boolean expiredOrRemoved(Argv argv, int i, int flags, long nowMillis) {
        Long when = expires.get(argv, i);
        if (when == null || nowMillis <= when) {
            return false;
        }
        if ((flags & Lookup.NO_EXPIRE) == 0) {
            expire(argv.bytes(i), nowMillis);
        }
        return true;
    }

    private Object looked(KeyTable.Entry<Object> e, int flags) {
        Object value = e == null ? null : e.value();
        if (value != null) {
            if ((flags & Lookup.NO_TOUCH) == 0) {
                touch(e);
            }
            if ((flags & Lookup.WRITE) != 0 && listener != null) {
                listener.beforeWrite(this, e.key(), value);
            }
        }
        if ((flags & (Lookup.NO_STATS | Lookup.WRITE)) == 0) {
            keyspace.stats().counted(value);
        }
        return value;
    }

    /** The value of the key in argument {@code i}, or null; refreshes its access stamp. */
    public Object get(Argv argv, int i) {
        KeyTable.Entry<Object> e = keys.entry(argv, i);
        if (e == null) {
            return null;
        }
        touch(e);
        return e.value();
    }

    /** The value of {@code key}, or null; refreshes its access stamp. */
    public Object get(byte[] key) {
        KeyTable.Entry<Object> e = keys.entry(key);
        if (e == null) {
            return null;
        }
        touch(e);
        return e.value();
    }

    /** The value of the key in argument {@code i}, or null, leaving its access stamp alone (LOOKUP_NOTOUCH). */
    public Object peek(Argv argv, int i) {
        return keys.get(argv, i);
    }

    /** The entry of the key in argument {@code i} without touching it (OBJECT IDLETIME/FREQ), or null. */
    public KeyTable.Entry<Object> peekEntry(Argv argv, int i) {
        return keys.entry(argv, i);
    }

    /** A lookup accessed the key: Redis's LRU clock update, or LFU counter update. */
    private void touch(KeyTable.Entry<Object> e) {
        int m = e.meta();
        if (lfu) {
            e.meta((m & SNAPSHOT_EPOCH_MASK) | keyspace.lfuAccess(m));
        } else {
            e.meta((m & SNAPSHOT_EPOCH_MASK) | accessStamp);
        }
    }

    /**
     * Sets the stamps from now on (called by the keyspace on every clock tick and policy change):
     * {@code access} for lookups in LRU mode, {@code newEntry} for new keys and replaced values.
     */
    void stamps(int access, int newEntry, boolean lfuMode) {
        accessStamp = access;
        lfu = lfuMode;
        newEntryStamp = newEntry;
        keys.stamp(newEntry | epochBits);
    }

    /**
     * With LFU stamps, the stamp a new value written over entry {@code e} keeps: the key's own, as
     * Redis's dbOverwrite (the write lookup before it counted the access); -1 (unused) for a new
     * key, which gets the table's new-entry stamp.
     */
    private static int lfuStampForOverwrite(KeyTable.Entry<Object> e) {
        return e == null ? -1 : e.meta();
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
        KeyTable.Entry<Object> e = keys.entry(argv, i);
        if (e != null) {
            touch(e);
        }
        return e;
    }

    // ---- updates ------------------------------------------------------------------------------

    /**
     * Sets the key (copied from argument {@code i}, only if new) to {@code value}, replacing any
     * value and dropping any TTL (Redis's {@code setKey}).
     */
    public void put(Argv argv, int i, Object value) {
        put(argv, i, value, Removal.SERVER);
    }

    /**
     * {@link #put(Argv, int, Object)} where the value replaced, if any, leaves for {@code why}
     * rather than as a server-side overwrite ({@link Removal#RETAINED}: SORT storing over its source).
     */
    public void put(Argv argv, int i, Object value, Removal why) {
        if (listener != null) {
            release(putSignalled(argv, i, value, false), value, why);
            return;
        }
        if (lfu) {
            KeyTable.Entry<Object> e = keys.entry(argv, i);
            Object old = putKeepingLfu(e, argv, i, value);
            if (e != null && !expires.isEmpty()) {
                expires.remove(argv, i);
            }
            signal(argv, i);
            release(old, value, why);
            return;
        }
        Object old = keys.put(argv, i, value);
        if (old != null && !expires.isEmpty()) {
            expires.remove(argv, i);
        }
        signal(argv, i);
        release(old, value, why);
    }

    /** Sets {@code key} (not copied: the caller gives up the array) to {@code value}; drops any TTL. */
    public void put(byte[] key, Object value) {
        KeyTable.Entry<Object> e = lfu || listener != null ? keys.entry(key) : null;
        if (e != null && listener != null) {
            listener.beforeWrite(this, e.key(), e.value());
        }
        int stamp = lfu ? lfuStampForOverwrite(e) : -1;
        Object old = keys.put(key, value);
        if (e != null && lfu) {
            e.meta(stamp);
        }
        if (old != null && !expires.isEmpty()) {
            expires.remove(key);
        }
        signal(key);
        if (old == null && listener != null) {
            listener.keyAdded(this, key);
        }
        release(old, value, Removal.SERVER);
    }

    /**
     * Adds a key an RDB load read (Redis's dbAddRDBLoad): false, with nothing changed, when the key
     * exists; else the key is added with the signals {@link #put} gives a new key. One lookup of the
     * table, where a duplicate check and put took three (the loader's check, put's own look for an
     * old value, the insert): the first touch of a bucket misses the cache, the others hashed the
     * key again.
     */
    public boolean addLoaded(byte[] key, Object value) {
        if (keys.putIfAbsent(key, value) != null) {
            return false;
        }
        signal(key);
        if (listener != null) {
            listener.keyAdded(this, key);
        }
        return true;
    }

    /**
     * Sets the key in argument {@code i} to {@code value} keeping its TTL if it has one (SET ...
     * KEEPTTL, and commands that modify a value rather than replace the key).
     */
    public void overwrite(Argv argv, int i, Object value) {
        if (listener != null) {
            release(putSignalled(argv, i, value, true), value, Removal.SERVER);
            return;
        }
        Object old = lfu ? putKeepingLfu(keys.entry(argv, i), argv, i, value) : keys.put(argv, i, value);
        signal(argv, i);
        release(old, value, Removal.SERVER);
    }

    /**
     * {@link #put} and {@link #overwrite} while a listener is set: the listener hears
     * {@link KeyListener#beforeWrite} with the value being replaced, then {@link KeyListener#keyModified},
     * then {@link KeyListener#keyAdded} if the key is new. Returns the value replaced, or null.
     */
    private Object putSignalled(Argv argv, int i, Object value, boolean keepTtl) {
        KeyTable.Entry<Object> e = keys.entry(argv, i);
        if (e != null) {
            listener.beforeWrite(this, e.key(), e.value());
        }
        Object old = lfu ? putKeepingLfu(e, argv, i, value) : keys.put(argv, i, value);
        if (e != null && !keepTtl && !expires.isEmpty()) {
            expires.remove(argv, i);
        }
        signal(argv, i);
        if (e == null && listener != null) {
            listener.keyAdded(this, argv.bytes(i));
        }
        return old;
    }

    /** LFU mode's put: an existing key keeps (and bumps) its counter rather than restart at LFU_INIT_VAL. */
    private Object putKeepingLfu(KeyTable.Entry<Object> e, Argv argv, int i, Object value) {
        int stamp = lfuStampForOverwrite(e);
        Object old = keys.put(argv, i, value);
        if (e != null) {
            e.meta(stamp);
        }
        return old;
    }

    /** Reports a value replaced by another (not by itself) to the reclaimer. */
    private void release(Object old, Object replacement, Removal why) {
        if (old != null && old != replacement) {
            keyspace.released(old, why);
        }
    }

    /** Removes the key in argument {@code i} and its TTL, as Redis's dbDelete; true if it existed. */
    public boolean remove(Argv argv, int i) {
        return remove(argv, i, Removal.SERVER);
    }

    /**
     * Removes the key in argument {@code i} and its TTL, its value leaving for {@code why} (DEL,
     * UNLINK, an expiry, RENAME's source...); true if it existed.
     */
    public boolean remove(Argv argv, int i, Removal why) {
        if (listener != null) {
            KeyTable.Entry<Object> e = keys.entry(argv, i);
            if (e == null) {
                return false;
            }
            listener.beforeWrite(this, e.key(), e.value());
        }
        Object old = keys.remove(argv, i);
        if (old == null) {
            return false;
        }
        if (!expires.isEmpty()) {
            expires.remove(argv, i);
        }
        signal(argv, i);
        keyspace.released(old, why);
        return true;
    }

    /** Removes {@code key} and its TTL, as Redis's dbDelete; true if it existed. */
    public boolean remove(byte[] key) {
        return remove(key, Removal.SERVER);
    }

    /** Removes {@code key} and its TTL, its value leaving for {@code why} (eviction, expiry); true if it existed. */
    public boolean remove(byte[] key, Removal why) {
        if (listener != null) {
            KeyTable.Entry<Object> e = keys.entry(key);
            if (e == null) {
                return false;
            }
            listener.beforeWrite(this, e.key(), e.value());
        }
        Object old = keys.remove(key);
        if (old == null) {
            return false;
        }
        if (!expires.isEmpty()) {
            expires.remove(key);
        }
        signal(key);
        keyspace.released(old, why);
        return true;
    }

    /** Removes every key (FLUSHDB SYNC); the listener hears of it first, while the keys are still there. */
    public void flush() {
        flush(false);
    }

    /**
     * Removes every key; the listener hears of it first, while the keys are still there. The tables
     * are dropped whole, in O(1) whatever their size; the reclaimer hears how many keys went and
     * whether the flush was ASYNC (Redis's emptyDbAsync, which counts them as lazily freed).
     */
    public void flush(boolean async) {
        if (listener != null) {
            listener.flushing(this);
        }
        long removed = keys.size();
        keys.clear();
        expires.clear();
        avgTtl = 0;
        keyspace.flushed(removed, async);
    }

    /** The value of {@code key}, or null, without touching it (serving blocked clients). */
    public Object peek(byte[] key) {
        return keys.get(key);
    }

    /**
     * SWAPDB: exchanges the keys and TTLs of this database and {@code other}, then signals the swap
     * (to each side's listener, once if they share one).
     */
    void swapContents(Database other) {
        if (other == this) {
            return;
        }
        KeyTable<Object> k = keys;
        keys = other.keys;
        other.keys = k;
        KeyTable<Long> x = expires;
        expires = other.expires;
        other.expires = x;
        long t = avgTtl;
        avgTtl = other.avgTtl;
        other.avgTtl = t;
        keys.stamp(newEntryStamp | epochBits);
        other.keys.stamp(other.newEntryStamp | other.epochBits);
        if (listener != null) {
            listener.swapped(this, other);
        }
        if (other.listener != null && other.listener != listener) {
            other.listener.swapped(this, other);
        }
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
        if (listener != null) {
            listener.beforeWrite(this, e.key(), e.value()); // a snapshot records the old TTL
        }
        expires.put(e.key(), whenMillis);
        signal(argv, i);
    }

    /** {@link #setExpire(Argv, int, long)} for a stored key (loading a file). */
    public void setExpire(byte[] key, long whenMillis) {
        KeyTable.Entry<Object> e = keys.entry(key);
        if (e == null) {
            throw new IllegalStateException("setExpire on a missing key");
        }
        if (listener != null) {
            listener.beforeWrite(this, e.key(), e.value());
        }
        expires.put(e.key(), whenMillis);
        signal(key);
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
        if (listener != null && !expires.isEmpty() && expires.containsKey(argv, i)) {
            KeyTable.Entry<Object> e = keys.entry(argv, i);
            listener.beforeWrite(this, e.key(), e.value()); // a snapshot records the old TTL
        }
        if (!expires.isEmpty() && expires.remove(argv, i) != null) {
            signal(argv, i);
            return true;
        }
        return false;
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
        expire(argv.bytes(i), nowMillis);
        return true;
    }

    /** {@link #expireIfNeeded(Argv, int, long)} for a key held as an array (SCAN, RANDOMKEY, RENAME). */
    public boolean expireIfNeeded(byte[] key, long nowMillis) {
        if (expires.isEmpty()) {
            return false;
        }
        Long when = expires.get(key);
        if (when == null || nowMillis <= when) {
            return false;
        }
        expire(key, nowMillis);
        return true;
    }

    /**
     * Removes a key whose time has passed (Redis's deleteExpiredKeyAndPropagate): counts it
     * ({@code expired_keys}) and signals it as modified, then as {@link KeyListener#expired}.
     */
    private void expire(byte[] key, long nowMillis) {
        if (keyspace.expiryPaused(nowMillis)) {
            return; // reported missing, left in place (Redis's expireIfNeeded under CLIENT PAUSE)
        }
        remove(key, Removal.EXPIRE);
        keyspace.keyExpired();
        if (listener != null) {
            listener.expired(this, key);
        }
    }

    /** True if the key exists but its expiry time has passed (not yet removed). */
    public boolean isLogicallyExpired(byte[] key, long nowMillis) {
        if (expires.isEmpty()) {
            return false;
        }
        Long when = expires.get(key);
        return when != null && nowMillis > when;
    }

    /**
     * INFO keyspace's {@code avg_ttl}: a running average of the TTLs (ms) of keys not yet expired,
     * seen by the active expiry cycle's samples, as Redis's {@code db->avg_ttl}; 0 until sampled.
     */
    private long avgTtl;

    public long avgTtl() {
        return avgTtl;
    }

    /** Redis's ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP: keys with a TTL sampled per round. */
    static final int EXPIRE_SAMPLES_PER_ROUND = 20;
    /** Redis's ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE: another round while more than 10% were expired. */
    static final int ACCEPTABLE_STALE_PERCENT = 10;

    /**
     * The active half of expiry, Redis's {@code activeExpireCycle} for one database: samples
     * {@value #EXPIRE_SAMPLES_PER_ROUND} random keys with a TTL, removes those whose time has
     * passed, and goes on with another round while more than {@value #ACCEPTABLE_STALE_PERCENT}% of
     * a sample was expired, until {@code deadlineNanos} (System.nanoTime). So a database full of
     * expired keys is cleaned quickly, while one with few costs a single round per call.
     *
     * @return the number of keys removed
     */
    public long activeExpireCycle(long nowMillis, long deadlineNanos, RandomGenerator rnd) {
        long removed = 0;
        if (expires.isEmpty()) {
            avgTtl = 0;
        }
        while (!expires.isEmpty()) {
            int sampled = 0;
            int expired = 0;
            long ttlSum = 0;
            int ttlSamples = 0;
            int samples = Math.min(EXPIRE_SAMPLES_PER_ROUND, expires.size());
            for (int n = 0; n < samples; n++) {
                KeyTable.Entry<Long> e = expires.sampleEntry(rnd);
                if (e == null) {
                    break;
                }
                sampled++;
                long ttl = e.value() - nowMillis;
                if (nowMillis > e.value()) {
                    expireIfNeeded(e.key(), nowMillis);
                    expired++;
                }
                if (ttl > 0) {
                    ttlSum += ttl;
                    ttlSamples++;
                }
            }
            if (ttlSamples > 0) {
                // Redis's running average: the previous estimate weighs 98%, this round 2%.
                long avg = ttlSum / ttlSamples;
                if (avgTtl == 0) {
                    avgTtl = avg;
                }
                avgTtl = (avgTtl / 50) * 49 + (avg / 50);
            }
            removed += expired;
            if (sampled == 0 || expired * 100 <= sampled * ACCEPTABLE_STALE_PERCENT
                    || System.nanoTime() - deadlineNanos >= 0) {
                break;
            }
        }
        return removed;
    }

    /**
     * A random key with a TTL and its expiry time, for active expiry sampling; null if none.
     * The entry is valid until the key is removed.
     */
    public KeyTable.Entry<Long> randomExpiringKey(RandomGenerator rnd) {
        return expires.sampleEntry(rnd);
    }

    /**
     * Some key's entry, cheaply and not quite uniformly (eviction sampling, as Redis's
     * dictGetSomeKeys), or null if the database is empty. Valid until the key is removed.
     */
    public KeyTable.Entry<Object> sampleKey(RandomGenerator rnd) {
        return keys.sampleEntry(rnd);
    }

    /** The entry of {@code key} without touching it (eviction scores), or null. */
    public KeyTable.Entry<Object> peekEntry(byte[] key) {
        return keys.entry(key);
    }

    /** A uniformly random key (RANDOMKEY), or null if the database is empty. Does not check its TTL. */
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

    // ---- key signals ------------------------------------------------------------------------

    /** Sets (or, with null, clears) who is told about key changes in this database. */
    public void keyListener(KeyListener l) {
        this.listener = l;
    }

    /**
     * Signals that the key in argument {@code i} was modified (Redis's signalModifiedKey): every
     * client WATCHing it will see its EXEC fail, clients blocked on it are served.
     */
    public void modified(Argv argv, int i) {
        KeyTable.Entry<Object> e = keys.entry(argv, i);
        if (e != null) {
            keys.recharge(e); // the value changed in place: its memory estimate follows
        }
        signal(argv, i);
    }

    /** {@link #modified(Argv, int)} for a key held as an array. */
    public void modified(byte[] key) {
        KeyTable.Entry<Object> e = keys.entry(key);
        if (e != null) {
            keys.recharge(e);
        }
        signal(key);
    }

    /** The key signal alone, for the mutators of this class (which keep the memory charge themselves). */
    private void signal(Argv argv, int i) {
        if (listener != null) {
            listener.keyModified(this, argv, i);
        }
    }

    private void signal(byte[] key) {
        if (listener != null) {
            listener.keyModified(this, key);
        }
    }

    // ---- snapshots ----------------------------------------------------------------------------
    //
    // A point-in-time snapshot without fork (persistence's Snapshot) must save each key exactly
    // once, either as its walk finds it or, first, when a write is about to change it. The mark
    // "saved in snapshot E" lives in the top 8 bits of the entry's meta word (the access stamp
    // uses the low 24): a key is saved when its bits equal the running snapshot's epoch. Starting a
    // snapshot moves every database to a new epoch, so every existing key is unsaved in O(1); keys
    // created or replaced meanwhile get the new epoch from the table's stamp, so they count as
    // saved (they are not part of the snapshot). Every meta writer keeps these bits.

    /** The meta bits that hold a key's snapshot epoch. */
    public static final int SNAPSHOT_EPOCH_MASK = 0xFF00_0000;
    private static final int SNAPSHOT_EPOCH_SHIFT = 24;

    /** {@link #SNAPSHOT_EPOCH_MASK}'s bits of the current epoch: stamped into new and replaced entries. */
    private int epochBits;

    /** Receives a key a snapshot saves: its stored array, value, expiry time (-1: none) and 24-bit access stamp. */
    @FunctionalInterface
    public interface SnapshotVisitor {
        void visit(byte[] key, Object value, long expireAtMillis, int accessStamp);
    }

    /** Moves to snapshot epoch {@code epoch} (0..255): from now on, entries not stamped with it are unsaved. */
    void snapshotEpoch(int epoch) {
        epochBits = epoch << SNAPSHOT_EPOCH_SHIFT;
        keys.stamp(newEntryStamp | epochBits);
    }

    /** Stamps every entry with the current epoch, in O(n) (before the 8-bit epoch could wrap onto a stale mark). */
    void markAllSaved() {
        keys.scanAll(e -> e.meta((e.meta() & ~SNAPSHOT_EPOCH_MASK) | epochBits));
    }

    /**
     * One SCAN step of a snapshot's walk: hands every not-yet-saved key of the visited buckets to
     * {@code visitor} and marks it saved. Returns the next cursor, 0 at the end.
     */
    public long snapshotScan(long cursor, SnapshotVisitor visitor) {
        return keys.scanEntries(cursor, e -> save(e, visitor));
    }

    /** Saves every not-yet-saved key now (before a FLUSHDB or after a SWAPDB, under the lock). */
    public void snapshotRest(SnapshotVisitor visitor) {
        keys.scanAll(e -> save(e, visitor));
    }

    /** Saves {@code key} (a stored key, as the before-write hook gives it) if it is not saved yet. */
    public void snapshotKey(byte[] key, SnapshotVisitor visitor) {
        KeyTable.Entry<Object> e = keys.entry(key);
        if (e != null) {
            save(e, visitor);
        }
    }

    /**
     * Visits every key as a snapshot's walk would, without reading or writing the marks: for a
     * save that holds the execution lock throughout (SAVE, DEBUG RELOAD, the shutdown save), which
     * no write can interleave with and which must not disturb a background snapshot's marks.
     */
    public void forEachForSave(SnapshotVisitor visitor) {
        keys.scanAll(e -> {
            long when = -1;
            if (!expires.isEmpty()) {
                Long w = expires.get(e.key());
                when = w == null ? -1 : w;
            }
            visitor.visit(e.key(), e.value(), when, e.meta() & ~SNAPSHOT_EPOCH_MASK);
        });
    }

    private void save(KeyTable.Entry<Object> e, SnapshotVisitor visitor) {
        int m = e.meta();
        if ((m & SNAPSHOT_EPOCH_MASK) == epochBits) {
            return;
        }
        e.meta((m & ~SNAPSHOT_EPOCH_MASK) | epochBits);
        long when = -1;
        if (!expires.isEmpty()) {
            Long w = expires.get(e.key());
            when = w == null ? -1 : w;
        }
        visitor.visit(e.key(), e.value(), when, m & ~SNAPSHOT_EPOCH_MASK);
    }

    // ---- memory accounting ------------------------------------------------------------------

    /**
     * Estimated heap bytes of this database's keys and values (entries, key arrays, values), kept
     * as keys are written: O(1) to read. Values changed in place are charged again when their
     * command calls {@link #modified}.
     */
    public long datasetBytes() {
        return keys.charged();
    }

    /**
     * Estimated heap bytes of the dictionaries themselves, Redis's "overhead.hashtable.main" and
     * "overhead.hashtable.expires" together: the bucket arrays of both tables and the expires
     * table's entries and boxed times (the key arrays are shared with the main table).
     */
    public long tableOverheadBytes() {
        return HeapLayout.bucketArray(keys.bucketCount()) + expiresOverheadBytes();
    }

    /** The expires table's part of {@link #tableOverheadBytes()}. */
    public long expiresOverheadBytes() {
        return HeapLayout.bucketArray(expires.bucketCount())
                + (long) expires.size() * (ObjectLayout.TABLE_ENTRY + ObjectLayout.BOXED_LONG);
    }

    /** The main table's bucket arrays (Redis's overhead.hashtable.main without the expires). */
    public long mainTableBytes() {
        return HeapLayout.bucketArray(keys.bucketCount());
    }

    /** The accounted bytes of the key in argument {@code i} (entry, key, value), or -1 if absent (MEMORY USAGE). */
    public long chargeOf(Argv argv, int i) {
        KeyTable.Entry<Object> e = keys.entry(argv, i);
        return e == null ? -1 : e.charge();
    }

    /** The key dictionary itself (KEYS, persistence, tests). Callers must keep the expires table consistent. */
    KeyTable<Object> keyTable() {
        return keys;
    }

    KeyTable<Long> expiresTable() {
        return expires;
    }
}
