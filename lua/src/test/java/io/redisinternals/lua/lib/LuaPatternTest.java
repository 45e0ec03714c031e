package io.redisinternals.lua.lib;

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
        assertEquals(3000, match("a".repeat(3000), "a?".repeat(3000)));
        LuaError e = assertThrows(LuaError.class, () -> match("a".repeat(5000), "a?".repeat(5000)));
        assertEquals("pattern too complex", e.getMessage());
    }
}
