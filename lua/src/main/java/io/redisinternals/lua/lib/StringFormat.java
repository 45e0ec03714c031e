package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import java.nio.charset.StandardCharsets;

/**
 * string.format as Lua 5.1 does it: each '%' item takes the next argument (checked before the
 * item is read, so a missing one is "bad argument #n to 'format' (no value)"), then at most five
 * flags "-+ #0", two width digits, '.' and two precision digits, and one conversion that
 * {@link CFormat} writes as sprintf would. %q quotes for Lua's reader; %s goes through sprintf
 * (cut at a zero byte) unless it has no precision and is 100 bytes or longer (then added whole).
 */
final class StringFormat {

    private StringFormat() {
    }

    private static final String FLAGS = "-+ #0";

    static Object[] format(LuaState state, Object[] args) {
        byte[] f = Lua.checkString(args, 1).toBytes();
        ByteBuffer b = new ByteBuffer(state, f.length);
        int arg = 1;
        int i = 0;
        while (i < f.length) {
            int c = f[i++] & 0xff;
            if (c != '%') {
                b.add(c);
                continue;
            }
            if (i < f.length && f[i] == '%') {
                b.add('%');
                i++;
                continue;
            }
            if (++arg > args.length) {
                throw LuaError.argument(arg, "no value");
            }
            CFormat spec = new CFormat();
            int flagsStart = i;
            while (i < f.length && FLAGS.indexOf(f[i]) >= 0 && f[i] != 0) {
                switch (f[i++]) {
                    case '-': spec.left = true; break;
                    case '+': spec.plus = true; break;
                    case ' ': spec.space = true; break;
                    case '#': spec.alternate = true; break;
                    default: spec.zero = true;
                }
            }
            if (i - flagsStart > FLAGS.length()) {
                throw LuaError.runtime("invalid format (repeated flags)");
            }
            int[] at = {i};
            spec.width = digits(f, at);
            boolean hasPrecision = false;
            if (at[0] < f.length && f[at[0]] == '.') {
                hasPrecision = true;
                at[0]++;
                int p = digits(f, at);
                spec.precision = Math.max(p, 0);
            }
            i = at[0];
            if (i < f.length && Ctype.isDigit(f[i])) {
                throw LuaError.runtime("invalid format (width or precision too long)");
            }
            int conv = i < f.length ? f[i++] & 0xff : 0;
            switch (conv) {
                case 'c': {
                    int ch = Args.toInt(Lua.checkNumber(args, arg));
                    byte[] item = spec.bytes(new byte[] {(byte) ch});
                    b.add(cString(LuaString.wrap(item), -1)); // each item is added up to its first zero (strlen)
                    break;
                }
                case 'd': case 'i':
                    b.add(ascii(spec.integer((char) conv, Args.toLong(Lua.checkNumber(args, arg)))));
                    break;
                case 'o': case 'u': case 'x': case 'X':
                    b.add(ascii(spec.integer((char) conv, Args.toUnsignedLong(Lua.checkNumber(args, arg)))));
                    break;
                case 'e': case 'E': case 'f': case 'g': case 'G':
                    b.add(ascii(spec.floating((char) conv, Lua.checkNumber(args, arg))));
                    break;
                case 'q':
                    addQuoted(b, Lua.checkString(args, arg));
                    break;
                case 's': {
                    LuaString s = Lua.checkString(args, arg);
                    if (!hasPrecision && s.length() >= 100) {
                        b.add(s);
                    } else {
                        b.add(spec.bytes(cString(s, spec.precision)));
                    }
                    break;
                }
                default:
                    String shown = conv == 0 ? "" : String.valueOf((char) conv);
                    throw LuaError.runtime("invalid option '%" + shown + "' to 'format'");
            }
        }
        return Lua.one(b.result());
    }

    /** Up to two digits at at[0] (C's isdigit), or -1 when there are none. */
    private static int digits(byte[] f, int[] at) {
        int v = -1;
        for (int k = 0; k < 2 && at[0] < f.length && Ctype.isDigit(f[at[0]]); k++) {
            v = Math.max(v, 0) * 10 + (f[at[0]++] - '0');
        }
        return v;
    }

    /** The bytes sprintf's %s reads: up to the first zero byte, at most {@code precision}. */
    private static byte[] cString(LuaString s, int precision) {
        byte[] b = s.toBytes();
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        if (precision >= 0 && precision < n) {
            n = precision;
        }
        return n == b.length ? b : java.util.Arrays.copyOf(b, n);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** %q: in double quotes, with '"' '\' newline escaped by '\', '\r' as \r and zero as \000. */
    private static void addQuoted(ByteBuffer b, LuaString s) {
        b.add('"');
        for (int i = 0; i < s.length(); i++) {
            int c = s.byteAt(i);
            switch (c) {
                case '"': case '\\': case '\n':
                    b.add('\\');
                    b.add(c);
                    break;
                case '\r':
                    b.add("\\r");
                    break;
                case 0:
                    b.add("\\000");
                    break;
                default:
                    b.add(c);
            }
        }
        b.add('"');
    }
}
