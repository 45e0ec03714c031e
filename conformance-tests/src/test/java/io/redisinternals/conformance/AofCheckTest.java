package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redis-internals check-aof} against redis-check-aof 7.0.15 on the same files: the same
 * report (offsets, ok_up_to, line counts, messages) and exit status for valid directories, tails
 * cut at many offsets, garbage, an unclosed MULTI, a bad CRLF, an old-style file, and --fix.
 */
class AofCheckTest {

    @TempDir
    Path tmp;

    private static String cmd(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    private static final String BASE = cmd("SELECT", "0") + cmd("SET", "k", "v") + cmd("RPUSH", "l", "a", "b");
    private static final String INCR = "#TS:1700000000\r\n" + cmd("SELECT", "0") + cmd("MULTI") + cmd("INCR", "n")
            + cmd("SET", "x", "a-longer-value") + cmd("EXEC") + cmd("DEL", "k");

    private Path dir(String name, String base, String incr) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("appendonly.aof.manifest"),
                "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
        Files.writeString(d.resolve("appendonly.aof.1.base.aof"), base, StandardCharsets.ISO_8859_1);
        Files.writeString(d.resolve("appendonly.aof.1.incr.aof"), incr, StandardCharsets.ISO_8859_1);
        return d;
    }

    private static String run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.US_ASCII));
        } catch (java.io.IOException exitedWithoutReading) {
            // the tool did not ask: nothing to answer
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        return "exit " + p.waitFor() + "\n" + out;
    }

    /** Both tools on copies of the same directory; their reports and the files they leave must match. */
    private void same(String name, String base, String incr, String target, boolean fix) throws Exception {
        Path theirs = dir(name + "-ref", base, incr);
        Path ours = dir(name + "-ours", base, incr);
        List<String> ref = new ArrayList<>(List.of(AofFiles.redisBinary("redis-check-aof")));
        List<String> our = new ArrayList<>(List.of(ServerProcess.launcher().toString(), "check-aof"));
        if (fix) {
            ref.add("--fix");
            our.add("--fix");
        }
        ref.add(theirs.resolve(target).toString());
        our.add(ours.resolve(target).toString());
        String expected = run(ref, "y\n").replace(theirs.toString(), "DIR");
        String actual = run(our, "y\n").replace(ours.toString(), "DIR");
        assertEquals(expected, actual, name);
        assertEquals(Files.readString(theirs.resolve("appendonly.aof.1.incr.aof"), StandardCharsets.ISO_8859_1),
                Files.readString(ours.resolve("appendonly.aof.1.incr.aof"), StandardCharsets.ISO_8859_1), name);
    }

    @Test
    void validDirectory() throws Exception {
        same("valid", BASE, INCR, "appendonly.aof.manifest", false);
    }

    @Test
    void truncatedTails() throws Exception {
        for (int cut : new int[] {1, 2, 3, 5, 8, 13, 21, 34, 40, 55}) {
            same("cut" + cut, BASE, INCR.substring(0, INCR.length() - cut), "appendonly.aof.manifest", false);
        }
        same("fix", BASE, INCR.substring(0, INCR.length() - 7), "appendonly.aof.manifest", true);
    }

    @Test
    void garbageBadCrlfAndUnclosedMulti() throws Exception {
        same("garbage", BASE, cmd("SET", "a", "1") + "garbage\r\n" + cmd("SET", "b", "2"), "appendonly.aof.manifest", false);
        same("crlf", BASE, cmd("SET", "a", "1") + "*2\r\n$3\r\nGETxx$1\r\nk\r\n", "appendonly.aof.manifest", false);
        same("multi", BASE, cmd("SET", "a", "1") + cmd("MULTI") + cmd("SET", "b", "2"), "appendonly.aof.manifest", false);
        same("nested", BASE, cmd("MULTI") + cmd("MULTI"), "appendonly.aof.manifest", false);
        same("badbase", BASE.substring(0, BASE.length() - 4), INCR, "appendonly.aof.manifest", true);
    }

    @Test
    void oldStyleFile() throws Exception {
        same("old", BASE, INCR, "appendonly.aof.1.incr.aof", false);
        same("oldcut", BASE, INCR.substring(0, INCR.length() - 9), "appendonly.aof.1.incr.aof", false);
    }
}
