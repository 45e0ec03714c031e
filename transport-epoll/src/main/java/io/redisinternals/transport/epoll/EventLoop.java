package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One I/O thread: a {@link Poller}, the connections registered with it (each for its whole life),
 * a task queue other threads feed, and a pool of output chunks. Everything of a connection — its
 * reads, handler callbacks, writes to the socket, interest changes, closing — happens on this
 * thread; other threads only enqueue {@link Runnable}s and {@link Poller#wakeup() wake} it.
 *
 * <p>One iteration: run queued tasks; poll without blocking; when nothing is ready, poll again
 * without blocking up to {@code spin} times (a request that arrives microseconds after a reply then
 * costs no sleep/wake-up), then block until readiness, a wake-up, or the next close deadline.
 * Ready sockets are dispatched as the poller reports them; work that must not run inside another
 * connection's callback (a write, resume or close aimed at a connection from a handler of another
 * one) is deferred to right after the current dispatch.
 *
 * <p>The hot path allocates nothing: the loop is its own {@link Poller.ReadySink}, the deferred
 * list and chunk pool are reused, and an empty task queue is checked without allocation.
 */
final class EventLoop implements Poller.ReadySink, Runnable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Size of a pooled output chunk. Writes are coalesced into chunks; a large write spans several. */
    static final int CHUNK_SIZE = 64 * 1024;
    /** Chunks kept for reuse per loop (4 MiB); the rest are left to the GC once sent. */
    static final int MAX_POOLED_CHUNKS = 64;
    /** Accepts per readiness event, as Redis's MAX_ACCEPTS_PER_CALL, so a connect storm cannot starve reads. */
    private static final int MAX_ACCEPTS_PER_EVENT = 1000;

    final int index;
    final Poller poller;
    private final EpollTransport transport;
    private final int spin;
    final Thread thread;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True while the loop is (about to be) blocked in poll: a producer must wake it. */
    private final AtomicBoolean wakeupNeeded = new AtomicBoolean();

    /** Connections registered here; each knows its index for O(1) removal. Loop thread only. */
    private final ArrayList<EpollConnection> connections = new ArrayList<>();
    /** Connections with work deferred to after the current dispatch. Loop thread only. */
    private final ArrayList<EpollConnection> deferred = new ArrayList<>();
    /** Connections flushing before they close, each with a deadline. Loop thread only. */
    private final ArrayList<EpollConnection> closing = new ArrayList<>();
    private final ArrayDeque<ByteBuffer> chunkPool = new ArrayDeque<>();
    /** Listening sockets registered with this loop's poller (loop 0 only). */
    private final List<PollerSocket> listeners = new ArrayList<>();

    private volatile boolean shuttingDown;
    private long shutdownDeadline;
    private volatile boolean stopped;

    EventLoop(int index, Poller poller, EpollTransport transport, int spin) {
        this.index = index;
        this.poller = poller;
        this.transport = transport;
        this.spin = spin;
        this.thread = new Thread(this, "epoll-loop-" + index);
        this.thread.setDaemon(true);
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Queues a task for the loop thread and wakes it if it may be blocked. Safe from any thread. */
    void execute(Runnable task) {
        tasks.offer(task);
        if (wakeupNeeded.getAndSet(false)) {
            poller.wakeup();
        }
    }

    /** Adds a listener (before the thread starts). */
    void addListener(PollerSocket listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- the loop

    @Override
    public void run() {
        try {
            while (!stopped) {
                runTasks();
                runDeferred();
                if (shuttingDown && connections.isEmpty()) {
                    break;
                }
                int n = poller.poll(0, this);
                for (int i = 0; n == 0 && i < spin && tasks.isEmpty(); i++) {
                    Thread.onSpinWait();
                    n = poller.poll(0, this);
                }
                if (n == 0 && tasks.isEmpty() && deferred.isEmpty()) {
                    long timeout = pollTimeout();
                    if (timeout != 0) {
                        wakeupNeeded.set(true);
                        if (tasks.isEmpty()) {
                            poller.poll(timeout, this);
                        }
                        wakeupNeeded.set(false);
                    }
                }
                runDeferred();
                expireClosing();
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "event loop " + index + " failed", e);
        } finally {
            abortAll();
            closeListeners();
            try {
                poller.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "closing poller: " + e);
            }
            stopped = true;
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event loop task failed", e);
            }
        }
    }

    /** Milliseconds until the earliest close deadline (at least 1), or -1 when none. */
    private long pollTimeout() {
        if (closing.isEmpty()) {
            return -1;
        }
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < closing.size(); i++) {
            earliest = Math.min(earliest, closing.get(i).closeDeadline - now);
        }
        return earliest <= 0 ? 0 : Math.max(1, (earliest + 999_999) / 1_000_000);
    }

    private void expireClosing() {
        if (closing.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (int i = closing.size() - 1; i >= 0; i--) {
            if (i < closing.size()) {
                EpollConnection c = closing.get(i);
                if (c.closeDeadline - now <= 0) {
                    LOG.log(System.Logger.Level.DEBUG,
                            () -> "connection " + c.id() + ": output not sent before its close deadline, cutting it");
                    c.finish();
                }
            }
        }
    }

    @Override
    public void ready(Object attachment, int readyOps) {
        if (attachment instanceof EpollConnection c) {
            c.ready(readyOps);
        } else if (attachment instanceof ListenerTag listener && listener.socket != null) {
            acceptAll(listener.socket);
        }
        runDeferred();
    }

    private void acceptAll(PollerSocket listener) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT && !shuttingDown; i++) {
            PollerSocket socket;
            try {
                socket = poller.accept(listener);
            } catch (IOException e) {
                // Typically EMFILE: the client waits in the backlog and is retried on the next event.
                LOG.log(System.Logger.Level.WARNING, () -> "Accepting client connection: " + e.getMessage());
                return;
            }
            if (socket == null) {
                return;
            }
            transport.dispatchAccepted(socket);
        }
    }

    // ---------------------------------------------------------------- connections

    /** Registers a socket accepted by any loop and gives it to the acceptor. Loop thread. */
    void adopt(PollerSocket socket, long id) {
        if (shuttingDown) {
            socket.close();
            return;
        }
        EpollConnection c = new EpollConnection(id, socket, this, transport);
        try {
            poller.register(socket, Poller.READ, c);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "registering connection " + id + ": " + e);
            socket.close();
            return;
        }
        c.slot = connections.size();
        connections.add(c);
        transport.connectionStarted();
        c.start();
    }

    /** Forgets a finished connection. Loop thread. */
    void removed(EpollConnection c) {
        int slot = c.slot;
        if (slot >= 0) {
            EpollConnection last = connections.remove(connections.size() - 1);
            if (last != c) {
                connections.set(slot, last);
                last.slot = slot;
            }
            c.slot = -1;
        }
        closing.remove(c);
    }

    /** Runs the connection's pending requests after the current dispatch. Loop thread. */
    void defer(EpollConnection c) {
        deferred.add(c);
    }

    private void runDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        // Processing one may defer others (a reply that unblocks another client): index loop.
        for (int i = 0; i < deferred.size(); i++) {
            deferred.get(i).runRequests();
        }
        deferred.clear();
    }

    /** Starts tracking a close deadline for a connection that still has output. Loop thread. */
    void closingWithDeadline(EpollConnection c) {
        if (!closing.contains(c)) {
            closing.add(c);
        }
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    long shutdownDeadline() {
        return shutdownDeadline;
    }

    /**
     * Transport shutdown, step one (loop thread): stop accepting and ask every connection to close
     * after sending what it has queued, by {@code deadline} (System.nanoTime). The loop ends when
     * the last one is gone.
     */
    void beginShutdown(long deadline) {
        shutdownDeadline = deadline;
        shuttingDown = true;
        closeListeners();
        for (int i = connections.size() - 1; i >= 0; i--) {
            if (i < connections.size()) {
                connections.get(i).shutdown(deadline);
            }
        }
    }

    /** Ends the loop now; remaining connections are cut (each still gets onClose). Any thread. */
    void stop() {
        stopped = true;
        poller.wakeup();
    }

    boolean isStopped() {
        return stopped;
    }

    private void closeListeners() {
        for (PollerSocket l : listeners) {
            try {
                poller.deregister(l);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.TRACE, "deregistering listener", e);
            }
            l.close();
        }
        listeners.clear();
    }

    private void abortAll() {
        while (!connections.isEmpty()) {
            EpollConnection c = connections.get(connections.size() - 1);
            c.finish();
            if (!connections.isEmpty() && connections.get(connections.size() - 1) == c) {
                removed(c); // finish() failed to unlink it; never loop forever
            }
        }
        closeOrphans();
    }

    /**
     * Closes sockets handed to this loop but never adopted. Called when the loop ends and again by
     * the transport once every loop has ended, for a hand-off that raced with the end.
     */
    void closeOrphans() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            if (task instanceof Adoption a) {
                a.socket.close();
            }
        }
    }

    // ---------------------------------------------------------------- output chunk pool

    /** A chunk in read mode and empty (position = limit = 0). Loop thread. */
    ByteBuffer takeChunk() {
        ByteBuffer b = chunkPool.pollFirst();
        if (b == null) {
            b = ByteBuffer.allocateDirect(CHUNK_SIZE);
        }
        b.clear().limit(0);
        return b;
    }

    void recycleChunk(ByteBuffer b) {
        if (chunkPool.size() < MAX_POOLED_CHUNKS) {
            chunkPool.addFirst(b);
        }
    }

    /** The attachment of a listening socket (set once {@link Poller#listen} has returned it). */
    static final class ListenerTag {
        volatile PollerSocket socket;
    }

    /** Hands a socket accepted elsewhere to this loop. */
    record Adoption(EventLoop loop, PollerSocket socket, long id) implements Runnable {
        @Override
        public void run() {
            loop.adopt(socket, id);
        }
    }
}
