package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.ConnectionHandler;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One accepted socket and the virtual thread that owns it.
 *
 * <p>The owner thread runs {@link #run()}: it asks the acceptor for a handler, then reads, calls
 * {@link ConnectionHandler#onRead}, and sends every reply of that read in one gathering write. The
 * owner is the only thread that calls the handler, and the only one that reads the socket, except
 * while delivery is suspended (below).
 *
 * <p>Input buffers: an idle connection blocks in its read with a small resting buffer
 * ({@link #RESTING_READ_BUFFER}). When a read fills it and the socket holds more, the owner moves
 * to a pooled 16 KiB buffer ({@link BufferPool}) and reads on before delivering, so a pipeline is
 * still delivered (and answered) in few large pieces; a frame larger than that grows the buffer by
 * doubling, only as far as bytes have arrived. As soon as the handler has consumed everything,
 * the pooled or grown buffer is given back and the owner rests on the small one again.
 *
 * <p>Suspended delivery (a blocked client): the socket must still be read, so that a peer closing
 * is noticed and kept bytes are bounded, but the owner must also deliver at once when
 * {@link #resumeDelivery()} comes from another thread, and a virtual thread blocked in a socket
 * read cannot be woken without closing the channel. So the owner parks on {@link #wakeUp} and a
 * virtual watcher thread ({@code conn-ID-watch}) does the blocking read, into a buffer of its
 * own, and hands each result to the owner (one slot, {@link #watchedReady}); the owner appends the
 * bytes to its kept input and calls {@link ConnectionHandler#onInputKept}. The watcher reads again
 * only when the owner, taking a result, is still suspended; otherwise it exits, and until then the
 * owner's reads are taken from it, so two threads never read the socket at once. Nothing polls:
 * 500 blocked clients are 500 parked owners and 500 watchers parked in the poller.
 *
 * <p>Output: {@link #write} copies into pooled 16 KiB chunks in {@link #queued} under
 * {@link #queueLock}, one call at a time, so the bytes of one call stay contiguous; a write larger
 * than a chunk is copied once into a buffer of its own. Whoever sends holds {@link #writeLock} and
 * takes whole runs off the head of the queue, so bytes leave in the order the writes were made,
 * and gives pooled chunks back once sent. The owner sends after each callback; a write from
 * another thread is sent by a short-lived virtual writer thread, so that a publisher is never
 * blocked by a subscriber that does not read. Locks are {@link ReentrantLock}s, which a blocked
 * virtual thread releases its carrier for.
 *
 * <p>Stopping: {@link #close()} (and transport shutdown, {@link #drain()}) set a flag and shut the
 * socket's input side, which makes a blocking read (the owner's or the watcher's) return
 * end-of-stream; the owner then sends what is queued, closes the socket and calls
 * {@link ConnectionHandler#onClose()}. A close that cannot send its output within the close flush
 * timeout is cut by the transport's scheduler. {@link #closeNow()} drops the output and closes the
 * channel at once.
 *
 * <p>Failures: anything thrown on the owner thread, {@link Error}s included (an
 * {@link OutOfMemoryError} growing a buffer, a handler bug), ends this connection only; it is
 * logged at a bounded rate by the transport.
 */
final class BlockingConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(BlockingConnection.class.getName());

    /** Read buffer of an idle connection (and of a suspended connection's watcher). */
    static final int RESTING_READ_BUFFER = 1024;

    /** Largest read buffer a ByteBuffer can have (array size limit with headroom). */
    private static final int MAX_READ_BUFFER = Integer.MAX_VALUE - 16;

    private final long id;
    private final SocketChannel channel;
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final BlockingTransport transport;
    private final BufferPool pool;
    private final ConnectionAcceptor acceptor;
    private final Thread owner;

    private final ReentrantLock queueLock = new ReentrantLock();
    /** Chunks in write mode (position = bytes filled); the last one takes appends. Guarded by queueLock. */
    private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>(4);
    /** Set under queueLock when the connection is over or its output dropped; writes are dropped from then on. */
    private boolean finished;

    /** Held while bytes go to the socket, so that two senders never interleave. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Reused gathering array for sends of more than one chunk; guarded by writeLock. */
    private ByteBuffer[] gather;
    /** Bytes written by {@link #write} and not yet accepted by the socket. */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Whether a writer thread is scheduled or running (at most one per connection). */
    private final AtomicBoolean writerActive = new AtomicBoolean();

    /** Guards the pause/suspend waits and the watcher hand-off. */
    private final ReentrantLock stateLock = new ReentrantLock();
    /** The owner waits here: for a resume, a stop, or the watcher's next read. */
    private final Condition wakeUp = stateLock.newCondition();
    /** The watcher waits here for the owner to take its read. */
    private final Condition handedOver = stateLock.newCondition();
    private volatile boolean paused;
    /** Delivery suspended (a blocked client): input is read by the watcher and kept, not delivered. */
    private volatile boolean suspended;
    /** Set by {@link #pauseReading()} and {@link #suspendDelivery()}; the owner clears it before each onRead. */
    private volatile boolean pausedDuringRead;
    /** The watcher thread, while one exists; guarded by stateLock. */
    private Thread watcher;
    /** The watcher's read buffer (write mode); the owner reads it only while {@link #watchedReady}. */
    private ByteBuffer watchedBuffer;
    /** A watcher read result waits for the owner; guarded by stateLock. */
    private boolean watchedReady;
    private int watchedCount;          // guarded by stateLock: bytes read, or -1
    private Throwable watchedFailure;  // guarded by stateLock
    /** The owner has left its loop; a watcher still waiting exits. Guarded by stateLock. */
    private boolean ownerDone;

    private final AtomicBoolean closeRequested = new AtomicBoolean();
    /** {@link #closeNow()}: output is dropped, the channel is already closed. */
    private volatile boolean dropOutput;
    /** Transport shutdown: finish the current read, send its replies, then close. */
    private volatile boolean drainRequested;
    /** Cuts the socket when a close cannot send its output in time; cancelled when the owner ends. */
    private volatile Future<?> closeDeadline;

    /** Owner only: the current read buffer (write mode): {@link #resting}, a pooled chunk, or a grown buffer. */
    private ByteBuffer in;
    /** Owner only: the small buffer an idle connection reads into. */
    private ByteBuffer resting;
    /** Most bytes one delivery gathers by reading on while the socket holds more (64 KiB). */
    static final int READ_AHEAD_LIMIT = 64 * 1024;

    /** Owner only, created on first use: answers how many bytes the socket holds (FIONREAD). */
    private InputStream availableProbe;

    BlockingConnection(long id, SocketChannel channel, BlockingTransport transport,
                       ConnectionAcceptor acceptor) throws IOException {
        this.id = id;
        this.channel = channel;
        this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.transport = transport;
        this.pool = transport.pool();
        this.acceptor = acceptor;
        this.owner = transport.newThread("conn-" + id, this::run);
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

    /**
     * Copies the bytes into the tail chunk and, for what does not fit, into new pooled chunks; a
     * write larger than a chunk gets one buffer of its own (one copy, one gathering entry).
     */
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
            if (tail != null && tail.remaining() >= n) {
                tail.put(src);
            } else {
                // Pooled chunks even for a big write (an 8 MB reply): a buffer of its own per
                // write would be garbage of the reply's size each time.
                if (tail != null && tail.hasRemaining()) {
                    int limit = src.limit();
                    src.limit(src.position() + tail.remaining());
                    tail.put(src);
                    src.limit(limit);
                }
                while (src.hasRemaining()) {
                    ByteBuffer chunk = pool.take();
                    int limit = src.limit();
                    src.limit(src.position() + Math.min(src.remaining(), chunk.remaining()));
                    chunk.put(src);
                    src.limit(limit);
                    queued.addLast(chunk);
                }
            }
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

    /**
     * Measured: 5.5 KB per idle connection (the owner's virtual thread and its stack, parked in
     * read, the 1 KiB resting read buffer, the socket's objects, the server's session and parser).
     */
    @Override
    public long idleFootprintBytes() {
        return 5_600;
    }

    @Override
    public long pendingOutputBytes() {
        return pendingBytes.get();
    }

    /**
     * Writes made before this call are still sent; later ones are dropped. The owner finishes the
     * callback it is in, sends what is queued and closes; if that takes longer than the close flush
     * timeout (a peer that does not read), the transport's scheduler cuts the socket.
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
        Future<?> deadline = transport.scheduleCloseDeadline(this);
        closeDeadline = deadline;
        if (isOwnerDone() && deadline != null) {
            deadline.cancel(false);
        }
    }

    /**
     * Drops the unsent output and closes the channel now: a blocked read or write (the owner's,
     * the watcher's, a writer's) fails at once and the owner goes on to {@code onClose}.
     */
    @Override
    public void closeNow() {
        closeRequested.set(true);
        dropOutput = true;
        discardQueued();
        abort();
        signalOwner();
    }

    @Override
    public void pauseReading() {
        paused = true;
        pausedDuringRead = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        signalOwner();
    }

    /**
     * Owner thread, inside onRead: keep reading (to notice a close), stop delivering. Like a
     * pause, it marks the bytes left by this read for redelivery, so that a resume that comes
     * before onRead even returns (the unblock may run as soon as the handler lets go of its lock)
     * still hands them over without waiting for new input.
     */
    @Override
    public void suspendDelivery() {
        suspended = true;
        pausedDuringRead = true;
    }

    /** Any thread: deliver again; the parked owner is woken and hands over what it kept. */
    @Override
    public void resumeDelivery() {
        suspended = false;
        signalOwner();
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

    private void signalOwner() {
        stateLock.lock();
        try {
            wakeUp.signalAll();
        } finally {
            stateLock.unlock();
        }
    }

    private boolean isOwnerDone() {
        stateLock.lock();
        try {
            return ownerDone;
        } finally {
            stateLock.unlock();
        }
    }

    /** Gets the owner out of a wait or a blocking read (its or the watcher's); it then sees {@link #stopping()}. */
    private void wakeOwner() {
        signalOwner();
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
        } catch (Throwable e) {
            // A handler bug, or an Error (out of memory growing a buffer): this connection ends,
            // the others and the acceptor go on.
            transport.connectionFailed(this, e);
        } finally {
            finish(handler);
        }
    }

    private void readLoop(ConnectionHandler handler) throws IOException {
        resting = transport.allocate(RESTING_READ_BUFFER);
        in = resting;
        boolean redeliver = false;
        while (!stopping()) {
            if (paused) {
                awaitResume();
                continue;
            }
            if (suspended) {
                // A blocked client: the watcher reads (so a close is seen) and the bytes are kept.
                int n = awaitKeptInput();
                if (n < 0) {
                    return;
                }
                if (n > 0) {
                    redeliver = true;
                    handler.onInputKept(in.position());
                }
                continue;
            }
            if (redeliver && in.position() > 0) {
                // Bytes kept while paused or suspended (a blocked client's pipeline); the client
                // may send nothing more, so hand them over again before reading.
                redeliver = false;
            } else if (readInput() < 0) {
                return;
            }
            in.flip();
            pausedDuringRead = false;
            handler.onRead(in);
            redeliver = pausedDuringRead;
            in.compact();
            sendQueued();
            restAfterRead();
        }
    }

    /**
     * Reads at least one byte, or returns -1 at end of stream. A read that fills the buffer while
     * the socket holds more moves to a bigger buffer and reads on, so that one delivery (and one
     * reply write) covers what has arrived.
     */
    private int readInput() throws IOException {
        if (!in.hasRemaining()) {
            grow(in.capacity() + 1);
        }
        int total = readOnce();
        if (total < 0) {
            return -1;
        }
        while (!in.hasRemaining() && in.position() < READ_AHEAD_LIMIT && watcherGone()) {
            int available = available();
            if (available <= 0) {
                break;
            }
            // Bounded: a client streaming a 200 MB value must be delivered in pieces (the parser
            // moves big bulks out of the buffer), not gathered here first.
            grow(in.position() + Math.min(available, READ_AHEAD_LIMIT - in.position()));
            int n = channel.read(in);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** One read into {@link #in}: from the socket, or from the watcher while one is left over. */
    private int readOnce() throws IOException {
        stateLock.lock();
        try {
            if (watcher != null) {
                while (!watchedReady) {
                    wakeUp.awaitUninterruptibly();
                }
                return takeWatched(false);
            }
        } finally {
            stateLock.unlock();
        }
        return channel.read(in);
    }

    private boolean watcherGone() {
        stateLock.lock();
        try {
            return watcher == null;
        } finally {
            stateLock.unlock();
        }
    }

    private int available() throws IOException {
        if (availableProbe == null) {
            availableProbe = channel.socket().getInputStream();
        }
        return availableProbe.available();
    }

    /**
     * After a delivery: an empty buffer goes back to the pool (or to the GC if it grew) and the
     * owner rests on the small one; a big buffer mostly empty moves its remnant to a smaller one,
     * as Redis trims a query buffer much bigger than its recent use.
     */
    private void restAfterRead() {
        if (in == resting) {
            return;
        }
        int kept = in.position();
        if (kept == 0) {
            release(in);
            resting.clear();
            in = resting;
        } else if (in.capacity() > BufferPool.BUFFER_SIZE && kept <= BufferPool.BUFFER_SIZE / 2) {
            ByteBuffer smaller = pool.take();
            in.flip();
            smaller.put(in);
            release(in);
            in = smaller;
        }
    }

    /**
     * Moves {@link #in} (write mode) to a buffer of at least {@code needed} bytes: the pooled
     * chunk when that is enough, else doubling (bounded by {@code needed}, i.e. by what arrived).
     */
    private void grow(int needed) throws IOException {
        if (needed <= in.capacity()) {
            return;
        }
        ByteBuffer bigger;
        if (needed <= BufferPool.BUFFER_SIZE) {
            bigger = pool.take();
        } else {
            if (in.capacity() >= MAX_READ_BUFFER) {
                throw new IOException("read buffer cannot grow beyond " + MAX_READ_BUFFER + " bytes");
            }
            long doubled = Math.max((long) in.capacity() * 2, BufferPool.BUFFER_SIZE * 2L);
            bigger = transport.allocate((int) Math.min(Math.max(doubled, needed), MAX_READ_BUFFER));
        }
        in.flip();
        bigger.put(in);
        release(in);
        in = bigger;
    }

    private void release(ByteBuffer buffer) {
        if (buffer != resting) {
            pool.give(buffer);
        }
    }

    private void awaitResume() {
        stateLock.lock();
        try {
            while (paused && !stopping()) {
                wakeUp.awaitUninterruptibly();
            }
        } finally {
            stateLock.unlock();
        }
    }

    // ---------------------------------------------------------------- suspended: the watcher

    /**
     * While suspended: parks until the watcher has read (its bytes are appended to {@link #in}),
     * delivery resumes, or the connection stops. Starts the watcher if there is none.
     *
     * @return bytes kept by this call (0 if woken for another reason), -1 at end of stream
     */
    private int awaitKeptInput() throws IOException {
        stateLock.lock();
        try {
            if (watcher == null) {
                ByteBuffer buffer = transport.allocate(RESTING_READ_BUFFER);
                Thread t = transport.newThread("conn-" + id + "-watch", () -> watch(buffer));
                watchedBuffer = buffer;
                watcher = t;
                try {
                    t.start(); // it reads once we release stateLock (in await)
                } catch (Throwable e) {
                    watcher = null;
                    watchedBuffer = null;
                    throw e;
                }
            }
            while (!watchedReady && suspended && !stopping()) {
                wakeUp.awaitUninterruptibly();
                transport.countSuspendedWakeUp();
            }
            if (!watchedReady) {
                return 0;
            }
            return takeWatched(suspended && !stopping());
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Owner, under stateLock with a result waiting: appends the watcher's bytes to {@link #in}
     * and tells the watcher whether to read again; without {@code again} the watcher exits and
     * the owner reads the socket itself from now on.
     */
    private int takeWatched(boolean again) throws IOException {
        int n = watchedCount;
        Throwable failure = watchedFailure;
        try {
            if (n > 0) {
                ByteBuffer b = watchedBuffer;
                b.flip();
                grow(in.position() + b.remaining());
                in.put(b);
                b.clear();
            }
        } finally {
            watchedReady = false;
            watchedFailure = null;
            if (!(again && n > 0 && failure == null)) {
                // The watcher sees it is no longer the watcher and exits without reading again.
                watcher = null;
                watchedBuffer = null;
            }
            handedOver.signalAll();
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure != null) {
            throw new IOException("watcher read failed", failure);
        }
        return n;
    }

    /**
     * The watcher thread: one blocking read per hand-off, for as long as it is still
     * {@link #watcher} after the owner took its result (a later watcher never shares its buffer).
     */
    private void watch(ByteBuffer buffer) {
        Thread self = Thread.currentThread();
        while (true) {
            int n;
            Throwable failure = null;
            try {
                n = channel.read(buffer);
            } catch (Throwable e) {
                n = -1;
                failure = e;
            }
            transport.countWatcherRead();
            stateLock.lock();
            try {
                watchedCount = n;
                watchedFailure = failure;
                watchedReady = true;
                wakeUp.signalAll();
                while (watchedReady && watcher == self && !ownerDone) {
                    handedOver.awaitUninterruptibly();
                }
                if (watcher != self || ownerDone) {
                    return;
                }
            } finally {
                stateLock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- finishing

    private void finish(ConnectionHandler handler) {
        try {
            stateLock.lock();
            try {
                ownerDone = true;
                handedOver.signalAll();
            } finally {
                stateLock.unlock();
            }
            if (stopping() && !dropOutput && channel.isOpen()) {
                if (hasQueued() && closeDeadline == null) {
                    // Drained by the transport or closing without close(): still bounded.
                    closeDeadline = transport.scheduleCloseDeadline(this);
                }
                try {
                    sendQueued();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "connection " + id + ": final flush failed: " + e);
                }
            }
        } catch (Throwable e) {
            transport.connectionFailed(this, e);
        } finally {
            // Cut first, so that a writer thread blocked on a peer that does not read lets go.
            abort();
            Future<?> deadline = closeDeadline;
            if (deadline != null) {
                deadline.cancel(false);
            }
            writeLock.lock();
            try {
                discardQueued();
                pendingBytes.set(0);
            } finally {
                writeLock.unlock();
            }
            ByteBuffer current = in;
            in = null;
            if (current != null) {
                release(current);
            }
            try {
                if (handler != null) {
                    handler.onClose();
                }
            } catch (Throwable e) {
                transport.connectionFailed(this, e);
            } finally {
                transport.connectionFinished(this);
            }
        }
    }

    /** Drops everything queued (pooled chunks go back) and refuses later writes. */
    private void discardQueued() {
        queueLock.lock();
        try {
            finished = true;
            long dropped = 0;
            for (ByteBuffer b; (b = queued.pollFirst()) != null; ) {
                dropped += b.position();
                pool.give(b);
            }
            pendingBytes.addAndGet(-dropped);
        } finally {
            queueLock.unlock();
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
        // every send passes here: the server's durability point comes first (the AOF's write and fsync)
        acceptor.beforeSend();
        writeLock.lock();
        try {
            while (true) {
                ByteBuffer single = null;
                int count;
                queueLock.lock();
                try {
                    count = queued.size();
                    if (count == 0) {
                        return;
                    }
                    if (count == 1) {
                        single = queued.pollFirst().flip();
                    } else {
                        if (gather == null || gather.length < count) {
                            gather = new ByteBuffer[Math.max(count, 4)];
                        }
                        for (int i = 0; i < count; i++) {
                            gather[i] = queued.pollFirst().flip();
                        }
                    }
                } finally {
                    queueLock.unlock();
                }
                if (single != null) {
                    try {
                        while (single.hasRemaining()) {
                            int n = channel.write(single);
                            transport.countSocketWrite();
                            pendingBytes.addAndGet(-n);
                        }
                    } finally {
                        pool.give(single);
                    }
                } else {
                    try {
                        int first = 0;
                        while (first < count) {
                            long n = channel.write(gather, first, count - first);
                            transport.countSocketWrite();
                            pendingBytes.addAndGet(-n);
                            while (first < count && !gather[first].hasRemaining()) {
                                first++;
                            }
                        }
                    } finally {
                        for (int i = 0; i < count; i++) {
                            pool.give(gather[i]);
                            gather[i] = null;
                        }
                        if (gather.length > 64) {
                            gather = null; // a burst's big array is not kept by an idle connection
                        }
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
            try {
                transport.newThread("conn-" + id + "-writer", this::writerLoop).start();
            } catch (Throwable e) {
                writerActive.set(false);
                transport.connectionFailed(this, e);
                closeNow();
            }
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
        } catch (Throwable e) {
            writerActive.set(false);
            transport.connectionFailed(this, e);
            abort();
        }
    }
}
