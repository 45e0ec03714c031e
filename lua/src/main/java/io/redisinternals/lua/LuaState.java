package io.redisinternals.lua;

import io.redisinternals.lua.interp.Interp;
import io.redisinternals.lua.interp.Parser;
import io.redisinternals.lua.interp.Runtime;

/**
 * One Lua universe: globals, the registry of metatables for non-table types, the limits the host
 * set, and the interpreter. Not thread-safe: one thread runs it at a time.
 *
 * <p>CONTRACT (what libraries and hosts may use; the interpreter grows the rest):
 * {@link #globals()}, {@link #call}, {@link #tostring}, {@link #index}, {@link #stringMetatable},
 * {@link #allocate}, {@link #load}, {@link #output}, and the limits {@link #memoryLimit},
 * {@link #maxCallDepth}, {@link #instructionHook}. Libraries are installed by their own
 * {@code open(LuaState)} (package {@code io.redisinternals.lua.lib}).
 */
public class LuaState {

    private final LuaTable globals = new LuaTable();
    private LuaTable stringMetatable;
    /** The interpreter's bookkeeping (call stack, limits): reached from the interpreter through Runtime.of. */
    private Runtime runtime;

    static {
        Runtime.access(st -> {
            if (st.runtime == null) {
                st.runtime = new Runtime(st);
            }
            return st.runtime;
        });
    }

    /** An empty universe: no globals until the host opens libraries (BaseLib.open and the rest). */
    public LuaState() {
    }

    private Runtime runtime() {
        return Runtime.of(this);
    }

    public LuaTable globals() {
        return globals;
    }

    /** Calls any callable value (a function, or a value whose metatable has __call). */
    public Object[] call(Object fn, Object... args) {
        if (runtime().depth() == 0) {
            return runtime().hostCall(fn, args);
        }
        return Interp.callMeta(this, null, 0, fn, args);
    }

    /**
     * Calls {@code fn} protected with a message handler, as lua_pcall with an errfunc: on a Lua
     * error the handler runs where the error was raised (debug.getinfo(2) is the failing function)
     * and its result is the value of the {@link LuaError} thrown.
     */
    public Object[] pcall(Object handler, Object fn, Object... args) {
        if (runtime().depth() == 0) {
            return runtime().hostProtectedCall(handler, fn, args);
        }
        return runtime().protectedCall(handler, fn, args);
    }

    /**
     * Ends every coroutine of this state left suspended (never resumed to its end): its thread
     * unwinds and exits, and it reads as dead afterwards. A host calls it when nothing created by
     * the code just run can be reached any more (EVAL after each script). Coroutines that become
     * unreachable otherwise are ended at a later {@link #call}/{@link #pcall} from the host.
     */
    public void closeCoroutines() {
        runtime().closeCoroutines();
    }

    /** The base library's tostring: __tostring, else numbers "%.14g", else "table: 0x...". */
    public LuaString tostring(Object v) {
        Object s = Interp.tostring(this, v);
        LuaString r = Lua.toLuaString(s);
        if (r == null) {
            throw LuaError.runtime("'tostring' must return a string");
        }
        return r;
    }

    /** t[k] with __index (the interpreter's gettable). */
    public Object index(Object t, Object k) {
        return Interp.index(this, null, 0, t, k, null);
    }

    /** The metatable shared by all strings (the string library sets __index = string). */
    public LuaTable stringMetatable() {
        return stringMetatable;
    }

    public void stringMetatable(LuaTable mt) {
        this.stringMetatable = mt;
    }

    /**
     * Charges {@code bytes} about to be allocated to the memory budget; throws Lua's "not enough
     * memory" error past it. Libraries call it before building a big string or table.
     */
    public void allocate(long bytes) {
        runtime().allocate(bytes);
    }

    /**
     * Compiles a chunk (Lua 5.1 source; precompiled binary chunks are not loaded) into a function of
     * no parameters taking varargs. A syntax error is a {@link LuaError} whose value is Lua's
     * message, e.g. {@code [string "chunk"]:1: '=' expected near 'x'}; {@code chunkName} is
     * given as Lua's chunkname ("=name" shows as name, "@file" as file, otherwise
     * {@code [string "..."]}).
     */
    public LuaFunction load(LuaString source, String chunkName) {
        return load(source, chunkName, 0);
    }

    /**
     * {@link #load(LuaString, String)} from inside {@code callDepth} calls: 1 for loadstring and
     * load called by a running chunk (Lua's nCcalls then, which lowers the parser's limits on
     * syntax levels and on the variables of one assignment by as much).
     */
    public LuaFunction load(LuaString source, String chunkName, int callDepth) {
        // No binary chunks: as Redis's patched Lua, a chunk starting with ESC is parsed as text
        // too (and fails there: "unexpected symbol near 'char(27)'").
        return Parser.compile(source.toBytes(), chunkName, globals, callDepth);
    }

    private java.util.function.Consumer<LuaString> output = s -> System.out.print(s);

    /** Where print writes (its line, with the tab separators and newline). */
    public void output(java.util.function.Consumer<LuaString> out) {
        this.output = out;
    }

    public java.util.function.Consumer<LuaString> output() {
        return output;
    }

    /**
     * The memory budget in bytes (0: none); past it allocations raise "not enough memory". What
     * is charged: strings built by concatenation and the libraries, tables (at creation and each
     * growth), closures. Nothing is credited back (we cannot see the JVM collect a value): the
     * count only grows until the host calls {@link #resetMemoryUsed}, e.g. between scripts.
     */
    public void memoryLimit(long bytes) {
        runtime().memoryLimit(bytes);
    }

    /** Bytes charged since creation or the last {@link #resetMemoryUsed} (approximate). */
    public long memoryUsed() {
        return runtime().memoryUsed();
    }

    public void resetMemoryUsed() {
        runtime().resetMemory();
    }

    /**
     * Sets the count back to {@code bytes}: a host that knows what a run allocated is unreachable
     * once it ended (a script's values, when nothing outlives the run) takes it off again.
     */
    public void memoryUsed(long bytes) {
        runtime().memoryUsed(bytes);
    }

    /** Nested calls deeper than this raise Lua's "stack overflow" error (never a StackOverflowError). */
    public void maxCallDepth(int depth) {
        runtime().maxCallDepth = depth;
    }

    /**
     * Calls {@code hook} every {@code instructions} executed instructions (Lua's count hook); a
     * hook that throws a {@link LuaError} aborts the running code with it (script timeouts, kills).
     */
    public void instructionHook(long instructions, Runnable hook) {
        runtime().instructionHook(instructions, hook);
    }
}
