package io.redisinternals.keyspace.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.resp.Argv;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The collections' memory estimates (TypedValue.memoryUsage) against the layout arithmetic of the
 * objects each encoding really holds, for small and large elements: the compact forms are exact
 * (one array), the tables are their elements' entries and arrays exactly plus a bounded table
 * overhead. Each mutator must move the estimate by what it added or removed, with no walk: the
 * expectations below are counted by walking the contents, the estimate is the running total.
 * (A throwaway harness measuring the heap a full GC leaves found these estimates within 4% of the
 * real heap for 8, 100 and 1,000-byte elements; see docs/ARCHITECTURE.md.)
 */
class CollectionMemoryTest {

    private static final KeyHash HASH = new KeyHash(7);

    private static byte[] bytes(int len, int seed) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) 'x');
        for (int i = 0; i < Math.min(4, len); i++) {
            b[i] = (byte) (seed >>> (8 * i));
        }
        return b;
    }

    private static long array(long len) {
        return ObjectLayout.byteArray(len);
    }

    private static int varint(int len) {
        return Varint.size(len);
    }

    // ---- hashes -------------------------------------------------------------------------------

    /** Bytes of the fields' entries in the hashtable form, counted by walking the hash. */
    private static long hashTableElements(HashValue h) {
        long[] sum = {0};
        h.forEach((f, v) -> sum[0] += 32 + array(f.length) + array(v.length));
        return sum[0];
    }

    private static long hashPacked(HashValue h) {
        long[] sum = {0};
        h.forEach((f, v) -> sum[0] += varint(f.length) + f.length + varint(v.length) + v.length);
        return sum[0];
    }

    /** A table's own cost over its elements: the owner, the table object, bucket arrays up to 2 slots per element. */
    private static void assertTableOverhead(long owner, long size, long overhead) {
        long min = owner + CollectionLayout.TABLE_OBJECT + ObjectLayout.refArray(4);
        long max = owner + CollectionLayout.TABLE_OBJECT + ObjectLayout.refArray(4 * size + 8);
        assertTrue(overhead >= min && overhead <= max, "table overhead " + overhead + " not in [" + min + ", " + max + "]");
    }

    @Test
    void aListpackHashIsItsArrayExactly() {
        for (int len : new int[] {8, 1000}) {
            HashValue h = new HashValue();
            for (int i = 0; i < 100; i++) {
                h.set(bytes(6, i), bytes(len, i), 128, 4096);
            }
            assertEquals("listpack", h.encoding());
            assertEquals(24 + array(hashPacked(h)), h.memoryUsage());
            assertTrue(h.memoryUsage() >= 100L * len);
            h.set(bytes(6, 5), bytes(3 * len, 5), 128, 4096); // a longer value in place
            h.remove(Argv.of(new String(bytes(6, 7), java.nio.charset.StandardCharsets.ISO_8859_1)), 0);
            assertEquals(24 + array(hashPacked(h)), h.memoryUsage());
        }
    }

    @Test
    void aHashtableHashIsItsEntriesAndArrays() {
        for (int len : new int[] {8, 1000}) {
            HashValue h = new HashValue();
            for (int i = 0; i < 1000; i++) {
                h.set(bytes(6, i), bytes(len, i), 128, 64);
            }
            assertEquals("hashtable", h.encoding());
            assertTableOverhead(24, h.size(), h.memoryUsage() - hashTableElements(h));

            long before = h.memoryUsage();
            h.set(bytes(6, 100_000), bytes(10_240, 1), 128, 64); // a new 10 KB field
            long grown = h.memoryUsage() - before;
            assertTrue(grown >= 10_240 && grown <= 10_240 + 128, "HSET of a new 10 KB field: " + grown);
            assertTableOverhead(24, h.size(), h.memoryUsage() - hashTableElements(h));
            h.set(bytes(6, 100_000), bytes(5, 1), 128, 64); // its value replaced by a short one
            assertTableOverhead(24, h.size(), h.memoryUsage() - hashTableElements(h));
            assertTrue(h.memoryUsage() - before < 128, "the 10 KB value is no longer counted");
            for (int i = 0; i < 900; i++) {
                h.remove(Argv.of(new String(bytes(6, i), java.nio.charset.StandardCharsets.ISO_8859_1)), 0);
            }
            assertTableOverhead(24, h.size(), h.memoryUsage() - hashTableElements(h));
        }
    }

    @Test
    void convertingAHashRecountsItOnce() {
        HashValue h = new HashValue();
        for (int i = 0; i < 10; i++) {
            h.set(bytes(6, i), bytes(50, i), 128, 64);
        }
        long compact = h.memoryUsage();
        h.set(bytes(6, 99), bytes(100, 99), 128, 64); // longer than hash-max-listpack-value
        assertEquals("hashtable", h.encoding());
        assertTrue(h.memoryUsage() > compact + 100, "a table costs more than the listpack it replaced");
        assertTableOverhead(24, h.size(), h.memoryUsage() - hashTableElements(h));
        HashValue copy = h.duplicate();
        assertTableOverhead(24, copy.size(), copy.memoryUsage() - hashTableElements(copy));
    }

    // ---- lists --------------------------------------------------------------------------------

    @Test
    void aListIsItsChunksWholeArrays() {
        for (int len : new int[] {8, 1000}) {
            ListValue l = new ListValue();
            long payload = 0;
            for (int i = 0; i < 2000; i++) {
                l.push(i % 2 == 0, bytes(len, i), ListValue.DEFAULT_FILL);
                payload += len;
            }
            assertEquals(l.memoryUsageByWalk(), l.memoryUsage());
            assertTrue(l.memoryUsage() >= payload && l.memoryUsage() <= 2 * payload + 64L * l.chunkCount() + 4096,
                    len + ": " + l.memoryUsage() + " for " + payload + " payload bytes");

            l.pop(true);
            l.pop(false);
            l.drop(true, 500); // LTRIM
            l.drop(false, 300);
            assertEquals(l.memoryUsageByWalk(), l.memoryUsage());
            ListValue.Cursor c = l.cursor(l.size() / 2);
            c.replace(bytes(10 * len, 1), ListValue.DEFAULT_FILL); // LSET with a longer value
            assertEquals(l.memoryUsageByWalk(), l.memoryUsage());
            l.cursor(10).insert(true, bytes(4 * len, 2), ListValue.DEFAULT_FILL); // LINSERT
            assertEquals(l.memoryUsageByWalk(), l.memoryUsage());
            ListValue.Cursor r = l.cursor(20);
            for (int i = 0; i < 50 && r.remove(); i++) {
                // LREM
            }
            assertEquals(l.memoryUsageByWalk(), l.memoryUsage());
            ListValue copy = l.duplicate();
            assertEquals(copy.memoryUsageByWalk(), copy.memoryUsage());
            l.drop(true, l.size());
            assertEquals(l.memoryUsageByWalk(), l.memoryUsage());
        }
    }

    @Test
    void aLongerElementGrowsAListByItsBytes() {
        ListValue l = new ListValue();
        for (int i = 0; i < 100; i++) {
            l.push(false, bytes(100, i), ListValue.DEFAULT_FILL);
        }
        long before = l.memoryUsage();
        l.cursor(50).replace(bytes(10_000, 1), ListValue.DEFAULT_FILL);
        long grown = l.memoryUsage() - before;
        assertTrue(grown >= 9_900 && grown <= 2 * 10_000 + 256, "LSET 100 -> 10,000 bytes moved the estimate by " + grown);
    }

    // ---- sets ---------------------------------------------------------------------------------

    @Test
    void anIntsetIsItsArray() {
        SetValue s = SetValue.newIntset(HASH);
        for (int i = 0; i < 500; i++) {
            s.addInteger(i * 100_000L, 512); // 4-byte members
        }
        long used = 500 * 4;
        assertTrue(s.memoryUsage() >= 32 + array(used) && s.memoryUsage() <= 32 + array(used * 3 / 2 + 8), "" + s.memoryUsage());
    }

    @Test
    void aHashtableSetIsItsEntriesAndMembers() {
        for (int len : new int[] {8, 1000}) {
            SetValue s = SetValue.newHashtable(HASH);
            long elements = 0;
            for (int i = 0; i < 1000; i++) {
                assertTrue(s.add(bytes(len, i), 512));
                elements += 32 + array(len);
            }
            assertTableOverhead(32, s.size(), s.memoryUsage() - elements);
            long before = s.memoryUsage();
            s.remove(bytes(len, 3)); // SREM / SPOP
            assertEquals(before - 32 - array(len), s.memoryUsage());
        }
        SetValue converted = SetValue.newIntset(HASH);
        for (int i = 0; i < 600; i++) {
            converted.addInteger(i, 512);
        }
        assertEquals("hashtable", converted.encoding());
        long elements = 0;
        for (int i = 0; i < 600; i++) {
            elements += 32 + array(SetValue.decimal(i).length);
        }
        assertTableOverhead(32, 600, converted.memoryUsage() - elements);
    }

    // ---- sorted sets --------------------------------------------------------------------------

    @Test
    void aListpackSortedSetIsItsArrayExactly() {
        for (int len : new int[] {8, 1000}) {
            SortedSetValue z = new SortedSetValue(true);
            long packed = 0;
            for (int i = 0; i < 100; i++) {
                z.add(bytes(len, i), i % 20, 128, 4096); // small integral scores: one byte each
                packed += varint(len) + len + 1;
            }
            assertEquals("listpack", z.encoding());
            assertEquals(24 + array(packed), z.memoryUsage());
            z.removeRanks(0, 9); // ZREMRANGEBYRANK
            assertEquals(24 + array(packed - 10L * (varint(len) + len + 1)), z.memoryUsage());
        }
    }

    @Test
    void aSkiplistSortedSetIsItsMembersNodesAndTable() {
        for (int len : new int[] {8, 1000}) {
            SortedSetValue z = new SortedSetValue(true);
            long elements = 0;
            for (int i = 0; i < 1000; i++) {
                z.add(bytes(len, i), i * 1.5, 128, 64);
                elements += 32 + array(len);
            }
            assertEquals("skiplist", z.encoding());
            long overhead = z.memoryUsage() - elements;
            // Per member: a node of 3 longs or more in the arena, a member slot, 1 to 2 bucket slots.
            assertTrue(overhead >= 1000L * 24 && overhead <= 1000L * 96 + 4096, len + ": " + overhead);

            long before = z.memoryUsage();
            z.removeRanks(0, 99); // ZREMRANGEBYSCORE/RANK: 100 members' entries and arrays go
            assertTrue(before - z.memoryUsage() >= 100 * (32 + array(len)), "the members removed are no longer counted");
            long after = z.memoryUsage();
            z.setScore(bytes(len, 500), -1); // ZADD XX / ZINCRBY: same record relinked
            assertEquals(after, z.memoryUsage());
        }
    }

    @Test
    void theEstimateIsWhatTheValueTypeReports() {
        HashValue h = new HashValue();
        h.set(bytes(4, 1), bytes(2000, 1), 128, 64);
        assertEquals(h.memoryUsage(), ValueType.of(h).memoryUsage(h));
        assertTrue(ValueType.of(h).memoryUsage(h) >= 2000, "the element's bytes count");
    }
}
