package io.redisinternals.transport.epoll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JNI poller against real sockets on the loopback: a java.net.Socket plays the client. */
class EpollPollerTest {

    private EpollPoller poller;
    private PollerSocket listener;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** One poll's reports, in order. */
    private record Ready(Object attachment, int ops) {
    }

    @BeforeEach
    void open() throws IOException {
        // NativeAvailabilityTest fails if the library was built yet does not load; here, no library
        // (a build without gcc) means there is no JNI poller to test.
        Assumptions.assumeTrue(Native.isAvailable(), () -> "JNI library unavailable: " + Native.unavailabilityCause());
        poller = new EpollPoller();
        listener = poller.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, "listener");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (poller != null) {
            listener.close();
            poller.close();
        }
    }

    private List<Ready> poll(long timeoutMillis) throws IOException {
        List<Ready> ready = new ArrayList<>();
        poller.poll(timeoutMillis, (attachment, ops) -> ready.add(new Ready(attachment, ops)));
        return ready;
    }

    /** Polls until {@code attachment} is reported with all of {@code ops}, or fails after 5 s. */
    private int awaitReady(Object attachment, int ops) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (Ready r : poll(100)) {
                if (r.attachment() == attachment && (r.ops() & ops) == ops) {
                    return r.ops();
                }
            }
        }
        throw new AssertionError(attachment + " never became ready for " + ops);
    }

    private Socket connect() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
        client.setSoTimeout(5000);
        toClose.add(client);
        return client;
    }

    /** Connects a client, waits for ACCEPT, accepts and registers the server side for READ. */
    private PollerSocket acceptOne(Socket client, Object attachment) throws IOException {
        assertEquals(Poller.ACCEPT, awaitReady("listener", Poller.ACCEPT));
        PollerSocket server = poller.accept(listener);
        assertNotNull(server);
        toClose.add(server::close);
        assertEquals(client.getLocalSocketAddress(), server.remoteAddress());
        poller.register(server, Poller.READ, attachment);
        return server;
    }

    @Test
    void backendAndListenerAddress() {
        assertEquals("jni-epoll", poller.backendName());
        InetSocketAddress local = listener.localAddress();
        assertEquals(InetAddress.getLoopbackAddress(), local.getAddress());
        assertTrue(local.getPort() > 0, "ephemeral port assigned");
        assertNull(listener.remoteAddress());
    }

    @Test
    void acceptReturnsNullWhenNothingIsPending() throws IOException {
        assertNull(poller.accept(listener));
        assertTrue(poll(0).isEmpty());
    }

    @Test
    void readsWhatTheClientSends() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        assertEquals(client.getLocalSocketAddress(), server.remoteAddress());
        assertEquals(client.getRemoteSocketAddress(), server.localAddress());

        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        assertEquals(0, server.read(buffer), "nothing sent yet");
        client.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Poller.READ, awaitReady("conn", Poller.READ));
        assertEquals(14, server.read(buffer));
        assertEquals(14, buffer.position());
        // The position is honoured: the next read appends.
        client.getOutputStream().write('x');
        awaitReady("conn", Poller.READ);
        assertEquals(1, server.read(buffer));
        buffer.flip();
        byte[] got = new byte[buffer.remaining()];
        buffer.get(got);
        assertEquals("*1\r\n$4\r\nPING\r\nx", new String(got, StandardCharsets.US_ASCII));
    }

    @Test
    void readIntoAFullBufferReadsNothing() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        client.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
        awaitReady("conn", Poller.READ);
        ByteBuffer small = ByteBuffer.allocateDirect(2);
        assertEquals(2, server.read(small));
        assertEquals(0, server.read(small));
        ByteBuffer heap = ByteBuffer.allocate(8);
        assertEquals(1, server.read(heap), "heap buffers go through the staging copy");
        assertEquals('c', heap.get(0));
    }

    @Test
    void gatheringWriteSendsBuffersInOrderAndAdvancesPositions() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        ByteBuffer a = direct("+OK\r\n");
        ByteBuffer skipped = ByteBuffer.allocateDirect(4).position(4);
        ByteBuffer b = direct("$5\r\nhello\r\n");
        ByteBuffer heap = ByteBuffer.wrap(":42\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer notWritten = direct("NOT");
        ByteBuffer[] srcs = {notWritten, a, skipped, b, heap, notWritten};
        long n = server.write(srcs, 1, 4);
        assertEquals(5 + 11 + 5, n);
        assertEquals(0, a.remaining());
        assertEquals(0, b.remaining());
        assertEquals(0, heap.remaining());
        assertEquals(3, notWritten.remaining());
        assertEquals("+OK\r\n$5\r\nhello\r\n:42\r\n", readExactly(client.getInputStream(), 21));
    }

    @Test
    void partialWriteStopsAtTheSocketBufferAndWritableIsReported() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        // Fill the kernel buffers: the client reads nothing until writes return 0.
        ByteBuffer big = ByteBuffer.allocateDirect(1 << 20);
        long total = 0;
        long n;
        int rounds = 0;
        do {
            big.clear();
            n = server.write(new ByteBuffer[] {big}, 0, 1);
            total += n;
            assertTrue(++rounds < 1000, "socket buffer never filled");
        } while (n > 0);
        assertEquals(0, server.write(new ByteBuffer[] {direct("more")}, 0, 1));
        poller.interest(server, Poller.READ | Poller.WRITE);
        assertTrue(poll(0).stream().noneMatch(r -> r.attachment().equals("conn")), "not writable while full");
        // Drain on the client side; the poller then reports WRITE.
        InputStream in = client.getInputStream();
        byte[] sink = new byte[1 << 16];
        long drained = 0;
        while (drained < total) {
            drained += in.read(sink);
        }
        assertEquals(Poller.WRITE, awaitReady("conn", Poller.WRITE) & Poller.WRITE);
        poller.interest(server, Poller.READ);
    }

    @Test
    void endOfStreamIsMinusOne() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        client.shutdownOutput();
        awaitReady("conn", Poller.READ);
        assertEquals(-1, server.read(ByteBuffer.allocateDirect(16)));
    }

    @Test
    void resetByPeerIsAnIOException() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        client.setSoLinger(true, 0); // close() sends RST
        client.close();
        awaitReady("conn", Poller.READ);
        IOException e = assertThrows(IOException.class, () -> server.read(ByteBuffer.allocateDirect(16)));
        assertTrue(e.getMessage().contains("Connection reset by peer"), e.getMessage());
        assertEquals(Native.econnreset(), assertInstanceOf(Native.NativeIoException.class, e).errno());
    }

    @Test
    void anErrorIsReportedInEveryWatchedDirection() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        poller.interest(server, Poller.READ | Poller.WRITE);
        client.setSoLinger(true, 0);
        client.close();
        // EPOLLERR/EPOLLHUP: both bits, so the loop finds the error whichever way it looks first.
        assertEquals(Poller.READ | Poller.WRITE, awaitReady("conn", Poller.READ | Poller.WRITE));
        poller.interest(server, Poller.WRITE);
        assertEquals(Poller.WRITE, awaitReady("conn", Poller.WRITE), "masked by the interest");
    }

    @Test
    void writeToAClosedPeerFailsWithoutSigpipe() throws Exception {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        client.setSoLinger(true, 0);
        client.close();
        awaitReady("conn", Poller.READ);
        IOException failure = null;
        for (int i = 0; i < 10 && failure == null; i++) {
            try {
                server.write(new ByteBuffer[] {direct("a"), direct("b")}, 0, 2);
            } catch (IOException e) {
                failure = e;
            }
        }
        assertNotNull(failure, "writes to a reset connection must fail");
        int errno = ((Native.NativeIoException) failure).errno();
        assertTrue(errno == Native.epipe() || errno == Native.econnreset(), failure.getMessage());
    }

    @Test
    void interestZeroStopsReportsAndDeregisterForgetsTheSocket() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        client.getOutputStream().write('x');
        awaitReady("conn", Poller.READ);
        poller.interest(server, 0);
        assertTrue(poll(50).isEmpty(), "interest 0: nothing reported although data is pending");
        client.close(); // HUP must not be reported either
        assertTrue(poll(50).isEmpty());
        poller.interest(server, Poller.READ);
        awaitReady("conn", Poller.READ);
        poller.deregister(server);
        poller.deregister(server); // idempotent
        assertTrue(poll(50).isEmpty());
        assertThrows(IOException.class, () -> poller.interest(server, Poller.READ));
    }

    @Test
    void wakeupFromAnotherThreadEndsABlockedPoll() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        Thread waker = new Thread(() -> {
            try {
                polling.await();
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller.wakeup();
        });
        waker.start();
        long start = System.nanoTime();
        polling.countDown();
        List<Ready> ready = poll(-1);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        waker.join();
        assertTrue(ready.isEmpty(), "a wakeup reports no socket");
        assertTrue(elapsedMillis < 5000, "poll returned after " + elapsedMillis + " ms");
    }

    @Test
    void wakeupBeforePollMakesTheNextPollReturnAndIsConsumed() throws IOException {
        poller.wakeup();
        poller.wakeup(); // coalesced
        long start = System.nanoTime();
        assertTrue(poll(10_000).isEmpty());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
        // Consumed: the next poll waits its timeout out.
        start = System.nanoTime();
        assertTrue(poll(100).isEmpty());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 90);
        // And wakeups keep working afterwards.
        poller.wakeup();
        start = System.nanoTime();
        poll(10_000);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
    }

    @Test
    void socketsMoveBetweenPollersOfTheBackend() throws Exception {
        Socket client = connect();
        awaitReady("listener", Poller.ACCEPT);
        PollerSocket server = poller.accept(listener);
        toClose.add(server::close);
        try (EpollPoller other = new EpollPoller()) {
            other.register(server, Poller.READ, "elsewhere");
            client.getOutputStream().write('x');
            List<Ready> ready = new ArrayList<>();
            other.poll(5000, (a, ops) -> ready.add(new Ready(a, ops)));
            assertEquals(List.of(new Ready("elsewhere", Poller.READ)), ready);
        }
    }

    /**
     * A gathering write whose heap buffer only partly fits the 64 KiB staging must not send the
     * buffers after it in the same writev (it did: the kernel got the next buffer's bytes before
     * the rest of the first, and a pipeline of GET replies arrived scrambled).
     */
    @Test
    void aPartlyStagedHeapBufferEndsTheGatheringWrite() throws Exception {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "s");
        ByteBuffer first = ByteBuffer.allocate(40 * 1024);
        ByteBuffer second = ByteBuffer.allocate(40 * 1024);
        ByteBuffer third = ByteBuffer.allocateDirect(1024);
        java.util.Arrays.fill(first.array(), (byte) 'a');
        java.util.Arrays.fill(second.array(), (byte) 'b');
        while (third.hasRemaining()) {
            third.put((byte) 'c');
        }
        third.flip();
        ByteBuffer[] srcs = {first, second, third};
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        java.io.InputStream in = client.getInputStream();
        byte[] buf = new byte[16 * 1024];
        long left = 81 * 1024;
        while (left > 0) {
            left -= server.write(srcs, 0, 3);
            while (in.available() > 0 || (got.size() < 81 * 1024 - left)) {
                int n = in.read(buf);
                got.write(buf, 0, n);
            }
        }
        byte[] expected = ("a".repeat(40 * 1024) + "b".repeat(40 * 1024) + "c".repeat(1024)).getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, got.toByteArray());
    }

    @Test
    void manyConnectionsGrowTheFdTable() throws IOException {
        List<PollerSocket> servers = new ArrayList<>();
        List<Socket> clients = new ArrayList<>();
        // Accept as we connect: the backlog (16) would overflow with 300 pending connections.
        while (servers.size() < 300) {
            clients.add(connect());
            awaitReady("listener", Poller.ACCEPT);
            PollerSocket s = poller.accept(listener);
            assertNotNull(s);
            toClose.add(s::close);
            poller.register(s, Poller.READ, servers.size());
            servers.add(s);
        }
        OutputStream last = clients.get(299).getOutputStream();
        last.write('z');
        Object who = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (who == null && System.nanoTime() < deadline) {
            for (Ready r : poll(100)) {
                who = r.attachment();
            }
        }
        assertNotNull(who);
        ByteBuffer buffer = ByteBuffer.allocateDirect(4);
        assertEquals(1, servers.get((Integer) who).read(buffer));
        assertEquals(clients.get((Integer) who).getLocalSocketAddress(), servers.get((Integer) who).remoteAddress());
        assertEquals(299, who);
    }

    @Test
    void closeIsIdempotentAndAClosedSocketRefusesIo() throws IOException {
        Socket client = connect();
        PollerSocket server = acceptOne(client, "conn");
        poller.deregister(server);
        server.close();
        server.close();
        assertThrows(IOException.class, () -> server.read(ByteBuffer.allocateDirect(4)));
        assertEquals(-1, client.getInputStream().read(), "the peer sees the close");
    }

    @Test
    void ipv6ListenerReportsItsAddress() throws IOException {
        InetSocketAddress any6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        PollerSocket v6;
        try {
            v6 = poller.listen(any6, 4, "v6");
        } catch (IOException e) {
            // Only a kernel without IPv6 may refuse; the error must then come from the syscall.
            assertInstanceOf(Native.NativeIoException.class, e);
            return;
        }
        try (Socket client = new Socket(InetAddress.getByName("::1"), v6.localAddress().getPort())) {
            awaitReady("v6", Poller.ACCEPT);
            PollerSocket server = poller.accept(v6);
            toClose.add(server::close);
            assertEquals(client.getLocalSocketAddress(), server.remoteAddress());
            assertEquals(InetAddress.getByName("::1"), server.localAddress().getAddress());
        } finally {
            v6.close();
        }
    }

    @Test
    void listenOnABusyPortFails() {
        IOException e = assertThrows(IOException.class,
                () -> poller.listen(listener.localAddress(), 4, "dup"));
        assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }

    private static ByteBuffer direct(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        assertArrayEquals(bytes, java.util.Arrays.copyOf(bytes, n));
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
