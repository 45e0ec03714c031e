package io.redisinternals.scripting;

import io.redisinternals.command.codec.Crc64;
import io.redisinternals.command.codec.Lzf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LZF on its own: what it compresses comes back whole, corrupt streams are refused without an
 * allocation sized by them, and RDB strings pick integer, LZF or plain as Redis does. (Byte
 * identity with redis-server's payloads is checked against the server in FunctionDumpTest.)
 */
class LzfTest {

    private static byte[] roundTrip(byte[] in) {
        byte[] packed = Lzf.compress(in, in.length + in.length / 32 + 64); // literals: 1 header per 32
        assertNotNull(packed);
        byte[] back = Lzf.decompress(packed, in.length);
        assertArrayEquals(in, back);
        return packed;
    }

    @Test
    void roundTripsRepetitiveRandomAndEdgeInputs() {
        roundTrip("a".getBytes());
        roundTrip("ab".getBytes());
        roundTrip("abc".getBytes());
        roundTrip("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes());
        byte[] longRun = new byte[100_000];
        assertEquals(true, roundTrip(longRun).length < 1_500); // 264-byte references: ~88x
        Random r = new Random(12);
        for (int n = 1; n < 3000; n += 37) {
            byte[] random = new byte[n];
            r.nextBytes(random);
            roundTrip(random);
            byte[] words = new byte[n];
            String alphabet = "redis.call lua function end ";
            for (int i = 0; i < n; i++) {
                words[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
            }
            roundTrip(words);
        }
    }

    @Test
    void refusesOutputOverTheBound() {
        byte[] random = new byte[200];
        new Random(3).nextBytes(random);
        assertNull(Lzf.compress(random, random.length - 4)); // Redis then stores it plain
        assertNull(Lzf.compress(new byte[0], 10));
    }

    @Test
    void corruptStreamsAreRefused() {
        byte[] packed = Lzf.compress("abcabcabcabcabcabcabcabcabcabcabcabc".getBytes(), 100);
        assertNull(Lzf.decompress(packed, 35)); // one byte short of what it produces
        assertNull(Lzf.decompress(packed, 37));
        assertNull(Lzf.decompress(packed, Integer.MAX_VALUE)); // refused before allocating
        assertNull(Lzf.decompress(packed, -1));
        assertNull(Lzf.decompress(new byte[] {(byte) 0x20, 0}, 3)); // a reference before the start
        assertNull(Lzf.decompress(new byte[] {5, 'a'}, 6)); // a literal run past the input
        assertNull(Lzf.decompress(new byte[] {0, 'a', (byte) 0xE0}, 10)); // a cut long reference
    }

    @Test
    void rdbStringsChooseIntegerLzfOrPlain() {
        assertArrayEquals(new byte[] {(byte) 0xC0, 12}, write("12"));
        assertArrayEquals(new byte[] {(byte) 0xC1, (byte) 0xE8, 3}, write("1000"));
        assertArrayEquals(new byte[] {(byte) 0xC2, 0, 0, 1, 0}, write("65536"));
        assertArrayEquals(new byte[] {3, '0', '1', '2'}, write("012")); // not canonical: plain
        assertArrayEquals(new byte[] {10, '4', '2', '9', '4', '9', '6', '7', '2', '9', '6'}, write("4294967296"));
        String longOne = "abcabcabcabcabcabcabcabcabcabcabcabc";
        byte[] w = write(longOne);
        assertEquals(0xC3, w[0] & 0xff);
        RdbStrings.Reader in = new RdbStrings.Reader(w, w.length);
        assertArrayEquals(longOne.getBytes(), in.string("bad"));
        byte[] shortOne = write("abcabcabcabcabcabcabc".substring(0, 20)); // 20 bytes: never compressed
        assertEquals(20, shortOne[0]);
    }

    @Test
    void aCorruptLengthInAnRdbStringIsAnError() {
        // LZF marker, compressed length 2, plain length 2^32-1: no 4 GiB buffer, an error
        byte[] p = {(byte) 0xC3, 2, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 'a'};
        ScriptException e = assertThrows(ScriptException.class, () -> new RdbStrings.Reader(p, p.length).string("ERR bad"));
        assertEquals("ERR bad", e.getMessage());
    }

    private static byte[] write(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbStrings.write(out, s.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
