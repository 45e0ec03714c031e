package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * {@code io-threads} event loops over one {@link Poller} backend. Loop 0 also owns the listening
 * sockets: it accepts and hands each new socket to a loop chosen round robin (itself directly,
 * another through its task queue), which owns the connection from then on.
 *
 * <p>Lifecycle: created unstarted; {@link #start()} opens the pollers, binds and starts the loop
 * threads; {@link #close(Duration)} has every loop close its listeners and connections (each after
 * sending what it has queued, by the grace deadline at the latest), and joins the threads.
 */
final class EpollTransport implements Transport {

    /** {@code epoll-spin auto}: the adaptive spin of {@link SpinWindow}. */
    static final int SPIN_AUTO = -1;

    private static final System.Logger LOG = System.getLogger(EpollTransport.class.getName());

    /** After the grace period the loops cut what is left; this bounds the wait for them. */
    private static final long AFTER_GRACE_MILLIS = 1_000;

    private enum State { NEW, RUNNING, CLOSING, CLOSED }

    /** Creates one poller of the chosen backend. */
    @FunctionalInterface
    interface PollerFactory {
        Poller open() throws IOException;
    }

    private final TransportConfig config;
    private final ConnectionAcceptor acceptor;
    private final PollerFactory pollers;
    private final String backend;
    private final int ioThreads;
    /** Empty polls before a loop blocks, or {@link #SPIN_AUTO}. */
    private final int spin;
    private final long highWater;
    private final long lowWater;
    private final long closeFlushTimeoutNanos;

    /**
     * Every buffer the loops allocate goes through these two (direct: the loops' read buffers and
     * output chunks; heap: kept partial frames and output beyond the direct budget), so a test can
     * make an allocation fail as running out of direct memory or heap does. Set before start().
     */
    volatile IntFunction<ByteBuffer> directAllocator = ByteBuffer::allocateDirect;
    volatile IntFunction<ByteBuffer> heapAllocator = ByteBuffer::allocate;

    /** A connection closed because something failed outside the handler's control (one line a second). */
    final RateLimitedLog connectionFailures = new RateLimitedLog(
            System.getLogger(EpollConnection.class.getName()), RateLimitedLog.DEFAULT_INTERVAL_NANOS);
    /** A handler that threw (one line a second, however many connections do it). */
    final RateLimitedLog handlerFailures = new RateLimitedLog(
            System.getLogger(EpollConnection.class.getName()), RateLimitedLog.DEFAULT_INTERVAL_NANOS);
    /** accept(2) failing, typically EMFILE (one line a second). */
    final RateLimitedLog acceptFailures = new RateLimitedLog(
            System.getLogger(EventLoop.class.getName()), RateLimitedLog.DEFAULT_INTERVAL_NANOS);
    /** An event-loop failure that belongs to no connection (one line a second). */
    final RateLimitedLog loopFailures = new RateLimitedLog(
            System.getLogger(EventLoop.class.getName()), RateLimitedLog.DEFAULT_INTERVAL_NANOS);

    private final AtomicLong lastId = new AtomicLong();
    private final AtomicInteger openConnections = new AtomicInteger();
    private int nextLoop; // loop 0's thread only

    private final ReentrantLock lifecycle = new ReentrantLock();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private State state = State.NEW;                 // guarded by lifecycle
    private EventLoop[] loops = new EventLoop[0];    // set once by start()
    private volatile List<InetSocketAddress> localAddresses = List.of();

    EpollTransport(TransportConfig config, ConnectionAcceptor acceptor, PollerFactory pollers, String backend,
                   int ioThreads, int spin, long highWater, long lowWater, Duration closeFlushTimeout) {
        this.config = config;
        this.acceptor = acceptor;
        this.pollers = pollers;
        this.backend = backend;
        this.ioThreads = ioThreads;
        this.spin = spin;
        this.highWater = highWater;
        this.lowWater = lowWater;
        this.closeFlushTimeoutNanos = closeFlushTimeout.toNanos();
    }

    /**
     * Opens one poller per loop and binds every address on loop 0's. With port 0 the first
     * listener gets a free port and the others use the same one, so clients see one port.
     *
     * @throws BindException if an address cannot be bound (nothing stays open then)
     */
    @Override
    public void start() throws IOException {
        lifecycle.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("transport already " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
            List<Poller> opened = new ArrayList<>();
            List<PollerSocket> listeners = new ArrayList<>();
            List<InetSocketAddress> bound = new ArrayList<>();
            EventLoop[] created;
            try {
                for (int i = 0; i < ioThreads; i++) {
                    opened.add(pollers.open());
                }
                int port = config.port();
                for (InetAddress address : config.bindAddresses()) {
                    InetSocketAddress wanted = new InetSocketAddress(address, port);
                    PollerSocket listener;
                    EventLoop.ListenerTag tag = new EventLoop.ListenerTag();
                    try {
                        listener = opened.get(0).listen(wanted, config.backlog(), tag);
                        tag.socket = listener;
                    } catch (IOException e) {
                        BindException failure = new BindException(
                                "could not listen on " + wanted.getHostString() + ":" + port + ": " + e.getMessage());
                        failure.initCause(e);
                        throw failure;
                    }
                    listeners.add(listener);
                    bound.add(listener.localAddress());
                    port = listener.localAddress().getPort();
                }
                created = new EventLoop[ioThreads];
                for (int i = 0; i < ioThreads; i++) {
                    created[i] = new EventLoop(i, opened.get(i), this, spin); // allocates its read buffer
                }
            } catch (IOException | RuntimeException | Error e) {
                for (PollerSocket l : listeners) {
                    l.close();
                }
                for (Poller p : opened) {
                    closeQuietly(p);
                }
                throw e;
            }
            for (PollerSocket l : listeners) {
                created[0].addListener(l);
            }
            loops = created;
            localAddresses = List.copyOf(bound);
            for (EventLoop loop : created) {
                loop.thread.start();
            }
            state = State.RUNNING;
            LOG.log(System.Logger.Level.DEBUG, () -> "listening on " + bound + " with " + ioThreads
                    + " event loop(s), backend " + backend);
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public List<InetSocketAddress> localAddresses() {
        return localAddresses;
    }

    @Override
    public String backend() {
        return backend;
    }

    /**
     * Stops accepting, lets every connection send what it has queued and closes it (onClose each),
     * all within {@code grace}; then the loops end and are joined. A second call waits for the
     * first.
     */
    @Override
    public void close(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        State previous;
        lifecycle.lock();
        try {
            previous = state;
            if (state == State.NEW || state == State.RUNNING) {
                state = State.CLOSING;
            }
        } finally {
            lifecycle.unlock();
        }
        if (previous == State.CLOSING || previous == State.CLOSED) {
            try {
                closedLatch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        boolean interrupted = false;
        try {
            long graceNanos = grace.isNegative() ? 0 : saturatedNanos(grace);
            long deadline = System.nanoTime() + graceNanos;
            for (EventLoop loop : loops) {
                loop.execute(() -> loop.beginShutdown(deadline));
            }
            long joinUntil = deadline + TimeUnit.MILLISECONDS.toNanos(AFTER_GRACE_MILLIS);
            for (EventLoop loop : loops) {
                try {
                    long left = joinUntil - System.nanoTime();
                    if (left > 0) {
                        loop.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            for (EventLoop loop : loops) {
                if (loop.thread.isAlive()) {
                    loop.stop();
                }
            }
            for (EventLoop loop : loops) {
                try {
                    loop.thread.join(AFTER_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (loop.thread.isAlive()) {
                    LOG.log(System.Logger.Level.WARNING, () -> loop.thread.getName() + " still running after shutdown");
                }
            }
            for (EventLoop loop : loops) {
                if (!loop.thread.isAlive()) {
                    loop.closeOrphans();
                }
            }
        } finally {
            lifecycle.lock();
            try {
                state = State.CLOSED;
            } finally {
                lifecycle.unlock();
            }
            closedLatch.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- called by the loops

    /** On loop 0: gives a new socket to the next loop, round robin. */
    void dispatchAccepted(PollerSocket socket) {
        long id = lastId.incrementAndGet();
        EventLoop target = loops[nextLoop];
        nextLoop = (nextLoop + 1) % loops.length;
        if (target.inLoop()) {
            target.adopt(socket, id);
        } else {
            target.execute(new EventLoop.Adoption(target, socket, id));
        }
    }

    void connectionStarted() {
        openConnections.incrementAndGet();
    }

    void connectionFinished(EpollConnection c) {
        openConnections.decrementAndGet();
    }

    ByteBuffer allocateDirect(int capacity) {
        return directAllocator.apply(capacity);
    }

    ByteBuffer allocateHeap(int capacity) {
        return heapAllocator.apply(capacity);
    }

    ConnectionAcceptor acceptor() {
        return acceptor;
    }

    long highWater() {
        return highWater;
    }

    long lowWater() {
        return lowWater;
    }

    long closeFlushTimeoutNanos() {
        return closeFlushTimeoutNanos;
    }

    /** Connections accepted and not yet finished (test and diagnostics hook). */
    int openConnections() {
        return openConnections.get();
    }

    /** Loop {@code i} (test hook; after start). */
    EventLoop loop(int i) {
        return loops[i];
    }

    /** The loop threads (empty before start). */
    List<Thread> loopThreads() {
        List<Thread> threads = new ArrayList<>();
        for (EventLoop loop : loops) {
            threads.add(loop.thread);
        }
        return threads;
    }

    int ioThreads() {
        return ioThreads;
    }

    int spin() {
        return spin;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365);
        }
    }

    private static void closeQuietly(Poller p) {
        try {
            p.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "close failed", e);
        }
    }
}
