package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.lua.interp.Interp;
import io.redisinternals.lua.interp.LuaClosure;
import io.redisinternals.lua.interp.Runtime;

import java.io.ByteArrayOutputStream;

/**
 * Lua 5.1's base library (lbaselib.c's functions and texts, and like luaopen_base the coroutine
 * table, see {@link CoroutineLib}) without dofile/loadfile (Redis removes
 * them: a script has no file system). collectgarbage and gcinfo report the bytes charged to the
 * memory budget (approximate: what the interpreter charges as it builds strings, tables and
 * closures; nothing is ever subtracted, as we cannot observe the JVM collecting a value).
 */
public final class BaseLib {

    private BaseLib() {
    }

    private static final LuaString TOSTRING = LuaString.of("tostring");

    /** One next for every state: generic for recognises it (Interp.nextFunction) and walks the table directly. */
    private static final LuaFunction NEXT = LuaFunction.of("next", BaseLib::next);

    static {
        Interp.nextFunction = NEXT;
    }

    public static void open(LuaState state) {
        LuaTable g = state.globals();
        g.rawset(LuaString.of("_G"), g);
        g.rawset(LuaString.of("_VERSION"), LuaString.of("Lua 5.1"));
        LuaFunction next = NEXT;
        reg(g, next);
        reg(g, LuaFunction.of("assert", BaseLib::assertion));
        reg(g, LuaFunction.of("collectgarbage", BaseLib::collectgarbage));
        reg(g, LuaFunction.of("error", BaseLib::error));
        reg(g, LuaFunction.of("gcinfo", (st, a) -> Lua.one((double) (Runtime.of(st).memoryUsed() / 1024))));
        reg(g, LuaFunction.of("getfenv", BaseLib::getfenv));
        reg(g, LuaFunction.of("setfenv", BaseLib::setfenv));
        reg(g, LuaFunction.of("getmetatable", BaseLib::getmetatable));
        reg(g, LuaFunction.of("setmetatable", BaseLib::setmetatable));
        LuaFunction ipairsAux = LuaFunction.of("ipairs_aux", (st, a) -> {
            LuaTable t = Lua.checkTable(a, 1);
            int i = (int) Lua.checkInteger(a, 2) + 1;
            Object v = t.rawget(i);
            return v == null ? Lua.NONE : new Object[] {(double) i, v};
        });
        reg(g, LuaFunction.of("ipairs", (st, a) -> new Object[] {ipairsAux, Lua.checkTable(a, 1), 0.0}));
        reg(g, LuaFunction.of("pairs", (st, a) -> new Object[] {next, Lua.checkTable(a, 1), null}));
        reg(g, LuaFunction.of("load", BaseLib::load));
        reg(g, LuaFunction.of("loadstring", BaseLib::loadstring));
        reg(g, LuaFunction.of("pcall", BaseLib::pcall));
        reg(g, LuaFunction.of("xpcall", BaseLib::xpcall));
        reg(g, LuaFunction.of("print", BaseLib::print));
        reg(g, LuaFunction.of("rawequal", (st, a) -> {
            Lua.checkAny(a, 1);
            Lua.checkAny(a, 2);
            return Lua.one(Interp.rawEquals(a[0], a[1]));
        }));
        reg(g, LuaFunction.of("rawget", (st, a) -> {
            LuaTable t = Lua.checkTable(a, 1);
            Lua.checkAny(a, 2);
            return Lua.one(t.rawget(a[1]));
        }));
        reg(g, LuaFunction.of("rawset", (st, a) -> {
            LuaTable t = Lua.checkTable(a, 1);
            Lua.checkAny(a, 2);
            Lua.checkAny(a, 3);
            t.checkWritable().rawset(a[1], a[2]);
            return Lua.one(t);
        }));
        reg(g, LuaFunction.of("select", BaseLib::select));
        reg(g, LuaFunction.of("tonumber", BaseLib::tonumber));
        reg(g, LuaFunction.of("tostring", (st, a) -> Lua.one(Interp.tostring(st, Lua.checkAny(a, 1)))));
        reg(g, LuaFunction.of("type", (st, a) -> Lua.one(LuaString.of(Lua.typeName(Lua.checkAny(a, 1))))));
        reg(g, LuaFunction.of("unpack", BaseLib::unpack));
        CoroutineLib.open(state); // Lua 5.1's luaopen_base opens the coroutine library too
    }

    private static void reg(LuaTable g, LuaFunction f) {
        g.rawset(LuaString.of(f.name()), f);
    }

