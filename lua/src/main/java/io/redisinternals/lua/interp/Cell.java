package io.redisinternals.lua.interp;

/** A local captured by a closure: the frame slot holds the cell, every closure shares it. */
final class Cell {
    Object v;

    Cell(Object v) {
        this.v = v;
    }
}
