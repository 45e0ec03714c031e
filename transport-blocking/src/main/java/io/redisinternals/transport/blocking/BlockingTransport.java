package io.redisinternals.transport.blocking;

import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

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
    private static final Duration AFTER_ABORT_WAIT = Duration.ofSeconds(1);

    /** Pause after a failed accept (e.g. out of file descriptors), so the loop cannot spin. */
    private static final long ACCEPT_RETRY_MILLIS = 10;

    private enum State { NEW, RUNNING, CLOSING, CLOSED }

    private final TransportConfig config;
    private final ConnectionAcceptor acceptor;
    private final Duration closeFlushTimeout;

    private final AtomicLong lastId = new AtomicLong();
    private final Map<Long, BlockingConnection> connections = new ConcurrentHashMap<>();
    /** Socket write calls made by all connections; lets tests see that replies are batched. */
    private final LongAdder socketWrites = new LongAdder();

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
                throw new IllegalStateException("transport already " + state.name().toLowerCase());
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
            // Acceptors leave at once when their listener closes; after this no connection is added.
            for (Thread t : toJoin) {
                t.join();
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
        }
        return interrupted;
    }

    private void acceptLoop(ServerSocketChannel listener) {
        while (true) {
            SocketChannel socket;
            try {
                socket = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!listener.isOpen()) {
                    return;
                }
                // Typically EMFILE: the client waits in the backlog; retry shortly, as Redis does.
                LOG.log(System.Logger.Level.WARNING, () -> "Accepting client connection: " + e.getMessage());
                try {
                    Thread.sleep(ACCEPT_RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            long id = lastId.incrementAndGet();
            try {
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                BlockingConnection connection = new BlockingConnection(id, socket, this, acceptor, closeFlushTimeout);
                connections.put(id, connection);
                connection.start();
            } catch (IOException | RuntimeException e) {
                // The peer left between accept and setup (or threads ran out): drop it.
                LOG.log(System.Logger.Level.DEBUG, () -> "dropping a just-accepted connection: " + e);
                connections.remove(id);
                closeQuietly(socket);
            }
        }
    }

    void connectionFinished(BlockingConnection connection) {
        connections.remove(connection.id());
    }

    void countSocketWrite() {
        socketWrites.increment();
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
