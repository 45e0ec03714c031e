package io.redisinternals.keyspace.types;

/**
 * The JVM object layout the memory estimates are built from: HotSpot on a 64-bit JVM with
 * compressed oops and compressed class pointers (the default for heaps under 32 GB), where an
 * object is a 12-byte header followed by its fields, an array a 16-byte header followed by its
 * elements, a reference 4 bytes, and every object is padded to a multiple of 8. These constants are
 * what {@code used_memory} and MEMORY USAGE count; they are not read from the running JVM (no
 * Instrumentation agent, no Unsafe), so with other flags (-XX:-UseCompressedOops, a heap of 32 GB or
 * more, compact object headers) the estimates are off by the difference of the layouts. In this
 * package, the lowest that needs it, so that the values' estimates ({@link CollectionLayout}) and
 * the key table's ({@code io.redisinternals.keyspace.HeapLayout}) share one arithmetic.
 */
public final class ObjectLayout {

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

    private ObjectLayout() {
    }

    /** {@code bytes} rounded up to the 8-byte object alignment. */
    public static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** A {@code byte[]} of {@code length} elements. */
    public static long byteArray(long length) {
        return align(ARRAY_HEADER + length);
    }

    /** A reference array of {@code length} slots. */
    public static long refArray(long length) {
        return align(ARRAY_HEADER + REF * length);
    }

    /** A {@code long[]} of {@code length} elements. */
    public static long longArray(long length) {
        return align(ARRAY_HEADER + 8 * length);
    }

    /** An {@code int[]} of {@code length} elements. */
    public static long intArray(long length) {
        return align(ARRAY_HEADER + 4L * length);
    }
}
