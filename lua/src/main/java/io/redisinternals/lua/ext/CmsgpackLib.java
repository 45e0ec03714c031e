package io.redisinternals.lua.ext;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.io.ByteArrayOutputStream;

/**
 * The global {@code cmsgpack} table (lua-cmsgpack 0.4.0 as Redis bundles it): pack, unpack,
 * unpack_one, unpack_limit and the metadata fields. Packing: a number that is an int64 packs as
 * the smallest integer type, any other number as float32 when that is exact, else float64; a
 * table whose keys are exactly 1..n is an array (the empty table too), any other a map; tables
 * nested 16 deep, and values msgpack has no type for, pack as nil. Unpacking decodes the types
 * the packer writes plus str8 and the fixed/16/32 collections; bin, ext and 0xc1 are "Bad data
 * format". See {@link MsgpackDecoder} for the Lua C stack limit the C decoder runs into.
 */
public final class CmsgpackLib {

    private CmsgpackLib() {
    }

    /** Tables nested this deep pack as nil (LUACMSGPACK_MAX_NESTING): survives cyclic tables. */
    static final int MAX_NESTING = 16;

    public static void open(LuaState state) {
        LuaTable t = new LuaTable();
        set(t, "pack", CmsgpackLib::pack);
        set(t, "unpack", (s, a) -> MsgpackDecoder.unpack(s, a, 0, 0, a.length));
        set(t, "unpack_one", (s, a) -> {
            long offset = Lua.optInteger(a, 2, 0);
            return MsgpackDecoder.unpack(s, a, 1, offset, 1);
        });
        set(t, "unpack_limit", (s, a) -> {
            long limit = Lua.checkInteger(a, 2);
            long offset = Lua.optInteger(a, 3, 0);
            return MsgpackDecoder.unpack(s, a, limit, offset, 1);
        });
        t.rawset(LuaString.of("_NAME"), LuaString.of("cmsgpack"));
        t.rawset(LuaString.of("_VERSION"), LuaString.of("lua-cmsgpack 0.4.0"));
        t.rawset(LuaString.of("_COPYRIGHT"), LuaString.of("Copyright (C) 2012, Salvatore Sanfilippo"));
        t.rawset(LuaString.of("_DESCRIPTION"), LuaString.of("MessagePack C implementation for Lua"));
        state.globals().rawset(LuaString.of("cmsgpack"), t);
    }

    private static void set(LuaTable t, String name, LuaFunction.Body body) {
        t.rawset(LuaString.of(name), LuaFunction.of(name, body));
    }

    /** Every argument packed, one after the other. */
    private static Object[] pack(LuaState state, Object[] args) {
        if (args.length == 0) {
            throw LuaError.argument(0, "MessagePack pack needs input.");
        }
        if (2L * args.length > JsonEncoder.MAX_C_STACK) { // the C code needs as many free slots again
            throw LuaError.argument(0, "Too many arguments for MessagePack pack.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object a : args) {
            encode(out, a, 0);
        }
        state.allocate(out.size());
        return Lua.one(LuaString.wrap(out.toByteArray()));
    }

    private static void encode(ByteArrayOutputStream out, Object v, int level) {
        if (v instanceof LuaString s) {
            header(out, s.length(), 0xa0, 31, 0xd9, 0xda, 0xdb);
            for (int i = 0; i < s.length(); i++) {
                out.write(s.byteAt(i));
            }
        } else if (v instanceof Boolean b) {
            out.write(b ? 0xc3 : 0xc2);
        } else if (v instanceof Double d) {
            number(out, d);
        } else if (v instanceof LuaTable t && level < MAX_NESTING) {
            if (isArray(t)) {
                int n = t.length();
                header(out, n, 0x90, 15, -1, 0xdc, 0xdd);
                for (int i = 1; i <= n; i++) {
                    encode(out, t.rawget(i), level + 1);
                }
            } else {
                int n = 0;
                for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
                    n++;
                }
                header(out, n, 0x80, 15, -1, 0xde, 0xdf);
                for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
                    encode(out, e[0], level + 1);
                    encode(out, e[1], level + 1);
                }
            }
        } else {
            out.write(0xc0); // nil, and what msgpack has no type for
        }
    }

    /** Keys exactly 1..n: all positive numbers that are C ints, as many as the largest. */
    private static boolean isArray(LuaTable t) {
        int count = 0;
        int max = 0;
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            if (!(e[0] instanceof Double d) || d <= 0 || CNumbers.toCInt(d) != d) {
                return false;
            }
            max = Math.max(max, (int) (double) d);
            count++;
        }
        return max == count;
    }

    /** A length header: fix form up to fixMax, then 8 (when the type has it), 16 and 32 bits. */
    private static void header(ByteArrayOutputStream out, long n, int fix, int fixMax, int t8, int t16, int t32) {
        if (n <= fixMax) {
            out.write(fix | (int) n);
        } else if (t8 >= 0 && n <= 0xff) {
            out.write(t8);
            out.write((int) n);
        } else if (n <= 0xffff) {
            out.write(t16);
            bigEndian(out, n, 2);
        } else {
            out.write(t32);
            bigEndian(out, n, 4);
        }
    }

    private static void number(ByteArrayOutputStream out, double d) {
        long n = CNumbers.toCLong(d);
        if (!Double.isInfinite(d) && n == d) {
            integer(out, n);
        } else if ((double) (float) d == d) {
            out.write(0xca);
            bigEndian(out, Float.floatToRawIntBits((float) d), 4);
        } else {
            out.write(0xcb);
            bigEndian(out, Double.doubleToRawLongBits(d), 8);
        }
    }

    private static void integer(ByteArrayOutputStream out, long n) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                out.write(0xcc);
                out.write((int) n);
            } else if (n <= 0xffff) {
                out.write(0xcd);
                bigEndian(out, n, 2);
            } else if (n <= 0xffffffffL) {
                out.write(0xce);
                bigEndian(out, n, 4);
            } else {
                out.write(0xcf);
                bigEndian(out, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) n & 0xff);
        } else if (n >= -128) {
            out.write(0xd0);
            out.write((int) n & 0xff);
        } else if (n >= -32768) {
            out.write(0xd1);
            bigEndian(out, n, 2);
        } else if (n >= -2147483648L) {
            out.write(0xd2);
            bigEndian(out, n, 4);
        } else {
            out.write(0xd3);
            bigEndian(out, n, 8);
        }
    }

    private static void bigEndian(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
