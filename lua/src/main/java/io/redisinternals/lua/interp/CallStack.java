package io.redisinternals.lua.interp;

import io.redisinternals.lua.LuaFunction;

/**
 * The calls in progress on one Lua thread (the main one or a coroutine): a {@link Frame} for a Lua
 * function, the {@link LuaFunction} for a built-in. Error levels, tracebacks, debug.getinfo and
 * the call-depth limit read it.
 */
public final class CallStack {
    Object[] entries = new Object[32];
    int depth;
    /** The message handlers of the protected calls in progress (null for a pcall), innermost last. */
    Object[] handlers = new Object[8];
    int protectedCalls;

    void pushHandler(Object handler) {
        if (protectedCalls == handlers.length) {
            handlers = java.util.Arrays.copyOf(handlers, protectedCalls * 2);
        }
        handlers[protectedCalls++] = handler;
    }

    void popHandler() {
        handlers[--protectedCalls] = null;
    }

    Object handler() {
        return protectedCalls == 0 ? null : handlers[protectedCalls - 1];
    }

    void push(Object entry, int maxDepth, Frame caller) {
        if (depth >= maxDepth) {
            throw Interp.runtimeError(caller, caller == null ? 0 : caller.line, "stack overflow");
        }
        if (depth == entries.length) {
            entries = java.util.Arrays.copyOf(entries, depth * 2);
        }
        entries[depth++] = entry;
    }

    void pop() {
        entries[--depth] = null;
    }

    /** The entry {@code level} calls below the top (0 = the running function), or null. */
    Object at(int level) {
        int i = depth - 1 - level;
        return i >= 0 && i < depth ? entries[i] : null;
    }

    /** The innermost running Lua frame, or null. */
    Frame topLuaFrame() {
        for (int i = depth - 1; i >= 0; i--) {
            if (entries[i] instanceof Frame f) {
                return f;
            }
        }
        return null;
    }

    int depth() {
        return depth;
    }
}
