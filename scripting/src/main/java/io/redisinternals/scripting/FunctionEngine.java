package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lua side of functions (Redis 7.0's function_lua.c): a Lua universe of its own, separate from
 * EVAL's, in which FUNCTION LOAD runs a library's code and FCALL calls what it registered.
 *
 * <p>The universe is built by {@link ScriptEnvironment} (kind FUNCTION: the libraries, Redis's pcall
 * and math.random, the redis table without EVAL's debugger functions, everything read-only). Then,
 * as function_lua.c, its globals move behind an empty read-only table whose {@code __index} is
 * switched: while a library loads it reaches only the load API (a {@code redis} table with
 * register_function, log, the LOG_* levels and the version), so anything else reads as a
 * nonexistent global; while a function runs it reaches the real globals ({@code _G} among them,
 * naming the real globals, as Redis's). A library's top-level code runs under a time limit
 * (Redis's 500 ms, checked every {@link #LOAD_HOOK_INSTRUCTIONS} instructions), except for
 * FUNCTION RESTORE, which Redis loads without one.
 *
 * <p>Threading: under the engine's execution lock.
 */
final class FunctionEngine {

    static final String CHUNK_NAME = "@user_function";
    /** Redis's LOAD_TIMEOUT_MS: FUNCTION LOAD's limit on a library's top-level code. */
    static final long LOAD_TIMEOUT_MS = 500;
    /** How often the load hook reads the clock (Redis's count hook: every 100000 instructions). */
    static final long LOAD_HOOK_INSTRUCTIONS = 100_000;

    private final LuaState state;
    /** What one FCALL may allocate ({@link ScriptEngine#RUN_MEMORY_BUDGET}; tests lower it). */
    long memoryBudget = ScriptEngine.RUN_MEMORY_BUDGET;
    private final LuaTable realGlobals = new LuaTable();
    private final LuaTable loadGlobals = new LuaTable();
    private final LuaTable switchMeta = new LuaTable();
    private final FunctionLibraries libraries = new FunctionLibraries();
    /** The functions the library being loaded registered so far; null outside FUNCTION LOAD. */
    private Map<String, FunctionLibraries.Function> loading;
    private String loadingLibrary;
    private ScriptRun current;
    private final LuaFunction errorHandler;

    FunctionEngine(RedisRandom random) {
        ScriptEnvironment.Universe u = ScriptEnvironment.build(ScriptEnvironment.Kind.FUNCTION, random,
                () -> current);
        state = u.state();
        errorHandler = u.errorHandler();
        ScriptEngine.installHook(state, () -> current);
        LuaTable g = state.globals();
        for (Object[] e = g.next(null); e != null; e = g.next(e[0])) {
            realGlobals.rawset(e[0], e[1]);
        }
        for (Object[] e = realGlobals.next(null); e != null; e = realGlobals.next(e[0])) {
            g.rawset(e[0], null);
        }
        realGlobals.rawset(LuaString.of("_G"), realGlobals);
        realGlobals.metatable(g.metatable());
        realGlobals.readonly(true);
        LuaTable api = new LuaTable();
        api.rawset(LuaString.of("register_function"),
                LuaFunction.of("register_function", (s, a) -> register(a)));
        LuaTable full = (LuaTable) realGlobals.rawget(LuaString.of("redis"));
        for (String k : new String[] {"log", "LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING",
                "REDIS_VERSION", "REDIS_VERSION_NUM"}) {
            api.rawset(LuaString.of(k), full.rawget(LuaString.of(k)));
        }
        api.metatable(ScriptEnvironment.errorMetatable());
        loadGlobals.rawset(LuaString.of("redis"), api);
        loadGlobals.metatable(ScriptEnvironment.errorMetatable());
        ScriptEnvironment.protect(loadGlobals, null);
        // the host switches __index with rawset, which the read-only flag does not stop
        switchMeta.rawset(GlobalsProtection.INDEX, realGlobals);
        switchMeta.readonly(true);
        g.metatable(switchMeta);
        g.readonly(true);
    }

    /** The interpreter's memory counter of the universe (INFO's used_memory_vm_functions, approximate). */
    long vmMemory() {
        return state.memoryUsed();
    }

    FunctionLibraries libraries() {
        return libraries;
    }

    /**
     * FUNCTION LOAD (Redis's functionsCreateWithLibraryCtx): the metadata line, the name, the
     * engine, a collision with an existing library, then the code compiled and run to register
     * its functions; the library is added only when all of that succeeded.
     *
     * @return the library's name
     */
    String load(byte[] code, boolean replace) {
        return create(code, libraries, replace, LOAD_TIMEOUT_MS);
    }

    /**
     * {@link #load} into {@code into} (FUNCTION RESTORE builds its libraries apart first, with no
     * time limit: {@code timeoutMs} 0, as Redis's rdbFunctionLoad).
     */
    String create(byte[] code, FunctionLibraries into, boolean replace, long timeoutMs) {
        LibraryMetadata md = LibraryMetadata.parse(code);
        if (!validName(md.name())) {
            throw new ScriptException("ERR " + INVALID_NAME);
        }
        if (!md.engine().equalsIgnoreCase("lua")) {
            throw new ScriptException("ERR Engine '" + md.engine() + "' not found");
        }
        if (!replace && into.library(md.name()) != null) {
            throw new ScriptException("ERR Library '" + md.name() + "' already exists");
        }
        LuaFunction chunk;
        try {
            chunk = state.load(LuaString.wrap(java.util.Arrays.copyOfRange(code, md.codeStart(), code.length)),
                    CHUNK_NAME);
        } catch (LuaError e) {
            byte[] message = e.value() instanceof LuaString m ? m.toBytes()
                    : e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            throw new ScriptException("ERR Error compiling function: ", message);
        }
        Map<String, FunctionLibraries.Function> registered = new LinkedHashMap<>();
        loading = registered;
        loadingLibrary = md.name();
        switchMeta.rawset(GlobalsProtection.INDEX, loadGlobals);
        if (timeoutMs > 0) {
            loadTimeout(System.nanoTime(), timeoutMs);
        }
        try {
            state.call(chunk);
        } catch (LuaError e) {
            LuaTable error = ScriptErrors.handle(e.value(), null, 0);
            Object err = error.rawget(RespToLua.ERR);
            throw new ScriptException("ERR Error registering functions: "
                    + (err instanceof LuaString s ? text(s) : ""));
        } finally {
            ScriptEngine.installHook(state, () -> current); // the busy-script hook again, in place of the load's
            switchMeta.rawset(GlobalsProtection.INDEX, realGlobals);
            loading = null;
            loadingLibrary = null;
        }
        if (registered.isEmpty()) {
            throw new ScriptException("ERR No functions registered");
        }
        into.add(new FunctionLibraries.Library(md.name(), code, registered), replace);
        return md.name();
    }

    /**
     * Redis's luaEngineLoadHook: past the limit the load fails with "FUNCTION LOAD timeout" (an
     * error table, so the reply reads "ERR Error registering functions: ERR FUNCTION LOAD
     * timeout"), and from then on at every instruction, so nothing can catch it and go on.
     */
    private void loadTimeout(long start, long timeoutMs) {
        state.instructionHook(LOAD_HOOK_INSTRUCTIONS, () -> {
            if (System.nanoTime() - start > timeoutMs * 1_000_000L) {
                state.instructionHook(1, () -> {
                    throw error("FUNCTION LOAD timeout");
                });
                throw error("FUNCTION LOAD timeout");
            }
        });
    }

    static final String INVALID_NAME = "Library names can only contain letters, numbers, or underscores(_)"
            + " and must be at least one character long";

    /** Redis's functionsVerifyName: [A-Za-z0-9_]+. */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** redis.register_function(name, callback) or redis.register_function{...}. */
    private Object[] register(Object[] args) {
        if (loading == null) {
            throw error("redis.register_function can only be called on FUNCTION LOAD command");
        }
        FunctionArgs f = FunctionArgs.read(args);
        if (!validName(f.name())) {
            throw error(INVALID_NAME);
        }
        if (loading.containsKey(f.name())) { // with case, unlike the lookup across libraries
            throw error("Function already exists in the library");
        }
        loading.put(f.name(), new FunctionLibraries.Function(f.name(), loadingLibrary, f.callback(), f.flags(),
                f.description()));
        return Lua.NONE;
    }

    static LuaError error(String message) {
        return LuaError.value(RedisLib.err(message));
    }

    /**
     * FCALL: the function called with KEYS and ARGV as its two arguments; its value or error
     * becomes the reply, errors naming the function where EVAL names the SHA.
     */
    void call(CommandContext ctx, FunctionLibraries.Function f, Argv argv, int numkeys, int nestedFlags) {
        LuaTable keys = ScriptEngine.strings(argv, 3, 3 + numkeys);
        LuaTable args = ScriptEngine.strings(argv, 3 + numkeys, argv.count());
        ScriptEngine.runAndReply(state, memoryBudget, ctx, argv, nestedFlags, false, f.name(), run -> current = run,
                () -> state.pcall(errorHandler, f.callback(), keys, args));
    }

    static String text(LuaString s) {
        return new String(s.toBytes(), StandardCharsets.UTF_8);
    }
}
