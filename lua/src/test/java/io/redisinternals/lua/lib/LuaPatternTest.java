package io.redisinternals.lua.lib;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redisinternals.lua.LuaError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the differential tests cannot show: the matcher's own recursion bound. */
class LuaPatternTest {

    private static int match(String subject, String pattern) {
        LuaPattern m = new LuaPattern(subject.getBytes(StandardCharsets.ISO_8859_1),
                pattern.getBytes(StandardCharsets.ISO_8859_1));
        return m.matchAt(0, 0);
    }

    @Test
    void longSubjectsDoNotRecurse() {
        String subject = "a".repeat(1_000_000) + "b";
        assertEquals(subject.length(), match(subject, "a*b"));
        assertEquals(subject.length(), match(subject, "a-b"));
        assertEquals(subject.length(), match(subject, ".-b$"));
        assertEquals(1_000_000, match(subject, "(a*)"));
    }

    @Test
    void deepPatternsFailWithPatternTooComplexNotAStackOverflow() {
        assertEquals(900, match("a".repeat(900), "a?".repeat(900)));
        LuaError e = assertThrows(LuaError.class, () -> match("a".repeat(1100), "a?".repeat(1100)));
        assertEquals("pattern too complex", e.getMessage());
        // a thread with a small stack: still a Lua error, never a StackOverflowError
        LuaError[] small = new LuaError[1];
        Thread t = new Thread(null, () -> {
            try {
                match("a".repeat(990), "(a?)".repeat(30) + "a?".repeat(960));
            } catch (LuaError err) {
                small[0] = err;
            }
        }, "small-stack", 64 * 1024);
        t.start();
        assertDoesNotThrow(() -> t.join());
        assertEquals("pattern too complex", small[0] == null ? "matched" : small[0].getMessage());
    }
}
