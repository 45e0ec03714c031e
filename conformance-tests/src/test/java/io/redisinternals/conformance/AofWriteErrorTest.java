package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that refuses the AOF's writes, side by side with redis-server 7.0.15: the incremental file
 * the next rewrite opens is made a symlink to /dev/full (every write fails with ENOSPC, as on a
 * full disk), which both servers follow when they create it. With {@code everysec} the write that
 * failed still had its reply (it was already acknowledged, as Redis's), then every write and PING
 * gets {@code -MISCONF Errors writing to the AOF file: No space left on device} and INFO says
 * aof_last_write_status:err; with {@code always} the process exits with status 1 and Redis's log
 * line rather than acknowledge a write that is not on disk. (Tests run as root here, so file
 * permissions cannot make a write fail; /dev/full can.)
 */
class AofWriteErrorTest {

    private static final Path DEV_FULL = Path.of("/dev/full");

    @TempDir
    Path tmp;

    /** Runs the scenario on one server; returns the replies and INFO fields it showed. */
    private static List<String> fillTheDisk(Endpoint ep, Path dir) throws Exception {
        try (RawConnection c = ep.connect()) {
            String set = c.call("SET", "a", "1").visible();
            Files.createSymbolicLink(dir.resolve("appendonlydir").resolve("appendonly.aof.2.incr.aof"), DEV_FULL);
            String rewrite = c.call("BGREWRITEAOF").visible();
            for (int i = 0; i < 200 && !"0".equals(c.info("aof_rewrite_in_progress")); i++) {
                AofFiles.sleep(25);
            }
            for (int i = 0; i < 200 && c.infoLong("aof_rewrites") == 0; i++) {
                AofFiles.sleep(25); // the manifest switch to the new incr file happens in the cron
            }
            String acknowledged = c.call("SET", "b", "2").visible(); // written after its reply is queued
            for (int i = 0; i < 200 && !"err".equals(c.info("aof_last_write_status")); i++) {
                AofFiles.sleep(25);
            }
            return List.of(set, rewrite, acknowledged, c.call("SET", "c", "3").visible(), c.call("PING").visible(),
                    c.call("GET", "a").visible(), "aof_last_write_status:" + c.info("aof_last_write_status"));
        }
    }

    @Test
    void everysecRefusesWritesWithMisconfAsRedis() throws Exception {
        assertTrue(Files.exists(DEV_FULL), "/dev/full is needed (Linux)");
        Path ours = Files.createDirectories(tmp.resolve("ours"));
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        List<String> expected;
        try (AofFiles.Redis ref = new AofFiles.Redis(theirs, "--appendonly", "yes", "--appendfsync", "everysec")) {
            expected = fillTheDisk(ref.endpoint, theirs);
        }
        assertEquals("-MISCONF Errors writing to the AOF file: No space left on device\\r\\n", expected.get(3),
                "the reference refuses the next write: " + expected);
        try (ServerProcess s = ServerProcess.start(ServerUnderTest.configurationNames().get(0), List.of(),
                "--save", "", "--dir", ours.toString(), "--appendonly", "yes", "--appendfsync", "everysec")) {
            assertEquals(expected, fillTheDisk(s.endpoint(), ours));
            s.awaitLog("Error writing to the AOF file: No space left on device", Duration.ofSeconds(5));
        }
    }

    @Test
    void alwaysExitsRatherThanAcknowledgeAsRedis() throws Exception {
        assertTrue(Files.exists(DEV_FULL), "/dev/full is needed (Linux)");
        Path ours = Files.createDirectories(tmp.resolve("ours"));
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        String exitLine = "Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...";
        try (AofFiles.Redis ref = new AofFiles.Redis(theirs, "--appendonly", "yes", "--appendfsync", "always")) {
            exitAfterTheWrite(ref.endpoint, theirs);
            assertTrue(ref.process.waitFor(10, TimeUnit.SECONDS), "the reference exits");
            assertEquals(1, ref.process.exitValue());
            assertTrue(ref.log().contains(exitLine), ref.log());
        }
        try (ServerProcess s = ServerProcess.start(ServerUnderTest.configurationNames().get(0), List.of(),
                "--save", "", "--dir", ours.toString(), "--appendonly", "yes", "--appendfsync", "always")) {
            exitAfterTheWrite(s.endpoint(), ours);
            assertTrue(s.awaitExit(Duration.ofSeconds(10)), "ours exits");
            assertEquals(1, s.process().exitValue());
            assertTrue(s.log().contains(exitLine), s.log());
        }
    }

    /** Fills the disk, then a SET that must not be acknowledged: the connection ends without its reply. */
    private static void exitAfterTheWrite(Endpoint ep, Path dir) throws Exception {
        try (RawConnection c = ep.connect()) {
            assertEquals("OK", c.call("SET", "a", "1").text());
            Files.createSymbolicLink(dir.resolve("appendonlydir").resolve("appendonly.aof.2.incr.aof"), DEV_FULL);
            c.call("BGREWRITEAOF");
            for (int i = 0; i < 200 && c.infoLong("aof_rewrites") == 0; i++) {
                AofFiles.sleep(25);
            }
            boolean replied;
            try {
                c.call("SET", "b", "2");
                replied = true;
            } catch (RuntimeException closed) {
                replied = false;
            }
            assertEquals(false, replied, ep + " acknowledged a write it could not persist");
        }
    }
}
