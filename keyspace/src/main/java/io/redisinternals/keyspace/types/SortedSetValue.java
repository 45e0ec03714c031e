package io.redisinternals.keyspace.types;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.dict.KeyTable;

import io.redisinternals.resp.Argv;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A sorted set (TYPE "zset"): unique members, each with a double score, ordered by score then by
 * member bytes compared unsigned (memcmp). Scores are never NaN.
 *
 * <h2>Encodings</h2>
 * <ul>
 * <li><b>listpack</b> (compact): one exactly sized byte array holding the elements in order,
 *     {@code len member score len member score ...}: the length a 7-bit varint ({@link Varint}),
 *     the score a varint {@code h}: {@code h} even is an integral score (zigzag-encoded, shifted
 *     left once; magnitude at most 2^53), {@code h == 1} is followed by the 8 bytes of the
 *     double (little-endian). So a small member with a small integer score costs 3 bytes, and a
 *     small set one allocation, as Redis's listpack (which stores integral scores as integers
 *     and others as text). Lookups by member scan linearly, as Redis's do, which is cheap while
 *     the set is small. Like Redis's listpack it cannot hold -0: a zero score is stored as 0.
 *     Members handed out from this form are fresh copies.</li>
 * <li><b>skiplist</b>: a {@link SkipList} (order, ranks in O(log n)) plus a {@link KeyTable}
 *     from member to skip-list node (score lookup in O(1), ZSCAN cursors); the node's offset is
 *     kept in the table entry's {@link KeyTable.Entry#meta() meta} word, so the table needs no
 *     value object per member. Members handed out from this form are the stored arrays.</li>
 * </ul>
 * The commands create a compact set unless zset-max-listpack-entries is 0 or the first member is
 * longer than zset-max-listpack-value, and convert it (once, never back) when an insertion would
 * pass either limit; see {@link #add}. Only a freshly built result (ZUNIONSTORE, ...) may start as
 * a skip list and become compact, see {@link #compactIfFits}.
 *
 * <p>Ranks are 0-based here. Not thread-safe.
 */
public final class SortedSetValue implements TypedValue {

    /** A seeded hash for the member tables of all sorted sets (hash flooding). */
    private static final KeyHash HASH = new KeyHash(new SecureRandom().nextLong());
    private static final byte[] EMPTY = new byte[0];
    /** The member table's value: the node lives in the entry's meta word. */
    private static final Object PRESENT = Boolean.TRUE;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Largest magnitude of an integral score stored as an integer (every such double is exact). */
    private static final double MAX_INTEGRAL = 0x1p53;

    /** Receives one (member, score) pair. The member array must not be modified. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(byte[] member, double score);
    }

    /** A monotonic predicate over the order (range bounds): true for a prefix of the elements. */
    @FunctionalInterface
    public interface Bound {
        boolean test(double score, byte[] member);
    }

    /** The skiplist encoding: Redis's {@code zset} struct (dict + zskiplist). */
    private static final class Full {
        final SkipList list;
        final KeyTable<Object> dict = new KeyTable<>(HASH, CollectionLayout.MEMBER_ONLY);
        /**
         * The member-table entry the last {@link #score} call found (ZADD/ZINCRBY read a score and
         * then set it: the second lookup is saved). Cleared by every removal, since a removed entry
         * must not be reused; entries are otherwise stable (rehashing relinks them).
         */
        KeyTable.Entry<Object> lastFound;

        Full(int expected) {
            list = new SkipList(expected);
        }

        void insert(byte[] member, double score) {
            dict.stamp(list.insert(score, member)); // put() writes the node into the new entry's meta
            dict.put(member, PRESENT);
        }

        /** After removals: a rebuilt arena moved every node, the entries are told their new offsets. */
        void compactIfSparse() {
            if (list.compactIfSparse()) {
                for (int x = list.first(); x != SkipList.NIL; x = list.next(x)) {
                    dict.entry(list.member(x)).meta(x);
                }
            }
        }
    }

    // Compact form: packed != null. A compact set object is 24 bytes (header and three fields).
    private byte[] packed;
    private int count;
    private Full full;

    /** An empty set in the compact encoding, or the skip-list one when {@code compact} is false. */
    public SortedSetValue(boolean compact) {
        if (compact) {
            packed = EMPTY;
        } else {
            full = new Full(0);
        }
    }

    @Override
    public String typeName() {
        return "zset";
    }

    @Override
    public String encoding() {
        return full == null ? "listpack" : "skiplist";
    }

    /** A listpack is one allocation; a skiplist one node per member (Redis counts the skiplist's length). */
    @Override
    public long freeEffort() {
        return full == null ? 1 : size();
    }

    public boolean isCompact() {
        return full == null;
    }

    @Override
    public long size() {
        return full == null ? count : full.list.length;
    }

    /** This object (header, two references, an int). */
    private static final int SELF = 24;
    /** The {@link Full} object (header, three references). */
    private static final int FULL = 24;

    /**
     * The listpack array, or the skip list's arena and the member table; the member arrays are
     * shared by both and counted once, in the table's entries.
     */
    @Override
    public long memoryUsage() {
        if (full == null) {
            return SELF + ObjectLayout.byteArray(packed.length);
        }
        return SELF + FULL + full.list.memoryUsage() + CollectionLayout.table(full.dict);
    }

    @Override
    public SortedSetValue duplicate() {
        SortedSetValue copy = new SortedSetValue(full == null);
        if (full == null) {
            copy.packed = packed.length == 0 ? EMPTY : packed.clone();
            copy.count = count;
        } else {
            copy.full = new Full(full.list.length);
            forEach(copy.full::insert);
        }
        return copy;
    }

    // ---- the packed form --------------------------------------------------------------------

    /** The score header {@code h} of an integral score, or 1 when the score is stored as 8 bytes. */
    private static long scoreHeader(double score) {
        if (score == Math.rint(score) && Math.abs(score) <= MAX_INTEGRAL) {
            long v = (long) score;
            return ((v << 1) ^ (v >> 63)) << 1;
        }
        return 1;
    }

    private static int varlongSize(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** Bytes of the encoded score. */
    private static int scoreSize(double score) {
        long h = scoreHeader(score);
        return h == 1 ? 9 : varlongSize(h);
    }

    private static int writeScore(byte[] b, int p, double score) {
        long h = scoreHeader(score);
        if (h == 1) {
            b[p] = 1;
            LONG_LE.set(b, p + 1, Double.doubleToRawLongBits(score));
            return p + 9;
        }
        while ((h & ~0x7fL) != 0) {
            b[p++] = (byte) ((h & 0x7f) | 0x80);
            h >>>= 7;
        }
        b[p++] = (byte) h;
        return p;
    }

    /** The score encoded at {@code p}. */
    private static double readScore(byte[] b, int p) {
        long h = 0;
        int shift = 0;
        int x;
        do {
            x = b[p++];
            h |= (long) (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        if (h == 1) {
            return Double.longBitsToDouble((long) LONG_LE.get(b, p));
        }
        long z = h >>> 1;
        return (double) ((z >>> 1) ^ -(z & 1));
    }

    /** Offset just past the score encoded at {@code p}. */
    private static int skipScore(byte[] b, int p) {
        if (b[p] == 1) {
            return p + 9;
        }
        while (b[p++] < 0) {
            // continuation bytes
        }
        return p;
    }

    /** Offset of the score of the element at {@code p}. */
    private static int scoreAt(byte[] b, int p) {
        int len = Varint.read(b, p);
        return p + Varint.size(len) + len;
    }

    /** Offset of the element after the one at {@code p}. */
    private static int skipElement(byte[] b, int p) {
        return skipScore(b, scoreAt(b, p));
    }

    /** A copy of the member of the element at {@code p}. */
    private static byte[] memberAt(byte[] b, int p) {
        int len = Varint.read(b, p);
        int data = p + Varint.size(len);
        return Arrays.copyOfRange(b, data, data + len);
    }

    /** Offset of the element of rank {@code rank} (valid) of the compact form. */
    private int offsetOf(int rank) {
        byte[] b = packed;
        int p = 0;
        for (int i = 0; i < rank; i++) {
            p = skipElement(b, p);
        }
        return p;
    }

    /** Offsets of every element of the compact form, plus the end (walks backwards need them). */
    private int[] offsets() {
        int[] at = new int[count + 1];
        byte[] b = packed;
        int p = 0;
        for (int i = 0; i < count; i++) {
            at[i] = p;
            p = skipElement(b, p);
        }
        at[count] = p;
        return at;
    }

    /** Rank of {@code member} in the compact form, or -1. */
    private int indexOf(byte[] member) {
        byte[] b = packed;
        int p = 0;
        for (int i = 0; i < count; i++) {
            int len = Varint.read(b, p);
            int data = p + Varint.size(len);
            if (len == member.length && Arrays.equals(b, data, data + len, member, 0, len)) {
                return i;
            }
            p = skipScore(b, data + len);
        }
        return -1;
    }

    // ---- lookups ----------------------------------------------------------------------------

    /** The member's score, or NaN when it is not a member (a stored score is never NaN). */
    public double score(byte[] member) {
        if (full == null) {
            byte[] b = packed;
            int p = 0;
            for (int i = 0; i < count; i++) {
                int len = Varint.read(b, p);
                int data = p + Varint.size(len);
                if (len == member.length && Arrays.equals(b, data, data + len, member, 0, len)) {
                    return readScore(b, data + len);
                }
                p = skipScore(b, data + len);
            }
            return Double.NaN;
        }
        KeyTable.Entry<Object> e = full.dict.entry(member);
        full.lastFound = e;
        return e == null ? Double.NaN : full.list.score(e.meta());
    }

    /**
     * The score of the member in argument {@code i}, or NaN: as {@link #score(byte[])}, the member
     * read in place from the request when the set is a skip list (ZADD on a big set copies nothing
     * for an existing member).
     */
    public double score(Argv argv, int i) {
        if (full == null) {
            return score(argv.bytes(i));
        }
        KeyTable.Entry<Object> e = full.dict.entry(argv, i);
        full.lastFound = e;
        return e == null ? Double.NaN : full.list.score(e.meta());
    }

    /** The member's 0-based rank in ascending order, or -1 when it is not a member. */
    public long rank(byte[] member) {
        if (full == null) {
            return indexOf(member);
        }
        KeyTable.Entry<Object> e = full.dict.entry(member);
        return e == null ? -1 : full.list.rank(e.meta()) - 1;
    }

    /**
     * The number of leading elements (in ascending order) for which {@code bound} holds. For the
     * compact form a linear scan, for the skip list Redis's level walk; equal answers when the
     * bound is monotonic over the order (score bounds always are; lex bounds when all scores are
     * equal, the only case Redis defines).
     */
    public long countWhile(Bound bound) {
        if (full == null) {
            return scanWhile(bound, true);
        }
        return full.list.countWhile(bound);
    }

    /** The compact form's number of leading elements for which {@code bound} is {@code expected}. */
    private int scanWhile(Bound bound, boolean expected) {
        byte[] b = packed;
        int p = 0;
        int i = 0;
        while (i < count) {
            int s = scoreAt(b, p);
            if (bound.test(readScore(b, s), memberAt(b, p)) != expected) {
                break;
            }
            p = skipScore(b, s);
            i++;
        }
        return i;
    }

    /**
     * The rank of the first element (ascending) for which {@code bound} holds, or {@link #size()}
     * when none does: Redis's range-start search, a linear scan of the compact form and a level
     * walk of the skip list (the same answer for a monotonic bound).
     */
    public long firstWhere(Bound bound) {
        if (full == null) {
            return scanWhile(bound, false);
        }
        return full.list.countWhile((sc, m) -> !bound.test(sc, m));
    }

    /**
     * The rank of the last element for which {@code bound} holds, or -1: the compact form scans
     * back from its end, the skip list walks its levels (Redis's range-end search).
     */
    public long lastWhere(Bound bound) {
        if (full == null) {
            int[] at = offsets();
            int i = count - 1;
            while (i >= 0 && !bound.test(readScore(packed, scoreAt(packed, at[i])), memberAt(packed, at[i]))) {
                i--;
            }
            return i;
        }
        return full.list.countWhile(bound) - 1;
    }

    /** Whether {@code bound} holds for the element at a 0-based rank (valid). */
    public boolean testAt(long rank, Bound bound) {
        if (full == null) {
            int p = offsetOf((int) rank);
            return bound.test(readScore(packed, scoreAt(packed, p)), memberAt(packed, p));
        }
        SkipList l = full.list;
        int n = l.byRank(rank + 1);
        return bound.test(l.score(n), l.member(n));
    }

    /**
     * How many consecutive elements from {@code rank} (ascending, or descending when
     * {@code reverse}) satisfy {@code bound}, at most {@code max}.
     */
    public long countFrom(long rank, boolean reverse, Bound bound, long max) {
        long n = 0;
        if (rank < 0 || rank >= size()) {
            return 0;
        }
        if (full == null) {
            int[] at = offsets();
            for (int i = (int) rank; n < max && i >= 0 && i < count
                    && bound.test(readScore(packed, scoreAt(packed, at[i])), memberAt(packed, at[i]));
                    i += reverse ? -1 : 1) {
                n++;
            }
            return n;
        }
        SkipList l = full.list;
        for (int x = l.byRank(rank + 1); n < max && x != SkipList.NIL && bound.test(l.score(x), l.member(x));
                x = reverse ? l.prev(x) : l.next(x)) {
            n++;
        }
        return n;
    }

    /**
     * Visits ranks {@code from..to} (0-based, inclusive, clamped to the set), ascending or, when
     * {@code reverse}, from {@code to} down to {@code from}.
     */
    public void forEachInRanks(long from, long to, boolean reverse, EntryVisitor visitor) {
        from = Math.max(from, 0);
        to = Math.min(to, size() - 1);
        if (from > to) {
            return;
        }
        if (full == null) {
            byte[] b = packed; // the visitor must not write to this set; keep the walk self-consistent anyway
            if (reverse) {
                int[] at = offsets();
                for (int i = (int) to; i >= from; i--) {
                    visitor.visit(memberAt(b, at[i]), readScore(b, scoreAt(b, at[i])));
                }
            } else {
                int p = offsetOf((int) from);
                for (long i = from; i <= to; i++) {
                    int s = scoreAt(b, p);
                    visitor.visit(memberAt(b, p), readScore(b, s));
                    p = skipScore(b, s);
                }
            }
            return;
        }
        SkipList l = full.list;
        long n = to - from + 1;
        for (int x = l.byRank((reverse ? to : from) + 1); n > 0 && x != SkipList.NIL; n--) {
            visitor.visit(l.member(x), l.score(x));
            x = reverse ? l.prev(x) : l.next(x);
        }
    }

    /** Every (member, score) in ascending order (SORT, COPY, conversions). */
    public void forEach(EntryVisitor visitor) {
        forEachInRanks(0, size() - 1, false, visitor);
    }

    /** The member at a 0-based rank (valid). */
    public byte[] memberAt(long rank) {
        if (full == null) {
            return memberAt(packed, offsetOf((int) rank));
        }
        return full.list.member(full.list.byRank(rank + 1));
    }

    /** The score at a 0-based rank (valid). */
    public double scoreAt(long rank) {
        if (full == null) {
            return readScore(packed, scoreAt(packed, offsetOf((int) rank)));
        }
        return full.list.score(full.list.byRank(rank + 1));
    }

    /**
     * A uniformly random element, or nothing when empty. The skip list draws a rank (O(log n) through
     * its spans) rather than sampling its member table, whose bucket-then-chain draw favours members
     * in short chains (the bias Redis's dictGetFairRandomKey softens; ranks remove it).
     */
    public void randomEntry(RandomGenerator rnd, EntryVisitor visitor) {
        long size = size();
        if (size == 0) {
            return;
        }
        long rank = rnd.nextLong(size);
        if (full == null) {
            int p = offsetOf((int) rank);
            visitor.visit(memberAt(packed, p), readScore(packed, scoreAt(packed, p)));
            return;
        }
        int x = full.list.byRank(rank + 1);
        visitor.visit(full.list.member(x), full.list.score(x));
    }

    /**
     * One ZSCAN step: the compact form returns everything at once (cursor 0 next), as Redis does
     * for a listpack; the skip list scans its member table with Redis's reverse-binary cursor.
     *
     * @return the next cursor
     */
    public long scan(long cursor, EntryVisitor visitor) {
        if (full == null) {
            forEach(visitor);
            return 0;
        }
        Full f = full;
        // The scan's visitor gets no entry: the node is looked up again (the table is paused, so
        // the lookup moves nothing).
        return f.dict.scan(cursor, (member, present) -> visitor.visit(member, f.list.score(f.dict.entry(member).meta())));
    }

    // ---- writes -----------------------------------------------------------------------------

    /**
     * Adds a member that is not present, converting the compact form first when the set would
     * then have more than {@code maxEntries} elements or the member is longer than
     * {@code maxValue} bytes (zset-max-listpack-entries / -value).
     */
    public void add(byte[] member, double score, long maxEntries, long maxValue) {
        if (full == null && (count + 1L > maxEntries || member.length > maxValue)) {
            convertToSkipList();
        }
        if (full == null) {
            insertCompact(member, score);
        } else {
            full.insert(member, score);
        }
    }

    private void insertCompact(byte[] member, double score) {
        if (score == 0) {
            score = 0.0; // no -0 in a listpack
        }
        byte[] b = packed;
        int p = 0;
        for (int i = 0; i < count; i++) {
            int len = Varint.read(b, p);
            int data = p + Varint.size(len);
            double s = readScore(b, data + len);
            if (s > score || (s == score && Arrays.compareUnsigned(b, data, data + len, member, 0, member.length) > 0)) {
                break;
            }
            p = skipScore(b, data + len);
        }
        int size = Varint.size(member.length) + member.length + scoreSize(score);
        byte[] grown = new byte[b.length + size];
        System.arraycopy(b, 0, grown, 0, p);
        int q = Varint.write(grown, p, member.length);
        System.arraycopy(member, 0, grown, q, member.length);
        writeScore(grown, q + member.length, score);
        System.arraycopy(b, p, grown, p + size, b.length - p);
        packed = grown;
        count++;
    }

    /** Changes the score of an existing member (keeps the encoding). */
    public void setScore(byte[] member, double score) {
        if (full == null) {
            removeCompactAt(indexOf(member));
            insertCompact(member, score);
            return;
        }
        KeyTable.Entry<Object> e = full.lastFound != null && Arrays.equals(full.lastFound.key(), member)
                ? full.lastFound : full.dict.entry(member);
        full.list.updateScore(e.meta(), score, e.key());
    }

    /** Changes the score of the existing member in argument {@code i}, read in place as {@link #score(Argv, int)}. */
    public void setScore(Argv argv, int i, double score) {
        if (full == null) {
            setScore(argv.bytes(i), score);
            return;
        }
        KeyTable.Entry<Object> e = full.lastFound != null && argv.contentEquals(i, full.lastFound.key())
                ? full.lastFound : full.dict.entry(argv, i);
        full.list.updateScore(e.meta(), score, e.key());
    }

    /** Removes a member; returns whether it was one. */
    public boolean remove(byte[] member) {
        if (full == null) {
            int i = indexOf(member);
            if (i < 0) {
                return false;
            }
            removeCompactAt(i);
            return true;
        }
        full.lastFound = null;
        KeyTable.Entry<Object> e = full.dict.entry(member);
        if (e == null) {
            return false;
        }
        int node = e.meta();
        full.dict.remove(member);
        full.list.delete(node);
        full.compactIfSparse();
        return true;
    }

    private void removeCompactAt(int i) {
        int from = offsetOf(i);
        removeCompactBytes(from, skipElement(packed, from), 1);
    }

    private void removeCompactBytes(int from, int to, int elements) {
        count -= elements;
        if (count == 0) {
            packed = EMPTY;
            return;
        }
        byte[] b = new byte[packed.length - (to - from)];
        System.arraycopy(packed, 0, b, 0, from);
        System.arraycopy(packed, to, b, from, packed.length - to);
        packed = b;
    }

    /**
     * Removes ranks {@code from..to} (0-based, inclusive, clamped to the set).
     *
     * @return the number removed
     */
    public long removeRanks(long from, long to) {
        from = Math.max(from, 0);
        to = Math.min(to, size() - 1);
        if (from > to) {
            return 0;
        }
        if (full == null) {
            int start = offsetOf((int) from);
            int end = start;
            for (long i = from; i <= to; i++) {
                end = skipElement(packed, end);
            }
            int n = (int) (to - from + 1);
            removeCompactBytes(start, end, n);
            return n;
        }
        full.lastFound = null;
        Full f = full;
        long removed = f.list.deleteRankRange(from + 1, to + 1, f.dict::remove);
        f.compactIfSparse();
        return removed;
    }

    /** Converts the compact form to the skip list (Redis's zsetConvert). */
    public void convertToSkipList() {
        if (full != null) {
            return;
        }
        Full f = new Full(count);
        forEach(f::insert);
        full = f;
        packed = null;
        count = 0;
    }

    /**
     * For a freshly built result (ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE): becomes compact when it
     * has at most {@code maxEntries} elements none longer than {@code maxValue} bytes, as Redis's
     * zsetConvertToListpackIfNeeded.
     */
    public void compactIfFits(long maxEntries, long maxValue) {
        if (full == null || full.list.length > maxEntries) {
            return;
        }
        SkipList l = full.list;
        int bytes = 0;
        for (int x = l.first(); x != SkipList.NIL; x = l.next(x)) {
            byte[] m = l.member(x);
            if (m.length > maxValue) {
                return;
            }
            bytes += Varint.size(m.length) + m.length + scoreSize(l.score(x) == 0 ? 0.0 : l.score(x));
        }
        byte[] b = bytes == 0 ? EMPTY : new byte[bytes];
        int p = 0;
        for (int x = l.first(); x != SkipList.NIL; x = l.next(x)) {
            byte[] m = l.member(x);
            p = Varint.write(b, p, m.length);
            System.arraycopy(m, 0, b, p, m.length);
            p = writeScore(b, p + m.length, l.score(x) == 0 ? 0.0 : l.score(x));
        }
        count = l.length;
        packed = b;
        full = null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("zset[").append(encoding()).append(':');
        forEach((m, s) -> b.append(' ').append(new String(m, java.nio.charset.StandardCharsets.ISO_8859_1))
                .append('=').append(s));
        return b.append(']').toString();
    }
}
