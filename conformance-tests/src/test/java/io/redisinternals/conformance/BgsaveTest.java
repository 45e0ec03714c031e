package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * BGSAVE without fork: the file holds exactly the dataset as of the BGSAVE while clients keep
 * changing every type meanwhile (rdb-key-save-delay keeps it running); a kill -9 during it leaves
 * the previous file as it was; -LOADING and INFO's loading fields during a slow load; MISCONF after
 * a failed BGSAVE and its end after a good save; SHUTDOWN SAVE / NOSAVE and a failed final save.
 */
class BgsaveTest {

    private static void populate(RawConnection c, int n) {
        RdbDataset.write(c);
        for (int i = 0; i < n; i++) {
            c.call("SET", "k" + i, "v" + i);
            c.call("RPUSH", "list" + i, "a" + i, "b", "c");
            c.call("HSET", "hash" + i, "f", "v" + i);
            c.call("SADD", "set" + i, "m" + i, "n");
            c.call("ZADD", "zset" + i, Integer.toString(i), "z");
            if (i % 3 == 0) {
                c.call("PEXPIRE", "k" + i, Long.toString(100_000_000L + i));
            }
        }
    }

    /** Changes every kind of key: in place, replaced, deleted, TTL set and removed, renamed, new keys, another db, a FLUSHDB and a SWAPDB. */
    private static void mutate(RawConnection c, int n) {
        for (int i = 0; i < n; i++) {
            switch (i % 10) {
                case 0 -> c.call("APPEND", "k" + i, "-more");
                case 1 -> c.call("DEL", "list" + i);
                case 2 -> c.call("HSET", "hash" + i, "f", "changed", "g", "new");
                case 3 -> c.call("PERSIST", "k" + i);
                case 4 -> c.call("PEXPIRE", "set" + i, "5000000");
                case 5 -> c.call("ZINCRBY", "zset" + i, "10", "z");
                case 6 -> c.call("RENAME", "k" + i, "renamed" + i);
                case 7 -> c.call("SET", "brandnew" + i, "x");
                case 8 -> c.call("LPUSH", "list" + i, "front");
                default -> c.call("SREM", "set" + i, "n");
            }
        }
        c.call("SET", "k1", "overwritten");
        c.call("INCR", "s:int");
        c.call("SELECT", "5");
        c.call("SET", "db5:key", "changed in 5");
        c.call("SWAPDB", "5", "6");
        c.call("SELECT", "0");
        c.call("FUNCTION", "FLUSH");
    }

