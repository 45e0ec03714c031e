package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * RDB files both ways with redis-server 7.0.15: our SAVE loaded by our restart, by redis-server and
 * accepted by redis-check-rdb; redis-server's SAVE loaded by us; every type, encoding, TTL, two
 * databases and a function library, compared key by key without DUMP ({@link RdbDataset}). Then
 * what a file must never do: load wrong data after a flipped byte or a truncation.
 * Persistence does not depend on the transport: one configuration runs it.
 */
class RdbFilesTest {

    static String config() {
        return ServerUnderTest.configurations().findFirst().orElseThrow();
    }

    static ServerUnderTest.Running ours(Path dir, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--dir", dir.toString(), "--enable-debug-command", "yes"));
        args.addAll(List.of(extra));
        return ServerUnderTest.startDedicated(config(), args.toArray(String[]::new));
    }

    static ReferenceRedis.Instance reference(Path dir) {
        return ReferenceRedis.startDedicated("--dir", dir.toString());
    }

    @Test
    void ourSaveLoadsInOurServerInRedisServerAndPassesRedisCheckRdb() throws Exception {
        Path dir = ServerDirs.newDir("rdb-ours");
        Map<String, String> before;
        try (ServerUnderTest.Running s = ours(dir); RawConnection c = s.endpoint().connect()) {
            RdbDataset.write(c);
            before = RdbDataset.read(c);
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
        }
        Tools.Result check = Tools.run(List.of(Tools.require("redis-check-rdb").toString(), dir.resolve("dump.rdb").toString()),
                null, 60);
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("RDB looks OK"), check.output());
        assertTrue(check.output().contains("[info] " + (before.size() - 1) + " keys read"), check.output());
        try (ServerUnderTest.Running s = ours(dir); RawConnection c = s.endpoint().connect()) {
            assertEquals(before, RdbDataset.read(c));
            assertEquals(before.size() - 1, c.infoLong("rdb_last_load_keys_loaded"));
        }
        try (ReferenceRedis.Instance ref = reference(dir); RawConnection c = ref.endpoint().connect()) {
            assertEquals(before, RdbDataset.read(c));
        }
    }

    @Test
    void redisServerSaveLoadsInOurServer() {
        Path dir = ServerDirs.newDir("rdb-ref");
        Map<String, String> before;
        try (ReferenceRedis.Instance ref = reference(dir); RawConnection c = ref.endpoint().connect()) {
            RdbDataset.write(c);
            before = RdbDataset.read(c);
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
        }
        try (ServerUnderTest.Running s = ours(dir); RawConnection c = s.endpoint().connect()) {
            assertEquals(before, RdbDataset.read(c));
        }
    }

    /** Every single-byte flip is refused (CRC or format), never loaded as other data; so is every truncation. */
    @Test
    void flippedAndTruncatedFilesFailToLoad() throws Exception {
        Path dir = ServerDirs.newDir("rdb-flips");
        byte[] good;
        try (ServerUnderTest.Running s = ours(dir); RawConnection c = s.endpoint().connect()) {
            c.call("SET", "a", "1");
            c.call("SET", "b", "x".repeat(100));
            c.call("HSET", "h", "f", "v");
            c.call("ZADD", "z", "1", "m");
            c.call("SADD", "s", "1", "2");
            c.call("RPUSH", "l", "a", "b");
            c.call("PEXPIRE", "a", "99999999");
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
            good = Files.readAllBytes(dir.resolve("dump.rdb"));
            Map<String, String> expected = RdbDataset.read(c);
            for (int offset = 0; offset < good.length; offset++) {
                for (int bit : new int[] {0x01, 0x80}) {
                    byte[] bad = good.clone();
                    bad[offset] ^= (byte) bit;
                    Files.write(dir.resolve("dump.rdb"), bad);
                    Reply r = c.call("DEBUG", "RELOAD", "NOSAVE");
                    assertEquals("-ERR Error trying to load the RDB dump\r\n", r.rawText(),
                            "flip of bit " + bit + " at offset " + offset + " of " + good.length + " was loaded");
                }
            }
            for (int len = 0; len < good.length; len++) {
                Files.write(dir.resolve("dump.rdb"), java.util.Arrays.copyOf(good, len));
                assertEquals("-ERR Error trying to load the RDB dump\r\n", c.call("DEBUG", "RELOAD", "NOSAVE").rawText(),
                        "truncation to " + len + " bytes was loaded");
            }
            Files.write(dir.resolve("dump.rdb"), good);
            assertEquals("+OK\r\n", c.call("DEBUG", "RELOAD", "NOSAVE").rawText());
            assertEquals(expected, RdbDataset.read(c));
        }
    }

    @Test
    void corruptFileRefusesToStartNamingTheOffset() throws Exception {
        Path dir = ServerDirs.newDir("rdb-corrupt");
        try (ServerUnderTest.Running s = ours(dir); RawConnection c = s.endpoint().connect()) {
            c.call("SET", "a", "1");
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
        }
        byte[] b = Files.readAllBytes(dir.resolve("dump.rdb"));
        b[b.length - 3] ^= 1;
        Files.write(dir.resolve("dump.rdb"), b);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> ours(dir));
        assertTrue(e.getMessage().contains("Wrong RDB checksum") && e.getMessage().contains("offset"), e.getMessage());
    }

    /** DEBUG RELOAD's options and errors as Redis. */
    @Test
    void debugReload() {
        Path dir = ServerDirs.newDir("rdb-reload");
        try (ServerUnderTest.Running s = ours(dir); RawConnection c = s.endpoint().connect()) {
            assertEquals("-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n",
                    c.call("DEBUG", "RELOAD", "FOO").rawText());
            c.call("SET", "a", "1");
            assertEquals("+OK\r\n", c.call("DEBUG", "RELOAD").rawText());
            assertEquals("1", c.call("GET", "a").text());
            c.call("SET", "b", "2");
            // NOFLUSH without MERGE: a key in both is a duplicate, the load fails
            assertEquals("-ERR Error trying to load the RDB dump\r\n", c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH").rawText());
            c.call("SET", "a", "changed");
            assertEquals("+OK\r\n", c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE").rawText());
            assertEquals("1", c.call("GET", "a").text());
            assertEquals("2", c.call("GET", "b").text());
            assertNotEquals(0, c.infoLong("rdb_last_save_time"));
        }
    }

    static void awaitBgsaveDone(RawConnection c) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (c.infoLong("rdb_bgsave_in_progress") != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("BGSAVE still running after 120 s");
            }
            Differential.pause(20);
        }
    }

    static void assertFileUnchanged(Path file, byte[] expected) throws IOException {
        assertArrayEquals(expected, Files.readAllBytes(file));
        assertFalse(expected.length == 0);
    }
}
