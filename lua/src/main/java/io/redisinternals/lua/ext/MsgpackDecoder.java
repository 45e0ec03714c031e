package io.redisinternals.lua.ext;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.util.ArrayList;
import java.util.List;

/**
 * cmsgpack's unpack family. The C decoder keeps every value it has decoded, and every table and
 * key under construction, on the Lua stack of one C call, which Lua 5.1 caps at 8000 slots
 * (LUAI_MAXCSTACK): thousands of top-level values, or collections nested about 4000 deep, end in
 * its "stack overflow (...)" errors. We count the same slots and fail at the same points.
 */
final class MsgpackDecoder {

    private static final String TOO_MANY = "too many return values at once; use unpack_one or unpack_limit instead.";

    private final LuaState state;
    private final LuaString data;
    private int p;
    /** Slots used on the C function's Lua stack. */
    private int top;
    /** Why decoding stopped: "Missing bytes in input." or "Bad data format in input.". */
    private String error;

    private MsgpackDecoder(LuaState state, LuaString data, int p, int top) {
        this.state = state;
        this.data = data;
        this.p = p;
        this.top = top;
    }

    /**
     * Decodes up to {@code limit} values from {@code offset} (limit and offset 0: all of them, and
     * no next offset in the results); {@code stackBase} is how many arguments stay on the stack.
     */
    static Object[] unpack(LuaState state, Object[] args, long limit, long offset, int stackBase) {
        LuaString s = Lua.checkString(args, 1);
        int len = s.length();
        boolean all = limit == 0 && offset == 0;
        if (offset < 0 || limit < 0) {
            throw LuaError.runtime("Invalid request to unpack with offset of " + (int) offset + " and limit of " + len + ".");
        }
        if (offset > len) {
            throw LuaError.runtime("Start offset " + (int) offset + " greater than input length " + len + ".");
        }
        if (all) {
            limit = Integer.MAX_VALUE;
        }
        MsgpackDecoder d = new MsgpackDecoder(state, s, (int) offset, stackBase);
        List<Object> values = new ArrayList<>();
        if (!all) {
            values.add(null); // the next offset goes first
        }
        for (long n = 0; d.p < len && n < limit; n++) {
            Object v = d.decode();
            if (d.error != null) {
                throw LuaError.runtime(d.error);
            }
            values.add(v);
        }
        if (!all) {
            values.set(0, (double) (d.p == len ? -1 : d.p));
        }
        return values.toArray();
    }

    private boolean need(int n) {
        if (data.length() - p < n) {
            error = "Missing bytes in input.";
            return false;
        }
        return true;
    }

    private void checkStack(String what) {
        if (top + 1 > JsonEncoder.MAX_C_STACK) {
            throw LuaError.runtime("stack overflow (" + what + ")");
        }
    }

    private long big(int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = v << 8 | data.byteAt(at + i);
        }
        return v;
    }

    /** One value, counted as pushed on success; null with {@link #error} set on failure. */
    private Object decode() {
        if (!need(1)) {
            return null;
        }
        checkStack(TOO_MANY);
        int b = data.byteAt(p);
        Object v;
        switch (b) {
            case 0xcc, 0xcd, 0xce, 0xcf -> {
                int n = 1 << (b - 0xcc);
                if (!need(1 + n)) {
                    return null;
                }
                v = (double) big(p + 1, n); // uint64 past 2^63 comes out negative, as lua_pushinteger does
                p += 1 + n;
            }
            case 0xd0, 0xd1, 0xd2, 0xd3 -> {
                int n = 1 << (b - 0xd0);
                if (!need(1 + n)) {
                    return null;
                }
                long raw = big(p + 1, n);
                v = (double) (raw << (64 - 8 * n) >> (64 - 8 * n));
                p += 1 + n;
            }
            case 0xc0 -> {
                v = null;
                p++;
            }
            case 0xc2, 0xc3 -> {
                v = b == 0xc3;
                p++;
            }
            case 0xca -> {
                if (!need(5)) {
                    return null;
                }
                v = (double) Float.intBitsToFloat((int) big(p + 1, 4));
                p += 5;
            }
            case 0xcb -> {
                if (!need(9)) {
                    return null;
                }
                v = Double.longBitsToDouble(big(p + 1, 8));
                p += 9;
            }
            case 0xd9, 0xda, 0xdb -> {
                int n = b == 0xd9 ? 1 : b == 0xda ? 2 : 4;
                if (!need(1 + n)) {
                    return null;
                }
                long l = big(p + 1, n);
                if (b == 0xdb) {
                    p += 5; // the C code consumes a str32 header before checking the body
                    if (data.length() - p < l) {
                        error = "Missing bytes in input.";
                        return null;
                    }
                    v = string(p, (int) l);
                    p += (int) l;
                } else {
                    if (!need(1 + n + (int) l)) {
                        return null;
                    }
                    v = string(p + 1 + n, (int) l);
                    p += 1 + n + (int) l;
                }
            }
            case 0xdc, 0xdd, 0xde, 0xdf -> {
                int n = b == 0xdc || b == 0xde ? 2 : 4;
                if (!need(1 + n)) {
                    return null;
                }
                long l = big(p + 1, n);
                p += 1 + n;
                v = b <= 0xdd ? array(l) : map(l);
            }
            default -> {
                if ((b & 0x80) == 0) {
                    v = (double) b;
                    p++;
                } else if ((b & 0xe0) == 0xe0) {
                    v = (double) (byte) b;
                    p++;
                } else if ((b & 0xe0) == 0xa0) {
                    int l = b & 0x1f;
                    if (!need(1 + l)) {
                        return null;
                    }
                    v = string(p + 1, l);
                    p += 1 + l;
                } else if ((b & 0xf0) == 0x90) {
                    p++;
                    v = array(b & 0xf);
                } else if ((b & 0xf0) == 0x80) {
                    p++;
                    v = map(b & 0xf);
                } else {
                    error = "Bad data format in input.";
                    return null;
                }
            }
        }
        if (error == null) {
            top++;
        }
        return v;
    }

    private LuaString string(int at, int length) {
        state.allocate(length);
        return data.substring(at, at + length);
    }

    private LuaTable array(long n) {
        LuaTable t = new LuaTable();
        top++;
        checkStack("in function mp_decode_to_lua_array");
        for (long i = 1; i <= n; i++) {
            top++; // the index
            Object v = decode();
            if (error != null) {
                return null;
            }
            if (v != null) {
                t.rawset((double) i, v);
            }
            top -= 2;
        }
        top--; // decode() counts the finished table
        return t;
    }

    private LuaTable map(long n) {
        LuaTable t = new LuaTable();
        top++;
        for (long i = 0; i < n; i++) {
            Object k = decode();
            if (error != null) {
                return null;
            }
            Object v = decode();
            if (error != null) {
                return null;
            }
            if (k == null || k instanceof Double d && Double.isNaN(d)) {
                // lua_settable from C: Lua's error, with no position (no Lua code is running)
                throw LuaError.value(LuaString.of(k == null ? "table index is nil" : "table index is NaN"));
            }
            t.rawset(k, v);
            top -= 2;
        }
        top--;
        return t;
    }
}
