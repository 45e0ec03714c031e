package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * Lua 5.1's table library: concat foreach foreachi getn insert maxn remove setn sort. Lengths
 * are {@code #t} (getn is lua_objlen: LUA_COMPAT_GETN is off in 5.1.5, so setn only raises
 * "'setn' is obsolete"). All reads and writes are raw, as the C functions' rawgeti/rawseti.
 * sort is {@link TableSort}.
 */
public final class TableLib {

    private TableLib() {
    }

    public static void open(LuaState state) {
        LuaTable table = new LuaTable();
        register(table, "concat", TableLib::concat);
        register(table, "foreach", TableLib::foreach);
        register(table, "foreachi", TableLib::foreachi);
        register(table, "getn", (s, a) -> Lua.one((double) Lua.checkTable(a, 1).length()));
        register(table, "insert", TableLib::insert);
        register(table, "maxn", TableLib::maxn);
        register(table, "remove", TableLib::remove);
        register(table, "setn", (s, a) -> {
            Lua.checkTable(a, 1);
            throw LuaError.runtime("'setn' is obsolete");
        });
        register(table, "sort", TableSort::sort);
        state.globals().rawset(LuaString.of("table"), table);
    }

    private static void register(LuaTable t, String name, LuaFunction.Body body) {
        t.rawset(LuaString.of(name), LuaFunction.of(name, body));
    }

    private static Object[] concat(LuaState state, Object[] args) {
        Object sepArg = Lua.arg(args, 2);
        LuaString sep = sepArg == null ? LuaString.EMPTY : Lua.checkString(args, 2);
        LuaTable t = Lua.checkTable(args, 1);
        int i = Args.optInt(args, 3, 1);
        int last = Lua.arg(args, 4) == null ? t.length() : Args.checkInt(args, 4);
        ByteBuffer b = new ByteBuffer(state, 0);
        for (; i < last; i++) {
            addField(b, t, i);
            b.add(sep);
        }
        if (i == last) {
            addField(b, t, i);
        }
        return Lua.one(b.result());
    }

    private static void addField(ByteBuffer b, LuaTable t, int i) {
        Object v = t.rawget(i);
        LuaString s = Lua.toLuaString(v);
        if (s == null) {
            throw LuaError.runtime("invalid value (" + Lua.typeName(v) + ") at index " + i
                    + " in table for 'concat'");
        }
        b.add(s);
    }

    private static Object[] insert(LuaState state, Object[] args) {
        LuaTable t = Lua.checkTable(args, 1).checkWritable();
        int e = t.length() + 1; // the first empty slot
        int pos;
        switch (args.length) {
            case 2:
                pos = e;
                break;
            case 3: {
                pos = Args.checkInt(args, 2);
                if (pos > e) {
                    e = pos; // grows the "array" up to pos
                }
                for (int i = e; i > pos; i--) { // moves up the elements from pos
                    t.rawset(i, t.rawget(i - 1));
                }
                break;
            }
            default:
                throw LuaError.runtime("wrong number of arguments to 'insert'");
        }
        t.rawset(pos, args[args.length - 1]);
        return Lua.NONE;
    }

    private static Object[] remove(LuaState state, Object[] args) {
        LuaTable t = Lua.checkTable(args, 1).checkWritable();
        int e = t.length();
        int pos = Args.optInt(args, 2, e);
        if (!(1 <= pos && pos <= e)) {
            return Lua.NONE; // nothing to remove
        }
        Object removed = t.rawget(pos);
        for (; pos < e; pos++) {
            t.rawset(pos, t.rawget(pos + 1));
        }
        t.rawset(e, null);
        return Lua.one(removed);
    }

    private static Object[] maxn(LuaState state, Object[] args) {
        LuaTable t = Lua.checkTable(args, 1);
        double max = 0;
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            if (e[0] instanceof Double d && d > max) {
                max = d;
            }
        }
        return Lua.one(max);
    }

    private static Object[] foreachi(LuaState state, Object[] args) {
        LuaTable t = Lua.checkTable(args, 1);
        int n = t.length();
        if (!(Lua.arg(args, 2) instanceof LuaFunction f)) {
            throw Args.typeError(args, 2, "function");
        }
        for (int i = 1; i <= n; i++) {
            Object[] r = state.call(f, (double) i, t.rawget(i));
            if (r.length > 0 && r[0] != null) {
                return Lua.one(r[0]);
            }
        }
        return Lua.NONE;
    }

    private static Object[] foreach(LuaState state, Object[] args) {
        LuaTable t = Lua.checkTable(args, 1);
        if (!(Lua.arg(args, 2) instanceof LuaFunction f)) {
            throw Args.typeError(args, 2, "function");
        }
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            Object[] r = state.call(f, e[0], e[1]);
            if (r.length > 0 && r[0] != null) {
                return Lua.one(r[0]);
            }
        }
        return Lua.NONE;
    }
}
