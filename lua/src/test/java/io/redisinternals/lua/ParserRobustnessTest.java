package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The parser on damaged programs: every corpus program with bytes deleted, duplicated or replaced
 * (a fixed seed, so a failure reproduces) either compiles or fails with a LuaError, never another
 * exception. A cheap stand-in for a fuzzer.
 */
class ParserRobustnessTest {

    @Test
    void damagedProgramsCompileOrFailWithALuaError() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(LuaDifferentialTest.corpus())) {
            files = s.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
        }
        Random random = new Random(12);
        byte[] alphabet = "()[]{}=.,;:'\"-+*/^%#<>~ \n\tlocal function end if then do for in return ...x1".getBytes();
        LuaState st = LuaRun.newState();
        for (Path file : files) {
            byte[] src = Files.readAllBytes(file);
            for (int round = 0; round < 200; round++) {
                byte[] damaged = damage(src, random, alphabet);
                try {
                    st.load(LuaString.wrap(damaged), "=fuzz");
                } catch (LuaError expected) {
                    // a syntax error is a fine answer
                } catch (RuntimeException | StackOverflowError e) {
                    fail(file.getFileName() + " round " + round + ": " + e + "\n" + new String(damaged), e);
                }
            }
        }
    }

    /**
     * Damaged programs loaded by lua5.1 and by ours through loadstring: the same syntax error
     * texts (or the same success). The programs travel as "\\ddd" escapes in one generated script.
     */
    @Test
    void damagedProgramsGiveLua51sSyntaxErrors(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(LuaDifferentialTest.corpus())) {
            files = s.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
        }
        Random random = new Random(7);
        byte[] alphabet = "()[]{}=.,;:'\"-+*/^%#<>~ \n\tlocal function end if then do for in return ...x1".getBytes();
        StringBuilder script = new StringBuilder();
        int n = 0;
        for (Path file : files) {
            byte[] src = Files.readAllBytes(file);
            for (int round = 0; round < 60; round++) {
                byte[] damaged = damage(src, random, alphabet);
                script.append("print(").append(++n).append(", select(2, loadstring(\"");
                for (byte c : damaged) {
                    script.append('\\').append(c & 0xff);
                }
                script.append("\", \"=f\")))\n");
            }
        }
        Files.writeString(tmp.resolve("damaged.lua"), script);
        String[] expected = LuaDifferentialTest.lua51(tmp, "damaged.lua");
        String[] actual = LuaRun.run(Files.readAllBytes(tmp.resolve("damaged.lua")), "@damaged.lua");
        org.junit.jupiter.api.Assertions.assertEquals(expected[1], actual[1]);
        String[] e = expected[0].split("\n");
        String[] a = actual[0].split("\n");
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            org.junit.jupiter.api.Assertions.assertEquals(e[i], a[i], "damaged program " + (i + 1));
        }
        org.junit.jupiter.api.Assertions.assertEquals(n, e.length, "one line per damaged program");
        org.junit.jupiter.api.Assertions.assertEquals(e.length, a.length);
    }

    private static byte[] damage(byte[] src, Random random, byte[] alphabet) {
        byte[] b = src.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && b.length > 1; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> { // delete a run
                    int len = Math.min(b.length - at, 1 + random.nextInt(8));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
                case 1 -> b[at] = alphabet[random.nextInt(alphabet.length)];
                default -> { // truncate
                    b = java.util.Arrays.copyOf(b, at);
                }
            }
        }
        return b;
    }
}
