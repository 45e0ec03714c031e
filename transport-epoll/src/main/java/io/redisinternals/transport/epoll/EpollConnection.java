package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection of an {@link EventLoop}, which owns it for life: every field without a note is
 * touched only on the loop thread.
 *
 * <p>Input: a direct read buffer (16 KiB, doubled when full and the handler consumed nothing,
 * back to 16 KiB once empty) kept in write mode between reads; unconsumed bytes are compacted to
 * its front. One read per readiness event, then {@link ConnectionHandler#onRead}, then one
 * gathering write of every reply produced during it.
 *
 * <p>Output: a run of pooled 64 KiB direct chunks, each kept in read mode (position = next byte
 * to send, limit = end of data); a write appends at the tail chunk's limit. Writes from other
 * threads are copied into {@link #foreign} (one element per call, so calls never interleave) and
 * moved behind the local output by the loop. While output is pending, WRITE interest is on.
 *
 * <p>Backpressure: when pending output passes {@link EpollTransport#highWater()} READ interest is
 * turned off (the peer pipelines requests without reading replies); it comes back below
 * {@link EpollTransport#lowWater()}.
 *
 * <p>Requests from other threads (flush, close, resume) and from other connections' callbacks on
 * this loop are bits in {@link #requests}; setting the first bit schedules {@link #runRequests()}
 * once, so a burst of publishes costs one wake-up.
 */
final class EpollConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(EpollConnection.class.getName());

    static final int INITIAL_READ_BUFFER = 16 * 1024;
    private static final int MAX_READ_BUFFER = Integer.MAX_VALUE - 16;
    /** Largest iovec count per writev (Linux IOV_MAX). */
    private static final int MAX_IOV = 1024;

    private static final int REQ_FLUSH = 1;
    private static final int REQ_CLOSE = 2;
    private static final int REQ_RESUME = 4;
    private static final int REQ_PAUSE = 8;
    private static final int REQ_RESUME_DELIVERY = 16;

    private enum State { NEW, OPEN, CLOSING, CLOSED }

    private final long id;
    private final PollerSocket socket;
    private final EventLoop loop;
    private final EpollTransport transport;
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;

    /** Index in the loop's connection list; -1 once removed. */
    int slot = -1;
    /** System.nanoTime by which a closing connection is cut even if output remains. */
    long closeDeadline;

    private ConnectionHandler handler;
    private State state = State.NEW;
    private ByteBuffer in;
    private int interest = Poller.READ;
    /** True while a handler callback of this connection runs: its output is sent when it returns. */
    private boolean inCallback;
    private boolean paused;
    /**
     * Delivery suspended (a blocked client): the socket is still read, so a peer that closes is
     * noticed, but what arrives is kept for later instead of handed to onRead.
     */
    private boolean suspended;
    private boolean pausedDuringRead;
    private boolean backpressured;
    /** Bytes wait in {@link #in} for onRead (paused with a pipeline left, or read while paused). */
    private boolean redeliver;

    private ByteBuffer[] out = new ByteBuffer[8];
    private int outHead;
    private int outCount;
    /** Socket write calls made (written by the loop, read by tests to see that replies are batched). */
    private volatile long socketWrites;
    /** Bytes in {@link #out}; written by the loop, read by anyone. */
    private volatile long localPending;

    private final ConcurrentLinkedQueue<ByteBuffer> foreign = new ConcurrentLinkedQueue<>();
    private final AtomicLong foreignPending = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final Runnable requestTask = this::runRequests;
    /** Set once by {@link #close()} (any thread) or by the loop at end of stream or shutdown. */
    private volatile boolean closeRequested;
    private volatile boolean closed;

    EpollConnection(long id, PollerSocket socket, EventLoop loop, EpollTransport transport) {
        this.id = id;
        this.socket = socket;
        this.loop = loop;
        this.transport = transport;
        this.remoteAddress = socket.remoteAddress();
        this.localAddress = socket.localAddress();
    }

    // ---------------------------------------------------------------- Connection (any thread)

    @Override
    public long id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void write(ByteBuffer src) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        if (closeRequested || closed) {
            src.position(src.limit());
            return;
        }
        if (loop.inLoop()) {
            append(src);
            if (!inCallback) {
                request(REQ_FLUSH);
            }
            return;
        }
        // Another thread: one copy per call, so that the bytes of two calls never interleave.
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(src).flip();
        foreignPending.addAndGet(n);
        foreign.offer(copy);
        request(REQ_FLUSH);
    }

    /** Inside this connection's callback nothing is needed: the loop sends when it returns. */
    @Override
    public void flush() {
        if (loop.inLoop() && inCallback) {
            return;
        }
        request(REQ_FLUSH);
    }

    @Override
    public long pendingOutputBytes() {
        return closed ? 0 : localPending + foreignPending.get();
    }

    /** Writes made before this call are still sent (for at most the close flush timeout). */
    @Override
    public void close() {
        if (closeRequested) {
            return;
        }
        closeRequested = true;
        request(REQ_CLOSE);
    }

    @Override
    public void pauseReading() {
        if (loop.inLoop()) {
            paused = true;
            pausedDuringRead = true;
            if (!inCallback) {
                request(REQ_PAUSE);
            }
        } else {
            request(REQ_PAUSE);
        }
    }

    /** Bytes left unconsumed when reading was paused are handed over again without waiting for more. */
    @Override
    public void resumeReading() {
        request(REQ_RESUME);
    }

    /** Owner (loop) thread, inside onRead: keep reading the socket, stop delivering. */
    @Override
    public void suspendDelivery() {
        suspended = true;
    }

    /** Any thread: deliver again, starting with what was kept, without waiting for new bytes. */
    @Override
    public void resumeDelivery() {
        request(REQ_RESUME_DELIVERY);
    }

    @Override
    public boolean isClosed() {
        return closeRequested || closed;
    }

    /**
     * Sets a request bit; the first one set since the last run schedules {@link #runRequests()}:
     * deferred to after the current dispatch on the loop thread, or queued with a wake-up from
     * another thread.
     */
    private void request(int bit) {
        int prev;
        do {
            prev = requests.get();
            if ((prev & bit) != 0) {
                return;
            }
        } while (!requests.compareAndSet(prev, prev | bit));
        if (prev == 0) {
            if (loop.inLoop()) {
                loop.defer(this);
            } else {
                loop.execute(requestTask);
            }
        }
    }

    // ---------------------------------------------------------------- loop thread

    /** Calls the acceptor; the connection is registered for READ. */
    void start() {
        in = ByteBuffer.allocateDirect(INITIAL_READ_BUFFER);
        state = State.OPEN;
        inCallback = true;
        try {
            handler = transport.acceptor().accept(this);
            if (handler == null) {
                throw new NullPointerException("ConnectionAcceptor returned no handler");
            }
        } catch (RuntimeException | Error e) {
            // An Error too: letting it kill the loop would take every connection of the loop (and,
            // on loop 0, the listeners) with it.
            inCallback = false;
            LOG.log(System.Logger.Level.WARNING, "connection " + id + ": acceptor failed, closing", e);
            finish();
            return;
        } finally {
            inCallback = false;
        }
        afterCallback();
    }

    /** Readiness from the poller. */
    void ready(int ops) {
        if (state == State.CLOSED) {
            return;
        }
        if ((ops & Poller.WRITE) != 0) {
            flushNow();
            if (state == State.CLOSED) {
                return;
            }
            if (state == State.CLOSING && outCount == 0 && foreign.isEmpty()) {
                finish();
                return;
            }
            updateInterest();
        }
        if ((ops & Poller.READ) != 0 && state == State.OPEN) {
            readable();
        }
    }

    private void readable() {
        if (!in.hasRemaining()) {
            // Only when bytes were read while not delivering (paused): keep them all.
            in = grow(in);
        }
        int n;
        try {
            n = socket.read(in);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + id + ": " + e);
            finish();
            return;
        }
        if (n < 0) {
            // The peer finished sending: send what is queued (a half-closed peer still reads), then close.
            closeRequested = true;
            beginClose(System.nanoTime() + transport.closeFlushTimeoutNanos());
            return;
        }
        if (n == 0) {
            return;
        }
        if (paused || backpressured || suspended) {
            // Paused: readiness we did not ask for (epoll reports errors and hang-ups regardless).
            // Suspended: reading on purpose, to notice a close. Either way keep the bytes.
            redeliver = true;
            updateInterest();
            return;
        }
        deliver();
    }

    /** Hands the read buffer to onRead, sends its replies, and sizes the buffer for the next read. */
    private void deliver() {
        redeliver = false;
        in.flip();
        pausedDuringRead = false;
        inCallback = true;
        try {
            handler.onRead(in);
        } catch (RuntimeException | Error e) {
            inCallback = false;
            LOG.log(System.Logger.Level.WARNING, "connection " + id + ": handler failed, closing", e);
            finish();
            return;
        } finally {
            inCallback = false;
        }
        in.compact();
        if ((pausedDuringRead && paused || suspended) && in.position() > 0) {
            redeliver = true;
        }
        if (in.position() == 0 && in.capacity() > INITIAL_READ_BUFFER) {
            in = ByteBuffer.allocateDirect(INITIAL_READ_BUFFER);
        } else if (!in.hasRemaining()) {
            // Full and nothing consumed: the frame is bigger than the buffer. Limits on the frame
            // size are the handler's business (it closes the connection).
            in = grow(in);
        }
        afterCallback();
    }

    private ByteBuffer grow(ByteBuffer buffer) {
        if (buffer.capacity() >= MAX_READ_BUFFER) {
            throw new IllegalStateException("read buffer cannot grow beyond " + MAX_READ_BUFFER + " bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect((int) Math.min((long) buffer.capacity() * 2, MAX_READ_BUFFER));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    /** After a handler callback returns: close if asked, else send and adjust interest. */
    private void afterCallback() {
        if (state != State.OPEN) {
            return;
        }
        if (closeRequested) {
            beginClose(System.nanoTime() + transport.closeFlushTimeoutNanos());
            return;
        }
        flushNow();
        if (state == State.OPEN) {
            updateInterest();
        }
    }

    /** Runs what other threads (or other connections' callbacks) asked for. */
    void runRequests() {
        int bits = requests.getAndSet(0);
        if (state == State.CLOSED || state == State.NEW) {
            return;
        }
        if ((bits & REQ_PAUSE) != 0) {
            paused = true;
        }
        if ((bits & REQ_RESUME) != 0) {
            paused = false;
        }
        if ((bits & REQ_RESUME_DELIVERY) != 0) {
            suspended = false;
            redeliver = in.position() > 0;
        }
        if (closeRequested && state == State.OPEN) {
            beginClose(System.nanoTime() + transport.closeFlushTimeoutNanos());
            return;
        }
        flushNow();
        if (state != State.OPEN) {
            if (state == State.CLOSING && outCount == 0 && foreign.isEmpty()) {
                finish();
            }
            return;
        }
        updateInterest();
        if (redeliver && !paused && !backpressured && !suspended && in.position() > 0) {
            deliver();
        }
    }

    /** Transport shutdown: close after sending what is queued, by {@code deadline} at the latest. */
    void shutdown(long deadline) {
        closeRequested = true;
        if (state == State.CLOSING) {
            closeDeadline = Math.min(closeDeadline, deadline);
        } else if (state == State.OPEN) {
            beginClose(deadline);
        }
    }

    /** Stops reading, sends what is queued, and closes when it is all sent or at {@code deadline}. */
    private void beginClose(long deadline) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        closeDeadline = loop.isShuttingDown() ? Math.min(deadline, loop.shutdownDeadline()) : deadline;
        flushNow();
        if (state == State.CLOSED) {
            return;
        }
        if (outCount == 0 && foreign.isEmpty()) {
            finish();
            return;
        }
        updateInterest();
        loop.closingWithDeadline(this);
    }

    /**
     * Closes the socket now, drops unsent output and calls onClose: once, last. Safe to call in any
     * state; only the first call does anything.
     */
    void finish() {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state != State.NEW;
        state = State.CLOSED;
        closed = true;
        try {
            loop.poller.deregister(socket);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.TRACE, "deregister failed", e);
        }
        socket.close();
        for (int i = 0; i < outCount; i++) {
            loop.recycleChunk(out[outHead + i]);
            out[outHead + i] = null;
        }
        outHead = 0;
        outCount = 0;
        localPending = 0;
        foreign.clear();
        foreignPending.set(0);
        loop.removed(this);
        try {
            if (started && handler != null) {
                handler.onClose();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "connection " + id + ": onClose failed", e);
        } finally {
            transport.connectionFinished(this);
        }
    }

    // ---------------------------------------------------------------- output (loop thread)

    /** Copies {@code src} behind the queued output, into pooled chunks. */
    private void append(ByteBuffer src) {
        int n = src.remaining();
        int pos = src.position();
        int end = src.limit();
        while (pos < end) {
            ByteBuffer tail = outCount == 0 ? null : out[outHead + outCount - 1];
            if (tail == null || tail.limit() == tail.capacity()) {
                tail = loop.takeChunk();
                addChunk(tail);
            }
            int at = tail.limit();
            int k = Math.min(tail.capacity() - at, end - pos);
            tail.limit(at + k);
            tail.put(at, src, pos, k);
            pos += k;
        }
        src.position(end);
        localPending += n;
    }

    private void addChunk(ByteBuffer chunk) {
        if (outHead + outCount == out.length) {
            if (outHead > 0) {
                System.arraycopy(out, outHead, out, 0, outCount);
                java.util.Arrays.fill(out, outCount, outHead + outCount, null);
                outHead = 0;
            } else {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
        }
        out[outHead + outCount++] = chunk;
    }

    /** Moves other threads' writes behind the local output, in the order they were made. */
    private void drainForeign() {
        ByteBuffer b;
        while ((b = foreign.poll()) != null) {
            int n = b.remaining();
            append(b);
            foreignPending.addAndGet(-n);
        }
    }

    /**
     * Sends as much as the socket takes, in one gathering write (more only beyond IOV_MAX chunks).
     * An I/O error finishes the connection.
     */
    private void flushNow() {
        if (!foreign.isEmpty()) {
            drainForeign();
        }
        try {
            while (outCount > 0) {
                int batch = Math.min(outCount, MAX_IOV);
                long written = socket.write(out, outHead, batch);
                socketWrites++;
                if (written <= 0) {
                    break;
                }
                localPending -= written;
                int before = outCount;
                while (outCount > 0 && !out[outHead].hasRemaining()) {
                    loop.recycleChunk(out[outHead]);
                    out[outHead++] = null;
                    outCount--;
                }
                if (outCount == 0) {
                    outHead = 0;
                }
                if (before - outCount < batch) {
                    break; // partial write: the socket buffer is full
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + id + ": write failed: " + e);
            finish();
        }
    }

    /** Sets READ (unless paused, closing or backpressured) and WRITE (while output is queued). */
    private void updateInterest() {
        if (state == State.CLOSED) {
            return;
        }
        long pending = localPending;
        if (backpressured) {
            if (pending <= transport.lowWater()) {
                backpressured = false;
                if (redeliver && !paused && !suspended && in.position() > 0) {
                    request(REQ_FLUSH); // delivers the bytes read while we were not reading
                }
            }
        } else if (pending > transport.highWater()) {
            backpressured = true;
        }
        int wanted = 0;
        if (state == State.OPEN && !paused && !backpressured) {
            wanted |= Poller.READ;
        }
        if (outCount > 0) {
            wanted |= Poller.WRITE;
        }
        if (wanted != interest) {
            try {
                loop.poller.interest(socket, wanted);
                interest = wanted;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "connection " + id + ": " + e);
                finish();
            }
        }
    }

    long socketWrites() {
        return socketWrites;
    }

    /** Test hook: whether reading is off because of pending output. */
    boolean isBackpressured() {
        return backpressured;
    }

    @Override
    public String toString() {
        return "EpollConnection[" + id + " " + remoteAddress + " " + state + "]";
    }
}
