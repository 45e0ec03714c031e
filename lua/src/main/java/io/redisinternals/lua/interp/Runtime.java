package io.redisinternals.lua.interp;

import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaState;

/**
 * The interpreter's per-state bookkeeping behind {@link LuaState}: the running thread's call
 * stack, the limits (call depth, memory budget, instruction hook). Lives in a non-exported package:
 * hosts see only LuaState's methods.
 */
public final class Runtime {
    final LuaState state;
    CallStack stack = new CallStack();
    /** The running coroutine, null on the main thread. */
    LuaCoroutine current;
    /** Nested calls from outside Lua code (see Interp.callMeta). */
    int cCalls;
    public int maxCallDepth = 20000; // LUAI_MAXCALLS: Lua 5.1's "stack overflow" past it
    long memoryLimit;
    long memoryUsed;
    long hookEvery;
    long hookCountdown = Long.MAX_VALUE;
    Runnable hook;
    /** Coroutines whose thread started and has not ended (see LuaCoroutine: closed by the host). */
    final java.util.Set<LuaCoroutine.Worker> coroutines =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Coroutines the Cleaner found unreachable, closed at the host's next call (its thread). */
    final java.util.concurrent.ConcurrentLinkedQueue<LuaCoroutine.Worker> abandoned =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /**
     * The error the hook raised last, until its message handler has run: Lua runs no hook while
     * it handles an error raised inside a hook (the hook's own allowhook = 0 is still in force),
     * so a host that raises at every count (a killed script) does not raise again in the handler.
     */
    private LuaError hookError;

    public Runtime(LuaState state) {
        this.state = state;
    }

    // LuaState keeps its Runtime private and hands this package the way to it when it loads, so
    // the interpreter and the bundled libraries reach it and hosts (outside the module) cannot.
    private static java.util.function.Function<LuaState, Runtime> access;

    public static void access(java.util.function.Function<LuaState, Runtime> f) {
        if (access == null) {
            access = f;
        }
    }

