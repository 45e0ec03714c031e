package io.redisinternals.lua.interp;

/**
 * A compiled expression. {@link #eval} gives one value; a multi-valued expression (a call,
 * {@code ...}) also answers {@link #evalMulti} with all of them.
 */
abstract class Expr {
    final int line;

    Expr(int line) {
        this.line = line;
    }

    abstract Object eval(Frame f);

    Object[] evalMulti(Frame f) {
        return new Object[] {eval(f)};
    }

    /** True for calls and {@code ...}: their values expand at the end of a list. */
    boolean isMulti() {
        return false;
    }

    /** How Lua's errors name this value ("local 'x'", "global 'x'", "field 'y'"), or null. */
    String describe() {
        return null;
    }
}
