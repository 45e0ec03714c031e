package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Load and abuse that the differential suites do not reach: a 100,000-command pipeline in one
 * write, a thousand clients at once, and clients that vanish halfway through a request or a reply.
 * These run against our server only (they measure this JVM, which hosts it) and on every
 * configuration, since they are exactly what an event loop gets wrong and a thread per client does not.
 */
class StressTest extends ConformanceTestBase {

    private static final int PIPELINED_PAIRS = 100_000;
    private static final int WANTED_CONNECTIONS = 1_000;
    /** Descriptors the JVM needs besides the test's sockets (jars, epoll fds, the shared servers' listeners). */
    private static final int FD_HEADROOM = 256;
    private static final long SETTLE_MILLIS = 15_000;

    @AllConfigurations
    void hundredThousandPipelinedSetGetPairsInOneWrite(String config) throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(8 << 20);
        for (int i = 0; i < PIPELINED_PAIRS; i++) {
            batch.writeBytes(Bytes.command("SET", "p:" + i, "v" + i));
            batch.writeBytes(Bytes.command("GET", "p:" + i));
        }
        byte[] bytes = batch.toByteArray();
        try (RawConnection c = ours(config).connect()) {
            // One write call for the whole batch (~5 MB), from its own thread: the server must keep
            // reading while its replies pile up unread, and we must read while it writes.
            Thread writer = Thread.ofPlatform().daemon().name("pipeline-writer").start(() -> c.sendLenient(bytes));
            for (int i = 0; i < PIPELINED_PAIRS; i++) {
                Reply set = c.read();
                if (!"+OK\r\n".equals(set.rawText())) {
                    throw new AssertionError(config + ": reply to SET #" + i + " was " + set.visible());
                }
                String value = "v" + i;
                Reply get = c.read();
                if (!("$" + value.length() + "\r\n" + value + "\r\n").equals(get.rawText())) {
                    throw new AssertionError(config + ": reply to GET #" + i + " was " + get.visible());
                }
            }
            writer.join(RawConnection.READ_TIMEOUT_MILLIS);
            assertFalse(writer.isAlive(), config + ": writer still blocked after every reply arrived");
            assertEquals(":" + PIPELINED_PAIRS + "\r\n", c.call("DBSIZE").rawText(), config);
            assertEquals("+PONG\r\n", c.call("PING").rawText(), config + ": nothing left over after the pipeline");
        }
    }

    @AllConfigurations
    void thousandConcurrentConnectionsEachDoingWork(String config) throws Exception {
        Assumptions.assumeTrue(ServerUnderTest.isInProcess(config), "fd budget is computed for an in-process server");
        thousandConnections(config, ours(config));
    }

    /**
     * Transports with event loops run one by default; the same load with {@code --io-threads 2}
     * spreads connections over two loops, so handing accepted sockets from the accepting loop to
     * another and closing them there is exercised too. Zero invocations are allowed only in the
     * self-check, where no transport declares {@code io-threads}: otherwise
     * {@link #multiLoopConfigurations()} fails when it finds no configuration to run on.
     */
    @ParameterizedTest(name = "[{0}] --io-threads 2", allowZeroInvocations = true)
    @MethodSource("multiLoopConfigurations")
    void thousandConnectionsAndVanishingClientsOverTwoIoThreads(String config) throws Exception {
        try (ServerUnderTest.Running server = ServerUnderTest.startDedicated(config, "--io-threads", "2")) {
            assertTrue(server.inProcess());
            thousandConnections(config + " --io-threads 2", server.endpoint());
            vanishingClientsLeakNothing(config + " --io-threads 2", server.endpoint());
        }
    }

    /**
     * The configurations whose transport declares {@code io-threads}; at least one outside the
     * self-check (the epoll transport does), else this fails rather than let the test run nowhere.
     */
    static Stream<String> multiLoopConfigurations() {
        List<String> found = ServerUnderTest.configurations().filter(c -> ServerUnderTest.discoveredProviders().stream()
                .anyMatch(p -> p.name().equals(ServerUnderTest.configuration(c).transport())
                        && p.settings().stream().anyMatch(s -> s.name().equals("io-threads")))).toList();
        if (found.isEmpty() && !ServerUnderTest.isReferenceSelfCheck()) {
            throw new AssertionError("no configuration under test " + ServerUnderTest.configurationNames()
                    + " has a transport declaring io-threads: the two-loop stress test would run nowhere");
        }
        return found.stream();
    }

    private static void thousandConnections(String config, Endpoint ep) throws Exception {
        // The test JVM hosts the server too, so each connection costs two descriptors (both ends).
        // HotSpot on Linux raises its soft RLIMIT_NOFILE to the hard limit at startup (MaxFDLimit),
        // so the soft limit read here is already the most this process can have; when it is below
        // what 1,000 connections need, the test uses the largest safe number and says so.
        long limit = openFileSoftLimit();
        int n = (int) Math.min(WANTED_CONNECTIONS, (limit - openFds() - FD_HEADROOM) / 2);
        if (n < WANTED_CONNECTIONS) {
            System.out.println("StressTest: open-files limit " + limit + " allows only " + n + " connections, not " + WANTED_CONNECTIONS);
        }
        assertTrue(n >= 100, "open-files limit " + limit + " is too low for a meaningful test");
        List<RawConnection> conns = new ArrayList<>(n);
        try (RawConnection control = ep.connect()) {
            int baseline = settledClients(control);
            for (int i = 0; i < n; i++) {
                conns.add(ep.connect());
            }
            // connect() returns once the kernel queued the connection; the server accepts after.
            awaitClients(control, baseline + n, config + ": every connection accepted and counted");

            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    int id = i;
                    RawConnection c = conns.get(i);
                    pool.submit(() -> {
                        try {
                            go.await();
                            for (int round = 0; round < 5; round++) {
                                String key = "c:" + id + ":" + round;
                                String value = id + "/" + round;
                                ByteArrayOutputStream req = new ByteArrayOutputStream();
                                req.writeBytes(Bytes.command("SET", key, value));
                                req.writeBytes(Bytes.command("GET", key));
                                req.writeBytes(Bytes.command("EXISTS", key, "c:" + id + ":0", "c:" + id + ":9"));
                                c.send(req.toByteArray());
                                List<Reply> r = c.read(3);
                                String got = r.get(0).rawText() + r.get(1).rawText() + r.get(2).rawText();
                                String want = "+OK\r\n$" + value.length() + "\r\n" + value + "\r\n:2\r\n";
                                if (!want.equals(got)) {
                                    problems.add("connection " + id + " round " + round + ": " + r);
                                    return;
                                }
                            }
                        } catch (Throwable t) {
                            problems.add("connection " + id + ": " + t);
                        }
                    });
                }
                go.countDown();
            }
            assertEquals(List.of(), problems.stream().limit(10).toList(), config + ": " + problems.size() + " connections failed");
            assertEquals(":" + 5 * n + "\r\n", control.call("DBSIZE").rawText(), config + ": every SET of every connection kept");
            conns.forEach(RawConnection::close);
            conns.clear();
            awaitClients(control, baseline, config + ": after closing " + n + " connections");
        } finally {
            conns.forEach(RawConnection::close);
        }
    }

    /**
     * Clients that disappear mid-frame (half a bulk sent) and mid-reply (a 10 MB value asked for
     * and never read), closing politely (FIN) or abruptly (RST), must leave nothing behind: the
     * server's descriptors (counted in /proc/self/fd, this JVM hosting the server), its client
     * count, and the memory their pending input and output held.
     */
    @AllConfigurations
    void clientsVanishingMidFrameAndMidReplyLeakNothing(String config) throws Exception {
        Assumptions.assumeTrue(ServerUnderTest.isInProcess(config), "descriptors are counted in this JVM");
        vanishingClientsLeakNothing(config, ours(config));
    }

    private static void vanishingClientsLeakNothing(String config, Endpoint ep) throws Exception {
        try (RawConnection control = ep.connect()) {
            ByteArrayOutputStream set = new ByteArrayOutputStream();
            set.writeBytes(Bytes.ascii("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + (10 << 20) + "\r\n"));
            set.writeBytes(Bytes.ascii("x".repeat(10 << 20) + "\r\n"));
            control.send(set.toByteArray());
            assertEquals("+OK\r\n", control.read().rawText());
            int clients = settledClients(control);

            // A first round loads every class and sizes every pool involved, so the counts
            // measured after it are the steady state the second round must come back to.
            vanishingClients(ep);
            awaitClients(control, clients, config + ": after the warm-up round");
            long fds = settledFds(-1);
            long heap = settledHeap();
            long direct = directBufferBytes();

            vanishingClients(ep);
            awaitClients(control, clients, config + ": after clients vanished mid-frame and mid-reply");
            long fdsAfter = settledFds(fds);
            assertTrue(fdsAfter <= fds, config + ": " + (fdsAfter - fds) + " descriptors leaked (" + fds + " before, "
                    + fdsAfter + " after): " + fdListing());
            long heapAfter = settledHeap();
            // Each GET left unread pins 10 MB if its reply is never released; 12 of them were sent.
            assertTrue(heapAfter - heap < 48L << 20, config + ": heap grew by " + ((heapAfter - heap) >> 20)
                    + " MB after clients vanished with 120 MB of replies unread");
            long directAfter = directBufferBytes();
            assertTrue(directAfter - direct < 32L << 20, config + ": direct buffers grew by "
                    + ((directAfter - direct) >> 20) + " MB after clients vanished");
            assertEquals("+PONG\r\n", control.call("PING").rawText(), config + ": server still serves");
            assertEquals(10 << 20, control.call("GET", "big").payload().length, config + ": the big value intact");
        }
    }

    /** Half-sent frames and unread big replies, each both with a FIN and with an RST. */
    private static void vanishingClients(Endpoint ep) throws IOException, InterruptedException {
        byte[] halfBulk = Bytes.ascii("*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$20\r\n0123456789");
        byte[] halfBigBulk = new byte[(1 << 20) + 64];
        byte[] header = Bytes.ascii("*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$4194304\r\n");
        System.arraycopy(header, 0, halfBigBulk, 0, header.length);
        java.util.Arrays.fill(halfBigBulk, header.length, halfBigBulk.length, (byte) 'y');
        byte[] threeBigGets = Bytes.ascii("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".repeat(3));
        for (boolean reset : new boolean[] {false, true}) {
            for (int i = 0; i < 10; i++) {
                vanish(ep, halfBulk, reset, 0);
            }
            vanish(ep, halfBigBulk, reset, 50);
            vanish(ep, threeBigGets, reset, 100);
            vanish(ep, threeBigGets, reset, 0);
        }
    }

    /** Sends {@code bytes}, waits {@code pauseMillis} so the server is mid-way, then closes (with RST if asked). */
    private static void vanish(Endpoint ep, byte[] bytes, boolean reset, int pauseMillis) throws IOException, InterruptedException {
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress(ep.host(), ep.port()), RawConnection.READ_TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            Thread.sleep(pauseMillis);
            if (reset) {
                s.setSoLinger(true, 0);
            }
        }
    }

    private static int connectedClients(RawConnection c) {
        String info = c.call("INFO", "clients").text();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("connected_clients:")) {
                return Integer.parseInt(line.substring("connected_clients:".length()));
            }
        }
        throw new AssertionError("INFO clients has no connected_clients: " + info);
    }

    /**
     * INFO connected_clients once it holds still for 300 ms (at most 5 s): connections an earlier
     * test closed may not have been noticed by the server yet (the blocking transport notices a
     * close on the connection's own thread), and counting them in the baseline would make the
     * expected total one too high once they go.
     */
    private static int settledClients(RawConnection control) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int last = connectedClients(control);
        int stable = 0;
        while (stable < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            int now = connectedClients(control);
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    /** Waits until INFO connected_clients is back to {@code expected}, then asserts it. */
    private static void awaitClients(RawConnection control, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        int now = connectedClients(control);
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = connectedClients(control);
        }
        assertEquals(expected, now, what + ": INFO connected_clients");
    }

    /** Open descriptors once the count stops falling (or reaches {@code target}), sampled every 100 ms. */
    private static long settledFds(long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        long last = openFds();
        int stable = 0;
        while (System.nanoTime() < deadline && (target < 0 ? stable < 5 : last > target)) {
            Thread.sleep(100);
            long now = openFds();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    private static long settledHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            min = Math.min(min, rt.totalMemory() - rt.freeMemory());
        }
        return min;
    }

    private static long directBufferBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count /proc/self/fd (Linux only)", e);
        }
    }

    private static String fdListing() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.map(p -> {
                try {
                    return Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    return "?";
                }
            }).collect(java.util.stream.Collectors.groupingBy(t -> t.replaceAll("\\[\\d+\\]", "[]").replaceAll("/.*/", "/…/"),
                    java.util.stream.Collectors.counting())).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The soft RLIMIT_NOFILE of this process, from /proc/self/limits. */
    static long openFileSoftLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return "unlimited".equals(soft) ? Long.MAX_VALUE / 4 : Long.parseLong(soft);
            }
        }
        throw new AssertionError("no 'Max open files' in /proc/self/limits");
    }
}
