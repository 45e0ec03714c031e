package io.redisinternals.persistence.rdb;

/**
 * Decimal integers as Redis's string2ll reads them: the strings that RDB, listpack and ziplist
 * store as integers are exactly the canonical ones (no sign but a leading '-', no leading zero,
 * no "-0", within 64 bits), so that they print back byte for byte.
 */
final class RdbNumbers {

    /** What {@link #parseCanonical} answers for a non-integer: only Long.MIN_VALUE itself spells it, in 20 bytes. */
    static final long NOT_CANONICAL = Long.MIN_VALUE;

    private RdbNumbers() {
    }

    /** Whether {@code b[off, off + len)} is a canonical 64-bit decimal. */
    static boolean isCanonical(byte[] b, int off, int len) {
        if (len == 0 || len > 20) {
            return false;
        }
        int i = off;
        int end = off + len;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
            if (i == end) {
                return false;
            }
        }
        if (b[i] == '0') {
            return len == 1; // "0" alone; "-0" and "01" are not canonical
        }
        // accumulate negatively, as Long.parseLong, so that Long.MIN_VALUE fits
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multmin = limit / 10;
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || v < multmin) {
                return false;
            }
            v *= 10;
            if (v < limit + d) {
                return false;
            }
            v -= d;
        }
        return true;
    }

    /** The value of a string {@link #isCanonical} accepted. */
    static long parse(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (; i < end; i++) {
            v = v * 10 - (b[i] - '0');
        }
        return negative ? v : -v;
    }

    /**
     * The value of {@code b[off, off + len)} when it is canonical, else {@link #NOT_CANONICAL}; only
     * for strings of at most 19 bytes, which cannot spell Long.MIN_VALUE.
     */
    static long parseCanonical(byte[] b, int off, int len) {
        return len <= 19 && isCanonical(b, off, len) ? parse(b, off, len) : NOT_CANONICAL;
    }
}
