package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AOF rewrite in the background, side by side with redis-server 7.0.15 (whose rewrite runs in
 * a forked child): {@code rdb-key-save-delay} (which both apply to the rewrite, per key) keeps it
 * running while clients are served, write every kind of change, and try SAVE, DEBUG RELOAD,
 * BGSAVE and BGREWRITEAOF; the replies are the same, and the directory left behind loads, in ours and in
 * redis-server, to exactly the final dataset.
 */
class AofBackgroundRewriteTest {

    /** Per key, in microseconds: ~170 keys make a rewrite of about 3.5 s on either server. */
    private static final String DELAY = "20000";

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

    /** Every type in three databases, with and without expiries. */
    private static void populate(RawConnection c) {
        for (int db = 0; db < 3; db++) {
            c.call("SELECT", Integer.toString(db));
            for (int i = 0; i < 50; i++) {
                c.call("SET", "s" + i, "v" + i + "-" + db);
            }
            for (int i = 0; i < 150; i++) {
                c.call("RPUSH", "list", "e" + i);
                c.call("SADD", "set", "m" + i);
                c.call("SADD", "intset", Integer.toString(i * 7));
                c.call("ZADD", "zset", Double.toString(i * 1.25), "z" + i);
                c.call("HSET", "hash", "f" + i, "v" + i);
            }
            c.call("HSET", "small", "a", "1");
            c.call("PEXPIREAT", "s1", "4000000000123");
            c.call("PEXPIREAT", "list", "4000000000456");
        }
        c.call("SELECT", "0");
    }

    /** The commands sent while the rewrite runs: scheduling replies, SAVE, and writes of every kind. */
    private static final String[][] DURING = {
        {"PING"},
        {"BGREWRITEAOF"},
        {"BGSAVE"},
        {"CONFIG", "SET", "rdb-key-save-delay", "0"}, // SAVE without it (a running rewrite keeps the delay it began with)
        {"SAVE"},
        {"DEBUG", "RELOAD"}, // saves, empties and loads the dataset under the rewrite's feet
        {"CONFIG", "SET", "rdb-key-save-delay", DELAY},
        {"SET", "s2", "replaced"},
        {"APPEND", "s3", "-more"},
        {"SET", "new", "created-during"},
        {"PEXPIREAT", "s4", "4000000000789"},
        {"PERSIST", "s1"},
        {"DEL", "s5"},
        {"RENAME", "s6", "s6-renamed"},
        {"LPOP", "list"},
        {"LSET", "list", "3", "changed"},
        {"RPUSH", "list", "tail"},
        {"SREM", "set", "m3"},
        {"SADD", "intset", "100000"},
        {"ZINCRBY", "zset", "2.5", "z9"},
        {"ZREM", "zset", "z1"},
        {"HDEL", "hash", "f7"},
        {"HINCRBY", "hash", "counter", "5"},
        {"MOVE", "s7", "2"},
        {"SELECT", "1"},
        {"FLUSHDB"},
        {"SET", "after-flush", "1"},
        {"SWAPDB", "0", "2"},
        {"SELECT", "2"},
        {"SET", "s8", "written-after-swap"},
        {"SELECT", "0"},
        {"BGSAVE", "SCHEDULE"},
        {"PING"},
    };

    private static List<String> duringRewrite(RawConnection c) {
        List<String> replies = new ArrayList<>();
        replies.add(c.call("BGREWRITEAOF").visible());
        for (String[] cmd : DURING) {
            replies.add(String.join(" ", cmd) + " -> " + c.call(cmd).visible());
        }
        for (String field : List.of("aof_rewrite_in_progress", "rdb_bgsave_in_progress", "aof_rewrite_scheduled")) {
            replies.add(field + "=" + c.infoLong(field)); // still running: every write above came during it
        }
        return replies;
    }

