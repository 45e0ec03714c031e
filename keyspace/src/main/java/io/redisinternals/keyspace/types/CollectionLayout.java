package io.redisinternals.keyspace.types;

import io.redisinternals.keyspace.dict.KeyTable;

/**
 * The heap the collection values retain, in the layout {@code io.redisinternals.keyspace.HeapLayout}
 * describes (HotSpot, compressed oops and class pointers: 12-byte object headers, 16-byte array
 * headers, 4-byte references, 8-byte alignment). The numbers are that layout's arithmetic over our
 * own fields, so a value's estimate follows its real objects: each compact encoding is one exactly
 * counted array, and each table keeps the sum of its entries through a {@link KeyTable.Sizer}, so
 * every estimate is O(1) and moves with each write (no walk, no allocation). Kept here rather than
 * in HeapLayout because HeapLayout's package already depends on this one.
 *
 * <p>Measured against the heap a full GC leaves (see docs/ARCHITECTURE.md, "Memory accounting and
 * eviction"): within a few percent for each encoding with elements of 8 and 1,000 bytes.
 */
final class CollectionLayout {

    static final int OBJECT_HEADER = 12;
    static final int ARRAY_HEADER = 16;
    static final int REF = 4;
    /** A {@code KeyTable.Entry}: header, three references, two ints. */
    static final int TABLE_ENTRY = 32;
    /**
     * A {@code KeyTable} object: header, four references (hasher, sizer, two bucket arrays), the
     * charged long and seven ints.
     */
    static final int TABLE_OBJECT = 64;

    /** Entry of a hash's table: the entry, the field array and the value array. */
    static final KeyTable.Sizer FIELD_AND_VALUE = (field, value) ->
            TABLE_ENTRY + byteArray(field.length) + byteArray(((byte[]) value).length);
    /** Entry of a set's or a sorted set's member table: the entry and the member array (the value is shared). */
    static final KeyTable.Sizer MEMBER_ONLY = (member, value) -> TABLE_ENTRY + byteArray(member.length);

    private CollectionLayout() {
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    static long byteArray(long length) {
        return align(ARRAY_HEADER + length);
    }

    static long refArray(long length) {
        return align(ARRAY_HEADER + REF * length);
    }

    static long longArray(long length) {
        return align(ARRAY_HEADER + 8 * length);
    }

    static long intArray(long length) {
        return align(ARRAY_HEADER + 4L * length);
    }

    /**
     * A table with a sizer: the object, its bucket array and its charged entries. The bucket array
     * is counted as the table holds it when not resizing (a power of two at least the size, 4 at
     * least), not as it is at this instant: a lookup may move a rehash step or end a resize, and a
     * read must not change a value's charge. While a resize runs, the second array is not counted.
     */
    static long table(KeyTable<?> t) {
        int size = t.size();
        int buckets = size <= 4 ? 4 : Integer.highestOneBit(size - 1) << 1;
        return TABLE_OBJECT + refArray(buckets) + t.charged();
    }
}
