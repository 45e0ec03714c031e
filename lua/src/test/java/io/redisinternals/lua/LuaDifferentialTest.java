package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Every program of {@code lua-corpus/} run by the real {@code lua5.1} and by our interpreter: the
 * printed output must be the same bytes, and an uncaught error the same first line of stderr.
 * Fails (never skips) when lua5.1 is not installed: CI installs it.
 */
class LuaDifferentialTest {

    static Path corpus() throws Exception {
        return Path.of(LuaDifferentialTest.class.getResource("/lua-corpus").toURI());
    }

    @TestFactory
    Stream<DynamicTest> corpusMatchesLua51() throws Exception {
        Path dir = corpus();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
        }
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> compare(dir, p)));
    }

    @org.junit.jupiter.api.Test
    void corpusCoversTheLanguage() throws Exception {
        try (Stream<Path> s = Files.list(corpus())) {
            long n = s.filter(p -> p.toString().endsWith(".lua")).count();
            assertTrue(n >= 40, "the corpus has " + n + " programs");
        }
    }

    private static void compare(Path dir, Path file) throws Exception {
        String name = file.getFileName().toString();
        String[] expected = lua51(dir, name);
        String[] actual = LuaRun.run(Files.readAllBytes(file), "@" + name);
        assertEquals(expected[0], actual[0], name + ": stdout");
        assertEquals(expected[1], actual[1], name + ": error");
    }

    /** stdout and the first line of stderr of {@code lua5.1 name} run in {@code dir}. */
    static String[] lua51(Path dir, String name) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("lua5.1", name).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("lua5.1 is required for the differential tests (apt-get install lua5.1): " + e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lua5.1 finished");
        int nl = err.indexOf('\n');
        return new String[] {new String(out, StandardCharsets.ISO_8859_1), nl < 0 ? err : err.substring(0, nl)};
    }
}
