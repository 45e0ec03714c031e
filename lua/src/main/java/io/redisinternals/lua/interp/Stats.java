package io.redisinternals.lua.interp;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/** The statement nodes. */
final class Stats {

    private Stats() {
    }

    static final class Block extends Stat {
        final Stat[] body;

        Block(int line, Stat[] body) {
            super(line);
            this.body = body;
        }

        @Override
        int exec(Frame f) {
            for (Stat s : body) {
                int r = s.exec(f);
                if (r != NORMAL) {
                    return r;
                }
            }
            return NORMAL;
        }
    }

    static final class Local extends Stat {
        final LocalVar[] vars;
        final Expr[] exprs;

        Local(int line, LocalVar[] vars, Expr[] exprs) {
            super(line);
            this.vars = vars;
            this.exprs = exprs;
        }

        @Override
        int exec(Frame f) {
            if (vars.length == 1 && exprs.length == 1) {
                vars[0].init(f, exprs[0].eval(f));
                return NORMAL;
            }
            Object[] v = Exprs.evalList(f, exprs);
            for (int i = 0; i < vars.length; i++) {
                vars[i].init(f, i < v.length ? v[i] : null);
            }
            return NORMAL;
        }
    }

    /** {@code local function f}: f is in scope in its own body. */
    static final class LocalFunction extends Stat {
        final LocalVar var;
        final Exprs.Function fn;

        LocalFunction(int line, LocalVar var, Exprs.Function fn) {
            super(line);
            this.var = var;
            this.fn = fn;
        }

        @Override
        int exec(Frame f) {
            var.init(f, null);
            var.set(f, fn.eval(f));
            return NORMAL;
        }
    }

    /** An assignment target: {@link #prepare} evaluates its table and key before the values. */
    abstract static class Target {
        Object[] prepare(Frame f) {
            return null;
        }

        abstract void store(Frame f, Object[] prepared, Object v);
    }

    static final class LocalTarget extends Target {
        final LocalVar var;

        LocalTarget(LocalVar var) {
            this.var = var;
        }

        @Override
        void store(Frame f, Object[] prepared, Object v) {
            var.set(f, v);
        }
    }

    static final class UpvalTarget extends Target {
        final int index;

        UpvalTarget(int index) {
            this.index = index;
        }

        @Override
        void store(Frame f, Object[] prepared, Object v) {
            f.closure.upvals[index].v = v;
        }
    }

    static final class GlobalTarget extends Target {
        final LuaString name;
        final int line;

        GlobalTarget(LuaString name, int line) {
            this.name = name;
            this.line = line;
        }

        @Override
        void store(Frame f, Object[] prepared, Object v) {
            LuaTable env = f.closure.env;
            if (env.metatable() == null && !env.readonly()) {
                env.rawset(name, v);
            } else {
                Interp.setIndex(f.state, f, line, env, name, v, null);
            }
        }
    }

    static final class IndexTarget extends Target {
        final Expr obj;
        final Expr key;
        final int line;

        IndexTarget(Expr obj, Expr key, int line) {
            this.obj = obj;
            this.key = key;
            this.line = line;
        }

        @Override
        Object[] prepare(Frame f) {
            return new Object[] {obj.eval(f), key.eval(f)};
        }

        @Override
        void store(Frame f, Object[] p, Object v) {
            Object o = p[0];
            if (o instanceof LuaTable t && t.metatable() == null) {
                Interp.rawset(f.state, f, line, t, p[1], v);
            } else {
                Interp.setIndex(f.state, f, line, o, p[1], v, obj.describe());
            }
        }
    }

    static final class Assign extends Stat {
        final Target[] targets;
        final Expr[] exprs;

        Assign(int line, Target[] targets, Expr[] exprs) {
            super(line);
            this.targets = targets;
            this.exprs = exprs;
        }

        @Override
        int exec(Frame f) {
            int n = targets.length;
            if (n == 1 && exprs.length == 1) {
                Object[] p = targets[0].prepare(f);
                targets[0].store(f, p, exprs[0].eval(f));
                return NORMAL;
            }
            Object[][] p = new Object[n][];
            for (int i = 0; i < n; i++) {
                p[i] = targets[i].prepare(f);
            }
            Object[] v = Exprs.evalList(f, exprs);
            for (int i = n - 1; i >= 0; i--) { // Lua 5.1 stores right to left
                targets[i].store(f, p[i], i < v.length ? v[i] : null);
            }
            return NORMAL;
        }
    }

    static final class LocalSet extends Stat {
        final LocalVar var;
        final Expr expr;

        LocalSet(int line, LocalVar var, Expr expr) {
            super(line);
            this.var = var;
            this.expr = expr;
        }

        @Override
        int exec(Frame f) {
            var.set(f, expr.eval(f));
            return NORMAL;
        }
    }

    static final class CallStat extends Stat {
        final Expr call;

        CallStat(int line, Expr call) {
            super(line);
            this.call = call;
        }

        @Override
        int exec(Frame f) {
            call.evalMulti(f);
            return NORMAL;
        }
    }

    static final class Do extends Stat {
        final Stat body;

        Do(int line, Stat body) {
            super(line);
            this.body = body;
        }

        @Override
        int exec(Frame f) {
            return body.exec(f);
        }
    }

    static final class While extends Stat {
        final Expr cond;
        final Stat body;

        While(int line, Expr cond, Stat body) {
            super(line);
            this.cond = cond;
            this.body = body;
        }

