/**
 * Lua 5.1 for hosts: the values ({@link io.redisinternals.lua.LuaString},
 * {@link io.redisinternals.lua.LuaTable}, {@link io.redisinternals.lua.LuaFunction} ...; nil is
 * {@code null}, every number a {@code Double}), errors ({@link io.redisinternals.lua.LuaError}) and
 * the universe they live in ({@link io.redisinternals.lua.LuaState}: load, call, pcall, limits).
 * A host creates a state, opens the libraries it wants ({@code io.redisinternals.lua.lib}), loads
 * a chunk and calls it.
 */
package io.redisinternals.lua;