    /**
     * Until no background job runs or waits. The three fields come from one INFO reply: read one by
     * one, a scheduled rewrite that the cron starts between the reads looks like neither running
     * nor scheduled.
     */
    private static void awaitIdle(RawConnection c) {
        String busy = null;
        for (int i = 0; i < 600; i++) {
            String info = c.call("INFO", "persistence").text();
            busy = null;
            for (String field : List.of("aof_rewrite_in_progress", "rdb_bgsave_in_progress", "aof_rewrite_scheduled")) {
                if (!info.contains("\r\n" + field + ":0\r\n")) {
                    busy = field;
                }
            }
            if (busy == null) {
                return;
            }
            AofFiles.sleep(50);
        }
        assertEquals(null, busy, "still busy after 30 s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no"})
    void aRewriteUnderWritesOfEveryKindLoadsToTheFinalState(String preamble) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("ours-" + preamble));
        List<String> ourReplies;
        String expected;
        try (ServerUnderTest.Running s = ours(d, "--aof-use-rdb-preamble", preamble, "--rdb-key-save-delay", DELAY,
                "--enable-debug-command", "yes");
             RawConnection c = s.endpoint().connect()) {
            populate(c);
            ourReplies = duringRewrite(c);
            awaitIdle(c);
            assertEquals(1, c.infoLong("aof_rewrites"));
            assertEquals(0, c.infoLong("aof_rewrites_consecutive_failures"));
            assertTrue(c.call("INFO", "persistence").text().contains("aof_last_bgrewrite_status:ok"));
            expected = AofFiles.dump(s.endpoint());
        }
        List<String> refReplies;
        try (AofFiles.Redis ref = new AofFiles.Redis(Files.createDirectories(tmp.resolve("ref-" + preamble)), "--appendonly", "yes",
                "--aof-use-rdb-preamble", preamble, "--rdb-key-save-delay", DELAY, "--enable-debug-command", "yes");
             RawConnection c = ref.endpoint.connect()) {
            populate(c);
            refReplies = duringRewrite(c);
            awaitIdle(c);
        }
        assertEquals(refReplies, ourReplies);
        assertTrue(ourReplies.contains("aof_rewrite_in_progress=1"), ourReplies.toString());

        Path aofDir = d.resolve("appendonlydir");
        assertEquals("file appendonly.aof.2.base." + (preamble.equals("yes") ? "rdb" : "aof") + " seq 2 type b\n"
                + "file appendonly.aof.2.incr.aof seq 2 type i\n", Files.readString(aofDir.resolve("appendonly.aof.manifest")));
        try (Stream<Path> files = Files.list(aofDir)) {
            assertEquals(List.of("appendonly.aof.2.base." + (preamble.equals("yes") ? "rdb" : "aof"), "appendonly.aof.2.incr.aof",
                    "appendonly.aof.manifest"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String check = AofFiles.checkAof(aofDir.resolve("appendonly.aof.manifest"));
        assertTrue(check.startsWith("0\n") && check.contains("All AOF files and manifest are valid"), check);
        Path copy = tmp.resolve("copy-" + preamble);
        AofFiles.copyDir(d, copy);
        try (ServerUnderTest.Running s = ours(d)) {
            assertEquals(expected, AofFiles.dump(s.endpoint()));
        }
        try (AofFiles.Redis ref = new AofFiles.Redis(copy, "--appendonly", "yes")) {
            assertEquals(expected, AofFiles.dump(ref.endpoint), ref.log());
        }
    }

    /** BGREWRITEAOF while a BGSAVE runs is scheduled and starts once the BGSAVE is over, as Redis's. */
    @ParameterizedTest
    @ValueSource(strings = {"bgsave-first"})
    void aRewriteAskedDuringABgsaveIsScheduled(String name) throws Exception {
        List<List<String>> both = new ArrayList<>();
        try (ServerUnderTest.Running s = ours(Files.createDirectories(tmp.resolve("o-" + name)), "--rdb-key-save-delay", DELAY);
             AofFiles.Redis ref = new AofFiles.Redis(Files.createDirectories(tmp.resolve("r-" + name)), "--appendonly", "yes",
                     "--rdb-key-save-delay", DELAY)) {
            for (Endpoint ep : List.of(s.endpoint(), ref.endpoint)) {
                try (RawConnection c = ep.connect()) {
                    populate(c);
                    List<String> replies = new ArrayList<>();
                    for (String[] cmd : new String[][] {{"BGSAVE"}, {"BGREWRITEAOF"}, {"BGREWRITEAOF"}, {"SET", "k", "v"}}) {
                        replies.add(String.join(" ", cmd) + " -> " + c.call(cmd).visible());
                    }
                    for (String field : List.of("rdb_bgsave_in_progress", "aof_rewrite_in_progress", "aof_rewrite_scheduled")) {
                        replies.add(field + "=" + c.infoLong(field));
                    }
                    awaitIdle(c);
                    replies.add("aof_rewrites=" + c.infoLong("aof_rewrites"));
                    both.add(replies);
                }
            }
        }
        assertEquals(both.get(1), both.get(0));
        assertTrue(both.get(0).contains("aof_rewrite_scheduled=1"), both.get(0).toString());
    }

    /** CONFIG SET appendonly no kills a running rewrite (its temp files go, no failure is counted); SHUTDOWN too. */
    @ParameterizedTest
    @ValueSource(strings = {"yes", "no"})
    void appendonlyNoCancelsARunningRewrite(String preamble) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("cancel-" + preamble));
        List<List<String>> both = new ArrayList<>();
        try (ServerUnderTest.Running s = ours(d, "--aof-use-rdb-preamble", preamble, "--rdb-key-save-delay", DELAY);
             AofFiles.Redis ref = new AofFiles.Redis(Files.createDirectories(tmp.resolve("cancel-ref-" + preamble)),
                     "--appendonly", "yes", "--aof-use-rdb-preamble", preamble, "--rdb-key-save-delay", DELAY)) {
            for (Endpoint ep : List.of(s.endpoint(), ref.endpoint)) {
                try (RawConnection c = ep.connect()) {
                    populate(c);
                    List<String> replies = new ArrayList<>();
                    replies.add(c.call("BGREWRITEAOF").visible());
                    replies.add("in_progress=" + c.infoLong("aof_rewrite_in_progress"));
                    replies.add(c.call("CONFIG", "SET", "appendonly", "no").visible());
                    for (String field : List.of("aof_enabled", "aof_rewrite_in_progress", "aof_rewrites_consecutive_failures")) {
                        replies.add(field + "=" + c.infoLong(field));
                    }
                    both.add(replies);
                }
            }
        }
        assertEquals(both.get(1), both.get(0));
        try (Stream<Path> files = Files.list(d.resolve("appendonlydir"))) {
            List<String> temps = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("temp-")).toList();
            assertEquals(List.of(), temps);
        }
    }

    /**
     * appendonly yes while a BGSAVE runs: the initial rewrite is scheduled, starts after the
     * BGSAVE, and the writes made while it runs (a temp incremental file, as Redis 7.0's) end up in
     * the first incremental file: the directory loads to the final state in both servers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"yes", "no"})
    void appendonlyTurnedOnDuringABgsaveWritesTheInitialAofInTheBackground(String preamble) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("on-" + preamble));
        List<List<String>> both = new ArrayList<>();
        String expected = null;
        try (ServerUnderTest.Running s = ServerUnderTest.startDedicated(config(), "--save", "", "--dir", d.toString(),
                "--aof-use-rdb-preamble", preamble, "--rdb-key-save-delay", DELAY);
             AofFiles.Redis ref = new AofFiles.Redis(Files.createDirectories(tmp.resolve("on-ref-" + preamble)),
                     "--aof-use-rdb-preamble", preamble, "--rdb-key-save-delay", DELAY)) {
            for (Endpoint ep : List.of(s.endpoint(), ref.endpoint)) {
                try (RawConnection c = ep.connect()) {
                    populate(c);
                    List<String> replies = new ArrayList<>();
                    replies.add(c.call("BGSAVE").visible());
                    replies.add(c.call("CONFIG", "SET", "appendonly", "yes").visible());
                    c.call("SET", "before-rewrite", "1"); // part of the base: the snapshot begins after the BGSAVE
                    for (String field : List.of("aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled")) {
                        replies.add(field + "=" + c.infoLong(field));
                    }
                    for (int i = 0; i < 600 && c.infoLong("aof_rewrite_in_progress") == 0; i++) {
                        AofFiles.sleep(20);
                    }
                    for (String[] cmd : new String[][] {{"SET", "during", "1"}, {"DEL", "s9"}, {"RPUSH", "list", "during"},
                            {"HSET", "hash", "during", "1"}, {"SELECT", "2"}, {"SADD", "set", "during"}, {"SELECT", "0"}}) {
                        replies.add(String.join(" ", cmd) + " -> " + c.call(cmd).visible());
                    }
                    replies.add("aof_rewrite_in_progress=" + c.infoLong("aof_rewrite_in_progress"));
                    awaitIdle(c);
                    replies.add("aof_enabled=" + c.infoLong("aof_enabled"));
                    c.call("SET", "after", "1");
                    both.add(replies);
                }
                if (expected == null) {
                    expected = AofFiles.dump(ep);
                }
            }
        }
        assertEquals(both.get(1), both.get(0));
        assertTrue(both.get(0).contains("aof_rewrite_in_progress=1"), both.get(0).toString());
        assertTrue(expected.contains("during") && expected.contains("after"), expected);
        assertEquals("file appendonly.aof.1.base." + (preamble.equals("yes") ? "rdb" : "aof") + " seq 1 type b\n"
                + "file appendonly.aof.1.incr.aof seq 1 type i\n", Files.readString(d.resolve("appendonlydir/appendonly.aof.manifest")));
        Path copy = tmp.resolve("on-copy-" + preamble);
        AofFiles.copyDir(d, copy);
        try (ServerUnderTest.Running s = ours(d)) {
            assertEquals(expected, AofFiles.dump(s.endpoint()));
        }
        try (AofFiles.Redis ref = new AofFiles.Redis(copy, "--appendonly", "yes")) {
            assertEquals(expected, AofFiles.dump(ref.endpoint), ref.log());
        }
    }

    /**
     * A rewrite whose base cannot be put in place (its temp name taken by a non-empty directory)
     * fails: the previous manifest's files stay loadable, the failure is counted as Redis counts
     * it, and the next rewrite succeeds and resets the count.
     */
    @ParameterizedTest
    @ValueSource(strings = {"yes", "no"})
    void aFailedRewriteLeavesThePreviousManifestInForceAndIsCounted(String preamble) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("fail-" + preamble));
        String expected;
        try (ServerUnderTest.Running s = ours(d, "--aof-use-rdb-preamble", preamble); RawConnection c = s.endpoint().connect()) {
            populate(c);
            String pid = null;
            for (String line : c.call("INFO", "server").text().split("\r\n")) {
                if (line.startsWith("process_id:")) {
                    pid = line.substring("process_id:".length());
                }
            }
            Path blocker = d.resolve("appendonlydir/temp-rewriteaof-bg-" + pid + ".aof");
            Files.createDirectories(blocker);
            Files.writeString(blocker.resolve("x"), "x");
            assertEquals("Background append only file rewriting started", c.call("BGREWRITEAOF").text());
            awaitIdle(c);
            c.call("SET", "after-failure", "1");
            String info = c.call("INFO", "persistence").text();
            assertTrue(info.contains("aof_last_bgrewrite_status:err") && info.contains("aof_rewrites_consecutive_failures:1"), info);
            expected = AofFiles.dump(s.endpoint());
            Path copy = tmp.resolve("fail-loaded-" + preamble);
            AofFiles.copyDir(d, copy);
            Files.delete(copy.resolve("appendonlydir/temp-rewriteaof-bg-" + pid + ".aof/x"));
            Files.delete(copy.resolve("appendonlydir/temp-rewriteaof-bg-" + pid + ".aof"));
            try (AofFiles.Redis ref = new AofFiles.Redis(copy, "--appendonly", "yes")) {
                assertEquals(expected, AofFiles.dump(ref.endpoint), ref.log());
            }
            Files.delete(blocker.resolve("x"));
            Files.delete(blocker);
            c.call("BGREWRITEAOF");
            awaitIdle(c);
            info = c.call("INFO", "persistence").text();
            assertTrue(info.contains("aof_last_bgrewrite_status:ok") && info.contains("aof_rewrites_consecutive_failures:0"), info);
            assertEquals(expected, AofFiles.dump(s.endpoint()));
        }
        try (ServerUnderTest.Running s = ours(d)) {
            assertEquals(expected, AofFiles.dump(s.endpoint()));
        }
    }

    /**
     * A rewrite that cannot open its new incremental file (its name taken by a directory) is
     * refused at once with Redis's error, side by side with redis-server: aof_last_bgrewrite_status
     * err, counted neither as a rewrite nor as a consecutive failure, writes still go to the old
     * file, and the next BGREWRITEAOF starts. (It replied "started" and failed later before.)
     */
    @Test
    void aRewriteThatCannotStartIsRefusedAsByRedis() throws Exception {
        Path theirs = Files.createDirectories(tmp.resolve("nostart-theirs"));
        Path mine = Files.createDirectories(tmp.resolve("nostart-ours"));
        List<String> expected;
        try (AofFiles.Redis ref = new AofFiles.Redis(theirs, "--appendonly", "yes")) {
            expected = refusedStart(ref.endpoint, theirs);
        }
        assertEquals("-ERR Can't execute an AOF background rewriting. Please check the server logs for more information.\\r\\n",
                expected.get(1), expected.toString());
        try (ServerUnderTest.Running s = ours(mine)) {
            assertEquals(expected, refusedStart(s.endpoint(), mine));
        }
    }

    /**
     * CONFIG SET appendonly yes whose rewrite cannot open the temp incremental file (its name taken
     * by a directory) fails with Redis's CONFIG SET error and leaves the AOF off, side by side with
     * redis-server; once the name is free it turns on. (It replied OK, reported appendonly yes
     * with aof_enabled:0, and removed the directory before.)
     */
    @Test
    void appendonlyYesThatCannotStartFailsAsRedis() throws Exception {
        Path theirs = Files.createDirectories(tmp.resolve("on-nostart-theirs"));
        Path mine = Files.createDirectories(tmp.resolve("on-nostart-ours"));
        List<String> expected;
        try (AofFiles.Redis ref = new AofFiles.Redis(theirs)) {
            expected = refusedAppendonly(ref.endpoint, theirs);
        }
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable to turn on AOF. "
                + "Check server logs.\\r\\n", expected.get(1), expected.toString());
        try (ServerUnderTest.Running s = ServerUnderTest.startDedicated(config(), "--save", "", "--dir", mine.toString())) {
            assertEquals(expected, refusedAppendonly(s.endpoint(), mine));
        }
    }

    /**
     * Redis's aofRewriteLimited, side by side with redis-server: automatic rewrites that fail to
     * finish (the new base's name taken by a non-empty directory) stop after three consecutive
     * failures, logged, for a minute, while BGREWRITEAOF still starts one at once. (Ours retried on
     * every cron tick, an incremental file per attempt.)
     */
    @Test
    void repeatedlyFailingAutomaticRewritesAreLimitedAsByRedis() throws Exception {
        String limit = "Background AOF rewrite has repeatedly failed and triggered the limit, will retry in 1 minutes";
        String[] auto = {"--appendonly", "yes", "--auto-aof-rewrite-percentage", "1", "--auto-aof-rewrite-min-size", "0"};
        Path theirs = Files.createDirectories(tmp.resolve("limit-theirs"));
        Path mine = Files.createDirectories(tmp.resolve("limit-ours"));
        List<String> expected;
        try (AofFiles.Redis ref = new AofFiles.Redis(theirs, auto)) {
            expected = limitedRewrites(ref.endpoint, theirs);
            assertTrue(ref.log().contains(limit), ref.log());
        }
        assertTrue(expected.contains("aof_rewrites=3"), expected.toString());
        List<String> args = new ArrayList<>(List.of("--save", "", "--dir", mine.toString()));
        args.addAll(List.of(auto));
        try (ServerProcess s = ServerProcess.start(config(), List.of(), args.toArray(String[]::new))) {
            assertEquals(expected, limitedRewrites(s.endpoint(), mine));
            assertTrue(s.log().contains(limit), s.log());
        }
    }

    private static List<String> limitedRewrites(Endpoint ep, Path dir) throws Exception {
        List<String> seen = new ArrayList<>();
        try (RawConnection c = ep.connect()) {
            Path taken = Files.createDirectories(dir.resolve("appendonlydir/appendonly.aof.2.base.rdb"));
            Files.writeString(taken.resolve("x"), "x");
            c.call("SET", "a", "1"); // the AOF grows past 1% of its base: the cron rewrites
            for (int i = 0; i < 600 && c.infoLong("aof_rewrites_consecutive_failures") < 3; i++) {
                AofFiles.sleep(50);
            }
            AofFiles.sleep(1500); // fifteen cron ticks: a fourth attempt would have started
            addInfo(seen, c, "aof_rewrite_in_progress", "aof_last_bgrewrite_status", "aof_rewrites",
                    "aof_rewrites_consecutive_failures");
            Files.delete(taken.resolve("x"));
            Files.delete(taken);
            seen.add(c.call("BGREWRITEAOF").visible());
            awaitIdle(c);
            addInfo(seen, c, "aof_last_bgrewrite_status", "aof_rewrites", "aof_rewrites_consecutive_failures");
            seen.add(AofFiles.dump(ep));
        }
        return seen;
    }

    private static List<String> refusedAppendonly(Endpoint ep, Path dir) throws Exception {
        List<String> seen = new ArrayList<>();
        try (RawConnection c = ep.connect()) {
            seen.add(c.call("SET", "a", "1").visible());
            Path taken = Files.createDirectories(dir.resolve("appendonlydir/temp-appendonly.aof.incr"));
            seen.add(c.call("CONFIG", "SET", "appendonly", "yes").visible());
            addInfo(seen, c, "aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled",
                    "aof_last_bgrewrite_status", "aof_rewrites", "aof_rewrites_consecutive_failures");
            seen.add(c.call("CONFIG", "GET", "appendonly").visible());
            seen.add("still there=" + Files.isDirectory(taken));
            Files.delete(taken);
            seen.add(c.call("CONFIG", "SET", "appendonly", "yes").visible());
            seen.add(c.call("SET", "b", "2").visible());
            awaitIdle(c);
            addInfo(seen, c, "aof_enabled", "aof_last_bgrewrite_status");
            seen.add(AofFiles.dump(ep));
        }
        return seen;
    }

    private static List<String> refusedStart(Endpoint ep, Path dir) throws Exception {
        List<String> seen = new ArrayList<>();
        try (RawConnection c = ep.connect()) {
            seen.add(c.call("SET", "a", "1").visible());
            Path taken = dir.resolve("appendonlydir/appendonly.aof.2.incr.aof");
            Files.createDirectories(taken);
            seen.add(c.call("BGREWRITEAOF").visible());
            addInfo(seen, c, "aof_rewrite_in_progress", "aof_last_bgrewrite_status", "aof_rewrites",
                    "aof_rewrites_consecutive_failures");
            seen.add(c.call("SET", "b", "2").visible());
            Files.delete(taken);
            seen.add(c.call("BGREWRITEAOF").visible());
            awaitIdle(c);
            addInfo(seen, c, "aof_last_bgrewrite_status");
            seen.add(AofFiles.dump(ep));
        }
        return seen;
    }

    /** Appends {@code field=value} for each INFO field, as the side-by-side lists compare them. */
    private static void addInfo(List<String> seen, RawConnection c, String... fields) {
        for (String field : fields) {
            seen.add(field + "=" + c.info(field));
        }
    }
}
