/**
 * Lua's standard libraries, each a {@code XxxLib.open(LuaState)} that registers its table (the
 * base library: its globals) in the state's globals. Built-ins follow the
 * {@link io.redisinternals.lua.LuaFunction} contract: position-less errors the interpreter
 * completes as Lua 5.1 would.
 */
package io.redisinternals.lua.lib;
