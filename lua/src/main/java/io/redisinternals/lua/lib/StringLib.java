package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * Lua 5.1's string library: byte char dump find format gfind gmatch gsub len lower match rep
 * reverse sub upper (gfind is gmatch, as LUA_COMPAT_GFIND leaves it), and the metatable every
 * string shares ({@code __index} = the string table, so {@code s:upper()} works). Positions are
 * 1-based and negative ones count from the end (posrelat); patterns are {@link LuaPattern};
 * format is {@link StringFormat}.
 */
public final class StringLib {

    private StringLib() {
    }

    public static void open(LuaState state) {
        LuaTable string = new LuaTable();
        register(string, "byte", StringLib::byteFn);
        register(string, "char", StringLib::charFn);
        register(string, "dump", StringLib::dump);
        register(string, "find", (s, a) -> find(a, true));
        register(string, "format", StringFormat::format);
        LuaFunction gmatch = LuaFunction.of("gmatch", StringLib::gmatch);
        string.rawset(LuaString.of("gmatch"), gmatch);
        string.rawset(LuaString.of("gfind"), gmatch);
        register(string, "gsub", StringLib::gsub);
        register(string, "len", (s, a) -> Lua.one((double) Lua.checkString(a, 1).length()));
        register(string, "lower", (s, a) -> Lua.one(mapBytes(Lua.checkString(a, 1), false)));
        register(string, "match", (s, a) -> find(a, false));
        register(string, "rep", StringLib::rep);
        register(string, "reverse", StringLib::reverse);
        register(string, "sub", StringLib::sub);
        register(string, "upper", (s, a) -> Lua.one(mapBytes(Lua.checkString(a, 1), true)));
        state.globals().rawset(LuaString.of("string"), string);
        LuaTable meta = new LuaTable();
        meta.rawset(LuaString.of("__index"), string);
        state.stringMetatable(meta);
    }

    private static void register(LuaTable t, String name, LuaFunction.Body body) {
        t.rawset(LuaString.of(name), LuaFunction.of(name, body));
    }

    /** posrelat: a negative position counts from the end (-1 is the last byte); below that, 0. */
    static long posrelat(long pos, int len) {
        if (pos < 0) {
            pos += len + 1;
        }
        return pos >= 0 ? pos : 0;
    }

    private static Object[] sub(LuaState state, Object[] args) {
        LuaString s = Lua.checkString(args, 1);
        int l = s.length();
        long start = posrelat(Args.checkInteger(args, 2), l);
        long end = posrelat(Args.optInteger(args, 3, -1), l);
        if (start < 1) {
            start = 1;
        }
        if (end > l) {
            end = l;
        }
        return Lua.one(start <= end ? s.substring((int) start - 1, (int) end) : LuaString.EMPTY);
    }

    private static Object[] byteFn(LuaState state, Object[] args) {
        LuaString s = Lua.checkString(args, 1);
        int l = s.length();
        long first = posrelat(Args.optInteger(args, 2, 1), l);
        long last = posrelat(Args.optInteger(args, 3, first), l);
        if (first <= 0) {
            first = 1;
        }
        if (last > l) {
            last = l;
        }
        if (first > last) {
            return Lua.NONE;
        }
        Object[] r = new Object[(int) (last - first + 1)];
        for (int i = 0; i < r.length; i++) {
            r[i] = (double) s.byteAt((int) first - 1 + i);
        }
        return r;
    }

    private static Object[] charFn(LuaState state, Object[] args) {
        byte[] r = new byte[args.length];
        for (int i = 1; i <= args.length; i++) {
            int c = Args.checkInt(args, i);
            if ((c & 0xff) != c) {
                throw LuaError.argument(i, "invalid value");
            }
            r[i - 1] = (byte) c;
        }
        return Lua.one(LuaString.wrap(r));
    }

    /** Only Lua functions compiled to Lua 5.1 bytecode could be dumped; ours never are. */
    private static Object[] dump(LuaState state, Object[] args) {
        if (!(Lua.arg(args, 1) instanceof LuaFunction)) {
            throw Args.typeError(args, 1, "function");
        }
        throw LuaError.runtime("unable to dump given function");
    }

