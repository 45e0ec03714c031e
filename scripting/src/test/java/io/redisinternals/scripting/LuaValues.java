package io.redisinternals.scripting;

import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/** Building Lua values in tests. */
final class LuaValues {

    private LuaValues() {
    }

    static LuaString s(String text) {
        return LuaString.of(text);
    }

    /** An array table of the values (nil allowed: later ones are set past the hole). */
    static LuaTable array(Object... values) {
        LuaTable t = new LuaTable();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                t.rawset(i + 1, values[i]);
            }
        }
        return t;
    }

    /** A table from key, value pairs; string keys given as Java strings. */
    static LuaTable table(Object... kv) {
        LuaTable t = new LuaTable();
        for (int i = 0; i < kv.length; i += 2) {
            Object k = kv[i] instanceof String str ? s(str) : kv[i];
            t.rawset(k, kv[i + 1]);
        }
        return t;
    }

    /**
     * A readable form for assertions: strings quoted, tables as {k=v, ...} with the numeric keys
     * first in order, then the others sorted (traversal order follows the hash of the interned
     * strings, which tests must not depend on).
     */
    static String show(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof LuaString s) {
            return "'" + s + "'";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) (double) d) : String.valueOf(d);
        }
        if (v instanceof LuaTable t) {
            java.util.List<Object[]> entries = new java.util.ArrayList<>();
            for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
                entries.add(e);
            }
            entries.sort(java.util.Comparator.<Object[], Boolean>comparing(e -> !(e[0] instanceof Double))
                    .thenComparing(e -> e[0] instanceof Double d ? String.format("%020.6f", d) : String.valueOf(e[0])));
            StringBuilder b = new StringBuilder("{");
            for (Object[] e : entries) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(e[0] instanceof LuaString k ? k.toString() : "[" + show(e[0]) + "]").append('=').append(show(e[1]));
            }
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }
}