    @Test
    void bgsaveFileIsThePointInTimeStateWhileClientsWrite() {
        Path dir = ServerDirs.newDir("bgsave");
        int n = 300;
        Map<String, String> atBgsave;
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir); RawConnection c = s.endpoint().connect()) {
            populate(c, n);
            atBgsave = RdbDataset.read(c);
            // about 3 ms per key walked: the writes below land while most keys are not saved yet
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "rdb-key-save-delay", "3000").rawText());
            assertEquals("+Background saving started\r\n", c.call("BGSAVE").rawText());
            assertEquals("-ERR Background save already in progress\r\n", c.call("BGSAVE").rawText());
            assertEquals("-ERR Background save already in progress\r\n", c.call("SAVE").rawText());
            mutate(c, n);
            // the walk must still be running, or the test proved nothing
            assertEquals(1, c.infoLong("rdb_bgsave_in_progress"));
            assertTrue(c.infoLong("current_save_keys_total") >= n * 5L);
            Map<String, String> afterWrites = RdbDataset.read(c);
            assertTrue(!afterWrites.equals(atBgsave));
            c.call("FLUSHDB");
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "rdb-key-save-delay", "0").rawText());
            RdbFilesTest.awaitBgsaveDone(c);
            assertEquals("ok", info(c, "rdb_last_bgsave_status"));
        }
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir); RawConnection c = s.endpoint().connect()) {
            assertEquals(atBgsave, RdbDataset.read(c));
        }
    }

    @Test
    void killDuringBgsaveLeavesThePreviousFile() throws Exception {
        Path dir = ServerDirs.newDir("bgsave-kill");
        byte[] previous;
        try (ServerProcess p = ServerProcess.start(RdbFilesTest.config(), List.of(), "--dir", dir.toString());
             RawConnection c = p.endpoint().connect()) {
            populate(c, 200);
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
            previous = Files.readAllBytes(dir.resolve("dump.rdb"));
            c.call("SET", "after", "the save");
            c.call("CONFIG", "SET", "rdb-key-save-delay", "2000");
            assertEquals("+Background saving started\r\n", c.call("BGSAVE").rawText());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (c.infoLong("current_save_keys_processed") < 50 && System.nanoTime() < deadline) {
                Differential.pause(10);
            }
            assertEquals(1, c.infoLong("rdb_bgsave_in_progress"));
            p.process().destroyForcibly(); // SIGKILL
            assertTrue(p.awaitExit(Duration.ofSeconds(20)));
        }
        assertArrayEquals(previous, Files.readAllBytes(dir.resolve("dump.rdb")));
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir); RawConnection c = s.endpoint().connect()) {
            assertEquals(null, c.call("GET", "after").text());
            assertEquals("v7", c.call("GET", "k7").text());
        }
    }

    @Test
    void slowLoadAnswersLoadingAndReportsProgress() throws Exception {
        Path dir = ServerDirs.newDir("loading");
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir); RawConnection c = s.endpoint().connect()) {
            for (int i = 0; i < 300; i++) {
                c.call("SET", "k" + i, "v" + i);
            }
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
        }
        int port = ServerProcess.freePort();
        java.util.concurrent.CompletableFuture<ServerUnderTest.Running> started = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> RdbFilesTest.ours(dir, "--port", Integer.toString(port), "--key-load-delay", "10000"));
        Endpoint ep = new Endpoint("loading", "127.0.0.1", port);
        RawConnection c = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (c == null) {
            try {
                c = ep.connect();
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Differential.pause(10);
            }
        }
        try (RawConnection conn = c; ServerUnderTest.Running s = null) {
            assertEquals("-LOADING Redis is loading the dataset in memory\r\n", conn.call("GET", "k1").rawText());
            String info = conn.call("INFO", "persistence").text();
            assertTrue(info.contains("loading:1\r\n"), info);
            for (String f : List.of("loading_start_time:", "loading_total_bytes:", "loading_rdb_used_mem:",
                    "loading_loaded_bytes:", "loading_loaded_perc:", "loading_eta_seconds:")) {
                assertTrue(info.contains("\r\n" + f), f + " missing in " + info);
            }
            try (ServerUnderTest.Running done = started.get()) {
                assertEquals("v1", conn.call("GET", "k1").text());
                assertEquals(0, conn.infoLong("loading"));
                assertEquals(300, conn.infoLong("rdb_last_load_keys_loaded"));
            }
        }
    }

    @Test
    void failedBgsaveStopsWritesUntilASaveSucceeds() throws Exception {
        Path parent = ServerDirs.newDir("misconf");
        Path dir = Files.createDirectory(parent.resolve("data"));
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir, "--save", "3600 1"); RawConnection c = s.endpoint().connect()) {
            c.call("SET", "a", "1");
            ServerDirs.deleteTree(dir); // (the tests may run as root: a missing directory fails for everyone)
            Reply started = c.call("BGSAVE");
            if (started.isError()) {
                assertEquals("-ERR\r\n", started.rawText());
            } else {
                RdbFilesTest.awaitBgsaveDone(c);
            }
            assertEquals("err", info(c, "rdb_last_bgsave_status"));
            assertEquals("-MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk."
                    + " Commands that may modify the data set are disabled, because this instance is configured to report"
                    + " errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check"
                    + " the Redis logs for details about the RDB error.\r\n", c.call("SET", "b", "2").rawText());
            assertEquals("1", c.call("GET", "a").text());
            // a failed final save cancels SHUTDOWN
            assertEquals("-ERR Errors trying to SHUTDOWN. Check logs.\r\n", c.call("SHUTDOWN").rawText());
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "no").rawText());
            assertEquals("+OK\r\n", c.call("SET", "b", "2").rawText());
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes").rawText());
            Files.createDirectory(dir);
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
            assertEquals("+OK\r\n", c.call("SET", "c", "3").rawText());
            assertEquals("ok", info(c, "rdb_last_bgsave_status"));
        }
    }

    @Test
    void shutdownSaveAndNosave() throws Exception {
        Path dir = ServerDirs.newDir("shutdown");
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir, "--save", ""); RawConnection c = s.endpoint().connect()) {
            c.call("SET", "a", "1");
            c.send(Bytes.command("SHUTDOWN", "SAVE")).readUntilClosed();
            s.server().awaitTermination();
        }
        assertTrue(Files.exists(dir.resolve("dump.rdb")));
        byte[] saved = Files.readAllBytes(dir.resolve("dump.rdb"));
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir, "--save", "3600 1"); RawConnection c = s.endpoint().connect()) {
            assertEquals("1", c.call("GET", "a").text());
            assertEquals(0, c.infoLong("rdb_changes_since_last_save"));
            c.call("SET", "b", "2");
            assertEquals(1, c.infoLong("rdb_changes_since_last_save"));
            c.send(Bytes.command("SHUTDOWN", "NOSAVE")).readUntilClosed();
            s.server().awaitTermination();
        }
        assertArrayEquals(saved, Files.readAllBytes(dir.resolve("dump.rdb")));
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir, "--save", "3600 1"); RawConnection c = s.endpoint().connect()) {
            c.call("SET", "b", "2");
            c.send(Bytes.command("SHUTDOWN")).readUntilClosed(); // save points exist: the final save
            s.server().awaitTermination();
        }
        try (ServerUnderTest.Running s = RdbFilesTest.ours(dir); RawConnection c = s.endpoint().connect()) {
            assertEquals("2", c.call("GET", "b").text());
            long last = c.call("LASTSAVE").rawText().charAt(0) == ':' ? Long.parseLong(c.call("LASTSAVE").text()) : -1;
            assertTrue(last > 0);
        }
    }

    static String info(RawConnection c, String field) {
        for (String line : c.call("INFO", "persistence").text().split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field);
    }
}
