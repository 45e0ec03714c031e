package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds and findings of {@link LuaParserFuzzTest} (deep nesting, long chains, malformed
 * numbers and strings, the parser's limits) loaded by lua5.1 and by ours through loadstring: the
 * same error message, or the same success. The fuzz target only checks that nothing but a
 * LuaError comes out; this checks which one.
 */
class FuzzSeedsDifferentialTest {

    /**
     * Seeds whose message is not lua5.1's, each with the reason. The limits that depend on Lua's C
     * call depth or its register allocation are not modelled (the tree compiler has no registers).
     */
    private static final java.util.Map<String, String> NOT_LUA51 = java.util.Map.of(
            // Redis's Lua parses every chunk as text (no undump): its message, checked on redis-server 7.0.15
            "binary-header", "binary-header\tfuzz:1: unexpected symbol near 'char(27)'",
            // redis-server 7.0.15's Lua has no "nesting of [[...]] is deprecated" (lua5.1's
            // LUA_COMPAT_LSTR): the string ends at the first "]]" (checked by ScriptCompileErrorsTest)
            "nested-long-comment", "nested-long-comment",
            "nested-index-brackets", "nested-index-brackets\tfuzz:1: '<eof>' expected near ']'",
            // lua5.1's command line runs a chunk one C call deeper than redis-server (197 there);
            // Redis's loadstring in EVAL says 198 (checked by ScriptCompileErrorsTest), as ours
            "assign-chain", "assign-chain\tfuzz:1: main function has more than 198 variables in assignment",
            // lua5.1: "function or expression too complex near '{'" (250 registers) before the level limit
            "nested-strings-in-tables", "nested-strings-in-tables\tfuzz:1: chunk has too many syntax levels");

    /**
     * Chunk names in syntax errors (the lexer's 80-byte buffer) and in runtime errors (LUA_IDSIZE
     * 60), for each form of name, short and long.
     */
    @Test
    void chunkNamesInMessagesAsLua51(@TempDir Path tmp) throws Exception {
        StringBuilder script = new StringBuilder();
        for (String name : List.of("=short", "@short", "short", "=" + "n".repeat(90), "@" + "f".repeat(51),
                "@" + "f".repeat(52), "@" + "f".repeat(53), "@" + "f".repeat(73), "@" + "f".repeat(90),
                "s".repeat(43), "s".repeat(44), "s".repeat(63), "s".repeat(64), "two\\nlines")) {
            script.append("print(select(2, loadstring('x = = 1', '").append(name).append("')))\n");
            script.append("print(pcall(loadstring('error(\"e\")', '").append(name).append("')))\n");
        }
        Files.writeString(tmp.resolve("names.lua"), script);
        String[] expected = LuaDifferentialTest.lua51(tmp, "names.lua");
        String[] actual = LuaRun.run(Files.readAllBytes(tmp.resolve("names.lua")), "@names.lua");
        assertEquals(expected[1], actual[1], "an uncaught error");
        assertEquals(expected[0], actual[0]);
    }

    @Test
    void seedsGiveLua51sMessages(@TempDir Path tmp) throws Exception {
        Path dir = Path.of(FuzzSeedsDifferentialTest.class
                .getResource("/io/redisinternals/lua/LuaParserFuzzTestInputs/load").toURI());
        List<Path> seeds;
        try (Stream<Path> s = Files.list(dir)) {
            seeds = s.sorted().toList();
        }
        assertTrue(seeds.size() >= 20, "seeds: " + seeds.size());
        StringBuilder script = new StringBuilder();
        for (Path seed : seeds) {
            script.append("print('").append(seed.getFileName()).append("', select(2, loadstring(\"");
            for (byte c : Files.readAllBytes(seed)) {
                script.append('\\').append(c & 0xff);
            }
            script.append("\", \"=fuzz\")))\n");
        }
        Files.writeString(tmp.resolve("seeds.lua"), script);
        String[] expected = LuaDifferentialTest.lua51(tmp, "seeds.lua");
        String[] actual = LuaRun.run(Files.readAllBytes(tmp.resolve("seeds.lua")), "@seeds.lua");
        assertEquals(expected[1], actual[1], "an uncaught error");
        String[] e = expected[0].split("\n");
        String[] a = actual[0].split("\n");
        StringBuilder mismatches = new StringBuilder();
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            String seed = e[i].split("\t", 2)[0];
            if (NOT_LUA51.containsKey(seed)) {
                assertEquals(NOT_LUA51.get(seed), a[i], "the documented difference of " + seed);
                continue;
            }
            if (!e[i].equals(a[i])) {
                mismatches.append("\nlua5.1: ").append(e[i]).append("\nours:   ").append(a[i]);
            }
        }
        assertEquals("", mismatches.toString());
        assertEquals(seeds.size(), e.length, "one line per seed");
        assertEquals(e.length, a.length);
    }
}
