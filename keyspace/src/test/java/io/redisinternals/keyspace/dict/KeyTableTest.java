package io.redisinternals.keyspace.dict;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyTableTest {

    private final KeyTable<String> table = new KeyTable<>(new KeyHash(12345));

    @Test
    void putGetRemove() {
        assertNull(table.get(b("a")));
        assertNull(table.put(b("a"), "1"));
        assertEquals("1", table.put(b("a"), "2"));
        assertEquals("2", table.get(b("a")));
        assertEquals(1, table.size());
        assertEquals("2", table.remove(b("a")));
        assertNull(table.remove(b("a")));
        assertEquals(0, table.size());
        assertTrue(table.isEmpty());
    }

    @Test
    void putIfAbsentAddsOnlyANewKey() {
        byte[] key = b("k");
        assertNull(table.putIfAbsent(key, "1"));
        KeyTable.Entry<String> e = table.putIfAbsent(b("k"), "2");
        assertEquals("1", e.value(), "the existing entry, unchanged");
        assertSame(key, e.key());
        assertEquals(1, table.size());
        for (int i = 0; i < 1000; i++) { // through the grows and their incremental rehash
            assertNull(table.putIfAbsent(b("key" + i), "v" + i));
            assertEquals("v" + (i / 2), table.putIfAbsent(b("key" + (i / 2)), "again").value());
        }
        assertEquals(1001, table.size());
        assertEquals("v999", table.get(b("key999")));
    }

    @Test
    void aNeverWrittenTableHoldsNoBucketsAndAClearedOneTheSmallestArray() {
        assertEquals(0, table.bucketCount());
        table.clear();
        assertEquals(0, table.bucketCount());
        for (int i = 0; i < 100; i++) {
            table.put(b("k" + i), "v");
        }
        assertTrue(table.bucketCount() >= 128);
        table.clear();
        // not none: the insert after a FLUSHALL must not take a path the JIT compiled out
        assertEquals(4, table.bucketCount());
        assertEquals(0, table.size());
        assertNull(table.get(b("k1")));
        table.put(b("k1"), "again");
        assertEquals("again", table.get(b("k1")));
        assertEquals(4, table.bucketCount());
    }

    @Test
    void equalKeysWithDifferentBackingArraysAreOneKey() {
        byte[] k1 = b("same-key");
        byte[] k2 = b("same-key");
        table.put(k1, "x");
        table.put(k2, "y");
        assertEquals(1, table.size());
        assertEquals("y", table.get(b("same-key")));
        // replacing a value keeps the first key array
        assertSame(k1, table.entry(k2).key());
    }

    @Test
    void binaryKeysAndEmptyKey() {
        byte[] bin = {0, (byte) 0xff, '\r', '\n', 0};
        table.put(bin.clone(), "bin");
        table.put(new byte[0], "empty");
        assertEquals("bin", table.get(bin));
        assertEquals("empty", table.get(new byte[0]));
        assertNull(table.get(new byte[] {0, (byte) 0xff, '\r', '\n'}));
    }

    @Test
    void lookupsFromArgvSlicesReadInPlace() {
        table.put(b("foo"), "1");
        table.put(b("foobar"), "2");
        Argv argv = Argv.of("GET", "foo", "foobar", "fo", "nope");
        assertEquals("1", table.get(argv, 1));
        assertEquals("2", table.get(argv, 2));
        assertNull(table.get(argv, 3));
        assertNull(table.get(argv, 4));
        assertTrue(table.containsKey(argv, 2));
        assertFalse(table.containsKey(argv, 4));
        assertEquals("2", table.remove(argv, 2));
        assertNull(table.get(b("foobar")));
    }

    @Test
    void putFromArgvCopiesTheKeyOnlyWhenNew() {
        Argv argv = Argv.of("SET", "key", "v");
        assertNull(table.put(argv, 1, "v1"));
        byte[] stored = table.entry(b("key")).key();
        assertArrayEquals(b("key"), stored);
        assertEquals("v1", table.put(Argv.of("SET", "key", "v"), 1, "v2"));
        assertSame(stored, table.entry(b("key")).key());
        assertEquals("v2", table.get(b("key")));
    }

    @Test
    void nullValuesAreRejected() {
        assertThrows(NullPointerException.class, () -> table.put(b("k"), null));
    }

    @Test
    void growsIncrementallyAtLoadFactorOne() {
        Map<String, String> model = new HashMap<>();
        boolean sawRehash = false;
        for (int i = 0; i < 5000; i++) {
            String k = "key:" + i;
            table.put(b(k), "v" + i);
            model.put(k, "v" + i);
            if (table.isRehashing()) {
                sawRehash = true;
                // mid-rehash: keys are split over both arrays and all still found
                if (i % 97 == 0) {
                    assertAllPresent(model);
                }
            }
        }
        assertTrue(sawRehash);
        assertEquals(5000, table.size());
        assertAllPresent(model);
        while (table.rehashSteps(100)) {
            // finish any resize in progress
        }
        // load factor 1: 5000 keys need 8192 buckets
        assertEquals(8192, table.bucketCount());
    }

    @Test
    void aResizeMovesABoundedAmountPerOperation() {
        for (int i = 0; i < 4096; i++) {
            table.put(b("k" + i), "v");
        }
        while (table.rehashSteps(1000)) {
        }
        assertEquals(4096, table.bucketCount());
        table.put(b("trigger"), "v"); // 4097 >= 4096: starts the grow
        assertTrue(table.isRehashing());
        // one more operation moves one bucket, not the whole table
        table.get(b("k1"));
        assertTrue(table.isRehashing());
        assertEquals(4096 + 8192, table.bucketCount());
    }

    @Test
    void shrinksWhenUnderTenPercentFull() {
        for (int i = 0; i < 1000; i++) {
            table.put(b("k" + i), "v");
        }
        while (table.rehashSteps(100)) {
        }
        assertEquals(1024, table.bucketCount());
        Set<String> left = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            if (i % 50 == 0) {
                left.add("k" + i);
            } else {
                assertEquals("v", table.remove(b("k" + i)));
            }
        }
        while (table.rehashSteps(100)) {
        }
        assertEquals(20, table.size());
        // shrunk when it crossed 10% (101 keys -> 128 buckets), and 20 keys are still over 10% of that
        assertEquals(128, table.bucketCount());
        for (String k : left) {
            assertEquals("v", table.get(b(k)));
        }
        for (String k : left) {
            table.remove(b(k));
        }
        assertEquals(0, table.size());
        assertEquals(4, table.bucketCount());
    }

    @Test
    void randomOperationsMatchAHashMapThroughResizes() {
        Random rnd = new Random(7);
        Map<String, String> model = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            // the key space drifts so the table grows and shrinks repeatedly
            int phase = (op / 20_000) % 2;
            int range = phase == 0 ? 20_000 : 50;
            String k = "k" + rnd.nextInt(range);
            int what = rnd.nextInt(10);
            if (what < (phase == 0 ? 6 : 2)) {
                String v = Integer.toString(op);
                assertEquals(model.put(k, v), table.put(b(k), v));
            } else if (what < 8) {
                assertEquals(model.remove(k), table.remove(Argv.of("DEL", k), 1));
            } else {
                assertEquals(model.get(k), table.get(Argv.of("GET", k), 1));
            }
            assertEquals(model.size(), table.size());
            if (op % 997 == 0) {
                assertTrue(table.chainBound() >= table.longestChain(), "chain bound below the longest chain");
            }
        }
        assertAllPresent(model);
    }

    @Test
    void randomEntryReturnsPresentKeysAndCoversThem() {
        assertNull(table.randomEntry(new Random(1)));
        for (int i = 0; i < 100; i++) {
            table.put(b("k" + i), "v" + i);
        }
        Random rnd = new Random(3);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            KeyTable.Entry<String> e = table.randomEntry(rnd);
            assertNotNull(e);
            String k = new String(e.key());
            assertEquals("v" + k.substring(1), e.value());
            seen.add(k);
        }
        assertEquals(100, seen.size());
    }

    /**
     * Every key comes up equally often, whatever its chain: 10 keys in 16 buckets (where chains
     * of 1 to 4 keys side by side made the old bucket-then-chain draw give a chi-square near 100),
     * for several hash seeds, in a settled table and from the middle of a rehash on. 100,000 draws, 9
     * degrees of freedom: a fair draw stays below 40 but with a chance of 0.00001.
     */
    @Test
    void randomEntryIsUniform() {
        Random rnd = new Random(11);
        for (long seed = 1; seed <= 20; seed++) {
            KeyTable<String> t = new KeyTable<>(new KeyHash(seed));
            for (int i = 0; i < 10; i++) {
                t.put(b("member:" + i), "v");
            }
            assertTrue(chiSquare(t, rnd, 100_000) < 40, "seed " + seed);
        }
        KeyTable<String> t = new KeyTable<>(new KeyHash(99));
        for (int i = 0; i < 64; i++) {
            t.put(b("k" + i), "v");
        }
        while (t.rehashSteps(100)) {
        }
        t.put(b("k64"), "v");
        assertTrue(t.isRehashing());
        // 65 keys, 64 degrees of freedom: 120 is the 0.00001 bound
        assertTrue(chiSquare(t, rnd, 100_000) < 120, "drawn from the middle of a rehash on");
    }

    /** Pearson's chi-square of {@code draws} random entries against a uniform distribution. */
    private static double chiSquare(KeyTable<String> t, Random rnd, int draws) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(new String(t.randomEntry(rnd).key()), 1, Integer::sum);
        }
        assertEquals(t.size(), counts.size());
        double expected = (double) draws / t.size();
        double x2 = 0;
        for (int n : counts.values()) {
            x2 += (n - expected) * (n - expected) / expected;
        }
        return x2;
    }

    @Test
    void randomEntryWorksDuringARehash() {
        for (int i = 0; i < 64; i++) {
            table.put(b("k" + i), "v");
        }
        while (table.rehashSteps(100)) {
        }
        table.put(b("k64"), "v");
        assertTrue(table.isRehashing());
        Random rnd = new Random(5);
        for (int i = 0; i < 200; i++) {
            KeyTable.Entry<String> e = table.randomEntry(rnd);
            assertEquals("v", table.get(e.key()));
        }
    }

    @Test
    void entrySetValueReplacesInPlace() {
        table.put(b("k"), "a");
        table.entry(Argv.of("X", "k"), 1).setValue("b");
        assertEquals("b", table.get(b("k")));
    }

    @Test
    void forEachVisitsEveryEntryOnceEvenMidRehash() {
        for (int i = 0; i < 257; i++) {
            table.put(b("k" + i), "v");
        }
        assertTrue(table.isRehashing());
        Set<String> seen = new HashSet<>();
        table.forEach((k, v) -> assertTrue(seen.add(new String(k))));
        assertEquals(257, seen.size());
    }

    private void assertAllPresent(Map<String, String> model) {
        for (Map.Entry<String, String> e : model.entrySet()) {
            assertEquals(e.getValue(), table.get(b(e.getKey())), e.getKey());
        }
    }
}