        @Override
        int exec(Frame f) {
            Runtime rt = f.rt;
            while (Lua.isTrue(cond.eval(f))) {
                int r = body.exec(f);
                if (r == BREAK) {
                    break;
                }
                if (r == RETURN) {
                    return r;
                }
                rt.tick(f, line);
            }
            return NORMAL;
        }
    }

    static final class Repeat extends Stat {
        final Stat body;
        final Expr cond;

        Repeat(int line, Stat body, Expr cond) {
            super(line);
            this.body = body;
            this.cond = cond;
        }

        @Override
        int exec(Frame f) {
            Runtime rt = f.rt;
            while (true) {
                int r = body.exec(f);
                if (r == BREAK) {
                    break;
                }
                if (r == RETURN) {
                    return r;
                }
                if (Lua.isTrue(cond.eval(f))) {
                    break;
                }
                rt.tick(f, line);
            }
            return NORMAL;
        }
    }

    static final class If extends Stat {
        final Expr[] conds;
        final Stat[] blocks;
        final Stat otherwise; // may be null

        If(int line, Expr[] conds, Stat[] blocks, Stat otherwise) {
            super(line);
            this.conds = conds;
            this.blocks = blocks;
            this.otherwise = otherwise;
        }

        @Override
        int exec(Frame f) {
            for (int i = 0; i < conds.length; i++) {
                if (Lua.isTrue(conds[i].eval(f))) {
                    return blocks[i].exec(f);
                }
            }
            return otherwise == null ? NORMAL : otherwise.exec(f);
        }
    }

    static final class NumericFor extends Stat {
        final LocalVar var;
        final Expr start;
        final Expr limit;
        final Expr step;
        final Stat body;

        NumericFor(int line, LocalVar var, Expr start, Expr limit, Expr step, Stat body) {
            super(line);
            this.var = var;
            this.start = start;
            this.limit = limit;
            this.step = step;
            this.body = body;
        }

        private double number(Frame f, Expr e, String what) {
            Double d = Lua.toNumber(e.eval(f));
            if (d == null) {
                throw Interp.runtimeError(f, line, "'for' " + what + " must be a number");
            }
            return d;
        }

        @Override
        int exec(Frame f) {
            double i = number(f, start, "initial value");
            double lim = number(f, limit, "limit");
            double st = step == null ? 1 : number(f, step, "step");
            Runtime rt = f.rt;
            while (st > 0 ? i <= lim : i >= lim) {
                var.init(f, i);
                int r = body.exec(f);
                if (r == BREAK) {
                    break;
                }
                if (r == RETURN) {
                    return r;
                }
                rt.tick(f, line);
                i += st;
            }
            return NORMAL;
        }
    }

    static final class GenericFor extends Stat {
        final LocalVar[] vars;
        final Expr[] exprs;
        final Stat body;

        GenericFor(int line, LocalVar[] vars, Expr[] exprs, Stat body) {
            super(line);
            this.vars = vars;
            this.exprs = exprs;
            this.body = body;
        }

        @Override
        int exec(Frame f) {
            Object[] init = Exprs.evalList(f, exprs);
            Object fn = init.length > 0 ? init[0] : null;
            Object s = init.length > 1 ? init[1] : null;
            Object ctl = init.length > 2 ? init[2] : null;
            Runtime rt = f.rt;
            // pairs' iterator: walk the table directly (same order and semantics as calling next)
            boolean direct = fn == Interp.nextFunction && s instanceof LuaTable;
            while (true) {
                Object[] r;
                if (direct) {
                    r = ((LuaTable) s).next(ctl);
                    if (r == null) {
                        break;
                    }
                } else {
                    r = Interp.call(f.state, f, line, fn, new Object[] {s, ctl}, null, null, false);
                    if (r.length == 0 || r[0] == null) {
                        break;
                    }
                }
                ctl = r[0];
                for (int i = 0; i < vars.length; i++) {
                    vars[i].init(f, i < r.length ? r[i] : null);
                }
                int x = body.exec(f);
                if (x == BREAK) {
                    break;
                }
                if (x == RETURN) {
                    return x;
                }
                rt.tick(f, line);
            }
            return NORMAL;
        }
    }

    static final class Return extends Stat {
        final Expr[] exprs;

        Return(int line, Expr[] exprs) {
            super(line);
            this.exprs = exprs;
        }

        @Override
        int exec(Frame f) {
            f.ret = exprs.length == 1 && !exprs[0].isMulti() ? new Object[] {exprs[0].eval(f)}
                    : Exprs.evalList(f, exprs);
            return RETURN;
        }
    }

    /** {@code return f(args)}: a Lua callee replaces this frame (see LuaClosure.call). */
    static final class TailCall extends Stat {
        final Exprs.Call call;

        TailCall(int line, Exprs.Call call) {
            super(line);
            this.call = call;
        }

        @Override
        int exec(Frame f) {
            Object fv = call.fn.eval(f);
            Object[] a = Exprs.evalList(f, call.args);
            if (fv instanceof LuaClosure) {
                f.tailFn = fv;
                f.tailArgs = a;
                f.rt.tick();
            } else {
                f.ret = Interp.call(f.state, f, call.line, fv, a, call.desc, call.fname, false);
            }
            return RETURN;
        }
    }

    static final class Break extends Stat {
        Break(int line) {
            super(line);
        }

        @Override
        int exec(Frame f) {
            return BREAK;
        }
    }
}