    public static Runtime of(LuaState state) {
        if (access == null) {
            try {
                Class.forName(LuaState.class.getName(), true, LuaState.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return access.apply(state);
    }

    public void memoryLimit(long bytes) {
        this.memoryLimit = bytes;
    }

    public long memoryUsed() {
        return memoryUsed;
    }

    public void memoryUsed(long bytes) {
        memoryUsed = bytes;
    }

    /** Charges bytes to the budget (no budget: only counted; collectgarbage("count") reports it). */
    public void allocate(long bytes) {
        memoryUsed += bytes;
        if (memoryLimit > 0 && memoryUsed > memoryLimit) {
            memoryUsed -= bytes;
            throw LuaError.memory();
        }
    }

    /** What a full collection would free is unknown to us: the host may reset the counter. */
    public void resetMemory() {
        memoryUsed = 0;
    }

    public void instructionHook(long every, Runnable hook) {
        this.hook = hook;
        this.hookEvery = hook == null ? 0 : Math.max(1, every);
        this.hookCountdown = hook == null ? Long.MAX_VALUE : hookEvery;
    }

    /**
     * A loop's back-edge in {@code f} at {@code line}: {@link #tick()}, with the frame's current line
     * set first when the hook runs, so an error the hook raises (a killed script) is placed there.
     */
    void tick(Frame f, int line) {
        if (hookCountdown <= 1) {
            f.line = line;
        }
        tick();
    }

    /** Called on loop back-edges and calls: runs the hook every N counts. */
    void tick() {
        if (--hookCountdown <= 0) {
            hookCountdown = hookEvery == 0 ? Long.MAX_VALUE : hookEvery;
            if (hook != null) {
                try {
                    hook.run();
                } catch (LuaError e) {
                    hookError = e;
                    throw e;
                }
            }
        }
    }

    /** luaL_where(level): "chunk:line: " of the Lua function {@code level} calls below the running built-in, or "". */
    public String where(int level) {
        return stack.at(level) instanceof Frame f ? f.closure.proto.chunkId + ":" + f.line + ": " : "";
    }

    /** The function running {@code level} calls below the top (0: the running built-in), or null. */
    public io.redisinternals.lua.LuaFunction functionAt(int level) {
        Object e = stack.at(level);
        if (e instanceof Frame f) {
            return f.closure;
        }
        return (io.redisinternals.lua.LuaFunction) e;
    }

    /** The current line of the Lua function {@code level} calls below the top, or -1 for a built-in. */
    public int lineAt(int level) {
        return stack.at(level) instanceof Frame f ? f.line : -1;
    }

    /** True when a function runs at {@code level}. */
    public boolean hasLevel(int level) {
        return level >= 0 && level < stack.depth();
    }

    public int depth() {
        return stack.depth();
    }

    /**
     * What debug.getinfo tells of the function {@code level} calls below the top: {source,
     * short_src, what, currentline, linedefined, name, namewhat}, or null past the bottom of the stack.
     */
    public Object[] info(int level) {
        Object e = stack.at(level);
        if (e == null) {
            return null;
        }
        Object below = stack.at(level + 1);
        String desc = below instanceof Frame caller ? caller.callName : null;
        String name = Exprs.nameOf(desc);
        String namewhat = desc == null ? "" : desc.substring(0, desc.indexOf(' '));
        if (e instanceof Frame f) {
            Proto p = f.closure.proto;
            String what = p.lineDefined == 0 ? "main" : "Lua";
            return new Object[] {p.source, p.chunkId, what, f.line, p.lineDefined, name, namewhat};
        }
        return new Object[] {"=[C]", "[C]", "C", -1, -1, name, namewhat};
    }

    /** The same for a function value (no call in progress: no current line, no name). */
    public static Object[] info(io.redisinternals.lua.LuaFunction fn) {
        if (fn instanceof LuaClosure c) {
            Proto p = c.proto;
            return new Object[] {p.source, p.chunkId, p.lineDefined == 0 ? "main" : "Lua", -1, p.lineDefined, null, ""};
        }
        return new Object[] {"=[C]", "[C]", "C", -1, -1, null, ""};
    }

    /**
     * Runs {@code fn} protected: a Lua error ends it and is thrown to the caller with its value
     * turned by {@code handler} (null: as is). The handler runs where the error was raised, before
     * the stack unwinds, as lua_pcall's errfunc does (so debug.getinfo/traceback in it see the
     * failing function).
     */
    public Object[] protectedCall(Object handler, Object fn, Object[] args) {
        CallStack s = stack;
        s.pushHandler(handler);
        int depth = s.depth;
        try {
            return Interp.callMeta(state, null, 0, fn, args);
        } catch (StackOverflowError e) {
            LuaError err = LuaError.value(io.redisinternals.lua.LuaString.of("stack overflow"));
            handle(err);
            throw err;
        } finally {
            s.popHandler();
            while (s.depth > depth) { // a StackOverflowError may have skipped a pop
                s.pop();
            }
        }
    }

    /** Applies the innermost protected call's message handler to an error being raised, once. */
    void handle(LuaError e) {
        if (e.handled()) {
            return;
        }
        e.markHandled();
        Object h = stack.handler();
        boolean fromHook = e == hookError;
        hookError = null;
        if (h == null) {
            return;
        }
        Object v;
        Runnable savedHook = hook;
        if (fromHook) {
            hook = null;
        }
        try {
            Object[] r = Interp.callMeta(state, null, 0, h, new Object[] {e.value()});
            v = r.length > 0 ? r[0] : null;
        } catch (LuaError inner) {
            v = inner.value();
        } catch (StackOverflowError inner) {
            v = io.redisinternals.lua.LuaString.of("error in error handling");
        } finally {
            if (fromHook && hook == null) {
                hook = savedHook;
            }
        }
        e.complete(v);
    }

    /** Ends the threads of every suspended coroutine (LuaState.closeCoroutines). */
    public void closeCoroutines() {
        if (!coroutines.isEmpty() || !abandoned.isEmpty()) {
            LuaCoroutine.closeAll(this);
        }
    }

    /** Coroutines with a live thread (tests: none after closeCoroutines). */
    public int liveCoroutines() {
        return coroutines.size();
    }

    /** The host's call into Lua: a C entry at the bottom of the stack, as lua.c's ("[C]: ?" in tracebacks). */
    private static final io.redisinternals.lua.LuaFunction HOST = io.redisinternals.lua.LuaFunction.of("?", (st, a) -> a);

    /** {@link #protectedCall} from the host, its entry at the bottom of the stack (one run of EVAL or FCALL). */
    public Object[] hostProtectedCall(Object handler, Object fn, Object[] args) {
        if (!abandoned.isEmpty()) {
            LuaCoroutine.closeAbandoned(this);
        }
        stack.push(HOST, Integer.MAX_VALUE, null);
        try {
            return protectedCall(handler, fn, args);
        } finally {
            stack.pop();
        }
    }

    public Object[] hostCall(Object fn, Object[] args) {
        if (!abandoned.isEmpty()) {
            LuaCoroutine.closeAbandoned(this);
        }
        stack.push(HOST, Integer.MAX_VALUE, null);
        try {
            return Interp.callMeta(state, null, 0, fn, args);
        } finally {
            stack.pop();
        }
    }
}
