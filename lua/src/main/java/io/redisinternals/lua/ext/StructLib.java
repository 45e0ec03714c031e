package io.redisinternals.lua.ext;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;

/**
 * The global {@code struct} table (Roberto Ierusalimschy's struct library as Redis bundles it):
 * pack, unpack and size over a format of options: {@code > < !n} (endianness, maximum alignment;
 * the defaults are x86-64's: little-endian, alignment 1, "!" alone 8), {@code b B h H l L T} and
 * {@code i I} with an optional size up to 32 bytes, {@code f d}, {@code s} (zero-terminated),
 * {@code c} and {@code cn} (fixed length, {@code c0}: all of it when packing, the previous
 * result's length when unpacking), {@code x} (a zero byte), spaces ignored. The sizes are those
 * of the C types on x86-64 (short 2, int 4, long and size_t 8). Integers go through a 64-bit C
 * long exactly as the C code converts them, bytes past the eighth included.
 */
public final class StructLib {

    private StructLib() {
    }

    private static final int MAX_INT_SIZE = 32;
    /** The strictest alignment of x86-64 (a double's), what "!" alone selects. */
    private static final int MAX_ALIGN = 8;

    public static void open(LuaState state) {
        LuaTable t = new LuaTable();
        t.rawset(LuaString.of("pack"), LuaFunction.of("pack", (s, a) -> Lua.one(pack(s, a))));
        t.rawset(LuaString.of("unpack"), LuaFunction.of("unpack", (s, a) -> unpack(a)));
        t.rawset(LuaString.of("size"), LuaFunction.of("size", (s, a) -> Lua.one((double) size(a))));
        state.globals().rawset(LuaString.of("struct"), t);
    }

    /** A format being read: the C string (up to its first NUL), position, endianness, alignment. */
    private static final class Format {
        final LuaString text;
        final int end;
        int i;
        boolean little = true;
        int align = 1;

        Format(LuaString text) {
            this.text = text;
            int e = 0;
            while (e < text.length() && text.byteAt(e) != 0) {
                e++;
            }
            this.end = e;
        }

        boolean more() {
            return i < end;
        }

        int next() {
            return text.byteAt(i++);
        }

        int number(int def) {
            if (i >= end || !isDigit(text.byteAt(i))) {
                return def;
            }
            int a = 0;
            do {
                int d = text.byteAt(i) - '0';
                if (a > Integer.MAX_VALUE / 10 || a * 10 > Integer.MAX_VALUE - d) {
                    throw LuaError.runtime("integral size overflow");
                }
                a = a * 10 + d;
                i++;
            } while (i < end && isDigit(text.byteAt(i)));
            return a;
        }

        /** The size of option opt (reading its digits), 0 for options without one. */
        int size(int opt) {
            switch (opt) {
                case 'B', 'b', 'x':
                    return 1;
                case 'H', 'h':
                    return 2;
                case 'L', 'l', 'T', 'd':
                    return 8;
                case 'f':
                    return 4;
                case 'c':
                    return number(1);
                case 'i', 'I': {
                    int sz = number(4);
                    if (sz > MAX_INT_SIZE) {
                        throw LuaError.runtime("integral size " + sz + " is larger than limit of " + MAX_INT_SIZE);
                    }
                    return sz;
                }
                default:
                    return 0;
            }
        }

        /** Padding before an item of this size at offset len (the C formula, kept for odd sizes). */
        long padding(long len, int opt, long size) {
            if (size == 0 || opt == 'c') {
                return 0;
            }
            if (size > align) {
                size = align;
            }
            return (size - (len & (size - 1))) & (size - 1);
        }

