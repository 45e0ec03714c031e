package io.redisinternals.commands;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * An exact emulation of the x87 80-bit {@code long double} that redis-server 7.0.15 uses for
 * INCRBYFLOAT (and HINCRBYFLOAT): 64-bit mantissa with an explicit integer bit, 15-bit exponent,
 * gradual underflow, round half to even. Java's {@code double} has 53 bits and would print other
 * digits ("0.1" would come back as 0.10000000000000001), so values are held exactly as
 * {@code ±mantissa * 2^exponent} in BigIntegers and rounded to the format after every operation.
 *
 * <p>What is emulated, as observed on redis-server 7.0.15 (glibc, x86-64):
 * <ul>
 * <li>{@link #parse}: Redis's string2ld, i.e. glibc strtold (correctly rounded decimal and hex
 *     floats, "inf"/"infinity", "nan...") plus Redis's rejections: empty or 5120+ bytes, a leading
 *     space, unparsed trailing bytes, NaN, and ERANGE results that overflowed to infinity or
 *     underflowed to zero (a subnormal result is accepted).</li>
 * <li>{@link #add}: one x87 addition, rounded once.</li>
 * <li>{@link #toHumanString}: printf("%.17Lf") (exact binary value, rounded half even at the 17th
 *     fractional digit) with trailing zeros and a trailing '.' stripped, and "-0" printed as "0".</li>
 * </ul>
 * Immutable.
 */
final class LongDouble {

    /** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses strings of this length or more. */
    static final int MAX_CHARS = 5 * 1024;
    /** Exponent of the last mantissa bit of the smallest subnormal: 2^-16445. */
    private static final int MIN_EXP = -16445;
    /** Exponent of the last mantissa bit of the largest finite value: (2^64-1) * 2^16320. */
    private static final int MAX_EXP = 16320;
    private static final int MANTISSA_BITS = 64;

    private static final int FINITE = 0;
    private static final int INFINITE = 1;
    private static final int NAN = 2;

    static final LongDouble ZERO = new LongDouble(FINITE, false, BigInteger.ZERO, 0);
    private static final LongDouble NOT_A_NUMBER = new LongDouble(NAN, false, BigInteger.ZERO, 0);
    private static final LongDouble POSITIVE_INFINITY = new LongDouble(INFINITE, false, BigInteger.ZERO, 0);
    private static final LongDouble NEGATIVE_INFINITY = new LongDouble(INFINITE, true, BigInteger.ZERO, 0);

    private final int kind;
    private final boolean negative;
    /** For finite values: |value| = mantissa * 2^exponent, mantissa below 2^64. */
    private final BigInteger mantissa;
    private final int exponent;

    private LongDouble(int kind, boolean negative, BigInteger mantissa, int exponent) {
        this.kind = kind;
        this.negative = negative;
        this.mantissa = mantissa;
        this.exponent = exponent;
    }

    boolean isFinite() {
        return kind == FINITE;
    }

    boolean isNaN() {
        return kind == NAN;
    }

    /** The value as an exact decimal (finite values only). */
    BigDecimal toBigDecimal() {
        if (kind != FINITE) {
            throw new ArithmeticException("not finite");
        }
        BigDecimal abs = exponent >= 0
                ? new BigDecimal(mantissa.shiftLeft(exponent))
                : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
        return negative ? abs.negate() : abs;
    }

    // ---- parsing (string2ld) --------------------------------------------------------------------

    /** {@link #parse(byte[], int, int)} of a whole array. */
    static LongDouble parse(byte[] s) {
        return parse(s, 0, s.length);
    }

    /**
     * Redis's string2ld: the long double {@code s[off, off+len)} denotes, or null where Redis
     * answers "value is not a valid float". May return an infinity ("inf" parses); never NaN.
     */
    static LongDouble parse(byte[] s, int off, int len) {
        if (len == 0 || len >= MAX_CHARS || isCSpace(s[off])) {
            return null;
        }
        int p = off;
        int end = off + len;
        boolean neg = false;
        if (s[p] == '-' || s[p] == '+') {
            neg = s[p] == '-';
            p++;
        }
        if (p < end && (s[p] | 0x20) == 'i') {
            // strtold takes "inf" or "infinity"; anything else after it is left unparsed.
            if (matchesIgnoreCase(s, p, end, "infinity") || matchesIgnoreCase(s, p, end, "inf")) {
                return neg ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
            }
            return null;
        }
        if (p < end && (s[p] | 0x20) == 'n') {
            return null; // "nan..." is NaN (refused) or leaves bytes unparsed (refused)
        }
        if (end - p > 2 && s[p] == '0' && (s[p + 1] | 0x20) == 'x'
                && (hexDigit(s[p + 2]) >= 0 || (s[p + 2] == '.' && end - p > 3 && hexDigit(s[p + 3]) >= 0))) {
            return parseHex(s, p + 2, end, neg);
        }
        return parseDecimal(s, p, end, neg);
    }

    private static LongDouble parseDecimal(byte[] s, int p, int end, boolean neg) {
        StringBuilder digits = new StringBuilder();
        int fraction = 0;
        boolean any = false;
        while (p < end && isDigit(s[p])) {
            appendSignificant(digits, s[p++]);
            any = true;
        }
        if (p < end && s[p] == '.') {
            p++;
            while (p < end && isDigit(s[p])) {
                appendSignificant(digits, s[p++]);
                fraction++;
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        long exp = 0;
        if (p < end && (s[p] | 0x20) == 'e') {
            p++;
            long[] parsed = new long[1];
            p = parseExponent(s, p, end, parsed);
            if (p < 0) {
                return null;
            }
            exp = parsed[0];
        }
        if (p != end) {
            return null;
        }
        if (digits.isEmpty()) {
            return neg ? new LongDouble(FINITE, true, BigInteger.ZERO, 0) : ZERO;
        }
        // digits lost their leading zeros; trailing zeros still count in the fraction.
        long e10 = exp - fraction;
        int n = digits.length();
        // value is in [10^(e10+n-1), 10^(e10+n)): decide far-out cases without huge arithmetic.
        if (e10 + n - 1 > 4933) {
            return null; // overflow: at least 10^4934, beyond the largest long double
        }
        if (e10 + n < -4952) {
            return null; // below half the smallest subnormal: rounds to zero with ERANGE
        }
        BigInteger d = new BigInteger(digits.toString());
        BigInteger num = e10 >= 0 ? d.multiply(BigInteger.TEN.pow((int) e10)) : d;
        BigInteger den = e10 >= 0 ? BigInteger.ONE : BigInteger.TEN.pow((int) -e10);
        return fromParse(round(neg, num, den, 0));
    }

    private static LongDouble parseHex(byte[] s, int p, int end, boolean neg) {
        StringBuilder digits = new StringBuilder();
        int fraction = 0;
        while (p < end && hexDigit(s[p]) >= 0) {
            appendSignificant(digits, s[p++]);
        }
        if (p < end && s[p] == '.') {
            p++;
            while (p < end && hexDigit(s[p]) >= 0) {
                appendSignificant(digits, s[p++]);
                fraction++;
            }
        }
        long exp = 0;
        if (p < end && (s[p] | 0x20) == 'p') {
            p++;
            long[] parsed = new long[1];
            p = parseExponent(s, p, end, parsed);
            if (p < 0) {
                return null;
            }
            exp = parsed[0];
        }
        if (p != end) {
            return null;
        }
        if (digits.isEmpty()) {
            return neg ? new LongDouble(FINITE, true, BigInteger.ZERO, 0) : ZERO;
        }
        BigInteger h = new BigInteger(digits.toString(), 16);
        long e2 = exp - 4L * fraction;
        long top = h.bitLength() + e2; // value in [2^(top-1), 2^top)
        if (top - 1 > 16384) {
            return null;
        }
        if (top < MIN_EXP - 2) {
            return null;
        }
        return fromParse(round(neg, h, BigInteger.ONE, (int) e2));
    }

    /** A rounded non-zero parse result, or null for overflow to infinity or underflow to zero (ERANGE). */
    private static LongDouble fromParse(LongDouble v) {
        return v.kind != FINITE || v.mantissa.signum() == 0 ? null : v;
    }

    /**
     * An exponent: optional sign, at least one decimal digit, saturated far beyond any meaningful
     * range (the callers treat anything that large as overflow or underflow). Returns the position
     * after it, or -1 when there are no digits (strtold would leave the 'e' unparsed).
     */
    private static int parseExponent(byte[] s, int p, int end, long[] out) {
        boolean neg = false;
        if (p < end && (s[p] == '-' || s[p] == '+')) {
            neg = s[p] == '-';
            p++;
        }
        if (p >= end || !isDigit(s[p])) {
            return -1;
        }
        long v = 0;
        while (p < end && isDigit(s[p])) {
            v = Math.min(v * 10 + (s[p++] - '0'), 1_000_000_000L);
        }
        out[0] = neg ? -v : v;
        return p;
    }

    private static void appendSignificant(StringBuilder digits, byte c) {
        if (c != '0' || !digits.isEmpty()) {
            digits.append((char) c);
        }
    }

    private static boolean matchesIgnoreCase(byte[] s, int p, int end, String word) {
        if (end - p != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((s[p + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    /** {@code this + other}, rounded once to the format (NaN for inf - inf, infinity on overflow). */
    LongDouble add(LongDouble other) {
        if (kind == NAN || other.kind == NAN) {
            return NOT_A_NUMBER;
        }
        if (kind == INFINITE || other.kind == INFINITE) {
            if (kind == INFINITE && other.kind == INFINITE && negative != other.negative) {
                return NOT_A_NUMBER;
            }
            return kind == INFINITE ? this : other;
        }
        int e = Math.min(exponent, other.exponent);
        BigInteger a = mantissa.shiftLeft(exponent - e);
        BigInteger b = other.mantissa.shiftLeft(other.exponent - e);
        BigInteger sum = (negative ? a.negate() : a).add(other.negative ? b.negate() : b);
        if (sum.signum() == 0) {
            // IEEE: x + (-x) is +0 when rounding to nearest; -0 + -0 stays -0.
            return new LongDouble(FINITE, negative && other.negative, BigInteger.ZERO, 0);
        }
        return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, e);
    }

    /**
     * Rounds {@code num / den * 2^exp2} (num > 0) to the nearest long double, ties to even:
     * 64 significant bits for normal values, a fixed last-bit exponent of 2^-16445 for subnormal
     * ones; infinity past the largest finite value.
     */
    private static LongDouble round(boolean neg, BigInteger num, BigInteger den, int exp2) {
        long bl = (long) num.bitLength() - den.bitLength();
        // num/den is in (2^(bl-1), 2^(bl+1)): scaling by 2^(66-bl) leaves a 66 or 67 bit quotient.
        long last = bl + exp2 - (MANTISSA_BITS + 2);
        long scale = exp2 - last;
        BigInteger n = scale >= 0 ? num.shiftLeft((int) scale) : num;
        BigInteger d = scale >= 0 ? den : den.shiftLeft((int) -scale);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        long target = Math.max(last + q.bitLength() - MANTISSA_BITS, MIN_EXP);
        long dropLong = target - last;
        if (dropLong > q.bitLength() + 1L) {
            return new LongDouble(FINITE, neg, BigInteger.ZERO, 0); // far below half the smallest subnormal
        }
        int drop = (int) dropLong;
        BigInteger m = q.shiftRight(drop);
        boolean half = drop > 0 && q.testBit(drop - 1);
        int lowest = q.getLowestSetBit();
        boolean sticky = qr[1].signum() != 0 || (lowest >= 0 && lowest < drop - 1);
        if (half && (sticky || m.testBit(0))) {
            m = m.add(BigInteger.ONE);
            if (m.bitLength() > MANTISSA_BITS) {
                m = m.shiftRight(1);
                target++;
            }
        }
        if (target > MAX_EXP) {
            return neg ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        return new LongDouble(FINITE, neg, m, (int) target);
    }

    // ---- formatting -------------------------------------------------------------------------

    /**
     * Redis's ld2string(LD_STR_HUMAN) of a finite value: "%.17Lf", trailing zeros and '.' removed,
     * "-0" turned into "0".
     */
    String toHumanString() {
        String s = toBigDecimal().setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int l = s.length();
        if (s.indexOf('.') >= 0) {
            while (s.charAt(l - 1) == '0') {
                l--;
            }
            if (s.charAt(l - 1) == '.') {
                l--;
            }
        }
        s = s.substring(0, l);
        return s.equals("-0") ? "0" : s;
    }

    /** {@link #toHumanString()} as the bytes INCRBYFLOAT stores and replies. */
    byte[] toHumanBytes() {
        return toHumanString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NAN -> "nan";
            case INFINITE -> negative ? "-inf" : "inf";
            default -> (negative ? "-" : "") + mantissa + "*2^" + exponent;
        };
    }
}
