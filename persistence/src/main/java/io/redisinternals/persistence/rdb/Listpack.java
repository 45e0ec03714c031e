package io.redisinternals.persistence.rdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Redis 7.0's listpack blob, written from its format description: a 6-byte header (total bytes
 * uint32 LE, element count uint16 LE, 65535 when unknown), entries, and 0xFF. An entry is an
 * encoding byte (7-bit uint, 6/12/32-bit string length, 13/16/24/32/64-bit int) with its data,
 * followed by its "backlen" (the entry's size, 7 bits a byte, read right to left).
 *
 * <p>{@link Writer} encodes elements the way lpAppend does (a canonical decimal of up to 20
 * characters as the smallest integer that holds it), so the blob is byte-equal to Redis's.
 * {@link #read} decodes a blob with every offset bounds-checked; each failure is an
 * {@link RdbFormatException}.
 */
final class Listpack {

    static final int HEADER = 6;
    static final int EOF = 0xFF;
    static final int NUMELE_UNKNOWN = 65535;

    private Listpack() {
    }

    /** The bytes of an entry holding {@code len} bytes of string {@code b} from {@code off}, backlen included. */
    static int entrySize(byte[] b, int off, int len) {
        int enc;
        if (RdbNumbers.isCanonical(b, off, len)) {
            enc = integerSize(RdbNumbers.parse(b, off, len));
        } else {
            enc = stringHeader(len) + len;
        }
        return enc + backlenSize(enc);
    }

    private static int stringHeader(int len) {
        return len < 64 ? 1 : len < 4096 ? 2 : 5;
    }

    private static int integerSize(long v) {
        if (v >= 0 && v <= 127) {
            return 1;
        } else if (v >= -4096 && v <= 4095) {
            return 2;
        } else if (v >= -32768 && v <= 32767) {
            return 3;
        } else if (v >= -8388608 && v <= 8388607) {
            return 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return 5;
        }
        return 9;
    }

    static int backlenSize(long l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    /** Builds one listpack blob. */
    static final class Writer {
        private byte[] buf;
        private int size = HEADER;
        private int count;

        Writer(int capacity) {
            buf = new byte[Math.max(capacity, HEADER + 1)];
        }

        /** Bytes of the blob if it were finished now (lpBytes). */
        int bytes() {
            return size + 1;
        }

        int count() {
            return count;
        }

        private void ensure(int more) {
            if (size + more + 1 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more + 1));
            }
        }

        void append(byte[] b) {
            append(b, 0, b.length);
        }

        void append(byte[] b, int off, int len) {
            if (RdbNumbers.isCanonical(b, off, len)) {
                appendInteger(RdbNumbers.parse(b, off, len));
                return;
            }
            int hdr = stringHeader(len);
            ensure(hdr + len + 5);
            int start = size;
            if (len < 64) {
                buf[size++] = (byte) (0x80 | len);
            } else if (len < 4096) {
                buf[size++] = (byte) (0xE0 | (len >> 8));
                buf[size++] = (byte) len;
            } else {
                buf[size++] = (byte) 0xF0;
                for (int i = 0; i < 4; i++) {
                    buf[size++] = (byte) (len >>> (8 * i));
                }
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
            backlen(size - start);
        }

        void appendInteger(long v) {
            ensure(14);
            int start = size;
            if (v >= 0 && v <= 127) {
                buf[size++] = (byte) v;
            } else if (v >= -4096 && v <= 4095) {
                long u = v & 0x1fff;
                buf[size++] = (byte) (0xC0 | (u >> 8));
                buf[size++] = (byte) u;
            } else {
                int n = integerSize(v) - 1;
                buf[size++] = (byte) (n == 2 ? 0xF1 : n == 3 ? 0xF2 : n == 4 ? 0xF3 : 0xF4);
                for (int i = 0; i < n; i++) {
                    buf[size++] = (byte) (v >>> (8 * i));
                }
            }
            backlen(size - start);
        }

        /** The entry size {@code l} after the entry, most significant 7 bits first, all but the first byte flagged 128. */
        private void backlen(int l) {
            int n = backlenSize(l);
            for (int i = 0; i < n; i++) {
                int shift = 7 * (n - 1 - i);
                int b = (l >>> shift) & 127;
                buf[size++] = (byte) (i == 0 ? b : b | 128);
            }
            count++;
        }

        byte[] finish() {
            byte[] out = Arrays.copyOf(buf, size + 1);
            out[size] = (byte) EOF;
            int total = size + 1;
            for (int i = 0; i < 4; i++) {
                out[i] = (byte) (total >>> (8 * i));
            }
            int n = Math.min(count, NUMELE_UNKNOWN);
            out[4] = (byte) n;
            out[5] = (byte) (n >>> 8);
            return out;
        }
    }

    /** Receives each element of a blob: a string slice of the blob, or an integer. */
    interface Visitor {
        void string(byte[] blob, int off, int len);

        void integer(long v);
    }

    /** Decodes an element to the bytes our values store (integers as their decimal digits). */
    static byte[] bytesOf(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Walks every element of {@code blob}. The header's total must equal the blob's length, the
     * last byte must be 0xFF and every entry must lie inside; with {@code deep}, every backlen and
     * the header's count are checked too (lpValidateIntegrity's deep mode).
     *
     * @return the number of elements
     */
    static int read(byte[] blob, boolean deep, Visitor visitor) {
        int size = blob.length;
        if (size < HEADER + 1) {
            throw bad("listpack shorter than its header");
        }
        long total = le(blob, 0, 4);
        if (total != size) {
            throw bad("listpack header length " + total + " does not match its " + size + " bytes");
        }
        if ((blob[size - 1] & 0xff) != EOF) {
            throw bad("listpack without its terminator");
        }
        int declared = (int) le(blob, 4, 2);
        int end = size - 1;
        int p = HEADER;
        int count = 0;
        while (p < end) {
            int start = p;
            int e = blob[p] & 0xff;
            int dataLen;
            if (e < 0x80) {
                p += 1;
                visitor.integer(e);
            } else if (e < 0xC0) {
                dataLen = e & 0x3f;
                p = string(blob, p + 1, dataLen, end, visitor);
            } else if (e < 0xE0) {
                need(p, 2, end);
                long u = ((e & 0x1f) << 8) | (blob[p + 1] & 0xff);
                visitor.integer(u >= 1 << 12 ? u - (1 << 13) : u);
                p += 2;
            } else if (e < 0xF0) {
                need(p, 2, end);
                dataLen = ((e & 0x0f) << 8) | (blob[p + 1] & 0xff);
                p = string(blob, p + 2, dataLen, end, visitor);
            } else if (e == 0xF0) {
                need(p, 5, end);
                long len = le(blob, p + 1, 4);
                if (len > end) {
                    throw bad("listpack string longer than the listpack");
                }
                p = string(blob, p + 5, (int) len, end, visitor);
            } else if (e >= 0xF1 && e <= 0xF4) {
                int n = e == 0xF1 ? 2 : e == 0xF2 ? 3 : e == 0xF3 ? 4 : 8;
                need(p, 1 + n, end);
                long v = le(blob, p + 1, n);
                if (n < 8) {
                    v = (v << (64 - 8 * n)) >> (64 - 8 * n); // sign-extend
                }
                visitor.integer(v);
                p += 1 + n;
            } else {
                throw bad("invalid listpack entry encoding " + e + " at " + p);
            }
            int entryLen = p - start;
            int bl = backlenSize(entryLen);
            if (p + bl > end) {
                throw bad("listpack entry runs past its end");
            }
            if (deep && decodeBacklen(blob, p + bl - 1, p) != entryLen) {
                throw bad("listpack backlen does not match its entry at " + start);
            }
            p += bl;
            count++;
        }
        if (deep && declared != NUMELE_UNKNOWN && declared != count) {
            throw bad("listpack header count " + declared + " but " + count + " elements");
        }
        return count;
    }

    private static int string(byte[] blob, int p, int len, int end, Visitor visitor) {
        if ((long) p + len > end) {
            throw bad("listpack string runs past its end");
        }
        visitor.string(blob, p, len);
        return p + len;
    }

    private static void need(int p, int n, int end) {
        if ((long) p + n > end) {
            throw bad("listpack entry runs past its end");
        }
    }

    /** Reads a backlen ending at {@code last} (inclusive), going left no further than {@code first}. */
    private static long decodeBacklen(byte[] b, int last, int first) {
        long v = 0;
        int shift = 0;
        for (int p = last; p >= first; p--) {
            v |= (long) (b[p] & 127) << shift;
            if ((b[p] & 128) == 0) {
                return v;
            }
            shift += 7;
        }
        return -1;
    }

    static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (b[off + i] & 0xffL) << (8 * i);
        }
        return v;
    }

    static RdbFormatException bad(String message) {
        return new RdbFormatException(message, -1);
    }
}
