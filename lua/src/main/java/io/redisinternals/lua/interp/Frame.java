package io.redisinternals.lua.interp;

import io.redisinternals.lua.LuaState;

/**
 * One activation of a Lua function: its slots (locals resolved at compile time; a captured local's
 * slot holds a {@link Cell}), the extra arguments for {@code ...}, and the return protocol: a
 * statement returns {@link Stat#RETURN} with the values in {@link #ret}, or a tail call in
 * {@link #tailFn}/{@link #tailArgs} that {@link LuaClosure} runs without growing the Java stack.
 */
final class Frame {
    final LuaState state;
    /** The state's Runtime, kept here so calls and loops need not look it up. */
    final Runtime rt;
    final LuaClosure closure;
    final Object[] slots;
    Object[] varargs;
    /** The line being executed where it matters: set by call sites (error levels, tracebacks). */
    int line;
    /** How the call in progress from this frame named its callee ("global 'f'"; debug.getinfo's name), or null. */
    String callName;
    Object[] ret;
    Object tailFn;
    Object[] tailArgs;

    Frame(LuaState state, Runtime rt, LuaClosure closure) {
        this.state = state;
        this.rt = rt;
        this.closure = closure;
        this.slots = new Object[closure.proto.maxSlots];
        this.line = closure.proto.lineDefined;
    }
}
