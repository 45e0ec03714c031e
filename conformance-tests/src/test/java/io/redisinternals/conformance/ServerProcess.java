package io.redisinternals.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our server in a JVM of its own, for the hostile-clients suites: what they provoke (running out
 * of direct memory, of file descriptors, a shutdown, RSS growth) must not touch the test JVM, and
 * some need JVM flags of their own ({@code -XX:MaxDirectMemorySize=32m}) or a shell limit
 * ({@code ulimit -n}). It is the jlink image users run ({@code bin/redis-internals}, built by
 * server-app's package phase), so memory is measured with the image's own JVM flags (collector,
 * heap and direct-memory settings); extra flags go through {@code REDIS_INTERNALS_JAVA_OPTS} as a
 * user would add them. Started with the arguments of a {@link ServerConfiguration}, so it runs
 * every transport configuration the in-process suites run. The log (stdout and stderr) is kept.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final StringBuffer log = new StringBuffer();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread.ofVirtual().start(() -> pump(process.getInputStream()));
    }

    /**
     * Starts configuration {@code config} with {@code jvmFlags} (e.g. {@code -XX:MaxDirectMemorySize=32m})
     * and {@code serverArgs} (e.g. {@code --maxclients 10}); waits for the readiness log line.
     */
    public static ServerProcess start(String config, List<String> jvmFlags, String... serverArgs) throws IOException {
        return start(config, null, jvmFlags, serverArgs);
    }

    /**
     * As {@link #start(String, List, String...)}, run through {@code sh -c "ulimit -n N; exec java ..."}
     * when {@code openFilesLimit} is not null.
     */
    public static ServerProcess start(String config, Integer openFilesLimit, List<String> jvmFlags, String... serverArgs)
            throws IOException {
        ServerConfiguration c = ServerUnderTest.configuration(config);
        int port = freePort();
        Path launcher = launcher();
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1"));
        cmd.addAll(ServerDirs.isolation());
        cmd.addAll(c.args());
        cmd.addAll(List.of(serverArgs));
        if (openFilesLimit != null) {
            StringBuilder sh = new StringBuilder("ulimit -n ").append(openFilesLimit).append(" && exec");
            for (String a : cmd) {
                sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
            }
            cmd = List.of("/bin/sh", "-c", sh.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("REDIS_INTERNALS_JAVA_OPTS", String.join(" ", jvmFlags));
        Process p = pb.start();
        ServerProcess s = new ServerProcess(p, port);
        s.awaitLog("ready to accept connections", Duration.ofSeconds(30));
        return s;
    }

    /** The image's launcher; it must have been built (./mvnw package) before the conformance tests run. */
    static Path launcher() {
        Path launcher = Path.of(System.getProperty("user.dir"))
                .resolve("../server-app/target/redis-internals/bin/redis-internals").normalize();
        if (!Files.isExecutable(launcher)) {
            throw new AssertionError("the jlink image is missing: build it with ./mvnw package (looked for " + launcher + ")");
        }
        return launcher;
    }

    public Endpoint endpoint() {
        return new Endpoint("process", "127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public String log() {
        return log.toString();
    }

    /** Waits until the log contains {@code text}; fails with the log if the process exits or time runs out. */
    public void awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (log.indexOf(text) < 0) {
            if (!process.isAlive() && log.indexOf(text) < 0) {
                throw new AssertionError("server exited (" + process.exitValue() + ") before logging '" + text + "':\n" + log);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in the log within " + timeout + ":\n" + log);
            }
            Differential.pause(20);
        }
    }

    /** Resident set size in bytes, from /proc (Linux). */
    public long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** CPU time (user + system) used so far, in milliseconds, from /proc (Linux, 100 ticks per second). */
    public long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    /** Whether the process exits within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                log.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
