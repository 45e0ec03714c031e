package io.redisinternals.scripting;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaString;

/**
 * The error Redis 7.0 raises for a global that does not exist ("Script attempted to access
 * nonexistent global variable 'x'", the __index of the error metatable it sets on _G, see
 * {@link ScriptEnvironment#errorMetatable}), as luaL_error, so the interpreter prefixes the
 * script's position ("user_script:1: "). Writes are refused by the read-only flag
 * ({@link ScriptEnvironment#protect}).
 */
final class GlobalsProtection {

    static final LuaString INDEX = LuaString.of("__index");
    static final LuaString NEWINDEX = LuaString.of("__newindex");

    private GlobalsProtection() {
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
