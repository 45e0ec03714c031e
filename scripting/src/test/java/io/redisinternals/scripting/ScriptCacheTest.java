package io.redisinternals.scripting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The script cache with a recording compiler in place of the interpreter: named by SHA1 as Redis
 * names scripts (the digests below are redis-server 7.0.15's SCRIPT LOAD answers), compiled once.
 */
class ScriptCacheTest {

    private final List<String> compiled = new ArrayList<>();
    private final ScriptCache cache = new ScriptCache(body -> {
        compiled.add(new String(body, StandardCharsets.UTF_8));
        return LuaFunction.of("f", (s, a) -> Lua.NONE);
    });

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scriptsAreNamedByTheSha1OfTheirBodyAndCompiledOnce() {
        ScriptCache.Script s = cache.load(b("return 1"));
        assertEquals("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", s.sha());
        assertSame(s, cache.load(b("return 1")));
        assertEquals(List.of("return 1"), compiled);
        assertSame(s, cache.get("e0e1f9fabfc9d4800c877a703b823ac0578ff8db"));
        assertSame(s, cache.get("E0E1F9FABFC9D4800C877A703B823AC0578FF8DB"));
        assertNull(cache.get("e0e1f9fabfc9d4800c877a703b823ac0578ff8dbxx"));
        assertNull(cache.get("e0e1f9fabfc9d4800c877a703b823ac0578ff8d"));
        assertNull(cache.get("ffffffffffffffffffffffffffffffffffffffff"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", Sha1.hex(new byte[0]));
    }

    @Test
    void theShebangLineIsBlankedForTheCompilerKeepingLineNumbers() {
        String body = "#!lua flags=no-writes\nreturn 1";
        ScriptCache.Script s = cache.load(b(body));
        assertEquals(Sha1.hex(b(body)), s.sha()); // the name covers the shebang
        assertArrayEquals(b(body), s.body());
        assertEquals(" ".repeat(21) + "\nreturn 1", compiled.get(0));
        assertTrue(s.shebang().has(Shebang.NO_WRITES));
    }

    @Test
    void aBadShebangOrACompileErrorCachesNothing() {
        assertThrows(ScriptException.class, () -> cache.load(b("#!lua flags=bad\nreturn 1")));
        ScriptCache failing = new ScriptCache(body -> {
            throw new ScriptException("ERR Error compiling script (new function): user_script:1: boom");
        });
        assertThrows(ScriptException.class, () -> failing.load(b("return +")));
        assertEquals(0, cache.size());
        assertEquals(0, failing.size());
        assertFalse(failing.exists(Sha1.hex(b("return +"))));
    }

    @Test
    void flushForgetsEverything() {
        cache.load(b("return 1"));
        cache.load(b("return 2"));
        assertEquals(2, cache.size());
        cache.flush();
        assertEquals(0, cache.size());
        assertFalse(cache.exists("e0e1f9fabfc9d4800c877a703b823ac0578ff8db"));
        cache.load(b("return 1"));
        assertEquals(3, compiled.size()); // compiled again after the flush
    }
}
