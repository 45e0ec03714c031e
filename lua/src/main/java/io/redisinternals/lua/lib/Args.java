package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;

/**
 * Argument conversions as the C library performs them on x86-64: lua_Integer is a 64-bit
 * ptrdiff_t converted from the double by truncation, and a value out of range (or NaN) becomes
 * the "integer indefinite" 0x8000... that the cvttsd2si instruction yields -- Java's cast would
 * saturate instead, and results (string.rep counts, %d of 1e300) would differ.
 */
final class Args {

    private Args() {
    }

    /** (lua_Integer) d on x86-64. */
    static long toLong(double d) {
        if (d >= -0x1p63 && d < 0x1p63) {
            return (long) d;
        }
        return Long.MIN_VALUE;
    }

    /**
     * (unsigned long) d as gcc compiles it on x86-64: below 2^63 the signed conversion, from 2^63
     * on the signed conversion of d - 2^63 with the top bit set (so inf becomes 0).
     */
    static long toUnsignedLong(double d) {
        if (d >= 0x1p63) {
            return toLong(d - 0x1p63) ^ Long.MIN_VALUE;
        }
        return toLong(d);
    }

    /** (int) d on x86-64: the 32-bit truncation, INT_MIN when out of range. */
    static int toInt(double d) {
        if (d > -0x1p31 - 1 && d < 0x1p31) {
            return (int) d;
        }
        return Integer.MIN_VALUE;
    }

    /** luaL_checkinteger. */
    static long checkInteger(Object[] args, int i) {
        return toLong(Lua.checkNumber(args, i));
    }

    /** luaL_optinteger. */
    static long optInteger(Object[] args, int i, long def) {
        return Lua.arg(args, i) == null ? def : checkInteger(args, i);
    }

    /** luaL_checkint: the lua_Integer narrowed to a C int (its low 32 bits). */
    static int checkInt(Object[] args, int i) {
        return (int) checkInteger(args, i);
    }

    /** luaL_optint. */
    static int optInt(Object[] args, int i, int def) {
        return Lua.arg(args, i) == null ? def : checkInt(args, i);
    }

    /** luaL_checktype's error for argument {@code i}. */
    static LuaError typeError(Object[] args, int i, String expected) {
        return LuaError.type(i, expected, args);
    }
}
