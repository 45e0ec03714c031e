package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.ConnectionHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One accepted socket and the virtual thread that owns it.
 *
 * <p>The owner thread runs {@link #run()}: it asks the acceptor for a handler, then reads, calls
 * {@link ConnectionHandler#onRead}, and sends every reply of that read in one gathering write. The
 * owner is the only thread that reads the socket and the only one that calls the handler.
 *
 * <p>Output: {@link #write} appends a copy to {@link #queued} under {@link #queueLock}, one call
 * at a time, so the bytes of one call stay contiguous. Whoever sends holds {@link #writeLock} and
 * takes whole runs off the head of the queue, so bytes leave in the order the writes were made.
 * The owner sends after each callback; a write from another thread is sent by a short-lived
 * virtual writer thread, so that a publisher is never blocked by a subscriber that does not read.
 * Both locks are {@link ReentrantLock}s, which a blocked virtual thread releases its carrier for.
 *
 * <p>Stopping: {@link #close()} (and transport shutdown, {@link #drain()}) set a flag and shut the
 * socket's input side, which makes the owner's blocking read return end-of-stream; the owner then
 * sends what is queued, closes the socket and calls {@link ConnectionHandler#onClose()}.
 */
final class BlockingConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(BlockingConnection.class.getName());

    /** First (and resting) size of the read buffer. */
    static final int INITIAL_READ_BUFFER = 16 * 1024;

    /** Output is coalesced into chunks of this size; a larger write gets a chunk of its own. */
    private static final int OUTPUT_CHUNK = 16 * 1024;

    /** Largest read buffer a ByteBuffer can have (array size limit with headroom). */
    private static final int MAX_READ_BUFFER = Integer.MAX_VALUE - 16;

    private final long id;
    private final SocketChannel channel;
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final BlockingTransport transport;
    private final ConnectionAcceptor acceptor;
    /** How long a {@link #close()} may take to send what is queued before the socket is cut. */
    private final Duration closeFlushTimeout;
    private final Thread owner;

    private final ReentrantLock queueLock = new ReentrantLock();
    /** Chunks in write mode (position = bytes filled); the last one takes appends. Guarded by queueLock. */
    private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
    /** Set under queueLock by the owner when the connection is over; writes are dropped from then on. */
    private boolean finished;

    /** Held while bytes go to the socket, so that two senders never interleave. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Bytes written by {@link #write} and not yet accepted by the socket. */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Whether a writer thread is scheduled or running (at most one per connection). */
    private final AtomicBoolean writerActive = new AtomicBoolean();

    private final ReentrantLock pauseLock = new ReentrantLock();
    private final Condition wakeUp = pauseLock.newCondition();
    private volatile boolean paused;
    /**
     * Delivery suspended (a blocked client): the owner keeps reading, with a short timeout so it
     * sees {@link #resumeDelivery()}, to notice a peer that closes; input is kept, not delivered.
     */
    private volatile boolean suspended;
    /** Set by {@link #pauseReading()}; the owner clears it before each onRead. */
    private volatile boolean pausedDuringRead;

    private final AtomicBoolean closeRequested = new AtomicBoolean();
    /** Transport shutdown: finish the current read, send its replies, then close. */
    private volatile boolean drainRequested;

    BlockingConnection(long id, SocketChannel channel, BlockingTransport transport,
                       ConnectionAcceptor acceptor, Duration closeFlushTimeout) throws IOException {
        this.id = id;
        this.channel = channel;
        this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.transport = transport;
        this.acceptor = acceptor;
        this.closeFlushTimeout = closeFlushTimeout;
        this.owner = Thread.ofVirtual().name("conn-" + id).unstarted(this::run);
    }

    void start() {
        owner.start();
    }

    Thread owner() {
        return owner;
    }

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
        if (closeRequested.get()) {
            src.position(src.limit());
            return;
        }
        queueLock.lock();
        try {
            if (finished) {
                src.position(src.limit());
                return;
            }
            ByteBuffer tail = queued.peekLast();
            if (tail == null || tail.remaining() < n) {
                tail = ByteBuffer.allocate(Math.max(OUTPUT_CHUNK, n));
                queued.addLast(tail);
            }
            tail.put(src);
            pendingBytes.addAndGet(n);
        } finally {
            queueLock.unlock();
        }
    }

    /**
     * On the owner thread this does nothing: the owner sends everything queued as soon as the
     * current callback returns, which keeps the replies of one read in one write. From another
     * thread the owner may be blocked in a read and cannot be woken, so a writer thread sends it.
     */
    @Override
    public void flush() {
        if (Thread.currentThread() == owner) {
            return;
        }
        scheduleWriter();
    }

    @Override
    public long pendingOutputBytes() {
        return pendingBytes.get();
    }

    /**
     * Writes made before this call are still sent; later ones are dropped. The owner finishes the
     * callback it is in, sends what is queued and closes; if that takes longer than the close flush
     * timeout (a peer that does not read), the socket is cut.
     */
    @Override
    public void close() {
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        wakeOwner();
        if (!owner.isAlive() && owner.getState() != Thread.State.NEW) {
            return;
        }
        Thread.ofVirtual().name("conn-" + id + "-close").start(() -> {
            try {
                if (!owner.join(closeFlushTimeout)) {
                    LOG.log(System.Logger.Level.DEBUG,
                            () -> "connection " + id + ": output not sent within " + closeFlushTimeout + ", cutting the socket");
                    abort();
                }
            } catch (InterruptedException e) {
                abort();
            }
        });
    }

    @Override
    public void pauseReading() {
        paused = true;
        pausedDuringRead = true;
    }

    @Override
    public void resumeReading() {
        pauseLock.lock();
        try {
            paused = false;
            wakeUp.signalAll();
        } finally {
            pauseLock.unlock();
        }
    }

    /** Owner thread, inside onRead: keep reading (to notice a close), stop delivering. */
    @Override
    public void suspendDelivery() {
        suspended = true;
    }

    /**
     * Any thread: deliver again. The owner notices within {@link #SUSPENDED_POLL_MILLIS} (or at
     * once if the client sends something), then hands over what it kept.
     */
    @Override
    public void resumeDelivery() {
        suspended = false;
    }

    @Override
    public boolean isClosed() {
        return closeRequested.get() || !channel.isOpen();
    }

    /** Transport shutdown: like {@link #close()} but the current read's replies are still accepted. */
    void drain() {
        drainRequested = true;
        wakeOwner();
    }

    /** Cuts the socket at once; blocked reads and writes fail and the owner finishes. */
    void abort() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, () -> "connection " + id + ": close failed", e);
        }
    }

    private boolean stopping() {
        return closeRequested.get() || drainRequested;
    }

    /** Gets the owner out of a pause wait or a blocking read; it then sees {@link #stopping()}. */
    private void wakeOwner() {
        pauseLock.lock();
        try {
            wakeUp.signalAll();
        } finally {
            pauseLock.unlock();
        }
        if (Thread.currentThread() != owner) {
            try {
                // A read blocked now, or started later, returns end-of-stream.
                channel.shutdownInput();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.TRACE, () -> "connection " + id + ": shutdownInput failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- owner thread

    private void run() {
        ConnectionHandler handler = null;
        try {
            handler = acceptor.accept(this);
            if (handler == null) {
                throw new NullPointerException("ConnectionAcceptor returned no handler");
            }
            sendQueued();
            readLoop(handler);
        } catch (IOException e) {
            // Reset by the peer, or the socket was cut by abort(): ordinary ends of a connection.
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + id + ": " + e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection " + id + ": handler failed, closing", e);
        } finally {
            finish(handler);
        }
    }

    private void readLoop(ConnectionHandler handler) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(INITIAL_READ_BUFFER);
        boolean redeliver = false;
        while (!stopping()) {
            if (paused) {
                awaitResume();
                continue;
            }
            if (suspended) {
                // A blocked client: read (so a close is seen) without delivering; a virtual thread
                // waiting here costs no platform thread.
                if (!in.hasRemaining()) {
                    in = grow(in);
                }
                if (readSuspended(in) < 0) {
                    return;
                }
                redeliver = true;
                continue;
            }
            if (redeliver && in.position() > 0) {
                // The handler paused with bytes left (a blocked client's pipeline); the client may
                // send nothing more, so hand them over again before reading.
                redeliver = false;
            } else {
                if (!in.hasRemaining()) {
                    in = grow(in);
                }
                if (channel.read(in) < 0) {
                    return;
                }
            }
            in.flip();
            pausedDuringRead = false;
            handler.onRead(in);
            redeliver = pausedDuringRead;
            in.compact();
            sendQueued();
            if (in.position() == 0 && in.capacity() > INITIAL_READ_BUFFER) {
                in = ByteBuffer.allocate(INITIAL_READ_BUFFER);
            } else if (!in.hasRemaining()) {
                // Full and nothing consumed: the frame is bigger than the buffer. Limits on the
                // frame size are the handler's business (it closes the connection).
                in = grow(in);
            }
        }
    }

    /** How often a suspended owner looks at {@link #suspended} while no byte arrives. */
    static final int SUSPENDED_POLL_MILLIS = 20;

    /**
     * One read while delivery is suspended: waits at most {@link #SUSPENDED_POLL_MILLIS} for bytes
     * (through the socket adaptor, whose reads honour a timeout) and appends them to {@code in}.
     *
     * @return bytes read, 0 on timeout, -1 at end of stream
     */
    private int readSuspended(ByteBuffer in) throws IOException {
        java.net.Socket socket = channel.socket();
        socket.setSoTimeout(SUSPENDED_POLL_MILLIS);
        try {
            int n = socket.getInputStream().read(in.array(), in.arrayOffset() + in.position(), in.remaining());
            if (n > 0) {
                in.position(in.position() + n);
            }
            return n;
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    private static ByteBuffer grow(ByteBuffer in) throws IOException {
        if (in.capacity() >= MAX_READ_BUFFER) {
            throw new IOException("read buffer cannot grow beyond " + MAX_READ_BUFFER + " bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min((long) in.capacity() * 2, MAX_READ_BUFFER));
        in.flip();
        bigger.put(in);
        return bigger;
    }

    private void awaitResume() {
        pauseLock.lock();
        try {
            while (paused && !stopping()) {
                wakeUp.await();
            }
        } catch (InterruptedException e) {
            // Nobody interrupts owners; if someone does, treat it as a request to stop.
            Thread.currentThread().interrupt();
            abort();
            closeRequested.set(true);
        } finally {
            pauseLock.unlock();
        }
    }

    private void finish(ConnectionHandler handler) {
        try {
            if (stopping() && channel.isOpen()) {
                try {
                    sendQueued();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "connection " + id + ": final flush failed: " + e);
                }
            }
        } finally {
            // Cut first, so that a writer thread blocked on a peer that does not read lets go.
            abort();
            writeLock.lock();
            queueLock.lock();
            try {
                finished = true;
                queued.clear();
                pendingBytes.set(0);
            } finally {
                queueLock.unlock();
                writeLock.unlock();
            }
            try {
                if (handler != null) {
                    handler.onClose();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "connection " + id + ": onClose failed", e);
            } finally {
                transport.connectionFinished(this);
            }
        }
    }

    // ---------------------------------------------------------------- sending

    private boolean hasQueued() {
        queueLock.lock();
        try {
            return !queued.isEmpty();
        } finally {
            queueLock.unlock();
        }
    }

    /** Sends until the queue is empty. Blocks while the peer does not read. */
    private void sendQueued() throws IOException {
        writeLock.lock();
        try {
            while (true) {
                ByteBuffer[] batch;
                queueLock.lock();
                try {
                    if (queued.isEmpty()) {
                        return;
                    }
                    batch = new ByteBuffer[queued.size()];
                    for (int i = 0; i < batch.length; i++) {
                        batch[i] = queued.pollFirst().flip();
                    }
                } finally {
                    queueLock.unlock();
                }
                int first = 0;
                while (first < batch.length) {
                    long n = channel.write(batch, first, batch.length - first);
                    transport.countSocketWrite();
                    pendingBytes.addAndGet(-n);
                    while (first < batch.length && !batch[first].hasRemaining()) {
                        first++;
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Starts a writer thread unless one is active. Bytes queued while a writer runs are not
     * stranded: a writer that finds the queue non-empty after clearing {@link #writerActive} goes
     * round again, and a caller that fails to set the flag queued its bytes before the writer
     * cleared it.
     */
    private void scheduleWriter() {
        if (hasQueued() && writerActive.compareAndSet(false, true)) {
            Thread.ofVirtual().name("conn-" + id + "-writer").start(this::writerLoop);
        }
    }

    private void writerLoop() {
        try {
            do {
                sendQueued();
                writerActive.set(false);
            } while (hasQueued() && writerActive.compareAndSet(false, true));
        } catch (IOException e) {
            writerActive.set(false);
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + id + ": write failed: " + e);
            // The owner may be blocked in a read; cutting the socket wakes it to call onClose.
            abort();
        }
    }
}
