package io.redisinternals.lua;

/**
 * A Lua thread (coroutine). CONTRACT: a value type for libraries (type() says "thread"); how
 * it runs is the interpreter's business.
 */
public abstract class Coroutine {

    /** Only the interpreter makes coroutines. */
    protected Coroutine() {
    }

    /** "suspended", "running", "normal" or "dead", as coroutine.status. */
    public abstract String status();
}
