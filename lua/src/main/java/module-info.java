/**
 * A Lua 5.1 interpreter in pure Java: lexer, parser, compiler to a compact tree of nodes run on
 * the JIT, the standard libraries a host chooses to load, and limits the host controls
 * (instruction hook, memory budget, call depth). Knows nothing of Redis. Depends on nothing.
 * Hosts use {@code io.redisinternals.lua} (values, LuaState) and {@code io.redisinternals.lua.lib}
 * (each library's {@code open}), {@code io.redisinternals.lua.ext} (the libraries Redis bundles);
 * the interpreter's package stays internal.
 */
module io.redisinternals.lua {
    exports io.redisinternals.lua;
    exports io.redisinternals.lua.lib; // StringLib, TableLib, MathLib: a host opens the libraries it wants
    exports io.redisinternals.lua.ext; // cjson, cmsgpack, bit, struct: the libraries Redis bundles
}
