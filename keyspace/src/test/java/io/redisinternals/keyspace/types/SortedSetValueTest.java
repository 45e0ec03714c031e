package io.redisinternals.keyspace.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * SortedSetValue in both encodings against a simple model: a TreeSet of (score, member) ordered
 * as Redis orders a zset, plus a map of member scores.
 */
class SortedSetValueTest {

    private record Item(double score, byte[] member) {
    }

    private static final java.util.Comparator<Item> ORDER = (a, b) -> {
        int c = Double.compare(a.score == 0 ? 0.0 : a.score, b.score == 0 ? 0.0 : b.score);
        return c != 0 ? c : Arrays.compareUnsigned(a.member, b.member);
    };

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static List<String> members(SortedSetValue z) {
        List<String> out = new ArrayList<>();
        z.forEach((m, sc) -> out.add(s(m)));
        return out;
    }

    private static SortedSetValue create(boolean compact) {
        return new SortedSetValue(compact);
    }

    /** Random adds, score changes, removals and rank removals, checked against the model after each step. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void matchesAnOrderedModel(boolean compact) {
        Random rnd = new Random(compact ? 7 : 11);
        SortedSetValue z = create(compact);
        TreeSet<Item> model = new TreeSet<>(ORDER);
        Map<String, Double> scores = new HashMap<>();
        for (int step = 0; step < 3000; step++) {
            String m = "m" + rnd.nextInt(300);
            double score = rnd.nextInt(40) - 20 + (rnd.nextBoolean() ? 0.5 : 0);
            int op = rnd.nextInt(10);
            Double cur = scores.get(m);
            if (op < 5) {
                if (cur == null) {
                    z.add(b(m), score, Long.MAX_VALUE, Long.MAX_VALUE);
                } else {
                    z.setScore(b(m), score);
                    model.remove(new Item(cur, b(m)));
                }
                model.add(new Item(score, b(m)));
                scores.put(m, score);
            } else if (op < 8) {
                assertEquals(cur != null, z.remove(b(m)));
                if (cur != null) {
                    model.remove(new Item(cur, b(m)));
                    scores.remove(m);
                }
            } else if (op == 8 && !model.isEmpty()) {
                long from = rnd.nextInt(model.size());
                long to = from + rnd.nextInt(3);
                List<Item> all = new ArrayList<>(model);
                long expected = Math.min(to, all.size() - 1) - from + 1;
                assertEquals(expected, z.removeRanks(from, to));
                for (long r = from; r <= Math.min(to, all.size() - 1); r++) {
                    Item it = all.get((int) r);
                    model.remove(it);
                    scores.remove(s(it.member));
                }
            } else {
                checkAgainst(z, model, scores, rnd);
            }
            assertEquals(model.size(), z.size());
        }
        checkAgainst(z, model, scores, rnd);
        assertEquals(compact ? "listpack" : "skiplist", z.encoding());
    }

    private static void checkAgainst(SortedSetValue z, TreeSet<Item> model, Map<String, Double> scores, Random rnd) {
        List<Item> all = new ArrayList<>(model);
        List<String> expected = new ArrayList<>();
        all.forEach(it -> expected.add(s(it.member)));
        assertEquals(expected, members(z));
        for (int i = 0; i < all.size(); i++) {
            Item it = all.get(i);
            assertEquals(i, z.rank(it.member));
            assertEquals(it.score, z.score(it.member));
            assertArrayEquals(it.member, z.memberAt(i));
            assertEquals(it.score, z.scoreAt(i));
        }
        assertEquals(-1, z.rank(b("absent")));
        assertTrue(Double.isNaN(z.score(b("absent"))));
        // score ranges: the number of elements below/up to a bound
        for (int k = 0; k < 5; k++) {
            double bound = rnd.nextInt(44) - 22 + (rnd.nextBoolean() ? 0.5 : 0);
            long below = all.stream().filter(it -> it.score < bound).count();
            long upTo = all.stream().filter(it -> it.score <= bound).count();
            assertEquals(below, z.countWhile((sc, m) -> sc < bound));
            assertEquals(upTo, z.countWhile((sc, m) -> sc <= bound));
            assertEquals(below, z.firstWhere((sc, m) -> sc >= bound));
            assertEquals(upTo - 1, z.lastWhere((sc, m) -> sc <= bound));
            if (below < all.size()) {
                assertEquals(upTo - below, z.countFrom(below, false, (sc, m) -> sc <= bound, Long.MAX_VALUE));
                assertEquals(Math.min(2, upTo - below), z.countFrom(below, false, (sc, m) -> sc <= bound, 2));
                assertTrue(z.testAt(below, (sc, m) -> sc >= bound));
            }
            if (upTo > 0) {
                assertEquals(upTo - below, z.countFrom(upTo - 1, true, (sc, m) -> sc >= bound, Long.MAX_VALUE));
            }
        }
        // rank walks both ways
        if (!all.isEmpty()) {
            int from = rnd.nextInt(all.size());
            int to = Math.min(all.size() - 1, from + rnd.nextInt(10));
            List<String> fwd = new ArrayList<>();
            List<String> rev = new ArrayList<>();
            z.forEachInRanks(from, to, false, (m, sc) -> fwd.add(s(m)));
            z.forEachInRanks(from, to, true, (m, sc) -> rev.add(s(m)));
            List<String> want = expected.subList(from, to + 1);
            assertEquals(want, fwd);
            List<String> wantRev = new ArrayList<>(want);
            java.util.Collections.reverse(wantRev);
            assertEquals(wantRev, rev);
        }
        assertEquals(scores.size(), z.size());
    }

    @Test
    void lexBoundsOnEqualScoresCountLikeRedis() {
        for (boolean compact : new boolean[] {true, false}) {
            SortedSetValue z = create(compact);
            for (String m : List.of("a", "b", "c", "d", "\u00e9", "")) {
                z.add(b(m), 0, 128, 64);
            }
            assertEquals(List.of("", "a", "b", "c", "d", "\u00e9"), members(z)); // unsigned bytes: é last
            assertEquals(2, z.countWhile((sc, m) -> Arrays.compareUnsigned(m, b("b")) < 0));
            assertEquals(4, z.countWhile((sc, m) -> Arrays.compareUnsigned(m, b("c")) <= 0));
        }
    }

    @Test
    void convertsPastTheEntryAndValueLimitsAndNeverBack() {
        SortedSetValue z = create(true);
        z.add(b("a"), 1, 2, 3);
        z.add(b("b"), 2, 2, 3);
        assertEquals("listpack", z.encoding());
        z.add(b("c"), 3, 2, 3);
        assertEquals("skiplist", z.encoding());
        assertEquals(List.of("a", "b", "c"), members(z));
        z.remove(b("a"));
        z.remove(b("b"));
        assertEquals("skiplist", z.encoding());

        SortedSetValue v = create(true);
        v.add(b("abc"), 1, 128, 3);
        assertEquals("listpack", v.encoding());
        v.add(b("abcd"), 0, 128, 3);
        assertEquals("skiplist", v.encoding());
        assertEquals(List.of("abcd", "abc"), members(v));
        assertEquals(0, v.rank(b("abcd")));
    }

    @Test
    void compactFormHasNoNegativeZero() {
        SortedSetValue z = create(true);
        z.add(b("a"), -0.0, 128, 64);
        assertEquals(0, Double.compare(0.0, z.score(b("a"))));
        SortedSetValue full = create(false);
        full.add(b("a"), -0.0, 128, 64);
        assertEquals(0, Double.compare(-0.0, full.score(b("a"))));
        full.compactIfFits(128, 64);
        assertEquals("listpack", full.encoding());
        assertEquals(0, Double.compare(0.0, full.score(b("a"))));
    }

    @Test
    void compactIfFitsChecksBothLimits() {
        SortedSetValue z = create(false);
        z.add(b("short"), 1, Long.MAX_VALUE, Long.MAX_VALUE);
        z.add(b("longer-member"), 2, Long.MAX_VALUE, Long.MAX_VALUE);
        z.compactIfFits(1, 64);
        assertEquals("skiplist", z.encoding());
        z.compactIfFits(2, 5);
        assertEquals("skiplist", z.encoding());
        z.compactIfFits(2, 64);
        assertEquals("listpack", z.encoding());
        assertEquals(List.of("short", "longer-member"), members(z));
        assertEquals(1, z.rank(b("longer-member")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void duplicateSharesNoState(boolean compact) {
        SortedSetValue z = create(compact);
        z.add(b("a"), 1, 128, 64);
        z.add(b("b"), 2, 128, 64);
        SortedSetValue copy = z.duplicate();
        copy.setScore(b("a"), 5);
        copy.add(b("c"), 0, 128, 64);
        z.remove(b("b"));
        assertEquals(List.of("a"), members(z));
        assertEquals(List.of("c", "b", "a"), members(copy));
        assertEquals(z.encoding(), copy.encoding());
        assertEquals("zset", copy.typeName());
    }

    @Test
    void scanOfASkipListVisitsEveryMemberAndACompactSetAtOnce() {
        SortedSetValue z = create(false);
        for (int i = 0; i < 1000; i++) {
            z.add(b("m" + i), i, 128, 64);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = z.scan(cursor, (m, sc) -> {
                assertEquals(Double.parseDouble(s(m).substring(1)), sc);
                seen.add(s(m));
            });
            calls++;
        } while (cursor != 0);
        assertEquals(1000, seen.size());
        assertTrue(calls > 1);
        SortedSetValue c = create(true);
        c.add(b("x"), 1, 128, 64);
        c.add(b("y"), 2, 128, 64);
        List<String> got = new ArrayList<>();
        assertEquals(0, c.scan(0, (m, sc) -> got.add(s(m))));
        assertEquals(List.of("x", "y"), got);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void randomEntriesAreMembers(boolean compact) {
        SortedSetValue z = create(compact);
        for (int i = 0; i < 50; i++) {
            z.add(b("m" + i), i, 128, 64);
        }
        Set<String> seen = new HashSet<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 2000; i++) {
            z.randomEntry(rnd, (m, sc) -> {
                assertEquals(z.score(m), sc);
                seen.add(s(m));
            });
        }
        assertEquals(50, seen.size());
        SortedSetValue empty = create(compact);
        empty.randomEntry(rnd, (m, sc) -> {
            throw new AssertionError("empty set");
        });
        assertFalse(empty.remove(b("x")));
        assertEquals(0, empty.removeRanks(0, 10));
    }

    @Test
    void skipListScoreUpdatesInPlaceOrMove() {
        SortedSetValue z = create(false);
        for (int i = 0; i < 100; i++) {
            z.add(b(String.format("m%03d", i)), i, 128, 64);
        }
        z.setScore(b("m050"), 50.5); // stays between its neighbours
        assertEquals(50, z.rank(b("m050")));
        z.setScore(b("m050"), -1); // moves to the front
        assertEquals(0, z.rank(b("m050")));
        z.setScore(b("m050"), 1000);
        assertEquals(99, z.rank(b("m050")));
        assertEquals(1000, z.scoreAt(99));
        assertEquals(0, z.removeRanks(100, 200));
        assertEquals(100, z.removeRanks(-5, 1000));
        assertEquals(0, z.size());
    }

    /** setScore may reuse the entry the previous score() found: never after that member was removed. */
    @Test
    void aScoreUpdateAfterRemoveAndReAddTouchesTheLiveNode() {
        SortedSetValue z = new SortedSetValue(false);
        byte[] m = "m".getBytes(StandardCharsets.US_ASCII);
        z.add(m, 1, 0, 0);
        z.add("other".getBytes(StandardCharsets.US_ASCII), 5, 0, 0);
        assertEquals(1.0, z.score(m));
        assertTrue(z.remove(m));
        z.add(m.clone(), 2, 0, 0);
        z.setScore(m, 10);
        assertEquals(10.0, z.score(m));
        assertEquals(1, z.rank(m), "re-sorted after 'other' (5)");
        assertEquals(2, z.size());
        assertEquals(1, z.removeRanks(1, 1));
        z.add(m.clone(), 3, 0, 0);
        z.setScore(m, 0);
        assertEquals(0, z.rank(m));
    }

