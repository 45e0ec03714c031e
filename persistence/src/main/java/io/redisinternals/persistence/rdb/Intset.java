package io.redisinternals.persistence.rdb;

/**
 * Redis's intset blob: encoding (the width, 2, 4 or 8) and count as uint32 LE, then the integers
 * ascending, little endian, all of that width. Our intset {@code SetValue} keeps the same
 * contents array, so the blob is its header plus our bytes.
 */
final class Intset {

    static final int HEADER = 8;

    private Intset() {
    }

    /**
     * Checks a blob as intsetValidateIntegrity does, always including order (our set searches it
     * by bisection, so an unsorted or duplicated blob would answer wrong): a known width, the size
     * matching the count, not empty, strictly ascending.
     *
     * @return the width
     */
    static int validate(byte[] blob) {
        if (blob.length < HEADER) {
            throw Listpack.bad("intset shorter than its header");
        }
        long width = Listpack.le(blob, 0, 4);
        if (width != 2 && width != 4 && width != 8) {
            throw Listpack.bad("intset of unknown encoding " + width);
        }
        long count = Listpack.le(blob, 4, 4);
        if (HEADER + count * width != blob.length) {
            throw Listpack.bad("intset size does not match its count");
        }
        if (count == 0) {
            throw Listpack.bad("empty intset");
        }
        int w = (int) width;
        long prev = get(blob, w, 0);
        for (int i = 1; i < count; i++) {
            long cur = get(blob, w, i);
            if (cur <= prev) {
                throw Listpack.bad("intset with duplicate or unordered integers");
            }
            prev = cur;
        }
        return w;
    }

    static int count(byte[] blob) {
        return (int) Listpack.le(blob, 4, 4);
    }

    static long get(byte[] blob, int width, int index) {
        long v = Listpack.le(blob, HEADER + index * width, width);
        return (v << (64 - 8 * width)) >> (64 - 8 * width);
    }
}
