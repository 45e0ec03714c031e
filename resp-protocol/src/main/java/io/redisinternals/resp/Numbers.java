package io.redisinternals.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Number parsing and formatting with Redis's exact rules. */
public final class Numbers {

    private Numbers() {
    }

    /** Longest decimal form of a long: "-9223372036854775808". */
    public static final int MAX_LONG_CHARS = 20;

    /**
     * Parses a 64-bit signed integer as Redis's {@code string2ll}: optional '-', then digits with no
     * leading zero (except "0" itself), no '+', no spaces, no overflow.
     *
     * @throws NumberFormatException otherwise
     */
    public static long parseStrictLong(byte[] b, int off, int len) {
        return parseStrictLong(ByteBuffer.wrap(b), off, len);
    }

    /** As {@link #parseStrictLong(byte[], int, int)}, reading absolute positions of {@code buf}. */
    public static long parseStrictLong(ByteBuffer buf, int off, int len) {
        if (len == 0 || len > MAX_LONG_CHARS) {
            throw new NumberFormatException();
        }
        int p = off;
        int end = off + len;
        if (len == 1 && buf.get(p) == '0') {
            return 0;
        }
        boolean negative = false;
        if (buf.get(p) == '-') {
            negative = true;
            p++;
            if (p == end) {
                throw new NumberFormatException();
            }
        }
        int first = buf.get(p) - '0';
        if (first < 1 || first > 9) {
            throw new NumberFormatException();
        }
        // Accumulate negatively so Long.MIN_VALUE parses without overflow.
        long v = -first;
        p++;
        while (p < end) {
            int d = buf.get(p) - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException();
            }
            if (v < Long.MIN_VALUE / 10) {
                throw new NumberFormatException();
            }
            v *= 10;
            if (v < Long.MIN_VALUE + d) {
                throw new NumberFormatException();
            }
            v -= d;
            p++;
        }
        if (negative) {
            return v;
        }
        if (v == Long.MIN_VALUE) {
            throw new NumberFormatException();
        }
        return -v;
    }

    /** Parses a strict long from a String (config values, tests). */
    public static long parseStrictLong(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return parseStrictLong(b, 0, b.length);
    }

    /** Number of ASCII chars of {@code v} in decimal. */
    public static int decimalLength(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = 1;
        if (v < 0) {
            n++;
            v = -v;
        }
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** {@code v} in decimal ASCII digits, as a new array (a propagated argument). */
    public static byte[] toBytes(long v) {
        byte[] b = new byte[decimalLength(v)];
        writeDecimal(v, b, 0);
        return b;
    }

    /** Writes {@code v} in decimal into {@code dst} at {@code pos}; returns the new position. */
    public static int writeDecimal(long v, byte[] dst, int pos) {
        int len = decimalLength(v);
        int end = pos + len;
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, dst, pos, min.length);
            return end;
        }
        if (v < 0) {
            dst[pos] = '-';
            v = -v;
        }
        int p = end;
        do {
            dst[--p] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        return end;
    }

    /**
     * Formats a double as C's {@code printf("%.17g")}, which redis-server 7.0 uses for double
     * replies: 17 significant digits, trailing zeros removed, exponent form when the exponent is
     * below -4 or at least 17, and {@code inf}, {@code -inf}, {@code nan} spelled as glibc does.
     */
    public static String formatDouble17g(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        // exponent of the first significant digit
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal unscaled = new BigDecimal(exact.unscaledValue()).movePointLeft(exact.precision() - 1);
            String mantissa = stripZeros(unscaled.toPlainString());
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        return stripZeros(exact.toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
