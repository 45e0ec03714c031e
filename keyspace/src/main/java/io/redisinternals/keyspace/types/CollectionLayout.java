package io.redisinternals.keyspace.types;

import io.redisinternals.keyspace.dict.KeyTable;

/**
 * The heap the collection values retain, in the layout {@link ObjectLayout}
 * describes (HotSpot, compressed oops and class pointers: 12-byte object headers, 16-byte array
 * headers, 4-byte references, 8-byte alignment). The numbers are that layout's arithmetic over our
 * own fields, so a value's estimate follows its real objects: each compact encoding is one exactly
 * counted array, and each table keeps the sum of its entries through a {@link KeyTable.Sizer}, so
 * every estimate is O(1) and moves with each write (no walk, no allocation).
 *
 * <p>Measured against the heap a full GC leaves (see docs/ARCHITECTURE.md, "Memory accounting and
 * eviction"): within a few percent for each encoding with elements of 8 and 1,000 bytes.
 */
final class CollectionLayout {

    /**
     * A {@code KeyTable} object: header, four references (hasher, sizer, two bucket arrays), the
     * charged long and seven ints.
     */
    static final int TABLE_OBJECT = 64;

    /** Entry of a hash's table: the entry, the field array and the value array. */
    static final KeyTable.Sizer FIELD_AND_VALUE = (field, value) ->
            ObjectLayout.TABLE_ENTRY + ObjectLayout.byteArray(field.length) + ObjectLayout.byteArray(((byte[]) value).length);
    /** Entry of a set's or a sorted set's member table: the entry and the member array (the value is shared). */
    static final KeyTable.Sizer MEMBER_ONLY = (member, value) -> ObjectLayout.TABLE_ENTRY + ObjectLayout.byteArray(member.length);

    private CollectionLayout() {
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
        return TABLE_OBJECT + ObjectLayout.refArray(buckets) + t.charged();
    }
}
