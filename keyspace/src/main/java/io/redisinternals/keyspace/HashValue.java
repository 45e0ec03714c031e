package io.redisinternals.keyspace;

import io.redisinternals.resp.Argv;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A hash value (field -> value, both binary-safe), in one of Redis's two encodings:
 * <ul>
 * <li><b>listpack</b>: a flat array {@code f0, v0, f1, v1, ...} in insertion order, searched
 *     linearly. Small and cache friendly; HGETALL, HKEYS, HSCAN... return fields in insertion
 *     order, exactly as Redis's listpack does (an updated field keeps its place, a removed one
 *     closes the gap).</li>
 * <li><b>hashtable</b>: a {@link KeyTable}, once the hash outgrows hash-max-listpack-entries or
 *     receives a field or value longer than hash-max-listpack-value. The conversion happens once
 *     and is never undone, as in Redis. Iteration order is the table's own (as Redis's is its
 *     dict's), and HSCAN gets the table's reverse-binary cursor.</li>
 * </ul>
 * The thresholds live in the server's config, so the callers decide: {@link #set} takes them as
 * arguments. Stored arrays are never modified in place (an update stores a new array), so a
 * field or value handed out by a getter stays valid until the next write to this hash.
 *
 * <p>Not thread-safe (owned by the database, like every value).
 */
public final class HashValue implements TypedValue {

    /**
     * One hash function for every hash's table, seeded once per process at random so nobody can
     * precompute colliding field names (hash flooding), as Redis seeds its dict hash at start-up.
     */
    private static final KeyHash HASHER = new KeyHash(new SecureRandom().nextLong());

    /** The listpack form: fields at even, values at odd indexes; null once converted. */
    private byte[][] pairs;
    /** Number of fields in {@link #pairs}. */
    private int used;
    /** The hashtable form, or null while compact. */
    private KeyTable<byte[]> table;

    /** A new, empty hash in the listpack encoding (Redis creates every hash that way). */
    public HashValue() {
        pairs = new byte[4][];
    }

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public String encoding() {
        return table == null ? "listpack" : "hashtable";
    }

    @Override
    public HashValue duplicate() {
        HashValue copy = new HashValue();
        if (table == null) {
            copy.pairs = new byte[Math.max(4, used * 2)][];
            for (int i = 0; i < used * 2; i++) {
                copy.pairs[i] = pairs[i].clone();
            }
            copy.used = used;
        } else {
            copy.pairs = null;
            copy.table = new KeyTable<>(HASHER);
            table.forEach((f, v) -> copy.table.put(f.clone(), v.clone()));
        }
        return copy;
    }

    @Override
    public long size() {
        return table == null ? used : table.size();
    }

    /** True while in the listpack encoding. */
    public boolean isCompact() {
        return table == null;
    }

    // ---- lookups ------------------------------------------------------------------------------

    /** The value of {@code field}, or null (SORT ... BY/GET key->field, HGET). Callers must not modify it. */
    public byte[] get(byte[] field) {
        if (table != null) {
            return table.get(field);
        }
        int i = indexOf(field);
        return i < 0 ? null : pairs[i + 1];
    }

    /** The value of the field in argument {@code i}, read in place, or null. */
    public byte[] get(Argv argv, int i) {
        if (table != null) {
            return table.get(argv, i);
        }
        int at = indexOf(argv, i);
        return at < 0 ? null : pairs[at + 1];
    }

    public boolean contains(Argv argv, int i) {
        return get(argv, i) != null;
    }

    // ---- updates ------------------------------------------------------------------------------

