package io.redisinternals.lua.interp;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/** The expression nodes. Each resolves what it can at compile time (slots, constants, names). */
final class Exprs {

    private Exprs() {
    }

    static Object first(Object[] r) {
        return r.length > 0 ? r[0] : null;
    }

    /** Evaluates an expression list, the last one expanded when multi-valued. */
    static Object[] evalList(Frame f, Expr[] list) {
        int n = list.length;
        if (n == 0) {
            return Lua.NONE;
        }
        Expr last = list[n - 1];
        if (!last.isMulti()) {
            Object[] r = new Object[n];
            for (int i = 0; i < n; i++) {
                r[i] = list[i].eval(f);
            }
            return r;
        }
        if (n == 1) {
            return last.evalMulti(f);
        }
        Object[] head = new Object[n - 1];
        for (int i = 0; i < n - 1; i++) {
            head[i] = list[i].eval(f);
        }
        Object[] tail = last.evalMulti(f);
        Object[] r = new Object[n - 1 + tail.length];
        System.arraycopy(head, 0, r, 0, n - 1);
        System.arraycopy(tail, 0, r, n - 1, tail.length);
        return r;
    }

    /** The plain name inside a description ("global 'f'" gives f), for argument errors. */
    static String nameOf(String desc) {
        if (desc == null) {
            return null;
        }
        int q = desc.indexOf('\'');
        return desc.substring(q + 1, desc.length() - 1);
    }

    static final class Const extends Expr {
        Object value; // settled by the compiler for zeros (FuncState.settleZeros), then never changed

        Const(int line, Object value) {
            super(line);
            this.value = value;
        }

        @Override
        Object eval(Frame f) {
            return value;
        }
    }

    static final class Vararg extends Expr {
        Vararg(int line) {
            super(line);
        }

        @Override
        Object eval(Frame f) {
            return f.varargs.length > 0 ? f.varargs[0] : null;
        }

        @Override
        Object[] evalMulti(Frame f) {
            return f.varargs.clone();
        }

        @Override
        boolean isMulti() {
            return true;
        }
    }

    static final class LocalGet extends Expr {
        final LocalVar var;

        LocalGet(int line, LocalVar var) {
            super(line);
            this.var = var;
        }

        @Override
        Object eval(Frame f) {
            return var.get(f);
        }

        @Override
        String describe() {
            return "local '" + var.name + "'";
        }
    }

    static final class UpvalGet extends Expr {
        final int index;
        final String name;

        UpvalGet(int line, int index, String name) {
            super(line);
            this.index = index;
            this.name = name;
        }

        @Override
        Object eval(Frame f) {
            return f.closure.upvals[index].v;
        }

        @Override
        String describe() {
            return "upvalue '" + name + "'";
        }
    }

    static final class GlobalGet extends Expr {
        final LuaString name;

        GlobalGet(int line, LuaString name) {
            super(line);
            this.name = name;
        }

        @Override
        Object eval(Frame f) {
            LuaTable env = f.closure.env;
            Object v = env.rawget(name);
            if (v != null || env.metatable() == null) {
                return v;
            }
            return Interp.index(f.state, f, line, env, name, null);
        }

        @Override
        String describe() {
            return "global '" + name + "'";
        }
    }

    static final class Index extends Expr {
        final Expr obj;
        final Expr key;

        Index(int line, Expr obj, Expr key) {
            super(line);
            this.obj = obj;
            this.key = key;
        }

        @Override
        Object eval(Frame f) {
            Object o = obj.eval(f);
            Object k = key.eval(f);
            if (o instanceof LuaTable t) {
                Object v = t.rawget(k);
                if (v != null || t.metatable() == null) {
                    return v;
                }
            }
            return Interp.index(f.state, f, line, o, k, obj.describe());
        }

        @Override
        String describe() {
            return key instanceof Const c && c.value instanceof LuaString s ? "field '" + s + "'" : "field '?'";
        }
    }

    static final class Call extends Expr {
        final Expr fn;
        final Expr[] args;
        final String desc;
        final String fname;

        Call(int line, Expr fn, Expr[] args) {
            super(line);
            this.fn = fn;
            this.args = args;
            this.desc = fn.describe();
            this.fname = nameOf(desc);
        }

        @Override
        Object eval(Frame f) {
            return first(evalMulti(f));
        }

        @Override
        Object[] evalMulti(Frame f) {
            Object fv = fn.eval(f);
            Object[] a = evalList(f, args);
            return Interp.call(f.state, f, line, fv, a, desc, fname, false);
        }

        @Override
        boolean isMulti() {
            return true;
        }
    }

    static final class MethodCall extends Expr {
        final Expr obj;
        final LuaString method;
        final Expr[] args;
        final String desc;

        MethodCall(int line, Expr obj, LuaString method, Expr[] args) {
            super(line);
            this.obj = obj;
            this.method = method;
            this.args = args;
            this.desc = "method '" + method + "'";
        }

