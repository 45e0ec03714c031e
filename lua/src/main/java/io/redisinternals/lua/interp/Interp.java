package io.redisinternals.lua.interp;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaNumbers;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * Lua 5.1's semantics of values (lvm.c's territory): indexing with __index/__newindex chains,
 * arithmetic with string coercion and metamethods, comparisons, concatenation, length, calls of
 * any value, and the runtime error texts naming the culprit as the call site spells it
 * ("attempt to index global 'x' (a nil value)"). A null frame means "called from Java": errors then
 * carry no position, as a C function's would.
 */
public final class Interp {

    private Interp() {
    }

    static final LuaString INDEX = LuaString.of("__index"), NEWINDEX = LuaString.of("__newindex"),
            CALL = LuaString.of("__call"), EQ = LuaString.of("__eq"), LT = LuaString.of("__lt"),
            LE = LuaString.of("__le"), CONCAT = LuaString.of("__concat"), LEN = LuaString.of("__len"),
            UNM = LuaString.of("__unm"), TOSTRING = LuaString.of("__tostring");
    static final LuaString[] ARITH_EVENTS = {LuaString.of("__add"), LuaString.of("__sub"), LuaString.of("__mul"),
        LuaString.of("__div"), LuaString.of("__mod"), LuaString.of("__pow"), UNM};
    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MOD = 4, POW = 5, NEG = 6;
    private static final int MAXTAGLOOP = 100;

    /** The base library's next: generic for walks a table directly when pairs hands it out. */
    public static volatile LuaFunction nextFunction;

    // ---- errors

    /** A runtime error at a Lua position: "chunk:line: msg" (no position from Java). */
    static LuaError runtimeError(Frame f, int line, String msg) {
        if (f == null) {
            return LuaError.value(LuaString.of(msg));
        }
        f.line = line; // the current line a message handler's debug.getinfo reads (Redis's error handler)
        return LuaError.value(LuaString.of(f.closure.proto.chunkId + ":" + line + ": " + msg));
    }

    static LuaError typeError(Frame f, int line, String op, String desc, Object v) {
        String t = Lua.typeName(v);
        return runtimeError(f, line, "attempt to " + op + " "
                + (desc != null ? desc + " (a " + t + " value)" : "a " + t + " value"));
    }

    /** Completes a built-in's position-less error as luaL_error/luaL_argerror would. */
    static void complete(LuaError e, Frame f, int line, String fname, boolean method) {
        String where = f == null ? "" : f.closure.proto.chunkId + ":" + line + ": ";
        String msg = e.value() instanceof LuaString s ? s.toString() : String.valueOf(e.value());
        if (e.kind() == LuaError.Kind.ARGUMENT) {
            int n = e.argumentIndex();
            if (method) {
                n--;
                if (n == 0) {
                    e.complete(LuaString.of(where + "calling '" + fname + "' on bad self (" + msg + ")"));
                    return;
                }
            }
            e.complete(LuaString.of(where + "bad argument #" + n + " to '" + (fname == null ? "?" : fname) + "' ("
                    + msg + ")"));
        } else {
            e.complete(LuaString.of(where + msg));
        }
    }

    // ---- metatables

    public static LuaTable metatable(LuaState st, Object v) {
        if (v instanceof LuaTable t) {
            return t.metatable();
        }
        if (v instanceof LuaString) {
            return st.stringMetatable();
        }
        return null;
    }

    static Object meta(LuaState st, Object v, LuaString event) {
        LuaTable mt = metatable(st, v);
        return mt == null ? null : mt.rawget(event);
    }

    // ---- indexing

    public static Object index(LuaState st, Frame f, int line, Object t, Object k, String desc) {
        for (int loop = 0; loop < MAXTAGLOOP; loop++) {
            Object h;
            if (t instanceof LuaTable table) {
                Object v = table.rawget(k);
                if (v != null) {
                    return v;
                }
                LuaTable mt = table.metatable();
                if (mt == null || (h = mt.rawget(INDEX)) == null) {
                    return null;
                }
            } else {
                h = meta(st, t, INDEX);
                if (h == null) {
                    throw typeError(f, line, "index", desc, t);
                }
            }
            if (h instanceof LuaFunction) {
                Object[] r = callMeta(st, f, line, h, new Object[] {t, k});
                return r.length > 0 ? r[0] : null;
            }
            t = h;
            desc = null;
        }
        throw runtimeError(f, line, "loop in gettable");
    }

    public static void setIndex(LuaState st, Frame f, int line, Object t, Object k, Object v, String desc) {
        for (int loop = 0; loop < MAXTAGLOOP; loop++) {
            Object h;
            if (t instanceof LuaTable table) {
                LuaTable mt = table.metatable();
                if (mt == null || table.rawget(k) != null || (h = mt.rawget(NEWINDEX)) == null) {
                    rawset(st, f, line, table, k, v);
                    return;
                }
            } else {
                h = meta(st, t, NEWINDEX);
                if (h == null) {
                    throw typeError(f, line, "index", desc, t);
                }
            }
            if (h instanceof LuaFunction) {
                callMeta(st, f, line, h, new Object[] {t, k, v});
                return;
            }
            t = h;
            desc = null;
        }
        throw runtimeError(f, line, "loop in settable");
    }