    /**
     * Sets {@code field} to {@code value} (both arrays are kept, the caller gives them up), as
     * Redis's hashTypeSet: a listpack hash is converted first if either is longer than
     * {@code maxValue}, and after the insert if it then holds more than {@code maxEntries} fields.
     *
     * @return true if the field is new, false if an existing value was replaced
     */
    public boolean set(byte[] field, byte[] value, int maxEntries, int maxValue) {
        if (table == null && (field.length > maxValue || value.length > maxValue)) {
            convert();
        }
        boolean created;
        if (table != null) {
            created = table.put(field, value) == null;
        } else {
            int at = indexOf(field);
            if (at >= 0) {
                pairs[at + 1] = value;
                created = false;
            } else {
                if (used * 2 == pairs.length) {
                    pairs = Arrays.copyOf(pairs, pairs.length * 2);
                }
                pairs[used * 2] = field;
                pairs[used * 2 + 1] = value;
                used++;
                created = true;
            }
        }
        if (table == null && used > maxEntries) {
            convert();
        }
        return created;
    }

    /** Removes the field in argument {@code i}; true if it was there. */
    public boolean remove(Argv argv, int i) {
        if (table != null) {
            return table.remove(argv, i) != null;
        }
        int at = indexOf(argv, i);
        if (at < 0) {
            return false;
        }
        // Close the gap so the remaining fields keep their order, as a listpack delete does.
        System.arraycopy(pairs, at + 2, pairs, at, used * 2 - at - 2);
        used--;
        pairs[used * 2] = null;
        pairs[used * 2 + 1] = null;
        return true;
    }

    /** Switches to the hashtable encoding (idempotent, never undone). */
    public void convert() {
        if (table != null) {
            return;
        }
        KeyTable<byte[]> t = new KeyTable<>(HASHER);
        for (int i = 0; i < used * 2; i += 2) {
            t.put(pairs[i], pairs[i + 1]);
        }
        table = t;
        pairs = null;
        used = 0;
    }

    // ---- iteration ----------------------------------------------------------------------------

    /** Receives one field and its value. */
    @FunctionalInterface
    public interface Visitor {
        void visit(byte[] field, byte[] value);
    }

    /** Visits every field once, in the encoding's order (insertion order while compact). The visitor must not modify the hash. */
    public void forEach(Visitor visitor) {
        if (table != null) {
            table.forEach(visitor::visit);
            return;
        }
        for (int i = 0; i < used * 2; i += 2) {
            visitor.visit(pairs[i], pairs[i + 1]);
        }
    }

    /**
     * One HSCAN step of the hashtable form (see {@link KeyTable#scan}); a compact hash is visited
     * whole and 0 returned, as Redis returns a listpack in one reply whatever the cursor.
     *
     * @return the next cursor, 0 when done
     */
    public long scan(long cursor, Visitor visitor) {
        if (table != null) {
            return table.scan(cursor, visitor::visit);
        }
        forEach(visitor);
        return 0;
    }

    /** Field number {@code index} (0-based) of the compact form. */
    public byte[] fieldAt(int index) {
        return pairs[index * 2];
    }

    /** Value number {@code index} (0-based) of the compact form. */
    public byte[] valueAt(int index) {
        return pairs[index * 2 + 1];
    }

    /**
     * A random field: uniform while compact, else the table's bucket-then-chain draw (Redis's
     * dictGetFairRandomKey is not exactly uniform either). Writes the field to {@code out[0]}
     * and its value to {@code out[1]}; the hash must not be empty.
     */
    public void randomEntry(RandomGenerator rnd, byte[][] out) {
        if (table != null) {
            KeyTable.Entry<byte[]> e = table.randomEntry(rnd);
            out[0] = e.key();
            out[1] = e.value();
            return;
        }
        int i = rnd.nextInt(used) * 2;
        out[0] = pairs[i];
        out[1] = pairs[i + 1];
    }

    // ---- internals ----------------------------------------------------------------------------

    private int indexOf(byte[] field) {
        for (int i = 0; i < used * 2; i += 2) {
            if (Arrays.equals(pairs[i], field)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(Argv argv, int arg) {
        int n = argv.length(arg);
        for (int i = 0; i < used * 2; i += 2) {
            if (pairs[i].length == n && argv.contentEquals(arg, pairs[i])) {
                return i;
            }
        }
        return -1;
    }
}
