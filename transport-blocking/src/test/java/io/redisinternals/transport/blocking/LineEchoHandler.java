package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionHandler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line protocol for the tests: every '\n'-terminated line is echoed, except a few commands.
 * Replies go through one reused scratch buffer, so the transport must copy what it is given.
 */
final class LineEchoHandler implements ConnectionHandler {

    final Connection connection;
    final Thread acceptThread;
    final AtomicInteger onReadCalls = new AtomicInteger();
    final AtomicInteger onCloseCalls = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch slowEntered = new CountDownLatch(1);
    /** Every total reported by onInputKept, in order. */
    final java.util.List<Long> keptTotals = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** onInputKept closes the connection at once past this many kept bytes (client-query-buffer-limit). */
    volatile long keptLimit = Long.MAX_VALUE;
    volatile Thread onCloseThread;
    volatile boolean readAfterClose;
    private ByteBuffer scratch = ByteBuffer.allocate(64);

    LineEchoHandler(Connection connection) {
        this.connection = connection;
        this.acceptThread = Thread.currentThread();
    }

    @Override
    public void onRead(ByteBuffer in) {
        onReadCalls.incrementAndGet();
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
            String command = new String(line, 0, line.length - 1, StandardCharsets.ISO_8859_1);
            switch (command) {
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
                case "SUSPEND-RESUMED" -> {
                    // A blocked client served at once, by another thread, before onRead returns.
                    reply("SUSPENDED\n");
                    connection.suspendDelivery();
                    Thread resumer = Thread.ofVirtual().start(connection::resumeDelivery);
                    try {
                        resumer.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                case "PAUSE" -> {
                    // Like a blocked client: stop reading and leave the rest of the pipeline unread.
                    reply("PAUSED\n");
                    connection.pauseReading();
                    return;
                }
                case "SLOW" -> {
                    slowEntered.countDown();
                    sleep(300);
                    reply("DONE\n");
                }
                case "ERROR" -> throw new OutOfMemoryError("injected by the test");
                case "FLOODOPEN" -> {
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 256; i++) { // 16 MiB; stays open, the owner blocks sending
                        connection.write(ByteBuffer.wrap(chunk));
                    }
                }
                case "FLOOD" -> {
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 256; i++) { // 16 MiB, more than socket buffers hold
                        connection.write(ByteBuffer.wrap(chunk));
                    }
                    connection.close();
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
        // Scribble over the buffer: the transport must already hold its own copy.
        scratch.clear();
        while (scratch.hasRemaining()) {
            scratch.put((byte) '#');
        }
    }

    @Override
    public void onInputKept(long keptBytes) {
        keptTotals.add(keptBytes);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
