package io.redisinternals.lua.ext;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as the C libraries Redis bundles write, read and convert them on x86-64 glibc: printf's
 * {@code "%.Pg"} for any precision (cjson's encode_number_precision), strtod's longest accepted
 * prefix (cjson's decoder), and the double-to-integer conversions whose out-of-range result the C
 * standard leaves undefined but x86's cvttsd2si fixes (the "integer indefinite" value).
 */
final class CNumbers {

    private CNumbers() {
    }

    /** The NaN x86 produces for 0/0 (sign bit set: glibc prints it "-nan"). */
    static final double X86_NAN = Double.longBitsToDouble(0xfff8000000000000L);

    /** {@code printf("%.<precision>g", d)} as glibc prints it: exact value rounded half-even. */
    static String formatG(double d, int precision) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        int p = Math.max(1, precision);
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().abs().toString();
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--; // %g without '#' drops trailing zeros
        }
        digits = digits.substring(0, end);
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (d < 0) {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= p) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int e = Math.abs(exponent);
            sb.append('e').append(exponent < 0 ? '-' : '+');
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
        } else if (exponent < 0) {
            sb.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            sb.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return sb.toString();
    }

    /** (int) d as x86 converts it: NaN and out-of-range values give Integer.MIN_VALUE. */
    static int toCInt(double d) {
        return d >= -2147483648.0 && d < 2147483648.0 ? (int) d : Integer.MIN_VALUE;
    }

    /** (int64_t) d as x86 converts it: NaN and out-of-range values give Long.MIN_VALUE. */
    static long toCLong(double d) {
        return d >= -9.223372036854775808E18 && d < 9.223372036854775808E18 ? (long) d : Long.MIN_VALUE;
    }

    /** (uint64_t) d for a non-negative d as x86-64 gcc converts it (values past 2^64 wrap to 0). */
    static long toCUnsignedLong(double d) {
        if (d < 9.223372036854775808E18) {
            return toCLong(d);
        }
        // gcc subtracts 2^63, converts, and sets the top bit; beyond 2^64 the conversion overflows
        return toCLong(d - 9.223372036854775808E18) ^ Long.MIN_VALUE;
    }

    /**
     * strtod's longest accepted prefix of {@code s[from, to)} (bytes past {@code to} read as the
     * terminating NUL): returns the index after the number, or {@code from} when there is none;
     * the value goes to {@code out[0]}. Accepts what glibc does: leading white space, a sign,
     * decimal with exponent, hexadecimal (with '.' and 'p' exponent), inf, infinity, nan, nan(...).
     */
    static int strtod(byte[] s, int from, int to, double[] out) {
        int i = from;
        while (i < to && isSpace(s[i])) {
            i++;
        }
        boolean negative = false;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        int end;
        double value;
        if (matchesIgnoreCase(s, i, to, "inf")) {
            end = matchesIgnoreCase(s, i, to, "infinity") ? i + 8 : i + 3;
            value = Double.POSITIVE_INFINITY;
        } else if (matchesIgnoreCase(s, i, to, "nan")) {
            end = i + 3;
            if (end < to && s[end] == '(') {
                int j = end + 1;
                while (j < to && (isAlnum(s[j]) || s[j] == '_')) {
                    j++;
                }
                if (j < to && s[j] == ')') {
                    end = j + 1;
                }
            }
            value = Double.NaN;
        } else if (i + 1 < to && s[i] == '0' && (s[i + 1] | 0x20) == 'x' && startsHexMantissa(s, i + 2, to)) {
            int[] endOut = new int[1];
            value = hex(s, i + 2, to, endOut);
            end = endOut[0];
        } else {
            int j = i;
            int digits = 0;
            while (j < to && isDigit(s[j])) {
                j++;
                digits++;
            }
            if (j < to && s[j] == '.') {
                j++;
                while (j < to && isDigit(s[j])) {
                    j++;
                    digits++;
                }
            }
            if (digits == 0) {
                return from;
            }
            j = exponent(s, j, to, 'e');
            value = Double.parseDouble(new String(s, i, j - i, java.nio.charset.StandardCharsets.ISO_8859_1));
            end = j;
        }
        out[0] = negative ? -value : value;
        return end;
    }

    private static boolean startsHexMantissa(byte[] s, int i, int to) {
        return i < to && (isHex(s[i]) || s[i] == '.' && i + 1 < to && isHex(s[i + 1]));
    }

    /** A hexadecimal float's mantissa at i (after "0x") and optional binary exponent. */
    private static double hex(byte[] s, int i, int to, int[] endOut) {
        int j = i;
        while (j < to && isHex(s[j])) {
            j++;
        }
        if (j < to && s[j] == '.') {
            j++;
            while (j < to && isHex(s[j])) {
                j++;
            }
        }
        String mantissa = new String(s, i, j - i, java.nio.charset.StandardCharsets.ISO_8859_1);
        int k = exponent(s, j, to, 'p');
        String exp = k > j ? new String(s, j + 1, k - j - 1, java.nio.charset.StandardCharsets.ISO_8859_1) : "0";
        endOut[0] = k;
        return Double.parseDouble("0x" + mantissa + "p" + exp);
    }

    /** The end of an exponent part ("e-12" or "p+3") at j, or j when there is none. */
    private static int exponent(byte[] s, int j, int to, char marker) {
        if (j < to && (s[j] | 0x20) == marker) {
            int k = j + 1;
            if (k < to && (s[k] == '+' || s[k] == '-')) {
                k++;
            }
            if (k < to && isDigit(s[k])) {
                while (k < to && isDigit(s[k])) {
                    k++;
                }
                return k;
            }
        }
        return j;
    }

    private static boolean matchesIgnoreCase(byte[] s, int i, int to, String word) {
        if (to - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((s[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHex(byte b) {
        int c = b | 0x20;
        return isDigit(b) || c >= 'a' && c <= 'f';
    }

    private static boolean isAlnum(byte b) {
        int c = b | 0x20;
        return isDigit(b) || c >= 'a' && c <= 'z';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b >= '\t' && b <= '\r';
    }
}
