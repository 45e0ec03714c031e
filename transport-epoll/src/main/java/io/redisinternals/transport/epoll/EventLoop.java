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
 * a task queue other threads feed, the one direct read buffer all its connections read into, and a
 * bounded pool of direct output chunks. Everything of a connection — its
 * reads, handler callbacks, writes to the socket, interest changes, closing — happens on this
 * thread; other threads only enqueue {@link Runnable}s and {@link Poller#wakeup() wake} it.
 *
 * <p>One iteration: run queued tasks; when nothing is pending, spin a while ({@code epoll-spin}: a
 * fixed count of non-blocking polls, or with {@code auto} a window that follows the idle gaps seen,
 * {@link SpinWindow}), so that a request arriving microseconds after a reply costs no sleep and
 * wake-up; then block until readiness, a wake-up, or the next close deadline.
 * Ready sockets are dispatched as the poller reports them; work that must not run inside another
 * connection's callback (a write, resume or close aimed at a connection from a handler of another
 * one) is deferred to the end of the batch of ready events, so that many such writes to one
 * connection (messages from several publishers) leave in one send, as Redis's beforeSleep does.
 *
 * <p>The hot path allocates nothing: the loop is its own {@link Poller.ReadySink}, the deferred
 * list and chunk pool are reused, and an empty task queue is checked without allocation.
 *
 * <p>Failures are contained: whatever a connection's event, request or task throws (running out of
 * direct memory or heap included) closes that connection only, with one log line a second at most;
 * a failure that belongs to no connection is logged the same way and the loop goes on. The loop
 * ends only when the transport shuts it down, so loop 0's listeners live as long as the transport.
 *
 * <p>Accepting: when accept fails (EMFILE: out of file descriptors) the listeners leave the poller
 * for {@link #ACCEPT_BACKOFF_NANOS} — a level-triggered listener with a client waiting in its
 * backlog would otherwise be reported ready at once, forever — and the error is logged once a
 * second with the count of the others.
 */
final class EventLoop implements Poller.ReadySink, Runnable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Size of a pooled output chunk. Writes are coalesced into chunks; a large write spans several. */
    static final int CHUNK_SIZE = 64 * 1024;
    /**
     * Direct output chunks a loop may own (4 MiB): allocated on demand up to this budget and pooled
     * for good once sent. Output beyond it goes into heap chunks (copied by the socket layer through
     * its own small staging), which the GC takes back; direct memory is never allocated outside it.
     */
    static final int DIRECT_CHUNK_BUDGET = 64;
    /** Heap chunks a loop keeps once sent (8 MiB): replies of a few MB then allocate nothing. */
    static final int HEAP_CHUNK_POOL = 128;
    /** The one direct buffer every connection of a loop reads into (Redis reads 16 KiB at a time). */
    static final int READ_BUFFER_SIZE = 64 * 1024;
    /** How long the listeners stay out of the poller after accept failed. */
    static final long ACCEPT_BACKOFF_NANOS = 100_000_000L;
    /** After direct memory ran out, output goes to the heap for this long before direct is tried again. */
    private static final long DIRECT_RETRY_NANOS = 1_000_000_000L;
    /** Accepts per readiness event, as Redis's MAX_ACCEPTS_PER_CALL, so a connect storm cannot starve reads. */
    private static final int MAX_ACCEPTS_PER_EVENT = 1000;
    /**
     * The longest window of {@code epoll-spin auto}: about what the fixed 50-poll spin took on the
     * 2-core host of docs/PERFORMANCE.md, where that spin cut the loop's blocking waits at S1 from
     * 0.30 per request to 0.03.
     */
    static final long SPIN_AUTO_MAX_NANOS = 50_000;

    final int index;
    final Poller poller;
    private final EpollTransport transport;
    /** Empty polls before blocking, or {@link EpollTransport#SPIN_AUTO}. */
    private final int spin;
    /** The adaptive spin's window ({@code epoll-spin auto}); null with a fixed count. */
    private final SpinWindow spinWindow;
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
    /** Heap chunks kept for reuse, at most {@link #HEAP_CHUNK_POOL}: a big reply reuses them instead of making garbage. */
    private final ArrayDeque<ByteBuffer> heapChunkPool = new ArrayDeque<>();
    /** Direct chunks allocated by this loop (pooled or in some connection's output); at most the budget. */
    private int directChunks;
    /** Shared by every connection of this loop, valid only during one read cycle. Loop thread only. */
    private ByteBuffer readBuffer;
    /** The read buffer of busy service ({@link #serveWhileBusy}), allocated on first need. */
    private ByteBuffer busyReadBuffer;
    /** Deferred work of the connections served while busy, apart from the interrupted batch's. */
    private final ArrayList<EpollConnection> busyDeferred = new ArrayList<>();
    /** Tasks busy service leaves for the loop (the busy connection's, a shutdown). */
    private final ArrayList<Runnable> busyHeldTasks = new ArrayList<>();
    private boolean servingBusy;
    /** No direct chunk is asked for before this System.nanoTime (one failed). */
    private long directRetryAt = System.nanoTime();
    /** The listeners are out of the poller until this System.nanoTime (accept failed); 0 when in. */
    private long acceptResumeAt;
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
        this.spinWindow = spin == EpollTransport.SPIN_AUTO ? new SpinWindow(SPIN_AUTO_MAX_NANOS) : null;
        this.readBuffer = transport.allocateDirect(READ_BUFFER_SIZE);
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
                try {
                    if (iterate()) {
                        break;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // Not a connection's (those are caught where the connection is known): log, go on.
                    wakeupNeeded.set(false);
                    deferred.clear();
                    coalesced.clear();
                    transport.loopFailures.log(System.Logger.Level.WARNING,
                            "event loop " + index + ": " + e + " (the loop goes on)", e);
                    pauseAfterFailure();
                }
            }
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

    /** One iteration of the loop; true when a shutdown has finished its last connection. */
    private boolean iterate() throws IOException {
        runTasks();
        runDeferred();
        if (shuttingDown && connections.isEmpty()) {
            return true;
        }
        resumeAccepting();
        int n;
        boolean idle = tasks.isEmpty() && coalesced.isEmpty();
        // Where an idle gap starts, for the adaptive spin's bookkeeping. Only an idle turn can
        // block below, so a busy one reads no clock.
        long idleSince = idle && spinWindow != null ? System.nanoTime() : 0;
        if (idle && !spinsNow()) {
            // Nothing pending: wait for events at once, as Redis's aeProcessEvents does. A leading
            // non-blocking poll cost one more epoll_wait per turn for nothing: under a PUBLISH load
            // the loop made 4.7x the epoll_wait calls of redis-server.
            n = waitForEvents(idleSince);
        } else {
            n = poller.poll(0, this);
            if (n == 0 && idle) {
                // Coalesced output is not held back by a spin: an idle loop sends it now.
                n = spin(idleSince);
            }
        }
        if (!coalesced.isEmpty() && (n == 0 || System.nanoTime() - coalescedSince >= COALESCE_NANOS)) {
            deferred.addAll(coalesced); // idle, or they waited long enough: they go now
            coalesced.clear();
        }
        if (n == 0 && tasks.isEmpty() && deferred.isEmpty()) {
            waitForEvents(idleSince);
        }
        runDeferred();
        expireClosing();
        return false;
    }

    /** Whether the loop polls a while before it blocks ({@code epoll-spin}). */
    private boolean spinsNow() {
        return spinWindow != null ? spinWindow.windowNanos() > 0 : spin > 0;
    }

    /**
     * Polls without blocking until the poller reports something, a task arrives, or the spin ends:
     * after {@code spin} polls, or with {@code epoll-spin auto} when the window has passed since
     * {@code idleSince}, yielding the core between polls.
     */
    private int spin(long idleSince) throws IOException {
        int n = 0;
        if (spinWindow == null) {
            for (int i = 0; n == 0 && i < spin && tasks.isEmpty(); i++) {
                Thread.onSpinWait();
                n = poller.poll(0, this);
            }
            return n;
        }
        long window = spinWindow.windowNanos();
        while (n == 0 && tasks.isEmpty() && System.nanoTime() - idleSince < window) {
            // A yield, not a busy pause: a process runnable on this core (the load generator, a
            // subscriber) gets it at once, and with nobody waiting the call returns at once. With
            // PAUSE instead, the spin took CPU the clients needed: PUBLISH (S12) lost 12%.
            Thread.yield();
            n = poller.poll(0, this);
        }
        return n;
    }

    /**
     * Polls until an event, a wake-up (a task from another thread) or the next close deadline or
     * accept retry; the number of ready events. With the adaptive spin, tells its window how long
     * the idle gap that began at {@code idleSince} lasted.
     */
    private int waitForEvents(long idleSince) throws IOException {
        long timeout = pollTimeout();
        if (timeout == 0) {
            return poller.poll(0, this);
        }
        int n = 0;
        wakeupNeeded.set(true);
        if (tasks.isEmpty()) {
            n = poller.poll(timeout, this);
            if (spinWindow != null) {
                spinWindow.blockedGapEnded(System.nanoTime() - idleSince);
            }
        }
        wakeupNeeded.set(false);
        return n;
    }

    /** A failure that repeats every iteration (a broken poller) must not spin a core. */
    private static void pauseAfterFailure() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // Connection tasks contain their own failures; this is anything else.
                transport.loopFailures.log(System.Logger.Level.WARNING, "event loop task failed: " + e, e);
            }
        }
    }

    /** Milliseconds until the earliest close deadline or accept retry (at least 1), or -1 when none. */
    private long pollTimeout() {
        if (closing.isEmpty() && acceptResumeAt == 0) {
            return -1;
        }
        long now = System.nanoTime();
        long earliest = acceptResumeAt == 0 ? Long.MAX_VALUE : acceptResumeAt - now;
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
                    c.finishContained();
                }
            }
        }
    }

    @Override
    public void ready(Object attachment, int readyOps) {
        if (attachment instanceof EpollConnection c) {
            try {
                c.ready(readyOps);
            } catch (RuntimeException | Error e) {
                c.failed(e);
            }
        } else if (attachment instanceof ListenerTag listener && listener.socket != null) {
            acceptAll(listener.socket);
        }
        // Deferred work waits for the end of the poll batch (iterate): writes aimed at other
        // connections — a publisher's messages to its subscribers — coalesce into one send per
        // connection per iteration, as Redis's beforeSleep writes its pending clients.
    }

    private void acceptAll(PollerSocket listener) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT && !shuttingDown && acceptResumeAt == 0; i++) {
            PollerSocket socket;
            try {
                socket = poller.accept(listener);
            } catch (IOException | RuntimeException | Error e) {
                // Typically EMFILE: the client waits in the backlog. Retrying at once would spin (the
                // listener stays ready), so the listeners sit out a short while.
                transport.acceptFailures.log(System.Logger.Level.WARNING,
                        "Accepting client connection: " + e.getMessage(), e);
                suspendAccepting();
                return;
            }
            if (socket == null) {
                return;
            }
            try {
                transport.dispatchAccepted(socket);
            } catch (RuntimeException | Error e) {
                socket.close();
                transport.connectionFailures.log(System.Logger.Level.WARNING,
                        "Accepting client connection: " + e + " (connection closed)", e);
            }
        }
    }

    /** Takes the listeners out of the poller for {@link #ACCEPT_BACKOFF_NANOS}. */
    private void suspendAccepting() {
        acceptResumeAt = System.nanoTime() + ACCEPT_BACKOFF_NANOS;
        if (acceptResumeAt == 0) {
            acceptResumeAt = 1;
        }
        for (PollerSocket l : listeners) {
            try {
                poller.interest(l, 0);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.TRACE, "pausing listener", e);
            }
        }
    }

    /** Puts the listeners back once the accept back-off is over. */
    private void resumeAccepting() {
        if (acceptResumeAt == 0 || System.nanoTime() - acceptResumeAt < 0) {
            return;
        }
        acceptResumeAt = 0;
        for (PollerSocket l : listeners) {
            try {
                poller.interest(l, Poller.ACCEPT);
            } catch (IOException | RuntimeException e) {
                transport.acceptFailures.log(System.Logger.Level.WARNING,
                        "Accepting client connection: " + e.getMessage(), e);
                suspendAccepting(); // try again after another back-off
                return;
            }
        }
    }

    /** Accept is backed off (test hook). */
    boolean isAcceptBackedOff() {
        return acceptResumeAt != 0;
    }

    // ---------------------------------------------------------------- connections

    /** Registers a socket accepted by any loop and gives it to the acceptor. Loop thread. */
    void adopt(PollerSocket socket, long id) {
        if (shuttingDown) {
            socket.close();
            return;
        }
        EpollConnection c;
        try {
            c = new EpollConnection(id, socket, this, transport);
            poller.register(socket, Poller.READ, c);
            connections.add(c);
        } catch (IOException | RuntimeException | Error e) {
            try {
                poller.deregister(socket);
            } catch (IOException | RuntimeException ignored) {
                // never registered, or the poller is gone: closing is what matters
            }
            socket.close();
            transport.connectionFailures.log(System.Logger.Level.WARNING,
                    "Accepting client connection " + id + ": " + e + " (connection closed)", e);
            return;
        }
        c.slot = connections.size() - 1;
        transport.connectionStarted();
        try {
            c.start();
        } catch (RuntimeException | Error e) {
            c.failed(e);
        }
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

    /**
     * Output other connections' callbacks queued on a connection (published messages, a blocked
     * client's reply) waits for the loop to go idle, or at most {@link #COALESCE_NANOS}, before it
     * is sent. Under a sustained PUBLISH load the loop never idles, and sending to a subscriber at
     * the end of every poll woke it 6-9 times as often as redis-server does (whose loop turns are
     * longer): each wake-up costs the sender a few microseconds of kernel time on this host. The
     * bound keeps the delay below what a loaded redis-server's turn adds anyway.
     */
    static final long COALESCE_NANOS = 250_000;
    private final ArrayList<EpollConnection> coalesced = new ArrayList<>();
    private long coalescedSince;

    void deferCoalesced(EpollConnection c) {
        if (coalesced.isEmpty()) {
            coalescedSince = System.nanoTime();
        }
        coalesced.add(c);
    }

    private void runDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        // Processing one may defer others (a reply that unblocks another client): index loop.
        for (int i = 0; i < deferred.size(); i++) {
            EpollConnection c = deferred.get(i);
            try {
                c.runRequests();
            } catch (RuntimeException | Error e) {
                c.failed(e);
            }
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
        acceptResumeAt = 0;
        closeListeners();
        for (int i = connections.size() - 1; i >= 0; i--) {
            if (i < connections.size()) {
                EpollConnection c = connections.get(i);
                try {
                    c.shutdown(deadline);
                } catch (RuntimeException | Error e) {
                    c.failed(e);
                }
            }
        }
    }

    /** Ends the loop now; remaining connections are cut (each still gets onClose). Any thread. */
    void stop() {
        stopped = true;
        poller.wakeup();
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
            c.finishContained();
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

    // ---------------------------------------------------------------- busy scripts

    /**
     * A request of {@code busy} runs long on this thread (a script past busy-reply-threshold) and
     * asks the loop, from inside that connection's onRead, to serve the others meanwhile, as Redis's
     * processEventsWhileBlocked. Never {@code busy} itself (Redis's protectClient: its pipelined
     * input waits). Without blocking and re-entrantly, so nothing of the interrupted iteration may
     * be disturbed:
     * <ul>
     * <li>reads go into a second read buffer: the loop's one may hold {@code busy}'s unconsumed
     *     input, which its onRead is still parsing;</li>
     * <li>the poller is not asked (its event array is being iterated, and a Selector cannot select
     *     inside a select): each open connection is read once without blocking (a socket with
     *     nothing to read costs one failed read), and loop 0's listeners accept;</li>
     * <li>only other connections' requests and new connections' adoptions run among the queued
     *     tasks; the rest (the busy connection's, a transport shutdown) wait for the loop, as does
     *     deferred work aimed at the busy connection. Replies of the served connections are sent
     *     before returning.</li>
     * </ul>
     * The cost is a read per connection per call, paid only while a script is busy.
     */
    void serveWhileBusy(EpollConnection busy) {
        if (servingBusy || !inLoop()) {
            return;
        }
        servingBusy = true;
        ByteBuffer interruptedBuffer = readBuffer;
        ArrayList<EpollConnection> interruptedDeferred = new ArrayList<>(deferred);
        deferred.clear();
        try {
            if (busyReadBuffer == null) {
                busyReadBuffer = transport.allocateDirect(READ_BUFFER_SIZE);
            }
            readBuffer = busyReadBuffer;
            Runnable task;
            while ((task = tasks.poll()) != null) {
                boolean other = task instanceof Adoption
                        || task instanceof EpollConnection.RequestTask r && r.connection() != busy;
                if (!other) {
                    busyHeldTasks.add(task);
                    continue;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    transport.loopFailures.log(System.Logger.Level.WARNING, "event loop task failed: " + e, e);
                }
            }
            for (PollerSocket l : List.copyOf(listeners)) {
                if (acceptResumeAt == 0) {
                    acceptAll(l);
                }
            }
            for (int i = connections.size() - 1; i >= 0; i--) {
                if (i < connections.size()) {
                    EpollConnection c = connections.get(i);
                    if (c != busy) {
                        try {
                            c.readIfOpen();
                        } catch (RuntimeException | Error e) {
                            c.failed(e);
                        }
                    }
                }
            }
            // Everything waiting to be sent goes now: what the served connections asked for, and what
            // the interrupted iteration had deferred or coalesced (a connection whose flush is
            // pending there is not deferred again when it replies here). Running a connection's
            // requests twice is harmless: the second run finds no request bits.
            deferred.addAll(interruptedDeferred);
            for (int i = coalesced.size() - 1; i >= 0; i--) {
                if (coalesced.get(i) != busy) {
                    deferred.add(coalesced.remove(i));
                }
            }
            for (int i = 0; i < deferred.size(); i++) {
                EpollConnection c = deferred.get(i);
                if (c == busy) {
                    busyDeferred.add(c);
                    continue;
                }
                try {
                    c.runRequests();
                } catch (RuntimeException | Error e) {
                    c.failed(e);
                }
            }
        } finally {
            deferred.clear();
            deferred.addAll(interruptedDeferred);
            deferred.addAll(busyDeferred);
            busyDeferred.clear();
            tasks.addAll(busyHeldTasks);
            busyHeldTasks.clear();
            readBuffer = interruptedBuffer;
            servingBusy = false;
        }
    }

    // ---------------------------------------------------------------- buffers

    /** The loop's read buffer: connections read into it and hand it to onRead within one cycle. */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /**
     * A chunk in read mode and empty (position = limit = 0). Loop thread. A pooled direct chunk, a
     * new direct one within {@link #DIRECT_CHUNK_BUDGET}, else (or if direct memory runs out) a
     * heap chunk. Throws OutOfMemoryError only when the heap is exhausted too; the caller's
     * connection is then closed.
     */
    ByteBuffer takeChunk() {
        ByteBuffer b = chunkPool.pollFirst();
        if (b == null && directChunks < DIRECT_CHUNK_BUDGET && System.nanoTime() - directRetryAt >= 0) {
            try {
                b = transport.allocateDirect(CHUNK_SIZE);
                directChunks++;
            } catch (OutOfMemoryError e) {
                // A failing allocateDirect runs a GC and sleeps: do not ask again for a while.
                directRetryAt = System.nanoTime() + DIRECT_RETRY_NANOS;
                transport.loopFailures.log(System.Logger.Level.WARNING,
                        "event loop " + index + ": no direct memory for an output chunk, using the heap: " + e.getMessage(), e);
            }
        }
        if (b == null) {
            b = heapChunkPool.pollFirst();
        }
        if (b == null) {
            b = transport.allocateHeap(CHUNK_SIZE);
        }
        b.clear().limit(0);
        return b;
    }

    /** Takes back a chunk that is sent or dropped: a direct one is pooled, a heap one too while the heap pool has room. */
    void recycleChunk(ByteBuffer b) {
        if (b.isDirect()) {
            chunkPool.addFirst(b);
        } else if (heapChunkPool.size() < HEAP_CHUNK_POOL) {
            heapChunkPool.addFirst(b);
        }
    }

    /** Direct chunks this loop has allocated (test hook). */
    int directChunks() {
        return directChunks;
    }

    /** Direct chunks waiting in the pool (test hook). */
    int pooledChunks() {
        return chunkPool.size();
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
