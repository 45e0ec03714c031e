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
 * <p>Input: one read per readiness event into the loop's shared direct read buffer (64 KiB),
 * then {@link ConnectionHandler#onRead} on it, then one gathering write of every reply produced
 * during it. A connection owns no read buffer: only what the handler left unconsumed (a partial
 * frame) is copied into {@link #kept}, a heap buffer sized to what arrived (grown by at most half
 * again when more comes), and put back in front of the next read's bytes in the shared buffer. A
 * partial frame too big for that (over 48 KiB: a big bulk the handler has not taken yet) is
 * delivered from {@code kept} itself, each read's bytes appended to it. {@code kept} is dropped
 * once empty (a small one, at most {@link #IDLE_KEPT_CAPACITY}, is kept for reuse) and shrunk when
 * mostly drained, so an idle connection holds nothing and no direct memory is allocated per
 * connection or per request. While delivery is suspended, paused or backpressured, what arrives is
 * kept and the handler told the total through {@link ConnectionHandler#onInputKept} after every
 * read, so that it can bound it.
 *
 * <p>Output: a run of 64 KiB chunks (the loop's pooled direct ones within its budget, heap ones
 * beyond), each kept in read mode (position = next byte to send, limit = end of data); a write
 * appends at the tail chunk's limit. {@link #closeNow()} drops it all and closes at once. Writes from other
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

    /** Largest input kept for one connection; the handler's query-buffer limit is far below. */
    private static final int MAX_KEPT = Integer.MAX_VALUE - 16;
    /** A kept partial frame is copied in front of a read only if this much room is left after it. */
    static final int MIN_READ_ROOM = 16 * 1024;
    /** An emptied {@link #kept} buffer this small is kept for the next partial frame; a bigger one is dropped. */
    static final int IDLE_KEPT_CAPACITY = 1024;
    private static final ByteBuffer[] NO_CHUNKS = new ByteBuffer[0];
    /** Largest iovec count per writev (Linux IOV_MAX). */
    private static final int MAX_IOV = 1024;
    /** Heap chunks per gathering write (see {@link #batchSize()}). */
    private static final int MAX_HEAP_CHUNKS_PER_WRITE = 2;

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
    /**
     * Input read and not consumed (heap, write mode: position = bytes kept), oldest first; null
     * when nothing is kept. See the class comment.
     */
    private ByteBuffer kept;
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
    /** Bytes wait in {@link #kept} for onRead (paused with a pipeline left, or read while paused). */
    private boolean redeliver;

    private ByteBuffer[] out = NO_CHUNKS;
    private int outHead;
    private int outCount;
    /** Socket write calls made (written by the loop, read by tests to see that replies are batched). */
    private volatile long socketWrites;
    /** Bytes in {@link #out}; written by the loop, read by anyone. */
    private volatile long localPending;

    private final ConcurrentLinkedQueue<ByteBuffer> foreign = new ConcurrentLinkedQueue<>();
    private final AtomicLong foreignPending = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final RequestTask requestTask = new RequestTask(this);

    /** {@link #runRequests()} queued from another thread; the loop tells whose it is (busy service). */
    record RequestTask(EpollConnection connection) implements Runnable {
        @Override
        public void run() {
            connection.runRequestsContained();
        }
    }
    /** Set once by {@link #close()} (any thread) or by the loop at end of stream or shutdown. */
    private volatile boolean closeRequested;
    /** Set once by {@link #closeNow()} (any thread): drop the output, close at the next chance. */
    private volatile boolean closeNowRequested;
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
            try {
                append(src);
            } catch (OutOfMemoryError e) {
                outOfMemory(src, e);
                return;
            }
            if (!inCallback) {
                requestCoalesced(); // from another connection's callback (a published message)
            }
            return;
        }
        // Another thread: one copy per call, so that the bytes of two calls never interleave.
        ByteBuffer copy;
        try {
            copy = transport.allocateHeap(n);
        } catch (OutOfMemoryError e) {
            outOfMemory(src, e);
            return;
        }
        copy.put(src).flip();
        foreignPending.addAndGet(n);
        foreign.offer(copy);
        // No wake-up here: the writer calls flush() when it has queued all it has (a publisher
        // delivering a batch of messages wakes this loop once, not once per message).
    }

    /** Inside this connection's callback nothing is needed: the loop sends when it returns. */
    @Override
    public void flush() {
        if (loop.inLoop() && inCallback) {
            return;
        }
        request(REQ_FLUSH);
    }

    /**
     * Measured: 1.1 KB per idle connection on the JNI backend (this object, the socket's, the
     * server's session and parser; the read buffer is the loop's, shared), 1.6 KB on the Selector
     * (java.nio's channel and key objects on top).
     */
    @Override
    public long idleFootprintBytes() {
        return socket instanceof FdSocket ? 1_150 : 1_600;
    }

    /** The JNI backend's socket fd (-1 once closed); the Selector backend cannot see it. */
    @Override
    public long fd() {
        return socket instanceof FdSocket f ? f.fd() : -1;
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

    /**
     * Drops unsent output and closes without waiting for the peer; onClose follows on the loop.
     * On the loop inside this connection's callback it happens when the callback returns; anywhere
     * else through a request, so that it never runs inside another connection's callback.
     */
    @Override
    public void closeNow() {
        if (closeNowRequested) {
            return;
        }
        closeNowRequested = true;
        closeRequested = true;
        request(REQ_CLOSE);
    }

    /** A buffer for this connection could not be allocated: only this connection pays. */
    private void outOfMemory(ByteBuffer src, OutOfMemoryError e) {
        src.position(src.limit());
        transport.connectionFailures.log(System.Logger.Level.WARNING,
                "connection " + id + ": " + e.getMessage() + ", closing it", e);
        closeNow();
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

    /** This connection's request runs long (a busy script): the loop serves its other connections. */
    @Override
    public void serveOthersWhileBusy() {
        if (loop.inLoop() && inCallback) {
            loop.serveWhileBusy(this);
        }
    }

    /** Busy service (loop thread): reads what this connection has, if it is open and not in a callback. */
    void readIfOpen() {
        if (state == State.OPEN && !inCallback && !closeNowRequested) {
            ready(Poller.READ);
        }
    }
    /**
     * Sets a request bit; the first one set since the last run schedules {@link #runRequests()}:
     * deferred to after the current dispatch on the loop thread, or queued with a wake-up from
     * another thread.
     */
    /** {@link #request} of a flush that may wait for the loop's coalescing bound. Loop thread. */
    private void requestCoalesced() {
        int prev;
        do {
            prev = requests.get();
            if ((prev & REQ_FLUSH) != 0) {
                return;
            }
        } while (!requests.compareAndSet(prev, prev | REQ_FLUSH));
        if (prev == 0) {
            loop.deferCoalesced(this);
        }
    }

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
        if (closeNowRequested) {
            finish();
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
        ByteBuffer buf = loop.readBuffer();
        int have = keptBytes();
        // A small partial frame goes in front of the new bytes; a big one takes them behind it.
        boolean viaShared = have <= buf.capacity() - MIN_READ_ROOM;
        int start = viaShared ? have : 0;
        buf.clear().position(start);
        int n;
        try {
            n = socket.read(buf);
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
        buf.flip().position(start);
        if (paused || backpressured || suspended) {
            // Paused: readiness we did not ask for (epoll reports errors and hang-ups regardless).
            // Suspended: reading on purpose, to notice a close. Either way keep the bytes, and let
            // the handler bound them before reading more.
            keep(buf);
            redeliver = true;
            inputKept();
            if (state == State.OPEN) {
                updateInterest();
            }
            return;
        }
        if (viaShared) {
            if (have > 0) {
                buf.put(0, kept, 0, have);
                kept.clear();
            }
            buf.position(0);
            deliver(buf);
        } else {
            keep(buf);
            kept.flip();
            deliver(kept);
        }
    }

    /** Bytes kept and not yet delivered. */
    private int keptBytes() {
        return kept == null ? 0 : kept.position();
    }

    /** Kept input in bytes (test hook); {@code -1} once closed. */
    int keptInput() {
        return closed ? -1 : keptBytes();
    }

    /** Capacity of the kept-input buffer, 0 without one (test hook). */
    int keptCapacity() {
        ByteBuffer k = kept;
        return k == null ? 0 : k.capacity();
    }

    /**
     * Appends {@code src} (read mode, consumed) to {@link #kept}, which grows to what is needed or
     * by half, whichever is more: memory follows what arrived, never a blind doubling.
     */
    private void keep(ByteBuffer src) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        int have = keptBytes();
        if ((long) have + n > MAX_KEPT) {
            throw new IllegalStateException("more than " + MAX_KEPT + " bytes of input kept");
        }
        if (kept == null || kept.remaining() < n) {
            int capacity = kept == null ? 0 : kept.capacity();
            int wanted = (int) Math.min(MAX_KEPT, Math.max((long) have + n, capacity + (capacity >> 1)));
            ByteBuffer bigger = transport.allocateHeap(wanted);
            if (have > 0) {
                bigger.put(0, kept, 0, have).position(have);
            }
            kept = bigger;
        }
        kept.put(src);
    }

    /**
     * After delivery from {@link #kept} (compacted, write mode): nothing left drops a big buffer,
     * little left in a big buffer moves to a smaller one (Redis's query-buffer resize).
     */
    private void trimKept() {
        if (kept == null) {
            return;
        }
        int have = kept.position();
        int capacity = kept.capacity();
        if (have == 0) {
            if (capacity > IDLE_KEPT_CAPACITY) {
                kept = null;
            }
        } else if (capacity > EventLoop.READ_BUFFER_SIZE && have < capacity / 4) {
            ByteBuffer smaller = transport.allocateHeap(have + (have >> 1));
            smaller.put(0, kept, 0, have).position(have);
            kept = smaller;
        }
    }

    /** Tells the handler how much input is kept; it may close the connection. */
    private void inputKept() {
        inCallback = true;
        try {
            handler.onInputKept(keptBytes());
        } catch (RuntimeException | Error e) {
            inCallback = false;
            handlerFailed(e);
            return;
        } finally {
            inCallback = false;
        }
        if (closeNowRequested) {
            finish();
        }
    }

    /** Delivers what is kept (after a pause, suspension or backpressure), with no new bytes. */
    private void deliverKept() {
        int have = keptBytes();
        ByteBuffer buf = loop.readBuffer();
        if (have <= buf.capacity()) {
            buf.clear();
            buf.put(0, kept, 0, have);
            buf.limit(have);
            kept.clear();
            deliver(buf);
        } else {
            kept.flip();
            deliver(kept);
        }
    }

    /**
     * Hands {@code in} (the loop's read buffer or {@link #kept}, read mode) to onRead, sends its
     * replies, and keeps what was left unconsumed.
     */
    private void deliver(ByteBuffer in) {
        redeliver = false;
        pausedDuringRead = false;
        inCallback = true;
        try {
            handler.onRead(in);
        } catch (RuntimeException | Error e) {
            inCallback = false;
            if (in == kept) {
                kept.clear();
            }
            handlerFailed(e);
            return;
        } finally {
            inCallback = false;
        }
        if (in == kept) {
            kept.compact();
            trimKept();
        } else if (in.hasRemaining()) {
            keep(in);
        } else if (kept != null && kept.capacity() > IDLE_KEPT_CAPACITY) {
            kept = null;
        }
        if ((pausedDuringRead && paused || suspended) && keptBytes() > 0) {
            redeliver = true;
        }
        afterCallback();
    }

    private void handlerFailed(Throwable e) {
        transport.handlerFailures.log(System.Logger.Level.WARNING,
                "connection " + id + ": handler failed, closing: " + e, e);
        finish();
    }

    /**
     * Something this connection was doing threw (out of direct memory or heap, a bug): it is closed
     * and the loop goes on. Loop thread.
     */
    void failed(Throwable e) {
        try {
            transport.connectionFailures.log(System.Logger.Level.WARNING,
                    "connection " + id + ": " + e + ", closing it", e);
        } catch (RuntimeException | Error ignored) {
            // no memory even for the message: closing matters more
        }
        finishContained();
    }

    /** {@link #finish()}, and if even that fails, at least close the socket and leave the loop. */
    void finishContained() {
        try {
            finish();
        } catch (RuntimeException | Error e) {
            state = State.CLOSED;
            closed = true;
            socket.close();
            loop.removed(this);
        }
    }

    /** After a handler callback returns: close if asked, else send and adjust interest. */
    private void afterCallback() {
        if (state != State.OPEN) {
            return;
        }
        if (closeNowRequested) {
            finish();
            return;
        }
        if (closeRequested) {
            beginClose(System.nanoTime() + transport.closeFlushTimeoutNanos());
            return;
        }
        // The replies leave after every ready connection of this poll has been read, as Redis
        // writes them in beforeSleep (handleClientsWithPendingWrites): clients answered together
        // send their next requests together, so the next poll finds many ready, and a subscriber
        // gets the messages of all of them in one send. Sending after each read instead kept the
        // loop at one connection per poll: 13x the epoll_waits and 8x the sends to a subscriber
        // of redis-server under the same PUBLISH load.
        request(REQ_FLUSH);
    }

    /** {@link #runRequests()} as a task: a failure closes this connection, not the loop. */
    private void runRequestsContained() {
        try {
            runRequests();
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    /** Runs what other threads (or other connections' callbacks) asked for. */
    void runRequests() {
        int bits = requests.getAndSet(0);
        if (state == State.CLOSED || state == State.NEW) {
            return;
        }
        if (closeNowRequested) {
            finish();
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
            redeliver = keptBytes() > 0;
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
        if (redeliver && !paused && !backpressured && !suspended && keptBytes() > 0) {
            deliverKept();
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
        out = NO_CHUNKS;
        kept = null;
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
        if (out.length == 0) {
            out = new ByteBuffer[4];
        }
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
        // every send passes here (requested flushes, writability, a closing connection's last
        // output): the server's durability point comes first (the AOF's write and fsync)
        transport.acceptor().beforeSend();
        if (!foreign.isEmpty()) {
            drainForeign();
        }
        try {
            while (outCount > 0) {
                int batch = batchSize();
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
                    if (out.length > 64) {
                        out = NO_CHUNKS; // after a big reply: back to nothing
                    }
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

    /**
     * Chunks for one gathering write: up to IOV_MAX, and at most {@link #MAX_HEAP_CHUNKS_PER_WRITE}
     * heap chunks, since the socket layer copies each through a direct buffer of its own (java.nio
     * caches one per heap buffer written, so an unbounded count would be direct memory outside
     * the budget).
     */
    private int batchSize() {
        int limit = Math.min(outCount, MAX_IOV);
        int heap = 0;
        for (int i = 0; i < limit; i++) {
            if (!out[outHead + i].isDirect() && ++heap > MAX_HEAP_CHUNKS_PER_WRITE) {
                return Math.max(1, i);
            }
        }
        return limit;
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
                if (redeliver && !paused && !suspended && keptBytes() > 0) {
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
