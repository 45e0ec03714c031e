package io.redisinternals.scripting;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * What Redis 7.0 does to a script's globals once the environment is built: reading a global that
 * does not exist is an error ("Script attempted to access nonexistent global variable 'x'", the
 * __index of the error metatable Redis sets on _G), and the globals cannot be changed ("Attempt to
 * modify a readonly table"). Both are raised as luaL_error, so the interpreter prefixes the
 * script's position ("user_script:1: ").
 *
 * <p>Redis makes _G and every table reachable from it read-only with a flag its patched Lua checks
 * on every store: {@link ScriptEnvironment#protect} sets ours ({@code LuaTable.readonly}); the
 * __newindex here is what a script reaches only if that flag were off.
 */
final class GlobalsProtection {

    static final LuaString INDEX = LuaString.of("__index");
    static final LuaString NEWINDEX = LuaString.of("__newindex");

    private GlobalsProtection() {
    }

    static void install(LuaState state) {
        LuaTable mt = new LuaTable();
        mt.rawset(INDEX, LuaFunction.of("luaProtectedTableError", (s, a) -> nonexistent(a)));
        mt.rawset(NEWINDEX, LuaFunction.of("readonly", (s, a) -> {
            throw LuaError.runtime("Attempt to modify a readonly table");
        }));
        state.globals().metatable(mt);
    }

    /** The __index of the globals: (table, key). */
    static Object[] nonexistent(Object[] args) {
        if (args.length != 2) {
            throw LuaError.runtime("Wrong number of arguments to luaProtectedTableError");
        }
        LuaString name = Lua.toLuaString(args[1]);
        if (name == null) {
            throw LuaError.runtime("Second argument to luaProtectedTableError must be a string or number");
        }
        throw LuaError.runtime("Script attempted to access nonexistent global variable '"
                + new String(name.toBytes(), java.nio.charset.StandardCharsets.UTF_8) + "'");
    }
}
