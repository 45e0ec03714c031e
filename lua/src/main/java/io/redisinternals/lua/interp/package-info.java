/**
 * The interpreter (not exported): {@code Lexer} and {@code Parser} compile a chunk in one pass
 * into a tree of {@code Stat}/{@code Expr} nodes with locals resolved to frame slots and upvalues
 * to shared cells; {@code Interp} holds Lua's value semantics (indexing, metamethods, arithmetic,
 * comparison, calls) and error texts; {@code LuaClosure} runs a function's frame with tail calls
 * in a loop; {@code CallStack}/{@code Runtime} keep the calls in progress and the limits;
 * {@code LuaCoroutine} runs a coroutine on its own thread. See docs/ARCHITECTURE.md,
 * "Lua interpreter".
 */
package io.redisinternals.lua.interp;
