package io.redisinternals.persistence.rdb;

/**
 * The ziplist blob of RDB types 10, 12, 13 and 14 (written by Redis before 7.0; 7.0 still loads
 * it): header zlbytes, zltail (uint32 LE), zllen (uint16 LE, 65535 when unknown), entries, 0xFF.
 * An entry is prevlen (1 byte, or 0xFE and 4 bytes LE), an encoding (00pppppp, 01pppppp qqqqqqqq
 * big endian or 10000000 + 4 bytes big endian string lengths; 0xC0 int16, 0xD0 int32, 0xE0 int64,
 * 0xF0 int24, 0xFE int8, 0xF1..0xFD the immediates 0..12) and the data.
 *
 * <p>Validated as Redis loads it (deeply, whatever sanitize-dump-payload says): the sizes, every
 * entry inside, each prevlen equal to the previous entry's size, zltail at the last entry, the
 * count when known.
 */
final class Ziplist {

    private static final int HEADER = 10;
    private static final int END = 0xFF;

    private Ziplist() {
    }

    /** @return the number of entries */
    static int read(byte[] zl, Listpack.Visitor visitor) {
        int size = zl.length;
        if (size < HEADER + 1) {
            throw Listpack.bad("ziplist shorter than its header");
        }
        if (Listpack.le(zl, 0, 4) != size) {
            throw Listpack.bad("ziplist header length does not match its size");
        }
        if ((zl[size - 1] & 0xff) != END) {
            throw Listpack.bad("ziplist without its terminator");
        }
        long tail = Listpack.le(zl, 4, 4);
        int declared = (int) Listpack.le(zl, 8, 2);
        int end = size - 1;
        int p = HEADER;
        int prevSize = 0;
        int last = HEADER;
        int count = 0;
        while (p < end) {
            int start = p;
            int prevlen = zl[p] & 0xff;
            if (prevlen == 0xFE) {
                need(p, 5, end);
                long big = Listpack.le(zl, p + 1, 4);
                if (big > Integer.MAX_VALUE) {
                    throw Listpack.bad("ziplist prevlen out of range");
                }
                prevlen = (int) big;
                p += 5;
            } else {
                p += 1;
            }
            if (prevlen != prevSize) {
                throw Listpack.bad("ziplist prevlen does not match the previous entry");
            }
            need(p, 1, end);
            int e = zl[p] & 0xff;
            switch (e >> 6) {
                case 0 -> p = string(zl, p + 1, e & 0x3f, end, visitor);
                case 1 -> {
                    need(p, 2, end);
                    p = string(zl, p + 2, ((e & 0x3f) << 8) | (zl[p + 1] & 0xff), end, visitor);
                }
                case 2 -> {
                    if (e != 0x80) {
                        throw Listpack.bad("invalid ziplist string encoding " + e);
                    }
                    need(p, 5, end);
                    long len = ((zl[p + 1] & 0xffL) << 24) | ((zl[p + 2] & 0xffL) << 16)
                            | ((zl[p + 3] & 0xffL) << 8) | (zl[p + 4] & 0xffL);
                    if (len > end) {
                        throw Listpack.bad("ziplist string longer than the ziplist");
                    }
                    p = string(zl, p + 5, (int) len, end, visitor);
                }
                default -> {
                    int n;
                    switch (e) {
                        case 0xC0 -> n = 2;
                        case 0xD0 -> n = 4;
                        case 0xE0 -> n = 8;
                        case 0xF0 -> n = 3;
                        case 0xFE -> n = 1;
                        default -> {
                            if (e >= 0xF1 && e <= 0xFD) {
                                n = 0;
                            } else {
                                throw Listpack.bad("invalid ziplist entry encoding " + e);
                            }
                        }
                    }
                    need(p, 1 + n, end);
                    long v;
                    if (n == 0) {
                        v = (e & 0x0f) - 1;
                    } else {
                        v = Listpack.le(zl, p + 1, n);
                        v = (v << (64 - 8 * n)) >> (64 - 8 * n);
                    }
                    visitor.integer(v);
                    p += 1 + n;
                }
            }
            prevSize = p - start;
            last = start;
            count++;
        }
        if (count > 0 ? tail != last : tail != HEADER) {
            throw Listpack.bad("ziplist tail offset does not point at its last entry");
        }
        if (declared != 65535 && declared != count) {
            throw Listpack.bad("ziplist header count does not match its entries");
        }
        return count;
    }

    private static int string(byte[] zl, int p, int len, int end, Listpack.Visitor visitor) {
        if ((long) p + len > end) {
            throw Listpack.bad("ziplist string runs past its end");
        }
        visitor.string(zl, p, len);
        return p + len;
    }

    private static void need(int p, int n, int end) {
        if ((long) p + n > end) {
            throw Listpack.bad("ziplist entry runs past its end");
        }
    }
}
