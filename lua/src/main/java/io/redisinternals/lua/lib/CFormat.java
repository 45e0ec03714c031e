package io.redisinternals.lua.lib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * One printf conversion as glibc writes it, for string.format: the flags "-+ #0", a width and a
 * precision, and the conversions Lua 5.1 passes to sprintf (d i o u x X with a long; e E f g G
 * with a double; c; s). Doubles are printed from their exact binary value rounded half-even
 * (glibc's rounding in the default mode), so every digit matches.
 */
final class CFormat {

    boolean left;
    boolean plus;
    boolean space;
    boolean alternate;
    boolean zero;
    int width = -1;
    int precision = -1;

    /** %d %i (signed) and %o %u %x %X (the same 64 bits read as unsigned). */
    String integer(char conv, long v) {
        boolean signed = conv == 'd' || conv == 'i';
        boolean negative = signed && v < 0;
        String digits;
        switch (conv) {
            case 'o': digits = Long.toOctalString(v); break;
            case 'x': digits = Long.toHexString(v); break;
            case 'X': digits = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT); break;
            case 'u': digits = Long.toUnsignedString(v); break;
            default: digits = negative ? Long.toUnsignedString(-v) : Long.toString(v);
        }
        if (precision == 0 && v == 0) {
            digits = "";
        }
        if (precision > digits.length()) {
            digits = "0".repeat(precision - digits.length()) + digits;
        }
        String prefix = "";
        if (signed) {
            prefix = negative ? "-" : plus ? "+" : space ? " " : "";
        } else if (alternate && conv == 'o' && !digits.startsWith("0")) {
            digits = "0" + digits;
        } else if (alternate && v != 0 && (conv == 'x' || conv == 'X')) {
            prefix = conv == 'x' ? "0x" : "0X";
        }
        return pad(prefix, digits, zero && precision < 0);
    }

    /** %e %E %f %g %G. */
    String floating(char conv, double d) {
        boolean negative = (Double.doubleToRawLongBits(d) < 0);
        String sign = negative ? "-" : plus ? "+" : space ? " " : "";
        boolean upper = conv == 'E' || conv == 'G';
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            String text = Double.isNaN(d) ? "nan" : "inf";
            return pad(sign, upper ? text.toUpperCase(java.util.Locale.ROOT) : text, false);
        }
        BigDecimal abs = new BigDecimal(d).abs();
        int prec = precision < 0 ? 6 : precision;
        String body;
        switch (conv) {
            case 'f': body = fixed(abs, prec); break;
            case 'e': case 'E': body = exponential(abs, prec, upper); break;
            default: body = general(abs, prec == 0 ? 1 : prec, upper);
        }
        return pad(sign, body, zero);
    }

    private String fixed(BigDecimal abs, int prec) {
        String s = abs.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
        return (alternate && prec == 0) ? s + "." : s;
    }

    private String exponential(BigDecimal abs, int prec, boolean upper) {
        String digits;
        int exponent;
        if (abs.signum() == 0) {
            digits = "0".repeat(prec + 1);
            exponent = 0;
        } else {
            BigDecimal r = abs.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            BigInteger unscaled = r.unscaledValue();
            digits = unscaled.toString();
            exponent = digits.length() - r.scale() - 1;
            if (digits.length() < prec + 1) {
                digits = digits + "0".repeat(prec + 1 - digits.length());
            } else if (digits.length() > prec + 1) { // an exact value with trailing zeros
                digits = digits.substring(0, prec + 1);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(digits.charAt(0));
        if (prec > 0 || alternate) {
            sb.append('.');
        }
        sb.append(digits, 1, digits.length());
        sb.append(upper ? 'E' : 'e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }

    /** %g: the style by the exponent after rounding to P digits; trailing zeros dropped unless '#'. */
    private String general(BigDecimal abs, int p, boolean upper) {
        int x;
        if (abs.signum() == 0) {
            x = 0;
        } else {
            BigDecimal r = abs.round(new MathContext(p, RoundingMode.HALF_EVEN));
            x = r.precision() - r.scale() - 1;
        }
        String s = (p > x && x >= -4) ? fixed(abs, p - 1 - x) : exponential(abs, p - 1, upper);
        if (alternate) {
            if (!s.contains(".")) { // "%#.0g"-like: the point stays even without digits after it
                int e = s.indexOf(upper ? 'E' : 'e');
                s = e < 0 ? s + "." : s.substring(0, e) + "." + s.substring(e);
            }
            return s;
        }
        int e = s.indexOf(upper ? 'E' : 'e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String tail = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') {
                end--;
            }
            if (mantissa.charAt(end - 1) == '.') {
                end--;
            }
            mantissa = mantissa.substring(0, end);
        }
        return mantissa + tail;
    }

    /** Width padding: spaces on the left or right, or zeros between the prefix and the digits. */
    private String pad(String prefix, String body, boolean zeros) {
        int n = prefix.length() + body.length();
        if (width <= n) {
            return prefix + body;
        }
        String fill;
        if (left) {
            return prefix + body + " ".repeat(width - n);
        }
        if (zeros) {
            fill = "0".repeat(width - n);
            return prefix + fill + body;
        }
        return " ".repeat(width - n) + prefix + body;
    }

    /** %s and %c: bytes, cut to the precision (%s), padded with spaces to the width. */
    byte[] bytes(byte[] b) {
        int n = b.length;
        if (width <= n) {
            return b;
        }
        byte[] r = new byte[width];
        java.util.Arrays.fill(r, (byte) ' ');
        System.arraycopy(b, 0, r, left ? 0 : width - n, n);
        return r;
    }
}
