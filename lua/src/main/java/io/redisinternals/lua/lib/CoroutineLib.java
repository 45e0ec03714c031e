package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.lua.interp.LuaClosure;
import io.redisinternals.lua.interp.LuaCoroutine;

/** Lua 5.1's coroutine library (create, resume, running, status, wrap, yield) with its texts. */
public final class CoroutineLib {

    private CoroutineLib() {
    }

    public static void open(LuaState state) {
        LuaTable co = new LuaTable();
        reg(co, LuaFunction.of("create", (st, a) -> Lua.one(new LuaCoroutine(luaFunction(a)))));
        reg(co, LuaFunction.of("resume", (st, a) -> coroutine(a).resume(st, rest(a))));
        reg(co, LuaFunction.of("running", (st, a) -> Lua.one(LuaCoroutine.running(st))));
        reg(co, LuaFunction.of("status", (st, a) -> Lua.one(LuaString.of(coroutine(a).status()))));
        reg(co, LuaFunction.of("yield", LuaCoroutine::yield));
        reg(co, LuaFunction.of("wrap", (st, a) -> {
            LuaCoroutine c = new LuaCoroutine(luaFunction(a));
            return Lua.one(LuaFunction.of("wrap", (st2, args) -> {
                Object[] r = c.resume(st2, args);
                if (r[0] == Boolean.TRUE) {
                    return java.util.Arrays.copyOfRange(r, 1, r.length);
                }
                if (r[1] instanceof LuaString s) {
                    throw LuaError.runtime(s.toString()); // position of the caller added, as auxwrap does
                }
                throw LuaError.value(r[1]);
            }));
        }));
        state.globals().rawset(LuaString.of("coroutine"), co);
    }

    private static void reg(LuaTable t, LuaFunction f) {
        t.rawset(LuaString.of(f.name()), f);
    }

    private static LuaFunction luaFunction(Object[] a) {
        if (!(Lua.arg(a, 1) instanceof LuaClosure c)) {
            throw LuaError.argument(1, "Lua function expected");
        }
        return c;
    }

    private static LuaCoroutine coroutine(Object[] a) {
        if (!(Lua.arg(a, 1) instanceof LuaCoroutine c)) {
            throw LuaError.argument(1, "coroutine expected");
        }
        return c;
    }

    private static Object[] rest(Object[] a) {
        return java.util.Arrays.copyOfRange(a, 1, a.length);
    }
}
