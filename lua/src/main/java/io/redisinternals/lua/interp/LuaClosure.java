package io.redisinternals.lua.interp;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaTable;

/**
 * A Lua function value: a {@link Proto}, the cells of its upvalues and its environment (the table
 * its globals live in, as getfenv/setfenv see it). Calls run the body on a fresh {@link Frame};
 * a tail call ({@code return f(x)}) replaces the frame in the loop below, so tail recursion runs
 * in constant Java stack.
 */
public final class LuaClosure extends LuaFunction {
    final Proto proto;
    final Cell[] upvals;
    LuaTable env;

    LuaClosure(Proto proto, Cell[] upvals, LuaTable env) {
        this.proto = proto;
        this.upvals = upvals;
        this.env = env;
    }

    public LuaTable env() {
        return env;
    }

    public void env(LuaTable env) {
        this.env = env;
    }

    public int lineDefined() {
        return proto.lineDefined;
    }

    public String shortSource() {
        return proto.chunkId;
    }

    public String source() {
        return proto.source;
    }

    /** LUA_COMPAT_VARARG's {@code arg}: the extra arguments and their count n. */
    private static LuaTable argTable(LuaState state, Object[] extra) {
        state.allocate(56 + 16L * extra.length);
        LuaTable t = new LuaTable(extra.length, 1);
        for (int i = 0; i < extra.length; i++) {
            t.rawset(i + 1, extra[i]);
        }
        t.rawset(N, (double) extra.length);
        return t;
    }

    private static final io.redisinternals.lua.LuaString N = io.redisinternals.lua.LuaString.of("n");

    @Override
    public String name() {
        return "function <" + proto.chunkId + ":" + proto.lineDefined + ">";
    }

    @Override
    public Object[] call(LuaState state, Object[] args) {
        Runtime rt = Runtime.of(state);
        return invoke(state, rt, rt.stack.at(0) instanceof Frame cf ? cf : null, args);
    }

    /** The call from Lua code: the calling frame (the top of the stack) knows the Runtime. */
    Object[] invoke(LuaState state, Runtime rt, Frame caller, Object[] args) {
        LuaClosure fn = this;
        while (true) {
            Proto p = fn.proto;
            Frame f = new Frame(state, rt, fn);
            int n = p.numParams;
            Object[] slots = f.slots;
            boolean[] captured = p.paramCaptured;
            for (int i = 0; i < n; i++) {
                Object v = i < args.length ? args[i] : null;
                slots[i] = captured[i] ? new Cell(v) : v;
            }
            if (p.vararg) {
                f.varargs = args.length > n ? java.util.Arrays.copyOfRange(args, n, args.length) : Lua.NONE;
                if (p.compatArg != null) {
                    p.compatArg.init(f, p.usesVarargs ? null : argTable(state, f.varargs));
                }
            }
            rt.tick();
            rt.stack.push(f, rt.maxCallDepth, caller);
            try {
                p.body.exec(f);
            } catch (LuaError e) {
                rt.handle(e); // the xpcall handler runs here, this frame still on the stack
                throw e;
            } catch (StackOverflowError e) {
                LuaError err = Interp.runtimeError(f, f.line, "stack overflow");
                rt.handle(err);
                throw err;
            } finally {
                rt.stack.pop();
            }
            if (f.tailFn != null) {
                fn = (LuaClosure) f.tailFn;
                args = f.tailArgs;
                continue;
            }
            return f.ret == null ? Lua.NONE : f.ret;
        }
    }
}
