package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.lua.interp.Interp;
import io.redisinternals.lua.interp.Runtime;

/**
 * The part of Lua 5.1's debug library scripts use: traceback, getinfo (source, short_src, what,
 * currentline, linedefined, name), getmetatable/setmetatable (raw, for tables). Not offered:
 * sethook/gethook (the host's instruction hook is LuaState.instructionHook), getlocal/setlocal,
 * getupvalue/setupvalue, getregistry, getfenv/setfenv (the base library's serve).
 */
public final class DebugLib {

    private DebugLib() {
    }

    private static final int LEVELS1 = 12; // frames shown before "..." (ldblib.c)
    private static final int LEVELS2 = 10; // frames shown after

    public static void open(LuaState state) {
        LuaTable d = new LuaTable();
        reg(d, LuaFunction.of("traceback", DebugLib::traceback));
        reg(d, LuaFunction.of("getinfo", DebugLib::getinfo));
        reg(d, LuaFunction.of("getmetatable", (st, a) -> Lua.one(Interp.metatable(st, Lua.checkAny(a, 1)))));
        reg(d, LuaFunction.of("setmetatable", (st, a) -> {
            Object mt = Lua.arg(a, 2);
            if (mt != null && !(mt instanceof LuaTable)) {
                throw LuaError.argument(2, "nil or table expected");
            }
            Lua.checkTable(a, 1).metatable((LuaTable) mt);
            return Lua.one(Boolean.TRUE);
        }));
        state.globals().rawset(LuaString.of("debug"), d);
    }

    private static void reg(LuaTable t, LuaFunction f) {
        t.rawset(LuaString.of(f.name()), f);
    }

    private static Object[] traceback(LuaState st, Object[] a) {
        Object msg = Lua.arg(a, 1);
        if (msg != null && !(msg instanceof LuaString) && !(msg instanceof Double)) {
            return Lua.one(msg);
        }
        int level = (int) Lua.optInteger(a, 2, 1);
        Runtime rt = st.runtime();
        StringBuilder sb = new StringBuilder();
        if (msg != null) {
            sb.append(Lua.toLuaString(msg)).append('\n');
        }
        sb.append("stack traceback:");
        boolean first = true;
        for (int l = level; ; l++) {
            Object[] info = rt.info(l);
            if (info == null) {
                break;
            }
            if (l > LEVELS1 + level - 1 && first) {
                if (rt.info(l + LEVELS2) != null) {
                    sb.append("\n\t...");
                    while (rt.info(l + LEVELS2) != null) {
                        l++;
                    }
                    first = false;
                }
            }
            sb.append("\n\t").append(info[1]).append(':');
            if ((int) info[3] > 0) {
                sb.append(info[3]).append(':');
            }
            if (info[5] != null) {
                sb.append(" in function '").append(info[5]).append('\'');
            } else if ("main".equals(info[2])) {
                sb.append(" in main chunk");
            } else if ("C".equals(info[2])) {
                sb.append(" ?");
            } else {
                sb.append(" in function <").append(info[1]).append(':').append(info[4]).append('>');
            }
        }
        return Lua.one(LuaString.of(sb.toString()));
    }

    private static Object[] getinfo(LuaState st, Object[] a) {
        Object target = Lua.arg(a, 1);
        String what = a.length >= 2 && a[1] != null ? Lua.checkString(a, 2).toString() : "flnSu";
        Object[] info;
        LuaFunction fn = null;
        if (target instanceof LuaFunction f) {
            fn = f;
            info = Runtime.info(f);
        } else {
            int level = (int) Lua.checkInteger(a, 1);
            info = st.runtime().info(level);
            if (info == null) {
                return Lua.one(null);
            }
            fn = st.runtime().functionAt(level);
        }
        for (int i = 0; i < what.length(); i++) {
            if ("SlnfuL".indexOf(what.charAt(i)) < 0 && what.charAt(i) != '>') {
                throw LuaError.argument(2, "invalid option");
            }
        }
        LuaTable t = new LuaTable();
        if (what.indexOf('S') >= 0) {
            t.rawset(LuaString.of("source"), LuaString.of((String) info[0]));
            t.rawset(LuaString.of("short_src"), LuaString.of((String) info[1]));
            t.rawset(LuaString.of("what"), LuaString.of((String) info[2]));
            t.rawset(LuaString.of("linedefined"), (double) (int) info[4]);
        }
        if (what.indexOf('l') >= 0) {
            t.rawset(LuaString.of("currentline"), (double) (int) info[3]);
        }
        if (what.indexOf('n') >= 0) {
            t.rawset(LuaString.of("name"), info[5] == null ? null : LuaString.of((String) info[5]));
            t.rawset(LuaString.of("namewhat"), LuaString.of((String) info[6]));
        }
        if (what.indexOf('f') >= 0) {
            t.rawset(LuaString.of("func"), fn);
        }
        return Lua.one(t);
    }
}
