package io.redisinternals.lua.interp;

import io.redisinternals.lua.Coroutine;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;

import java.lang.ref.Cleaner;
import java.util.concurrent.SynchronousQueue;

/**
 * A coroutine run on its own Java thread, handing control back and forth through two rendezvous
 * queues so exactly one thread runs the state at a time (the hand-off orders memory). Each
 * coroutine has its own {@link CallStack}; resuming swaps it into the {@link Runtime}.
 *
 * <p>A coroutine never resumed to its end would leave its thread parked in yield forever. Two ways
 * end such a thread, both on the thread that owns the state (the unwinding coroutine's finally
 * blocks touch the Runtime, so it must not race the owner): the host's {@link LuaState#closeCoroutines}
 * (EVAL, after each run: nothing of a run can outlive it) and, for coroutines that simply become
 * unreachable (a function library dropped), a {@link Cleaner} that queues the {@link Worker} on the
 * Runtime, closed at the host's next call into Lua. The thread therefore holds only the Worker,
 * never this handle (else the parked thread, a GC root, would keep the handle reachable forever).
 */
public final class LuaCoroutine extends Coroutine {
    private static final long STACK_BYTES = 64L << 20;
    private static final Cleaner CLEANER = Cleaner.create(
            r -> new Thread(null, r, "lua-coroutine-cleaner", 256 << 10));

    private enum Kind { YIELD, RETURN, ERROR, CLOSED }

    private record Message(Kind kind, Object[] values, Object error) {
    }

    /** What resume hands a parked coroutine to make its yield unwind it instead of returning. */
    private static final Object[] CLOSE = new Object[0];

    /** Thrown by yield into a coroutine being closed: no Lua handler catches an Error but stack overflow. */
    private static final class Closed extends Error {
        Closed() {
            super(null, null, false, false);
        }
    }

    private final LuaFunction body;
    private final Worker worker = new Worker();

    /** The thread's side: everything it needs, nothing that leads back to the handle. */
    static final class Worker {
        final CallStack stack = new CallStack();
        final SynchronousQueue<Object[]> toCoroutine = new SynchronousQueue<>();
        final SynchronousQueue<Message> toResumer = new SynchronousQueue<>();
        String status = "suspended";
        Thread thread;
        /** The C-call nesting of this coroutine's body (see yield). */
        int baseCCalls;

