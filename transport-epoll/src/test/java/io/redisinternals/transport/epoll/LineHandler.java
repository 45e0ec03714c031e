package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionHandler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test protocol: every '\n'-terminated line is echoed, except a few commands. Replies go
 * through one reused scratch buffer that is scribbled over after each write, so the transport
 * must copy what it is given.
 */
final class LineHandler implements ConnectionHandler {

    /** Reply size of BIG. */
    static final int BIG_REPLY = 64 * 1024;

    final Connection connection;
    final Thread acceptThread;
    final AtomicInteger onReadCalls = new AtomicInteger();
    final AtomicInteger onCloseCalls = new AtomicInteger();
    final AtomicLong linesHandled = new AtomicLong();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile Thread onReadThread;
    volatile Thread onCloseThread;
    volatile boolean readAfterClose;
    /** Every total reported through onInputKept, in order. */
    final java.util.concurrent.ConcurrentLinkedQueue<Long> keptReports = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** onInputKept closes the connection (closeNow) once more than this is kept, as a query-buffer limit. */
    volatile long keptLimit = Long.MAX_VALUE;
    private ByteBuffer scratch = ByteBuffer.allocate(64);
    private static final byte[] BIG = new byte[BIG_REPLY];

    static {
        java.util.Arrays.fill(BIG, (byte) 'x');
        BIG[BIG.length - 1] = '\n';
    }

    /** Other connections, for WAKE; may be null. */
    private final Iterable<LineHandler> peers;

    LineHandler(Connection connection) {
        this(connection, null);
    }

    LineHandler(Connection connection, Iterable<LineHandler> peers) {
        this.connection = connection;
        this.acceptThread = Thread.currentThread();
        this.peers = peers;
    }

    @Override
    public void onRead(ByteBuffer in) {
        onReadCalls.incrementAndGet();
        onReadThread = Thread.currentThread();
        if (onCloseCalls.get() > 0) {
            readAfterClose = true;
        }
        while (true) {
            int nl = -1;
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                return; // partial line stays in the buffer
            }
            byte[] line = new byte[nl - in.position() + 1];
            in.get(line);
            linesHandled.incrementAndGet();
            String command = new String(line, 0, line.length - 1, StandardCharsets.ISO_8859_1);
            if (command.startsWith("BIG")) {
                // Any line starting with BIG (padding allowed): a 64 KiB reply.
                connection.write(ByteBuffer.wrap(BIG));
                continue;
            }
            switch (command) {
                case "KILL" -> {
                    // Like CLIENT KILL of oneself: the reply and the rest of the pipeline are dropped.
                    reply("DROPPED\n");
                    connection.closeNow();
                    return;
                }
                case "CLOSE" -> {
                    reply("BYE\n");
                    connection.close();
                }
                case "SUSPEND" -> {
                    // Like a blocked client now: keep reading the socket, deliver nothing more.
                    reply("SUSPENDED\n");
                    connection.suspendDelivery();
                    return;
                }
                case "PAUSE" -> {
                    // Like a blocked client: stop reading and leave the rest of the pipeline unread.
                    reply("PAUSED\n");
                    connection.pauseReading();
                    return;
                }
                case "WAKE" -> {
                    // Like a push that unblocks blocked clients: write to the other connections and
                    // resume them, from inside this connection's callback.
                    for (LineHandler peer : peers) {
                        if (peer != this) {
                            peer.connection.write(ByteBuffer.wrap("woken\n".getBytes(StandardCharsets.ISO_8859_1)));
                            peer.connection.flush();
                            peer.connection.resumeReading();
                        }
                    }
                    reply("WOKE\n");
                }
                case "FLOOD" -> {
                    for (int i = 0; i < 256; i++) { // 16 MiB, more than socket buffers hold
                        connection.write(ByteBuffer.wrap(BIG));
                    }
                }
                default -> reply(line);
            }
        }
    }

    private void reply(String s) {
        reply(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void reply(byte[] bytes) {
        if (scratch.capacity() < bytes.length) {
            scratch = ByteBuffer.allocate(bytes.length);
        }
        scratch.clear();
        scratch.put(bytes).flip();
        connection.write(scratch);
        if (scratch.hasRemaining()) {
            throw new AssertionError("write() did not consume its buffer");
        }
        scratch.clear();
        while (scratch.hasRemaining()) {
            scratch.put((byte) '#');
        }
    }

    @Override
    public void onInputKept(long keptBytes) {
        keptReports.add(keptBytes);
        if (keptBytes > keptLimit) {
            connection.closeNow();
        }
    }

    @Override
    public void onClose() {
        onCloseThread = Thread.currentThread();
        onCloseCalls.incrementAndGet();
        closed.countDown();
    }
}
