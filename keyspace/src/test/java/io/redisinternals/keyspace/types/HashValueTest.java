package io.redisinternals.keyspace.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> fields(HashValue h) {
        List<String> out = new ArrayList<>();
        h.forEach((f, v) -> out.add(new String(f, StandardCharsets.UTF_8) + "=" + new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void compactKeepsInsertionOrderThroughUpdatesAndRemovals() {
        HashValue h = new HashValue();
        assertEquals("hash", h.typeName());
        assertEquals("listpack", h.encoding());
        assertTrue(h.set(b("a"), b("1"), 128, 64));
        assertTrue(h.set(b("b"), b("2"), 128, 64));
        assertTrue(h.set(b("c"), b("3"), 128, 64));
        assertFalse(h.set(b("a"), b("9"), 128, 64));
        assertEquals(List.of("a=9", "b=2", "c=3"), fields(h));
        assertTrue(h.remove(Argv.of("b"), 0));
        assertFalse(h.remove(Argv.of("b"), 0));
        assertEquals(List.of("a=9", "c=3"), fields(h));
        assertEquals(2, h.size());
        assertArrayEquals(b("3"), h.get(b("c")));
        assertArrayEquals(b("9"), h.get(Argv.of("a"), 0));
        assertNull(h.get(b("zz")));
        assertTrue(h.contains(Argv.of("c"), 0));
        assertArrayEquals(b("a"), h.fieldAt(0));
        assertArrayEquals(b("3"), h.valueAt(1));
    }

    @Test
    void convertsPastTheEntryLimitAndNeverBack() {
        HashValue h = new HashValue();
        for (int i = 0; i < 4; i++) {
            h.set(b("f" + i), b("v"), 4, 64);
        }
        assertEquals("listpack", h.encoding());
        h.set(b("f4"), b("v"), 4, 64);
        assertEquals("hashtable", h.encoding());
        assertEquals(5, h.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(h.remove(Argv.of("f" + i), 0));
        }
        assertEquals(0, h.size());
        assertEquals("hashtable", h.encoding());
    }

    @Test
    void convertsOnALongFieldOrValue() {
        HashValue h = new HashValue();
        h.set(b("12345678"), b("12345678"), 128, 8);
        assertEquals("listpack", h.encoding());
        h.set(b("x"), b("123456789"), 128, 8);
        assertEquals("hashtable", h.encoding());
        HashValue g = new HashValue();
        g.set(b("123456789"), b(""), 128, 8);
        assertEquals("hashtable", g.encoding());
        HashValue zero = new HashValue();
        zero.set(b("a"), b("1"), 0, 64);
        assertEquals("hashtable", zero.encoding());
    }

    @Test
    void duplicateSharesNothing() {
        for (int limit : new int[] {128, 1}) {
            HashValue h = new HashValue();
            h.set(b("a"), b("1"), limit, 64);
            h.set(b("b"), b("2"), limit, 64);
            HashValue copy = h.duplicate();
            assertEquals(h.encoding(), copy.encoding());
            copy.set(b("c"), b("3"), limit, 64);
            copy.remove(Argv.of("a"), 0);
            assertEquals(2, h.size());
            assertArrayEquals(b("1"), h.get(b("a")));
            assertNull(h.get(b("c")));
            assertArrayEquals(b("2"), copy.get(b("b")));
            assertTrue(copy.get(b("b")) != h.get(b("b")));
        }
    }

    @Test
    void scanOfCompactIsOneStepAndOfTableCoversEverything() {
        HashValue small = new HashValue();
        small.set(b("a"), b("1"), 128, 64);
        List<String> seen = new ArrayList<>();
        assertEquals(0, small.scan(12345, (f, v) -> seen.add(new String(f, StandardCharsets.UTF_8))));
        assertEquals(List.of("a"), seen);

        HashValue big = new HashValue();
        for (int i = 0; i < 1000; i++) {
            big.set(b("f" + i), b("v" + i), 128, 64);
        }
        Set<String> all = new HashSet<>();
        long cursor = 0;
        int steps = 0;
        do {
            cursor = big.scan(cursor, (f, v) -> all.add(new String(f, StandardCharsets.UTF_8)));
            steps++;
        } while (cursor != 0);
        assertEquals(1000, all.size());
        assertTrue(steps > 1);
    }

    @Test
    void randomEntriesAreMembers() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int limit : new int[] {128, 2}) {
            HashValue h = new HashValue();
            for (int i = 0; i < 10; i++) {
                h.set(b("f" + i), b("v" + i), limit, 64);
            }
            byte[][] pick = new byte[2][];
            Set<String> drawn = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                h.randomEntry(rnd, pick);
                String f = new String(pick[0], StandardCharsets.UTF_8);
                assertEquals("v" + f.substring(1), new String(pick[1], StandardCharsets.UTF_8));
                drawn.add(f);
            }
            assertEquals(10, drawn.size());
        }
    }

    /** The packed listpack form against a LinkedHashMap (insertion order kept on update, gaps closed). */
    @Test
    void packedFormAgreesWithAnOrderedMapOnRandomOperations() {
        java.util.Random rnd = new java.util.Random(42);
        for (int round = 0; round < 20; round++) {
            HashValue h = new HashValue();
            java.util.LinkedHashMap<String, String> model = new java.util.LinkedHashMap<>();
            for (int op = 0; op < 400; op++) {
                String f = "f" + rnd.nextInt(40);
                if (rnd.nextInt(3) == 0) {
                    boolean removed = h.remove(Argv.of("HDEL", f), 1);
                    assertEquals(model.remove(f) != null, removed);
                } else {
                    // lengths across the 1- and 2-byte varint boundary
                    String v = "v".repeat(rnd.nextInt(200));
                    boolean created = h.set(f.getBytes(), v.getBytes(), 1_000, 1_000);
                    assertEquals(!model.containsKey(f), created);
                    model.put(f, v);
                }
                assertTrue(h.isCompact());
                assertEquals(model.size(), h.size());
            }
            java.util.List<String> seen = new java.util.ArrayList<>();
            h.forEach((f, v) -> seen.add(new String(f) + "=" + new String(v)));
            java.util.List<String> expected = new java.util.ArrayList<>();
            model.forEach((f, v) -> expected.add(f + "=" + v));
            assertEquals(expected, seen);
            for (int i = 0; i < model.size(); i++) {
                assertEquals(expected.get(i),
                        new String(h.fieldAt(i)) + "=" + new String(h.valueAt(i)));
            }
            model.forEach((f, v) -> assertEquals(v, new String(h.get(f.getBytes()))));
            HashValue copy = h.duplicate();
            h.convert();
            assertEquals(model.size(), h.size());
            model.forEach((f, v) -> assertEquals(v, new String(h.get(f.getBytes()))));
            assertEquals(model.size(), copy.size());
            assertTrue(copy.isCompact());
        }
    }
}
