package io.redisinternals.lua;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lua table. Values are Java objects: {@code null} (nil), {@link Boolean}, {@link Double}
 * (every Lua number), {@link LuaString}, {@link LuaTable}, {@link LuaFunction}, {@link Coroutine},
 * {@link LightUserdata}. A key is never nil or NaN; a number key is normalised (-0 is 0).
 *
 * <p>CONTRACT (what libraries may use): rawget/rawset (Object and int forms), length (a border,
 * as Lua's {@code #}), next (traversal, Lua's {@code next}: assigning existing fields or nil
 * during a traversal is allowed), metatable get/set, insert/remove helpers. The layout (array part
 * and hash part sized as Lua 5.1's ltable.c, so {@code pairs} order and {@code #} on tables with
 * holes match lua5.1) is this class's business.
 */
public final class LuaTable {

    // PLACEHOLDER LAYOUT (to be replaced by Lua 5.1's array/node layout): an array part for 1..n
    // and a hash map for the rest.
    private Object[] array = new Object[0];
    private int arraySize;
    private final Map<Object, Object> hash = new HashMap<>();
    private final List<Object> hashOrder = new ArrayList<>();
    private LuaTable metatable;

    public LuaTable() {
    }

    /** Pre-sized as Lua's lua_createtable(narr, nrec). */
    public LuaTable(int narr, int nrec) {
        array = new Object[Math.max(0, narr)];
    }

    public LuaTable metatable() {
        return metatable;
    }

    public void metatable(LuaTable mt) {
        this.metatable = mt;
    }

    /** Normalises a number key; throws Lua's errors for nil and NaN keys. */
    static Object key(Object k) {
        if (k == null) {
            throw LuaError.runtime("table index is nil");
        }
        if (k instanceof Double d) {
            double v = d;
            if (Double.isNaN(v)) {
                throw LuaError.runtime("table index is NaN");
            }
            if (v == 0.0) {
                return 0.0; // -0 and 0 are the same key
            }
        }
        return k;
    }

    public Object rawget(Object k) {
        if (k instanceof Double d) {
            double v = d;
            int i = (int) v;
            if (i == v && i >= 1 && i <= arraySize) {
                return array[i - 1];
            }
            if (v == 0.0) {
                k = 0.0;
            }
        }
        return k == null ? null : hash.get(k);
    }

    public Object rawget(int i) {
        if (i >= 1 && i <= arraySize) {
            return array[i - 1];
        }
        return hash.get((double) i);
    }

    public void rawset(Object k, Object v) {
        k = key(k);
        if (k instanceof Double d) {
            double dv = d;
            int i = (int) dv;
            if (i == dv && i >= 1) {
                rawset(i, v);
                return;
            }
        }
        putHash(k, v);
    }

    public void rawset(int i, Object v) {
        if (i >= 1 && i <= arraySize) {
            array[i - 1] = v;
            if (v == null && i == arraySize) {
                while (arraySize > 0 && array[arraySize - 1] == null) {
                    arraySize--;
                }
            }
            return;
        }
        if (i == arraySize + 1 && v != null) {
            if (arraySize == array.length) {
                array = java.util.Arrays.copyOf(array, Math.max(4, array.length * 2));
            }
            array[arraySize++] = v;
            hash.remove((double) i);
            hashOrder.remove((Object) (double) i);
            // migrate following integer keys from the hash part
            Object next;
            while ((next = hash.get((double) (arraySize + 1))) != null) {
                if (arraySize == array.length) {
                    array = java.util.Arrays.copyOf(array, array.length * 2);
                }
                array[arraySize++] = next;
                hash.remove((double) arraySize);
                hashOrder.remove((Object) (double) arraySize);
            }
            return;
        }
        putHash((double) i, v);
    }

    private void putHash(Object k, Object v) {
        if (v == null) {
            if (hash.remove(k) != null) {
                hashOrder.remove(k);
            }
        } else if (hash.put(k, v) == null) {
            hashOrder.add(k);
        }
    }

    /** A border (Lua's {@code #t}): n with t[n] ~= nil and t[n+1] == nil, or 0. */
    public int length() {
        if (arraySize > 0) {
            return arraySize;
        }
        int n = 0;
        while (hash.containsKey((double) (n + 1))) {
            n++;
        }
        return n;
    }

    /**
     * Lua's next: the entry after {@code key} ({@code null} starts) as {@code {key, value}}, or
     * {@code null} at the end. Throws "invalid key to 'next'" for a key not in the table.
     */
    public Object[] next(Object key) {
        int start = 0;
        if (key != null) {
            int i = key instanceof Double d && d == (int) (double) d ? (int) (double) d : 0;
            if (i >= 1 && i <= arraySize) {
                start = i;
            } else {
                int at = hashOrder.indexOf(key instanceof Double d && d == 0.0 ? 0.0 : key);
                if (at < 0) {
                    throw LuaError.runtime("invalid key to 'next'");
                }
                for (int j = at + 1; j < hashOrder.size(); j++) {
                    Object k = hashOrder.get(j);
                    return new Object[] {k, hash.get(k)};
                }
                return null;
            }
        }
        for (int j = start; j < arraySize; j++) {
            if (array[j] != null) {
                return new Object[] {(double) (j + 1), array[j]};
            }
        }
        if (!hashOrder.isEmpty()) {
            Object k = hashOrder.get(0);
            return new Object[] {k, hash.get(k)};
        }
        return null;
    }

    /** table.insert(t, v): appends at #t + 1. */
    public void append(Object v) {
        rawset(length() + 1, v);
    }
}
