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

    public Runtime(LuaState state) {
        this.state = state;
    }

    public void memoryLimit(long bytes) {
        this.memoryLimit = bytes;
    }

    public long memoryUsed() {
        return memoryUsed;
    }

    /** Charges bytes to the budget (no budget: only counted; collectgarbage("count") reports it). */
    public void allocate(long bytes) {
        memoryUsed += bytes;
        if (memoryLimit > 0 && memoryUsed > memoryLimit) {
            memoryUsed -= bytes;
            throw LuaError.value(io.redisinternals.lua.LuaString.of("not enough memory"));
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

    /** Called on loop back-edges and calls: runs the hook every N counts. */
    void tick() {
        if (--hookCountdown <= 0) {
            hookCountdown = hookEvery == 0 ? Long.MAX_VALUE : hookEvery;
            if (hook != null) {
                hook.run();
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
}
