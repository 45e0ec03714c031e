package io.redisinternals.transport.epoll;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.redisinternals.transport.epoll.AbstractTransportSuite.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients and conditions that used to take a whole event loop down or make it spin (issue 9):
 * running out of direct memory or heap, accept failing with EMFILE, peers that never read, input
 * kept for a blocked client, and the memory a connection holds. Runs once per {@link Poller}
 * backend; allocation failures are injected through the transport's allocator hooks.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class AbstractHostileClientsSuite {

    private final List<EpollTransport> transports = new ArrayList<>();
    final ConcurrentLinkedQueue<LineHandler> handlers = new ConcurrentLinkedQueue<>();

    abstract boolean jni();

    private Poller openPoller() throws IOException {
        return jni() ? new EpollPoller() : new SelectorPoller();
    }

    /** Starts one loop over {@code pollers}, after {@code beforeStart} has set hooks. */
    private EpollTransport start(EpollTransport.PollerFactory pollers, Consumer<EpollTransport> beforeStart) throws IOException {
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 128, Map.of());
        EpollTransport t = new EpollTransport(config, c -> {
            LineHandler h = new LineHandler(c, handlers);
            handlers.add(h);
            return h;
        }, pollers, jni() ? "jni-epoll" : "nio-selector", 1, 10,
                AbstractTransportSuite.TEST_HIGH_WATER, AbstractTransportSuite.TEST_LOW_WATER, Duration.ofSeconds(1));
        beforeStart.accept(t);
        transports.add(t);
        t.start();
        return t;
    }

    private EpollTransport start(Consumer<EpollTransport> beforeStart) throws IOException {
        return start(this::openPoller, beforeStart);
    }

    @AfterEach
    void closeTransports() {
        for (EpollTransport t : transports) {
            t.close(Duration.ofSeconds(2));
        }
    }

    private LineHandler awaitHandler(int count) {
        waitFor(() -> handlers.size() >= count, "handler #" + count);
        return handlers.stream().skip(count - 1).findFirst().orElseThrow();
    }

    private static InetSocketAddress address(EpollTransport t) {
        return t.localAddresses().get(0);
    }

    /** The transport answers a new client: the loop and the listener are alive. */
    private static void assertServes(EpollTransport t) throws IOException {
        try (TestClient c = new TestClient(address(t))) {
            c.send("still here\n");
            assertEquals("still here\n", c.readLine());
        }
    }

    /** Reads until the server closes (or resets) the connection; returns the bytes read. */
    private static long drainUntilClosed(TestClient c) throws IOException {
        InputStream in = c.socket.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        } catch (SocketException reset) {
            // closed with unread input: a reset is a close too
        }
        return total;
    }

    private static byte[] line(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 'v');
        b[length - 1] = '\n';
        return b;
    }

    private static Thread sendInBackground(TestClient c, byte[] bytes) {
        return Thread.ofPlatform().daemon().start(() -> {
            try {
                c.send(bytes);
            } catch (IOException e) {
                // the server closed it: what the test expects
            }
        });
    }

    // ---------------------------------------------------------------- finding 1: failures are contained

    @Test
    void runningOutOfMemoryForABigFrameClosesOnlyThatConnection() throws Exception {
        // The loop's read buffer is allocated at start; after that every allocation is refused,
        // except small kept frames (what the other clients need).
        AtomicBoolean exhausted = new AtomicBoolean();
        EpollTransport t = start(tr -> {
            tr.directAllocator = n -> {
                if (exhausted.get()) {
                    throw new OutOfMemoryError("Cannot reserve " + n + " bytes of direct buffer memory (test)");
                }
                return ByteBuffer.allocateDirect(n);
            };
            tr.heapAllocator = n -> {
                if (exhausted.get() && n > 200_000) {
                    throw new OutOfMemoryError("Java heap space (test)");
                }
                return ByteBuffer.allocate(n);
            };
        });
        exhausted.set(true);
        try (TestClient bystander = new TestClient(address(t)); TestClient big = new TestClient(address(t))) {
            bystander.send("before\n");
            assertEquals("before\n", bystander.readLine());
            Thread writer = sendInBackground(big, new byte[4 * 1024 * 1024]); // one frame, never ends
            drainUntilClosed(big);
            writer.join(5_000);
            LineHandler h = awaitHandler(2);
            assertTrue(h.closed.await(5, TimeUnit.SECONDS));
            bystander.send("after\n");
            assertEquals("after\n", bystander.readLine());
            assertServes(t);
        }
    }

    @Test
    void runningOutOfMemoryForAReplyClosesOnlyThatConnection() throws Exception {
        AtomicBoolean exhausted = new AtomicBoolean();
        AtomicInteger heapFailures = new AtomicInteger();
        EpollTransport t = start(tr -> {
            tr.directAllocator = n -> {
                if (exhausted.get()) {
                    throw new OutOfMemoryError("Cannot reserve " + n + " bytes of direct buffer memory (test)");
                }
                return ByteBuffer.allocateDirect(n);
            };
            tr.heapAllocator = n -> {
                if (exhausted.get() && n == EventLoop.CHUNK_SIZE && heapFailures.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("Java heap space (test)");
                }
                return ByteBuffer.allocate(n);
            };
        });
        exhausted.set(true);
        try (TestClient victim = new TestClient(address(t)); TestClient other = new TestClient(address(t))) {
            victim.send("BIG\n");
            drainUntilClosed(victim);
            assertTrue(awaitHandler(1).closed.await(5, TimeUnit.SECONDS));
            other.send("hello\n"); // a heap chunk now: direct memory is still refused
            assertEquals("hello\n", other.readLine());
            assertServes(t);
        }
    }

    @Test
    void anErrorInALoopTaskDoesNotStopTheLoop() throws Exception {
        EpollTransport t = start(tr -> { });
        try (TestClient c = new TestClient(address(t))) {
            c.send("one\n");
            assertEquals("one\n", c.readLine());
            EventLoop loop = t.loop(0);
            loop.execute(() -> {
                throw new OutOfMemoryError("Cannot reserve 65536 bytes of direct buffer memory (test)");
            });
            loop.execute(() -> {
                throw new IllegalStateException("test");
            });
            c.send("two\n");
            assertEquals("two\n", c.readLine());
            assertTrue(t.loopThreads().get(0).isAlive());
            assertServes(t);
        }
    }

    // ---------------------------------------------------------------- finding 4: accept errors back off

    /** A poller whose accept fails as with EMFILE while {@link #failing} is set. */
    static final class FailingAcceptPoller implements Poller {
        final Poller delegate;
        final AtomicBoolean failing;
        final AtomicInteger acceptCalls;

        FailingAcceptPoller(Poller delegate, AtomicBoolean failing, AtomicInteger acceptCalls) {
            this.delegate = delegate;
            this.failing = failing;
            this.acceptCalls = acceptCalls;
        }

        @Override public String backendName() { return delegate.backendName(); }
        @Override public PollerSocket listen(InetSocketAddress a, int backlog, Object att) throws IOException {
            return delegate.listen(a, backlog, att);
        }
        @Override public PollerSocket accept(PollerSocket listener) throws IOException {
            acceptCalls.incrementAndGet();
            if (failing.get()) {
                throw new IOException("Too many open files");
            }
            return delegate.accept(listener);
        }
        @Override public void register(PollerSocket s, int interest, Object att) throws IOException {
            delegate.register(s, interest, att);
        }
        @Override public void interest(PollerSocket s, int interest) throws IOException { delegate.interest(s, interest); }
        @Override public void deregister(PollerSocket s) throws IOException { delegate.deregister(s); }
        @Override public int poll(long timeoutMillis, ReadySink sink) throws IOException { return delegate.poll(timeoutMillis, sink); }
        @Override public void wakeup() { delegate.wakeup(); }
        @Override public void close() throws IOException { delegate.close(); }
    }

    @Test
    void acceptFailingBacksOffInsteadOfSpinningAndLogsAtABoundedRate() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger acceptCalls = new AtomicInteger();
        EpollTransport t = start(() -> new FailingAcceptPoller(openPoller(), failing, acceptCalls), tr -> { });
        try (TestClient waiting = new TestClient(address(t))) { // connected in the backlog, not accepted
            Thread.sleep(1_000);
            int calls = acceptCalls.get();
            // One try per 100 ms back-off (plus slack for a slow machine), not millions.
            assertTrue(calls >= 2 && calls <= 20, "accept calls in 1 s: " + calls);
            // (Each try is logged through transport.acceptFailures: one line a second, see RateLimitedLogTest.)
            failing.set(false);
            waiting.send("served\n");
            assertEquals("served\n", waiting.readLine());
        }
        assertServes(t);
    }

    // ---------------------------------------------------------------- closeNow and onInputKept

    @Test
    void closeNowFromAnotherThreadDropsUnsentOutputAndClosesAtOnce() throws Exception {
        EpollTransport t = start(tr -> { });
        try (TestClient c = new TestClient(address(t))) {
            c.socket.setReceiveBufferSize(16 * 1024);
            c.send("FLOOD\n"); // 16 MiB of replies to a client that does not read them
            LineHandler h = awaitHandler(1);
            waitFor(() -> h.linesHandled.get() == 1 && h.connection.pendingOutputBytes() > 0, "flood queued");
            long start = System.nanoTime();
            h.connection.closeNow();
            assertTrue(h.closed.await(1, TimeUnit.SECONDS), "onClose after closeNow");
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "closeNow waited for the peer");
            assertEquals(1, h.onCloseCalls.get());
            assertEquals(0, h.connection.pendingOutputBytes());
            long received = drainUntilClosed(c);
            assertTrue(received < 256L * LineHandler.BIG_REPLY, "received " + received);
            // the count drops right after onClose returns (on the loop), not before the latch opens
            waitFor(() -> t.openConnections() == 0, "connection counted as finished");
        }
    }

    @Test
    void closeNowInsideOnReadSendsNothingMore() throws Exception {
        EpollTransport t = start(tr -> { });
        try (TestClient c = new TestClient(address(t))) {
            c.send("KILL\nnot answered\n");
            assertEquals(0, drainUntilClosed(c));
            LineHandler h = awaitHandler(1);
            assertTrue(h.closed.await(5, TimeUnit.SECONDS));
            assertEquals(1, h.linesHandled.get());
        }
    }

    @Test
    void inputKeptWhileSuspendedIsReportedAfterEveryReadAndTheHandlerBoundsIt() throws Exception {
        EpollTransport t = start(tr -> { });
        try (TestClient c = new TestClient(address(t))) {
            c.send("SUSPEND\n");
            assertEquals("SUSPENDED\n", c.readLine());
            LineHandler h = awaitHandler(1);
            c.send("A\n");
            waitFor(() -> !h.keptReports.isEmpty(), "first report");
            assertEquals(2L, h.keptReports.peek());
            h.keptLimit = 300_000;
            Thread writer = sendInBackground(c, line(2 * 1024 * 1024));
            drainUntilClosed(c);
            writer.join(5_000);
            assertTrue(h.closed.await(5, TimeUnit.SECONDS), "closed over the limit");
            long last = 0;
            for (long kept : h.keptReports) {
                assertTrue(kept > last, "reports grow: " + h.keptReports);
                last = kept;
            }
            // Nothing is read past the limit without the handler having been asked.
            assertTrue(last > 300_000 && last <= 300_000 + EventLoop.READ_BUFFER_SIZE, "last report " + last);
        }
    }

    // ---------------------------------------------------------------- finding 13: shutdown honours the grace

    @Test
    void closeCutsANonReadingPeerAndASuspendedClientByTheGrace() throws Exception {
        EpollTransport t = start(tr -> { });
        try (TestClient flooded = new TestClient(address(t)); TestClient blocked = new TestClient(address(t))) {
            flooded.socket.setReceiveBufferSize(16 * 1024);
            flooded.send("FLOOD\n");
            blocked.send("SUSPEND\n");
            assertEquals("SUSPENDED\n", blocked.readLine());
            LineHandler f = awaitHandler(1);
            waitFor(() -> f.linesHandled.get() == 1 && f.connection.pendingOutputBytes() > 0, "flood queued");
            long start = System.nanoTime();
            t.close(Duration.ofMillis(500));
            long took = System.nanoTime() - start;
            assertTrue(took < TimeUnit.MILLISECONDS.toNanos(1_000), "close(500 ms) took " + took / 1_000_000 + " ms");
            for (LineHandler h : handlers) {
                assertEquals(1, h.onCloseCalls.get());
            }
            assertTrue(t.loopThreads().stream().noneMatch(Thread::isAlive), "loops ended");
        }
    }

    // ---------------------------------------------------------------- findings 6 and 15: memory

    @Test
    void noDirectMemoryIsAllocatedPerRequestAndAnIdleConnectionHoldsNothing() throws Exception {
        AtomicInteger directAllocations = new AtomicInteger();
        EpollTransport t = start(tr -> tr.directAllocator = n -> {
            directAllocations.incrementAndGet();
            return ByteBuffer.allocateDirect(n);
        });
        int atStart = directAllocations.get();
        byte[] request = line(24 * 1024); // a 24 KB SET: bigger than the old 16 KiB read buffer
        try (TestClient c = new TestClient(address(t))) {
            for (int i = 0; i < 2_000; i++) {
                c.send(request);
                c.readExactly(request.length);
            }
            EpollConnection conn = (EpollConnection) awaitHandler(1).connection;
            int allocated = directAllocations.get() - atStart;
            assertTrue(allocated <= 2, "direct buffers allocated for 2,000 requests: " + allocated);
            assertTrue(t.loop(0).directChunks() <= EventLoop.DIRECT_CHUNK_BUDGET);
            // Idle: no input kept beyond a small buffer, no output chunk.
            waitFor(() -> conn.pendingOutputBytes() == 0, "output sent");
            assertTrue(conn.keptCapacity() <= EpollConnection.IDLE_KEPT_CAPACITY, "kept " + conn.keptCapacity());
        }
    }

    @Test
    void aBigFrameIsKeptInABufferSizedToWhatArrivedAndDroppedAfter() throws Exception {
        EpollTransport t = start(tr -> { });
        try (TestClient c = new TestClient(address(t))) {
            byte[] part = new byte[300 * 1024];
            Arrays.fill(part, (byte) 'p');
            c.send(part); // no newline yet: all of it is kept
            LineHandler h = awaitHandler(1);
            EpollConnection conn = (EpollConnection) h.connection;
            waitFor(() -> runOnLoop(t, conn::keptInput) == part.length, "kept 300 KiB");
            int capacity = runOnLoop(t, conn::keptCapacity);
            assertTrue(capacity >= part.length && capacity <= part.length * 3 / 2 + EventLoop.READ_BUFFER_SIZE,
                    "kept capacity " + capacity + " for " + part.length + " bytes");
            c.send("\n");
            assertEquals(part.length + 1, c.readExactly(part.length + 1).length);
            waitFor(() -> runOnLoop(t, conn::keptCapacity) <= EpollConnection.IDLE_KEPT_CAPACITY, "kept buffer dropped");
        }
    }

    /** Reads loop-owned state on the loop thread. */
    private static int runOnLoop(EpollTransport t, java.util.function.IntSupplier read) {
        java.util.concurrent.CompletableFuture<Integer> f = new java.util.concurrent.CompletableFuture<>();
        t.loop(0).execute(() -> f.complete(read.getAsInt()));
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
