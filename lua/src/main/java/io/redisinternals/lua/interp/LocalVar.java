package io.redisinternals.lua.interp;

/**
 * A local variable as the compiler resolved it: its frame slot, and whether an inner function
 * captures it (then the slot holds a {@link Cell}, fresh at each execution of the declaration, so
 * each loop iteration's closures see their own variable). {@code captured} is settled when the
 * variable's scope closes, before the function runs.
 */
final class LocalVar {
    final String name;
    final int slot;
    boolean captured;

    LocalVar(String name, int slot) {
        this.name = name;
        this.slot = slot;
    }

    Object get(Frame f) {
        Object v = f.slots[slot];
        return captured ? ((Cell) v).v : v;
    }

    /** Assignment to the existing variable. */
    void set(Frame f, Object v) {
        if (captured) {
            ((Cell) f.slots[slot]).v = v;
        } else {
            f.slots[slot] = v;
        }
    }

    /** Declaration: a new variable (a new cell when captured). */
    void init(Frame f, Object v) {
        f.slots[slot] = captured ? new Cell(v) : v;
    }
}
