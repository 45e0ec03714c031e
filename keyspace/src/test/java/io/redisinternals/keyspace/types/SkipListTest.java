package io.redisinternals.keyspace.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The arena skip list against a TreeMap of (score, member) -> node, with its structure checked
 * after every step: each level ordered, every span equal to the level-0 steps it jumps, backward
 * links, tail, length, and node offsets stable across score updates.
 */
class SkipListTest {

    private record Key(double score, String member) {
    }

    private static final Comparator<Key> ORDER = (x, y) -> SkipList.compare(x.score, b(x.member), y.score, b(y.member));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Walks every level of the list and checks it against the model (ascending keys). */
    private static void check(SkipList l, List<Key> model, Map<String, Integer> nodes) {
        assertEquals(model.size(), l.length);
        // level 0: order, backward links, tail, ranks
        int[] rankOf = new int[l.arenaUsed() + 1];
        int prev = SkipList.NIL;
        int rank = 0;
        for (int x = l.first(); x != SkipList.NIL; x = l.next(x)) {
            Key k = model.get(rank);
            assertEquals(k.score, l.score(x));
            assertEquals(k.member, s(l.member(x)));
            assertEquals((int) nodes.get(k.member), x, "node offset of " + k.member);
            assertEquals(prev, l.prev(x));
            rankOf[x] = ++rank;
            prev = x;
        }
        assertEquals(model.size(), rank);
        assertEquals(prev, l.tail);
        assertTrue(l.level >= 1 && l.level <= SkipList.MAX_LEVEL);
        assertTrue(l.level == 1 || l.forward(SkipList.NIL, l.level - 1) != SkipList.NIL, "level shrinks when its top empties");
        // every level: spans are the rank differences (to the end: length - rank)
        for (int i = 0; i < l.level; i++) {
            int x = SkipList.NIL;
            while (true) {
                int nx = l.forward(x, i);
                int from = x == SkipList.NIL ? 0 : rankOf[x];
                if (nx == SkipList.NIL) {
                    assertEquals(l.length - from, l.span(x, i), "span to the end at level " + i);
                    break;
                }
                assertTrue(l.levelOf(nx) > i);
                assertEquals(rankOf[nx] - from, l.span(x, i), "span at level " + i);
                x = nx;
            }
        }
        for (int r = 0; r < model.size(); r++) {
            int x = nodes.get(model.get(r).member);
            assertEquals(x, l.byRank(r + 1));
            assertEquals(r + 1, l.rank(x));
        }
        assertEquals(SkipList.NIL, l.byRank(0));
        assertEquals(SkipList.NIL, l.byRank(model.size() + 1));
    }

