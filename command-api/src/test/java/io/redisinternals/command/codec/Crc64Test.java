package io.redisinternals.command.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {

    /** The check value crc64.c documents for CRC-64/Jones ("123456789"), and the empty input. */
    @Test
    void checkValue() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.of(digits, 0, digits.length));
        assertEquals(0L, Crc64.of(new byte[0], 0, 0));
    }

    /** Slicing-by-8 agrees with the bitwise definition for every length and split point. */
    @Test
    void slicedEqualsBitwiseAndIsIncremental() {
        byte[] data = new byte[300];
        new Random(7).nextBytes(data);
        for (int len = 0; len <= data.length; len += 7) {
            long expected = bitwise(data, 3, len - Math.min(len, 3));
            int n = len - Math.min(len, 3);
            assertEquals(expected, Crc64.of(data, 3, n));
            for (int split = 0; split <= n; split += 5) {
                long first = Crc64.update(0, data, 3, split);
                assertEquals(expected, Crc64.update(first, data, 3 + split, n - split));
            }
        }
    }

    private static long bitwise(byte[] b, int off, int len) {
        long poly = Long.reverse(0xad93d23594c935a9L);
        long crc = 0;
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
        }
        return crc;
    }
}
