package io.redisinternals.keyspace.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ListValue against a plain ArrayList model: ends, cursors, removal, insertion, chunking. */
class ListValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> contents(ListValue l) {
        List<String> out = new ArrayList<>();
        if (l.size() == 0) {
            return out;
        }
        ListValue.Cursor c = l.cursorAtEnd(true);
        do {
            out.add(new String(c.value(), StandardCharsets.ISO_8859_1));
        } while (c.next());
        return out;
    }

    private static List<String> contentsBackwards(ListValue l) {
        List<String> out = new ArrayList<>();
        if (l.size() == 0) {
            return out;
        }
        ListValue.Cursor c = l.cursorAtEnd(false);
        do {
            out.add(0, new String(c.value(), StandardCharsets.ISO_8859_1));
        } while (c.previous());
        return out;
    }

    @Test
    void typeAndEncodingAreRedis70s() {
        ListValue l = new ListValue();
        l.push(false, b("a"), ListValue.DEFAULT_FILL);
        assertEquals("list", l.typeName());
        assertEquals("quicklist", l.encoding());
    }

    @Test
    void pushesAndPopsAtBothEnds() {
        ListValue l = new ListValue();
        l.push(true, b("b"), -2);
        l.push(true, b("a"), -2);
        l.push(false, b("c"), -2);
        assertEquals(List.of("a", "b", "c"), contents(l));
        assertArrayEquals(b("a"), l.pop(true));
        assertArrayEquals(b("c"), l.pop(false));
        assertArrayEquals(b("b"), l.pop(false));
        assertEquals(0, l.size());
        l.push(false, new byte[0], -2);
        assertEquals(List.of(""), contents(l));
    }

    @Test
    void longElementsUseMultiByteLengths() {
        ListValue l = new ListValue();
        String big = "x".repeat(20_000);
        String mid = "y".repeat(200);
        l.push(false, b(mid), -2);
        l.push(true, b(big), -2);
        l.push(false, b("z"), -2);
        assertEquals(List.of(big, mid, "z"), contents(l));
        assertEquals(List.of(big, mid, "z"), contentsBackwards(l));
        assertEquals(mid, new String(l.cursor(1).value(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void chunksFollowTheFill() {
        ListValue l = new ListValue();
        for (int i = 0; i < 10; i++) {
            l.push(false, b("e" + i), 3);
        }
        assertEquals(4, l.chunkCount());
        ListValue big = new ListValue();
        for (int i = 0; i < 10_000; i++) {
            big.push(i % 2 == 0, b("element-" + i), -2);
        }
        assertTrue(big.chunkCount() > 10 && big.chunkCount() < 100, "8 KB chunks: " + big.chunkCount());
    }

    @Test
    void duplicateSharesNothing() {
        ListValue l = new ListValue();
        l.push(false, b("a"), -2);
        ListValue copy = l.duplicate();
        copy.push(false, b("b"), -2);
        l.cursor(0).replace(b("changed"), -2);
        assertEquals(List.of("changed"), contents(l));
        assertEquals(List.of("a", "b"), contents(copy));
    }

    @Test
    void cursorRemovalInBothDirections() {
        ListValue l = new ListValue();
        for (String s : List.of("a", "x", "b", "x", "x")) {
            l.push(false, b(s), 2);
        }
        ListValue.Cursor c = l.cursorAtEnd(false);
        assertTrue(c.removeAndStepBack());
        assertEquals("x", new String(c.value(), StandardCharsets.ISO_8859_1));
        assertTrue(c.removeAndStepBack());
        assertEquals(List.of("a", "x", "b"), contents(l));
        c = l.cursorAtEnd(true);
        assertTrue(c.next());
        assertTrue(c.remove());
        assertEquals("b", new String(c.value(), StandardCharsets.ISO_8859_1));
        assertFalse(c.remove());
        assertEquals(List.of("a"), contents(l));
        assertFalse(l.cursorAtEnd(true).remove());
        assertEquals(0, l.size());
        assertEquals(0, l.chunkCount());
    }

    /** Random operations with several fills, checked against an ArrayList after each step. */
    @Test
    void randomOperationsMatchAModel() {
        for (int fill : new int[] {-2, -1, 1, 3, 16}) {
            Random rnd = new Random(fill + 1000);
            ListValue l = new ListValue();
            List<String> model = new ArrayList<>();
            for (int step = 0; step < 6000; step++) {
                int op = rnd.nextInt(10);
                String v = "v" + rnd.nextInt(40) + (rnd.nextInt(20) == 0 ? "z".repeat(rnd.nextInt(3000)) : "");
                if (op <= 2 || model.isEmpty()) {
                    boolean head = rnd.nextBoolean();
                    l.push(head, b(v), fill);
                    model.add(head ? 0 : model.size(), v);
                } else if (op == 3) {
                    boolean head = rnd.nextBoolean();
                    String got = new String(l.pop(head), StandardCharsets.ISO_8859_1);
                    assertEquals(model.remove(head ? 0 : model.size() - 1), got);
                } else if (op == 4) {
                    int i = rnd.nextInt(model.size());
                    assertEquals(model.get(i), new String(l.cursor(i).value(), StandardCharsets.ISO_8859_1));
                } else if (op == 5) {
                    int i = rnd.nextInt(model.size());
                    l.cursor(i).replace(b(v), fill);
                    model.set(i, v);
                } else if (op == 6) {
                    int i = rnd.nextInt(model.size());
                    boolean after = rnd.nextBoolean();
                    l.cursor(i).insert(after, b(v), fill);
                    model.add(after ? i + 1 : i, v);
                } else if (op == 7) {
                    int i = rnd.nextInt(model.size());
                    l.cursor(i).remove();
                    model.remove(i);
                } else if (op == 8) {
                    int n = rnd.nextInt(Math.min(5, model.size()) + 1);
                    boolean head = rnd.nextBoolean();
                    l.drop(head, n);
                    for (int k = 0; k < n; k++) {
                        model.remove(head ? 0 : model.size() - 1);
                    }
                } else {
                    int i = rnd.nextInt(model.size());
                    l.cursor(i).removeAndStepBack();
                    model.remove(i);
                }
                assertEquals(model.size(), l.size(), "fill " + fill + " step " + step);
                if (step % 97 == 0) {
                    assertEquals(model, contents(l), "fill " + fill + " step " + step);
                    assertEquals(model, contentsBackwards(l), "fill " + fill + " step " + step);
                }
            }
            assertEquals(model, contents(l));
        }
    }

    @Test
    void extremeFillsAreClampedAsQuicklistSetFill() {
        for (int fill : new int[] {Integer.MIN_VALUE, -6, Integer.MAX_VALUE}) {
            ListValue l = new ListValue();
            for (int i = 0; i < 20000; i++) {
                l.push(false, b("element-" + i), fill);
            }
            org.junit.jupiter.api.Assertions.assertEquals(20000L, l.size(), "fill " + fill);
        }
        org.junit.jupiter.api.Assertions.assertEquals(-5, ListValue.clampFill(Integer.MIN_VALUE));
        org.junit.jupiter.api.Assertions.assertEquals(32767, ListValue.clampFill(Integer.MAX_VALUE));
        org.junit.jupiter.api.Assertions.assertEquals(-2, ListValue.clampFill(-2));
    }
}
