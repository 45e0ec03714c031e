package io.redisinternals.lua;

import java.util.function.LongConsumer;

/**
 * A Lua table. Values are Java objects: {@code null} (nil), {@link Boolean}, {@link Double}
 * (every Lua number), {@link LuaString}, {@link LuaTable}, {@link LuaFunction}, {@link Coroutine},
 * {@link LightUserdata}. A key is never nil or NaN; a number key is normalised (-0 is 0).
 *
 * <p>CONTRACT (what libraries may use): rawget/rawset (Object and int forms), length (a border,
 * as Lua's {@code #}), next (traversal, Lua's {@code next}: assigning existing fields or nil
 * during a traversal is allowed), metatable get/set, insert/remove helpers.
 *
 * <p>LAYOUT: Lua 5.1's (ltable.c), so {@code pairs} order and {@code #} on tables with holes
 * match lua5.1: an array part for keys 1..n and a node part of 2^k entries placed by Lua's hashes
 * (strings: {@link LuaString#luaHash}; numbers: the sum of the double's two 32-bit words modulo
 * size-1|1; booleans 1/0; other values by identity, where lua5.1 uses the address, so their order
 * cannot match), collisions chained through the free slot found from the end. Assigning to an
 * absent key creates it even with nil (as luaH_set does: it can trigger the rehash); a full node
 * part rehashes, sizing both parts as computesizes does. Keys never die: without Lua's collector
 * a key whose value is nil keeps its node until the next rehash, where lua5.1's GC might have
 * marked it dead sooner.
 */
public final class LuaTable {
    private static final Object[] EMPTY = new Object[0];
    private static final int[] NO_NEXT = new int[0];
    private static final int MAXBITS = 26; // MAXASIZE = 2^26: larger integer keys never go to the array

    private Object[] array = EMPTY;
    private Object[] keys = EMPTY; // node part; length 0 is Lua's dummy node
    private Object[] vals = EMPTY;
    private int[] nexts = NO_NEXT;
    private int lastFree;
    private LuaTable metatable;
    /**
     * Redis's read-only tables (its patched Lua's lua_enablereadonlytable): assignments, rawset,
     * setmetatable and the table library's writes refuse to change it. The host's own
     * {@link #rawset} is not checked, so a host still fills a table it protected.
     */
    private boolean readonly;
    /** Charged with the bytes a resize allocates (the interpreter's memory budget), or null. */
    private LongConsumer allocator;

    public LuaTable() {
    }

    /** Pre-sized as Lua's lua_createtable(narr, nrec). */
    public LuaTable(int narr, int nrec) {
        if (narr > 0) {
            array = new Object[narr];
        }
        setNodeVector(Math.max(0, nrec));
    }

    /** The interpreter's hook to charge growth to the memory budget (bytes about to be allocated). */
    public void allocator(LongConsumer allocator) {
        this.allocator = allocator;
    }

    public LuaTable metatable() {
        return metatable;
    }

    public boolean readonly() {
        return readonly;
    }

    public void readonly(boolean readonly) {
        this.readonly = readonly;
    }

    /** The message Redis gives for a write to a read-only table. */
    public static final String READONLY_MESSAGE = "Attempt to modify a readonly table";

