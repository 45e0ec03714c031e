package io.redisinternals.keyspace.types;

import io.redisinternals.keyspace.dict.KeyHash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SetValueTest {

    private static final KeyHash HASH = new KeyHash(42);
    private static final long MAX = 512;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> members(SetValue s) {
        List<String> out = new ArrayList<>();
        s.forEach(m -> out.add(new String(m, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void canonicalIntegersAreStringToLongLong() {
        for (String ok : List.of("0", "1", "-1", "9223372036854775807", "-9223372036854775808", "10", "-10")) {
            assertTrue(SetValue.isCanonicalLong(b(ok)), ok);
            assertTrue(SetValue.isCanonicalLong(Argv.of("x", ok), 1), ok);
        }
        for (String bad : List.of("", "-", "-0", "+1", "01", "00", " 1", "1 ", "1.0", "9223372036854775808",
                "-9223372036854775809", "99999999999999999999", "123456789012345678901", "a", "1a")) {
            assertFalse(SetValue.isCanonicalLong(b(bad)), bad);
            assertFalse(SetValue.isCanonicalLong(Argv.of("x", bad), 1), bad);
        }
    }

    @Test
    void intsetKeepsAscendingOrderAcrossWidthUpgrades() {
        SetValue s = SetValue.newIntset(HASH);
        long[] values = {5, -3, 40000, 7, -70000, Long.MAX_VALUE, Long.MIN_VALUE, 0, 32767, -32768, 5000000000L};
        for (long v : values) {
            assertTrue(s.addInteger(v, MAX));
        }
        assertFalse(s.addInteger(7, MAX));
        assertFalse(s.add(b("40000"), MAX));
        assertEquals("intset", s.encoding());
        assertEquals(values.length, s.size());
        TreeSet<Long> sorted = new TreeSet<>();
        for (long v : values) {
            sorted.add(v);
        }
        List<String> expected = sorted.stream().map(String::valueOf).toList();
        assertEquals(expected, members(s));
        for (long v : values) {
            assertTrue(s.containsInteger(v));
            assertTrue(s.contains(b(Long.toString(v))));
        }
        assertFalse(s.containsInteger(6));
        assertFalse(s.contains(b("+5")));
        assertFalse(s.contains(b("x")));
    }

    @Test
    void removalsKeepOrderAndEncoding() {
        SetValue s = SetValue.newIntset(HASH);
        for (int i = 0; i < 100; i++) {
            s.addInteger(i * 3, MAX);
        }
        for (int i = 0; i < 100; i += 2) {
            assertTrue(s.removeInteger(i * 3));
        }
        assertFalse(s.removeInteger(0));
        assertFalse(s.remove(b("03")));
        assertTrue(s.remove(b("3")));
        assertEquals(49, s.size());
        assertEquals("intset", s.encoding());
        assertEquals(9, s.intAt(0));
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.intAt(i - 1) < s.intAt(i));
        }
    }

    @Test
    void convertsOnceOnANonIntegerOrPastTheLimit() {
        SetValue s = SetValue.newIntset(HASH);
        for (int i = 1; i <= 4; i++) {
            assertTrue(s.addInteger(i, 4));
        }
        assertEquals("intset", s.encoding());
        assertTrue(s.addInteger(5, 4));
        assertEquals("hashtable", s.encoding());
        assertEquals(Set.of("1", "2", "3", "4", "5"), new HashSet<>(members(s)));
        for (int i = 1; i <= 4; i++) {
            s.removeInteger(i);
        }
        assertEquals("hashtable", s.encoding(), "never converted back");
        assertTrue(s.containsInteger(5));

        SetValue t = SetValue.newIntset(HASH);
        t.add(b("1"), MAX);
        assertTrue(t.add(b("01"), MAX));
        assertEquals("hashtable", t.encoding());
        assertTrue(t.contains(b("1")));
        assertTrue(t.contains(b("01")));
    }

    @Test
    void firstMemberChoosesTheEncoding() {
        assertEquals("intset", SetValue.forFirstMember(HASH, b("12")).encoding());
        assertEquals("hashtable", SetValue.forFirstMember(HASH, b("x")).encoding());
        assertEquals("hashtable", SetValue.forFirstMember(HASH, Argv.of("k", "-0"), 1).encoding());
    }

    @Test
    void duplicateSharesNothingMutable() {
        for (SetValue s : List.of(SetValue.newIntset(HASH), SetValue.newHashtable(HASH))) {
            s.add(b("1"), MAX);
            s.add(b("2"), MAX);
            SetValue copy = s.duplicate();
            assertNotSame(s, copy);
            assertEquals(s.encoding(), copy.encoding());
            copy.add(b("3"), MAX);
            s.remove(b("1"));
            assertEquals(Set.of("1", "2", "3"), new HashSet<>(members(copy)));
            assertEquals(Set.of("2"), new HashSet<>(members(s)));
            assertEquals("set", copy.typeName());
        }
    }

    @Test
    void scanOfAnIntsetIsOneStep() {
        SetValue s = SetValue.newIntset(HASH);
        for (int i = 0; i < 50; i++) {
            s.addInteger(50 - i, MAX);
        }
        List<String> seen = new ArrayList<>();
        assertEquals(0, s.scan(12345, m -> seen.add(new String(m, StandardCharsets.UTF_8))));
        assertEquals(members(s), seen);
        assertEquals("1", seen.get(0));
    }

    @Test
    void scanOfAHashtableVisitsEveryMemberOnce() {
        SetValue s = SetValue.newHashtable(HASH);
        for (int i = 0; i < 1000; i++) {
            s.add(b("m" + i), MAX);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            cursor = s.scan(cursor, m -> assertTrue(seen.add(new String(m, StandardCharsets.UTF_8))));
        } while (cursor != 0);
        assertEquals(1000, seen.size());
    }

    @Test
    void randomMembersAreMembersAndCoverSmallSets() {
        Random rnd = new Random(7);
        for (SetValue s : List.of(SetValue.newIntset(HASH), SetValue.newHashtable(HASH))) {
            for (int i = 0; i < 5; i++) {
                s.addInteger(i, MAX);
            }
            Set<String> drawn = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                byte[] m = s.randomMember(rnd);
                assertTrue(s.contains(m));
                drawn.add(new String(m, StandardCharsets.UTF_8));
            }
            assertEquals(5, drawn.size());
            assertEquals(5, s.members().size());
        }
    }
}
