package io.redisinternals.keyspace;

import io.redisinternals.keyspace.types.ObjectLayout;

/**
 * The charge of a key in the main key table, in {@link ObjectLayout}'s arithmetic: its entry, the
 * key array and its value's estimate.
 */
public final class HeapLayout {

    private HeapLayout() {
    }

    /** A key table's bucket array of {@code length} slots; 0 while the table has none. */
    public static long bucketArray(long length) {
        return length == 0 ? 0 : ObjectLayout.refArray(length);
    }

    /**
     * The charge of one key in the main key table: its entry, the key array and the value as its
     * {@link io.redisinternals.keyspace.types.ValueType#memoryUsage} estimates it (a bare byte[]
     * string, the most common value, without the type lookup).
     */
    public static long keyEntry(byte[] key, Object value) {
        return ObjectLayout.TABLE_ENTRY + ObjectLayout.byteArray(key.length) + value(value);
    }

    /**
     * The value's estimate; a value of a class with no registered type (storage tests store bare
     * objects) counts as one empty object rather than failing the write that stores it.
     */
    private static long value(Object value) {
        if (value instanceof byte[] b) {
            return ObjectLayout.byteArray(b.length);
        }
        try {
            return io.redisinternals.keyspace.types.ValueType.of(value).memoryUsage(value);
        } catch (IllegalStateException unregistered) {
            return ObjectLayout.align(ObjectLayout.OBJECT_HEADER);
        }
    }
}
