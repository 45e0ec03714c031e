package io.redisinternals.lua;

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

    public LuaTable globals() {
        return globals;
    }

    /** Calls any callable value (a function, or a value whose metatable has __call). */
    public Object[] call(Object fn, Object... args) {
        if (fn instanceof LuaFunction f) {
            return f.call(this, args);
        }
        throw LuaError.runtime("attempt to call a " + Lua.typeName(fn) + " value");
    }

    /** The base library's tostring: __tostring, else numbers "%.14g", else "table: 0x...". */
    public LuaString tostring(Object v) {
        LuaString s = Lua.toLuaString(v);
        if (s != null) {
            return s;
        }
        if (v == null) {
            return LuaString.of("nil");
        }
        if (v instanceof Boolean b) {
            return LuaString.of(b ? "true" : "false");
        }
        return LuaString.of(Lua.typeName(v) + ": 0x" + String.format("%08x", System.identityHashCode(v)));
    }

    /** t[k] with __index (the interpreter's gettable). */
    public Object index(Object t, Object k) {
        if (t instanceof LuaTable table) {
            return table.rawget(k);
        }
        throw LuaError.runtime("attempt to index a " + Lua.typeName(t) + " value");
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
    }

    /**
     * Compiles a chunk (Lua 5.1 source; precompiled binary chunks are refused) into a function of
     * no parameters taking varargs. A syntax error is a {@link LuaError} whose value is Lua's
     * message, e.g. {@code [string "chunk"]:1: '=' expected near 'x'}; {@code chunkName} is
     * given as Lua's chunkname ("=name" shows as name, "@file" as file, otherwise
     * {@code [string "..."]}).
     */
    public LuaFunction load(LuaString source, String chunkName) {
        throw new UnsupportedOperationException("the interpreter is not written yet");
    }

    private java.util.function.Consumer<LuaString> output = s -> System.out.print(s);

    /** Where print writes (its line, with the tab separators and newline). */
    public void output(java.util.function.Consumer<LuaString> out) {
        this.output = out;
    }

    public java.util.function.Consumer<LuaString> output() {
        return output;
    }

    /** The memory budget in bytes (0: none); past it allocations raise "not enough memory". */
    public void memoryLimit(long bytes) {
    }

    /** Nested calls deeper than this raise Lua's "stack overflow" error (never a StackOverflowError). */
    public void maxCallDepth(int depth) {
    }

    /**
     * Calls {@code hook} every {@code instructions} executed instructions (Lua's count hook); a
     * hook that throws a {@link LuaError} aborts the running code with it (script timeouts, kills).
     */
    public void instructionHook(long instructions, Runnable hook) {
    }
}