        @Override
        Object eval(Frame f) {
            return first(evalMulti(f));
        }

        @Override
        Object[] evalMulti(Frame f) {
            Object self = obj.eval(f);
            Object fv = Interp.index(f.state, f, line, self, method, obj.describe());
            Object[] rest = evalList(f, args);
            Object[] a = new Object[rest.length + 1];
            a[0] = self;
            System.arraycopy(rest, 0, a, 1, rest.length);
            return Interp.call(f.state, f, line, fv, a, desc, method.toString(), true);
        }

        @Override
        boolean isMulti() {
            return true;
        }
    }

    static final class Function extends Expr {
        final Proto proto;

        Function(int line, Proto proto) {
            super(line);
            this.proto = proto;
        }

        @Override
        Object eval(Frame f) {
            int n = proto.upIndex.length;
            Cell[] ups = new Cell[n];
            for (int i = 0; i < n; i++) {
                int idx = proto.upIndex[i];
                ups[i] = proto.upFromLocal[i] ? (Cell) f.slots[idx] : f.closure.upvals[idx];
            }
            f.state.allocate(32 + 8L * n);
            return new LuaClosure(proto, ups, f.closure.env);
        }
    }

    static final class Paren extends Expr {
        final Expr inner;

        Paren(Expr inner) {
            super(inner.line);
            this.inner = inner;
        }

        @Override
        Object eval(Frame f) {
            return inner.eval(f);
        }

        @Override
        String describe() {
            return inner.describe();
        }
    }

    static final class And extends Expr {
        final Expr a;
        final Expr b;

        And(int line, Expr a, Expr b) {
            super(line);
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Frame f) {
            Object v = a.eval(f);
            return Lua.isTrue(v) ? b.eval(f) : v;
        }
    }

    static final class Or extends Expr {
        final Expr a;
        final Expr b;

        Or(int line, Expr a, Expr b) {
            super(line);
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Frame f) {
            Object v = a.eval(f);
            return Lua.isTrue(v) ? v : b.eval(f);
        }
    }

    static final class Not extends Expr {
        final Expr a;

        Not(int line, Expr a) {
            super(line);
            this.a = a;
        }

        @Override
        Object eval(Frame f) {
            return Lua.isTrue(a.eval(f)) ? Boolean.FALSE : Boolean.TRUE;
        }
    }

    static final class Arith extends Expr {
        final int op;
        final Expr a;
        final Expr b;

        Arith(int line, int op, Expr a, Expr b) {
            super(line);
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Frame f) {
            Object x = a.eval(f);
            Object y = b.eval(f);
            if (x instanceof Double dx && y instanceof Double dy) {
                double p = dx;
                double q = dy;
                switch (op) {
                    case Interp.ADD:
                        return p + q;
                    case Interp.SUB:
                        return p - q;
                    case Interp.MUL:
                        return p * q;
                    case Interp.DIV:
                        return p / q;
                    default:
                        return Interp.arith(op, p, q);
                }
            }
            return Interp.arith(f.state, f, line, op, x, y, a.describe(), b.describe());
        }
    }

    static final class Neg extends Expr {
        final Expr a;

        Neg(int line, Expr a) {
            super(line);
            this.a = a;
        }

        @Override
        Object eval(Frame f) {
            Object x = a.eval(f);
            if (x instanceof Double d) {
                return -d;
            }
            return Interp.arith(f.state, f, line, Interp.NEG, x, x, a.describe(), a.describe());
        }
    }

    static final class Len extends Expr {
        final Expr a;

        Len(int line, Expr a) {
            super(line);
            this.a = a;
        }

        @Override
        Object eval(Frame f) {
            return Interp.len(f.state, f, line, a.eval(f), a.describe());
        }
    }

    /** a .. b .. c: operands left to right, joined right to left (strings in one go). */
    static final class Concat extends Expr {
        final Expr[] parts;

        Concat(int line, Expr[] parts) {
            super(line);
            this.parts = parts;
        }

        @Override
        Object eval(Frame f) {
            int n = parts.length;
            Object[] v = new Object[n];
            for (int i = 0; i < n; i++) {
                v[i] = parts[i].eval(f);
            }
            LuaState st = f.state;
            Object acc = v[n - 1];
            String accDesc = parts[n - 1].describe();
            int i = n - 2;
            while (i >= 0) {
                if (acc instanceof LuaString || acc instanceof Double) {
                    // join the run of strings/numbers ending here in one copy
                    int j = i;
                    while (j >= 0 && (v[j] instanceof LuaString || v[j] instanceof Double)) {
                        j--;
                    }
                    if (j < i) {
                        long total = 0;
                        LuaString[] s = new LuaString[i - j + 1];
                        for (int k = j + 1; k <= i; k++) {
                            s[k - j - 1] = Lua.toLuaString(v[k]);
                            total += s[k - j - 1].length();
                        }
                        s[i - j] = Lua.toLuaString(acc);
                        total += s[i - j].length();
                        st.allocate(total);
                        byte[] out = new byte[(int) total];
                        int at = 0;
                        for (LuaString x : s) {
                            x.copyTo(out, at);
                            at += x.length();
                        }
                        acc = LuaString.wrap(out);
                        accDesc = null;
                        i = j;
                        continue;
                    }
                }
                acc = Interp.concat(st, f, line, v[i], acc, parts[i].describe(), accDesc);
                accDesc = null;
                i--;
            }
            return acc;
        }
    }

