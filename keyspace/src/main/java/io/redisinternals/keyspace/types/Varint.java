package io.redisinternals.keyspace.types;

/**
 * The 7-bit variable-length lengths of the packed collection forms (list chunks, listpack
 * hashes): low groups first, the high bit of a byte saying another follows. A short element (under
 * 128 bytes) costs one length byte, as in Redis's listpack.
 */
final class Varint {

    private Varint() {
    }

    /** Bytes {@code v} (non-negative) takes. */
    static int size(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** The value stored at {@code p}. */
    static int read(byte[] b, int p) {
        int v = 0;
        int shift = 0;
        int x;
        do {
            x = b[p++];
            v |= (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        return v;
    }

    /** Writes {@code v} at {@code p}; returns the position after it. */
    static int write(byte[] b, int p, int v) {
        while ((v & ~0x7f) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }
}
