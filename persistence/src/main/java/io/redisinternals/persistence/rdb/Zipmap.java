package io.redisinternals.persistence.rdb;

/**
 * The zipmap blob of RDB type 9 (hashes of Redis 2.4 and before): a count byte (254: unknown),
 * then per pair a length (1 byte, or 254 and 4 bytes LE), the field, a length, a free-space
 * byte, the value and that many unused bytes; 0xFF at the end. Validated deeply, as Redis
 * always does for this type: every length inside, not empty, the count when known.
 */
final class Zipmap {

    private static final int BIGLEN = 254;
    private static final int END = 0xFF;

    private Zipmap() {
    }

    /** Receives each pair as slices of the blob. */
    interface PairVisitor {
        void pair(byte[] zm, int fieldOff, int fieldLen, int valueOff, int valueLen);
    }

    /** @return the number of pairs */
    static int read(byte[] zm, PairVisitor visitor) {
        int size = zm.length;
        if (size < 2) {
            throw Listpack.bad("zipmap shorter than its header");
        }
        if ((zm[size - 1] & 0xff) != END) {
            throw Listpack.bad("zipmap without its terminator");
        }
        int end = size - 1;
        int p = 1;
        int count = 0;
        while (p < end) {
            if ((zm[p] & 0xff) == END) {
                break;
            }
            long[] lenAndNext = length(zm, p, end);
            int fieldLen = (int) lenAndNext[0];
            int fieldOff = (int) lenAndNext[1];
            p = within((long) fieldOff + fieldLen, end);
            lenAndNext = length(zm, p, end);
            int valueLen = (int) lenAndNext[0];
            int q = (int) lenAndNext[1];
            within(q, end);
            int free = zm[q] & 0xff;
            int valueOff = q + 1;
            p = within((long) valueOff + valueLen + free, end);
            visitor.pair(zm, fieldOff, fieldLen, valueOff, valueLen);
            count++;
        }
        if (p != end) {
            throw Listpack.bad("zipmap terminator before its end");
        }
        if (count == 0) {
            throw Listpack.bad("empty zipmap");
        }
        int declared = zm[0] & 0xff;
        if (declared != BIGLEN && declared != count) {
            throw Listpack.bad("zipmap header count does not match its pairs");
        }
        return count;
    }

    /** {length, offset after it}. */
    private static long[] length(byte[] zm, int p, int end) {
        within(p, end - 1);
        int first = zm[p] & 0xff;
        if (first < BIGLEN) {
            return new long[] {first, p + 1};
        }
        if (first != BIGLEN) {
            throw Listpack.bad("invalid zipmap length");
        }
        within((long) p + 5, end);
        long len = Listpack.le(zm, p + 1, 4);
        if (len > end) {
            throw Listpack.bad("zipmap length past its end");
        }
        return new long[] {len, p + 5};
    }

    private static int within(long p, int end) {
        if (p > end) {
            throw Listpack.bad("zipmap entry runs past its end");
        }
        return (int) p;
    }
}
