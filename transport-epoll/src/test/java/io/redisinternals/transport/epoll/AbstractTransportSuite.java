package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection-behaviour suite every {@link Poller} backend must pass, over the shared event
 * loop: plain java.net.Socket clients and the {@link LineHandler} test protocol.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class AbstractTransportSuite {

    /** Small backpressure bounds so the test needs only a few MiB of unread replies. */
    static final long TEST_HIGH_WATER = 1024 * 1024;
    static final long TEST_LOW_WATER = 256 * 1024;

    private final List<EpollTransport> transports = new ArrayList<>();
    final ConcurrentLinkedQueue<LineHandler> handlers = new ConcurrentLinkedQueue<>();

    /** Whether this backend uses JNI. */
    abstract boolean jni();

    abstract String expectedBackend();

    EpollTransport start(int ioThreads) throws IOException {
        return start(ioThreads, EpollTransportProvider.CLOSE_FLUSH_TIMEOUT);
    }

    EpollTransport start(int ioThreads, Duration closeFlushTimeout) throws IOException {
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 128, Map.of());
        EpollTransport t = EpollTransportProvider.create(config, c -> {
            LineHandler h = new LineHandler(c, handlers);
            handlers.add(h);
            return h;
        }, jni(), ioThreads, 10, TEST_HIGH_WATER, TEST_LOW_WATER, closeFlushTimeout);
        transports.add(t);
        t.start();
        return t;
    }

    static InetSocketAddress address(EpollTransport t) {
        return t.localAddresses().get(0);
    }

    @AfterEach
    void closeTransports() {
        for (EpollTransport t : transports) {
            t.close(Duration.ofSeconds(2));
        }
    }

    LineHandler awaitHandler(int count) {
        waitFor(() -> handlers.size() >= count, "handler #" + count);
        return handlers.stream().skip(count - 1).findFirst().orElseThrow();
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void backendNameIsReported() throws IOException {
        EpollTransport t = start(1);
        assertEquals(expectedBackend(), t.backend());
        assertEquals(1, t.localAddresses().size());
        assertTrue(t.localAddresses().get(0).getPort() > 0);
    }

    @Test
    void echoesAndCallsTheHandlerOnTheLoopThread() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("hello\n");
            assertEquals("hello\n", c.readLine());
            c.send("a\nb\n");
            assertEquals("a\n", c.readLine());
            assertEquals("b\n", c.readLine());
        }
        LineHandler h = awaitHandler(1);
        assertTrue(h.closed.await(5, TimeUnit.SECONDS));
        assertTrue(h.acceptThread.getName().startsWith("epoll-loop-"), h.acceptThread.getName());
        assertEquals(h.acceptThread, h.onReadThread);
        assertEquals(h.acceptThread, h.onCloseThread);
        assertEquals(1, h.onCloseCalls.get());
        assertFalse(h.readAfterClose);
    }

    @Test
    void partialFramesAcrossReadsAreKept() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("hel");
            LineHandler h = awaitHandler(1);
            waitFor(() -> h.onReadCalls.get() >= 1, "first read");
            c.send("lo wor");
            waitFor(() -> h.onReadCalls.get() >= 2, "second read");
            c.send("ld\nnext\n");
            assertEquals("hello world\n", c.readLine());
            assertEquals("next\n", c.readLine());
            assertTrue(h.onReadCalls.get() >= 3);
        }
    }

    @Test
    void oneMebibyteFrameGrowsTheBufferAndShrinksAfter() throws Exception {
        EpollTransport t = start(1);
        byte[] frame = new byte[1024 * 1024 + 1];
        for (int i = 0; i < frame.length - 1; i++) {
            frame[i] = (byte) ('a' + i % 26);
        }
        frame[frame.length - 1] = '\n';
        try (TestClient c = new TestClient(address(t))) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    c.send(frame);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            assertArrayEquals(frame, c.readExactly(frame.length));
            writer.join();
            c.send("small\n");
            assertEquals("small\n", c.readLine());
        }
    }

    @Test
    void hundredThousandPipelinedRequestsAreAnsweredInOrderInFewWrites() throws Exception {
        EpollTransport t = start(1);
        StringBuilder sb = new StringBuilder();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            sb.append(i).append('\n');
        }
        byte[] all = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        try (TestClient c = new TestClient(address(t))) {
            c.send(all); // one write; replies stay queued on the server until we read
            assertArrayEquals(all, c.readExactly(all.length));
        }
        LineHandler h = awaitHandler(1);
        assertEquals(n, h.linesHandled.get());
        // Every reply of one read leaves in one write: far fewer reads than requests.
        assertTrue(h.onReadCalls.get() < n / 10, "onRead calls: " + h.onReadCalls.get());
    }

    @Test
    void repliesOfOneReadLeaveInOneWrite() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("ping\n");
            assertEquals("ping\n", c.readLine());
            EpollConnection conn = (EpollConnection) awaitHandler(1).connection;
            // The loop counts a write after it returns, which may be after the client has the bytes.
            waitFor(() -> conn.socketWrites() == 1, "first write counted");
            long before = conn.socketWrites();
            c.send("a\nb\nc\nd\n");
            assertEquals("a\n", c.readLine());
            assertEquals("b\n", c.readLine());
            assertEquals("c\n", c.readLine());
            assertEquals("d\n", c.readLine());
            LineHandler h = awaitHandler(1);
            waitFor(() -> conn.socketWrites() > before, "writes counted");
            Thread.sleep(20);
            // One write per read cycle (4 replies, usually 1 read).
            long writes = conn.socketWrites() - before;
            assertTrue(writes >= 1 && writes <= h.onReadCalls.get() - 1,
                    writes + " writes for " + (h.onReadCalls.get() - 1) + " reads");
        }
    }

    @Test
    void thousandConcurrentConnectionsOverTwoLoops() throws Exception {
        EpollTransport t = start(2);
        int n = 1000;
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                clients.add(new TestClient(address(t)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    int first = k;
                    done.add(pool.submit(() -> {
                        for (int i = first; i < n; i += 8) {
                            TestClient c = clients.get(i);
                            c.send("req" + i + "\n");
                            assertEquals("req" + i + "\n", c.readLine());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(20, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            waitFor(() -> handlers.size() == n, "all handlers");
            // Round robin over the two loops.
            long onLoop0 = handlers.stream().filter(h -> h.acceptThread.getName().equals("epoll-loop-0")).count();
            assertEquals(n / 2, onLoop0);
        } finally {
            for (TestClient c : clients) {
                c.close();
            }
        }
        waitFor(() -> handlers.stream().allMatch(h -> h.onCloseCalls.get() == 1), "onClose for all");
        waitFor(() -> t.openConnections() == 0, "no open connections");
    }

    @Test
    void writeAndFlushFromAnotherThreadArrives() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("hi\n");
            assertEquals("hi\n", c.readLine());
            Connection conn = awaitHandler(1).connection;
            ByteBuffer msg = ByteBuffer.wrap("pushed\n".getBytes(StandardCharsets.ISO_8859_1));
            conn.write(msg);
            assertFalse(msg.hasRemaining());
            conn.flush();
            assertEquals("pushed\n", c.readLine());
        }
    }

    @Test
    void concurrentForeignWritesNeverInterleave() throws Exception {
        EpollTransport t = start(1);
        int threads = 4;
        int perThread = 2000;
        try (TestClient c = new TestClient(address(t))) {
            c.send("hi\n");
            assertEquals("hi\n", c.readLine());
            Connection conn = awaitHandler(1).connection;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                char mark = (char) ('A' + k);
                writers.add(Thread.ofPlatform().start(() -> {
                    byte[] line = new byte[200];
                    Arrays.fill(line, (byte) mark);
                    line[199] = '\n';
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        conn.write(ByteBuffer.wrap(line));
                        conn.flush();
                    }
                }));
            }
            go.countDown();
            int[] counts = new int[threads];
            for (int i = 0; i < threads * perThread; i++) {
                String line = c.readLine();
                assertEquals(200, line.length(), line);
                char mark = line.charAt(0);
                assertEquals(String.valueOf(mark).repeat(199) + "\n", line);
                counts[mark - 'A']++;
            }
            for (Thread w : writers) {
                w.join();
            }
            for (int k = 0; k < threads; k++) {
                assertEquals(perThread, counts[k]);
            }
        }
    }

    @Test
    void closeFromAnotherThreadSendsQueuedOutputThenEndsTheStream() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("hi\n");
            assertEquals("hi\n", c.readLine());
            LineHandler h = awaitHandler(1);
            h.connection.write(ByteBuffer.wrap("last\n".getBytes(StandardCharsets.ISO_8859_1)));
            h.connection.close();
            assertTrue(h.connection.isClosed());
            h.connection.write(ByteBuffer.wrap("dropped\n".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals("last\n", c.readLine());
            assertTrue(c.atEndOfStream());
            assertTrue(h.closed.await(5, TimeUnit.SECONDS));
            h.connection.close(); // idempotent
            Thread.sleep(50);
            assertEquals(1, h.onCloseCalls.get());
            assertEquals(h.acceptThread, h.onCloseThread);
            assertEquals(0, h.connection.pendingOutputBytes());
        }
    }

    @Test
    void handlerClosingInOnReadStillDeliversItsLastReply() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("one\nCLOSE\nnever\n");
            assertEquals("one\n", c.readLine());
            assertEquals("BYE\n", c.readLine());
            assertTrue(c.atEndOfStream());
        }
        LineHandler h = awaitHandler(1);
        assertTrue(h.closed.await(5, TimeUnit.SECONDS));
        assertEquals(1, h.onCloseCalls.get());
    }

    @Test
    void acceptorMayWriteAndCloseToRefuse() throws Exception {
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 128, Map.of());
        CountDownLatch closed = new CountDownLatch(1);
        EpollTransport t = EpollTransportProvider.create(config, c -> {
            c.write(ByteBuffer.wrap("-ERR max number of clients reached\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            c.close();
            return new io.redisinternals.transport.spi.ConnectionHandler() {
                @Override
                public void onRead(ByteBuffer in) {
                    throw new AssertionError("read after refusal");
                }

                @Override
                public void onClose() {
                    closed.countDown();
                }
            };
        }, jni(), 1, 0, TEST_HIGH_WATER, TEST_LOW_WATER, Duration.ofSeconds(5));
        transports.add(t);
        t.start();
        try (TestClient c = new TestClient(address(t))) {
            assertEquals("-ERR max number of clients reached\r\n", c.readLine());
            assertTrue(c.atEndOfStream());
        }
        assertTrue(closed.await(5, TimeUnit.SECONDS));
    }

    @Test
    void pauseStopsReadingAndResumeRedeliversThePipelineWithoutNewBytes() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("PAUSE\nA\nB\n");
            assertEquals("PAUSED\n", c.readLine());
            c.assertSilentFor(200);
            LineHandler h = awaitHandler(1);
            h.connection.resumeReading(); // from this (non-loop) thread, with no new bytes sent
            assertEquals("A\n", c.readLine());
            assertEquals("B\n", c.readLine());
            // Bytes that arrive while paused are not read until resumed.
            c.send("PAUSE\nX\n");
            assertEquals("PAUSED\n", c.readLine());
            int reads = h.onReadCalls.get();
            c.send("C\n");
            c.assertSilentFor(200);
            assertEquals(reads, h.onReadCalls.get());
            h.connection.resumeReading();
            assertEquals("X\n", c.readLine());
            assertEquals("C\n", c.readLine());
            c.send("D\n");
            assertEquals("D\n", c.readLine());
        }
    }

    @Test
    void suspendedDeliveryKeepsReadingAndResumeDeliversWhatArrived() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.send("SUSPEND\nA\n");
            assertEquals("SUSPENDED\n", c.readLine());
            LineHandler h = awaitHandler(1);
            int reads = h.onReadCalls.get();
            c.send("B\n"); // read from the socket, kept, not delivered
            c.assertSilentFor(200);
            assertEquals(reads, h.onReadCalls.get());
            h.connection.resumeDelivery(); // from this (non-loop) thread
            assertEquals("A\n", c.readLine());
            assertEquals("B\n", c.readLine());
            c.send("C\n");
            assertEquals("C\n", c.readLine());
        }
    }

    @Test
    void aPeerClosingWhileDeliveryIsSuspendedIsNoticed() throws Exception {
        EpollTransport t = start(1);
        TestClient c = new TestClient(address(t));
        c.send("SUSPEND\n");
        assertEquals("SUSPENDED\n", c.readLine());
        LineHandler h = awaitHandler(1);
        c.close();
        assertTrue(h.closed.await(5, TimeUnit.SECONDS), "a suspended connection must still see the close");
    }

    @Test
    void aHandlerWritesToAndResumesAnotherConnectionOfItsLoop() throws Exception {
        EpollTransport t = start(1); // one loop: both connections live on it
        try (TestClient blocked = new TestClient(address(t)); TestClient pusher = new TestClient(address(t))) {
            blocked.send("PAUSE\nafter\n");
            assertEquals("PAUSED\n", blocked.readLine());
            awaitHandler(2);
            pusher.send("WAKE\n");
            assertEquals("WOKE\n", pusher.readLine());
            // The push arrives, then the pipeline left when pausing is handed over again.
            assertEquals("woken\n", blocked.readLine());
            assertEquals("after\n", blocked.readLine());
            LineHandler h = awaitHandler(1);
            assertEquals(h.acceptThread, awaitHandler(2).acceptThread);
        }
    }

    @Test
    void backpressureStopsReadingAClientThatDoesNotReadItsReplies() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.socket.setReceiveBufferSize(64 * 1024);
            byte[] request = ("BIG" + "-".repeat(1020) + "\n").getBytes(StandardCharsets.ISO_8859_1);
            int total = 300; // 300 x 64 KiB = 18.75 MiB of replies, far past the bound
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        c.send(request);
                    }
                } catch (IOException e) {
                    // the test failed elsewhere
                }
            });
            LineHandler h = awaitHandler(1);
            EpollConnection conn = (EpollConnection) h.connection;
            waitFor(conn::isBackpressured, "backpressure");
            Thread.sleep(300);
            long handled = h.linesHandled.get();
            long pending = conn.pendingOutputBytes();
            Thread.sleep(300);
            assertEquals(handled, h.linesHandled.get(), "still reading while backpressured");
            assertTrue(handled < total, "handled " + handled);
            // Bounded: the high mark plus what one read cycle (one loop read buffer of requests) can produce.
            long oneCycle = (EventLoop.READ_BUFFER_SIZE / request.length + 1) * (long) LineHandler.BIG_REPLY;
            assertTrue(pending > TEST_HIGH_WATER && pending <= TEST_HIGH_WATER + oneCycle, "pending " + pending);
            // Reading the replies lets the server read again, and every request is answered.
            for (int i = 0; i < total; i++) {
                byte[] reply = c.readExactly(LineHandler.BIG_REPLY);
                assertEquals('\n', reply[reply.length - 1]);
            }
            writer.join(5_000);
            assertEquals(total, h.linesHandled.get());
            assertFalse(conn.isBackpressured());
        }
    }

    @Test
    void clientsDisconnectingMidFrameAndMidReplyLeakNothing() throws Exception {
        EpollTransport t = start(2);
        // Warm up lazily opened fds (selector pipes, libraries) before counting.
        try (TestClient c = new TestClient(address(t))) {
            c.send("warm\n");
            assertEquals("warm\n", c.readLine());
        }
        waitFor(() -> t.openConnections() == 0, "warm-up closed");
        Thread.sleep(100);
        long before = openFds();
        int n = 40;
        for (int i = 0; i < n; i++) {
            TestClient c = new TestClient(address(t));
            switch (i % 4) {
                case 0 -> c.send("partial frame without newline");
                case 1 -> {
                    c.send("FLOOD\n");
                    c.readExactly(1000); // mid-reply
                }
                case 2 -> {
                    c.send("FLOOD\n");
                    c.socket.setSoLinger(true, 0); // reset, not FIN
                }
                default -> {
                    c.send("x\n");
                    c.readLine();
                }
            }
            c.close();
        }
        waitFor(() -> handlers.size() == n + 1, "all accepted");
        waitFor(() -> t.openConnections() == 0, "all connections finished");
        for (LineHandler h : handlers) {
            assertTrue(h.closed.await(5, TimeUnit.SECONDS));
            assertEquals(1, h.onCloseCalls.get());
        }
        long[] after = new long[1];
        waitFor(() -> {
            try {
                after[0] = openFds();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return after[0] <= before;
        }, "fds back to " + before);
    }

    @Test
    void closeWithGraceFlushesRepliesClosesConnectionsAndStopsLoops() throws Exception {
        EpollTransport t = start(2);
        InetSocketAddress address = address(t);
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestClient c = new TestClient(address);
            c.send("hi" + i + "\n");
            assertEquals("hi" + i + "\n", c.readLine());
            clients.add(c);
        }
        // A queued reply from another thread is still sent at shutdown.
        Connection first = awaitHandler(1).connection;
        first.write(ByteBuffer.wrap("bye\n".getBytes(StandardCharsets.ISO_8859_1)));
        first.flush();
        long start = System.nanoTime();
        t.close(Duration.ofSeconds(2));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "close took too long");
        for (LineHandler h : handlers) {
            assertEquals(1, h.onCloseCalls.get());
        }
        TestClient c0 = clients.stream()
                .filter(c -> c.socket.getLocalPort() == first.remoteAddress().getPort()).findFirst().orElseThrow();
        assertEquals("bye\n", c0.readLine());
        for (TestClient c : clients) {
            assertTrue(c.atEndOfStream());
            c.close();
        }
        assertEquals(0, t.openConnections());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(th -> th.getName().startsWith("epoll-loop-") && th.isAlive() && loopOf(t, th)));
        assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
        t.close(Duration.ofSeconds(1)); // idempotent
    }

    @Test
    void closeWithGraceCutsAClientThatNeverReads() throws Exception {
        EpollTransport t = start(1);
        try (TestClient c = new TestClient(address(t))) {
            c.socket.setReceiveBufferSize(16 * 1024);
            c.send("FLOOD\n");
            LineHandler h = awaitHandler(1);
            waitFor(() -> h.connection.pendingOutputBytes() > 0 && h.linesHandled.get() == 1, "flood queued");
            long start = System.nanoTime();
            t.close(Duration.ofMillis(300));
            long took = System.nanoTime() - start;
            assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(250), "cut before the grace period: " + took);
            assertTrue(took < TimeUnit.MILLISECONDS.toNanos(1500), "close took " + took);
            assertEquals(1, h.onCloseCalls.get());
        }
    }

    @Test
    void startTwiceFailsAndBindConflictFails() throws Exception {
        EpollTransport t = start(1);
        assertThrows(IllegalStateException.class, t::start);
        TransportConfig taken = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), address(t).getPort(), 128, Map.of());
        EpollTransport other = EpollTransportProvider.create(taken, c -> new LineHandler(c), jni(), 1, 0,
                TEST_HIGH_WATER, TEST_LOW_WATER, Duration.ofSeconds(1));
        assertThrows(java.net.BindException.class, other::start);
        other.close(Duration.ZERO);
    }

    private static boolean loopOf(EpollTransport t, Thread th) {
        return t.loopThreads().contains(th);
    }

    static void assertNonNull(Object o) {
        assertNotNull(o);
    }
}
