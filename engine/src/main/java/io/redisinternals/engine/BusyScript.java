package io.redisinternals.engine;

import io.redisinternals.command.RunningScript;
import io.redisinternals.engine.config.Config;
import io.redisinternals.resp.Argv;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Busy scripts (Redis's script.c timed-out mode and processEventsWhileBlocked). A script runs on
 * the thread of the client that sent it, holding the execution lock. Its instruction hook calls
 * {@link #interrupt} every so many instructions; past {@code busy-reply-threshold} the engine is
 * marked {@link #busy()} (a volatile flag other threads read without the lock) and, from then on,
 * every interrupt serves other clients on the script's own thread, still under the lock, so that
 * everything they run is as serialized as any command:
 * <ul>
 * <li>the connections of the script's own event loop (epoll), polled re-entrantly through
 *     {@link ClientChannel#serveOthersWhileBusy()}, never the script's own connection (Redis's
 *     protectClient: its pipelined requests wait);</li>
 * <li>the work of every other thread (blocking-transport owner threads, other epoll loops): such a
 *     thread does not wait on the lock while the engine is busy ({@link #acquire}), it hands its
 *     read over ({@link #handOff}) and waits until the script's thread has run it.</li>
 * </ul>
 * What runs then goes through the dispatcher, which answers -BUSY to everything but the allow-busy
 * commands (SCRIPT KILL, FUNCTION KILL, FUNCTION STATS, SHUTDOWN NOSAVE, MULTI, WATCH ...). A kill
 * sets a flag the next interrupt returns; SHUTDOWN NOSAVE stops the script whatever it wrote.
 *
 * <p>Threading: {@link #begin}, {@link #end}, {@link #interrupt} and the allow-busy commands run on
 * the script's thread under the execution lock; {@link #busy()}, {@link #acquire} and
 * {@link #handOff} on any thread. Nothing here costs more than a volatile read when no script is
 * busy.
 */
public final class BusyScript {

    private static final System.Logger LOG = System.getLogger(BusyScript.class.getName());

    /** How long a thread waits on the lock before it looks at the busy flag again. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** How a thread may run a batch of requests: see {@link #acquire}. */
    public enum Access {
        /** It holds the execution lock now, as usual, and must unlock it. */
        LOCKED,
        /** It is the busy script's thread serving other clients re-entrantly: run, without locking again. */
        NESTED,
        /** A script is busy on another thread: {@link #handOff} the work. */
        BUSY
    }

    private final ReentrantLock lock;
    private volatile long thresholdMillis;
    private volatile boolean busy;
    /** The script running now, null between scripts. Script thread, under the lock. */
    private Run run;
    private final ConcurrentLinkedQueue<HandOff> handOffs = new ConcurrentLinkedQueue<>();
    /** Re-entrant service of the script's own loop is not nested in itself. */
    private boolean serving;
    /** The earliest System.nanoTime of the next service round (script thread). */
    private long nextServeAt;
    /** At most one service round per millisecond (Redis serves at each count hook, ~every 100k instructions). */
    private static final long SERVE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    BusyScript(ReentrantLock lock, Config config) {
        this.lock = lock;
        this.thresholdMillis = config.longValue("busy-reply-threshold");
        config.onChange("busy-reply-threshold", v -> thresholdMillis = Long.parseLong(v));
    }

    /** Whether a script is past the threshold and other clients are served beside it. Any thread. */
    public boolean busy() {
        return busy;
    }

    /** The -BUSY error for the running script ("BUSY ..." without the dash). Under the lock, while busy. */
    public String busyError() {
        return run != null && !run.eval ? RunningScript.FUNCTION_BUSY : RunningScript.EVAL_BUSY;
    }

    /** The running script while it is busy (what SCRIPT KILL and FUNCTION STATS see), else null. */
    RunningScript running() {
        return busy ? run : null;
    }

    /**
     * SHUTDOWN NOSAVE while busy: the script stops at its next interrupt whatever it wrote, and its
     * client is dropped without a reply, as the process of redis-server exits under it.
     */
    public void abortForShutdown() {
        Run r = run;
        if (r != null) {
            r.killed = true;
            r.session.channel().closeNow();
        }
    }

    // ---- the script's side (its thread, under the lock) ------------------------------------

    /** A script starts running for {@code session}'s request {@code argv}. */
    Run begin(Session session, Argv argv, boolean eval, String name) {
        Run r = new Run(session, argv, eval, name);
        run = r;
        return r;
    }

    /** The script ended: other threads take the lock again. */
    void end(Run r) {
        if (run == r) {
            run = null;
            busy = false;
        }
    }

    /**
     * Redis's scriptInterrupt: before the threshold only reads the clock; past it marks the engine
     * busy (logging Redis's line once) and serves other clients. Returns whether the script must stop.
     */
    boolean interrupt(Run r) {
        if (!busy) {
            long elapsed = (System.nanoTime() - r.startNanos) / 1_000_000;
            if (elapsed < thresholdMillis || run != r) {
                return false;
            }
            LOG.log(System.Logger.Level.WARNING, "Slow script detected: still in execution after " + elapsed
                    + " milliseconds. You can try killing the script using the "
                    + (r.eval ? "SCRIPT KILL" : "FUNCTION KILL") + " command. Script name is: " + r.name + ".");
            busy = true;
        }
        // On the script's thread only: a coroutine runs on a thread of its own, which does not hold
        // the lock (the script's thread waits for it meanwhile); it serves once the coroutine yields.
        if (!serving && lock.isHeldByCurrentThread()) {
            long now = System.nanoTime();
            if (now - nextServeAt < 0) {
                return r.killed;
            }
            serving = true;
            try {
                r.session.channel().serveOthersWhileBusy();
                runHandOffs();
            } finally {
                serving = false;
                // The epoll service reads every open connection (it cannot poll inside the poll):
                // with thousands of them a round costs milliseconds, so the script keeps at least
                // nine tenths of its thread and others are served at most every millisecond.
                long took = System.nanoTime() - now;
                nextServeAt = now + Math.max(SERVE_EVERY_NANOS, 10 * took);
            }
        }
        return r.killed;
    }

    private void runHandOffs() {
        HandOff h;
        while ((h = handOffs.poll()) != null) {
            if (h.state.compareAndSet(HandOff.QUEUED, HandOff.TAKEN)) {
                try {
                    h.work.run();
                } catch (RuntimeException | Error e) {
                    h.failure = e;
                } finally {
                    h.state.set(HandOff.DONE);
                    LockSupport.unpark(h.waiter);
                }
            }
        }
    }

    // ---- other threads ----------------------------------------------------------------------

    /**
     * Takes the execution lock unless a script is busy. A thread that would wait on the lock looks
     * at the busy flag every {@link #WAIT_SLICE_NANOS} while it waits, so it never stays queued
     * behind a busy script. Uncontended this is one volatile read and one tryLock.
     */
    public Access acquire() {
        if (busy && lock.isHeldByCurrentThread()) {
            return Access.NESTED;
        }
        if (lock.tryLock()) {
            return Access.LOCKED;
        }
        boolean interrupted = false;
        try {
            for (;;) {
                if (busy) {
                    return Access.BUSY;
                }
                try {
                    if (lock.tryLock(WAIT_SLICE_NANOS, TimeUnit.NANOSECONDS)) {
                        return Access.LOCKED;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // restored below: the wait itself is not interruptible, as lock()
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Has the busy script's thread run {@code work} (under the lock, between two of the script's
     * instructions) and waits for it. Returns false, without running it, when the script ended
     * before taking it: the caller acquires again.
     */
    public boolean handOff(Runnable work) {
        HandOff h = new HandOff(work, Thread.currentThread());
        handOffs.offer(h);
        for (;;) {
            int s = h.state.get();
            if (s == HandOff.DONE) {
                if (h.failure instanceof RuntimeException e) {
                    throw e;
                }
                if (h.failure instanceof Error e) {
                    throw e;
                }
                return true;
            }
            if (s == HandOff.QUEUED && !busy && h.state.compareAndSet(HandOff.QUEUED, HandOff.CANCELLED)) {
                handOffs.remove(h);
                return false;
            }
            LockSupport.parkNanos(this, WAIT_SLICE_NANOS);
        }
    }

    /** Runs {@code work} under the execution lock, or on the busy script's thread. Any thread. */
    public void runLocked(Runnable work) {
        for (;;) {
            switch (acquire()) {
                case LOCKED -> {
                    try {
                        work.run();
                    } finally {
                        lock.unlock();
                    }
                    return;
                }
                case NESTED -> {
                    work.run();
                    return;
                }
                case BUSY -> {
                    if (handOff(work)) {
                        return;
                    }
                }
            }
        }
    }

    /** One thread's work waiting for the busy script's thread. */
    private static final class HandOff {
        static final int QUEUED = 0;
        static final int TAKEN = 1;
        static final int DONE = 2;
        static final int CANCELLED = 3;

        final Runnable work;
        final Thread waiter;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        /** What the work threw, rethrown on the waiter (published by the DONE state). */
        Throwable failure;

        HandOff(Runnable work, Thread waiter) {
            this.work = work;
            this.waiter = waiter;
        }
    }

    /** One script's run (Redis's scriptRunCtx as far as busy handling needs it). */
    final class Run implements RunningScript {
        final Session session;
        /** The EVAL/FCALL request; valid while the script runs (its read buffer is not reused meanwhile). */
        private final Argv argv;
        final boolean eval;
        final String name;
        final long startNanos = System.nanoTime();
        volatile boolean killed;
        /** Whether the script wrote (set by the nested calls). */
        boolean wrote;

        Run(Session session, Argv argv, boolean eval, String name) {
            this.session = session;
            this.argv = argv;
            this.eval = eval;
            this.name = name;
        }

        @Override
        public boolean eval() {
            return eval;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public byte[][] command() {
            return argv.toArrays();
        }

        @Override
        public long durationMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }

        @Override
        public boolean wrote() {
            return wrote;
        }

        @Override
        public void kill() {
            killed = true;
        }
    }
}
