package io.redisinternals.command.codec;

/**
 * CRC-64/Jones as Redis computes it for DUMP payloads (crc64.c): reflected, polynomial
 * 0xad93d23594c935a9, initial value 0, no final xor. crc64("123456789") = 0xe9c6d914c4b8d9ca.
 * A byte-at-a-time table: payloads are small (a library's code).
 */
public final class Crc64 {

    /** The polynomial with its bits reversed, for the reflected (LSB-first) computation. */
    private static final long REFLECTED_POLY = Long.reverse(0xad93d23594c935a9L);
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ REFLECTED_POLY : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc64() {
    }

    public static long of(byte[] b, int off, int len) {
        long crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = TABLE[(int) ((crc ^ b[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }
}
