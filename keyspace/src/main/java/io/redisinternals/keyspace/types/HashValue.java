package io.redisinternals.keyspace.types;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.dict.KeyTable;

import io.redisinternals.resp.Argv;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A hash value (field -> value, both binary-safe), in one of Redis's two encodings:
 * <ul>
 * <li><b>listpack</b>: one byte array {@code len f0 len v0 len f1 len v1 ...} (lengths as 7-bit
 *     varints) in insertion order, searched linearly, exactly sized. As Redis's listpack, a small
 *     hash costs one allocation and a few bytes per entry instead of an object per field and
 *     value. HGETALL, HKEYS, HSCAN... return fields in insertion order, as Redis's listpack does
 *     (an updated field keeps its place, a removed one closes the gap).</li>
 * <li><b>hashtable</b>: a {@link KeyTable}, once the hash outgrows hash-max-listpack-entries or
 *     receives a field or value longer than hash-max-listpack-value. The conversion happens once
 *     and is never undone, as in Redis. Iteration order is the table's own (as Redis's is its
 *     dict's), and HSCAN gets the table's reverse-binary cursor.</li>
 * </ul>
 * The thresholds live in the server's config, so the callers decide: {@link #set} takes them as
 * arguments. Getters of the listpack form return fresh copies; those of the hashtable form the
 * stored arrays, which are never modified in place (an update stores a new array): either way a
 * field or value handed out stays valid until the next write to this hash, and callers must not
 * modify it.
 *
 * <p>Not thread-safe (owned by the database, like every value).
 */
public final class HashValue implements TypedValue {

    /**
     * One hash function for every hash's table, seeded once per process at random so nobody can
     * precompute colliding field names (hash flooding), as Redis seeds its dict hash at start-up.
     */
    private static final KeyHash HASHER = new KeyHash(new SecureRandom().nextLong());
    private static final byte[] EMPTY = new byte[0];

    /** The listpack form (exactly sized), or null once converted. */
    private byte[] packed;
    /** Number of fields in {@link #packed}. */
    private int used;
    /** The hashtable form, or null while compact. */
    private KeyTable<byte[]> table;

    /** A new, empty hash in the listpack encoding (Redis creates every hash that way). */
    public HashValue() {
        packed = EMPTY;
    }

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public String encoding() {
        return table == null ? "listpack" : "hashtable";
    }

    /** A listpack is one allocation; a hashtable one per field (Redis counts dictSize). */
    @Override
    public long freeEffort() {
        return table == null ? 1 : size();
    }

    @Override
    public HashValue duplicate() {
        HashValue copy = new HashValue();
        if (table == null) {
            copy.packed = packed.clone();
            copy.used = used;
        } else {
            copy.packed = null;
            copy.table = newTable();
            table.forEach((f, v) -> copy.table.put(f.clone(), v.clone()));
        }
        return copy;
    }

    @Override
    public long size() {
        return table == null ? used : table.size();
    }

    /** This object (header, two references, an int) and the listpack array or the table with its entries. */
    private static final int SELF = 24;

    @Override
    public long memoryUsage() {
        return SELF + (table == null ? ObjectLayout.byteArray(packed.length) : CollectionLayout.table(table));
    }

    /** A field table that keeps the bytes of its entries (entry, field and value arrays) as they change. */
    private static KeyTable<byte[]> newTable() {
        return new KeyTable<>(HASHER, CollectionLayout.FIELD_AND_VALUE);
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
        int at = indexOf(field);
        return at < 0 ? null : entryAt(skip(at));
    }

    /** The value of the field in argument {@code i}, or null. */
    public byte[] get(Argv argv, int i) {
        if (table != null) {
            return table.get(argv, i);
        }
        return get(argv.bytes(i));
    }

    public boolean contains(Argv argv, int i) {
        if (table != null) {
            return table.containsKey(argv, i);
        }
        return indexOf(argv.bytes(i)) >= 0;
    }

    // ---- updates ------------------------------------------------------------------------------

