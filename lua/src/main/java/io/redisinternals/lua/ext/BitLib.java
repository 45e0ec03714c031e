package io.redisinternals.lua.ext;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * The global {@code bit} table (LuaBitOp 1.0 as Redis bundles it): 32-bit operations on Lua
 * numbers, results as signed 32-bit numbers.
 */
public final class BitLib {

    private BitLib() {
    }

    /** 2^52 + 2^51: adding it puts a double's integer part, rounded to even, in the low 32 bits. */
    private static final double MAGIC = 6755399441055744.0;

    public static void open(LuaState state) {
        LuaTable t = new LuaTable();
        set(t, "tobit", a -> bits(a, 1));
        set(t, "bnot", a -> ~bits(a, 1));
        set(t, "band", a -> fold(a, 0));
        set(t, "bor", a -> fold(a, 1));
        set(t, "bxor", a -> fold(a, 2));
        set(t, "lshift", a -> bits(a, 1) << (bits(a, 2) & 31));
        set(t, "rshift", a -> bits(a, 1) >>> (bits(a, 2) & 31));
        set(t, "arshift", a -> bits(a, 1) >> (bits(a, 2) & 31));
        set(t, "rol", a -> Integer.rotateLeft(bits(a, 1), bits(a, 2) & 31));
        set(t, "ror", a -> Integer.rotateRight(bits(a, 1), bits(a, 2) & 31));
        set(t, "bswap", a -> Integer.reverseBytes(bits(a, 1)));
        t.rawset(LuaString.of("tohex"), LuaFunction.of("tohex", (s, a) -> Lua.one(tohex(a))));
        state.globals().rawset(LuaString.of("bit"), t);
    }

    private interface Op {
        int apply(Object[] args);
    }

    private static void set(LuaTable t, String name, Op op) {
        t.rawset(LuaString.of(name), LuaFunction.of(name, (s, a) -> Lua.one((double) op.apply(a))));
    }

    /**
     * Argument i as 32 bits. Any value converts (not a number: 0, as lua_tonumber gives), and
     * only a result of 0 from a non-number is an error: that is LuaBitOp's check on Lua 5.1.
     */
    static int bits(Object[] args, int i) {
        Double n = Lua.toNumber(Lua.arg(args, i));
        int b = (int) Double.doubleToRawLongBits((n == null ? 0 : n) + MAGIC);
        if (b == 0 && n == null) {
            throw LuaError.type(i, "number", args);
        }
        return b;
    }

    /** band/bor/bxor: the first argument, then the others from the last one down (the C order). */
    private static int fold(Object[] args, int op) {
        int b = bits(args, 1);
        for (int i = args.length; i > 1; i--) {
            int x = bits(args, i);
            b = op == 0 ? b & x : op == 1 ? b | x : b ^ x;
        }
        return b;
    }

    private static LuaString tohex(Object[] args) {
        int b = bits(args, 1);
        int n = args.length < 2 ? 8 : bits(args, 2);
        String digits = "0123456789abcdef";
        if (n < 0) {
            n = -n;
            digits = "0123456789ABCDEF";
        }
        n = Math.max(0, Math.min(n, 8));
        byte[] out = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = (byte) digits.charAt(b & 15);
            b >>>= 4;
        }
        return LuaString.wrap(out);
    }
}