    @Test
    void randomOperationsMatchATreeMap() {
        int compactions = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Random rnd = new Random(seed);
            SkipList l = new SkipList();
            TreeMap<Key, Integer> model = new TreeMap<>(ORDER);
            Map<String, Double> scores = new HashMap<>();
            Map<String, Integer> nodes = new HashMap<>();
            for (int step = 0; step < 4000; step++) {
                String m = "m" + rnd.nextInt(400);
                // few distinct scores: many ties, ordered by member
                double score = rnd.nextInt(30) - 10 + (rnd.nextInt(4) == 0 ? 0.25 : 0);
                Double cur = scores.get(m);
                int op = step < 2500 ? rnd.nextInt(10) : 5 + rnd.nextInt(4); // then only deletes: compaction
                if (op < 5) {
                    if (cur == null) {
                        byte[] member = b(m);
                        int x = l.insert(score, member);
                        assertTrue(x != SkipList.NIL);
                        nodes.put(m, x);
                    } else {
                        int x = nodes.get(m);
                        l.updateScore(x, score);
                        model.remove(new Key(cur, m));
                    }
                    model.put(new Key(score, m), 0);
                    scores.put(m, score);
                } else if (op < 8) {
                    if (cur != null) {
                        l.delete(nodes.remove(m));
                        model.remove(new Key(cur, m));
                        scores.remove(m);
                    }
                } else if (op == 8 && !model.isEmpty()) {
                    int from = 1 + rnd.nextInt(model.size());
                    int to = Math.min(model.size(), from + rnd.nextInt(5));
                    List<Key> all = new ArrayList<>(model.keySet());
                    List<String> removed = new ArrayList<>();
                    assertEquals(to - from + 1, l.deleteRankRange(from, to, mem -> removed.add(s(mem))));
                    List<String> want = new ArrayList<>();
                    for (int r = from; r <= to; r++) {
                        Key k = all.get(r - 1);
                        want.add(k.member);
                        model.remove(k);
                        scores.remove(k.member);
                        nodes.remove(k.member);
                    }
                    assertEquals(want, removed);
                } else if (op == 9) {
                    double bound = rnd.nextInt(30) - 10;
                    long below = model.keySet().stream().filter(k -> k.score < bound).count();
                    assertEquals(below, l.countWhile((sc, mem) -> sc < bound));
                }
                if (l.compactIfSparse()) {
                    compactions++;
                    for (int x = l.first(); x != SkipList.NIL; x = l.next(x)) {
                        nodes.put(s(l.member(x)), x);
                    }
                    assertTrue(l.arenaUsed() == l.arenaLive());
                }
                check(l, new ArrayList<>(model.keySet()), nodes);
            }
            assertTrue(l.arenaLive() <= l.arenaUsed());
        }
        assertTrue(compactions > 0, "the mostly-deleting steps rebuilt an arena at least once");
    }

    @Test
    void aScoreUpdateKeepsTheNodeWhetherItStaysOrMoves() {
        SkipList l = new SkipList();
        int[] nodes = new int[100];
        for (int i = 0; i < 100; i++) {
            nodes[i] = l.insert(i, b(String.format("m%03d", i)));
        }
        int x = nodes[50];
        l.updateScore(x, 50.5); // stays between its neighbours
        assertEquals(51, l.rank(x));
        l.updateScore(x, -1); // moves to the front
        assertEquals(1, l.rank(x));
        assertEquals(x, l.first());
        l.updateScore(x, 1000); // and to the end
        assertEquals(100, l.rank(x));
        assertEquals(x, l.tail);
        assertEquals(1000.0, l.score(x));
        assertArrayEquals(b("m050"), l.member(x));
        l.updateScore(nodes[0], 1000); // a tie, ordered by member: m000 before m050
        assertEquals(99, l.rank(nodes[0]));
        assertEquals(x, l.tail);
    }

    @Test
    void freedRecordsAreReusedAndASparseArenaIsRebuiltInOrder() {
        SkipList l = new SkipList();
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            nodes.add(l.insert(i, b("m" + i)));
        }
        int used = l.arenaUsed();
        // delete and re-insert: the arena does not grow (records of each level are reused)
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 2000; i += 2) {
                l.delete(nodes.get(i));
                nodes.set(i, l.insert(i, b("m" + i)));
            }
        }
        assertTrue(l.arenaUsed() <= used + 64 * 34, "arena grew from " + used + " to " + l.arenaUsed());
        assertFalse(l.compactIfSparse());
        assertEquals(1990, l.deleteRankRange(11, 2000, m -> { }));
        assertTrue(l.compactIfSparse());
        assertEquals(l.arenaUsed(), l.arenaLive());
        assertEquals(10, l.length);
        int rank = 0;
        for (int x = l.first(); x != SkipList.NIL; x = l.next(x)) {
            assertEquals("m" + rank, s(l.member(x)));
            assertEquals(++rank, l.rank(x));
        }
        assertNotEquals(SkipList.NIL, l.insert(-1, b("new")));
        assertEquals(1, l.rank(l.first()));
        assertEquals("new", s(l.member(l.first())));
    }

    @Test
    void orderIsScoreThenUnsignedMemberBytes() {
        SkipList l = new SkipList();
        l.insert(1, b("\u00e9"));
        l.insert(1, b("a"));
        l.insert(1, b(""));
        l.insert(Double.NEGATIVE_INFINITY, b("z"));
        l.insert(Double.POSITIVE_INFINITY, b("y"));
        List<String> got = new ArrayList<>();
        for (int x = l.first(); x != SkipList.NIL; x = l.next(x)) {
            got.add(s(l.member(x)));
        }
        assertEquals(Arrays.asList("z", "", "a", "\u00e9", "y"), got);
    }
}