    private static Object[] next(LuaState st, Object[] a) {
        LuaTable t = Lua.checkTable(a, 1);
        Object[] r = t.next(Lua.arg(a, 2));
        return r == null ? Lua.one(null) : r;
    }

    private static Object[] assertion(LuaState st, Object[] a) {
        if (!Lua.isTrue(Lua.checkAny(a, 1))) {
            LuaString msg = a.length >= 2 && a[1] != null ? Lua.checkString(a, 2) : LuaString.of("assertion failed!");
            throw LuaError.runtime(msg.toString());
        }
        return a;
    }

    private static final String[] GC_OPTIONS = {"stop", "restart", "collect", "count", "step", "setpause", "setstepmul"};

    private static Object[] collectgarbage(LuaState st, Object[] a) {
        String opt = a.length >= 1 && a[0] != null ? Lua.checkString(a, 1).toString() : "collect";
        int ex = (int) Lua.optInteger(a, 2, 0);
        switch (opt) {
            case "count":
                return Lua.one(Runtime.of(st).memoryUsed() / 1024.0);
            case "step":
                return Lua.one(Boolean.TRUE);
            case "setpause", "setstepmul":
                return Lua.one(200.0); // the previous value: Lua's defaults, we keep none
            case "stop", "restart", "collect":
                return Lua.one(0.0);
            default:
                throw LuaError.argument(1, "invalid option '" + opt + "'");
        }
    }

    private static Object[] error(LuaState st, Object[] a) {
        Object v = Lua.arg(a, 1);
        int level = (int) Lua.optInteger(a, 2, 1);
        if ((v instanceof LuaString || v instanceof Double) && level > 0) { // numbers are strings here
            v = LuaString.of(Runtime.of(st).where(level)).concat(Lua.toLuaString(v));
        }
        throw LuaError.value(v);
    }

    /** The function a getfenv/setfenv argument designates: a function, or a stack level. */
    private static Object functionArg(LuaState st, Object[] a, boolean optional) {
        Object f = Lua.arg(a, 1);
        if (f instanceof LuaFunction) {
            return f;
        }
        int level = (int) (optional ? Lua.optInteger(a, 1, 1) : Lua.checkInteger(a, 1));
        if (level < 0) {
            throw LuaError.argument(1, "level must be non-negative");
        }
        if (level == 0) {
            return null;
        }
        Runtime rt = Runtime.of(st);
        if (!rt.hasLevel(level)) {
            throw LuaError.argument(1, "invalid level");
        }
        return rt.functionAt(level);
    }

    private static Object[] getfenv(LuaState st, Object[] a) {
        Object f = functionArg(st, a, true);
        return Lua.one(f instanceof LuaClosure c ? c.env() : st.globals());
    }

    private static Object[] setfenv(LuaState st, Object[] a) {
        LuaTable env = Lua.checkTable(a, 2);
        Object f = functionArg(st, a, false);
        if (f instanceof LuaClosure c) {
            c.env(env);
            return Lua.one(c);
        }
        if (f == null) {
            return Lua.NONE; // level 0 (the thread's environment): globals stay the state's table
        }
        throw LuaError.runtime("'setfenv' cannot change environment of given object");
    }

    private static final LuaString METATABLE = LuaString.of("__metatable");

    private static Object[] getmetatable(LuaState st, Object[] a) {
        LuaTable mt = Interp.metatable(st, Lua.checkAny(a, 1));
        if (mt == null) {
            return Lua.one(null);
        }
        Object protectedValue = mt.rawget(METATABLE);
        return Lua.one(protectedValue != null ? protectedValue : mt);
    }

    private static Object[] setmetatable(LuaState st, Object[] a) {
        LuaTable t = Lua.checkTable(a, 1);
        Object mt = Lua.arg(a, 2);
        if (a.length < 2 || mt != null && !(mt instanceof LuaTable)) {
            throw LuaError.argument(2, "nil or table expected");
        }
        t.checkWritable();
        if (t.metatable() != null && t.metatable().rawget(METATABLE) != null) {
            throw LuaError.runtime("cannot change a protected metatable");
        }
        t.metatable((LuaTable) mt);
        return Lua.one(t);
    }

    private static Object[] compiled(LuaState st, LuaString source, String chunkName) {
        try {
            return Lua.one(st.load(source, chunkName, 1)); // called by a running chunk: one C level down
        } catch (LuaError e) {
            return new Object[] {null, e.value()};
        }
    }

    private static Object[] loadstring(LuaState st, Object[] a) {
        LuaString s = Lua.checkString(a, 1);
        String name = a.length >= 2 && a[1] != null ? Lua.checkString(a, 2).toString() : s.toString();
        return compiled(st, s, name);
    }