    static void rawset(LuaState st, Frame f, int line, LuaTable t, Object k, Object v) {
        if (t.readonly()) {
            throw runtimeError(f, line, LuaTable.READONLY_MESSAGE);
        }
        if (k == null) {
            throw runtimeError(f, line, "table index is nil");
        }
        if (k instanceof Double d && Double.isNaN(d)) {
            throw runtimeError(f, line, "table index is NaN");
        }
        t.rawset(k, v);
    }

    // ---- calls

    /**
     * Calls any value. {@code desc} names the callee for "attempt to call" ("global 'f'"),
     * {@code fname} for a built-in's argument errors; {@code method} shifts argument numbers.
     */
    public static Object[] call(LuaState st, Frame f, int line, Object fn, Object[] args, String desc, String fname,
                                boolean method) {
        if (f != null) {
            f.line = line;
            f.callName = desc;
        }
        if (fn instanceof LuaClosure c) {
            return f != null ? c.invoke(st, f.rt, f, args) : c.call(st, args);
        }
        if (fn instanceof LuaFunction b) {
            Runtime rt = f != null ? f.rt : Runtime.of(st);
            rt.tick();
            rt.stack.push(b, rt.maxCallDepth, f);
            try {
                return b.call(st, args);
            } catch (LuaError e) {
                if (e.kind() != LuaError.Kind.VALUE) {
                    complete(e, f, line, fname, method);
                }
                rt.handle(e); // with the built-in still on the stack ("[C]: in function 'error'")
                throw e;
            } catch (StackOverflowError e) {
                throw runtimeError(f, line, "stack overflow");
            } finally {
                rt.stack.pop();
            }
        }
        Object h = meta(st, fn, CALL);
        if (!(h instanceof LuaFunction)) { // one level only: a __call that is not a function is an error
            throw typeError(f, line, "call", desc, fn);
        }
        Object[] a = new Object[args.length + 1];
        a[0] = fn;
        System.arraycopy(args, 0, a, 1, args.length);
        return call(st, f, line, h, a, desc, fname, method);
    }

    /** LUAI_MAXCCALLS: nested calls made from outside Lua code (metamethods, built-ins calling back). */
    static final int MAX_C_CALLS = 200;

    /**
     * A call Lua 5.1 makes through luaD_call (a metamethod, or a built-in calling back into Lua):
     * these nest on the C stack, limited to 200 ("C stack overflow").
     */
    public static Object[] callMeta(LuaState st, Frame f, int line, Object fn, Object[] args) {
        Runtime rt = Runtime.of(st);
        if (++rt.cCalls >= MAX_C_CALLS) {
            rt.cCalls--;
            throw runtimeError(f != null ? f : rt.stack.topLuaFrame(),
                    f != null ? line : rt.stack.topLuaFrame() == null ? 0 : rt.stack.topLuaFrame().line,
                    "C stack overflow");
        }
        try {
            return call(st, f, line, fn, args, null, null, false);
        } finally {
            rt.cCalls--;
        }
    }

    // ---- arithmetic

    public static Object arith(LuaState st, Frame f, int line, int op, Object a, Object b, String descA, String descB) {
        Double x = Lua.toNumber(a);
        Double y = Lua.toNumber(b);
        if (x != null && y != null) {
            return arith(op, x, y);
        }
        LuaString ev = ARITH_EVENTS[op];
        Object h = meta(st, a, ev);
        if (h == null) {
            h = meta(st, b, ev);
        }
        if (h == null) {
            if (x == null) {
                throw typeError(f, line, "perform arithmetic on", descA, a);
            }
            throw typeError(f, line, "perform arithmetic on", descB, b);
        }
        Object[] r = callMeta(st, f, line, h, new Object[] {a, b});
        return r.length > 0 ? r[0] : null;
    }

