package io.redisinternals.resp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The arguments of one request (argv[0] is the command name), filled by {@link RequestParser}.
 *
 * <p>Arguments are slices of the read buffer — no per-argument copy — except those the parser had
 * to move out of it (a big bulk that did not fit, or earlier arguments of a frame interrupted by
 * one): those are owned byte arrays. Either way the contents are only valid until the handler
 * returns from the read callback or the next {@code parse}; a command that keeps an argument (a key
 * or value it stores) copies it with {@link #bytes(int)}.
 *
 * <p>One instance is reused for every request of a connection: filling it allocates nothing once
 * its arrays have grown to the argument count needed, up to {@value #SHRINK_ABOVE} arguments;
 * bigger arrays are dropped when the next request starts, so one huge request does not pin memory.
 */
public final class Argv {

    private static final int INITIAL_CAPACITY = 8;
    /** Argument arrays longer than this are dropped when the next request starts (see {@link #reset}). */
    static final int SHRINK_ABOVE = 1024;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteBuffer source;
    /**
     * Absolute position in {@link #source} that slice offsets are relative to. Moving it is how
     * {@link #rebase} follows a compacted buffer in O(1), whatever the number of arguments.
     */
    private int base;
    private int count;
    private int[] offsets = new int[INITIAL_CAPACITY];
    private int[] lengths = new int[INITIAL_CAPACITY];
    /** Non-null at index i when argument i lives outside the source buffer. */
    private byte[][] owned = new byte[INITIAL_CAPACITY][];
    private boolean anyOwned;

    /** Number of arguments, including the command name. */
    public int count() {
        return count;
    }

    /** Length in bytes of argument {@code i}. */
    public int length(int i) {
        checkIndex(i);
        return lengths[i];
    }

    /** Byte {@code j} of argument {@code i}. */
    public byte byteAt(int i, int j) {
        checkIndex(i);
        if (j < 0 || j >= lengths[i]) {
            throw new IndexOutOfBoundsException(j);
        }
        byte[] o = owned[i];
        return o != null ? o[j] : source.get(base + offsets[i] + j);
    }

    /**
     * Eight bytes of argument {@code i} from {@code offset}, as a little-endian long, read in place
     * (no copy, no view object): for hashing and comparing keys a word at a time. The caller keeps
     * {@code offset + 8 <= length(i)}.
     */
    public long longLE(int i, int offset) {
        byte[] o = owned[i];
        if (o != null) {
            return (long) LONG_LE.get(o, offset);
        }
        long v = source.getLong(base + offsets[i] + offset);
        return source.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
    }

    /** Four bytes of argument {@code i} from {@code offset}, little-endian, read in place (see {@link #longLE}). */
    public int intLE(int i, int offset) {
        byte[] o = owned[i];
        if (o != null) {
            return (int) INT_LE.get(o, offset);
        }
        int v = source.getInt(base + offsets[i] + offset);
        return source.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    /** A fresh copy of argument {@code i}. */
    public byte[] bytes(int i) {
        checkIndex(i);
        byte[] o = owned[i];
        if (o != null) {
            return o.length == lengths[i] ? o.clone() : Arrays.copyOf(o, lengths[i]);
        }
        byte[] out = new byte[lengths[i]];
        source.get(base + offsets[i], out);
        return out;
    }

    /** A fresh copy of every argument (a request kept past its call: queued, blocked, propagated). */
    public byte[][] toArrays() {
        byte[][] a = new byte[count][];
        for (int i = 0; i < a.length; i++) {
            a[i] = bytes(i);
        }
        return a;
    }

    /**
     * Argument {@code i} for a command that stores it as is (SET's value): a big argument the
     * parser accumulated outside the read buffer is handed over without a copy (the caller owns
     * the array from now on and must not expect it to stay unchanged in this argv); any other
     * argument is copied as {@link #bytes}. Copying a 200 MB value under the execution lock would
     * stall every client, so values are adopted, not duplicated.
     */
    public byte[] take(int i) {
        checkIndex(i);
        byte[] o = owned[i];
        if (o != null && o.length == lengths[i] && o.length >= RequestParser.BIG_BULK_THRESHOLD) {
            return o;
        }
        return bytes(i);
    }

    /** Length of the argument arrays (tests: they must shrink after a huge request). */
    int capacity() {
        return offsets.length;
    }

    /** Copies argument {@code i} into {@code dst} at {@code dstOffset}. */
    public void copyTo(int i, byte[] dst, int dstOffset) {
        checkIndex(i);
        byte[] o = owned[i];
        if (o != null) {
            System.arraycopy(o, 0, dst, dstOffset, lengths[i]);
        } else {
            source.get(base + offsets[i], dst, dstOffset, lengths[i]);
        }
    }

    /** Argument {@code i} as a read-only buffer view (no copy). */
    public ByteBuffer slice(int i) {
        checkIndex(i);
        byte[] o = owned[i];
        if (o != null) {
            return ByteBuffer.wrap(o, 0, lengths[i]).asReadOnlyBuffer();
        }
        return source.slice(base + offsets[i], lengths[i]).asReadOnlyBuffer();
    }

    /** Argument {@code i} decoded as UTF-8 (for names and options, not for binary values). */
    public String string(int i) {
        return new String(bytes(i), StandardCharsets.UTF_8);
    }

    /** Whether argument {@code i} equals {@code asciiWord} ignoring ASCII case. */
    public boolean equalsIgnoreCase(int i, String asciiWord) {
        checkIndex(i);
        int n = lengths[i];
        if (n != asciiWord.length()) {
            return false;
        }
        for (int j = 0; j < n; j++) {
            int a = byteAt(i, j) & 0xff;
            int b = asciiWord.charAt(j);
            if (a != b && toLower(a) != toLower(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * FNV-1a of argument {@code i} with ASCII letters lowered, as {@link #hashIgnoringAsciiCase(byte[])}
     * of its bytes: a command name is looked up on every request, without copying it and with one
     * bounds check rather than one per byte.
     */
    public int hashIgnoringAsciiCase(int i) {
        checkIndex(i);
        int n = lengths[i];
        byte[] o = owned[i];
        int h = FNV_BASIS;
        if (o != null) {
            for (int j = 0; j < n; j++) {
                h = (h ^ toLower(o[j] & 0xff)) * FNV_PRIME;
            }
        } else {
            int off = base + offsets[i];
            for (int j = 0; j < n; j++) {
                h = (h ^ toLower(source.get(off + j) & 0xff)) * FNV_PRIME;
            }
        }
        return h;
    }

    /** FNV-1a of {@code b} with ASCII letters lowered. */
    public static int hashIgnoringAsciiCase(byte[] b) {
        int h = FNV_BASIS;
        for (byte x : b) {
            h = (h ^ toLower(x & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private static final int FNV_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    /** Whether argument {@code i}, ASCII letters lowered, equals {@code lowerCase}. */
    public boolean equalsLowerCase(int i, byte[] lowerCase) {
        checkIndex(i);
        int n = lengths[i];
        if (n != lowerCase.length) {
            return false;
        }
        byte[] o = owned[i];
        int off = base + offsets[i];
        for (int j = 0; j < n; j++) {
            int b = o != null ? o[j] & 0xff : source.get(off + j) & 0xff;
            if (toLower(b) != (lowerCase[j] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** Whether argument {@code i} holds exactly {@code bytes}. */
    public boolean contentEquals(int i, byte[] bytes) {
        checkIndex(i);
        int n = lengths[i];
        if (n != bytes.length) {
            return false;
        }
        byte[] o = owned[i];
        if (o != null) {
            return Arrays.equals(o, 0, n, bytes, 0, n);
        }
        int off = base + offsets[i];
        for (int j = 0; j < n; j++) {
            if (source.get(off + j) != bytes[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses argument {@code i} as a 64-bit signed decimal integer with Redis's strict rules
     * (optional '-', no '+', no leading zeros, no spaces, at most 20 chars).
     *
     * @throws NumberFormatException if it is not one
     */
    public long longValue(int i) {
        checkIndex(i);
        byte[] o = owned[i];
        if (o != null) {
            return Numbers.parseStrictLong(o, 0, lengths[i]);
        }
        return Numbers.parseStrictLong(source, base + offsets[i], lengths[i]);
    }

    /** A lower-case ASCII copy of argument {@code i} as a String (command names, options). */
    public String lowerCaseString(int i) {
        checkIndex(i);
        int n = lengths[i];
        char[] chars = new char[n];
        for (int j = 0; j < n; j++) {
            chars[j] = (char) toLower(byteAt(i, j) & 0xff);
        }
        return new String(chars);
    }

    // ---- filled by RequestParser ----------------------------------------------------------

    void reset(ByteBuffer src) {
        if (offsets.length > SHRINK_ABOVE) {
            // A request with many arguments (a 300,000-key EXISTS) must not pin megabytes for the
            // connection's life: back to the small arrays, as Redis frees argv after each command.
            offsets = new int[INITIAL_CAPACITY];
            lengths = new int[INITIAL_CAPACITY];
            owned = new byte[INITIAL_CAPACITY][];
            anyOwned = false;
        } else if (anyOwned) {
            Arrays.fill(owned, 0, count, null);
            anyOwned = false;
        }
        source = src;
        base = 0;
        count = 0;
    }

    /** Appends a slice of the source buffer at absolute position {@code offset}. */
    void addSlice(int offset, int length) {
        ensureCapacity(count + 1);
        offsets[count] = offset - base;
        lengths[count] = length;
        owned[count] = null;
        count++;
    }

    void addOwned(byte[] bytes, int length) {
        ensureCapacity(count + 1);
        offsets[count] = 0;
        lengths[count] = length;
        owned[count] = bytes;
        anyOwned = true;
        count++;
    }

    /** Turns argument i from a slice into an owned copy (before the parser consumes its bytes). */
    void detach(int i) {
        if (owned[i] == null) {
            byte[] copy = new byte[lengths[i]];
            source.get(base + offsets[i], copy);
            owned[i] = copy;
            anyOwned = true;
        }
    }

    /**
     * Follows the source bytes after the transport compacted or replaced the buffer: every slice
     * moves by {@code delta} positions into {@code src}. O(1).
     */
    void rebase(ByteBuffer src, int delta) {
        source = src;
        base += delta;
    }

    /**
     * Takes over the contents of {@code other} (a partial request continued with another
     * instance), leaving {@code other} empty. O(1): the arrays are handed over, not copied.
     */
    void moveFrom(Argv other) {
        source = other.source;
        base = other.base;
        count = other.count;
        offsets = other.offsets;
        lengths = other.lengths;
        owned = other.owned;
        anyOwned = other.anyOwned;
        other.source = null;
        other.base = 0;
        other.count = 0;
        other.offsets = new int[INITIAL_CAPACITY];
        other.lengths = new int[INITIAL_CAPACITY];
        other.owned = new byte[INITIAL_CAPACITY][];
        other.anyOwned = false;
    }

    /**
     * An argv of owned arguments: the arrays are kept as they are (internal re-dispatch: a queued
     * or blocked command's copy; tests of the owned form).
     */
    public static Argv of(byte[]... args) {
        Argv a = new Argv();
        a.reset(null);
        for (byte[] arg : args) {
            a.addOwned(arg, arg.length);
        }
        return a;
    }

    /** An argv of UTF-8 strings, as {@link #slices} (tests, tools). */
    public static Argv of(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return slices(b);
    }

    /**
     * An argv holding the arguments the way a connection's does: slices of one buffer, back to back
     * after one unrelated byte (so no slice starts at offset 0 and an offset mistake shows). For
     * tests of code that reads arguments in place; the buffer is a copy, owned by the argv.
     */
    public static Argv slices(byte[]... args) {
        int total = 1;
        for (byte[] arg : args) {
            total += arg.length;
        }
        byte[] all = new byte[total];
        all[0] = '*';
        Argv a = new Argv();
        a.reset(ByteBuffer.wrap(all));
        int at = 1;
        for (byte[] arg : args) {
            System.arraycopy(arg, 0, all, at, arg.length);
            a.addSlice(at, arg.length);
            at += arg.length;
        }
        return a;
    }

    private void ensureCapacity(int n) {
        if (n > offsets.length) {
            int cap = Math.max(n, offsets.length * 2);
            offsets = Arrays.copyOf(offsets, cap);
            lengths = Arrays.copyOf(lengths, cap);
            owned = Arrays.copyOf(owned, cap);
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("argument " + i + " of " + count);
        }
    }

    private static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Argv[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(new String(bytes(i), StandardCharsets.ISO_8859_1));
        }
        return sb.append(']').toString();
    }
}
