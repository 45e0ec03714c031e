package io.redisinternals.lua.interp;

import io.redisinternals.lua.Coroutine;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;

import java.util.concurrent.SynchronousQueue;

/**
 * A coroutine run on its own Java thread, handing control back and forth through two rendezvous
 * queues so exactly one thread runs the state at a time (the hand-off orders memory). Each
 * coroutine has its own {@link CallStack}; resuming swaps it into the {@link Runtime}.
 * A coroutine never resumed to its end leaves its thread parked (a daemon): the cost of not
 * rewriting the interpreter in continuation-passing style.
 */
public final class LuaCoroutine extends Coroutine {
    private static final long STACK_BYTES = 64L << 20;

    private enum Kind { YIELD, RETURN, ERROR }

    private record Message(Kind kind, Object[] values, Object error) {
    }

    private final LuaFunction body;
    private final CallStack stack = new CallStack();
    private final SynchronousQueue<Object[]> toCoroutine = new SynchronousQueue<>();
    private final SynchronousQueue<Message> toResumer = new SynchronousQueue<>();
    private String status = "suspended";
    private Thread thread;
    /** The coroutine that resumed this one (null: the main thread). */
    private LuaCoroutine resumer;

    public LuaCoroutine(LuaFunction body) {
        this.body = body;
    }

    @Override
    public String status() {
        return status;
    }

    /** coroutine.resume: {true, values...} or {false, error}. */
    public Object[] resume(LuaState st, Object[] args) {
        if (!status.equals("suspended")) {
            return new Object[] {Boolean.FALSE, LuaString.of("cannot resume " + status + " coroutine")};
        }
        Runtime rt = st.runtime();
        LuaCoroutine previous = rt.current;
        CallStack savedStack = rt.stack;
        int savedCCalls = rt.cCalls;
        if (previous != null) {
            previous.status = "normal";
        }
        resumer = previous;
        status = "running";
        rt.current = this;
        rt.stack = stack;
        Message m;
        try {
            if (thread == null) {
                thread = new Thread(null, () -> run(st, args), "lua-coroutine", STACK_BYTES);
                thread.setDaemon(true);
                thread.start();
            } else {
                toCoroutine.put(args);
            }
            m = toResumer.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LuaError.value(LuaString.of("interrupted"));
        } finally {
            rt.current = previous;
            rt.stack = savedStack;
            rt.cCalls = savedCCalls;
            if (previous != null) {
                previous.status = "running";
            }
        }
        switch (m.kind) {
            case YIELD:
                status = "suspended";
                return prepend(Boolean.TRUE, m.values);
            case RETURN:
                status = "dead";
                return prepend(Boolean.TRUE, m.values);
            default:
                status = "dead";
                return new Object[] {Boolean.FALSE, m.error};
        }
    }

    private void run(LuaState st, Object[] args) {
        Message m;
        try {
            m = new Message(Kind.RETURN, st.call(body, args), null);
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

    /** coroutine.yield from inside this coroutine: parks until resumed, answers resume's arguments. */
    public static Object[] yield(LuaState st, Object[] values) {
        LuaCoroutine co = st.runtime().current;
        if (co == null) {
            throw LuaError.value(LuaString.of("attempt to yield from outside a coroutine"));
        }
        Runtime rt = st.runtime();
        int cCalls = rt.cCalls; // this coroutine's own nesting, restored when it runs again
        try {
            co.toResumer.put(new Message(Kind.YIELD, values, null));
            Object[] args = co.toCoroutine.take();
            rt.cCalls = cCalls;
            return args;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LuaError.value(LuaString.of("interrupted"));
        }
    }

    public static LuaCoroutine running(LuaState st) {
        return st.runtime().current;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] r = new Object[rest.length + 1];
        r[0] = first;
        System.arraycopy(rest, 0, r, 1, rest.length);
        return r;
    }
}
