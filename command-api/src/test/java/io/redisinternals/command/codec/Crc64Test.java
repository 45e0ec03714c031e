package io.redisinternals.command.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc64Test {

    /** The check value crc64.c documents for CRC-64/Jones ("123456789"), and the empty input. */
    @Test
    void checkValue() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.of(digits, 0, digits.length));
        assertEquals(0L, Crc64.of(new byte[0], 0, 0));
    }
}
