package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * table.sort with Lua 5.1's quicksort step for step: median of three of a[l], a[(l+u)/2], a[u],
 * the pivot parked at u-1, Hoare partitioning, recursion into the smaller half. It is not stable
 * and a comparator sees exactly the pairs lua5.1 would pass, so results with equal keys, with
 * inconsistent comparators and the errors raised ("invalid order function for sorting", "attempt
 * to compare ...") are lua5.1's. Elements are read and written raw, as rawgeti/rawseti.
 */
final class TableSort {

    private TableSort() {
    }

    static Object[] sort(LuaState state, Object[] args) {
        LuaTable t = Lua.checkTable(args, 1).checkWritable();
        int n = t.length();
        Object comparator = Lua.arg(args, 2);
        if (comparator != null && !(comparator instanceof LuaFunction)) {
            throw Args.typeError(args, 2, "function");
        }
        new TableSort.Run(state, t, comparator).sort(1, n);
        return Lua.NONE;
    }

    private static final class Run {
        private final LuaState state;
        private final LuaTable a;
        private final Object comparator;

        Run(LuaState state, LuaTable a, Object comparator) {
            this.state = state;
            this.a = a;
            this.comparator = comparator;
        }

        private boolean lt(Object x, Object y) {
            if (comparator != null) {
                Object[] r = state.call(comparator, x, y);
                return r.length > 0 && Lua.isTrue(r[0]);
            }
            return lessThan(state, x, y);
        }

        private void swap(int i, int j) {
            Object vi = a.rawget(i);
            Object vj = a.rawget(j);
            a.rawset(i, vj);
            a.rawset(j, vi);
        }

        void sort(int l, int u) {
            while (l < u) {
                if (lt(a.rawget(u), a.rawget(l))) {
                    swap(l, u);
                }
                if (u - l == 1) {
                    break; // two elements, now in order
                }
                int i = (l + u) / 2;
                if (lt(a.rawget(i), a.rawget(l))) {
                    swap(i, l);
                } else if (lt(a.rawget(u), a.rawget(i))) {
                    swap(i, u);
                }
                if (u - l == 2) {
                    break; // three elements, now in order
                }
                Object pivot = a.rawget(i);
                swap(i, u - 1); // a[l] <= pivot == a[u-1] <= a[u]: partition l+1 .. u-2
                i = l;
                int j = u - 1;
                while (true) {
                    while (lt(a.rawget(++i), pivot)) {
                        if (i > u) {
                            throw LuaError.runtime("invalid order function for sorting");
                        }
                    }
                    while (lt(pivot, a.rawget(--j))) {
                        if (j < l) {
                            throw LuaError.runtime("invalid order function for sorting");
                        }
                    }
                    if (j < i) {
                        break;
                    }
                    swap(i, j);
                }
                swap(u - 1, i);
                // recurse into the smaller part, loop on the larger (bounded stack depth)
                int from;
                int to;
                if (i - l < u - i) {
                    from = l;
                    to = i - 1;
                    l = i + 1;
                } else {
                    from = i + 1;
                    to = u;
                    u = i - 1;
                }
                sort(from, to);
            }
        }
    }

    /**
     * Lua's {@code <} (lua_lessthan): numbers, strings by bytes, else the same __lt metamethod
     * on both tables; otherwise the "attempt to compare" error, raised without a position as
     * luaG_ordererror raises it inside a C function.
     */
    static boolean lessThan(LuaState state, Object x, Object y) {
        String tx = Lua.typeName(x);
        String ty = Lua.typeName(y);
        if (tx.equals(ty)) {
            if (x instanceof Double dx) {
                return dx < (Double) y;
            }
            if (x instanceof LuaString sx) {
                return sx.compareTo((LuaString) y) < 0;
            }
            if (x instanceof LuaTable mx && y instanceof LuaTable my) {
                Object tm = metamethod(mx);
                if (tm != null && tm.equals(metamethod(my))) {
                    Object[] r = state.call(tm, x, y);
                    return r.length > 0 && Lua.isTrue(r[0]);
                }
            }
        }
        // luaG_ordererror tells "two X values" apart by the type names' third letters
        String message = tx.charAt(2) == ty.charAt(2)
                ? "attempt to compare two " + tx + " values"
                : "attempt to compare " + tx + " with " + ty;
        throw LuaError.value(LuaString.of(message));
    }

    private static Object metamethod(LuaTable t) {
        LuaTable mt = t.metatable();
        return mt == null ? null : mt.rawget(LuaString.of("__lt"));
    }
}
