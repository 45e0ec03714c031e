package io.redisinternals.persistence.rdb;

import static io.redisinternals.persistence.rdb.Blobs.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encodings redis 7.0 only reads (ziplist lists, quicklists of ziplists, ziplist hashes and
 * sorted sets, zipmaps, string-score sorted sets), on blobs built by hand from the formats'
 * documentation, and their corrupt forms.
 */
class OldEncodingsTest {

    static final RdbReadOptions OPTIONS = RdbReadOptions.defaults(new KeyHash(1), true);

    static Object read(int type, byte[] body) {
        return RdbValues.readValue(type, RdbInput.of(body), OPTIONS);
    }

    static byte[] blobValue(byte[] blob) {
        return Blobs.rdbString(blob);
    }

    static List<Object> everyZiplistEncoding() {
        List<Object> e = new ArrayList<>();
        e.add("a");
        e.add("");
        e.add("x".repeat(63));
        e.add("y".repeat(64));
        e.add("z".repeat(300)); // 14-bit length, and the next entry's prevlen takes 5 bytes
        e.add("w".repeat(16384)); // 32-bit length
        for (long v : new long[] {0, 12, 13, -1, 127, -128, 128, 32767, -32768, 32768, 8388607, -8388608, 8388608,
                2147483647L, -2147483648L, 2147483648L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            e.add(v);
        }
        return e;
    }

    private static List<String> asStrings(List<Object> entries) {
        List<String> s = new ArrayList<>();
        for (Object o : entries) {
            s.add(o.toString());
        }
        return s;
    }

    private static List<String> listOf(ListValue l) {
        List<String> out = new ArrayList<>();
        if (l.size() == 0) {
            return out;
        }
        ListValue.Cursor c = l.cursorAtEnd(true);
        do {
            out.add(new String(c.value(), java.nio.charset.StandardCharsets.ISO_8859_1));
        } while (c.next());
        return out;
    }

    @Test
    void ziplistListHasEveryEntryEncoding() {
        List<Object> entries = everyZiplistEncoding();
        ListValue l = (ListValue) read(RdbTypes.RDB_TYPE_LIST_ZIPLIST, blobValue(Blobs.ziplist(entries)));
        assertEquals(asStrings(entries), listOf(l));
    }

    @Test
    void quicklistOfZiplistsSkipsEmptyNodes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3); // nodes
        body.writeBytes(blobValue(Blobs.ziplist(List.of("a", 1L))));
        body.writeBytes(blobValue(Blobs.ziplist(List.of())));
        body.writeBytes(blobValue(Blobs.ziplist(List.of("b"))));
        ListValue l = (ListValue) read(RdbTypes.RDB_TYPE_LIST_QUICKLIST, body.toByteArray());
        assertEquals(List.of("a", "1", "b"), listOf(l));
        byte[] onlyEmpty = {1, 11, 11, 0, 0, 0, 10, 0, 0, 0, 0, 0, (byte) 0xFF};
        assertThrows(RdbEmptyValueException.class, () -> read(RdbTypes.RDB_TYPE_LIST_QUICKLIST, onlyEmpty));
    }

    @Test
    void ziplistHashesAndSortedSets() {
        HashValue h = (HashValue) read(RdbTypes.RDB_TYPE_HASH_ZIPLIST,
                blobValue(Blobs.ziplist(List.of("f", "v", "n", 12L, 7L, "seven"))));
        assertTrue(h.isCompact());
        assertArrayEquals(b("12"), h.get(b("n")));
        assertArrayEquals(b("seven"), h.get(b("7")));
        SortedSetValue z = (SortedSetValue) read(RdbTypes.RDB_TYPE_ZSET_ZIPLIST,
                blobValue(Blobs.ziplist(List.of("b", "2.5", "a", 1L, "c", "-inf"))));
        assertEquals(3, z.size());
        assertArrayEquals(b("c"), z.memberAt(0));
        assertEquals(Double.NEGATIVE_INFINITY, z.scoreAt(0));
        assertEquals(2.5, z.score(b("b")));
        // an odd count, a duplicate field, a score that is no number
        assertThrows(RdbFormatException.class, () -> read(RdbTypes.RDB_TYPE_HASH_ZIPLIST,
                blobValue(Blobs.ziplist(List.of("f", "v", "g")))));
        assertThrows(RdbFormatException.class, () -> read(RdbTypes.RDB_TYPE_HASH_ZIPLIST,
                blobValue(Blobs.ziplist(List.of("f", "v", "f", "w")))));
        assertThrows(RdbFormatException.class, () -> read(RdbTypes.RDB_TYPE_ZSET_ZIPLIST,
                blobValue(Blobs.ziplist(List.of("m", "abc")))));
    }

    @Test
    void zipmapsWithFreeSpaceAndLongLengths() {
        List<String> pairs = List.of("field", "value", "k".repeat(300), "v".repeat(254), "e", "");
        HashValue h = (HashValue) read(RdbTypes.RDB_TYPE_HASH_ZIPMAP, blobValue(Blobs.zipmap(pairs, 3)));
        assertEquals(3, h.size());
        assertArrayEquals(b("value"), h.get(b("field")));
        assertArrayEquals(b("v".repeat(254)), h.get(b("k".repeat(300))));
        assertFalse(h.isCompact(), "a 300-byte field is over hash-max-listpack-value: converted, as Redis");
        HashValue small = (HashValue) read(RdbTypes.RDB_TYPE_HASH_ZIPMAP, blobValue(Blobs.zipmap(List.of("a", "1"), 0)));
        assertTrue(small.isCompact());
        assertThrows(RdbFormatException.class, () -> read(RdbTypes.RDB_TYPE_HASH_ZIPMAP,
                blobValue(Blobs.zipmap(List.of("a", "1", "a", "2"), 0))));
        assertThrows(RdbFormatException.class, () -> read(RdbTypes.RDB_TYPE_HASH_ZIPMAP, blobValue(new byte[] {0, (byte) 0xFF})));
    }

    @Test
    void stringScoresAndPlainTypes() {
        RdbOutput out = new RdbOutput(false);
        out.writeLength(3);
        out.writeString(b("a"));
        out.writeByte(3);
        out.writeBytes(b("1.5"));
        out.writeString(b("b"));
        out.writeByte(254); // +inf
        out.writeString(b("c"));
        out.writeByte(255); // -inf
        SortedSetValue z = (SortedSetValue) read(RdbTypes.RDB_TYPE_ZSET, out.toByteArray());
        assertEquals(1.5, z.score(b("a")));
        assertEquals(Double.POSITIVE_INFINITY, z.score(b("b")));
        assertTrue(z.isCompact());
        RdbOutput nan = new RdbOutput(false);
        nan.writeLength(1);
        nan.writeString(b("a"));
        nan.writeByte(253);
        assertThrows(RdbFormatException.class, () -> read(RdbTypes.RDB_TYPE_ZSET, nan.toByteArray()));

        RdbOutput set = new RdbOutput(false);
        set.writeLength(3);
        set.writeString(b("1"));
        set.writeString(b("2"));
        set.writeString(b("x"));
        SetValue s = (SetValue) read(RdbTypes.RDB_TYPE_SET, set.toByteArray());
        assertFalse(s.isIntset());
        assertTrue(s.contains(b("1")) && s.contains(b("x")));
        RdbOutput ints = new RdbOutput(false);
        ints.writeLength(2);
        ints.writeString(b("5"));
        ints.writeString(b("-5"));
        assertTrue(((SetValue) read(RdbTypes.RDB_TYPE_SET, ints.toByteArray())).isIntset());
    }

    @Test
    void corruptZiplistsAreRefused() {
        byte[] good = Blobs.ziplist(List.of("abc", 5L, "d"));
        read(RdbTypes.RDB_TYPE_LIST_ZIPLIST, blobValue(good));
        byte[] badTail = good.clone();
        badTail[4]++;
        byte[] badCount = good.clone();
        badCount[8] = 2;
        byte[] badPrevlen = good.clone();
        badPrevlen[10 + 5] = 9; // the second entry's prevlen
        byte[] badEncoding = good.clone();
        badEncoding[11] = (byte) 0xC1;
        for (byte[] bad : List.of(badTail, badCount, badPrevlen, badEncoding)) {
            RdbFormatException e = assertThrows(RdbFormatException.class,
                    () -> read(RdbTypes.RDB_TYPE_LIST_ZIPLIST, blobValue(bad)));
            assertTrue(e.offset() >= 0, e.getMessage());
        }
    }

    @Test
    void modulesAndStreamsAreRefusedByName() {
        for (int type : new int[] {6, 7, 15, 19}) {
            RdbFormatException e = assertThrows(RdbFormatException.class, () -> read(type, new byte[] {0}));
            assertTrue(e.getMessage().contains("type " + type), e.getMessage());
        }
    }
}