    private static Object[] load(LuaState st, Object[] a) {
        Object reader = Lua.arg(a, 1);
        if (!(reader instanceof LuaFunction)) {
            throw LuaError.type(1, "function", a);
        }
        String name = a.length >= 2 && a[1] != null ? Lua.checkString(a, 2).toString() : "=(load)";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            Object[] r = st.call(reader);
            Object piece = r.length > 0 ? r[0] : null;
            if (piece == null) {
                break;
            }
            if (!(piece instanceof LuaString s)) {
                return new Object[] {null, LuaString.of("reader function must return a string")};
            }
            if (s.length() == 0) {
                break;
            }
            out.writeBytes(s.toBytes());
        }
        return compiled(st, LuaString.wrap(out.toByteArray()), name);
    }

    private static Object[] pcall(LuaState st, Object[] a) {
        Lua.checkAny(a, 1);
        return protectedCall(st, null, a[0], java.util.Arrays.copyOfRange(a, 1, a.length));
    }

    private static Object[] xpcall(LuaState st, Object[] a) {
        Lua.checkAny(a, 2);
        return protectedCall(st, a[1], a[0], Lua.NONE);
    }

    private static Object[] protectedCall(LuaState st, Object handler, Object fn, Object[] args) {
        try {
            Object[] r = Runtime.of(st).protectedCall(handler, fn, args);
            Object[] out = new Object[r.length + 1];
            out[0] = Boolean.TRUE;
            System.arraycopy(r, 0, out, 1, r.length);
            return out;
        } catch (LuaError e) {
            return new Object[] {Boolean.FALSE, e.value()};
        }
    }

    private static Object[] print(LuaState st, Object[] a) {
        Object tostring = st.index(st.globals(), TOSTRING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < a.length; i++) {
            Object[] r = st.call(tostring, a[i]);
            Object s = r.length > 0 ? r[0] : null;
            if (!(s instanceof LuaString) && !(s instanceof Double)) {
                throw LuaError.runtime("'tostring' must return a string to 'print'");
            }
            if (i > 0) {
                out.write('\t');
            }
            out.writeBytes(Lua.toLuaString(s).toBytes());
        }
        out.write('\n');
        st.output().accept(LuaString.wrap(out.toByteArray()));
        return Lua.NONE;
    }

    private static Object[] select(LuaState st, Object[] a) {
        int n = a.length; // the selector counts, as lua_gettop does
        if (Lua.arg(a, 1) instanceof LuaString s && s.length() > 0 && s.byteAt(0) == '#') {
            return Lua.one((double) (n - 1));
        }
        long i = Lua.checkInteger(a, 1);
        if (i < 0) {
            i = n + i;
        } else if (i > n) {
            i = n;
        }
        if (i < 1) {
            throw LuaError.argument(1, "index out of range");
        }
        return java.util.Arrays.copyOfRange(a, (int) i, n);
    }

    private static Object[] tonumber(LuaState st, Object[] a) {
        long base = Lua.optInteger(a, 2, 10);
        if (base == 10) {
            Lua.checkAny(a, 1);
            return Lua.one(Lua.toNumber(a[0]));
        }
        LuaString s = Lua.checkString(a, 1);
        if (base < 2 || base > 36) {
            throw LuaError.argument(2, "base out of range");
        }
        return Lua.one(parseInBase(s.toString(), (int) base));
    }

    /** strtoul as lbaselib uses it: blanks, optional '-', digits of the base, blanks, nothing else. */
    private static Double parseInBase(String s, int base) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        double v = 0;
        while (i < n) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 'z') {
                break;
            }
            v = v * base + d;
            i++;
        }
        if (i == start) {
            return null;
        }
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        if (i != n) {
            return null;
        }
        // strtoul wraps at 2^64 and negates modulo 2^64; Lua then reads it as a double
        return neg ? (v == 0 ? 0.0 : 18446744073709551616.0 - v) : v;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static Object[] unpack(LuaState st, Object[] a) {
        LuaTable t = Lua.checkTable(a, 1);
        long i = Lua.optInteger(a, 2, 1);
        long j = a.length >= 3 && a[2] != null ? Lua.checkInteger(a, 3) : t.length();
        if (i > j) {
            return Lua.NONE;
        }
        long n = j - i + 1;
        if (n >= 8000 || n <= 0) { // LUAI_MAXCSTACK: lua_checkstack fails past it
            throw LuaError.runtime("too many results to unpack");
        }
        Object[] r = new Object[(int) n];
        for (int k = 0; k < n; k++) {
            r[k] = t.rawget(Double.valueOf(i + k));
        }
        return r;
    }
}
