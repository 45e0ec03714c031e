package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jlink image as a user runs it: {@code server-app/target/redis-internals/bin/redis-internals}
 * (built by server-app's package phase, which the reactor runs before this module's tests).
 * Startup line, PING, SIGTERM and SHUTDOWN exiting 0, a bad directive or transport exiting 1.
 */
class ImageLauncherTest {

    static Path launcher;

    @BeforeAll
    static void findImage() {
        launcher = Path.of(System.getProperty("user.dir")).resolve("../server-app/target/redis-internals/bin/redis-internals")
                .normalize();
        assertTrue(Files.isExecutable(launcher),
                "the jlink image is missing: build it with ./mvnw package (looked for " + launcher + ")");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Started(Process process, int port, StringBuffer output) {
    }

    static Started start(String... extra) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1"));
        cmd.addAll(ServerDirs.isolation());
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuffer out = new StringBuffer();
        Thread.ofVirtual().start(() -> pump(p.getInputStream(), out));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("server exited early: " + out);
            }
            // ready = the startup line is out (it is logged right after the listener binds)
            if (out.indexOf("ready to accept connections") >= 0) {
                return new Started(p, port, out);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("server did not log readiness within 20 s: " + out);
    }

    static void pump(InputStream in, StringBuffer out) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    static String roundTrip(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream o = s.getOutputStream();
            o.write(request.getBytes(StandardCharsets.UTF_8));
            o.flush();
            byte[] buf = new byte[256];
            int n = s.getInputStream().read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }

    @Test
    void startsLogsAnswersAndExitsZeroOnSigterm() throws Exception {
        Started s = start();
        try {
            assertEquals("+PONG\r\n", roundTrip(s.port(), "*1\r\n$4\r\nPING\r\n"));
            String log = s.output().toString();
            assertTrue(log.contains("redis_version 7.0.15"), log);
            assertTrue(log.contains("pid=" + s.process().pid()), log);
            assertTrue(log.contains("port=" + s.port()), log);
            assertTrue(log.contains("transport=") && log.contains("backend="), log);
        } finally {
            s.process().destroy(); // SIGTERM
        }
        assertTrue(s.process().waitFor(20, TimeUnit.SECONDS), "did not stop on SIGTERM");
        assertEquals(0, s.process().exitValue(), s.output().toString());
    }

    @Test
    void shutdownCommandExitsZero() throws Exception {
        Started s = start();
        try (Socket c = new Socket("127.0.0.1", s.port())) {
            c.setSoTimeout(10000);
            c.getOutputStream().write("*1\r\n$8\r\nSHUTDOWN\r\n".getBytes(StandardCharsets.US_ASCII));
            // redis-server sends no reply to a successful SHUTDOWN: the connection just closes
            assertEquals(-1, c.getInputStream().read());
        }
        assertTrue(s.process().waitFor(20, TimeUnit.SECONDS), "did not stop on SHUTDOWN");
        assertEquals(0, s.process().exitValue(), s.output().toString());
    }

    static String runToExit(int expectedStatus, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, p.exitValue(), text);
        return text;
    }

    /**
     * check-rdb as redis-check-rdb: on a file redis-server saved (keys, a TTL, two databases), the
     * same AUX/SELECTDB/checksum lines and counts; a truncated file fails with exit status 1 and
     * its offset.
     */
    @Test
    void checkRdbReportsAsRedisCheckRdb() throws Exception {
        java.nio.file.Path dir = ServerDirs.newDir("check-rdb");
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--dir", dir.toString());
             RawConnection c = ref.endpoint().connect()) {
            c.call("SET", "a", "1");
            c.call("SET", "b", "x".repeat(100), "PX", "99999999");
            c.call("HSET", "h", "f", "v");
            c.call("SELECT", "3");
            c.call("RPUSH", "l", "a", "b");
            assertEquals("+OK\r\n", c.call("SAVE").rawText());
        }
        java.nio.file.Path file = dir.resolve("dump.rdb");
        String ours = runToExit(0, "check-rdb", file.toString());
        Tools.Result theirs = Tools.run(List.of(Tools.require("redis-check-rdb").toString(), file.toString()), null, 30);
        assertEquals(0, theirs.exitCode(), theirs.output());
        List<String> expected = theirs.output().lines().filter(l -> !l.contains("Checking RDB file")).toList();
        List<String> actual = ours.lines().filter(l -> !l.contains("Checking RDB file")).toList();
        assertEquals(expected, actual);
        java.nio.file.Path truncated = dir.resolve("truncated.rdb");
        byte[] all = java.nio.file.Files.readAllBytes(file);
        java.nio.file.Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 20));
        String bad = runToExit(1, "check-rdb", truncated.toString());
        assertTrue(bad.contains("--- RDB ERROR DETECTED ---"), bad);
    }

    @Test
    void unknownDirectiveExitsOneNamingIt() throws Exception {
        String out = runToExit(1, "--port", Integer.toString(freePort()), "--no-such-directive", "x");
        assertTrue(out.contains("no-such-directive"), out);
        assertTrue(out.contains("Bad directive or wrong number of arguments"), out);
    }

    @Test
    void badValueExitsOneNamingIt() throws Exception {
        String out = runToExit(1, "--port", "seventy");
        assertTrue(out.contains("'port \"seventy\"'"), out);
    }

    @Test
    void unknownTransportExitsOne() throws Exception {
        String out = runToExit(1, "--port", Integer.toString(freePort()), "--transport", "carrier-pigeon");
        assertTrue(out.contains("Unknown transport 'carrier-pigeon'"), out);
    }

    @Test
    void versionFlag() throws Exception {
        String out = runToExit(0, "--version");
        assertTrue(out.contains("redis_version=7.0.15"), out);
    }
}