    /**
     * Sets {@code field} to {@code value} (the caller gives both arrays up), as Redis's
     * hashTypeSet: a listpack hash is converted first if either is longer than
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
                int valueAt = skip(at);
                replace(valueAt, skip(valueAt), value);
                created = false;
            } else {
                int end = packed.length;
                replace(end, end, field);
                replace(packed.length, packed.length, value);
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
        int at = indexOf(argv.bytes(i));
        if (at < 0) {
            return false;
        }
        // Close the gap so the remaining fields keep their order, as a listpack delete does.
        byte[] shorter = new byte[packed.length - (skip(skip(at)) - at)];
        System.arraycopy(packed, 0, shorter, 0, at);
        System.arraycopy(packed, skip(skip(at)), shorter, at, packed.length - skip(skip(at)));
        packed = shorter;
        used--;
        return true;
    }

    /** Switches to the hashtable encoding (idempotent, never undone). */
    public void convert() {
        if (table != null) {
            return;
        }
        KeyTable<byte[]> t = newTable();
        for (int p = 0; p < packed.length; ) {
            int v = skip(p);
            t.put(entryAt(p), entryAt(v));
            p = skip(v);
        }
        table = t;
        packed = null;
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
        byte[] snapshot = packed; // the visitor may not write, but keep the walk self-consistent
        for (int p = 0; p < snapshot.length; ) {
            int v = skip(snapshot, p);
            visitor.visit(entryAt(snapshot, p), entryAt(snapshot, v));
            p = skip(snapshot, v);
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
        return entryAt(pairAt(index));
    }

    /** Value number {@code index} (0-based) of the compact form. */
    public byte[] valueAt(int index) {
        return entryAt(skip(pairAt(index)));
    }

    /**
     * A uniformly random field, in either encoding (see {@link KeyTable#randomEntry}). Writes the
     * field to {@code out[0]} and its value to {@code out[1]}; the hash must not be empty.
     */
    public void randomEntry(RandomGenerator rnd, byte[][] out) {
        if (table != null) {
            KeyTable.Entry<byte[]> e = table.randomEntry(rnd);
            out[0] = e.key();
            out[1] = e.value();
            return;
        }
        int p = pairAt(rnd.nextInt(used));
        out[0] = entryAt(p);
        out[1] = entryAt(skip(p));
    }

    // ---- the packed form ----------------------------------------------------------------------

    /** Offset of the field of pair {@code index}. */
    private int pairAt(int index) {
        int p = 0;
        for (int i = 0; i < index; i++) {
            p = skip(skip(p));
        }
        return p;
    }

    /** Offset of the field entry {@code field}, or -1. */
    private int indexOf(byte[] field) {
        byte[] b = packed;
        for (int p = 0; p < b.length; ) {
            int len = Varint.read(b, p);
            int data = p + Varint.size(len);
            if (len == field.length && Arrays.equals(b, data, data + len, field, 0, len)) {
                return p;
            }
            p = skip(b, data + len);
        }
        return -1;
    }

    /** Replaces the bytes {@code [from, to)} of the packed form with the entry {@code value}. */
    private void replace(int from, int to, byte[] value) {
        int size = Varint.size(value.length) + value.length;
        byte[] b = new byte[packed.length - (to - from) + size];
        System.arraycopy(packed, 0, b, 0, from);
        int p = Varint.write(b, from, value.length);
        System.arraycopy(value, 0, b, p, value.length);
        System.arraycopy(packed, to, b, from + size, packed.length - to);
        packed = b;
    }

    private int skip(int p) {
        return skip(packed, p);
    }

    private byte[] entryAt(int p) {
        return entryAt(packed, p);
    }

    /** Offset just past the entry at {@code p}. */
    private static int skip(byte[] b, int p) {
        int len = Varint.read(b, p);
        return p + Varint.size(len) + len;
    }

    /** A copy of the entry's bytes. */
    private static byte[] entryAt(byte[] b, int p) {
        int len = Varint.read(b, p);
        int data = p + Varint.size(len);
        return Arrays.copyOfRange(b, data, data + len);
    }
}