    /** For built-ins writing a table: refuses a read-only one (no position, as from a C function). */
    public LuaTable checkWritable() {
        if (readonly) {
            throw LuaError.value(LuaString.of(READONLY_MESSAGE));
        }
        return this;
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

    // ---- hashing (ltable.c mainposition)

    private static int ceilLog2(int x) {
        return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }

    private int mainPosition(Object k) {
        int size = keys.length;
        if (k instanceof LuaString s) {
            return s.luaHash() & (size - 1);
        }
        if (k instanceof Double d) {
            double v = d;
            if (v == 0) {
                return 0;
            }
            long bits = Double.doubleToRawLongBits(v);
            int sum = (int) bits + (int) (bits >>> 32);
            return Integer.remainderUnsigned(sum, (size - 1) | 1);
        }
        if (k instanceof Boolean b) {
            return (b ? 1 : 0) & (size - 1);
        }
        return Integer.remainderUnsigned(System.identityHashCode(k), (size - 1) | 1);
    }

    private static boolean keyEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Double x) {
            return b instanceof Double y && x.doubleValue() == y.doubleValue();
        }
        return a instanceof LuaString && a.equals(b) || a instanceof Boolean && a.equals(b);
    }

    /** The node holding {@code k}, or -1. */
    private int findNode(Object k) {
        if (keys.length == 0) {
            return -1;
        }
        int n = mainPosition(k);
        do {
            if (keyEquals(keys[n], k)) {
                return n;
            }
            n = nexts[n];
        } while (n >= 0);
        return -1;
    }

    private int findNum(double k) {
        if (keys.length == 0) {
            return -1;
        }
        int n = mainPosition(k);
        do {
            if (keys[n] instanceof Double d && d == k) {
                return n;
            }
            n = nexts[n];
        } while (n >= 0);
        return -1;
    }

    // ---- get

    public Object rawget(Object k) {
        if (k instanceof Double d) {
            double v = d;
            int i = (int) v;
            if (i == v && i >= 1 && i <= array.length) {
                return array[i - 1];
            }
            int n = findNum(v);
            return n < 0 ? null : vals[n];
        }
        if (k == null) {
            return null;
        }
        int n = findNode(k);
        return n < 0 ? null : vals[n];
    }

    public Object rawget(int i) {
        if (i >= 1 && i <= array.length) {
            return array[i - 1];
        }
        int n = findNum(i);
        return n < 0 ? null : vals[n];
    }

    // ---- set

    public void rawset(Object k, Object v) {
        k = key(k);
        while (true) {
            if (k instanceof Double d) {
                double dv = d;
                int i = (int) dv;
                if (i == dv && i >= 1 && i <= array.length) {
                    array[i - 1] = v;
                    return;
                }
            }
            int n = findNode(k);
            if (n < 0) {
                n = newKey(k);
            }
            if (n >= 0) {
                vals[n] = v;
                return;
            }
            // the table was rehashed to make room: place the key again (it may now be in the array)
        }
    }

    public void rawset(int i, Object v) {
        if (i >= 1 && i <= array.length) {
            array[i - 1] = v;
            return;
        }
        rawset((Object) (double) i, v);
    }

    /**
     * Places a new key (value nil) as luaH_set's newkey does and answers its node, or -1 when the
     * node part was full and the table was rehashed instead (the caller places the key again).
     */
    private int newKey(Object k) {
        if (keys.length == 0) {
            rehash(k);
            return -1;
        }
        int mp = mainPosition(k);
        if (vals[mp] != null) {
            int free = freePosition();
            if (free < 0) {
                rehash(k);
                return -1;
            }
            int other = mainPosition(keys[mp]);
            if (other != mp) {
                // the colliding node is out of its main position: move it to the free slot
                while (nexts[other] != mp) {
                    other = nexts[other];
                }
                nexts[other] = free;
                keys[free] = keys[mp];
                vals[free] = vals[mp];
                nexts[free] = nexts[mp];
                nexts[mp] = -1;
                vals[mp] = null;
            } else {
                // the colliding node is in its main position: the new key goes to the free slot
                nexts[free] = nexts[mp];
                nexts[mp] = free;
                mp = free;
            }
        }
        keys[mp] = k;
        return mp;
    }

    private int freePosition() {
        while (lastFree > 0) {
            lastFree--;
            if (keys[lastFree] == null) {
                return lastFree;
            }
        }
        return -1;
    }

    // ---- rehash (ltable.c rehash/computesizes/resize)

    private static int countInt(Object k, int[] nums) {
        if (k instanceof Double d) {
            double v = d;
            int i = (int) v;
            if (i == v && i >= 1 && i <= (1 << MAXBITS)) {
                nums[ceilLog2(i)]++;
                return 1;
            }
        }
        return 0;
    }

    private int numUseArray(int[] nums) {
        int ause = 0;
        int i = 1;
        for (int lg = 0, ttlg = 1; lg <= MAXBITS; lg++, ttlg *= 2) {
            int lc = 0;
            int lim = ttlg;
            if (lim > array.length) {
                lim = array.length;
                if (i > lim) {
                    break;
                }
            }
            for (; i <= lim; i++) {
                if (array[i - 1] != null) {
                    lc++;
                }
            }
            nums[lg] += lc;
            ause += lc;
        }
        return ause;
    }

    private void rehash(Object extraKey) {
        int[] nums = new int[MAXBITS + 1];
        int nasize = numUseArray(nums);
        int totaluse = nasize;
        int hashUse = 0;
        int ause = 0;
        for (int i = keys.length - 1; i >= 0; i--) {
            if (vals[i] != null) {
                ause += countInt(keys[i], nums);
                hashUse++;
            }
        }
        nasize += ause;
        totaluse += hashUse;
        nasize += countInt(extraKey, nums);
        totaluse++;
        // computesizes: the largest n (a power of 2) with more than n/2 integer keys in 1..n
        int a = 0;
        int na = 0;
        int n = 0;
        for (int i = 0, twotoi = 1; twotoi / 2 < nasize; i++, twotoi *= 2) {
            if (nums[i] > 0) {
                a += nums[i];
                if (a > twotoi / 2) {
                    n = twotoi;
                    na = a;
                }
            }
            if (a == nasize) {
                break;
            }
        }
        resize(n, totaluse - na);
    }

    private void setNodeVector(int size) {
        if (size == 0) {
            keys = EMPTY;
            vals = EMPTY;
            nexts = NO_NEXT;
            lastFree = 0;
            return;
        }
        int lsize = ceilLog2(size);
        if (lsize > MAXBITS) {
            throw LuaError.runtime("table overflow");
        }
        size = 1 << lsize;
        if (allocator != null) {
            allocator.accept(40L * size);
        }
        keys = new Object[size];
        vals = new Object[size];
        nexts = new int[size];
        java.util.Arrays.fill(nexts, -1);
        lastFree = size;
    }

    private void resize(int nasize, int nhsize) {
        Object[] oldArray = array;
        Object[] oldKeys = keys;
        Object[] oldVals = vals;
        if (nasize > oldArray.length) {
            if (allocator != null) {
                allocator.accept(16L * (nasize - oldArray.length));
            }
            array = java.util.Arrays.copyOf(oldArray, nasize);
        }
        setNodeVector(nhsize);
        if (nasize < oldArray.length) {
            array = java.util.Arrays.copyOf(oldArray, nasize);
            for (int i = nasize; i < oldArray.length; i++) {
                if (oldArray[i] != null) {
                    rawset(i + 1, oldArray[i]);
                }
            }
        }
        for (int i = oldKeys.length - 1; i >= 0; i--) {
            if (oldVals[i] != null) {
                rawset(oldKeys[i], oldVals[i]);
            }
        }
    }

    /**
     * luaH_resizearray: the array part to exactly {@code nasize} slots, the node part kept at its
     * size (the table constructor's SETLIST does this for a multi-valued last item).
     */
    public void resizeArray(int nasize) {
        resize(nasize, keys.length);
    }

    // ---- length and traversal

    /** A border (Lua's {@code #t}, luaH_getn): n with t[n] ~= nil and t[n+1] == nil, or 0. */
    public int length() {
        int j = array.length;
        if (j > 0 && array[j - 1] == null) {
            int i = 0;
            while (j - i > 1) {
                int m = (i + j) >>> 1;
                if (array[m - 1] == null) {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i;
        }
        if (keys.length == 0) {
            return j;
        }
        return unboundSearch(j);
    }

    private int unboundSearch(int start) {
        long i = start;
        long j = start + 1L;
        while (rawget((double) j) != null) {
            i = j;
            j *= 2;
            if (j > Integer.MAX_VALUE) {
                int k = 1;
                while (rawget(k) != null) {
                    k++;
                }
                return k - 1;
            }
        }
        while (j - i > 1) {
            long m = (i + j) / 2;
            if (rawget((double) m) == null) {
                j = m;
            } else {
                i = m;
            }
        }
        return (int) i;
    }

    /**
     * Lua's next: the entry after {@code key} ({@code null} starts) as {@code {key, value}}, or
     * {@code null} at the end. Throws "invalid key to 'next'" for a key not in the table.
     */
    public Object[] next(Object key) {
        int i = findIndex(key);
        for (i++; i < array.length; i++) {
            if (array[i] != null) {
                return new Object[] {(double) (i + 1), array[i]};
            }
        }
        for (i -= array.length; i < keys.length; i++) {
            if (vals[i] != null) {
                return new Object[] {keys[i], vals[i]};
            }
        }
        return null;
    }

    private int findIndex(Object key) {
        if (key == null) {
            return -1;
        }
        if (key instanceof Double d) {
            double v = d;
            int i = (int) v;
            if (i == v && i >= 1 && i <= array.length) {
                return i - 1;
            }
        }
        int n = findNode(key);
        if (n < 0) {
            throw LuaError.value(LuaString.of("invalid key to 'next'")); // no position: raised inside next
        }
        return n + array.length;
    }

    /** table.insert(t, v): appends at #t + 1. */
    public void append(Object v) {
        rawset(length() + 1, v);
    }

    /** The array part's size (the constructor's SETLIST grows it to fit a multi-valued last item). */
    public int arraySizeForConstructor() {
        return array.length;
    }

    /** The array part's size (for tests pinning the layout against ltable.c). */
    int arraySize() {
        return array.length;
    }

    /** The node part's size, 0 for Lua's dummy node. */
    int nodeSize() {
        return keys.length;
    }
}