    private static LuaString mapBytes(LuaString s, boolean upper) {
        byte[] b = s.toBytes();
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            b[i] = (byte) (upper ? Ctype.toUpper(c) : Ctype.toLower(c));
        }
        return LuaString.wrap(b);
    }

    private static Object[] rep(LuaState state, Object[] args) {
        LuaString s = Lua.checkString(args, 1);
        long n = Args.checkInteger(args, 2);
        if (n <= 0 || s.length() == 0) {
            return Lua.one(LuaString.EMPTY);
        }
        long total = s.length() * n;
        if (total / n != s.length() || total > Integer.MAX_VALUE - 8) {
            throw LuaError.memory(); // past a Java array; lua5.1 would try to allocate it
        }
        state.allocate(total);
        byte[] r = new byte[(int) total];
        for (int at = 0; at < total; at += s.length()) {
            s.copyTo(r, at);
        }
        return Lua.one(LuaString.wrap(r));
    }

    private static Object[] reverse(LuaState state, Object[] args) {
        byte[] b = Lua.checkString(args, 1).toBytes();
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        return Lua.one(LuaString.wrap(b));
    }

    /** string.find (positions, then captures) and string.match (captures or the whole match). */
    private static Object[] find(Object[] args, boolean find) {
        LuaString subject = Lua.checkString(args, 1);
        LuaString pattern = Lua.checkString(args, 2);
        int l = subject.length();
        long init = posrelat(Args.optInteger(args, 3, 1), l) - 1;
        if (init < 0) {
            init = 0;
        } else if (init > l) {
            init = l;
        }
        byte[] s = subject.toBytes();
        byte[] p = pattern.toBytes();
        if (find && (Lua.isTrue(Lua.arg(args, 4)) || LuaPattern.isPlain(p))) {
            int at = indexOf(s, (int) init, p);
            if (at < 0) {
                return Lua.one(null);
            }
            return new Object[] {(double) (at + 1), (double) (at + p.length)};
        }
        LuaPattern m = new LuaPattern(s, p);
        boolean anchor = m.anchored();
        int start = anchor ? 1 : 0;
        int s1 = (int) init;
        do {
            int e = m.matchAt(s1, start);
            if (e != -1) {
                if (!find) {
                    return m.captures(s1, e, true);
                }
                Object[] caps = m.captures(s1, e, false);
                Object[] r = new Object[2 + caps.length];
                r[0] = (double) (s1 + 1);
                r[1] = (double) e;
                System.arraycopy(caps, 0, r, 2, caps.length);
                return r;
            }
        } while (s1++ < s.length && !anchor);
        return Lua.one(null);
    }

    /** A plain search for all of {@code p}'s bytes (zeros included) from {@code from}. */
    private static int indexOf(byte[] s, int from, byte[] p) {
        if (p.length == 0) {
            return from;
        }
        outer:
        for (int i = from; i + p.length <= s.length; i++) {
            for (int k = 0; k < p.length; k++) {
                if (s[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * string.gmatch: an iterator over successive matches. As in Lua 5.1 a leading '^' is not an
     * anchor here; after an empty match the next search starts one byte further.
     */
    private static Object[] gmatch(LuaState state, Object[] args) {
        LuaString subject = Lua.checkString(args, 1);
        LuaString pattern = Lua.checkString(args, 2);
        LuaPattern m = new LuaPattern(subject.toBytes(), pattern.toBytes());
        int[] position = {0};
        return Lua.one(LuaFunction.of("gmatch_aux", (st, a) -> {
            for (int src = position[0]; src <= m.src.length; src++) {
                int e = m.matchAt(src, 0);
                if (e != -1) {
                    position[0] = (e == src) ? e + 1 : e;
                    return m.captures(src, e, true);
                }
            }
            position[0] = m.src.length + 1;
            return Lua.NONE;
        }));
    }

    private static Object[] gsub(LuaState state, Object[] args) {
        LuaString subject = Lua.checkString(args, 1);
        LuaString pattern = Lua.checkString(args, 2);
        Object repl = Lua.arg(args, 3);
        int maxN = Args.optInt(args, 4, subject.length() + 1);
        if (!(repl instanceof Double || repl instanceof LuaString || repl instanceof LuaFunction
                || repl instanceof LuaTable)) {
            throw LuaError.argument(3, "string/function/table expected"); // luaL_argcheck: no "got"
        }
        byte[] s = subject.toBytes();
        LuaPattern m = new LuaPattern(s, pattern.toBytes());
        boolean anchor = m.anchored();
        int start = anchor ? 1 : 0;
        ByteBuffer b = new ByteBuffer(state, s.length);
        int src = 0;
        int n = 0;
        while (n < maxN) {
            int e = m.matchAt(src, start);
            if (e != -1) {
                n++;
                addValue(state, m, b, src, e, repl);
            }
            if (e != -1 && e > src) {
                src = e;
            } else if (src < s.length) {
                b.add(s[src++]);
            } else {
                break;
            }
            if (anchor) {
                break;
            }
        }
        b.add(s, src, s.length);
        return new Object[] {b.result(), (double) n};
    }

    private static void addValue(LuaState state, LuaPattern m, ByteBuffer b, int s, int e, Object repl) {
        Object value;
        if (repl instanceof LuaFunction f) {
            Object[] r = state.call(f, m.captures(s, e, true));
            value = r.length > 0 ? r[0] : null;
        } else if (repl instanceof LuaTable) {
            value = state.index(repl, m.capture(0, s, e));
        } else {
            addString(m, b, s, e, Lua.toLuaString(repl).toBytes());
            return;
        }
        if (!Lua.isTrue(value)) {
            b.add(m.src, s, e); // nil or false: the match stays as it was
            return;
        }
        LuaString text = Lua.toLuaString(value);
        if (text == null) {
            throw LuaError.runtime("invalid replacement value (a " + Lua.typeName(value) + ")");
        }
        b.add(text);
    }

    /** A replacement string: %0 the match, %1..%9 captures, % before anything else quotes it. */
    private static void addString(LuaPattern m, ByteBuffer b, int s, int e, byte[] repl) {
        for (int i = 0; i < repl.length; i++) {
            int c = repl[i] & 0xff;
            if (c != '%') {
                b.add(c);
                continue;
            }
            i++;
            int d = i < repl.length ? repl[i] & 0xff : 0; // a trailing '%' reads C's terminator
            if (!Ctype.isDigit(d)) {
                b.add(d);
            } else if (d == '0') {
                b.add(m.src, s, e);
            } else {
                b.add(Lua.toLuaString(m.capture(d - '1', s, e)));
            }
        }
    }
}
