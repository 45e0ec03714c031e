package io.redisinternals.engine.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code latency-tracking-info-percentiles}: the percentiles INFO latencystats prints, as Redis's
 * special config: any number of values in [0, 100] (none: {@code ""}), each read as C's strtod
 * (Redis's string2d) and printed as {@code %f} without trailing zeros ("50 99 99.9").
 *
 * <p>The value is kept as printed, so a percentile is used as its six-decimal form: one below
 * 0.0000005 that is not 0 prints, and is then used, as 0 (Redis keeps the tiny value, which only
 * matters for which end of the lowest bucket INFO prints).
 */
public final class LatencyPercentiles {

    static final String INVALID = "Invalid latency-tracking-info-percentiles parameters";
    static final String OUT_OF_RANGE = "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]";
    public static final String DEFAULT = "50 99 99.9";

    /** strtod's decimal form, and its hexadecimal one (the exponent optional), the whole string. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    private LatencyPercentiles() {
    }

    /** The setting's parser: Redis's setConfigLatencyTrackingInfoPercentilesOutputOption. */
    static String parse(String current, List<String> args, boolean append) {
        List<String> a = args.size() == 1 && args.get(0).isEmpty() ? List.of() : args;
        StringBuilder sb = new StringBuilder();
        for (String arg : a) {
            double p = string2d(arg);
            if (p > 100.0 || p < 0.0) {
                throw new IllegalArgumentException(OUT_OF_RANGE);
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(format(p));
        }
        return sb.toString();
    }

    /** The percentiles of a value as the setting prints it. */
    public static double[] values(String printed) {
        if (printed.isEmpty()) {
            return new double[0];
        }
        String[] f = printed.split(" ");
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Double.parseDouble(f[i]);
        }
        return out;
    }

    /**
     * C's {@code %f} with trailing zeros (and a bare point) removed, Redis's trimDoubleString: the
     * exact binary value rounded half-even to six decimals, as glibc prints it.
     */
    public static String format(double p) {
        String s = new BigDecimal(p).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        if (p == 0 && 1 / p < 0) {
            s = "-" + s; // BigDecimal has no negative zero; %f prints "-0.000000"
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

    /**
     * Redis's string2d: the whole argument must be a strtod number (no leading space), not NaN, and
     * not out of range (a finite value that overflows, or one that underflows to zero); "inf" is a
     * number, refused later as out of range.
     */
    static double string2d(String s) {
        if (INFINITY.matcher(s).matches()) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double d;
        String digits;
        var hex = HEX.matcher(s);
        if (hex.matches()) {
            d = Double.parseDouble(hex.group(1) + "0x" + hex.group(2) + (hex.group(3) == null ? "p0" : hex.group(3)));
            digits = hex.group(2);
        } else if (DECIMAL.matcher(s).matches()) {
            d = Double.parseDouble(s);
            int e = s.toLowerCase(Locale.ROOT).indexOf('e');
            digits = e < 0 ? s : s.substring(0, e);
        } else {
            throw new IllegalArgumentException(INVALID);
        }
        boolean nonZeroDigits = digits.chars().anyMatch(c -> c != '0' && Character.digit(c, 16) > 0);
        if (Double.isInfinite(d) || (d == 0 && nonZeroDigits)) {
            throw new IllegalArgumentException(INVALID); // ERANGE
        }
        return d;
    }
}
