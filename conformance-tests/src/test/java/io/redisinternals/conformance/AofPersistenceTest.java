package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.server.RedisServer;
import io.redisinternals.server.StartupException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append-only file against redis-server 7.0.15 itself: the same commands append the same
 * bytes; our directory loads in redis-server and passes redis-check-aof; redis-server's directory
 * loads in ours; an old single AOF is upgraded; a broken manifest stops the start; appendonly
 * turned on at runtime; protected configs.
 */
class AofPersistenceTest {

    @TempDir
    Path tmp;

    private static String config() {
        return ServerUnderTest.configurationNames().get(0);
    }

    private ServerUnderTest.Running ours(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--save", "", "--dir", dir.toString(), "--appendonly", "yes"));
        args.addAll(List.of(extra));
        return ServerUnderTest.startDedicated(config(), args.toArray(String[]::new));
    }

    private Path dir(String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** Commands whose propagated forms differ from the requests (EXPIRE, SET EX, INCRBYFLOAT, a script, MULTI, SELECT). */
    private static final String[][] WORKLOAD = {
        {"SET", "a", "1"},
        {"SELECT", "3"},
        {"RPUSH", "l", "x", "y", "z"},
        {"EXPIREAT", "l", "4000000000"},
        {"SET", "s", "v", "EXAT", "4000000000"},
        {"SET", "t", "v", "EX", "1000"},
        {"EXPIRE", "s", "5000"},
        {"INCRBYFLOAT", "f", "1.5"},
        {"EVAL", "redis.call('set', KEYS[1], '1'); redis.call('incr', KEYS[1])", "1", "e"},
        {"MULTI"},
        {"HSET", "h", "f", "v", "g", "w"},
        {"SADD", "st", "a", "b"},
        {"ZADD", "z", "1.5", "m", "2", "n"},
        {"EXEC"},
        {"GET", "a"},
        {"SELECT", "0"},
        {"DEL", "a", "nosuch"},
        {"SET", "n", "10"},
        {"INCR", "n"},
        {"LPUSH", "q", "a", "b"},
        {"LPOP", "q"},
        {"PERSIST", "n"},
        {"HINCRBYFLOAT", "hh", "f", "0.25"},
    };

    private static void run(Endpoint ep) {
        try (RawConnection c = ep.connect()) {
            for (String[] cmd : WORKLOAD) {
                Reply r = c.call(cmd);
                assertFalse(r.isError(), String.join(" ", cmd) + " -> " + r.visible());
            }
        }
    }

    /**
     * Absolute times derived from the clock (EXPIRE, SET EX) differ by milliseconds between the two
     * servers; timestamp annotations by seconds (and so in number: one per second that saw writes).
     */
    private static String normalizeClockTimes(String aof) {
        aof = aof.replaceAll("#TS:\\d+\r\n", ""); // where a second begins differs: their presence is checked apart
        long now = System.currentTimeMillis();
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$13\r\n(\\d{13})\r\n").matcher(aof);
        while (m.find()) {
            long t = Long.parseLong(m.group(1));
            boolean fromClock = Math.abs(t - now) < 86_400_000L * 7;
            m.appendReplacement(out, fromClock ? "\\$13\r\n<clock+" + Math.round((t - now) / 60_000.0) + "min>\r\n" : m.group(0));
        }
        m.appendTail(out);
        return out.toString();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"no", "yes"})
    void theAppendedStreamEqualsRedisServers(String timestamps) throws Exception {
        Path oursDir = dir("ours-ts-" + timestamps);
        Path refDir = dir("ref-ts-" + timestamps);
        String ourAof;
        try (ServerUnderTest.Running s = ours(oursDir, "--appendfsync", "always", "--aof-timestamp-enabled", timestamps)) {
            run(s.endpoint());
            ourAof = Files.readString(AofFiles.lastIncr(oursDir), StandardCharsets.ISO_8859_1);
        }
        String refAof;
        try (AofFiles.Redis ref = new AofFiles.Redis(refDir, "--appendonly", "yes", "--appendfsync", "always",
                "--aof-timestamp-enabled", timestamps)) {
            run(ref.endpoint);
            refAof = Files.readString(AofFiles.lastIncr(refDir), StandardCharsets.ISO_8859_1);
        }
        assertEquals(Bytes.visible(normalizeClockTimes(refAof).getBytes(StandardCharsets.ISO_8859_1)),
                Bytes.visible(normalizeClockTimes(ourAof).getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(ourAof.contains("PEXPIREAT") && ourAof.contains("PXAT") && ourAof.contains("MULTI"), ourAof);
        assertEquals(timestamps.equals("yes"), ourAof.startsWith("#TS:"), ourAof);
        assertEquals(timestamps.equals("yes"), refAof.startsWith("#TS:"), refAof);
    }

    /** Every type, several databases, expiries, a rewrite in the middle, then more writes. */
    private static void populate(Endpoint ep) {
        try (RawConnection c = ep.connect()) {
            for (int db = 0; db < 3; db++) {
                c.call("SELECT", Integer.toString(db));
                for (int i = 0; i < 50; i++) {
                    c.call("SET", "s" + i, "v" + i + "-" + db);
                }
                c.call("SET", "int", "12345");
                c.call("SET", "bin", "a\r\nb\u0000c");
                for (int i = 0; i < 150; i++) {
                    c.call("RPUSH", "list", "e" + i);
                    c.call("SADD", "set", "m" + i);
                    c.call("SADD", "intset", Integer.toString(i * 7));
                    c.call("ZADD", "zset", Double.toString(i * 1.25), "z" + i);
                    c.call("HSET", "hash", "f" + i, "v" + i);
                }
                c.call("ZADD", "zset", "inf", "top", "-inf", "bottom", "0.1", "tenth");
                c.call("HSET", "small", "a", "1");
                c.call("PEXPIREAT", "s1", "4000000000123");
                c.call("EXPIRE", "list", "100000");
            }
        }
    }

    private static void moreWrites(Endpoint ep) {
        try (RawConnection c = ep.connect()) {
            c.call("SELECT", "1");
            c.call("SET", "after-rewrite", "1");
            c.call("LPOP", "list");
            c.call("SREM", "set", "m3");
            c.call("DEL", "s5");
            c.call("FLUSHDB");
            c.call("SELECT", "2");
            c.call("HDEL", "hash", "f7");
            c.call("ZINCRBY", "zset", "2.5", "z9");
            c.call("SET", "after-rewrite", "2");
        }
    }

    private static void rewriteAndWait(Endpoint ep) {
        rewriteAndWait(ep, true);
    }

    static void rewriteAndWait(Endpoint ep, boolean start) {
        try (RawConnection c = ep.connect()) {
            if (start) {
                Reply r = c.call("BGREWRITEAOF");
                assertTrue(r.text().startsWith("Background append only file rewriting"), r.visible());
            }
            // scheduled first: a scheduled rewrite goes scheduled -> running -> done, so reading the
            // two fields in that order cannot miss one that starts between the reads
            for (int i = 0; i < 200 && (c.infoLong("aof_rewrite_scheduled") != 0 || c.infoLong("aof_rewrite_in_progress") != 0); i++) {
                AofFiles.sleep(50);
            }
            assertEquals(0, c.infoLong("aof_rewrite_in_progress"));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"yes", "no"})
    void redisServerLoadsOurDirectoryAndRedisCheckAofAcceptsIt(String rdbPreamble) throws Exception {
        Path d = dir("ours-" + rdbPreamble);
        String expected;
        try (ServerUnderTest.Running s = ours(d, "--appendfsync", "always", "--aof-use-rdb-preamble", rdbPreamble)) {
            populate(s.endpoint());
            rewriteAndWait(s.endpoint());
            moreWrites(s.endpoint());
            expected = AofFiles.dump(s.endpoint());
        }
        assertTrue(expected.contains("after-rewrite"), expected);
        String check = AofFiles.checkAof(d.resolve("appendonlydir").resolve("appendonly.aof.manifest"));
        assertTrue(check.startsWith("0\n") && check.contains("All AOF files and manifest are valid"), check);
        assertTrue(Files.exists(d.resolve("appendonlydir/appendonly.aof.2.base." + (rdbPreamble.equals("yes") ? "rdb" : "aof"))));
        Path copy = tmp.resolve("copy-" + rdbPreamble);
        AofFiles.copyDir(d, copy);
        try (AofFiles.Redis ref = new AofFiles.Redis(copy, "--appendonly", "yes")) {
            assertEquals(expected, AofFiles.dump(ref.endpoint), ref.log());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"yes", "no"})
    void ourServerLoadsRedisServersDirectory(String rdbPreamble) throws Exception {
        Path d = dir("ref-" + rdbPreamble);
        String expected;
        try (AofFiles.Redis ref = new AofFiles.Redis(d, "--appendonly", "yes", "--aof-use-rdb-preamble", rdbPreamble)) {
            populate(ref.endpoint);
            rewriteAndWait(ref.endpoint);
            moreWrites(ref.endpoint);
            expected = AofFiles.dump(ref.endpoint);
        }
        try (ServerUnderTest.Running s = ours(d)) {
            assertEquals(expected, AofFiles.dump(s.endpoint()));
        }
    }

    @Test
    void anOldSingleFileIsUpgradedToAManifestRedisServerAlsoLoads() throws Exception {
        Path d = dir("old");
        Files.writeString(d.resolve("appendonly.aof"), "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$3\r\nold\r\n$5\r\nvalue\r\n",
                StandardCharsets.ISO_8859_1);
        String expected;
        try (ServerUnderTest.Running s = ours(d)) {
            try (RawConnection c = s.endpoint().connect()) {
                assertEquals("value", c.call("GET", "old").text());
                c.call("SET", "new", "1");
            }
            expected = AofFiles.dump(s.endpoint());
        }
        assertFalse(Files.exists(d.resolve("appendonly.aof")));
        assertEquals("file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n",
                Files.readString(d.resolve("appendonlydir/appendonly.aof.manifest")));
        try (AofFiles.Redis ref = new AofFiles.Redis(d, "--appendonly", "yes")) {
            assertEquals(expected, AofFiles.dump(ref.endpoint));
        }
    }

    @Test
    void debugLoadAofAndInfoAsRedis() throws Exception {
        try (ServerUnderTest.Running s = ours(dir("debug"), "--enable-debug-command", "yes");
             AofFiles.Redis ref = new AofFiles.Redis(dir("debug-ref"), "--appendonly", "yes", "--enable-debug-command", "yes")) {
            for (Endpoint ep : List.of(s.endpoint(), ref.endpoint)) {
                populate(ep);
                String before = AofFiles.dump(ep);
                try (RawConnection c = ep.connect()) {
                    assertEquals("+OK\r\n", c.call("DEBUG", "LOADAOF").rawText(), ep.toString());
                }
                assertEquals(before, AofFiles.dump(ep), ep.toString());
            }
            try (RawConnection ours = s.endpoint().connect(); RawConnection theirs = ref.endpoint.connect()) {
                assertEquals(infoNames(theirs), infoNames(ours));
                for (String field : List.of("aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled",
                        "aof_current_rewrite_time_sec", "aof_last_bgrewrite_status", "aof_last_write_status",
                        "aof_pending_rewrite", "aof_buffer_length", "aof_delayed_fsync")) {
                    assertEquals(infoValue(theirs, field), infoValue(ours, field), field);
                }
            }
        }
    }

    @Test
    void bgrewriteaofInsideExecIsScheduledAndRunsAfterwards() throws Exception {
        try (ServerUnderTest.Running s = ours(dir("exec"));
             AofFiles.Redis ref = new AofFiles.Redis(dir("exec-ref"), "--appendonly", "yes");
             RawConnection ours = s.endpoint().connect();
             RawConnection theirs = ref.endpoint.connect()) {
            for (String[] cmd : new String[][] {{"SET", "k", "v"}, {"MULTI"}, {"BGREWRITEAOF"}, {"INCR", "n"}, {"EXEC"}}) {
                assertEquals(theirs.call(cmd).visible(), ours.call(cmd).visible(), String.join(" ", cmd));
            }
            for (int i = 0; i < 100 && (ours.infoLong("aof_rewrites") == 0 || ours.infoLong("aof_rewrite_scheduled") != 0); i++) {
                AofFiles.sleep(50); // the cron starts it
            }
            assertEquals(1, ours.infoLong("aof_rewrites"));
        }
    }

    private static List<String> infoNames(RawConnection c) {
        List<String> names = new ArrayList<>();
        for (String line : c.call("INFO", "persistence").text().split("\r\n")) {
            if (line.contains(":")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        return names;
    }

    private static String infoValue(RawConnection c, String field) {
        for (String line : c.call("INFO", "persistence").text().split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    @Test
    void aBrokenManifestStopsTheStartWithRedisText() throws Exception {
        Path d = dir("broken");
        Files.createDirectories(d.resolve("appendonlydir"));
        Files.writeString(d.resolve("appendonlydir/appendonly.aof.manifest"), "file appendonly.aof.1.base.aof seq 1 type x\n");
        StartupException e = assertThrows(StartupException.class, () -> RedisServer.start(List.of("--port", "0",
                "--bind", "127.0.0.1", "--save", "", "--dir", d.toString(), "--appendonly", "yes")));
        assertTrue(e.getMessage().contains("Unknown AOF file type"), e.getMessage());

        Files.writeString(d.resolve("appendonlydir/appendonly.aof.manifest"), "file appendonly.aof.1.base.aof seq 1 type b\n");
        e = assertThrows(StartupException.class, () -> RedisServer.start(List.of("--port", "0",
                "--bind", "127.0.0.1", "--save", "", "--dir", d.toString(), "--appendonly", "yes")));
        assertEquals("Unable to obtain the AOF file appendonly.aof.1.base.aof length. stat: No such file or directory", e.getMessage());
    }

    @Test
    void appendonlyTurnedOnAtRuntimeWritesABaseOfTheDataset() throws Exception {
        Path d = dir("runtime");
        try (ServerUnderTest.Running s = ServerUnderTest.startDedicated(config(), "--save", "", "--dir", d.toString())) {
            try (RawConnection c = s.endpoint().connect()) {
                c.call("SET", "before", "1");
                c.call("RPUSH", "l", "a", "b");
                assertEquals("OK", c.call("CONFIG", "SET", "appendonly", "yes").text());
                c.call("SET", "after", "2"); // during the background rewrite: into the temp incremental file
                assertEquals(1, c.infoLong("aof_enabled"));
            }
            rewriteAndWait(s.endpoint(), false); // as Redis's tests, the initial rewrite is awaited before closing
        }
        String manifest = Files.readString(d.resolve("appendonlydir/appendonly.aof.manifest"));
        assertTrue(manifest.matches("file appendonly\\.aof\\.1\\.base\\.(aof|rdb) seq 1 type b\nfile appendonly\\.aof\\.1\\.incr\\.aof seq 1 type i\n"),
                manifest);
        try (ServerUnderTest.Running s = ours(d); RawConnection c = s.endpoint().connect()) {
            assertEquals("1", c.call("GET", "before").text());
            assertEquals("2", c.call("GET", "after").text());
            assertEquals(2, c.call("LLEN", "l").payload() == null ? 0 : Integer.parseInt(c.call("LLEN", "l").rawText().trim().substring(1)));
            assertEquals("OK", c.call("CONFIG", "SET", "appendonly", "no").text());
            assertEquals(0, c.infoLong("aof_enabled"));
        }
    }

    /** CONFIG GET's pairs in name order (Redis answers in its dictionary's order). */
    private static List<String> pairs(Reply r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.children().size(); i += 2) {
            out.add(r.child(i).text() + "=" + r.child(i + 1).text());
        }
        out.sort(null);
        return out;
    }

    @Test
    void protectedConfigsAreRefusedAsByRedis() throws Exception {
        Path d = dir("protected");
        try (ServerUnderTest.Running s = ServerUnderTest.startDedicated(config(), "--save", "", "--dir", d.toString());
             AofFiles.Redis ref = new AofFiles.Redis(dir("protected-ref"));
             RawConnection ours = s.endpoint().connect();
             RawConnection theirs = ref.endpoint.connect()) {
            for (String[] cmd : new String[][] {
                {"CONFIG", "SET", "dir", "/tmp"},
                {"CONFIG", "SET", "dbfilename", "x.rdb"},
                {"CONFIG", "SET", "appenddirname", "x"},
                {"CONFIG", "SET", "appendfsync", "sometimes"},
                {"CONFIG", "SET", "appendfsync", "always"},
                {"CONFIG", "SET", "appendfilename", "x.aof"},
                {"CONFIG", "SET", "auto-aof-rewrite-min-size", "1gb"},
                {"CONFIG", "SET", "aof-disable-auto-gc", "yes"},
            }) {
                assertEquals(theirs.call(cmd).visible(), ours.call(cmd).visible(), String.join(" ", cmd));
            }
            for (String pattern : new String[] {"app*", "aof*", "auto-aof*", "no-appendfsync-on-rewrite", "*protected*"}) {
                assertEquals(pairs(theirs.call("CONFIG", "GET", pattern)), pairs(ours.call("CONFIG", "GET", pattern)), pattern);
            }
        }
        try (ServerUnderTest.Running s = ServerUnderTest.startDedicated(config(), "--save", "", "--dir", d.toString(),
                     "--enable-protected-configs", "yes");
             AofFiles.Redis ref = new AofFiles.Redis(dir("allowed-ref"), "--enable-protected-configs", "yes");
             RawConnection ours = s.endpoint().connect();
             RawConnection theirs = ref.endpoint.connect()) {
            for (String[] cmd : new String[][] {
                {"CONFIG", "SET", "dbfilename", "a/b.rdb"},
                {"CONFIG", "SET", "dbfilename", "other.rdb"},
                {"CONFIG", "GET", "dbfilename"},
                {"CONFIG", "SET", "dir", tmp.resolve("no-such-dir").toString()},
                {"CONFIG", "SET", "dir", d.toString()},
            }) {
                assertEquals(theirs.call(cmd).visible(), ours.call(cmd).visible(), String.join(" ", cmd));
            }
        }
    }
}
