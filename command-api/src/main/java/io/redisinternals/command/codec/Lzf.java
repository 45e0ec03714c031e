package io.redisinternals.command.codec;

/**
 * LZF, the compression RDB uses for strings (written from the format's description: a stream of
 * literal runs {@code 000LLLLL} + L+1 bytes, short back references {@code LLLooooo oooooooo}
 * copying L+2 bytes from o+1 back, long ones {@code 111ooooo LLLLLLLL oooooooo} copying L+9).
 *
 * <p>The compressor makes the choices redis-server 7.0.15's build of liblzf makes (a 2^16-slot
 * table of last positions hashed from three bytes, a match never at offset 0 of the input, at most
 * 8192 back and 264 long, the two positions before a match's end re-hashed, output refused when it
 * would not fit the caller's bound), so a payload it writes is byte-identical to Redis's: FUNCTION
 * DUMP payloads are compared with the reference's byte for byte. Stateless; persistence may reuse it.
 */
public final class Lzf {

    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);
    /** The most one input byte of a stream can stand for: a 3-byte long reference copies 264. */
    public static final int MAX_EXPANSION = 88;

    private Lzf() {
    }

    /**
     * Compresses {@code in} into at most {@code outLimit} bytes; null when the result would not
     * fit (Redis then stores the string plain).
     */
    public static byte[] compress(byte[] in, int outLimit) {
        if (in.length == 0 || outLimit <= 0) {
            return null;
        }
        byte[] out = new byte[outLimit];
        int n = compress(in, outLimit, new int[HSIZE], 0, out);
        return n < 0 ? null : java.util.Arrays.copyOf(out, n);
    }

    /**
     * A compressor that keeps its 256 KiB hash table between calls (an RDB file compresses a
     * string per key: a fresh table each time would be most of the work). Entries of earlier calls
     * are told apart by a base added to every stored position, so the output is the same as with a
     * zeroed table. Not thread-safe.
     */
    public static final class Compressor {
        private final int[] table = new int[HSIZE];
        private int base;
        private byte[] out = new byte[64];

        /**
         * Compresses {@code in} into at most {@code outLimit} bytes of {@link #output()};
         * returns the compressed length, or -1 when it would not fit.
         */
        public int compress(byte[] in, int outLimit) {
            if (in.length == 0 || outLimit <= 0) {
                return -1;
            }
            if (out.length < outLimit) {
                out = new byte[Math.max(outLimit, out.length * 2)];
            }
            if ((long) base + in.length + 1 >= Integer.MAX_VALUE) {
                java.util.Arrays.fill(table, 0);
                base = 0;
            }
            int n = Lzf.compress(in, outLimit, table, base, out);
            base += in.length + 1; // every position stored by this call is now <= base: stale
            return n;
        }

        /** The buffer holding the last result (valid until the next call). */
        public byte[] output() {
            return out;
        }
    }

    /**
     * The compressor proper. {@code table} holds {@code base + position + 1} of the last place each
     * hash was seen; a value at or below {@code base} means never (in this call).
     *
     * @return the compressed length in {@code out}, or -1 when it would exceed {@code outLimit}
     */
    private static int compress(byte[] in, int outLimit, int[] table, int base, byte[] out) {
        int inLen = in.length;
        int ip = 0;
        int op = 1; // the first literal run's header goes at 0
        int lit = 0;
        int hval = first(in, ip);
        while (ip < inLen - 2) {
            hval = next(hval, in, ip);
            int slot = index(hval);
            int ref = table[slot] - 1 - base;
            table[slot] = base + ip + 1;
            int off = ip - ref - 1;
            if (ref > 0 && off < MAX_OFF && in[ref + 2] == in[ip + 2] && in[ref] == in[ip]
                    && in[ref + 1] == in[ip + 1]) {
                int len = 2;
                int maxlen = Math.min(inLen - ip - len, MAX_REF);
                int noLit = lit == 0 ? 1 : 0;
                if (op + 4 >= outLimit && op - noLit + 4 >= outLimit) {
                    return -1;
                }
                out[op - lit - 1] = (byte) (lit - 1); // close the literal run
                op -= noLit; // an empty run takes no header
                len = matchLength(in, ref, ip, maxlen);
                len -= 2;
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // the next run's header
                ip += len + 1;
                if (ip >= inLen - 2) {
                    break;
                }
                // the two positions before the new one enter the table, as liblzf's VERY_FAST mode
                ip -= 2;
                hval = first(in, ip);
                hval = next(hval, in, ip);
                table[index(hval)] = base + ip + 1;
                ip++;
                hval = next(hval, in, ip);
                table[index(hval)] = base + ip + 1;
                ip++;
            } else {
                if (op >= outLimit) {
                    return -1;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > outLimit) {
            return -1;
        }
        while (ip < inLen) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1);
        op -= lit == 0 ? 1 : 0;
        return op;
    }

    /**
     * How far {@code in[ref..]} repeats {@code in[ip..]}, the first three bytes known equal: as
     * liblzf counts it, sixteen bytes compared unbounded when more than sixteen may match (which can
     * run past {@code maxlen} by up to two, still inside the input), then byte by byte to maxlen.
     */
    private static int matchLength(byte[] in, int ref, int ip, int maxlen) {
        int len = 2;
        if (maxlen > 16) {
            for (int k = 0; k < 16; k++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxlen && in[ref + len] == in[ip + len]);
        return len;
    }

    private static int first(byte[] in, int p) {
        return ((in[p] & 0xff) << 8) | (p + 1 < in.length ? in[p + 1] & 0xff : 0);
    }

    private static int next(int h, byte[] in, int p) {
        return (h << 8) | (in[p + 2] & 0xff);
    }

    /** The table slot of a hash (32-bit unsigned arithmetic, as the C). */
    private static int index(int h) {
        return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
    }

    /**
     * Decompresses {@code in} into exactly {@code length} bytes.
     *
     * @return null when the stream is corrupt: it does not produce exactly {@code length} bytes, a
     *         reference points before the start, or {@code length} is more than {@code in} could
     *         stand for (checked before anything is allocated)
     */
    public static byte[] decompress(byte[] in, long length) {
        if (length < 0 || length > (long) in.length * MAX_EXPANSION || length > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] out = new byte[(int) length];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) { // a literal run of ctrl + 1 bytes
                int n = ctrl + 1;
                if (ip + n > in.length || op + n > out.length) {
                    return null;
                }
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
            } else { // a back reference: length in the top 3 bits (7 = one more byte)
                int n = ctrl >> 5;
                if (n == 7) {
                    if (ip >= in.length) {
                        return null;
                    }
                    n += in[ip++] & 0xff;
                }
                if (ip >= in.length) {
                    return null;
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                n += 2;
                if (ref < 0 || op + n > out.length) {
                    return null;
                }
                for (int i = 0; i < n; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        return op == out.length ? out : null;
    }
}
