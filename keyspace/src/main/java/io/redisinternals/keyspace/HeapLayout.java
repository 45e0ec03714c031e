package io.redisinternals.keyspace;

/**
 * The JVM object layout the memory estimates are built from: HotSpot on a 64-bit JVM with
 * compressed oops and compressed class pointers (the default for heaps under 32 GB), where an
 * object is a 12-byte header followed by its fields, an array a 16-byte header followed by its
 * elements, a reference 4 bytes, and every object is padded to a multiple of 8. These constants are
 * what {@code used_memory} and MEMORY USAGE count; they are not read from the running JVM (no
 * Instrumentation agent, no Unsafe), so with other flags (-XX:-UseCompressedOops, a heap of 32 GB or
 * more, compact object headers) the estimates are off by the difference of the layouts.
 */
public final class HeapLayout {

    /** Header of an ordinary object: mark word (8) + compressed class pointer (4). */
    public static final int OBJECT_HEADER = 12;
    /** Header of an array: object header + length (4). */
    public static final int ARRAY_HEADER = 16;
    /** A compressed reference. */
    public static final int REF = 4;
    /** A key table entry ({@code KeyTable.Entry}: header, three references, two ints). */
    public static final int TABLE_ENTRY = 32;
    /** A boxed {@code Long} (the expiry times of the expires table). */
    public static final int BOXED_LONG = 16;

    private HeapLayout() {
    }

    /** {@code bytes} rounded up to the 8-byte object alignment. */
    public static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** A {@code byte[]} of {@code length} elements. */
    public static long byteArray(long length) {
        return align(ARRAY_HEADER + length);
    }

    /** A reference array (a bucket array) of {@code length} slots. */
    public static long refArray(long length) {
        return length == 0 ? 0 : align(ARRAY_HEADER + REF * length);
    }

    /**
     * The charge of one key in the main key table: its entry, the key array and the value as its
     * {@link io.redisinternals.keyspace.types.ValueType#memoryUsage} estimates it (a bare byte[]
     * string, the most common value, without the type lookup).
     */
    public static long keyEntry(byte[] key, Object value) {
        return TABLE_ENTRY + byteArray(key.length) + value(value);
    }

    /**
     * The value's estimate; a value of a class with no registered type (storage tests store bare
     * objects) counts as one empty object rather than failing the write that stores it.
     */
    private static long value(Object value) {
        if (value instanceof byte[] b) {
            return byteArray(b.length);
        }
        try {
            return io.redisinternals.keyspace.types.ValueType.of(value).memoryUsage(value);
        } catch (IllegalStateException unregistered) {
            return align(OBJECT_HEADER);
        }
    }
}
