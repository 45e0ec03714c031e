package io.redisinternals.lua.interp;

/** A compiled function: what every closure of one {@code function ... end} shares. */
final class Proto {
    final String chunkId;
    final String source;
    final int lineDefined;
    int lastLineDefined;
    int numParams;
    boolean vararg;
    /** Which parameters are captured by inner closures (their slots hold cells). */
    boolean[] paramCaptured;
    int maxSlots;
    Stat body;
    /** Per upvalue: from the enclosing frame's slot (true) or the enclosing closure's upvalue. */
    boolean[] upFromLocal;
    int[] upIndex;
    String[] upNames;

    Proto(String chunkId, String source, int lineDefined) {
        this.chunkId = chunkId;
        this.source = source;
        this.lineDefined = lineDefined;
    }
}
