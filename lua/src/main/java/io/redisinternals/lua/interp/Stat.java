package io.redisinternals.lua.interp;

/**
 * A compiled statement. {@link #exec} answers how control leaves it: {@link #NORMAL}, {@link #BREAK}
 * (out of the innermost loop) or {@link #RETURN} (values or tail call left in the frame).
 */
abstract class Stat {
    static final int NORMAL = 0, BREAK = 1, RETURN = 2;

    final int line;

    Stat(int line) {
        this.line = line;
    }

    abstract int exec(Frame f);
}
