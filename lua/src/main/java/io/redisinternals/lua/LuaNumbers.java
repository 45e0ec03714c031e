package io.redisinternals.lua;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as Lua 5.1 writes and reads them: {@code tostring} is C's {@code "%.14g"}
 * (LUAI_NUMFFORMAT), reading is luaO_str2d (strtod in the C locale, then a hexadecimal integer).
 */
public final class LuaNumbers {

    private LuaNumbers() {
    }

    private static final MathContext FOURTEEN = new MathContext(14, RoundingMode.HALF_EVEN);

    /** {@code "%.14g"} as glibc prints it (exact decimal expansion rounded to 14 digits). */
    public static String format(double d) {
        if (Double.isNaN(d)) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        long asLong = (long) d;
        if (asLong == d && Math.abs(asLong) < 100_000_000_000_000L) {
            return Long.toString(asLong); // 14 digits or fewer: printed exactly, no exponent
        }
        BigDecimal rounded = new BigDecimal(d).round(FOURTEEN);
        int exponent = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().abs().toString();
        // strip trailing zeros (%g without '#')
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        StringBuilder sb = new StringBuilder(24);
        if (rounded.signum() < 0) {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= 14) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
        } else if (exponent < 0) {
            sb.append("0.");
            sb.append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            sb.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return sb.toString();
    }

    public static LuaString toLuaString(double d) {
        return LuaString.of(format(d));
    }

    /**
     * luaO_str2d: the number a string spells, or {@code null}. Leading and trailing whitespace is
     * allowed; decimal (with exponent), and hexadecimal integers "0x1F".
     * TODO(lib): everything glibc's strtod accepts (inf, nan, hex floats), exactly.
     */
    public static Double parse(LuaString s) {
        String t = s.toString().strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
            if (u.startsWith("0x") || u.startsWith("0X")) {
                double v = Long.parseLong(u.substring(2), 16);
                return t.startsWith("-") ? -v : v;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                    return null;
                }
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