    static final class Compare extends Expr {
        static final int EQ = 0, NE = 1, LT = 2, LE = 3, GT = 4, GE = 5;
        final int op;
        final Expr a;
        final Expr b;

        Compare(int line, int op, Expr a, Expr b) {
            super(line);
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Frame f) {
            Object x = a.eval(f);
            Object y = b.eval(f);
            if (x instanceof Double dx && y instanceof Double dy) {
                double p = dx;
                double q = dy;
                return switch (op) {
                    case EQ -> p == q;
                    case NE -> p != q;
                    case LT -> p < q;
                    case LE -> p <= q;
                    case GT -> p > q;
                    default -> p >= q;
                };
            }
            LuaState st = f.state;
            return switch (op) {
                case EQ -> Interp.eq(st, f, line, x, y);
                case NE -> !Interp.eq(st, f, line, x, y);
                case LT -> Interp.lt(st, f, line, x, y);
                case LE -> Interp.le(st, f, line, x, y);
                case GT -> Interp.lt(st, f, line, y, x);
                default -> Interp.le(st, f, line, y, x);
            };
        }
    }

    /**
     * A table constructor, run as Lua 5.1's code for it: NEWTABLE pre-sized with the counts of
     * positional and keyed fields (rounded as its "floating point byte" operands are), keyed fields
     * stored as they come, positional ones in batches of 50 (SETLIST), a multi-valued last item
     * growing the array part to fit. Layout and {@code #} then match lua5.1's.
     */
    static final class Table extends Expr {
        private static final int FIELDS_PER_FLUSH = 50;
        final Expr[] keys; // null for a positional item
        final Expr[] values;
        final int arraySize;
        final int hashSize;
        final boolean multiLast;

        Table(int line, Expr[] keys, Expr[] values, int positional) {
            super(line);
            this.keys = keys;
            this.values = values;
            int n = values.length;
            this.multiLast = n > 0 && keys[n - 1] == null && values[n - 1].isMulti();
            this.arraySize = fb2int(int2fb(multiLast ? positional - 1 : positional));
            this.hashSize = fb2int(int2fb(n - positional));
        }

        /** luaO_int2fb: x as (1xxx) * 2^(e-1), rounded up. */
        static int int2fb(int x) {
            int e = 0;
            while (x >= 16) {
                x = (x + 1) >> 1;
                e++;
            }
            return x < 8 ? x : ((e + 1) << 3) | (x - 8);
        }

        static int fb2int(int x) {
            int e = (x >> 3) & 31;
            return e == 0 ? x : ((x & 7) + 8) << (e - 1);
        }

        @Override
        Object eval(Frame f) {
            int n = values.length;
            LuaState st = f.state;
            st.allocate(56 + 16L * arraySize + 40L * hashSize);
            LuaTable t = new LuaTable(arraySize, hashSize);
            t.allocator(st::allocate);
            Object[] pending = new Object[Math.min(FIELDS_PER_FLUSH, Math.max(1, arraySize))];
            int npending = 0;
            int stored = 0; // positional items already flushed
            for (int i = 0; i < n; i++) {
                if (npending == FIELDS_PER_FLUSH) {
                    for (int j = 0; j < npending; j++) {
                        t.rawset(++stored, pending[j]);
                    }
                    npending = 0;
                }
                Expr k = keys[i];
                if (k != null) {
                    Object kv = k.eval(f);
                    Interp.rawset(st, f, line, t, kv, values[i].eval(f));
                } else if (i == n - 1 && multiLast) {
                    Object[] rest = values[i].evalMulti(f);
                    int last = stored + npending + rest.length;
                    if (last > t.arraySizeForConstructor()) {
                        t.resizeArray(last);
                    }
                    for (int j = 0; j < npending; j++) {
                        t.rawset(++stored, pending[j]);
                    }
                    npending = 0;
                    for (Object r : rest) {
                        t.rawset(++stored, r);
                    }
                } else {
                    if (npending == pending.length) {
                        pending = java.util.Arrays.copyOf(pending, FIELDS_PER_FLUSH);
                    }
                    pending[npending++] = values[i].eval(f);
                }
            }
            for (int j = 0; j < npending; j++) {
                t.rawset(++stored, pending[j]);
            }
            return t;
        }
    }
}
