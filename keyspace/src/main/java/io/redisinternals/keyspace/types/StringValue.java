package io.redisinternals.keyspace.types;

import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.ReplyWriter;
import java.util.Arrays;

/**
 * The string type. A string value is stored in one of two forms, mirroring Redis's encodings:
 * <ul>
 * <li>a plain {@code byte[]} of exactly the value's length: what SET, MSET, GETSET and friends
 *     store. It costs one array and nothing else, the analogue of Redis's {@code int} and
 *     {@code embstr} objects (which Redis also allocates in one block). OBJECT ENCODING derives
 *     the name Redis would report from the bytes: {@code int} for a canonical 64-bit integer of at
 *     most 20 characters, {@code embstr} up to 44 bytes, {@code raw} beyond;</li>
 * <li>a {@code StringValue}: a buffer with spare capacity and a length, the analogue of Redis's
 *     {@code raw} sds string. Commands that modify a string in place (APPEND, SETRANGE, SETBIT,
 *     BITFIELD) turn the value into this form, so repeated appends cost amortised O(1) as in
 *     Redis, and OBJECT ENCODING reports {@code raw} after them exactly as Redis does. A
 *     {@code StringValue} can also carry the {@code embstr} name, for the few commands that store
 *     a new short string Redis does not try to turn into an integer (INCRBYFLOAT).</li>
 * </ul>
 * The static helpers accept either form, so a command never needs to know which one it holds.
 *
 * <p>Ownership: a stored string (either form) belongs to its database entry alone; replies copy
 * it out. Commands may therefore rewrite it in place, and commands that duplicate a value (COPY)
 * must copy the bytes.
 */
public final class StringValue {

    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT: strings up to this length are stored as embstr. */
    public static final int EMBSTR_SIZE_LIMIT = 44;
    /** Redis's SDS_MAX_PREALLOC: growth doubles up to this size, then adds this much at a time. */
    private static final int MAX_PREALLOC = 1024 * 1024;

    private byte[] buf;
    private int length;
    private final boolean embstr;

    private StringValue(byte[] buf, int length, boolean embstr) {
        this.buf = buf;
        this.length = length;
        this.embstr = embstr;
    }

    /** A raw-encoded string holding a copy of {@code bytes[0, length)} with room for {@code capacity}. */
    public static StringValue raw(byte[] bytes, int length, int capacity) {
        return new StringValue(Arrays.copyOf(bytes, Math.max(capacity, length)), length, false);
    }

    /** A raw-encoded string of {@code length} zero bytes (SETRANGE/SETBIT on a missing key). */
    public static StringValue zeros(int length) {
        return new StringValue(new byte[length], length, false);
    }

    /**
     * A new string Redis would store as embstr whatever its content (INCRBYFLOAT's result): a
     * {@code byte[]} would report {@code int} for "3", which Redis does not.
     */
    public static Object embstr(byte[] bytes) {
        return bytes.length <= EMBSTR_SIZE_LIMIT && isIntegerLike(bytes, bytes.length)
                ? new StringValue(bytes, bytes.length, true)
                : bytes;
    }

    /** The bytes; valid in {@code [0, length())}. May be longer than the value. */
    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    /**
     * Makes the value at least {@code newLength} bytes long, zero-filling the new part, with
     * Redis's greedy growth (double below 1 MiB, else +1 MiB) so that repeated growth is amortised.
     * The caller has checked {@code newLength} against proto-max-bulk-len.
     */
    public void growTo(int newLength) {
        if (newLength <= length) {
            return;
        }
        if (newLength > buf.length) {
            long cap = newLength < MAX_PREALLOC ? (long) newLength * 2 : (long) newLength + MAX_PREALLOC;
            buf = Arrays.copyOf(buf, (int) Math.min(cap, Integer.MAX_VALUE - 16));
        } else {
            Arrays.fill(buf, length, newLength, (byte) 0);
        }
        length = newLength;
    }

    // ---- helpers over both forms --------------------------------------------------------------

    /** True if {@code value} is a string (either form). */
    public static boolean isString(Object value) {
        return value instanceof byte[] || value instanceof StringValue;
    }

    /** Length of a string value (either form). */
    public static int length(Object value) {
        return value instanceof byte[] b ? b.length : ((StringValue) value).length;
    }

    /** The backing array of a string value (either form); valid in {@code [0, length(value))}. */
    public static byte[] array(Object value) {
        return value instanceof byte[] b ? b : ((StringValue) value).buf;
    }

    /** A new array with exactly the value's bytes. */
    public static byte[] copyOf(Object value) {
        return Arrays.copyOf(array(value), length(value));
    }

    /**
     * The value as an exact-length array without copying when it already is one (read-only use:
     * the result may be the stored array).
     */
    public static byte[] bytes(Object value) {
        return value instanceof byte[] b ? b : copyOf(value);
    }

    /** A string value as a bulk reply. */
    public static void writeBulk(ReplyWriter out, Object value) {
        if (value instanceof byte[] b) {
            out.bulk(b);
        } else {
            StringValue s = (StringValue) value;
            out.bulk(s.buf, 0, s.length);
        }
    }

    /** A copy of a string value in the same form (COPY): the copy must not share the array. */
    public static Object duplicate(Object value) {
        if (value instanceof byte[] b) {
            return b.clone();
        }
        StringValue s = (StringValue) value;
        return new StringValue(Arrays.copyOf(s.buf, s.length), s.length, s.embstr);
    }

    /** The name OBJECT ENCODING reports: int, embstr or raw, as Redis would for this value. */
    public static String encoding(Object value) {
        if (value instanceof StringValue s) {
            return s.embstr ? "embstr" : "raw";
        }
        byte[] b = (byte[]) value;
        if (isIntegerLike(b, b.length)) {
            return "int";
        }
        return b.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
    }

    /** Redis's tryObjectEncoding test: at most 20 characters that string2l accepts. */
    static boolean isIntegerLike(byte[] b, int len) {
        if (len == 0 || len > Numbers.MAX_LONG_CHARS) {
            return false;
        }
        try {
            Numbers.parseStrictLong(b, 0, len);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
