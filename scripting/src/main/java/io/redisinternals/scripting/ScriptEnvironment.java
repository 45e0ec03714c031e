package io.redisinternals.scripting;

import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.lua.ext.BitLib;
import io.redisinternals.lua.ext.CjsonLib;
import io.redisinternals.lua.ext.CmsgpackLib;
import io.redisinternals.lua.ext.StructLib;
import io.redisinternals.lua.lib.BaseLib;
import io.redisinternals.lua.lib.CoroutineLib;
import io.redisinternals.lua.lib.DebugLib;
import io.redisinternals.lua.lib.MathLib;
import io.redisinternals.lua.lib.StringLib;
import io.redisinternals.lua.lib.TableLib;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one builder of a script's Lua universe, for EVAL and for functions, each as redis-server
 * 7.0.15 builds it (both start from its luaRegisterRedisAPI, enumerated there with
 * {@code pairs(_G)} and {@code pairs(redis)}):
 * <ul>
 * <li>the base library without print, getfenv, setfenv and newproxy (none of them is in
 *     redis-server 7.0.15's {@code _G}); coroutine, table, string, math, cjson, struct, cmsgpack,
 *     bit; no os, io, package, require, dofile, loadfile;</li>
 * <li>Redis's pcall (an error table's string {@code err} comes back as that string) and Redis's
 *     math.random/randomseed ({@link RedisRandom}, one generator for the whole server: EVAL and
 *     FCALL draw from the same sequence, as Redis's process-global rand48);</li>
 * <li>the {@code redis} table ({@link RedisLib}); EVAL's alone has breakpoint, debug and
 *     replicate_commands (Redis's scriptingInit adds them, function_lua.c does not);</li>
 * <li>the message handler: EVAL's is the global {@code __redis__err__handler}, a function's is
 *     kept by the host (Redis keeps it in the registry); both hold {@code debug.getinfo} in an
 *     upvalue and the {@code debug} global is removed;</li>
 * <li>last, the globals get the error metatable ({@code __index} raising "Script attempted to
 *     access nonexistent global variable") and everything reachable from them is read-only.</li>
 * </ul>
 * {@link FunctionEngine} then puts the function universe's real globals behind an empty table
 * whose {@code __index} it switches between the load API and them, as function_lua.c does.
 */
final class ScriptEnvironment {

    /** Which universe: EVAL's (eval.c scriptingInit) or the functions' (function_lua.c). */
    enum Kind { EVAL, FUNCTION }

    /** Every global redis-server 7.0.15 leaves an EVAL script; KEYS and ARGV are set per run. */
    static final Set<String> GLOBALS = Set.of("_G", "_VERSION", "__redis__err__handler", "assert", "bit",
            "cjson", "cmsgpack", "collectgarbage", "coroutine", "error", "gcinfo", "getmetatable", "ipairs",
            "load", "loadstring", "math", "next", "pairs", "pcall", "rawequal", "rawget", "rawset", "redis",
            "select", "setmetatable", "string", "struct", "table", "tonumber", "tostring", "type", "unpack",
            "xpcall");

    static final LuaString ERROR_HANDLER = LuaString.of("__redis__err__handler");

    /**
     * Our own handler with the behaviour of Redis's: the position is the raising Lua function's
     * (level 2), or its caller's when a built-in such as error or redis.call raised; any value but
     * a table becomes {err = "ERR " .. tostring(v)}. Made from debug.getinfo, type and tostring
     * captured now, so a script cannot reach what it uses.
     */
    private static final String HANDLER = """
            local getinfo, type, tostring = ...
            return function(e)
              local at = getinfo(2, 'nSl')
              if at and at.what == 'C' then at = getinfo(3, 'nSl') end
              if type(e) ~= 'table' then e = {err = 'ERR ' .. tostring(e)} end
              if at then e['source'] = at.source; e['line'] = at.currentline end
              return e
            end
            """;

    /** A built universe: the state and the message handler its runs are called under. */
    record Universe(LuaState state, LuaFunction errorHandler) {
    }

    private ScriptEnvironment() {
    }

    /**
     * A fresh universe of {@code kind}, globals protected. {@code current} gives the running script
     * (null between runs), what the redis table's functions act on.
     */
    static Universe build(Kind kind, RedisRandom random, Supplier<ScriptRun> current) {
        LuaState s = new LuaState();
        BaseLib.open(s);
        CoroutineLib.open(s);
        TableLib.open(s);
        StringLib.open(s);
        MathLib.open(s);
        DebugLib.open(s);
        CjsonLib.open(s);
        StructLib.open(s);
        CmsgpackLib.open(s);
        BitLib.open(s);
        LuaTable g = s.globals();
        pcallWithErrorStrings(g);
        random.install((LuaTable) g.rawget(LuaString.of("math")));
        RedisLib.open(s, current, kind == Kind.EVAL);
        LuaTable debug = (LuaTable) g.rawget(LuaString.of("debug"));
        LuaFunction handler = (LuaFunction) s.call(s.load(LuaString.of(HANDLER), "@err_handler_def"),
                debug.rawget(LuaString.of("getinfo")), g.rawget(LuaString.of("type")),
                g.rawget(LuaString.of("tostring")))[0];
        if (kind == Kind.EVAL) {
            g.rawset(ERROR_HANDLER, handler);
        }
        List<Object> drop = new ArrayList<>();
        for (Object[] e = g.next(null); e != null; e = g.next(e[0])) {
            if (!(e[0] instanceof LuaString k && GLOBALS.contains(k.toString()))) {
                drop.add(e[0]);
            }
        }
        drop.forEach(k -> g.rawset(k, null));
        g.metatable(errorMetatable());
        protect(g, s.stringMetatable());
        return new Universe(s, handler);
    }

    /**
     * Redis 7.0's pcall: the base one, but an error that is a table with a string err (what
     * redis.call raises) comes back as that string, as scripts written for Redis 6 expect.
     */
    private static void pcallWithErrorStrings(LuaTable g) {
        LuaString name = LuaString.of("pcall");
        Object base = g.rawget(name);
        g.rawset(name, LuaFunction.of("pcall", (st, a) -> {
            Object[] r = st.call(base, a);
            if (r.length >= 2 && Boolean.FALSE.equals(r[0]) && r[1] instanceof LuaTable t) {
                Object e = t.rawget(RespToLua.ERR);
                if (e instanceof LuaString || e instanceof Double) {
                    r[1] = e;
                }
            }
            return r;
        }));
    }

    /**
     * Redis's luaSetErrorMetatable: reading a missing key raises "Script attempted to access
     * nonexistent global variable 'x'". Writes need no metamethod: the table is read-only.
     */
    static LuaTable errorMetatable() {
        LuaTable mt = new LuaTable();
        mt.rawset(GlobalsProtection.INDEX,
                LuaFunction.of("luaProtectedTableError", (st, a) -> GlobalsProtection.nonexistent(a)));
        return mt;
    }

    /**
     * Redis 7.0's luaSetTableProtectionRecursively: {@code root}, every table reachable from it,
     * their metatables (and {@code extra}, the string metatable) read-only ("Attempt to modify a
     * readonly table"). The host's rawset is not checked, so KEYS and ARGV are still set per run.
     */
    static void protect(LuaTable root, LuaTable extra) {
        Set<LuaTable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<LuaTable> todo = new ArrayDeque<>();
        todo.add(root);
        if (extra != null) {
            todo.add(extra);
        }
        while (!todo.isEmpty()) {
            LuaTable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            t.readonly(true);
            if (t.metatable() != null) {
                todo.add(t.metatable());
            }
            for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
                if (e[1] instanceof LuaTable v) {
                    todo.add(v);
                }
            }
        }
    }
}
