package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.Argv;
import io.redisinternals.lua.ext.BitLib;
import io.redisinternals.lua.ext.CjsonLib;
import io.redisinternals.lua.ext.CmsgpackLib;
import io.redisinternals.lua.ext.StructLib;
import io.redisinternals.lua.lib.BaseLib;
import io.redisinternals.lua.lib.CoroutineLib;
import io.redisinternals.lua.lib.DebugLib;
import io.redisinternals.lua.lib.MathLib;
import io.redisinternals.lua.lib.StringLib;
import io.redisinternals.lua.lib.TableLib;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lua side of functions (Redis 7.0's function_lua.c): a Lua universe of its own, separate from
 * EVAL's, in which FUNCTION LOAD runs a library's code and FCALL calls what it registered.
 *
 * <p>The globals every compiled chunk sees are an empty, read-only table whose __index is switched:
 * while a library loads it reaches only the load API (a {@code redis} table with
 * register_function, log, the LOG_* levels and the version), so anything else reads as a
 * nonexistent global; while a function runs it reaches the real globals (the libraries and the
 * full {@code redis} table, as EVAL's). Not enforced: Redis's 500 ms limit on a library's load.
 *
 * <p>Threading: under the engine's execution lock.
 */
final class FunctionEngine {

    static final String CHUNK_NAME = "@user_function";

    private final LuaState state = new LuaState();
    private final LuaTable realGlobals = new LuaTable();
    private final LuaTable loadGlobals = new LuaTable();
    private final LuaTable switchMeta = new LuaTable();
    private final FunctionLibraries libraries = new FunctionLibraries();
    /** The functions the library being loaded registered so far; null outside FUNCTION LOAD. */
    private Map<String, FunctionLibraries.Function> loading;
    private String loadingLibrary;
    private ScriptRun current;
    private final LuaFunction errorHandler;

    FunctionEngine() {
        openLibraries(state);
        RedisLib.open(state, () -> current);
        ScriptEngine.installHook(state, () -> current);
        LuaTable g = state.globals();
        LuaString debug = LuaString.of("debug");
        errorHandler = errorHandler(state, ((LuaTable) g.rawget(debug)).rawget(LuaString.of("getinfo")));
        g.rawset(debug, null);
        for (Object[] e = g.next(null); e != null; e = g.next(e[0])) {
            realGlobals.rawset(e[0], e[1]);
        }
        for (Object[] e = realGlobals.next(null); e != null; e = realGlobals.next(e[0])) {
            g.rawset(e[0], null);
        }
        realGlobals.metatable(protection());
        LuaTable api = new LuaTable();
        api.rawset(LuaString.of("register_function"),
                LuaFunction.of("register_function", (s, a) -> register(a)));
        LuaTable full = (LuaTable) realGlobals.rawget(LuaString.of("redis"));
        for (String k : new String[] {"log", "LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING",
                "REDIS_VERSION", "REDIS_VERSION_NUM"}) {
            api.rawset(LuaString.of(k), full.rawget(LuaString.of(k)));
        }
        api.metatable(protection());
        loadGlobals.rawset(LuaString.of("redis"), api);
        loadGlobals.metatable(protection());
        switchMeta.rawset(GlobalsProtection.INDEX, realGlobals);
        switchMeta.rawset(GlobalsProtection.NEWINDEX, readonly());
        g.metatable(switchMeta);
    }

    /**
     * The libraries Redis 7.0 opens (base, table, string, math, debug, cjson, struct, cmsgpack,
     * bit), less the globals it removes. (ScriptEngine's set-up is being reworked on another
     * branch: the two should share one once both have landed.)
     */
    private static void openLibraries(LuaState s) {
        BaseLib.open(s);
        TableLib.open(s);
        StringLib.open(s);
        MathLib.open(s);
        DebugLib.open(s);
        CoroutineLib.open(s);
        CjsonLib.open(s);
        StructLib.open(s);
        CmsgpackLib.open(s);
        BitLib.open(s);
        for (String name : new String[] {"print", "getfenv", "setfenv", "dofile", "loadfile", "require",
                "module", "newproxy", "os", "io", "package"}) {
            s.globals().rawset(LuaString.of(name), null);
        }
    }

    /**
     * The message handler a function runs under, with Redis's behaviour: a raised value not a
     * table becomes {@code {err="ERR " .. tostring(v)}}, and the table gets the source and line of
     * the Lua code that raised it (the caller of a built-in such as error or redis.call). Written
     * in Lua over debug.getinfo, captured before {@code debug} leaves the globals.
     */
    private static LuaFunction errorHandler(LuaState s, Object getinfo) {
        String code = """
                local getinfo, type, tostring = ...
                return function(raised)
                  local at = getinfo(2, 'nSl')
                  if at and at.what == 'C' then at = getinfo(3, 'nSl') end
                  if type(raised) ~= 'table' then raised = {err = 'ERR ' .. tostring(raised)} end
                  if at then raised.source = at.source; raised.line = at.currentline end
                  return raised
                end""";
        LuaFunction maker = s.load(LuaString.of(code), "=function_error_handler");
        LuaTable g = s.globals();
        return (LuaFunction) s.call(maker, getinfo, g.rawget(LuaString.of("type")),
                g.rawget(LuaString.of("tostring")))[0];
    }

    FunctionLibraries libraries() {
        return libraries;
    }

    /** The error metatable Redis puts on its protected tables (luaSetErrorMetatable). */
    private static LuaTable protection() {
        LuaTable mt = new LuaTable();
        mt.rawset(GlobalsProtection.INDEX,
                LuaFunction.of("luaProtectedTableError", (s, a) -> GlobalsProtection.nonexistent(a)));
        mt.rawset(GlobalsProtection.NEWINDEX, readonly());
        return mt;
    }

    private static LuaFunction readonly() {
        return LuaFunction.of("readonly", (s, a) -> {
            throw LuaError.runtime("Attempt to modify a readonly table");
        });
    }

    /**
     * FUNCTION LOAD (Redis's functionsCreateWithLibraryCtx): the metadata line, the name, the
     * engine, a collision with an existing library, then the code compiled and run to register
     * its functions; the library is added only when all of that succeeded.
     *
     * @return the library's name
     */
    String load(byte[] code, boolean replace) {
        return create(code, libraries, replace);
    }

    /** {@link #load} into {@code into} (FUNCTION RESTORE builds its libraries apart first). */
    String create(byte[] code, FunctionLibraries into, boolean replace) {
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
            throw new ScriptException("ERR Error compiling function: " + e.getMessage());
        }
        Map<String, FunctionLibraries.Function> registered = new LinkedHashMap<>();
        loading = registered;
        loadingLibrary = md.name();
        switchMeta.rawset(GlobalsProtection.INDEX, loadGlobals);
        try {
            state.call(chunk);
        } catch (LuaError e) {
            LuaTable error = ScriptErrors.handle(e.value(), null, 0);
            Object err = error.rawget(RespToLua.ERR);
            throw new ScriptException("ERR Error registering functions: "
                    + (err instanceof LuaString s ? text(s) : ""));
        } finally {
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
        ScriptEngine.runAndReply(ctx, argv, nestedFlags, false, f.name(), run -> current = run,
                () -> state.pcall(errorHandler, f.callback(), keys, args));
    }

    static String text(LuaString s) {
        return new String(s.toBytes(), StandardCharsets.UTF_8);
    }
}
