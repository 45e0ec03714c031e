package io.redisinternals.keyspace.types;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.dict.KeyTable;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A set value, in one of redis-server 7.0's two encodings (7.0 has no listpack sets):
 * <ul>
 * <li><b>intset</b> while every member is the canonical decimal form of a 64-bit integer (Redis's
 *     {@code string2ll}: no '+', no leading zeros, no "-0", no spaces) and the set holds at most
 *     {@code set-max-intset-entries} members. The integers are kept sorted ascending in one byte
 *     array, each stored in the narrowest width (2, 4 or 8 bytes) that fits the widest member, as
 *     Redis's {@code intset}: 2 bytes per member for small numbers, no object per member. The
 *     order is observable: SMEMBERS, SSCAN and the set-operation replies list intset members in
 *     ascending numeric order, exactly as Redis does.</li>
 * <li><b>hashtable</b> otherwise: a {@link KeyTable} of the members (so SSCAN has Redis's
 *     reverse-binary cursor semantics). Iteration order there cannot match Redis's.</li>
 * </ul>
 * The conversion to hashtable happens once (adding a non-integer, or growing past the limit) and is
 * never undone, as in Redis: a hashtable set emptied down to small integers stays a hashtable.
 *
 * <p>Members are binary-safe byte strings; the arrays handed to {@link #add(byte[], long)} are kept
 * (the caller gives them up) and those handed out by {@link #forEach} must not be modified. Not
 * thread-safe.
 */
public final class SetValue implements TypedValue {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Upper bound on intset members whatever {@code set-max-intset-entries} says (it accepts up to
     * 2^63-1): keeps the byte array of 8-byte members well below 2 GiB. Redis bounds its intset at
     * 2^32 members too.
     */
    static final long MAX_INTSET_ENTRIES = 1L << 27;

    /** The single value object the hashtable maps every member to (a set only needs the keys). */
    private static final Boolean PRESENT = Boolean.TRUE;

    private static final byte[] EMPTY = new byte[0];

    private final KeyHash hasher;
    /** Intset form: {@link #count} integers of {@link #width} bytes, ascending. Null once a hashtable. */
    private byte[] ints;
    private int width;
    private int count;
    /** Hashtable form, or null while an intset. */
    private KeyTable<Boolean> table;

    private SetValue(KeyHash hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    // ---- creation ---------------------------------------------------------------------------

    /** An empty intset (Redis's {@code createIntsetObject}: the start of every set operation's result). */
    public static SetValue newIntset(KeyHash hasher) {
        SetValue s = new SetValue(hasher);
        s.ints = EMPTY;
        s.width = 2;
        return s;
    }

    /** An empty hashtable set. */
    public static SetValue newHashtable(KeyHash hasher) {
        SetValue s = new SetValue(hasher);
        s.table = new KeyTable<>(hasher, CollectionLayout.MEMBER_ONLY);
        return s;
    }

    /**
     * An empty set whose encoding suits {@code firstMember}, as Redis's {@code setTypeCreate}: an
     * intset if it is an integer, else a hashtable. The member is not added.
     */
    public static SetValue forFirstMember(KeyHash hasher, byte[] firstMember) {
        return isCanonicalLong(firstMember) ? newIntset(hasher) : newHashtable(hasher);
    }

    /** As {@link #forFirstMember(KeyHash, byte[])} for the member in argument {@code i}. */
    public static SetValue forFirstMember(KeyHash hasher, Argv argv, int i) {
        return isCanonicalLong(argv, i) ? newIntset(hasher) : newHashtable(hasher);
    }

    // ---- TypedValue -------------------------------------------------------------------------

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String encoding() {
        return table == null ? "intset" : "hashtable";
    }

    /** An intset is one allocation; a hashtable one per member (Redis counts dictSize). */
    @Override
    public long freeEffort() {
        return table == null ? 1 : size();
    }

    @Override
    public SetValue duplicate() {
        SetValue copy = new SetValue(hasher);
        if (table == null) {
            copy.ints = Arrays.copyOf(ints, count * width);
            copy.width = width;
            copy.count = count;
        } else {
            KeyTable<Boolean> t = new KeyTable<>(hasher, CollectionLayout.MEMBER_ONLY);
            // Member arrays are never modified, so the copy can share them.
            table.forEach((member, present) -> t.put(member, PRESENT));
            copy.table = t;
        }
        return copy;
    }

    @Override
    public long size() {
        return table == null ? count : table.size();
    }

    /** This object (header, three references, three ints) and the intset array or the member table. */
    private static final int SELF = 32;

    @Override
    public long memoryUsage() {
        return SELF + (table == null ? ObjectLayout.byteArray(ints.length) : CollectionLayout.table(table));
    }

    // ---- queries ----------------------------------------------------------------------------

    public boolean isIntset() {
        return table == null;
    }

    /**
     * The intset's integer width in bytes (2, 4 or 8): as Redis's intset, it only grows, so a
     * DUMP/RDB of the set writes the width Redis would have (persistence's intset blob).
     */
    public int intsetWidth() {
        return width;
    }

    /**
     * An intset holding {@code count} integers of {@code width} bytes, little endian and strictly
     * ascending, copied from {@code src[off..]} (an RDB intset blob's contents, validated by the
     * caller): the width is kept, as Redis keeps a loaded blob's encoding.
     */
    public static SetValue ofIntset(KeyHash hasher, int width, byte[] src, int off, int count) {
        if (width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("intset width " + width);
        }
        SetValue s = new SetValue(hasher);
        s.width = width;
        s.count = count;
        s.ints = Arrays.copyOfRange(src, off, off + count * width);
        return s;
    }

    /** The {@code index}-th smallest member of an intset (0-based). Only for the intset form. */
    public long intAt(int index) {
        Objects.checkIndex(index, count);
        return get(index);
    }

    public boolean contains(byte[] member) {
        if (table != null) {
            return table.containsKey(member);
        }
        return isCanonicalLong(member) && findInt(Numbers.parseStrictLong(member, 0, member.length)) >= 0;
    }

    /** Whether the member in argument {@code i} is in the set (read in place). */
    public boolean contains(Argv argv, int i) {
        if (table != null) {
            return table.containsKey(argv, i);
        }
        return isCanonicalLong(argv, i) && findInt(argv.longValue(i)) >= 0;
    }

    /** Whether the decimal form of {@code v} is a member (no array is made for an intset). */
    public boolean containsInteger(long v) {
        if (table != null) {
            return table.containsKey(decimal(v));
        }
        return findInt(v) >= 0;
    }

    /**
     * A uniformly random member, in either encoding (see {@link KeyTable#randomEntry}). The set
     * must not be empty.
     */
    public byte[] randomMember(RandomGenerator rnd) {
        if (table != null) {
            return table.randomEntry(rnd).key();
        }
        return decimal(get(rnd.nextInt(count)));
    }

    /** Index of a uniformly random intset member, for callers that read it with {@link #intAt}. */
    public int randomIndex(RandomGenerator rnd) {
        return rnd.nextInt(count);
    }

    /**
     * Visits every member once: an intset in ascending numeric order, a hashtable in table order.
     * The action must not modify the set.
     */
    public void forEach(Consumer<byte[]> action) {
        if (table != null) {
            table.forEach((member, present) -> action.accept(member));
            return;
        }
        for (int i = 0; i < count; i++) {
            action.accept(decimal(get(i)));
        }
    }

    /** A snapshot of the members, in {@link #forEach} order (SORT, tests). */
    public List<byte[]> members() {
        List<byte[]> out = new ArrayList<>((int) Math.min(size(), Integer.MAX_VALUE));
        forEach(out::add);
        return out;
    }

    /**
     * One SSCAN step, as Redis's {@code scanGenericCommand}: a hashtable advances the cursor over
     * its buckets (see {@link KeyTable#scan}); an intset hands out every member at once and ends
     * the scan (cursor 0), whatever cursor was given.
     *
     * @return the next cursor, 0 when complete
     */
    public long scan(long cursor, Consumer<byte[]> visitor) {
        if (table != null) {
            return table.scan(cursor, (member, present) -> visitor.accept(member));
        }
        forEach(visitor);
        return 0;
    }

    // ---- updates ----------------------------------------------------------------------------

    /**
     * Adds {@code member} (the array is kept if it goes into a hashtable). An intset becomes a
     * hashtable when the member is not an integer, or when it would hold more than
     * {@code maxIntsetEntries} members (Redis's {@code setTypeAdd}).
     *
     * @return true if the member was new
     */
    public boolean add(byte[] member, long maxIntsetEntries) {
        if (table == null) {
            if (isCanonicalLong(member)) {
                return addInteger(Numbers.parseStrictLong(member, 0, member.length), maxIntsetEntries);
            }
            convertToHashtable();
        }
        return table.put(member, PRESENT) == null;
    }

    /** As {@link #add(byte[], long)} for the member in argument {@code i}; copied only if it is stored. */
    public boolean add(Argv argv, int i, long maxIntsetEntries) {
        if (table == null) {
            if (isCanonicalLong(argv, i)) {
                return addInteger(argv.longValue(i), maxIntsetEntries);
            }
            convertToHashtable();
        }
        return table.put(argv, i, PRESENT) == null;
    }

    /** Adds the decimal form of {@code v}. */
    public boolean addInteger(long v, long maxIntsetEntries) {
        if (table != null) {
            return table.put(decimal(v), PRESENT) == null;
        }
        int at = findInt(v);
        if (at >= 0) {
            return false;
        }
        insertInt(-at - 1, v);
        if (count > Math.min(maxIntsetEntries, MAX_INTSET_ENTRIES)) {
            convertToHashtable();
        }
        return true;
    }

    /** Removes {@code member}; true if it was there. An intset stays an intset, a hashtable a hashtable. */
    public boolean remove(byte[] member) {
        if (table != null) {
            return table.remove(member) != null;
        }
        return isCanonicalLong(member) && removeInteger(Numbers.parseStrictLong(member, 0, member.length));
    }

    /** Removes the member in argument {@code i}; true if it was there. */
    public boolean remove(Argv argv, int i) {
        if (table != null) {
            return table.remove(argv, i) != null;
        }
        return isCanonicalLong(argv, i) && removeInteger(argv.longValue(i));
    }

    /** Removes the decimal form of {@code v}; true if it was there. */
    public boolean removeInteger(long v) {
        if (table != null) {
            return table.remove(decimal(v)) != null;
        }
        int at = findInt(v);
        if (at < 0) {
            return false;
        }
        int n = count * width;
        System.arraycopy(ints, (at + 1) * width, ints, at * width, n - (at + 1) * width);
        count--;
        // Give memory back when a big intset has mostly emptied, as Redis's realloc does.
        if (ints.length > 64 && count * width < ints.length / 4) {
            ints = Arrays.copyOf(ints, count * width * 2);
        }
        return true;
    }

    // ---- intset internals -------------------------------------------------------------------

    private long get(int index) {
        int off = index * width;
        return switch (width) {
            case 2 -> (short) SHORT.get(ints, off);
            case 4 -> (int) INT.get(ints, off);
            default -> (long) LONG.get(ints, off);
        };
    }

    private static void put(byte[] a, int width, int index, long v) {
        int off = index * width;
        switch (width) {
            case 2 -> SHORT.set(a, off, (short) v);
            case 4 -> INT.set(a, off, (int) v);
            default -> LONG.set(a, off, v);
        }
    }

    private static int widthFor(long v) {
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            return 2;
        }
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 4 : 8;
    }

    /** Binary search: the index of {@code v}, or {@code -(insertion point) - 1}. */
    private int findInt(long v) {
        if (count == 0) {
            return -1;
        }
        // A value wider than the encoding is outside the stored range (Redis's intsetSearch shortcut).
        if (widthFor(v) > width) {
            return v > 0 ? -count - 1 : -1;
        }
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = get(mid);
            if (m < v) {
                lo = mid + 1;
            } else if (m > v) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private void insertInt(int at, long v) {
        int w = Math.max(width, widthFor(v));
        long needed = (long) (count + 1) * w;
        if (w != width) {
            // Upgrade every member to the wider encoding.
            byte[] wider = new byte[(int) Math.max(needed, Math.min((long) count * w * 3 / 2, Integer.MAX_VALUE - 8))];
            for (int i = 0; i < count; i++) {
                put(wider, w, i < at ? i : i + 1, get(i));
            }
            ints = wider;
            width = w;
        } else {
            if (needed > ints.length) {
                long grown = Math.max(needed, (long) ints.length * 3 / 2);
                ints = Arrays.copyOf(ints, (int) Math.min(grown, Integer.MAX_VALUE - 8));
            }
            System.arraycopy(ints, at * w, ints, (at + 1) * w, (count - at) * w);
        }
        put(ints, w, at, v);
        count++;
    }

    private void convertToHashtable() {
        KeyTable<Boolean> t = new KeyTable<>(hasher, CollectionLayout.MEMBER_ONLY);
        for (int i = 0; i < count; i++) {
            t.put(decimal(get(i)), PRESENT);
        }
        table = t;
        ints = null;
        count = 0;
    }

    // ---- integers ---------------------------------------------------------------------------

    /** The decimal bytes of {@code v} (the member an intset entry stands for). */
    public static byte[] decimal(long v) {
        byte[] b = new byte[Numbers.decimalLength(v)];
        Numbers.writeDecimal(v, b, 0);
        return b;
    }

    /**
     * Whether {@code s} is the canonical decimal form of a 64-bit integer, as Redis's
     * {@code string2ll} (which decides whether a member can live in an intset): optional '-', then
     * digits without a leading zero ("0" alone excepted; "-0" is not canonical), no overflow.
     */
    public static boolean isCanonicalLong(byte[] s) {
        int n = s.length;
        if (n == 0 || n > Numbers.MAX_LONG_CHARS) {
            return false;
        }
        if (n == 1 && s[0] == '0') {
            return true;
        }
        int p = 0;
        boolean negative = s[0] == '-';
        if (negative) {
            p++;
        }
        if (p == n || s[p] < '1' || s[p] > '9') {
            return false;
        }
        long v = 0; // accumulated negatively, so that Long.MIN_VALUE fits
        for (; p < n; p++) {
            int d = s[p] - '0';
            if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return negative || v != Long.MIN_VALUE;
    }

    /** As {@link #isCanonicalLong(byte[])} for argument {@code i}, read in place. */
    public static boolean isCanonicalLong(Argv argv, int i) {
        int n = argv.length(i);
        if (n == 0 || n > Numbers.MAX_LONG_CHARS) {
            return false;
        }
        byte first = argv.byteAt(i, 0);
        if (n == 1 && first == '0') {
            return true;
        }
        int p = 0;
        boolean negative = first == '-';
        if (negative) {
            p++;
        }
        if (p == n || argv.byteAt(i, p) < '1' || argv.byteAt(i, p) > '9') {
            return false;
        }
        long v = 0;
        for (; p < n; p++) {
            int d = argv.byteAt(i, p) - '0';
            if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return negative || v != Long.MIN_VALUE;
    }
}
