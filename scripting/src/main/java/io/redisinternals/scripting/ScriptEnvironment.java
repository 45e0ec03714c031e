package io.redisinternals.scripting;

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
import java.util.Set;

/**
 * The globals a script sees, as redis-server 7.0.15 builds them (enumerated there with
 * {@code pairs(_G)}): the base library without print, getfenv, setfenv and newproxy; coroutine,
 * table, string, math, cjson, struct, cmsgpack, bit; the redis table; {@code __redis__err__handler},
 * which keeps the debug library's getinfo in an upvalue while the debug global itself is removed.
 * Nothing else: no os, io, package, require, dofile or loadfile.
 */
final class ScriptEnvironment {

    /** Every global redis-server 7.0.15 leaves; KEYS and ARGV are set per run. */
    static final Set<String> GLOBALS = Set.of("_G", "_VERSION", "__redis__err__handler", "assert", "bit",
            "cjson", "cmsgpack", "collectgarbage", "coroutine", "error", "gcinfo", "getmetatable", "ipairs",
            "load", "loadstring", "math", "next", "pairs", "pcall", "rawequal", "rawget", "rawset", "redis",
            "select", "setmetatable", "string", "struct", "table", "tonumber", "tostring", "type", "unpack",
            "xpcall");

    static final LuaString ERROR_HANDLER = LuaString.of("__redis__err__handler");

    /**
     * Our own handler with the behaviour of Redis's: the position is the raising Lua function's
     * (level 2), or its caller's when a built-in such as error or redis.call raised; any value but
     * a table becomes {err = "ERR " .. tostring(v)}.
     */
    private static final String HANDLER = """
            local getinfo = ...
            function __redis__err__handler(e)
              local at = getinfo(2, 'nSl')
              if at and at.what == 'C' then at = getinfo(3, 'nSl') end
              if type(e) ~= 'table' then e = {err = 'ERR ' .. tostring(e)} end
              if at then e['source'] = at.source; e['line'] = at.currentline end
              return e
            end
            """;

    private ScriptEnvironment() {
    }

    /**
     * Redis 7.0's pcall: the base one, but an error that is a table with a string err (what
     * redis.call raises) comes back as that string, as scripts written for Redis 6 expect.
     */
    private static void pcallWithErrorStrings(LuaTable g) {
        LuaString name = LuaString.of("pcall");
        Object base = g.rawget(name);
        LuaString err = LuaString.of("err");
        g.rawset(name, io.redisinternals.lua.LuaFunction.of("pcall", (st, a) -> {
            Object[] r = st.call(base, a);
            if (r.length >= 2 && Boolean.FALSE.equals(r[0]) && r[1] instanceof LuaTable t) {
                Object e = t.rawget(err);
                if (e instanceof LuaString || e instanceof Double) {
                    r[1] = e;
                }
            }
            return r;
        }));
    }

    /**
     * Redis 7.0's last step: _G, every table reachable from it and their metatables read-only
     * ("Attempt to modify a readonly table"); KEYS and ARGV, set per run afterwards, stay writable.
     */
    static void protect(LuaState s) {
        java.util.Set<LuaTable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<LuaTable> todo = new java.util.ArrayDeque<>();
        todo.add(s.globals());
        if (s.stringMetatable() != null) {
            todo.add(s.stringMetatable());
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

    /** Opens the libraries and the handler into a fresh state, and removes what Redis does not offer. */
    static void open(LuaState s) {
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
        LuaTable debug = (LuaTable) g.rawget(LuaString.of("debug"));
        s.call(s.load(LuaString.of(HANDLER), "@err_handler_def"), debug.rawget(LuaString.of("getinfo")));
        java.util.List<Object> drop = new java.util.ArrayList<>();
        for (Object[] e = g.next(null); e != null; e = g.next(e[0])) {
            if (!(e[0] instanceof LuaString k && GLOBALS.contains(k.toString()))) {
                drop.add(e[0]);
            }
        }
        drop.forEach(k -> g.rawset(k, null));
    }
}
