package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionHandler;
import io.redisinternals.transport.spi.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output path of one connection: chunk boundaries, ordering, pending-byte accounting. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EpollConnectionTest {

    private EpollTransport transport;
    private final CompletableFuture<Connection> accepted = new CompletableFuture<>();

    /** Starts a transport whose handler runs {@code onRead} for each read. */
    private TestClient connect(Consumer<Connection> onFirstRead) throws IOException {
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 128, Map.of());
        transport = EpollTransportProvider.create(config, c -> {
            accepted.complete(c);
            return new ConnectionHandler() {
                @Override
                public void onRead(ByteBuffer in) {
                    in.position(in.limit());
                    onFirstRead.accept(c);
                }

                @Override
                public void onClose() {
                }
            };
        }, false, 1, 0, EpollTransportProvider.HIGH_WATER, EpollTransportProvider.LOW_WATER, Duration.ofSeconds(1));
        transport.start();
        return new TestClient(transport.localAddresses().get(0));
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void writesOfEverySizeCrossChunkBoundariesInOrder() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int[] sizes = {1, 100, EventLoop.CHUNK_SIZE - 101, 1, EventLoop.CHUNK_SIZE, 3 * EventLoop.CHUNK_SIZE + 7, 5, 200_000};
        byte value = 0;
        ByteBuffer[] writes = new ByteBuffer[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i]];
            for (int j = 0; j < b.length; j++) {
                b[j] = value++;
            }
            expected.write(b);
            // Heap and direct sources, and a source whose position is not 0.
            ByteBuffer src = i % 2 == 0 ? ByteBuffer.allocate(b.length + 3) : ByteBuffer.allocateDirect(b.length + 3);
            src.position(3);
            src.put(b).flip().position(3);
            writes[i] = src;
        }
        try (TestClient c = connect(conn -> {
            for (ByteBuffer w : writes) {
                conn.write(w);
                assertEquals(0, w.remaining());
            }
        })) {
            c.send("go\n");
            byte[] all = expected.toByteArray();
            assertArrayEquals(all, c.readExactly(all.length));
            Connection conn = accepted.get(1, TimeUnit.SECONDS);
            AbstractTransportSuite.waitFor(() -> conn.pendingOutputBytes() == 0, "pending drained");
        }
    }

    @Test
    void pendingOutputBytesCountsWhatThePeerHasNotTaken() throws Exception {
        int total = 32 * 1024 * 1024;
        try (TestClient c = connect(conn -> {
            ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
            for (int i = 0; i < total / chunk.capacity(); i++) {
                chunk.clear();
                conn.write(chunk);
            }
        })) {
            c.socket.setReceiveBufferSize(16 * 1024);
            c.send("go\n");
            Connection conn = accepted.get(1, TimeUnit.SECONDS);
            // The socket buffers take a few MiB at most; the rest stays queued (and counted).
            AbstractTransportSuite.waitFor(() -> conn.pendingOutputBytes() > total / 2, "pending output");
            assertTrue(conn.pendingOutputBytes() <= total, "pending " + conn.pendingOutputBytes());
            long read = 0;
            while (read < total) {
                read += c.readExactly(1024 * 1024).length;
            }
            AbstractTransportSuite.waitFor(() -> conn.pendingOutputBytes() == 0, "pending drained");
        }
    }
}