    /** Every kind of score survives the packed form (integers as varints, the rest as 8 bytes) and conversion both ways. */
    @Test
    void packedScoresRoundTripExactly() {
        double[] scores = {0, 1, -1, 63, 64, -64, -65, 127, 128, 1e15, -1e15, 0x1p53, -0x1p53, 0x1p53 + 2, -0x1p53 - 2,
            0x1p62, 9.223372036854776E18, -9.223372036854776E18, 1e300, -1e300, 0.5, -0.1, Double.MIN_VALUE,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3.0000000000000004};
        SortedSetValue z = create(true);
        for (int i = 0; i < scores.length; i++) {
            z.add(b("m" + i), scores[i], 128, 64);
        }
        assertEquals("listpack", z.encoding());
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < scores.length; i++) {
                assertEquals(scores[i], z.score(b("m" + i)), "score of m" + i);
                assertEquals(sorted[i], z.scoreAt(i));
            }
            if (pass == 0) {
                z.convertToSkipList();
                assertEquals("skiplist", z.encoding());
            } else if (pass == 1) {
                z.compactIfFits(128, 64);
                assertEquals("listpack", z.encoding());
            }
        }
    }

    /** Random writes with small limits: the set converts mid-way and a rebuilt result compacts back, still matching the model. */
    @Test
    void conversionsKeepTheContents() {
        Random rnd = new Random(5);
        for (int round = 0; round < 40; round++) {
            SortedSetValue z = create(true);
            TreeSet<Item> model = new TreeSet<>(ORDER);
            Map<String, Double> scores = new HashMap<>();
            for (int step = 0; step < 60; step++) {
                String m = "m" + rnd.nextInt(40) + (rnd.nextInt(20) == 0 ? "-a-longer-member" : "");
                double score = rnd.nextInt(10) + (rnd.nextBoolean() ? 0.5 : 0);
                Double cur = scores.get(m);
                if (rnd.nextInt(4) > 0) {
                    if (cur == null) {
                        z.add(b(m), score, 16, 12);
                    } else {
                        z.setScore(b(m), score);
                        model.remove(new Item(cur, b(m)));
                    }
                    model.add(new Item(score, b(m)));
                    scores.put(m, score);
                } else if (cur != null) {
                    assertTrue(z.remove(b(m)));
                    model.remove(new Item(cur, b(m)));
                    scores.remove(m);
                }
            }
            boolean fits = model.size() <= 16 && model.stream().allMatch(it -> it.member.length <= 12);
            SortedSetValue copy = z.duplicate();
            copy.compactIfFits(16, 12);
            for (SortedSetValue v : List.of(z, copy)) {
                checkAgainst(v, model, scores, rnd);
            }
            assertEquals(fits, copy.isCompact());
        }
    }

    /** ZADD's in-place lookups: the member read from a request argument, on both forms. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void scoresReadAndSetThroughARequestArgument(boolean compact) {
        SortedSetValue z = create(compact);
        for (int i = 0; i < 20; i++) {
            z.add(b("m" + i), i, 128, 64);
        }
        io.redisinternals.resp.Argv argv = io.redisinternals.resp.Argv.of("ZADD", "k", "7", "m3", "1", "absent");
        assertEquals(3.0, z.score(argv, 3));
        assertTrue(Double.isNaN(z.score(argv, 5)));
        z.score(b("m5")); // another member found last: the update must not reuse its entry
        z.setScore(argv, 3, 7.5);
        assertEquals(7.5, z.score(b("m3")));
        assertEquals(7, z.rank(b("m3")));
        assertEquals(5.0, z.score(b("m5")));
        assertEquals(20, z.size());
    }
}
