package io.redisinternals.commands;

import io.redisinternals.resp.Numbers;
import java.nio.charset.StandardCharsets;

/**
 * Score text in and out, as redis-server 7.0 reads and writes it: C's {@code strtod} with the
 * checks of getDoubleFromObject (scores, weights) or of zslParseRange (range bounds), and the
 * text a listpack stores for a score.
 */
final class SortedSetScores {

    private SortedSetScores() {
    }

    /**
     * Redis's getDoubleFromObject: the whole argument must be a C double (strtod syntax: decimal,
     * hex "0x1p3", "inf"/"infinity"), with no leading space, not NaN, and not a result that
     * overflowed to infinity or underflowed to zero. Returns NaN when Redis would reply "value is
     * not a valid float" (a valid score is never NaN).
     */
    static double parseDouble(byte[] s) {
        if (s.length == 0 || isCSpace(s[0])) {
            return Double.NaN;
        }
        int[] end = new int[2];
        double d = strtod(s, 0, s.length, end);
        if (end[0] != s.length || end[1] != 0) {
            return Double.NaN;
        }
        return d;
    }

    /**
     * Redis's zslParseRange item: an optional '(' (exclusive) then strtod with leading spaces
     * allowed, an empty text meaning 0, overflow meaning infinity; the text must be consumed up to
     * its end or a NUL byte and not be NaN.
     *
     * @return the bound or NaN if invalid; {@code exclusive[0]} says whether it is exclusive
     */
    static double parseScoreBound(byte[] s, boolean[] exclusive) {
        int off = 0;
        exclusive[0] = false;
        if (s.length > 0 && s[0] == '(') {
            exclusive[0] = true;
            off = 1;
        }
        int n = off;
        while (n < s.length && s[n] != 0) {
            n++;
        }
        int[] end = new int[2];
        double d = strtod(s, off, n, end);
        return end[0] != n ? Double.NaN : d;
    }

    /**
     * C's strtod over {@code s[off, n)}: returns the value and sets {@code end[0]} to the end
     * position (the start, {@code off}, when nothing converts) and {@code end[1]} to 1 for ERANGE
     * (overflow to infinity, or a non-zero number underflowing to zero).
     */
    static double strtod(byte[] s, int off, int n, int[] end) {
        int p = off;
        while (p < n && isCSpace(s[p])) {
            p++;
        }
        boolean neg = false;
        if (p < n && (s[p] == '+' || s[p] == '-')) {
            neg = s[p] == '-';
            p++;
        }
        if (matches(s, p, n, "inf")) {
            p += matches(s, p, n, "infinity") ? 8 : 3;
            end[0] = p;
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (matches(s, p, n, "nan")) {
            p += 3;
            if (p < n && s[p] == '(') {
                int q = p + 1;
                while (q < n && (Character.isLetterOrDigit(s[q]) && s[q] < 128 || s[q] == '_')) {
                    q++;
                }
                if (q < n && s[q] == ')') {
                    p = q + 1;
                }
            }
            end[0] = p;
            return Double.NaN;
        }
        if (p + 1 < n && s[p] == '0' && (s[p + 1] == 'x' || s[p + 1] == 'X')) {
            double hex = strtodHex(s, p + 2, n, neg, end);
            if (end[0] >= 0) {
                return hex;
            }
            // "0x" without hex digits: strtod converts the "0" alone
            end[0] = p + 1;
            end[1] = 0;
            return neg ? -0.0 : 0.0;
        }
        int start = p;
        boolean nonZero = false;
        int digits = 0;
        while (p < n && isDigit(s[p])) {
            nonZero |= s[p] != '0';
            p++;
            digits++;
        }
        if (p < n && s[p] == '.') {
            p++;
            while (p < n && isDigit(s[p])) {
                nonZero |= s[p] != '0';
                p++;
                digits++;
            }
        }
        if (digits == 0) {
            end[0] = off;
            return 0;
        }
        if (p < n && (s[p] == 'e' || s[p] == 'E')) {
            int q = p + 1;
            if (q < n && (s[q] == '+' || s[q] == '-')) {
                q++;
            }
            if (q < n && isDigit(s[q])) {
                while (q < n && isDigit(s[q])) {
                    q++;
                }
                p = q;
            }
        }
        String text = new String(s, start, p - start, StandardCharsets.US_ASCII);
        return finish(Double.parseDouble(text), neg, nonZero, p, end);
    }

    /** The hex part of strtod after "0x": sets {@code end[0]} to -1 when no hex digit follows. */
    private static double strtodHex(byte[] s, int p, int n, boolean neg, int[] end) {
        int start = p;
        boolean nonZero = false;
        int digits = 0;
        while (p < n && Character.digit(s[p], 16) >= 0) {
            nonZero |= s[p] != '0';
            p++;
            digits++;
        }
        if (p < n && s[p] == '.') {
            p++;
            while (p < n && Character.digit(s[p], 16) >= 0) {
                nonZero |= s[p] != '0';
                p++;
                digits++;
            }
        }
        if (digits == 0) {
            end[0] = -1;
            return 0;
        }
        String mantissa = new String(s, start, p - start, StandardCharsets.US_ASCII);
        String exponent = "0";
        if (p < n && (s[p] == 'p' || s[p] == 'P')) {
            int q = p + 1;
            if (q < n && (s[q] == '+' || s[q] == '-')) {
                q++;
            }
            if (q < n && isDigit(s[q])) {
                while (q < n && isDigit(s[q])) {
                    q++;
                }
                exponent = new String(s, p + 1, q - p - 1, StandardCharsets.US_ASCII);
                p = q;
            }
        }
        double d;
        try {
            d = Double.parseDouble("0x" + mantissa + "p" + exponent);
        } catch (NumberFormatException hugeExponent) {
            d = exponent.startsWith("-") ? 0 : Double.POSITIVE_INFINITY;
        }
        return finish(d, neg, nonZero, p, end);
    }

    private static double finish(double d, boolean neg, boolean nonZero, int p, int[] end) {
        end[0] = p;
        end[1] = Double.isInfinite(d) || (d == 0 && nonZero) ? 1 : 0;
        return neg ? -d : d;
    }

    private static boolean matches(byte[] s, int p, int n, String word) {
        if (n - p < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((s[p + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isCSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /**
     * Redis's d2string, the text a listpack stores for a score (ZSCAN of a listpack set shows it):
     * an integral value within ±LLONG_MAX/2 as an integer, anything else as "%.17g".
     */
    static String listpackScoreText(double d) {
        double limit = (double) (Long.MAX_VALUE / 2);
        if (!Double.isNaN(d) && d >= -limit && d <= limit && d == (long) d) {
            return Long.toString((long) d);
        }
        return Numbers.formatDouble17g(d);
    }
}
