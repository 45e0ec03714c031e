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

    /**
     * {@code "%.14g"} as glibc prints it: the exact binary value rounded half-even to 14
     * significant digits. Fast paths: integers below 10^14 print as they are, and a value whose
     * shortest round-trip spelling (Double.toString) has at most 14 digits prints those digits --
     * the exact value lies within half an ulp of them, far from any 14-digit rounding boundary.
     * Values needing 15-17 digits round those digits when they are clearly off the half; only
     * near-ties and subnormals (too few bits for these arguments) take exact BigDecimal rounding.
     */
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
        if (asLong == d && Math.abs(d) < 1e14) {
            return Long.toString(asLong); // 14 digits or fewer: printed exactly, no exponent
        }
        String shortest = Double.toString(Math.abs(d)); // "123.45" or "1.2345E-7"
        int e = shortest.indexOf('E');
        String mantissa = e < 0 ? shortest : shortest.substring(0, e);
        int exponent = (e < 0 ? 0 : Integer.parseInt(shortest.substring(e + 1))) + mantissa.indexOf('.') - 1;
        String digits = mantissa.replace(".", "");
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        exponent -= lead;
        digits = stripZeros(digits);
        boolean normal = Math.abs(d) >= Double.MIN_NORMAL; // subnormals have fewer bits: exact path
        if (digits.length() > 14 && normal) {
            // The discarded digits of the shortest spelling, in thousandths of the 14th digit's
            // unit; the exact value differs from that spelling by at most ~0.011 units, so away
            // from the half the rounding direction is already certain.
            int f = 0;
            for (int k = 14; k < 17; k++) {
                f = f * 10 + (k < digits.length() ? digits.charAt(k) - '0' : 0);
            }
            if (f < 480 || f > 520) {
                String head = digits.substring(0, 14);
                if (f > 500) {
                    head = increment(head);
                    if (head.length() > 14) { // 99999999999999 + 1: one more digit
                        exponent++;
                    }
                }
                return layout(d < 0, stripZeros(head), exponent);
            }
        }
        if (digits.length() > 14 || !normal) {
            BigDecimal rounded = new BigDecimal(d).abs().round(FOURTEEN);
            exponent = rounded.precision() - rounded.scale() - 1;
            digits = stripZeros(rounded.unscaledValue().toString());
        }
        return layout(d < 0, digits, exponent);
    }

    /** A decimal digit string plus one in its last place. */
    private static String increment(String digits) {
        char[] c = digits.toCharArray();
        for (int i = c.length - 1; i >= 0; i--) {
            if (c[i] != '9') {
                c[i]++;
                return new String(c);
            }
            c[i] = '0';
        }
        return "1" + new String(c);
    }

    /** Drops trailing zeros (%g without '#'). */
    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    /** %g's two styles for significant {@code digits} whose first has decimal exponent {@code exponent}. */
    private static String layout(boolean negative, String digits, int exponent) {
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
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
     * luaO_str2d: the number a string spells, or {@code null}. The text is read as C reads it: up
     * to its first zero byte. glibc's strtod in the C locale, then only whitespace may follow:
     * leading whitespace, a sign, a decimal with optional exponent, a hexadecimal float
     * ("0x1.8p1"), "inf"/"infinity"/"nan"/"nan(chars)" in any case. Lua 5.1's second try
     * (strtoul base 16 when strtod stops at an 'x') can never succeed once strtod reads hex
     * floats, so it is not repeated here. Out-of-range values are inf or 0 as strtod gives them.
     */
    public static Double parse(LuaString s) {
        byte[] b = s.bytes();
        int end = cEnd(b);
        int i = skipSpace(b, 0, end);
        int[] stop = new int[1];
        double v = strtod(b, i, end, stop);
        if (stop[0] == i) {
            return null;
        }
        return skipSpace(b, stop[0], end) == end ? v : null;
    }

    /**
     * tonumber(s, base) for base 2..36 (the caller checks the range): C's strtoul(s, &end, base)
     * -- whitespace, a sign (a minus negates modulo 2^64), "0x" allowed in base 16, digits and
     * letters below the base, saturating at 2^64-1 -- then only whitespace may follow.
     */
    public static Double parse(LuaString s, int base) {
        byte[] b = s.bytes();
        int end = cEnd(b);
        int i = skipSpace(b, 0, end);
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (base == 16 && i + 1 < end && b[i] == '0' && (b[i + 1] | 0x20) == 'x' && i + 2 < end
                && digit(b[i + 2], 16) >= 0) {
            i += 2;
        }
        long n = 0;
        boolean overflow = false;
        int first = i;
        for (int d; i < end && (d = digit(b[i], base)) >= 0; i++) {
            long hi = Math.multiplyHigh(n, base) + ((n >> 63) & base); // unsigned high word
            long lo = n * base;
            long sum = lo + d;
            if (hi != 0 || Long.compareUnsigned(sum, lo) < 0) {
                overflow = true;
            }
            n = sum;
        }
        if (i == first || skipSpace(b, i, end) != end) {
            return null;
        }
        if (overflow) {
            n = -1L; // ULONG_MAX; the sign is not applied to a saturated value
        } else if (negative) {
            n = -n;
        }
        return unsignedToDouble(n);
    }

    /** (lua_Number) of an unsigned long, rounded as the C conversion does. */
    static double unsignedToDouble(long n) {
        if (n >= 0) {
            return (double) n;
        }
        return new java.math.BigDecimal(Long.toUnsignedString(n)).doubleValue();
    }

    private static int cEnd(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }

    /** C's isspace in the C locale: space, \t \n \v \f \r. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int skipSpace(byte[] b, int i, int end) {
        while (i < end && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    private static int digit(byte c, int base) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            d = (c | 0x20) - 'a' + 10;
        } else {
            return -1;
        }
        return d < base ? d : -1;
    }

    private static boolean matchesWord(byte[] b, int i, int end, String word) {
        if (end - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * strtod from {@code i} (whitespace already skipped): the value, and in {@code stop[0]} where
     * reading stopped ({@code i} itself when nothing was read).
     */
    private static double strtod(byte[] b, int i, int end, int[] stop) {
        stop[0] = i;
        int p = i;
        boolean negative = false;
        if (p < end && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        double v;
        if (matchesWord(b, p, end, "inf")) {
            p += matchesWord(b, p, end, "infinity") ? 8 : 3;
            v = Double.POSITIVE_INFINITY;
        } else if (matchesWord(b, p, end, "nan")) {
            p += 3;
            if (p < end && b[p] == '(') { // nan(n-char-sequence) only when the ')' closes it
                int q = p + 1;
                while (q < end && (digit(b[q], 36) >= 0 || b[q] == '_')) {
                    q++;
                }
                if (q < end && b[q] == ')') {
                    p = q + 1;
                }
            }
            v = Double.NaN;
        } else if (p + 1 < end && b[p] == '0' && (b[p + 1] | 0x20) == 'x' && hexFloatStart(b, p + 2, end)) {
            int[] hexStop = new int[1];
            v = hexFloat(b, p + 2, end, hexStop);
            p = hexStop[0];
        } else {
            int q = p;
            int digits = 0;
            while (q < end && b[q] >= '0' && b[q] <= '9') {
                q++;
                digits++;
            }
            if (q < end && b[q] == '.') {
                q++;
                while (q < end && b[q] >= '0' && b[q] <= '9') {
                    q++;
                    digits++;
                }
            }
            if (digits == 0) {
                return 0;
            }
            String mantissa = new String(b, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1);
            long exponent = 0;
            int afterExponent = exponentEnd(b, q, end);
            if (afterExponent > q) {
                exponent = exponentValue(b, q + 1, afterExponent);
                q = afterExponent;
            }
            v = Double.parseDouble(mantissa + "e" + exponent);
            p = q;
        }
        stop[0] = p;
        // flip the sign bit itself: "-nan" is a NaN with its sign bit set, as lua5.1 prints it
        return negative ? Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ Long.MIN_VALUE) : v;
    }

    /** Whether a hex float's digits start at {@code p} (a hex digit, or '.' and a hex digit). */
    private static boolean hexFloatStart(byte[] b, int p, int end) {
        if (p < end && digit(b[p], 16) >= 0) {
            return true;
        }
        return p + 1 < end && b[p] == '.' && digit(b[p + 1], 16) >= 0;
    }

    private static double hexFloat(byte[] b, int p, int end, int[] stop) {
        int q = p;
        while (q < end && digit(b[q], 16) >= 0) {
            q++;
        }
        if (q < end && b[q] == '.') {
            q++;
            while (q < end && digit(b[q], 16) >= 0) {
                q++;
            }
        }
        String mantissa = new String(b, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (mantissa.endsWith(".")) {
            mantissa = mantissa.substring(0, mantissa.length() - 1);
        }
        long exponent = 0;
        if (q < end && (b[q] | 0x20) == 'p') {
            int r = q + 1;
            if (r < end && (b[r] == '+' || b[r] == '-')) {
                r++;
            }
            if (r < end && b[r] >= '0' && b[r] <= '9') {
                int e = r;
                while (e < end && b[e] >= '0' && b[e] <= '9') {
                    e++;
                }
                exponent = exponentValue(b, q + 1, e);
                q = e;
            }
        }
        stop[0] = q;
        return Double.parseDouble("0x" + (mantissa.startsWith(".") ? "0" + mantissa : mantissa) + "p" + exponent);
    }

    /** The end of an exponent part "e[+-]digits" at {@code q}, or {@code q} when there is none. */
    private static int exponentEnd(byte[] b, int q, int end) {
        if (q < end && (b[q] | 0x20) == 'e') {
            int r = q + 1;
            if (r < end && (b[r] == '+' || b[r] == '-')) {
                r++;
            }
            if (r < end && b[r] >= '0' && b[r] <= '9') {
                while (r < end && b[r] >= '0' && b[r] <= '9') {
                    r++;
                }
                return r;
            }
        }
        return q;
    }

    /** A signed exponent's value, clamped far beyond any double's range. */
    private static long exponentValue(byte[] b, int from, int to) {
        boolean negative = b[from] == '-';
        if (b[from] == '-' || b[from] == '+') {
            from++;
        }
        long e = 0;
        for (int k = from; k < to; k++) {
            e = Math.min(e * 10 + (b[k] - '0'), 100_000_000L);
        }
        return negative ? -e : e;
    }
}