        void run(LuaState st, LuaFunction body, Object[] args) {
            Message m;
            baseCCalls = Runtime.of(st).cCalls + 1; // the body's own call; deeper C calls forbid yielding
            try {
                // called straight, not through LuaState.call: a coroutine's stack has no host entry below its body
                m = new Message(Kind.RETURN, Interp.callMeta(st, null, 0, body, args), null);
            } catch (Closed e) {
                m = new Message(Kind.CLOSED, null, null);
            } catch (LuaError e) {
                m = new Message(Kind.ERROR, null, e.value());
            } catch (StackOverflowError e) {
                m = new Message(Kind.ERROR, null, LuaString.of("stack overflow"));
            } catch (RuntimeException | Error e) {
                // never leave the resumer waiting: any failure of this thread ends the coroutine
                m = new Message(Kind.ERROR, null, LuaString.of(String.valueOf(e)));
            }
            try {
                toResumer.put(m);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Object[] park(Runtime rt, Object[] values) {
            int cCalls = rt.cCalls; // this coroutine's own nesting, restored when it runs again
            try {
                toResumer.put(new Message(Kind.YIELD, values, null));
                Object[] args = toCoroutine.take();
                if (args == CLOSE) {
                    throw new Closed();
                }
                rt.cCalls = cCalls;
                return args;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LuaError.value(LuaString.of("interrupted"));
            }
        }

        /**
         * Ends a suspended coroutine's thread: its yield throws, the thread unwinds on its own
         * stack (swapped in, as for a resume) and exits. Anything else (dead, running) is left alone.
         */
        void close(Runtime rt) {
            if (!status.equals("suspended")) {
                return;
            }
            status = "dead";
            rt.coroutines.remove(this);
            if (thread == null) {
                return;
            }
            CallStack savedStack = rt.stack;
            LuaCoroutine savedCurrent = rt.current;
            int savedCCalls = rt.cCalls;
            rt.stack = stack;
            rt.current = null;
            try {
                toCoroutine.put(CLOSE);
                toResumer.take();
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                rt.stack = savedStack;
                rt.current = savedCurrent;
                rt.cCalls = savedCCalls;
            }
        }
    }

    /** The Cleaner's action: hands the worker of an unreachable handle to its Runtime to close. */
    private record Abandon(Runtime rt, Worker worker) implements Runnable {
        @Override
        public void run() {
            rt.abandoned.add(worker);
        }
    }

    public LuaCoroutine(LuaFunction body) {
        this.body = body;
    }

    @Override
    public String status() {
        return worker.status;
    }

    /** coroutine.resume: {true, values...} or {false, error}. */
    public Object[] resume(LuaState st, Object[] args) {
        Worker w = worker;
        if (!w.status.equals("suspended")) {
            return new Object[] {Boolean.FALSE, LuaString.of("cannot resume " + w.status + " coroutine")};
        }
        Runtime rt = Runtime.of(st);
        LuaCoroutine previous = rt.current;
        CallStack savedStack = rt.stack;
        int savedCCalls = rt.cCalls;
        if (previous != null) {
            previous.worker.status = "normal";
        }
        w.status = "running";
        rt.current = this;
        rt.stack = w.stack;
        Message m;
        try {
            if (w.thread == null) {
                LuaFunction fn = body;
                w.thread = new Thread(null, () -> w.run(st, fn, args), "lua-coroutine", STACK_BYTES);
                w.thread.setDaemon(true);
                rt.coroutines.add(w);
                CLEANER.register(this, new Abandon(rt, w));
                w.thread.start();
            } else {
                w.toCoroutine.put(args);
            }
            m = w.toResumer.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LuaError.value(LuaString.of("interrupted"));
        } finally {
            rt.current = previous;
            rt.stack = savedStack;
            rt.cCalls = savedCCalls;
            if (previous != null) {
                previous.worker.status = "running";
            }
        }
        switch (m.kind) {
            case YIELD:
                w.status = "suspended";
                return prepend(Boolean.TRUE, m.values);
            case RETURN:
                w.status = "dead";
                rt.coroutines.remove(w);
                return prepend(Boolean.TRUE, m.values);
            default:
                w.status = "dead";
                rt.coroutines.remove(w);
                return new Object[] {Boolean.FALSE, m.error};
        }
    }

    /** coroutine.yield from inside this coroutine: parks until resumed, answers resume's arguments. */
    public static Object[] yield(LuaState st, Object[] values) {
        Runtime rt = Runtime.of(st);
        // no local of this frame holds the handle while parked (see the class comment)
        return runningWorker(rt).park(rt, values);
    }

    private static Worker runningWorker(Runtime rt) {
        LuaCoroutine co = rt.current;
        if (co == null || rt.cCalls > co.worker.baseCCalls) {
            // Lua 5.1 cannot yield the main thread nor across a pcall or metamethod (a C call)
            throw LuaError.value(LuaString.of("attempt to yield across metamethod/C-call boundary"));
        }
        return co.worker;
    }

    public static LuaCoroutine running(LuaState st) {
        return Runtime.of(st).current;
    }

    /** Closes every suspended coroutine of the state and every abandoned one (see the class comment). */
    static void closeAll(Runtime rt) {
        for (Worker w : rt.coroutines.toArray(new Worker[0])) {
            w.close(rt);
        }
        closeAbandoned(rt);
    }

    /** Closes the coroutines the Cleaner found unreachable. */
    static void closeAbandoned(Runtime rt) {
        Worker w;
        while ((w = rt.abandoned.poll()) != null) {
            w.close(rt);
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] r = new Object[rest.length + 1];
        r[0] = first;
        System.arraycopy(rest, 0, r, 1, rest.length);
        return r;
    }
}