    static double arith(int op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MOD -> x - Math.floor(x / y) * y;
            case POW -> pow(x, y);
            default -> -x;
        };
    }

    /**
     * glibc's pow where Java's differs: pow(1, y), pow(x, 0) and pow(-1, +-inf) are 1; a NaN
     * operand comes back as is, sign included (lua5.1 prints "-nan" for 0/0 ^ 2), except that
     * pow(nan, 1) is a plain nan.
     */
    static double pow(double x, double y) {
        if (x == 1 || y == 0 || x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return y == 1 ? Double.NaN : Double.isNaN(x) ? x : y;
        }
        return Math.pow(x, y);
    }

    // ---- comparisons

    public static boolean rawEquals(Object a, Object b) {
        if (a == b) {
            return !(a instanceof Double d) || !Double.isNaN(d);
        }
        if (a instanceof Double x) {
            return b instanceof Double y && x.doubleValue() == y.doubleValue();
        }
        if (a instanceof LuaString || a instanceof Boolean) {
            return a.equals(b);
        }
        return false;
    }

    public static boolean eq(LuaState st, Frame f, int line, Object a, Object b) {
        if (rawEquals(a, b)) {
            return true;
        }
        if (!(a instanceof LuaTable ta) || !(b instanceof LuaTable tb)) {
            return false;
        }
        Object h = compHandler(ta.metatable(), tb.metatable(), EQ);
        if (h == null) {
            return false;
        }
        Object[] r = callMeta(st, f, line, h, new Object[] {a, b});
        return r.length > 0 && Lua.isTrue(r[0]);
    }

    private static Object compHandler(LuaTable m1, LuaTable m2, LuaString event) {
        if (m1 == null) {
            return null;
        }
        Object h1 = m1.rawget(event);
        if (h1 == null) {
            return null;
        }
        if (m1 == m2) {
            return h1;
        }
        if (m2 == null) {
            return null;
        }
        Object h2 = m2.rawget(event);
        return h2 != null && rawEquals(h1, h2) ? h1 : null;
    }

    private static LuaError orderError(Frame f, int line, Object a, Object b) {
        String t1 = Lua.typeName(a);
        String t2 = Lua.typeName(b);
        return runtimeError(f, line, t1.equals(t2) ? "attempt to compare two " + t1 + " values"
                : "attempt to compare " + t1 + " with " + t2);
    }

    /** An order metamethod both operands agree on (call_orderTM), or null. */
    private static Object orderHandler(LuaState st, Object a, Object b, LuaString event) {
        Object h1 = meta(st, a, event);
        if (h1 == null) {
            return null;
        }
        Object h2 = meta(st, b, event);
        return rawEquals(h1, h2) ? h1 : null;
    }

    public static boolean lt(LuaState st, Frame f, int line, Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x < y;
        }
        if (a instanceof LuaString x && b instanceof LuaString y) {
            return x.compareTo(y) < 0;
        }
        if (Lua.typeName(a).equals(Lua.typeName(b))) {
            Object h = orderHandler(st, a, b, LT);
            if (h != null) {
                Object[] r = callMeta(st, f, line, h, new Object[] {a, b});
                return r.length > 0 && Lua.isTrue(r[0]);
            }
        }
        throw orderError(f, line, a, b);
    }

    public static boolean le(LuaState st, Frame f, int line, Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x <= y;
        }
        if (a instanceof LuaString x && b instanceof LuaString y) {
            return x.compareTo(y) <= 0;
        }
        if (Lua.typeName(a).equals(Lua.typeName(b))) {
            Object h = orderHandler(st, a, b, LE);
            if (h != null) {
                Object[] r = callMeta(st, f, line, h, new Object[] {a, b});
                return r.length > 0 && Lua.isTrue(r[0]);
            }
            h = orderHandler(st, b, a, LT);
            if (h != null) {
                Object[] r = callMeta(st, f, line, h, new Object[] {b, a});
                return !(r.length > 0 && Lua.isTrue(r[0]));
            }
        }
        throw orderError(f, line, a, b);
    }

    // ---- length, concatenation

    public static Object len(LuaState st, Frame f, int line, Object v, String desc) {
        if (v instanceof LuaString s) {
            return (double) s.length();
        }
        if (v instanceof LuaTable t) {
            return (double) t.length(); // Lua 5.1: no __len for tables
        }
        Object h = meta(st, v, LEN);
        if (h == null) {
            throw typeError(f, line, "get length of", desc, v);
        }
        Object[] r = callMeta(st, f, line, h, new Object[] {v, null});
        return r.length > 0 ? r[0] : null;
    }

    /** a .. b for one pair: strings and numbers join, else __concat of either operand. */
    public static Object concat(LuaState st, Frame f, int line, Object a, Object b, String descA, String descB) {
        LuaString x = Lua.toLuaString(a);
        LuaString y = Lua.toLuaString(b);
        if (x != null && y != null) {
            st.allocate(x.length() + y.length());
            return x.concat(y);
        }
        Object h = meta(st, a, CONCAT);
        if (h == null) {
            h = meta(st, b, CONCAT);
        }
        if (h == null) {
            if (x != null) {
                throw typeError(f, line, "concatenate", descB, b);
            }
            throw typeError(f, line, "concatenate", descA, a);
        }
        Object[] r = callMeta(st, f, line, h, new Object[] {a, b});
        return r.length > 0 ? r[0] : null;
    }

    // ---- tostring

    /** The base library's tostring: __tostring's result (whatever it is), else the default text. */
    public static Object tostring(LuaState st, Object v) {
        Object h = meta(st, v, TOSTRING);
        if (h != null) {
            Object[] r = callMeta(st, null, 0, h, new Object[] {v});
            return r.length > 0 ? r[0] : null;
        }
        return rawTostring(v);
    }

    public static LuaString rawTostring(Object v) {
        if (v instanceof Double d) {
            return LuaNumbers.toLuaString(d);
        }
        if (v instanceof LuaString s) {
            return s;
        }
        if (v == null) {
            return LuaString.of("nil");
        }
        if (v instanceof Boolean b) {
            return LuaString.of(b ? "true" : "false");
        }
        return LuaString.of(Lua.typeName(v) + ": " + String.format(java.util.Locale.ROOT, "%#08x", System.identityHashCode(v)));
    }
}
