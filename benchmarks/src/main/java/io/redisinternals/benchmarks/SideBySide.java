package io.redisinternals.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Side-by-side load test: redis-server 7.0.15 against our jlink image, the same redis-benchmark
 * scenario on each, alternating (redis, ours[config1], ours[config2] ...) for a number of rounds,
 * every other round in reverse order.
 *
 * <p>A JDK-only single-file program, run from source by {@code benchmarks/side-by-side.sh} (so it
 * needs no build of its own); it builds nothing: {@code ./mvnw -q -DskipTests package} must have
 * produced the image. Linux only (reads {@code /proc}).
 *
 * <p>Method, per scenario, round and server: a fresh server process on a free port (servers are
 * restarted between rounds, so no run inherits another's heap, keys or connections), a warm-up run
 * of the same requests (a tenth with {@code --quick}; the JIT compiles the request path, and
 * redis-server gets the same for symmetry), with the append-only file on one BGREWRITEAOF too,
 * FLUSHALL, then one redis-benchmark invocation per test (SET, then GET over the keys SET wrote)
 * so each test gets its own server CPU reading: the delta of utime+stime (fields 14 and 15 of
 * {@code /proc/PID/stat}, in clock ticks) divided by the requests. Reported: the median
 * req/s of the rounds, p50 latency (median of the rounds' p50), CPU µs per op, ratio ours/redis
 * of the medians, and "paired": the median of the per-round ratios, whose two runs were minutes
 * apart at most (on a host that drifts, the steadier of the two).
 *
 * <p>S8 (memory) loads exactly 1,000,000 keys (16 bytes, 3-byte values) with {@code redis-cli
 * --pipe} into a fresh server and reports bytes per key from INFO used_memory and from VmRSS
 * (deltas over the empty server). S11 does the same with 100,000 five-member sorted sets.
 */
public final class SideBySide {

    /** A redis-benchmark scenario (the S-numbers of the performance issue). */
    record Scenario(String id, List<String> tests, int clients, int pipeline, int dataSize, int keySpace,
                    long requests, String description, int subscribers, String subscribe, List<String> serverArgs) {

        /** Whether the servers run with the append-only file on (the AOF scenarios). */
        boolean appendOnly() {
            return serverArgs.contains("--appendonly");
        }

        Scenario(String id, List<String> tests, int clients, int pipeline, int dataSize, int keySpace,
                 long requests, String description) {
            this(id, tests, clients, pipeline, dataSize, keySpace, requests, description, 0, null, List.of());
        }

        Scenario(String id, List<String> tests, int clients, int pipeline, int dataSize, int keySpace,
                 long requests, String description, int subscribers, String subscribe) {
            this(id, tests, clients, pipeline, dataSize, keySpace, requests, description, subscribers, subscribe, List.of());
        }

        /** This scenario with the same extra settings for both servers (the persistence variants). */
        Scenario with(String newId, String what, String... args) {
            return new Scenario(newId, tests, clients, pipeline, dataSize, keySpace, requests, description + ", " + what,
                    subscribers, subscribe, List.of(args));
        }

        /**
         * A test named "publish" runs PUBLISH bench.ch with a 32-byte message, a scripted test
         * (see {@link Scripts}) its EVALSHA or FCALL: custom commands of redis-benchmark.
         */
        boolean custom(String test) {
            return test.equals("publish") || Scripts.TESTS.containsKey(test);
        }

        List<String> args(String test, long n) {
            List<String> a = new ArrayList<>(List.of("-c", Integer.toString(clients), "-n", Long.toString(n)));
            if (!custom(test)) {
                a.addAll(0, List.of("-t", test));
            }
            if (keySpace > 0) {
                a.addAll(List.of("-r", Integer.toString(keySpace)));
            }
            if (pipeline > 1) {
                a.addAll(List.of("-P", Integer.toString(pipeline)));
            }
            if (dataSize > 0) {
                a.addAll(List.of("-d", Integer.toString(dataSize)));
            }
            if (test.equals("publish")) {
                a.addAll(List.of("publish", "bench.ch", "x".repeat(32)));
            } else if (custom(test)) {
                a.addAll(Scripts.TESTS.get(test));
            }
            return a;
        }
    }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        add(new Scenario("S1", List.of("set", "get"), 50, 1, 0, 1_000_000, 1_000_000,
                "-t set,get -c 50 -n 1000000 -r 1000000 (unpipelined)"));
        add(new Scenario("S2", List.of("set", "get"), 50, 16, 0, 1_000_000, 1_000_000,
                "-t set,get -c 50 -n 1000000 -r 1000000 -P 16"));
        add(new Scenario("S3", List.of("get"), 1, 1, 0, 0, 200_000,
                "-t get -c 1 -n 200000 (single-connection latency)"));
        add(new Scenario("S4", List.of("set", "get"), 500, 1, 0, 1_000_000, 1_000_000,
                "-t set,get -c 500 -n 1000000 -r 1000000"));
        add(new Scenario("S5", List.of("set", "get"), 50, 16, 1024, 100_000, 2_000_000,
                "-t set,get -c 50 -P 16 -d 1024 -r 100000 -n 2000000"));
        add(new Scenario("S9", List.of("lpush", "lpop", "sadd", "hset", "zadd", "lrange_100"), 50, 16, 0, 100_000,
                500_000, "-t lpush,lpop,sadd,hset,zadd,lrange_100 -c 50 -P 16 -r 100000 -n 500000 (collections)"));
        // redis-benchmark's zadd test: ZADD myzset <random score> element:<random>, one key, so
        // after the first ~100,000 inserts every request updates a member of a 100,000-member set.
        add(new Scenario("S10", List.of("zadd"), 50, 16, 0, 100_000, 1_000_000,
                "-t zadd -c 50 -P 16 -r 100000 -n 1000000 (a 100,000-member sorted set)"));
        // Pub/sub: redis-benchmark publishes (PUBLISH bench.ch <32 bytes>) while subscribers held
        // by this harness (raw sockets, SUBSCRIBE or PSUBSCRIBE, reading and discarding) receive.
        add(new Scenario("S12", List.of("publish"), 50, 16, 0, 0, 1_000_000,
                "PUBLISH bench.ch <32 bytes> -c 50 -P 16, one subscriber", 1, "SUBSCRIBE bench.ch"));
        add(new Scenario("S13", List.of("publish"), 50, 16, 0, 0, 200_000,
                "PUBLISH bench.ch <32 bytes> -c 50 -P 16, 100 subscribers of the channel", 100, "SUBSCRIBE bench.ch"));
        add(new Scenario("S14", List.of("publish"), 50, 16, 0, 0, 1_000_000,
                "PUBLISH bench.ch <32 bytes> -c 50 -P 16, one pattern subscriber (bench.*)", 1, "PSUBSCRIBE bench.*"));
    }

    static {
        // Scripting (issue 12): the scripts and functions of Scripts, loaded on each fresh server
        // (SCRIPT LOAD, FUNCTION LOAD) before its warm-up; keys drawn from -r 100000 per placeholder.
        List<String> scripted = List.of("evalsha_incr", "evalsha_mix10", "fcall_incr", "fcall_mix10");
        add(new Scenario("S15", scripted, 50, 16, 0, 100_000, 500_000,
                "EVALSHA/FCALL of INCR and of a 10-command script -c 50 -P 16 -r 100000"));
        add(new Scenario("S16", scripted, 50, 1, 0, 100_000, 200_000,
                "EVALSHA/FCALL of INCR and of a 10-command script -c 50 -r 100000 (unpipelined)"));
    }

    /**
     * Persistence (issue 13): S1 and S2 with the append-only file on, for each fsync policy, the
     * same settings for both servers, each start in an empty directory of its own (deleted after).
     * Not part of the default run (they write ~100 MB per run); name them: S1-AOF-ALWAYS ... or AOF.
     */
    static final List<String> AOF_SCENARIOS = new ArrayList<>();

    static {
        for (String base : List.of("S1", "S2")) {
            for (String policy : List.of("always", "everysec", "no")) {
                String id = base + "-AOF-" + policy.toUpperCase(Locale.ROOT);
                add(SCENARIOS.get(base).with(id, "appendonly yes, appendfsync " + policy,
                        "--appendonly", "yes", "--appendfsync", policy));
                AOF_SCENARIOS.add(id);
            }
        }
    }

    private static void add(Scenario s) {
        SCENARIOS.put(s.id(), s);
    }

    /**
     * The scripted tests of S15/S16: EVALSHA of {@code return redis.call('incr', KEYS[1])} and of a
     * 10-command script (a counter, a string with a TTL, a hash field, a capped list: INCR GET SET
     * HSET HGET EXPIRE EXISTS LPUSH LTRIM TTL), and FCALL of the same two as functions.
     */
    static final class Scripts {
        static final String INCR = "return redis.call('incr', KEYS[1])";
        static final String MIX10 = """
                local n = redis.call('incr', KEYS[1])
                redis.call('get', KEYS[1])
                redis.call('set', KEYS[2], ARGV[1])
                redis.call('hset', KEYS[3], 'f', n)
                redis.call('hget', KEYS[3], 'f')
                redis.call('expire', KEYS[2], 100)
                redis.call('exists', KEYS[2])
                redis.call('lpush', KEYS[4], ARGV[1])
                redis.call('ltrim', KEYS[4], 0, 9)
                return redis.call('ttl', KEYS[2])
                """;
        static final String LIBRARY = "#!lua name=bench\n"
                + "redis.register_function('incr1', function(KEYS, ARGV) " + INCR + " end)\n"
                + "redis.register_function('mix10', function(KEYS, ARGV)\n" + MIX10 + "end)\n";
        private static final List<String> MIX_KEYS = List.of("4", "sc:__rand_int__", "ss:__rand_int__",
                "sh:__rand_int__", "sl:__rand_int__", "value-16-bytes..");
        static final Map<String, List<String>> TESTS = new LinkedHashMap<>();

        static {
            TESTS.put("evalsha_incr", List.of("evalsha", sha1(INCR), "1", "sc:__rand_int__"));
            TESTS.put("evalsha_mix10", concat(List.of("evalsha", sha1(MIX10)), MIX_KEYS));
            TESTS.put("fcall_incr", List.of("fcall", "incr1", "1", "sc:__rand_int__"));
            TESTS.put("fcall_mix10", concat(List.of("fcall", "mix10"), MIX_KEYS));
        }

        /** Loads the scripts and the library; both servers answer the same SHA-1s (checked). */
        static void load(Server server) throws IOException {
            for (String script : List.of(INCR, MIX10)) {
                String sha = server.command("SCRIPT", "LOAD", script);
                if (!sha.equals(sha1(script))) {
                    throw new IOException(server.label + ": SCRIPT LOAD answered " + sha);
                }
            }
            String lib = server.command("FUNCTION", "LOAD", "REPLACE", LIBRARY);
            if (!"bench".equals(lib)) {
                throw new IOException(server.label + ": FUNCTION LOAD answered " + lib);
            }
        }

        static String sha1(String script) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(d);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> r = new ArrayList<>(a);
            r.addAll(b);
            return r;
        }
    }

    /** Our server configurations by name: extra command-line arguments of the image. */
    static final Map<String, List<String>> CONFIGS = new LinkedHashMap<>();

    static {
        CONFIGS.put("epoll", List.of("--transport", "epoll")); // --epoll-native defaults to auto
        CONFIGS.put("epoll-nio", List.of("--transport", "epoll", "--epoll-native", "no"));
        CONFIGS.put("blocking", List.of("--transport", "blocking"));
        // a fixed spin before blocking (docs/PERFORMANCE.md, S1 lead)
        CONFIGS.put("epoll-spin50", List.of("--transport", "epoll", "--epoll-spin", "50"));
        // the adaptive spin (the default, SpinWindow) and none, whatever the default is
        CONFIGS.put("epoll-spin-auto", List.of("--transport", "epoll", "--epoll-spin", "auto"));
        CONFIGS.put("epoll-spin0", List.of("--transport", "epoll", "--epoll-spin", "0"));
    }

    /**
     * A memory scenario: {@code keys} keys written by {@code command(i)} (one RESP command per key)
     * through redis-cli --pipe. With {@code collectOurs} our server's heap is collected (jcmd
     * GC.run) before INFO is read, so used_memory counts live data, not the request garbage.
     */
    record MemoryScenario(String id, long keys, boolean collectOurs, String description,
                          java.util.function.LongFunction<String> command) {
    }

    static final Map<String, MemoryScenario> MEMORY = new LinkedHashMap<>();

    static {
        MEMORY.put("S8", new MemoryScenario("S8", 1_000_000, false, "16-byte keys, 3-byte values (SET)",
                i -> "*3\r\n$3\r\nSET\r\n$16\r\n" + String.format(Locale.ROOT, "key:%012d", i) + "\r\n$3\r\nxxx\r\n"));
        MEMORY.put("S11", new MemoryScenario("S11", 100_000, true,
                "16-byte keys, each a 5-member sorted set (ZADD key 1 a 2 b 3 c 4 d 5 e: listpack)",
                i -> "*12\r\n$4\r\nZADD\r\n$16\r\n" + String.format(Locale.ROOT, "key:%012d", i)
                        + "\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n3\r\n$1\r\nc\r\n"
                        + "$1\r\n4\r\n$1\r\nd\r\n$1\r\n5\r\n$1\r\ne\r\n"));
    }

    // ---- parsing (unit-tested in SideBySideParsingTest) ----------------------------------------

    /** One line of redis-benchmark --csv output. */
    record CsvResult(String test, double rps, double p50Millis) {
    }

    /**
     * Parses redis-benchmark 7.0's --csv output: a header line naming the columns (quoted), then one
     * line per test. Columns are located by header name, so extra or reordered columns are fine.
     */
    static List<CsvResult> parseCsv(String output) {
        List<CsvResult> results = new ArrayList<>();
        int testCol = -1;
        int rpsCol = -1;
        int p50Col = -1;
        for (String line : output.split("\r?\n")) {
            // Progress lines (with -q, or on a terminal) are separated by '\r': keep what follows the last.
            int cr = line.lastIndexOf('\r');
            line = (cr >= 0 ? line.substring(cr + 1) : line).trim();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cols = csvFields(line);
            if (cols.contains("test") && cols.contains("rps")) {
                testCol = cols.indexOf("test");
                rpsCol = cols.indexOf("rps");
                p50Col = cols.indexOf("p50_latency_ms");
                continue;
            }
            if (testCol < 0 || cols.size() <= Math.max(testCol, rpsCol)) {
                continue;
            }
            double p50 = p50Col >= 0 && p50Col < cols.size() ? Double.parseDouble(cols.get(p50Col)) : Double.NaN;
            results.add(new CsvResult(cols.get(testCol), Double.parseDouble(cols.get(rpsCol)), p50));
        }
        return results;
    }

    private static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            f = f.trim();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1);
            }
            out.add(f);
        }
        return out;
    }

    /**
     * utime + stime (clock ticks) from a {@code /proc/PID/stat} line. The command name (field 2) is
     * in parentheses and may itself hold spaces and parentheses, so fields are counted after the
     * last ')': field 3 (state) is the first there, so utime (14) and stime (15) are its 12th and
     * 13th.
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
        }
        String[] f = statLine.substring(close + 1).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** VmRSS in bytes from a {@code /proc/PID/status} text ("VmRSS:   12345 kB"). */
    static long vmRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                return Long.parseLong(f[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line");
    }

    /** A numeric field of an INFO reply ("used_memory:1092824"). */
    static long infoField(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalArgumentException("INFO has no " + name);
    }

    /**
     * Part of the warm-up with the append-only file on, for both servers: one BGREWRITEAOF, waited
     * for. The warm-up's writes (45 MB at S1) stay under the 64 MB auto-aof-rewrite-min-size, so
     * without it the first rewrite of the process fell in the measured run, and with it our JIT's
     * first compilation of the rewrite path and the deoptimisation of the request path it causes
     * (about 1 s of compiler CPU on a 2-core host), which a server that has run a while paid long ago.
     */
    static void rewriteAof(Server server) throws IOException, InterruptedException {
        server.command("BGREWRITEAOF");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            String info = server.command("INFO", "persistence");
            if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(server.label + ": BGREWRITEAOF still running after 120 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The median of the per-round ratios ours/redis. The two servers of a round run back to back,
     * so a host that drifts by 15% from one minute to the next moves both; the ratio of the
     * medians compares runs that may be minutes apart.
     */
    static double pairedRatio(List<Double> ours, List<Double> redis) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(ours.size(), redis.size()); i++) {
            ratios.add(ours.get(i) / redis.get(i));
        }
        return median(ratios);
    }

    /** The median (mean of the two middle values for an even count); NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** The RESP stream of SET key:NNNNNNNNNNNN xxx for keys 0..n-1, as redis-cli --pipe sends it. */
    static byte[] setStream(long n) {
        return commandStream(n, MEMORY.get("S8").command());
    }

    /** The commands {@code command(0) .. command(n - 1)} in one stream. */
    static byte[] commandStream(long n, java.util.function.LongFunction<String> command) {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE, n * 48));
        for (long i = 0; i < n; i++) {
            sb.append(command.apply(i));
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ---- servers -----------------------------------------------------------------------------

    /** A running server process. */
    static final class Server implements AutoCloseable {
        final String label;
        final Process process;
        final int port;
        final Path log;
        /** The command line (a persistence scenario's data directory is deleted on close). */
        List<String> cmdline = List.of();

        Server(String label, Process process, int port, Path log) {
            this.label = label;
            this.process = process;
            this.port = port;
            this.log = log;
        }

        long pid() {
            return process.pid();
        }

        long cpuTicks() throws IOException {
            return SideBySide.cpuTicks(Files.readString(Path.of("/proc/" + pid() + "/stat")));
        }

        long rssBytes() throws IOException {
            return vmRssBytes(Files.readString(Path.of("/proc/" + pid() + "/status")));
        }

        String command(String... args) throws IOException {
            return SideBySide.command(port, args);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            deleteDataDir(cmdline);
        }
    }

    private final Path workDir;
    private final String redisServer;
    private final Path image;
    private final boolean quick;
    private final int rounds;
    private final long clkTck;
    /** Medians for the closing summary: "S1 SET" -> server ("redis" or a config) -> value. */
    final Map<String, Map<String, Double>> rpsSummary = new LinkedHashMap<>();
    final Map<String, Map<String, Double>> p50Summary = new LinkedHashMap<>();
    final Map<String, Map<String, Double>> cpuSummary = new LinkedHashMap<>();
    /** Memory scenarios: id -> server -> {B/key from INFO used_memory, B/key from VmRSS}. */
    final Map<String, Map<String, double[]>> memorySummary = new LinkedHashMap<>();

    SideBySide(Path workDir, String redisServer, Path image, boolean quick, int rounds, long clkTck) {
        this.workDir = workDir;
        this.redisServer = redisServer;
        this.image = image;
        this.quick = quick;
        this.rounds = rounds;
        this.clkTck = clkTck;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Server startRedis() throws IOException, InterruptedException {
        return startRedis(List.of());
    }

    /** With {@code extra} settings (a persistence scenario's), which then get an empty --dir of their own. */
    Server startRedis(List<String> extra) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(redisServer, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir", workDir.toString()));
        return start("redis-7.0.15", withOwnDir(cmd, extra), port);
    }

    Server startOurs(String config) throws IOException, InterruptedException {
        return startOurs(config, List.of());
    }

    Server startOurs(String config, List<String> extra) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(image.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDir.toString()));
        cmd.addAll(CONFIGS.get(config));
        return start("ours[" + config + "]", withOwnDir(cmd, extra), port);
    }

    /** Appends {@code extra} and, if there is any, a fresh --dir (the last --dir wins for both servers). */
    private List<String> withOwnDir(List<String> cmd, List<String> extra) throws IOException {
        if (extra.isEmpty()) {
            return cmd;
        }
        List<String> all = new ArrayList<>(cmd);
        all.addAll(extra);
        all.addAll(List.of("--dir", Files.createTempDirectory(workDir, "data-").toString()));
        return all;
    }

    /** Deletes a persistence scenario's directory after its server stopped. */
    static void deleteDataDir(List<String> cmdline) {
        int i = cmdline.lastIndexOf("--dir");
        if (i < 0 || !cmdline.get(i + 1).contains("data-")) {
            return;
        }
        try (var files = Files.walk(Path.of(cmdline.get(i + 1)))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.out.println("   could not delete " + cmdline.get(i + 1) + ": " + e.getMessage());
        }
    }

    private Server start(String label, List<String> cmd, int port) throws IOException, InterruptedException {
        Path log = workDir.resolve(label.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + port + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Server server = new Server(label, p, port, log);
        server.cmdline = List.copyOf(cmd);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            if (!p.isAlive()) {
                String output = Files.readString(log).strip();
                String last = output.isEmpty() ? "" : output.substring(output.lastIndexOf('\n') + 1);
                throw new IOException(label + " exited with " + p.exitValue() + ": " + last + " ("
                        + String.join(" ", cmd.stream().map(a -> a.isEmpty() ? "\"\"" : a).toList()) + "); log " + log);
            }
            try {
                if (command(port, "PING").equals("+PONG")) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                server.close();
                throw new IOException(label + " did not answer PING within 30 s; log " + log);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Sends one command (RESP multibulk) and returns the reply: simple/error/integer lines as is
     * (with their type byte), bulk strings as their content.
     */
    static String command(int port, String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) {
                req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String line = readLine(in);
            if (line.startsWith("$")) {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(n + 2);
                return new String(data, 0, n, StandardCharsets.UTF_8);
            }
            return line;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        if (c == -1 && sb.isEmpty()) {
            throw new IOException("connection closed");
        }
        return sb.toString();
    }

    static String run(List<String> cmd, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        String text = new String(out, StandardCharsets.UTF_8);
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + rc + ":\n" + text);
        }
        return text;
    }

    // ---- load scenarios --------------------------------------------------------------------------

    /**
     * Subscribers for the pub/sub scenarios: each a socket that subscribed and then reads and
     * discards everything on a thread of its own, so the server is never held up by them.
     */
    static final class Subscribers implements AutoCloseable {
        private final List<java.net.Socket> sockets = new ArrayList<>();

        Subscribers(int port, int n, String subscribe) throws IOException {
            for (int i = 0; i < n; i++) {
                java.net.Socket sock = new java.net.Socket("127.0.0.1", port);
                sockets.add(sock);
                String[] words = subscribe.split(" ");
                StringBuilder req = new StringBuilder("*" + words.length + "\r\n");
                for (String w : words) {
                    req.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
                }
                sock.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                sock.getOutputStream().flush();
                Thread.ofVirtual().start(() -> {
                    byte[] buf = new byte[64 * 1024];
                    try (var in = sock.getInputStream()) {
                        while (in.read(buf) >= 0) {
                            // discard
                        }
                    } catch (IOException e) {
                        // closed at the end of the run
                    }
                });
            }
        }

        @Override
        public void close() throws IOException {
            for (java.net.Socket sock : sockets) {
                sock.close();
            }
        }
    }

    /** One measured redis-benchmark invocation. */
    record Sample(double rps, double p50Millis, double cpuMicrosPerOp) {
    }

    long requests(Scenario s) {
        return quick ? Math.max(10_000, s.requests() / 10) : s.requests();
    }

    Sample bench(Server server, Scenario s, String test, long n) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port), "--csv"));
        cmd.addAll(s.args(test, n));
        long before = server.cpuTicks();
        String out = run(cmd, null);
        long after = server.cpuTicks();
        List<CsvResult> r = parseCsv(out);
        // LRANGE tests are preceded by redis-benchmark's own "LPUSH (needed to benchmark LRANGE)"
        // row filling the list: the measured test is the last row.
        if (r.isEmpty() || r.size() > 2) {
            throw new IOException("unexpected redis-benchmark output for " + server.label + ":\n" + out);
        }
        CsvResult measured = r.get(r.size() - 1);
        double cpuMicros = (after - before) * 1e6 / clkTck / n;
        return new Sample(measured.rps(), measured.p50Millis(), cpuMicros);
    }

    /**
     * Requests sent before each measured test, not recorded: as many as the test itself. A tenth
     * was too little for the JVM: its compiler tiers were still settling in the measured run (the
     * first 1M PUBLISHes after 100,000 cost 1.44 µs of server CPU each, the next 1M 0.98-1.06), so
     * the table showed warm-up, not the steady state a server lives in. redis-server gets the same.
     */
    long warmUp(long n) {
        return quick ? Math.max(1000, n / 10) : n;
    }

    void runScenario(Scenario s, List<String> configs) throws IOException, InterruptedException {
        long n = requests(s);
        System.out.printf("%n== %s  redis-benchmark %s%n", s.id(), s.description());
        System.out.printf("   -n used: %d%s; %d rounds; every run: fresh server (restarted between rounds),"
                + " warm-up of %d requests%s, FLUSHALL, then one redis-benchmark per test%n",
                n, quick ? " (--quick)" : "", rounds, warmUp(n),
                s.appendOnly() ? " and a BGREWRITEAOF" : "");
        List<String> servers = new ArrayList<>();
        servers.add("redis");
        servers.addAll(configs);
        // results[server][test] -> samples
        Map<String, Map<String, List<Sample>>> results = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            // Every other round in reverse order, so neither server always runs first (after a
            // cold page cache, a freshly started JIT...) or right after the other one.
            List<String> order = new ArrayList<>(servers);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String which : order) {
                Server started;
                try {
                    started = which.equals("redis") ? startRedis(s.serverArgs()) : startOurs(which, s.serverArgs());
                } catch (IOException e) {
                    if (which.equals("redis")) {
                        throw e;
                    }
                    // One configuration that cannot start (a transport not available here) must not
                    // cost the others their results: report it and drop it from this scenario.
                    System.out.println("   " + which + ": FAILED TO START, dropped: " + e.getMessage().lines().findFirst().orElse(""));
                    servers.remove(which);
                    results.remove(which);
                    continue;
                }
                try (Server server = started; Subscribers subs = new Subscribers(server.port, s.subscribers(), s.subscribe())) {
                    labels.put(which, server.label + backend(server));
                    if (s.tests().stream().anyMatch(Scripts.TESTS::containsKey)) {
                        Scripts.load(server); // FLUSHALL below keeps scripts and functions
                    }
                    for (String test : s.tests()) {
                        bench(server, s, test, warmUp(n)); // warm-up, not recorded
                    }
                    if (s.appendOnly()) {
                        rewriteAof(server);
                    }
                    server.command("FLUSHALL");
                    for (String test : s.tests()) {
                        Sample sample = bench(server, s, test, n);
                        results.computeIfAbsent(which, k -> new LinkedHashMap<>())
                                .computeIfAbsent(test.toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(sample);
                        System.out.printf(Locale.ROOT, "   round %d %-30s %-4s %12.0f req/s  p50 %.3f ms  cpu %.2f us/op%n",
                                round, labels.get(which), test.toUpperCase(Locale.ROOT), sample.rps(), sample.p50Millis(),
                                sample.cpuMicrosPerOp());
                    }
                }
            }
        }
        System.out.printf("   %-4s %-30s %12s %10s %12s %8s %8s   %s%n", "test", "server", "median req/s", "p50 ms",
                "cpu us/op", "ratio", "paired", "runs (req/s)");
        for (String test : s.tests()) {
            String t = test.toUpperCase(Locale.ROOT);
            double redisRps = median(rps(results.get("redis").get(t)));
            for (String which : servers) {
                List<Sample> samples = results.get(which).get(t);
                double rps = median(rps(samples));
                double p50 = median(samples.stream().map(Sample::p50Millis).toList());
                double cpu = median(samples.stream().map(Sample::cpuMicrosPerOp).toList());
                String ratio = which.equals("redis") ? "" : String.format(Locale.ROOT, "%.2fx", rps / redisRps);
                String paired = which.equals("redis") ? ""
                        : String.format(Locale.ROOT, "%.2fx", pairedRatio(rps(samples), rps(results.get("redis").get(t))));
                rpsSummary.computeIfAbsent(s.id() + " " + t, k -> new LinkedHashMap<>()).put(which, rps);
                p50Summary.computeIfAbsent(s.id() + " " + t, k -> new LinkedHashMap<>()).put(which, p50);
                cpuSummary.computeIfAbsent(s.id() + " " + t, k -> new LinkedHashMap<>()).put(which, cpu);
                System.out.printf(Locale.ROOT, "   %-4s %-30s %12.0f %10.3f %12.2f %8s %8s   %s%n", t, labels.get(which),
                        rps, p50, cpu, ratio, paired, samples.stream().map(x -> String.format(Locale.ROOT, "%.0f", x.rps())).toList());
            }
        }
    }

    /**
     * The closing summary as a Markdown table (pasted into docs/PERFORMANCE.md): median req/s and
     * ratio ours/redis per scenario and test, p50 for S3, bytes per key for S8, then the issue's
     * targets checked against the numbers of this run.
     */
    void printSummary(List<String> configs) {
        System.out.println("\n== Summary" + (quick ? " (--quick: smoke numbers)" : ""));
        StringBuilder head = new StringBuilder("| scenario | redis-server |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String c : configs) {
            head.append(" ours ").append(c).append(" |");
            rule.append("---|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (var row : rpsSummary.entrySet()) {
            StringBuilder line = new StringBuilder("| " + row.getKey() + " req/s | " + fmt(row.getValue().get("redis")) + " |");
            for (String c : configs) {
                Double v = row.getValue().get(c);
                line.append(' ').append(v == null ? "n/a" : fmt(v) + String.format(Locale.ROOT, " (%.2fx)",
                        v / row.getValue().get("redis"))).append(" |");
            }
            System.out.println(line);
            if (row.getKey().startsWith("S3")) {
                System.out.println(summaryRow(row.getKey() + " p50 ms", p50Summary.get(row.getKey()), configs, "%.3f"));
            }
            System.out.println(summaryRow(row.getKey() + " server CPU µs/op", cpuSummary.get(row.getKey()), configs, "%.2f"));
        }
        for (var scenario : memorySummary.entrySet()) {
            Map<String, double[]> m = scenario.getValue();
            for (int k = 0; k < 2 && m.containsKey("redis"); k++) {
                StringBuilder line = new StringBuilder("| " + scenario.getKey() + " B/key ("
                        + (k == 0 ? "INFO used_memory" : "VmRSS") + ") | "
                        + String.format(Locale.ROOT, "%.1f", m.get("redis")[k]) + " |");
                for (String c : configs) {
                    double[] v = m.get(c);
                    line.append(' ').append(v == null ? "n/a" : String.format(Locale.ROOT, "%.1f (%.2fx)", v[k],
                            v[k] / m.get("redis")[k])).append(" |");
                }
                System.out.println(line);
            }
        }
        System.out.println("\nTargets (ratio = min over the scenario's tests):");
        check("S1 >= 1.0x redis (epoll)", ratio("S1", "epoll"), 1.0);
        check("S2 >= 1.0x redis (epoll; stretch 1.5x)", ratio("S2", "epoll"), 1.0);
        check("S3 >= 1.0x redis (epoll)", ratio("S3", "epoll"), 1.0);
        check("blocking S1 >= 0.5x redis", ratio("S1", "blocking"), 0.5);
        for (String sc : List.of("S1", "S2")) {
            double nio = ratio(sc, "epoll-nio");
            double jni = ratio(sc, "epoll");
            check("Selector backend within 10% of JNI at " + sc + " (epoll-nio/epoll)", nio / jni, 0.9);
        }
        check("S8 B/key (RSS) <= redis (epoll; shown as redis/ours >= 1)", memoryRatio("S8", 1), 1.0);
        check("S9 collections >= 1.0x redis (epoll; min over its tests)", ratio("S9", "epoll"), 1.0);
        check("S10 ZADD, 100,000-member set >= 1.0x redis (epoll)", ratio("S10", "epoll"), 1.0);
        check("S12-S14 PUBLISH (1 subscriber, 100, a pattern) >= 1.0x redis (epoll)",
                Math.min(ratio("S12", "epoll"), Math.min(ratio("S13", "epoll"), ratio("S14", "epoll"))), 1.0);
        check("S15-S16 EVALSHA/FCALL (-P 16, -P 1) >= 1.0x redis (epoll)",
                Math.min(ratio("S15", "epoll"), ratio("S16", "epoll")), 1.0);
        check("S11 5-member zset B/key (INFO) <= 1.2x redis (epoll; redis/ours >= 0.83)", memoryRatio("S11", 0), 1 / 1.2);
    }

    /** redis/ours bytes per key of a memory scenario for epoll ({@code k}: 0 INFO, 1 RSS); NaN when not measured. */
    private double memoryRatio(String id, int k) {
        Map<String, double[]> m = memorySummary.getOrDefault(id, Map.of());
        double[] mem = m.get("epoll");
        double[] ref = m.get("redis");
        return mem == null || ref == null ? Double.NaN : ref[k] / mem[k];
    }

    private static String summaryRow(String name, Map<String, Double> values, List<String> configs, String format) {
        StringBuilder line = new StringBuilder("| " + name + " | " + String.format(Locale.ROOT, format, values.get("redis")) + " |");
        for (String c : configs) {
            Double v = values.get(c);
            line.append(' ').append(v == null ? "n/a" : String.format(Locale.ROOT, format, v)).append(" |");
        }
        return line.toString();
    }

    /** ours/redis for a config, the minimum over the scenario's tests; NaN when not measured. */
    double ratio(String scenario, String config) {
        double min = Double.NaN;
        for (var row : rpsSummary.entrySet()) {
            if (row.getKey().startsWith(scenario + " ")) {
                Double v = row.getValue().get(config);
                double r = v == null ? Double.NaN : v / row.getValue().get("redis");
                min = Double.isNaN(min) ? r : Math.min(min, r);
            }
        }
        return min;
    }

    /** Prints a target line; {@code value} is normalised so that higher is better and {@code atLeast} passes. */
    private static void check(String target, double value, double atLeast) {
        String verdict = Double.isNaN(value) ? "not measured" : value >= atLeast ? "MET" : "NOT MET";
        System.out.printf(Locale.ROOT, "  %-62s %8s  %s%n", target,
                Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value), verdict);
    }

    private static String fmt(Double rps) {
        return rps == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", rps);
    }

    /**
     * The I/O backend the server reports (redis: INFO multiplexing_api; ours: transport_backend),
     * so a configuration that silently fell back (epoll without its JNI library) shows in the labels.
     */
    static String backend(Server server) {
        try {
            String info = server.command("INFO", "server");
            for (String key : List.of("transport_backend", "multiplexing_api")) {
                for (String line : info.split("\r?\n")) {
                    if (line.startsWith(key + ":")) {
                        return "/" + line.substring(key.length() + 1).trim();
                    }
                }
            }
        } catch (IOException e) {
            // label without backend
        }
        return "";
    }

    private static List<Double> rps(List<Sample> samples) {
        return samples.stream().map(Sample::rps).toList();
    }

    // ---- memory scenarios (S8, S11) ---------------------------------------------------------------

    void runMemory(MemoryScenario ms, List<String> configs) throws IOException, InterruptedException {
        long keys = ms.keys();
        System.out.printf("%n== %s  memory: %d keys (%s) via redis-cli --pipe,"
                + " fresh server each, deltas over the empty server%s%n", ms.id(), keys, ms.description(),
                ms.collectOurs() ? "; ours after jcmd GC.run" : "");
        Path stream = workDir.resolve(ms.id().toLowerCase(Locale.ROOT) + "-stream.resp");
        if (!Files.exists(stream)) {
            Files.write(stream, commandStream(keys, ms.command()));
        }
        System.out.printf("   %-30s %16s %14s %16s %14s%n", "server", "used_memory delta", "B/key (INFO)",
                "VmRSS delta", "B/key (RSS)");
        List<String> servers = new ArrayList<>();
        servers.add("redis");
        servers.addAll(configs);
        for (String which : servers) {
            Server started;
            try {
                started = which.equals("redis") ? startRedis() : startOurs(which);
            } catch (IOException e) {
                if (which.equals("redis")) {
                    throw e;
                }
                System.out.println("   " + which + ": FAILED TO START: " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            try (Server server = started) {
                Thread.sleep(500); // let a JVM finish its start-up allocations before the baseline
                long used0 = infoField(server.command("INFO", "memory"), "used_memory");
                long rss0 = server.rssBytes();
                String out = run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(server.port), "--pipe"),
                        stream);
                String size = server.command("DBSIZE");
                if (!size.equals(":" + keys)) {
                    throw new IOException(server.label + ": DBSIZE " + size + " after redis-cli --pipe:\n" + out);
                }
                if (ms.collectOurs() && !which.equals("redis")) {
                    // the JDK running this program has jcmd; the image's JVM answers the attach
                    run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                            Long.toString(server.pid()), "GC.run"), null);
                }
                Thread.sleep(500);
                long used1 = infoField(server.command("INFO", "memory"), "used_memory");
                long rss1 = server.rssBytes();
                System.out.printf(Locale.ROOT, "   %-30s %16d %14.1f %16d %14.1f%n", server.label + backend(server), used1 - used0,
                        (used1 - used0) / (double) keys, rss1 - rss0, (rss1 - rss0) / (double) keys);
                memorySummary.computeIfAbsent(ms.id(), k -> new LinkedHashMap<>()).put(which, new double[] {(used1 - used0) / (double) keys, (rss1 - rss0) / (double) keys});
            }
        }
        Files.deleteIfExists(stream); // S8: 50 MB; the server logs stay for inspection
    }

    // ---- main ------------------------------------------------------------------------------------

    /** redis-server from PATH, else the embedded 7.0.15 binary extracted from the embedded-redis jar. */
    static String findRedisServer(Path workDir) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Path jar = Path.of(System.getProperty("user.home"),
                ".m2/repository/org/signal/embedded-redis/0.9.1/embedded-redis-0.9.1.jar");
        if (!Files.exists(jar)) {
            throw new IOException("no redis-server on PATH and no " + jar
                    + " (apt-get install redis-server, or mvn dependency:get -Dartifact=org.signal:embedded-redis:0.9.1)");
        }
        Path bin = workDir.resolve("redis-server-7.0.15-linux-amd64");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry("redis-server-7.0.15-linux-amd64");
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, bin, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        bin.toFile().setExecutable(true);
        return bin.toString();
    }

    static void usage() {
        System.out.println("""
                usage: side-by-side.sh [--quick] [--rounds N] [--configs epoll,epoll-nio,blocking]
                                       [--image PATH] [S1 S2 S3 S4 S5 S8 S9 S10 S11 S12 S13 S14 S15 S16 AOF S1-AOF-ALWAYS ...]
                  Needs: ./mvnw -q -DskipTests package (the image), redis-server, redis-benchmark, redis-cli.
                  --quick    a tenth of the requests (smoke run)
                  --configs  our configurations, default: epoll (epoll, native auto)
                             epoll = --transport epoll --epoll-native auto
                             epoll-nio = --transport epoll --epoll-native no
                             blocking = --transport blocking
                  scenarios  default: all (S1 S2 S3 S4 S5 S8 S9 S10 S11 S12 S13 S14 S15 S16);
                             AOF = S1/S2 with appendonly yes and appendfsync always, everysec, no""");
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int rounds = 3;
        List<String> configs = new ArrayList<>(List.of("epoll"));
        Path root = Path.of(System.getProperty("ri.root", ".")).toAbsolutePath().normalize();
        Path image = root.resolve("server-app/target/redis-internals/bin/redis-internals");
        List<String> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--configs" -> configs = Arrays.asList(args[++i].split(","));
                case "--image" -> image = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    String id = args[i].toUpperCase(Locale.ROOT);
                    if (!SCENARIOS.containsKey(id) && !MEMORY.containsKey(id) && !id.equals("AOF")) {
                        System.err.println("unknown scenario or option: " + args[i]);
                        usage();
                        System.exit(2);
                    }
                    scenarios.add(id);
                }
            }
        }
        for (String c : configs) {
            if (!CONFIGS.containsKey(c)) {
                System.err.println("unknown config " + c + "; known: " + CONFIGS.keySet());
                System.exit(2);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(SCENARIOS.keySet());
            scenarios.removeAll(AOF_SCENARIOS);
            scenarios.addAll(MEMORY.keySet());
        }
        if (scenarios.remove("AOF")) {
            scenarios.addAll(AOF_SCENARIOS);
        }
        if (!Files.isExecutable(image)) {
            System.err.println("no image at " + image + ": run ./mvnw -q -DskipTests package first");
            System.exit(1);
        }
        Path workDir = Files.createTempDirectory("side-by-side");
        String redisServer = findRedisServer(workDir);
        long clkTck = Long.parseLong(run(List.of("getconf", "CLK_TCK"), null).trim());
        printEnvironment(redisServer, image, clkTck, configs);
        SideBySide harness = new SideBySide(workDir, redisServer, image, quick, rounds, clkTck);
        for (String id : scenarios) {
            if (MEMORY.containsKey(id)) {
                harness.runMemory(MEMORY.get(id), configs);
            } else {
                harness.runScenario(SCENARIOS.get(id), configs);
            }
        }
        harness.printSummary(configs);
        System.out.println("\nserver logs: " + workDir);
    }

    private static void printEnvironment(String redisServer, Path image, long clkTck, List<String> configs) {
        System.out.println("date:          " + Instant.now());
        System.out.println("cpus:          " + Runtime.getRuntime().availableProcessors() + "  " + cpuModel());
        System.out.println("kernel:        " + System.getProperty("os.version"));
        System.out.println("reference:     " + redisServer + "  " + firstLine(redisServer, "--version"));
        System.out.println("load tool:     " + firstLine("redis-benchmark", "--version"));
        System.out.println("image:         " + image);
        Path imageJava = image.getParent().resolve("java");
        System.out.println("image JDK:     " + firstLine(imageJava.toString(), "-version"));
        // jlink --add-options are applied by the image's own launcher: they show up here.
        System.out.println("image flags:   " + firstLine(imageJava.toString(), "-XX:+PrintCommandLineFlags", "-version"));
        String extra = System.getenv("REDIS_INTERNALS_JAVA_OPTS");
        if (extra != null) {
            System.out.println("REDIS_INTERNALS_JAVA_OPTS: " + extra);
        }
        for (String c : configs) {
            System.out.println("config " + c + ": " + String.join(" ", CONFIGS.get(c)));
        }
        System.out.println("clock ticks/s: " + clkTck);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "";
    }

    private static String firstLine(String... cmd) {
        try {
            String out = run(List.of(cmd), null).trim();
            return out.lines().findFirst().orElse("");
        } catch (IOException | InterruptedException | UncheckedIOException e) {
            return "(" + e.getMessage().lines().findFirst().orElse("?") + ")";
        }
    }
}
