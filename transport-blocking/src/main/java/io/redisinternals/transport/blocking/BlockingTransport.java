package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Listens with blocking {@link ServerSocketChannel}s, one virtual acceptor thread each, and runs
 * every accepted connection on a virtual thread of its own ({@link BlockingConnection}).
 *
 * <p>Lifecycle: created unstarted (nothing bound, no threads); {@link #start()} binds and starts
 * the acceptors; {@link #close(Duration)} closes the listeners, asks every connection to finish its
 * current read and send its replies, waits for the owners up to the grace period, then cuts the
 * sockets of those still running.
 */
final class BlockingTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(BlockingTransport.class.getName());

    /** After the grace period the remaining sockets are cut; this bounds the wait for their onClose. */
    private static final Duration AFTER_ABORT_WAIT = Duration.ofMillis(250);

    /** First pause after a failed accept (e.g. out of file descriptors), so the loop cannot spin. */
    static final long ACCEPT_RETRY_MIN_MILLIS = 10;
    /** The pause doubles while accepting keeps failing, up to this. */
    static final long ACCEPT_RETRY_MAX_MILLIS = 100;
    /** Repeated failures (accept, a connection's handler) log at most one line per this interval. */
    static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Free 16 KiB buffers kept for reuse by all connections (at most 8 MiB: an 8 MB reply makes no garbage). */
    private static final int POOLED_BUFFERS = 512;

    /** Accepts one connection; the seam through which tests inject accept failures. */
    @FunctionalInterface
    interface SocketAccept {
        SocketChannel accept(ServerSocketChannel listener) throws IOException;
    }

    private enum State { NEW, RUNNING, CLOSING, CLOSED }

    private final TransportConfig config;
    private final ConnectionAcceptor acceptor;
    private final Duration closeFlushTimeout;

    private final AtomicLong lastId = new AtomicLong();
    private final Map<Long, BlockingConnection> connections = new ConcurrentHashMap<>();
    /** Socket write calls made by all connections; lets tests see that replies are batched. */
    private final LongAdder socketWrites = new LongAdder();
    /** Times a suspended owner woke up, and reads its watcher made; at rest both stand still. */
    private final LongAdder suspendedWakeUps = new LongAdder();
    private final LongAdder watcherReads = new LongAdder();
    private final LongAdder acceptFailures = new LongAdder();

    /** Makes every heap buffer of the transport; replaced by tests to inject an allocation failure. */
    private volatile IntFunction<ByteBuffer> allocator = ByteBuffer::allocate;
    /** Makes every thread of the transport's connections; replaced by tests to inject a failure. */
    private volatile BiFunction<String, Runnable, Thread> threads =
            (name, task) -> Thread.ofVirtual().name(name).unstarted(task);
    private volatile SocketAccept socketAccept = ServerSocketChannel::accept;
    private final BufferPool pool = new BufferPool(POOLED_BUFFERS, n -> allocator.apply(n));
    /** "Accepting client connection: ..." as Redis words it, at a bounded rate. */
    private final RateLimitedLog acceptLog =
            new RateLimitedLog(LOG, System.Logger.Level.WARNING, FAILURE_LOG_INTERVAL_NANOS);
    private final RateLimitedLog failureLog =
            new RateLimitedLog(LOG, System.Logger.Level.WARNING, FAILURE_LOG_INTERVAL_NANOS);
    /**
     * Cuts connections whose close cannot send their output in time: one virtual thread for the
     * whole transport, parked without a timeout while no close is pending.
     */
    private final ScheduledThreadPoolExecutor closeDeadlines;

    private final ReentrantLock lifecycle = new ReentrantLock();
    private final CountDownLatch closed = new CountDownLatch(1);
    private State state = State.NEW;                         // guarded by lifecycle
    private final List<ServerSocketChannel> listeners = new ArrayList<>(); // guarded by lifecycle
    private final List<Thread> acceptors = new ArrayList<>();             // guarded by lifecycle
    private volatile List<InetSocketAddress> localAddresses = List.of();

    BlockingTransport(TransportConfig config, ConnectionAcceptor acceptor, Duration closeFlushTimeout) {
        this.config = config;
        this.acceptor = acceptor;
        this.closeFlushTimeout = closeFlushTimeout;
        this.closeDeadlines = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("close-deadlines").factory());
        closeDeadlines.setRemoveOnCancelPolicy(true);
        closeDeadlines.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Binds every address of the config. With port 0 the first listener gets a free port from
     * the OS and the others listen on that same port, so that clients see one port as with Redis.
     *
     * @throws BindException if an address cannot be bound (nothing stays bound then)
     * @throws IllegalStateException if already started or closed
     */
    @Override
    public void start() throws IOException {
        lifecycle.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("transport already " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
            List<InetSocketAddress> bound = new ArrayList<>();
            int port = config.port();
            try {
                for (InetAddress address : config.dualStackBindAddresses()) {
                    ServerSocketChannel listener = ServerSocketChannel.open();
                    listeners.add(listener);
                    InetSocketAddress wanted = new InetSocketAddress(address, port);
                    try {
                        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                        listener.bind(wanted, config.backlog());
                    } catch (IOException e) {
                        BindException failure = new BindException(
                                "could not listen on " + wanted.getHostString() + ":" + port + ": " + e.getMessage());
                        failure.initCause(e);
                        throw failure;
                    }
                    InetSocketAddress actual = (InetSocketAddress) listener.getLocalAddress();
                    bound.add(actual);
                    port = actual.getPort();
                }
            } catch (IOException | RuntimeException e) {
                for (ServerSocketChannel listener : listeners) {
                    closeQuietly(listener);
                }
                listeners.clear();
                throw e;
            }
            localAddresses = List.copyOf(bound);
            for (int i = 0; i < listeners.size(); i++) {
                ServerSocketChannel listener = listeners.get(i);
                InetSocketAddress address = bound.get(i);
                acceptors.add(Thread.ofVirtual()
                        .name("accept-" + address.getHostString() + ":" + address.getPort())
                        .start(() -> acceptLoop(listener)));
            }
            state = State.RUNNING;
            LOG.log(System.Logger.Level.DEBUG, () -> "listening on " + bound);
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
        return "virtual-threads";
    }

    /**
     * Closes the listeners (new connects are refused at once), then lets each connection finish
     * the read it is processing and send its replies, waiting for the owner threads up to
     * {@code grace}; the sockets still open then are cut, and their onClose awaited briefly.
     * A second call waits for the first to finish.
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
            awaitClosedUninterruptibly();
            return;
        }
        boolean interrupted = false;
        try {
            interrupted = shutdown(grace);
        } finally {
            lifecycle.lock();
            try {
                state = State.CLOSED;
            } finally {
                lifecycle.unlock();
            }
            closed.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns whether the calling thread was interrupted while waiting. */
    private boolean shutdown(Duration grace) {
        long deadline = System.nanoTime() + Math.max(0, saturatedNanos(grace));
        List<ServerSocketChannel> toClose;
        List<Thread> toJoin;
        lifecycle.lock();
        try {
            toClose = List.copyOf(listeners);
            toJoin = List.copyOf(acceptors);
        } finally {
            lifecycle.unlock();
        }
        for (ServerSocketChannel listener : toClose) {
            closeQuietly(listener);
        }
        boolean interrupted = false;
        try {
            // Acceptors leave at once when their listener closes (or after one retry pause); after
            // this no connection is added.
            for (Thread t : toJoin) {
                t.join(remaining(deadline).plusMillis(ACCEPT_RETRY_MAX_MILLIS));
            }
            List<BlockingConnection> open = List.copyOf(connections.values());
            for (BlockingConnection c : open) {
                c.drain();
            }
            List<BlockingConnection> late = new ArrayList<>();
            for (BlockingConnection c : open) {
                if (!c.owner().join(remaining(deadline))) {
                    late.add(c);
                }
            }
            if (!late.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG,
                        () -> late.size() + " connection(s) still busy after " + grace + ", cutting their sockets");
                for (BlockingConnection c : late) {
                    c.abort();
                }
                long abortDeadline = System.nanoTime() + AFTER_ABORT_WAIT.toNanos();
                for (BlockingConnection c : late) {
                    if (!c.owner().join(remaining(abortDeadline))) {
                        LOG.log(System.Logger.Level.WARNING,
                                () -> "connection " + c.id() + ": owner thread still running after shutdown");
                    }
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            for (BlockingConnection c : connections.values()) {
                c.abort();
            }
        } finally {
            closeDeadlines.shutdownNow();
        }
        return interrupted;
    }

    /**
     * Accepts until the listener closes. Nothing thrown here ends the loop: a failed accept
     * (typically EMFILE, out of file descriptors: the client waits in the backlog) pauses
     * 10 ms, doubling up to 100 ms while it keeps failing, as Redis retries on its next event
     * loop turn; a failure setting up one connection (an Error starting its thread included)
     * drops that connection. Both log at a bounded rate.
     */
    private void acceptLoop(ServerSocketChannel listener) {
        long retryMillis = 0;
        while (listener.isOpen()) {
            SocketChannel socket = null;
            try {
                socket = socketAccept.accept(listener);
                retryMillis = 0;
                startConnection(socket);
            } catch (ClosedChannelException e) {
                return;
            } catch (Throwable e) {
                if (!listener.isOpen()) {
                    return;
                }
                if (socket != null) {
                    closeQuietly(socket);
                }
                acceptFailures.increment();
                acceptLog.log(() -> "Accepting client connection: " + describe(e));
                retryMillis = Math.min(Math.max(retryMillis * 2, ACCEPT_RETRY_MIN_MILLIS), ACCEPT_RETRY_MAX_MILLIS);
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void startConnection(SocketChannel socket) throws IOException {
        long id = lastId.incrementAndGet();
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            BlockingConnection connection = new BlockingConnection(id, socket, this, acceptor);
            connections.put(id, connection);
            connection.start();
        } catch (Throwable e) {
            connections.remove(id);
            throw e;
        }
    }

    /**
     * A connection's owner (or writer) failed with something other than an I/O error: a handler
     * bug, or an Error such as OutOfMemoryError. The connection closes; one line is logged per
     * interval, the stack trace only at DEBUG.
     */
    void connectionFailed(BlockingConnection connection, Throwable e) {
        try {
            failureLog.log(() -> "connection " + connection.id() + ": handler failed, closing: " + describe(e));
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + connection.id() + " failed", e);
        } catch (Throwable ignored) {
            // Out of memory even for the log line: the connection still closes.
        }
    }

    private static String describe(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? e.toString() : e + " at " + trace[0];
    }

    void connectionFinished(BlockingConnection connection) {
        connections.remove(connection.id());
    }

    void countSocketWrite() {
        socketWrites.increment();
    }

    void countSuspendedWakeUp() {
        suspendedWakeUps.increment();
    }

    void countWatcherRead() {
        watcherReads.increment();
    }

    BufferPool pool() {
        return pool;
    }

    ByteBuffer allocate(int size) {
        return allocator.apply(size);
    }

    Thread newThread(String name, Runnable task) {
        return threads.apply(name, task);
    }

    /**
     * Cuts {@code connection} if its owner is still running after the close flush timeout; the
     * returned future is cancelled when the owner ends. Null once the transport is closed (its
     * shutdown cuts late connections itself).
     */
    Future<?> scheduleCloseDeadline(BlockingConnection connection) {
        try {
            return closeDeadlines.schedule(() -> {
                if (connection.owner().isAlive()) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "connection " + connection.id()
                            + ": output not sent within " + closeFlushTimeout + ", cutting the socket");
                    connection.abort();
                }
            }, saturatedNanos(closeFlushTimeout), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- seams and counters for tests

    void allocator(IntFunction<ByteBuffer> allocator) {
        this.allocator = allocator;
    }

    void threads(BiFunction<String, Runnable, Thread> threads) {
        this.threads = threads;
    }

    void socketAccept(SocketAccept socketAccept) {
        this.socketAccept = socketAccept;
    }

    long suspendedWakeUps() {
        return suspendedWakeUps.sum();
    }

    long watcherReads() {
        return watcherReads.sum();
    }

    long acceptFailures() {
        return acceptFailures.sum();
    }

    RateLimitedLog acceptLog() {
        return acceptLog;
    }

    RateLimitedLog failureLog() {
        return failureLog;
    }

    /** Socket write calls so far (for tests). */
    long socketWrites() {
        return socketWrites.sum();
    }

    /** Connections whose owner has not finished yet (for tests). */
    int openConnections() {
        return connections.size();
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : TimeUnit.DAYS.toNanos(365);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "close failed", e);
        }
    }
}
