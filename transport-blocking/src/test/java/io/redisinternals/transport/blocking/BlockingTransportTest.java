package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BlockingTransportTest {

    private final BlockingQueue<LineEchoHandler> accepted = new LinkedBlockingQueue<>();
    private BlockingTransport transport;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        transport = newTransport(Duration.ofSeconds(5));
        transport.start();
        address = transport.localAddresses().get(0);
    }

    @AfterEach
    void stop() {
        transport.close(Duration.ofSeconds(2));
    }

    private BlockingTransport newTransport(Duration closeFlushTimeout) {
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 511, Map.of());
        return new BlockingTransport(config, connection -> {
            LineEchoHandler handler = new LineEchoHandler(connection);
            accepted.add(handler);
            return handler;
        }, closeFlushTimeout);
    }

    private LineEchoHandler nextHandler() throws InterruptedException {
        LineEchoHandler handler = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(handler, "no connection accepted");
        return handler;
    }

    private static void awaitClosed(LineEchoHandler handler) throws InterruptedException {
        assertTrue(handler.closed.await(5, TimeUnit.SECONDS), "onClose not called");
    }

    @Test
    void portZeroBindsARealPortAndReportsTheBackend() {
        assertTrue(address.getPort() > 0);
        assertEquals(InetAddress.getLoopbackAddress(), address.getAddress());
        assertEquals("virtual-threads", transport.backend());
    }

    @Test
    void echoesCompleteLines() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("hello\nworld\n");
            assertEquals("hello\n", client.readLine());
            assertEquals("world\n", client.readLine());
        }
    }

    @Test
    void partialFrameIsKeptAcrossReads() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("hel");
            LineEchoHandler handler = nextHandler();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (handler.onReadCalls.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, handler.onReadCalls.get(), "the half line was delivered on its own");
            assertTrue(client.silentFor(100));
            client.send("lo\nnext");
            assertEquals("hello\n", client.readLine());
            client.send("\n");
            assertEquals("next\n", client.readLine());
        }
    }

    @Test
    void frameLargerThanTheInitialBufferArrivesIntact() throws Exception {
        byte[] line = new byte[1 << 20];
        Random random = new Random(42);
        for (int i = 0; i < line.length - 1; i++) {
            line[i] = (byte) ('a' + random.nextInt(26));
        }
        line[line.length - 1] = '\n';
        try (TestClient client = new TestClient(address)) {
            client.send(line);
            assertArrayEquals(line, client.readExactly(line.length));
            // The grown buffer was shrunk back; small lines still work, also split oddly.
            client.send("after");
            client.send("\nx\n");
            assertEquals("after\n", client.readLine());
            assertEquals("x\n", client.readLine());
        }
    }

    @Test
    void twoHundredConcurrentConnections() throws Exception {
        int n = 200;
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                clients.add(new TestClient(address));
            }
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> replies = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    TestClient client = clients.get(i);
                    String request = "client-" + i + "\n";
                    replies.add(pool.submit(() -> {
                        go.await();
                        client.send(request);
                        return client.readLine();
                    }));
                }
                go.countDown();
                for (int i = 0; i < n; i++) {
                    assertEquals("client-" + i + "\n", replies.get(i).get(10, TimeUnit.SECONDS));
                }
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(nextHandler().connection.id());
            }
            assertEquals(n, ids.stream().distinct().count(), "connection ids are unique");
            assertEquals(n, transport.openConnections());
        } finally {
            for (TestClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void pipelinedRequestsComeBackInOrderBatchedPerRead() throws Exception {
        int n = 1000;
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < n; i++) {
            requests.append("request-").append(i).append('\n');
        }
        try (TestClient client = new TestClient(address)) {
            client.send(requests.toString());
            for (int i = 0; i < n; i++) {
                assertEquals("request-" + i + "\n", client.readLine());
            }
            LineEchoHandler handler = nextHandler();
            // One socket write per onRead that produced replies, not one per reply.
            assertTrue(transport.socketWrites() <= handler.onReadCalls.get(),
                    transport.socketWrites() + " writes for " + handler.onReadCalls.get() + " reads");
            assertTrue(handler.onReadCalls.get() < 50, "the pipeline arrived in few reads");
        }
    }

    @Test
    void idsIncreaseAndAddressesComeFromTheSocket() throws Exception {
        try (TestClient a = new TestClient(address); TestClient b = new TestClient(address)) {
            a.send("1\n");
            assertEquals("1\n", a.readLine());
            b.send("2\n");
            assertEquals("2\n", b.readLine());
            // Handlers are made on each connection's own thread, so they may queue in either
            // order: tell them apart by address. Ids follow the accept order (a connected first).
            LineEchoHandler one = nextHandler();
            LineEchoHandler other = nextHandler();
            boolean oneIsA = one.connection.remoteAddress().equals(a.socket.getLocalSocketAddress());
            LineEchoHandler first = oneIsA ? one : other;
            LineEchoHandler second = oneIsA ? other : one;
            assertEquals(b.socket.getLocalSocketAddress(), second.connection.remoteAddress());
            assertTrue(second.connection.id() > first.connection.id());
            assertEquals(address, first.connection.localAddress());
            assertEquals(a.socket.getLocalSocketAddress(), first.connection.remoteAddress());
            assertEquals("conn-" + first.connection.id(), first.acceptThread.getName());
            assertTrue(first.acceptThread.isVirtual());
        }
    }

    @Test
    void writeAndFlushFromAnotherThreadWhileTheOwnerIsBlockedInRead() throws Exception {
        try (TestClient client = new TestClient(address)) {
            LineEchoHandler handler = nextHandler();
            awaitState(handler.acceptThread, Thread.State.WAITING);
            handler.connection.write(ByteBuffer.wrap("pushed\n".getBytes(StandardCharsets.US_ASCII)));
            handler.connection.flush();
            assertEquals("pushed\n", client.readLine());
            assertEquals(0, handler.onReadCalls.get());
            // The writer lowers the count just after the bytes leave: the peer may read them first.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (handler.connection.pendingOutputBytes() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(0, handler.connection.pendingOutputBytes());
            // The connection still works normally afterwards.
            client.send("ping\n");
            assertEquals("ping\n", client.readLine());
        }
    }

    @Test
    void concurrentWritersNeverInterleaveOneWriteCall() throws Exception {
        int writers = 8;
        int perWriter = 200;
        int lineLength = 3000; // larger than one output chunk's free space, often
        try (TestClient client = new TestClient(address)) {
            LineEchoHandler handler = nextHandler();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < writers; w++) {
                    byte[] line = new byte[lineLength];
                    Arrays.fill(line, (byte) ('A' + w));
                    line[lineLength - 1] = '\n';
                    pool.submit(() -> {
                        for (int i = 0; i < perWriter; i++) {
                            handler.connection.write(ByteBuffer.wrap(line));
                            handler.connection.flush();
                        }
                        return null;
                    });
                }
                int[] counts = new int[writers];
                for (int i = 0; i < writers * perWriter; i++) {
                    String line = client.readLine();
                    assertEquals(lineLength, line.length());
                    char c = line.charAt(0);
                    for (int j = 0; j < lineLength - 1; j++) {
                        if (line.charAt(j) != c) {
                            throw new AssertionError("interleaved bytes in line " + i);
                        }
                    }
                    counts[c - 'A']++;
                }
                for (int count : counts) {
                    assertEquals(perWriter, count);
                }
            }
        }
    }

    @Test
    void closeFromAnotherThreadWakesTheOwnerAndCallsOnCloseOnce() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("hi\n");
            assertEquals("hi\n", client.readLine());
            LineEchoHandler handler = nextHandler();
            awaitState(handler.acceptThread, Thread.State.WAITING);
            handler.connection.write(ByteBuffer.wrap("last words\n".getBytes(StandardCharsets.US_ASCII)));
            handler.connection.close();
            handler.connection.close();
            assertTrue(handler.connection.isClosed());
            assertEquals("last words\n", client.readLine(), "queued output is sent before closing");
            assertTrue(client.atEndOfStream());
            awaitClosed(handler);
            handler.connection.close();
            handler.connection.write(ByteBuffer.wrap("dropped\n".getBytes(StandardCharsets.US_ASCII)));
            handler.connection.flush();
            Thread.sleep(50);
            assertEquals(1, handler.onCloseCalls.get());
            assertEquals(handler.acceptThread, handler.onCloseThread, "onClose runs on the owner thread");
            assertEquals(0, handler.connection.pendingOutputBytes());
            assertEquals(0, transport.openConnections());
        }
    }

    @Test
    void peerDisconnectCallsOnCloseOnce() throws Exception {
        TestClient client = new TestClient(address);
        client.send("bye\n");
        assertEquals("bye\n", client.readLine());
        client.close();
        LineEchoHandler handler = nextHandler();
        awaitClosed(handler);
        Thread.sleep(50);
        assertEquals(1, handler.onCloseCalls.get());
        assertTrue(handler.connection.isClosed());
    }

    @Test
    void handlerClosingInsideOnReadStillDeliversItsReply() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("a\nCLOSE\nb\n");
            assertEquals("a\n", client.readLine());
            assertEquals("BYE\n", client.readLine());
            // "b" was written after close() and is dropped.
            assertTrue(client.atEndOfStream());
            LineEchoHandler handler = nextHandler();
            awaitClosed(handler);
            assertEquals(1, handler.onCloseCalls.get());
            assertFalse(handler.readAfterClose);
        }
    }

    @Test
    void pauseStopsReadingUntilResumedFromAnotherThread() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("PAUSE\n");
            assertEquals("PAUSED\n", client.readLine());
            LineEchoHandler handler = nextHandler();
            client.send("while-paused\n");
            assertTrue(client.silentFor(200));
            int readsWhilePaused = handler.onReadCalls.get();
            handler.connection.resumeReading();
            assertEquals("while-paused\n", client.readLine());
            assertEquals(readsWhilePaused + 1, handler.onReadCalls.get());
        }
    }

    @Test
    void bytesLeftWhenPausingAreDeliveredOnResumeWithoutNewInput() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("PAUSE\nqueued-1\nqueued-2\n");
            assertEquals("PAUSED\n", client.readLine());
            assertTrue(client.silentFor(150));
            nextHandler().connection.resumeReading();
            assertEquals("queued-1\n", client.readLine());
            assertEquals("queued-2\n", client.readLine());
        }
    }

    @Test
    void suspendedDeliveryKeepsReadingAndResumeDeliversWhatArrived() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("SUSPEND\nA\n");
            assertEquals("SUSPENDED\n", client.readLine());
            LineEchoHandler handler = nextHandler();
            int reads = handler.onReadCalls.get();
            client.send("B\n");
            assertTrue(client.silentFor(200));
            assertEquals(reads, handler.onReadCalls.get());
            handler.connection.resumeDelivery();
            assertEquals("A\n", client.readLine());
            assertEquals("B\n", client.readLine());
            client.send("C\n");
            assertEquals("C\n", client.readLine());
        }
    }

    @Test
    void aPeerClosingWhileDeliveryIsSuspendedIsNoticed() throws Exception {
        TestClient client = new TestClient(address);
        client.send("SUSPEND\n");
        assertEquals("SUSPENDED\n", client.readLine());
        LineEchoHandler handler = nextHandler();
        client.close();
        assertTrue(handler.closed.await(5, TimeUnit.SECONDS), "a suspended connection must still see the close");
    }

    @Test
    void closeWhilePausedWakesTheOwner() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("PAUSE\n");
            assertEquals("PAUSED\n", client.readLine());
            LineEchoHandler handler = nextHandler();
            handler.connection.close();
            assertTrue(client.atEndOfStream());
            awaitClosed(handler);
        }
    }

    @Test
    void closeGivesUpFlushingToAPeerThatDoesNotRead() throws Exception {
        BlockingTransport impatient = newTransport(Duration.ofMillis(300));
        impatient.start();
        try (TestClient client = new TestClient(impatient.localAddresses().get(0))) {
            client.send("FLOOD\n"); // 16 MiB of replies, then close(); the client never reads
            LineEchoHandler handler = nextHandler();
            assertTrue(handler.closed.await(5, TimeUnit.SECONDS), "close was not bounded");
            assertEquals(1, handler.onCloseCalls.get());
        } finally {
            impatient.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void transportCloseRefusesNewConnectionsAndClosesExistingOnes() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        List<LineEchoHandler> handlers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestClient client = new TestClient(address);
                client.send("hello-" + i + "\n");
                assertEquals("hello-" + i + "\n", client.readLine());
                clients.add(client);
                handlers.add(nextHandler());
            }
            long started = System.nanoTime();
            transport.close(Duration.ofSeconds(5));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3), "idle connections close at once");
            for (TestClient client : clients) {
                assertTrue(client.atEndOfStream());
            }
            for (LineEchoHandler handler : handlers) {
                awaitClosed(handler);
                assertEquals(1, handler.onCloseCalls.get());
            }
            assertEquals(0, transport.openConnections());
            assertThrows(ConnectException.class, () -> new TestClient(address).close());
            transport.close(Duration.ofSeconds(5)); // idempotent
        } finally {
            for (TestClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void transportCloseLetsTheCurrentReadFinishAndFlush() throws Exception {
        try (TestClient client = new TestClient(address)) {
            client.send("SLOW\n");
            LineEchoHandler handler = nextHandler();
            assertTrue(handler.slowEntered.await(5, TimeUnit.SECONDS));
            transport.close(Duration.ofSeconds(5));
            assertEquals(1, handler.onCloseCalls.get(), "close waits for the owner to finish");
            assertEquals("DONE\n", client.readLine());
            assertTrue(client.atEndOfStream());
        }
    }

    @Test
    void acceptorMayWriteAndCloseToRefuseAConnection() throws Exception {
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 16, Map.of());
        BlockingTransport refusing = new BlockingTransport(config, connection -> {
            LineEchoHandler handler = new LineEchoHandler(connection);
            connection.write(ByteBuffer.wrap("-ERR max number of clients reached\n".getBytes(StandardCharsets.US_ASCII)));
            connection.close();
            accepted.add(handler);
            return handler;
        }, Duration.ofSeconds(5));
        refusing.start();
        try (TestClient client = new TestClient(refusing.localAddresses().get(0))) {
            assertEquals("-ERR max number of clients reached\n", client.readLine());
            assertTrue(client.atEndOfStream());
            LineEchoHandler handler = nextHandler();
            awaitClosed(handler);
            assertEquals(0, handler.onReadCalls.get());
            assertEquals(1, handler.onCloseCalls.get());
        } finally {
            refusing.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void startTwiceIsRefused() {
        assertThrows(IllegalStateException.class, transport::start);
    }

    /** Waits until the thread parks (a virtual thread blocked in a socket read is WAITING). */
    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " is " + thread.getState() + ", expected " + state);
            }
            Thread.sleep(5);
        }
    }
}
