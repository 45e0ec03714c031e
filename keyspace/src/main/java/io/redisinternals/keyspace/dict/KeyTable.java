package io.redisinternals.keyspace.dict;

import io.redisinternals.resp.Argv;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * A hash table keyed by binary-safe byte strings, shaped like Redis's {@code dict}: chained
 * buckets, power-of-two bucket arrays, and <em>incremental</em> rehashing, so no single command
 * ever pays for rebuilding a million-key table.
 *
 * <h2>Resizing</h2>
 * While a resize is in progress there are two bucket arrays: {@code t0} (old) and {@code t1}
 * (new). {@link #rehashIndex} is the first bucket of {@code t0} not yet moved; every bucket below
 * it is empty. Every lookup, insert and removal first moves one bucket (visiting at most ten empty
 * ones), and {@link #rehashSteps(int)} lets a periodic task move more. New keys go into {@code t1};
 * lookups search {@code t0} then {@code t1}. When {@code t0} is empty, {@code t1} becomes
 * {@code t0}.
 * <ul>
 * <li>Grow when an insert finds {@code size >= buckets} (load factor 1), to the next power of two
 *     above the size (so: double).</li>
 * <li>Shrink when a removal leaves the table under 10% full (and above the minimum 4 buckets), to
 *     the smallest power of two holding the size.</li>
 * <li>Never while {@link #scan} or {@link #forEach} is calling its visitor: rehashing is paused
 *     then (a counter, as Redis's {@code pauserehash}), so the visitor sees stable chains and
 *     the cursor arithmetic stays valid; a grow or shrink that became due is simply started by the
 *     next operation after the pause.</li>
 * </ul>
 *
 * <h2>Lookups in place</h2>
 * A key can be looked up straight from a request argument ({@code Argv}, index): it is hashed and
 * compared in the read buffer; a copy is made only when a new key is inserted.
 *
 * <h2>Random sampling</h2>
 * {@link #randomEntry(RandomGenerator)} is uniform: every entry has the same chance, whatever the
 * chain it sits in. Redis's {@code dictGetRandomKey} (a random non-empty bucket, then a random
 * entry of its chain) favours entries of short chains, and its {@code dictGetFairRandomKey}
 * (a uniform pick among the entries of a run of buckets) only dilutes that. Ours draws a random
 * <em>slot</em>: a bucket and a position below {@code chainBound}, an upper bound on every chain's
 * length; if the chain has an entry at that position it is the answer, else it draws again. Each
 * entry is exactly one slot, so the draw is uniform. The bound is kept per bucket array:
 * raised when an insert or a rehash move makes a chain longer than it, never lowered by a removal
 * (a stale bound costs draws, not fairness) and reset when a new array is made. Expected draws:
 * {@code slots / size}, a few at load factor 1, about 10 x the bound for a table at the 10% fill
 * where it shrinks. {@link #sampleEntry} keeps the cheap bucket-then-chain draw for callers that
 * need "some entry" rather than a fair one (active expiry).
 *
 * <h2>Memory</h2>
 * One {@link Entry} per key: object header, three references (key, value, next) and two ints (the
 * owner's stamp, the memory charge) = 32 bytes with compressed oops; no cached hash, because it
 * would push the entry to 40 bytes, and hashing a short key again while rehashing is cheap. Plus 4
 * to 8 bytes of bucket array per key.
 *
 * <p>Not thread-safe. Null values are not allowed (null means "absent").
 *
 * @param <V> value type
 */
public final class KeyTable<V> {

    private static final int INITIAL_BUCKETS = 4;
    /** Shrink below this fill percentage. */
    private static final int MIN_FILL_PERCENT = 10;
    /** Empty buckets one rehash step may skip, per bucket it was asked to move (Redis: 10). */
    private static final int EMPTY_VISITS_PER_STEP = 10;
    private static final int MAX_BUCKETS = 1 << 30;

    /** A key and its value. Valid until the key is removed; values may be replaced in place. */
    public static final class Entry<V> {
        private final byte[] key;
        private Object value;
        private Entry<V> next;
        /**
         * 32 bits for the owner's bookkeeping (the database keeps Redis's 24-bit LRU/LFU access
         * stamp here). Free in memory: the field fills the padding of a three-reference object.
         */
        private int meta;
        /**
         * Bytes this entry is accounted for in its table's {@link KeyTable#charged()} total (memory
         * accounting), or 0 in a table without a sizer. Also free: with {@code meta} it fills the
         * 8 bytes after the header and three compressed references (12 + 12 + 4 + 4 = 32).
         */
        private int charge;

        private Entry(byte[] key, Object value, Entry<V> next, int meta) {
            this.key = key;
            this.value = value;
            this.next = next;
            this.meta = meta;
        }

        public int meta() {
            return meta;
        }

        public void meta(int m) {
            meta = m;
        }

        /** Bytes this entry counts for in {@link KeyTable#charged()} (see {@link KeyTable#recharge}). */
        public int charge() {
            return charge;
        }

        /** The stored key. Callers must not modify it (it may be shared, e.g. with the expires table). */
        public byte[] key() {
            return key;
        }

        @SuppressWarnings("unchecked")
        public V value() {
            return (V) value;
        }

        /** Replaces the value without touching the table (INCR, APPEND, type conversions). */
        public void setValue(V v) {
            value = Objects.requireNonNull(v, "value");
        }
    }

    /** Receives the keys of one SCAN step or of {@link #forEach}. */
    @FunctionalInterface
    public interface Visitor<V> {
        void visit(byte[] key, V value);
    }

    /**
     * The memory charge of an entry from its key and value (see {@link #charged()}): the keyspace
     * charges a key with its value, a hash, set or sorted set charges its elements' entries and
     * arrays; null for a table whose entries are accounted for elsewhere (the expires table).
     */
    @FunctionalInterface
    public interface Sizer {
        /** Estimated bytes of one entry holding {@code key} and {@code value}, entry object included. */
        long bytes(byte[] key, Object value);
    }

    private final KeyHash hasher;
    private final Sizer sizer;
    /** Sum of every entry's {@link Entry#charge}: the table's share of used_memory, kept as it changes. */
    private long charged;
    private Entry<V>[] t0;
    private Entry<V>[] t1;
    private int used0;
    private int used1;
    /** Next bucket of t0 to move, or -1 when not rehashing. */
    private int rehashIndex = -1;
    /** Upper bounds on the chain lengths of t0 and t1 (see "Random sampling"); 0 for no array. */
    private int chainBound0;
    private int chainBound1;
    /** Greater than 0 while a visitor runs: no rehash steps, no resize. */
    private int paused;
    /** Stamped into {@link Entry#meta} of every entry {@code put} creates or replaces the value of. */
    private int stamp;

    public KeyTable(KeyHash hasher) {
        this(hasher, null);
    }

    /**
     * A table that keeps {@link #charged()}, the estimated bytes of its entries: each insert and
     * value replacement through {@link #put} charges the entry by {@code sizer}, a removal or
     * {@link #clear} drops its charge, and the owner calls {@link #recharge} after changing a value
     * in place. O(1) per write; never a scan.
     */
    public KeyTable(KeyHash hasher, Sizer sizer) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.sizer = sizer;
    }

    /** Estimated bytes of every entry (0 for a table without a sizer); bucket arrays not included. */
    public long charged() {
        return charged;
    }

    /**
     * Charges {@code e} again from its current key and value (its value was changed in place):
     * the total follows by the difference. Does nothing in a table without a sizer.
     */
    public void recharge(Entry<V> e) {
        if (sizer != null) {
            int now = (int) Math.min(Integer.MAX_VALUE, sizer.bytes(e.key, e.value));
            charged += now - e.charge;
            e.charge = now;
        }
    }

    /** The value {@code put} writes into {@link Entry#meta} from now on (the owner's clock). */
    public void stamp(int value) {
        stamp = value;
    }

    // ---- queries ----------------------------------------------------------------------------

    public int size() {
        return used0 + used1;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** True while two bucket arrays exist. */
    public boolean isRehashing() {
        return rehashIndex != -1;
    }

    /** Total buckets of both arrays (tests, INFO/MEMORY STATS style diagnostics). */
    public int bucketCount() {
        return (t0 == null ? 0 : t0.length) + (t1 == null ? 0 : t1.length);
    }

    public V get(byte[] key) {
        Entry<V> e = entry(key);
        return e == null ? null : e.value();
    }

    public V get(Argv argv, int i) {
        Entry<V> e = entry(argv, i);
        return e == null ? null : e.value();
    }

    public boolean containsKey(byte[] key) {
        return entry(key) != null;
    }

    public boolean containsKey(Argv argv, int i) {
        return entry(argv, i) != null;
    }

    /** The entry of {@code key}, or null. */
    public Entry<V> entry(byte[] key) {
        // No "empty table" shortcut (Redis's dictFind has one): a table that fills from empty keeps
        // that branch out of its compiled lookups, and the first lookup after a FLUSHALL then
        // deoptimised every request path the lookup is inlined into. find copes with no array.
        rehashStep();
        return find(key, hasher.hash(key));
    }

    /** The entry whose key equals argument {@code i}, or null; the argument is read in place. */
    public Entry<V> entry(Argv argv, int i) {
        rehashStep(); // no empty-table shortcut: see entry(byte[])
        return find(argv, i, hasher.hash(argv, i));
    }

    // ---- updates ----------------------------------------------------------------------------

    /**
     * Maps {@code key} to {@code value}. The array is stored as is when the key is new (the caller
     * gives it up); when the key exists only the value is replaced.
     *
     * @return the previous value, or null
     */
    public V put(byte[] key, V value) {
        Entry<V> e = putIfAbsent(key, value);
        return e == null ? null : replace(e, value);
    }

    /**
     * Maps the key in argument {@code i} to {@code value}; the key is copied out of the request
     * only if it is new.
     *
     * @return the previous value, or null
     */
    public V put(Argv argv, int i, V value) {
        Objects.requireNonNull(value, "value");
        rehashStep();
        expandIfNeeded();
        long h = hasher.hash(argv, i);
        Entry<V> e = find(argv, i, h);
        if (e != null) {
            return replace(e, value);
        }
        insert(argv.bytes(i), h, value);
        return null;
    }

    /** A put's replacement of an existing key's value: stamped and charged as a new one; the old value. */
    private V replace(Entry<V> e, V value) {
        V old = e.value();
        e.value = value;
        e.meta = stamp;
        recharge(e);
        return old;
    }

    /**
     * Adds {@code key} with {@code value} unless the key is there (Redis's dictAddRaw): null when it
     * was added (the array is stored as is), else the entry that holds it, left unchanged. One
     * lookup, where {@link #containsKey} then {@link #put} take two.
     */
    public Entry<V> putIfAbsent(byte[] key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        rehashStep();
        expandIfNeeded();
        long h = hasher.hash(key);
        Entry<V> e = find(key, h);
        if (e != null) {
            return e;
        }
        insert(key, h, value);
        return null;
    }

    /** Removes {@code key}; returns its value, or null if it was absent. */
    public V remove(byte[] key) {
        if (size() == 0) {
            return null;
        }
        rehashStep();
        long h = hasher.hash(key);
        for (int which = 0; which < 2; which++) {
            Entry<V>[] t = which == 0 ? t0 : t1;
            if (t == null) {
                break;
            }
            int idx = (int) h & (t.length - 1);
            Entry<V> prev = null;
            for (Entry<V> e = t[idx]; e != null; prev = e, e = e.next) {
                if (Arrays.equals(e.key, key)) {
                    return unlink(which, t, idx, prev, e);
                }
            }
            if (!isRehashing()) {
                break;
            }
        }
        return null;
    }

    /** Removes the key in argument {@code i}; returns its value, or null if it was absent. */
    public V remove(Argv argv, int i) {
        if (size() == 0) {
            return null;
        }
        rehashStep();
        long h = hasher.hash(argv, i);
        for (int which = 0; which < 2; which++) {
            Entry<V>[] t = which == 0 ? t0 : t1;
            if (t == null) {
                break;
            }
            int idx = (int) h & (t.length - 1);
            Entry<V> prev = null;
            for (Entry<V> e = t[idx]; e != null; prev = e, e = e.next) {
                if (KeyHash.sameBytes(argv, i, e.key)) {
                    return unlink(which, t, idx, prev, e);
                }
            }
            if (!isRehashing()) {
                break;
            }
        }
        return null;
    }

    /**
     * Drops every entry and both bucket arrays. A table that had an array keeps a new one of the
     * smallest size (a few bytes), so its next insert takes the path every insert takes: with no
     * array at all, the first SET after a FLUSHALL hit the "no array yet" branch, which the JIT had
     * compiled out while the table filled, and deoptimised the request path (about 0.3 s of
     * compiler CPU under load). Only a table never written to has no array.
     */
    public void clear() {
        charged = 0;
        t0 = t0 == null ? null : newTable(INITIAL_BUCKETS);
        t1 = null;
        used0 = 0;
        used1 = 0;
        chainBound0 = 0;
        chainBound1 = 0;
        rehashIndex = -1;
    }

    /**
     * Moves up to {@code buckets} non-empty buckets of an ongoing resize (a periodic task's
     * "active rehashing"). Does nothing while paused.
     *
     * @return true if a resize is still in progress afterwards
     */
    public boolean rehashSteps(int buckets) {
        if (paused == 0 && isRehashing()) {
            rehash(buckets);
        }
        return isRehashing();
    }

    // ---- iteration --------------------------------------------------------------------------

    /**
     * One SCAN step, as Redis's {@code dictScan}. The cursor's bits are incremented from the most
     * significant end of the bucket mask ("reverse binary"), so that when the table doubles or
     * halves between calls the buckets already visited map to cursors already passed, and no key
     * present for the whole scan is missed (some may be returned twice). During a rehash it visits
     * the bucket of the smaller array and every bucket of the larger one that it expands to.
     *
     * <p>The visitor may remove or add keys (rehashing is paused while it runs, so the tables keep
     * their shape); an added key may or may not be returned.
     *
     * @return the next cursor; 0 when the scan is complete
     */
    public long scan(long cursor, Visitor<? super V> visitor) {
        return scanEntries(cursor, e -> visitor.visit(e.key, e.value()));
    }

    /**
     * {@link #scan} handing over the entries themselves (a snapshot reads and sets their
     * {@link Entry#meta} marks). Same guarantees and the same freedom for the visitor.
     */
    public long scanEntries(long cursor, java.util.function.Consumer<Entry<V>> visitor) {
        if (size() == 0) {
            return 0;
        }
        long v = cursor;
        paused++;
        try {
            if (!isRehashing()) {
                long m0 = t0.length - 1;
                visitEntries(t0, (int) (v & m0), visitor);
                v = nextCursor(v, m0);
            } else {
                Entry<V>[] small = t0;
                Entry<V>[] large = t1;
                if (small.length > large.length) {
                    small = t1;
                    large = t0;
                }
                long m0 = small.length - 1;
                long m1 = large.length - 1;
                visitEntries(small, (int) (v & m0), visitor);
                // Every bucket of the larger array whose low bits equal this small-array bucket.
                do {
                    visitEntries(large, (int) (v & m1), visitor);
                    v = nextCursor(v, m1);
                } while ((v & (m0 ^ m1)) != 0);
            }
        } finally {
            paused--;
        }
        return v;
    }

    /** Visits every entry once; the visitor must not add or remove keys (it may set {@link Entry#meta}). */
    public void scanAll(java.util.function.Consumer<Entry<V>> visitor) {
        paused++;
        try {
            for (Entry<V>[] t : tables()) {
                for (Entry<V> head : t) {
                    for (Entry<V> e = head; e != null; e = e.next) {
                        visitor.accept(e);
                    }
                }
            }
        } finally {
            paused--;
        }
    }

    /**
     * Visits every entry once. The visitor must not add or remove keys (it may
     * {@link Entry#setValue replace values} through {@link #entry} lookups).
     */
    public void forEach(Visitor<? super V> visitor) {
        paused++;
        try {
            for (Entry<V>[] t : tables()) {
                for (int b = 0; b < t.length; b++) {
                    for (Entry<V> e = t[b]; e != null; e = e.next) {
                        visitor.visit(e.key, e.value());
                    }
                }
            }
        } finally {
            paused--;
        }
    }

    /**
     * A uniformly random entry (see "Random sampling" in the class comment), or null if the table
     * is empty.
     */
    public Entry<V> randomEntry(RandomGenerator rnd) {
        if (size() == 0) {
            return null;
        }
        rehashStep();
        int bound = Math.max(chainBound0, chainBound1);
        // Buckets of t0 below rehashIndex are empty: draw from the rest of t0 and all of t1.
        int from = isRehashing() ? rehashIndex : 0;
        long buckets = (long) t0.length - from + (isRehashing() ? t1.length : 0);
        while (true) {
            long r = from + rnd.nextLong(buckets);
            Entry<V> e = r >= t0.length ? t1[(int) (r - t0.length)] : t0[(int) r];
            for (int at = bound == 1 ? 0 : rnd.nextInt(bound); at > 0 && e != null; at--) {
                e = e.next;
            }
            if (e != null) {
                return e;
            }
        }
    }

    /**
     * Some entry, cheaply: a random non-empty bucket, then a random entry of its chain (Redis's
     * {@code dictGetRandomKey}). Entries of short chains come up more often than others: for
     * sampling where fairness does not matter (active expiry), never for a reply. Null if empty.
     */
    public Entry<V> sampleEntry(RandomGenerator rnd) {
        if (size() == 0) {
            return null;
        }
        rehashStep();
        Entry<V> head;
        if (isRehashing()) {
            long span = (long) t0.length + t1.length - rehashIndex;
            do {
                long r = rehashIndex + rnd.nextLong(span);
                head = r >= t0.length ? t1[(int) (r - t0.length)] : t0[(int) r];
            } while (head == null);
        } else {
            do {
                head = t0[rnd.nextInt(t0.length)];
            } while (head == null);
        }
        int chain = 0;
        for (Entry<V> e = head; e != null; e = e.next) {
            chain++;
        }
        Entry<V> e = head;
        for (int skip = chain == 1 ? 0 : rnd.nextInt(chain); skip > 0; skip--) {
            e = e.next;
        }
        return e;
    }

    /** Upper bound on the chain lengths, as {@link #randomEntry} uses it (tests). */
    int chainBound() {
        return Math.max(chainBound0, chainBound1);
    }

    /** The longest chain of both arrays, counted (tests: {@link #chainBound} must not be below it). */
    int longestChain() {
        int longest = 0;
        for (Entry<V>[] t : tables()) {
            for (Entry<V> head : t) {
                longest = Math.max(longest, chainLength(head));
            }
        }
        return longest;
    }

    // ---- internals --------------------------------------------------------------------------

    private static long nextCursor(long v, long mask) {
        // Set the bits above the mask so the increment carries straight out of them, then add one
        // to the reversed cursor: an increment of the high-order bits of the bucket index.
        v |= ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    private void visitEntries(Entry<V>[] t, int idx, java.util.function.Consumer<Entry<V>> visitor) {
        Entry<V> e = t[idx];
        while (e != null) {
            Entry<V> next = e.next; // the visitor may remove e
            visitor.accept(e);
            e = next;
        }
    }


    @SuppressWarnings("unchecked")
    private Entry<V>[][] tables() {
        if (t0 == null) {
            return new Entry[0][];
        }
        return isRehashing() ? new Entry[][] {t0, t1} : new Entry[][] {t0};
    }

    private Entry<V> find(byte[] key, long h) {
        for (Entry<V>[] t = t0; t != null; t = (t == t0 && isRehashing()) ? t1 : null) {
            for (Entry<V> e = t[(int) h & (t.length - 1)]; e != null; e = e.next) {
                if (Arrays.equals(e.key, key)) {
                    return e;
                }
            }
        }
        return null;
    }

    private Entry<V> find(Argv argv, int i, long h) {
        for (Entry<V>[] t = t0; t != null; t = (t == t0 && isRehashing()) ? t1 : null) {
            for (Entry<V> e = t[(int) h & (t.length - 1)]; e != null; e = e.next) {
                if (KeyHash.sameBytes(argv, i, e.key)) {
                    return e;
                }
            }
        }
        return null;
    }

    private void insert(byte[] key, long h, V value) {
        if (isRehashing()) {
            int idx = (int) h & (t1.length - 1);
            t1[idx] = new Entry<>(key, value, t1[idx], stamp);
            recharge(t1[idx]);
            used1++;
            chainBound1 = Math.max(chainBound1, chainLength(t1[idx]));
        } else {
            int idx = (int) h & (t0.length - 1);
            t0[idx] = new Entry<>(key, value, t0[idx], stamp);
            recharge(t0[idx]);
            used0++;
            chainBound0 = Math.max(chainBound0, chainLength(t0[idx]));
        }
    }

    /** Entries from {@code e} to the end of its chain (a chain is a handful of entries). */
    private static int chainLength(Entry<?> e) {
        int n = 0;
        for (; e != null; e = e.next) {
            n++;
        }
        return n;
    }

    private V unlink(int which, Entry<V>[] t, int idx, Entry<V> prev, Entry<V> e) {
        if (prev == null) {
            t[idx] = e.next;
        } else {
            prev.next = e.next;
        }
        if (which == 0) {
            used0--;
        } else {
            used1--;
        }
        V old = e.value();
        charged -= e.charge;
        shrinkIfNeeded();
        return old;
    }

    /** One incremental step, as part of a normal operation. */
    private void rehashStep() {
        if (paused == 0 && rehashIndex != -1) {
            rehash(1);
        }
    }

    /** Ensures there is a bucket array to insert into, and starts a grow at load factor 1. */
    private void expandIfNeeded() {
        if (isRehashing()) {
            return;
        }
        if (t0 == null) {
            t0 = newTable(INITIAL_BUCKETS);
            chainBound0 = 0;
            return;
        }
        if (paused == 0 && used0 >= t0.length && t0.length < MAX_BUCKETS) {
            startResize(bucketsFor(used0 + 1L));
        }
    }

    private void shrinkIfNeeded() {
        if (isRehashing() || paused != 0 || t0 == null) {
            return;
        }
        if (t0.length > INITIAL_BUCKETS && (long) used0 * 100 < (long) t0.length * MIN_FILL_PERCENT) {
            startResize(bucketsFor(used0));
        }
    }

    private static int bucketsFor(long size) {
        if (size <= INITIAL_BUCKETS) {
            return INITIAL_BUCKETS;
        }
        if (size >= MAX_BUCKETS) {
            return MAX_BUCKETS;
        }
        return Integer.highestOneBit((int) size - 1) << 1;
    }

    private void startResize(int buckets) {
        if (buckets == t0.length) {
            return;
        }
        if (used0 == 0) {
            // Nothing to move: swap in the new array at once.
            t0 = newTable(buckets);
            chainBound0 = 0;
            return;
        }
        t1 = newTable(buckets);
        chainBound1 = 0;
        rehashIndex = 0;
    }

    private void rehash(int buckets) {
        int emptyVisits = buckets * EMPTY_VISITS_PER_STEP;
        int mask1 = t1.length - 1;
        while (buckets-- > 0 && used0 != 0) {
            while (t0[rehashIndex] == null) {
                rehashIndex++;
                if (--emptyVisits == 0) {
                    return;
                }
            }
            Entry<V> e = t0[rehashIndex];
            while (e != null) {
                Entry<V> next = e.next;
                int idx = (int) hasher.hash(e.key) & mask1;
                e.next = t1[idx];
                t1[idx] = e;
                chainBound1 = Math.max(chainBound1, chainLength(e));
                used0--;
                used1++;
                e = next;
            }
            t0[rehashIndex] = null;
            rehashIndex++;
        }
        if (used0 == 0) {
            t0 = t1;
            used0 = used1;
            chainBound0 = chainBound1;
            t1 = null;
            used1 = 0;
            chainBound1 = 0;
            rehashIndex = -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newTable(int buckets) {
        return (Entry<V>[]) new Entry[buckets];
    }
}