        void control(int opt) {
            switch (opt) {
                case ' ' -> { }
                case '>' -> little = false;
                case '<' -> little = true;
                case '!' -> {
                    int a = number(MAX_ALIGN);
                    if (a <= 0 || (a & (a - 1)) != 0) {
                        throw LuaError.runtime("alignment " + a + " is not a power of 2");
                    }
                    align = a;
                }
                default -> throw LuaError.argument(1, "invalid format option '" + (char) opt + "'");
            }
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIntegerOption(int opt) {
        return "bBhHlLTiI".indexOf(opt) >= 0;
    }

    private static LuaString pack(LuaState state, Object[] given) {
        Format f = new Format(Lua.checkString(given, 1));
        // the C code pushes a nil after the arguments (a mark for its buffer): one argument too
        // few reads as nil ("got nil"), further ones as none ("got no value")
        Object[] args = java.util.Arrays.copyOf(given, given.length + 1);
        int arg = 2;
        long total = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (f.more()) {
            int opt = f.next();
            long size = f.size(opt);
            long pad = f.padding(total, opt, size);
            total += pad;
            for (long k = 0; k < pad; k++) {
                out.write(0);
            }
            if (isIntegerOption(opt)) {
                double n = Lua.checkNumber(args, arg++);
                long value = n < 0 ? CNumbers.toCLong(n) : CNumbers.toCUnsignedLong(n);
                byte[] b = new byte[(int) size];
                for (int k = 0; k < size && k < 8; k++) {
                    b[f.little ? k : (int) size - 1 - k] = (byte) (value >>> (8 * k)); // past 8 bytes: zeros
                }
                out.writeBytes(b);
            } else if (opt == 'x') {
                out.write(0);
            } else if (opt == 'f') {
                raw(out, Float.floatToRawIntBits((float) Lua.checkNumber(args, arg++)), 4, f.little);
            } else if (opt == 'd') {
                raw(out, Double.doubleToRawLongBits(Lua.checkNumber(args, arg++)), 8, f.little);
            } else if (opt == 'c' || opt == 's') {
                LuaString s = Lua.checkString(args, arg++);
                if (size == 0) {
                    size = s.length();
                }
                if (s.length() < size) {
                    throw LuaError.argument(arg, "string too short"); // arg already moved on, as in C
                }
                for (int k = 0; k < size; k++) {
                    out.write(s.byteAt(k));
                }
                if (opt == 's') {
                    out.write(0);
                    size++;
                }
            } else {
                f.control(opt);
            }
            total += size;
        }
        state.allocate(out.size());
        return LuaString.wrap(out.toByteArray());
    }

    private static void raw(ByteArrayOutputStream out, long bits, int size, boolean little) {
        for (int k = 0; k < size; k++) {
            int shift = little ? 8 * k : 8 * (size - 1 - k);
            out.write((int) (bits >>> shift) & 0xff);
        }
    }

    private static long read(LuaString data, long pos, int size, boolean little) {
        long l = 0;
        for (int k = 0; k < size; k++) {
            int at = little ? size - 1 - k : k;
            l = l << 8 | data.byteAt((int) pos + at);
        }
        return l;
    }

    private static Object[] unpack(Object[] args) {
        Format f = new Format(Lua.checkString(args, 1));
        LuaString data = Lua.checkString(args, 2);
        long ld = data.length();
        long pos = Lua.optInteger(args, 3, 1); // a size_t in C: negative offsets become huge
        if (pos == 0) {
            throw LuaError.argument(3, "offset must be 1 or greater");
        }
        pos--;
        java.util.ArrayList<Object> results = new java.util.ArrayList<>();
        while (f.more()) {
            int opt = f.next();
            long size = f.size(opt);
            pos += f.padding(pos, opt, size);
            if (!fits(size, pos, ld)) {
                throw LuaError.argument(2, "data string too short");
            }
            if (args.length + results.size() + 2 > JsonEncoder.MAX_C_STACK) {
                throw LuaError.runtime("stack overflow (too many results)");
            }
            if (isIntegerOption(opt)) {
                long l = read(data, pos, (int) size, f.little);
                if (Character.isLowerCase(opt)) {
                    long mask = -1L << (size * 8 - 1); // x86 takes the shift count mod 64, as Java does
                    if ((l & mask) != 0) {
                        l |= mask;
                    }
                    results.add((double) l);
                } else {
                    results.add(unsignedToDouble(l));
                }
            } else if (opt == 'f') {
                results.add((double) Float.intBitsToFloat((int) read(data, pos, 4, f.little)));
            } else if (opt == 'd') {
                results.add(Double.longBitsToDouble(read(data, pos, 8, f.little)));
            } else if (opt == 'c') {
                if (size == 0) {
                    Double n = results.isEmpty() ? null : Lua.toNumber(results.get(results.size() - 1));
                    if (n == null) {
                        throw LuaError.runtime("format 'c0' needs a previous size");
                    }
                    size = n < 0 ? CNumbers.toCLong(n) : CNumbers.toCUnsignedLong(n);
                    results.remove(results.size() - 1);
                    if (!fits(size, pos, ld)) {
                        throw LuaError.argument(2, "data string too short");
                    }
                }
                results.add(data.substring((int) pos, (int) (pos + size)));
            } else if (opt == 's') {
                int e = (int) pos;
                while (e < ld && data.byteAt(e) != 0) {
                    e++;
                }
                if (e == ld) {
                    throw LuaError.runtime("unfinished string in data");
                }
                size = e - pos + 1;
                results.add(data.substring((int) pos, e));
            } else if (opt != 'x') {
                f.control(opt);
            }
            pos += size;
        }
        results.add((double) (pos + 1));
        return results.toArray();
    }

    /** size <= ld && pos <= ld - size, in size_t arithmetic (unsigned). */
    private static boolean fits(long size, long pos, long ld) {
        return Long.compareUnsigned(size, ld) <= 0 && Long.compareUnsigned(pos, ld - size) <= 0;
    }

    private static double unsignedToDouble(long l) {
        return l >= 0 ? (double) l : new BigDecimal(Long.toUnsignedString(l)).doubleValue();
    }

    private static long size(Object[] args) {
        Format f = new Format(Lua.checkString(args, 1));
        long pos = 0;
        while (f.more()) {
            int opt = f.next();
            long size = f.size(opt);
            pos += f.padding(pos, opt, size);
            if (opt == 's') {
                throw LuaError.argument(1, "option 's' has no fixed size");
            }
            if (opt == 'c' && size == 0) {
                throw LuaError.argument(1, "option 'c0' has no fixed size");
            }
            if (!Character.isLetterOrDigit(opt) || opt > 127) {
                f.control(opt);
            }
            pos += size;
        }
        return pos;
    }
}
