package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 9 (hardening) for the blocking transport: blocked clients cost nothing at rest, failures
 * stay with their connection, accept errors back off, buffers are small at rest and reused,
 * closeNow and the shutdown grace are honoured exactly.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockingTransportHardeningTest {

    private final BlockingQueue<LineEchoHandler> accepted = new LinkedBlockingQueue<>();
    private final List<TestClient> clients = new ArrayList<>();
    private BlockingTransport transport;
    private InetSocketAddress address;

    private BlockingTransport create(Duration closeFlushTimeout) {
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 1024, Map.of());
        transport = new BlockingTransport(config, connection -> {
            LineEchoHandler handler = new LineEchoHandler(connection);
            accepted.add(handler);
            return handler;
        }, closeFlushTimeout);
        return transport;
    }

    private void start() throws IOException {
        transport.start();
        address = transport.localAddresses().get(0);
    }

    @AfterEach
    void stop() throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        if (transport != null) {
            transport.close(Duration.ofSeconds(1));
        }
    }

    private TestClient connect() throws IOException {
        TestClient client = new TestClient(address);
        clients.add(client);
        return client;
    }

    private LineEchoHandler nextHandler() throws InterruptedException {
        LineEchoHandler handler = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(handler, "no connection accepted");
        return handler;
    }

    // ---------------------------------------------------------------- 14: suspended clients at rest

    @Test
    void fiveHundredSuspendedConnectionsCostNothingAtRest() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc for process CPU time");
        create(Duration.ofSeconds(5));
        start();
        int n = 500;
        for (int i = 0; i < n; i++) {
            connect().send("SUSPEND\n");
        }
        for (TestClient client : clients) {
            assertEquals("SUSPENDED\n", client.readLine());
        }
        Thread.sleep(300); // let setup (JIT, watchers starting) settle
        long wakeUps = transport.suspendedWakeUps();
        long reads = transport.watcherReads();
        long cpuBefore = processCpuMillis();
        Thread.sleep(1000);
        long cpu = processCpuMillis() - cpuBefore;
        assertEquals(wakeUps, transport.suspendedWakeUps(), "a suspended owner woke up with nothing to do");
        assertEquals(reads, transport.watcherReads(), "a watcher read with nothing to read");
        // Polling every 20 ms cost about half a core for 500; at rest it must be (almost) nothing.
        System.out.println("500 suspended connections at rest: " + cpu + " ms CPU in 1 s");
        assertTrue(cpu < 100, "500 suspended connections used " + cpu + " ms of CPU in 1 s at rest");
        // And a resume still delivers at once, with no new input.
        LineEchoHandler first = null;
        while (first == null) {
            LineEchoHandler h = nextHandler();
            if (h.connection.remoteAddress().equals(clients.get(0).socket.getLocalSocketAddress())) {
                first = h;
            }
        }
        LineEchoHandler firstHandler = first;
        clients.get(0).send("kept\n");
        awaitCondition(() -> !firstHandler.keptTotals.isEmpty());
        firstHandler.connection.resumeDelivery();
        assertEquals("kept\n", clients.get(0).readLine());
    }

    /** utime + stime of this process from /proc/self/stat, in milliseconds (assumes 100 ticks/s). */
    private static long processCpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    @Test
    void suspendResumeCyclesKeepEveryByteInOrder() throws Exception {
        create(Duration.ofSeconds(5));
        start();
        TestClient client = connect();
        client.send("hello\n");
        assertEquals("hello\n", client.readLine());
        LineEchoHandler handler = nextHandler();
        for (int i = 0; i < 50; i++) {
            client.send("SUSPEND\n");
            assertEquals("SUSPENDED\n", client.readLine());
            if (i % 2 == 0) {
                client.send("kept-" + i + "\n"); // read by the watcher, kept
                awaitKept(handler, i);
            }
            handler.connection.resumeDelivery();
            if (i % 2 == 0) {
                assertEquals("kept-" + i + "\n", client.readLine());
            }
            client.send("after-" + i + "\n"); // may be read by the left-over watcher
            assertEquals("after-" + i + "\n", client.readLine());
        }
    }

    private static void awaitKept(LineEchoHandler handler, int round) throws InterruptedException {
        long expected = ("kept-" + round + "\n").length();
        awaitCondition(() -> !handler.keptTotals.isEmpty()
                && handler.keptTotals.get(handler.keptTotals.size() - 1) == expected);
    }

    @Test
    void aResumeBeforeOnReadReturnsStillDeliversTheRestOfThePipeline() throws Exception {
        create(Duration.ofSeconds(5));
        start();
        TestClient client = connect();
        client.send("SUSPEND-RESUMED\nnext\n");
        assertEquals("SUSPENDED\n", client.readLine());
        assertEquals("next\n", client.readLine(), "kept input waited for new bytes");
    }

    @Test
    void keptInputIsReportedWithGrowingTotalsAndBounded() throws Exception {
        create(Duration.ofSeconds(5));
        start();
        TestClient client = connect();
        client.send("SUSPEND\nA\n");
        assertEquals("SUSPENDED\n", client.readLine());
        LineEchoHandler handler = nextHandler();
        long sent = 2; // "A\n" was kept when delivery was suspended
        byte[] chunk = "0123456789abcdef".repeat(64).getBytes(StandardCharsets.US_ASCII); // 1 KiB, no newline
        for (int i = 0; i < 5; i++) {
            client.send(chunk);
            sent += chunk.length;
            long expected = sent;
            awaitCondition(() -> !handler.keptTotals.isEmpty()
                    && handler.keptTotals.get(handler.keptTotals.size() - 1) == expected);
        }
        List<Long> totals = List.copyOf(handler.keptTotals);
        for (int i = 1; i < totals.size(); i++) {
            assertTrue(totals.get(i) > totals.get(i - 1), "kept totals must grow: " + totals);
        }
        // Over the limit: the handler closes at once, as Redis with client-query-buffer-limit.
        handler.keptLimit = sent + 1000;
        client.send(new byte[4096]);
        assertTrue(handler.closed.await(5, TimeUnit.SECONDS), "not closed over the kept-input limit");
        assertTrue(handler.keptTotals.get(handler.keptTotals.size() - 1) > handler.keptLimit);
    }

    // ---------------------------------------------------------------- closeNow and shutdown

    @Test
    void closeNowDropsUnsentOutputAndClosesAtOnce() throws Exception {
        create(Duration.ofSeconds(10));
        start();
        TestClient client = connect(); // never reads until the end
        client.socket.setReceiveBufferSize(64 * 1024);
        LineEchoHandler handler = nextHandler();
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 256; i++) { // 16 MiB from another thread: a writer blocks on the peer
            handler.connection.write(ByteBuffer.wrap(chunk));
        }
        handler.connection.flush();
        Thread.sleep(200);
        assertTrue(handler.connection.pendingOutputBytes() > 0);
        long started = System.nanoTime();
        handler.connection.closeNow();
        assertTrue(handler.closed.await(1, TimeUnit.SECONDS), "closeNow waited for the output to be sent");
        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1000));
        assertEquals(0, handler.connection.pendingOutputBytes());
        assertTrue(handler.connection.isClosed());
        long received = drain(client.socket.getInputStream());
        assertTrue(received < 8L * 1024 * 1024, "received " + received + " bytes: output was not dropped");
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        } catch (SocketException reset) {
            // a reset is an acceptable way for dropped output to end
        }
        return total;
    }

    @Test
    void shutdownCutsANonReadingPeerAndBlockedClientsByTheDeadline() throws Exception {
        create(Duration.ofSeconds(30));
        start();
        TestClient flooded = connect(); // never reads
        flooded.send("FLOODOPEN\n");
        LineEchoHandler floodHandler = nextHandler();
        TestClient closing = connect(); // close() with 16 MiB queued, never reads
        closing.send("FLOOD\n");
        LineEchoHandler closingHandler = nextHandler();
        List<LineEchoHandler> blocked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestClient client = connect();
            client.send("SUSPEND\n");
            assertEquals("SUSPENDED\n", client.readLine());
            blocked.add(nextHandler());
        }
        awaitCondition(() -> floodHandler.connection.pendingOutputBytes() > 0
                && closingHandler.connection.pendingOutputBytes() > 0);
        long started = System.nanoTime();
        transport.close(Duration.ofMillis(1000));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis >= 900 && tookMillis < 1400, "close(1 s) took " + tookMillis + " ms");
        assertEquals(1, floodHandler.onCloseCalls.get());
        assertEquals(1, closingHandler.onCloseCalls.get());
        for (LineEchoHandler handler : blocked) {
            assertEquals(1, handler.onCloseCalls.get());
        }
        assertEquals(0, transport.openConnections());
    }

    @Test
    void closeWithOutputIsBoundedWithoutAThreadPerClose() throws Exception {
        create(Duration.ofMillis(300));
        start();
        TestClient client = connect();
        client.send("FLOOD\n"); // 16 MiB then close(); never read
        LineEchoHandler handler = nextHandler();
        assertTrue(handler.closed.await(3, TimeUnit.SECONDS), "close was not bounded");
        // An idle connection closed from another thread needs no watchdog thread at all.
        TestClient idle = connect();
        idle.send("x\n");
        assertEquals("x\n", idle.readLine());
        LineEchoHandler idleHandler = nextHandler();
        idleHandler.connection.close();
        assertTrue(idleHandler.closed.await(3, TimeUnit.SECONDS));
        assertTrue(idle.atEndOfStream());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().endsWith("-close")));
    }

    // ---------------------------------------------------------------- 1: failures stay with their connection

    @Test
    void anErrorInTheHandlerClosesOnlyItsConnectionAndLogsOnce() throws Exception {
        create(Duration.ofSeconds(5));
        start();
        TestClient other = connect();
        other.send("before\n");
        assertEquals("before\n", other.readLine());
        nextHandler();
        long linesBefore = transport.failureLog().written();
        for (int i = 0; i < 20; i++) {
            TestClient failing = connect();
            failing.send("ERROR\n");
            assertTrue(failing.atEndOfStream());
            LineEchoHandler handler = nextHandler();
            assertTrue(handler.closed.await(5, TimeUnit.SECONDS));
            assertEquals(1, handler.onCloseCalls.get());
        }
        assertTrue(transport.failureLog().written() - linesBefore <= 2,
                (transport.failureLog().written() - linesBefore) + " lines for 20 failures");
        other.send("after\n");
        assertEquals("after\n", other.readLine());
    }

    @Test
    void anOutOfMemoryErrorGrowingTheReadBufferClosesOnlyThatConnection() throws Exception {
        create(Duration.ofSeconds(5));
        transport.allocator(size -> {
            if (size > 64 * 1024) {
                throw new OutOfMemoryError("Java heap space (injected)");
            }
            return ByteBuffer.allocate(size);
        });
        start();
        TestClient other = connect();
        other.send("before\n");
        assertEquals("before\n", other.readLine());
        nextHandler();
        TestClient big = connect();
        LineEchoHandler bigHandler = nextHandler();
        try {
            big.send(new byte[1 << 20]); // no newline: the frame grows the buffer past 64 KiB
        } catch (SocketException reset) {
            // the server may close before every byte is sent
        }
        assertTrue(bigHandler.closed.await(5, TimeUnit.SECONDS), "the failing connection was not closed");
        other.send("after\n");
        assertEquals("after\n", other.readLine());
        TestClient late = connect();
        late.send("new\n");
        assertEquals("new\n", late.readLine());
    }

    @Test
    void anErrorStartingAConnectionDoesNotStopTheAcceptor() throws Exception {
        create(Duration.ofSeconds(5));
        AtomicInteger owners = new AtomicInteger();
        transport.threads((name, task) -> {
            if (name.matches("conn-\\d+") && owners.incrementAndGet() == 1) {
                throw new OutOfMemoryError("unable to create native thread (injected)");
            }
            return Thread.ofVirtual().name(name).unstarted(task);
        });
        start();
        TestClient refused = connect();
        assertTrue(refused.atEndOfStream(), "the connection that could not start is closed");
        TestClient next = connect();
        next.send("still accepting\n");
        assertEquals("still accepting\n", next.readLine());
        assertEquals(1, transport.acceptFailures());
    }

    // ---------------------------------------------------------------- 4: accept errors back off

    @Test
    void acceptErrorsBackOffToAHundredMillisAndLogAtABoundedRate() throws Exception {
        create(Duration.ofSeconds(5));
        AtomicBoolean exhausted = new AtomicBoolean(true);
        AtomicLong attempts = new AtomicLong();
        transport.socketAccept(listener -> {
            attempts.incrementAndGet();
            if (exhausted.get()) {
                throw new IOException("Too many open files");
            }
            return listener.accept();
        });
        long linesBefore = transport.acceptLog().written();
        start();
        Thread.sleep(700);
        long tried = attempts.get();
        // 10, 20, 40, 80, 100, 100, ... ms: about 9 attempts in 700 ms (a fixed 10 ms made 70).
        assertTrue(tried >= 4 && tried <= 14, tried + " accept attempts in 700 ms");
        assertEquals(1, transport.acceptLog().written() - linesBefore, "one log line per second at most");
        exhausted.set(false);
        TestClient client = connect(); // waited in the backlog
        client.send("accepted\n");
        assertEquals("accepted\n", client.readLine());
    }

    @Test
    void rateLimitedLogWritesOneLinePerIntervalWithTheSuppressedCount() {
        AtomicLong now = new AtomicLong(0);
        List<String> lines = new ArrayList<>();
        System.Logger sink = new System.Logger() {
            @Override
            public String getName() {
                return "sink";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
                lines.add(msg);
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
                lines.add(format);
            }
        };
        RateLimitedLog log = new RateLimitedLog(sink, System.Logger.Level.WARNING, 1000, now::get);
        assertTrue(log.log(() -> "first"));
        for (int i = 0; i < 5; i++) {
            now.addAndGet(100);
            log.log(() -> "again");
        }
        now.addAndGet(600);
        assertTrue(log.log(() -> "later"));
        assertEquals(List.of("first", "later (5 similar suppressed)"), lines);
        assertEquals(2, log.written());
    }

    // ---------------------------------------------------------------- 6/15: buffers

    @Test
    void idleConnectionsHoldOnlyASmallReadBufferAndRequestsAllocateNothing() throws Exception {
        create(Duration.ofSeconds(5));
        AtomicLong allocatedBytes = new AtomicLong();
        AtomicLong allocations = new AtomicLong();
        transport.allocator(size -> {
            allocations.incrementAndGet();
            allocatedBytes.addAndGet(size);
            return ByteBuffer.allocate(size);
        });
        start();
        int n = 100;
        for (int i = 0; i < n; i++) {
            TestClient client = connect();
            client.send("hello-" + i + "\n");
            assertEquals("hello-" + i + "\n", client.readLine());
        }
        // 1 KiB resting read buffer each, plus a few pooled 16 KiB chunks shared by all.
        assertTrue(allocatedBytes.get() <= n * 1024L + 4 * BufferPool.BUFFER_SIZE,
                allocatedBytes.get() + " bytes allocated for " + n + " idle connections");
        TestClient busy = clients.get(0);
        long before = allocations.get();
        for (int i = 0; i < 1000; i++) {
            busy.send("request-" + i + "\n");
            assertEquals("request-" + i + "\n", busy.readLine());
        }
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            pipeline.append("pipelined-").append(i).append('\n');
        }
        busy.send(pipeline.toString()); // ~30 KB: grows into a pooled buffer and back
        for (int i = 0; i < 2000; i++) {
            assertEquals("pipelined-" + i + "\n", busy.readLine());
        }
        assertTrue(allocations.get() - before <= 4,
                (allocations.get() - before) + " buffers allocated for 1000 requests and a pipeline");
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(2);
        }
    }
}
