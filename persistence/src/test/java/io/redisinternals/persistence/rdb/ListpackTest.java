package io.redisinternals.persistence.rdb;

import static io.redisinternals.persistence.rdb.Blobs.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listpack encoder against hand-written bytes of each encoding, and the decoder's checks. */
class ListpackTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] of(String... elements) {
        Listpack.Writer w = new Listpack.Writer(16);
        for (String e : elements) {
            w.append(b(e));
        }
        return w.finish();
    }

    /** The entry bytes (after the 6-byte header, before 0xFF) of a one-element listpack. */
    private static String entry(String element) {
        byte[] lp = of(element);
        return hex(Arrays.copyOfRange(lp, 6, lp.length - 1));
    }

    @Test
    void everyEncodingAsTheFormatDescribesIt() {
        assertEquals("0701", entry("7")); // 7-bit uint, backlen 1
        assertEquals("7f01", entry("127"));
        assertEquals("c08002", entry("128")); // 13-bit int
        assertEquals("dfff02", entry("-1"));
        assertEquals("d00002", entry("-4096"));
        assertEquals("cfff02", entry("4095"));
        assertEquals("f1001003", entry("4096")); // 16-bit
        assertEquals("f2ff7fff04", entry("-32769")); // 24-bit
        assertEquals("f30000800005", entry("8388608")); // 32-bit
        assertEquals("f4000000800000000009", entry("2147483648")); // 64-bit
        assertEquals("8361626304", entry("abc")); // 6-bit string
        assertEquals("82303103", entry("01")); // not canonical: a string
        assertEquals("822d3003", entry("-0"));
        String s64 = "x".repeat(64);
        assertEquals("e040" + hex(b(s64)) + "42", entry(s64)); // 12-bit string
        String s200 = "y".repeat(200);
        assertEquals("e0c8" + hex(b(s200)) + "01ca", entry(s200)); // 2-byte backlen
        String s5000 = "z".repeat(5000);
        assertEquals("f088130000" + hex(b(s5000)) + "278d", entry(s5000)); // 32-bit string
        byte[] lp = of("a", "1");
        assertEquals("0c000000" + "0200" + "816102" + "0101" + "ff", hex(lp)); // total bytes, count, entries, EOF
    }

    @Test
    void decodesWhatItEncodes() {
        List<String> in = List.of("7", "-1", "4096", "-32769", "8388608", "2147483648", "-9223372036854775808",
                "9223372036854775807", "abc", "", "x".repeat(64), "y".repeat(5000));
        byte[] lp = of(in.toArray(new String[0]));
        List<String> out = new ArrayList<>();
        int n = Listpack.read(lp, true, new Listpack.Visitor() {
            @Override
            public void string(byte[] blob, int off, int len) {
                out.add(new String(blob, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
            }

            @Override
            public void integer(long v) {
                out.add(Long.toString(v));
            }
        });
        assertEquals(in.size(), n);
        assertEquals(in, out);
    }

    private static final Listpack.Visitor IGNORE = new Listpack.Visitor() {
        @Override
        public void string(byte[] blob, int off, int len) {
        }

        @Override
        public void integer(long v) {
        }
    };

    @Test
    void corruptBlobsAreRefused() {
        byte[] good = of("abc", "5", "x".repeat(200));
        Listpack.read(good, true, IGNORE);
        byte[] badTotal = good.clone();
        badTotal[0]++;
        byte[] noEof = good.clone();
        noEof[noEof.length - 1] = 0;
        byte[] badEncoding = good.clone();
        badEncoding[6] = (byte) 0xF6;
        byte[] longString = good.clone();
        longString[6] = (byte) 0xBF; // a 63-byte string in a short blob
        for (byte[] bad : List.of(badTotal, noEof, badEncoding, new byte[3], Arrays.copyOf(good, 6))) {
            assertThrows(RdbFormatException.class, () -> Listpack.read(bad, false, IGNORE));
        }
        // a longer first string lands mid-entry: walkable byte by byte ('y' reads as a small
        // integer), so only the backlens show it, as in Redis's shallow check
        assertThrows(RdbFormatException.class, () -> Listpack.read(longString, true, IGNORE));
        // only the deep check reads backlens and the header count
        byte[] badBacklen = good.clone();
        badBacklen[10] = 3;
        Listpack.read(badBacklen, false, IGNORE);
        assertThrows(RdbFormatException.class, () -> Listpack.read(badBacklen, true, IGNORE));
        byte[] badCount = good.clone();
        badCount[4] = 7;
        Listpack.read(badCount, false, IGNORE);
        assertThrows(RdbFormatException.class, () -> Listpack.read(badCount, true, IGNORE));
        byte[] unknownCount = good.clone();
        unknownCount[4] = (byte) 0xFF;
        unknownCount[5] = (byte) 0xFF;
        assertEquals(3, Listpack.read(unknownCount, true, IGNORE));
    }

    @Test
    void intsetsAsTheFormatDescribesThem() {
        byte[] blob = {2, 0, 0, 0, 3, 0, 0, 0, (byte) 0xFB, (byte) 0xFF, 1, 0, 0x10, 0};
        assertEquals(2, Intset.validate(blob));
        assertEquals(-5, Intset.get(blob, 2, 0));
        assertEquals(16, Intset.get(blob, 2, 2));
        byte[] unordered = blob.clone();
        unordered[12] = 0;
        byte[] badWidth = blob.clone();
        badWidth[0] = 3;
        byte[] badCount = blob.clone();
        badCount[4] = 4;
        byte[] empty = {2, 0, 0, 0, 0, 0, 0, 0};
        for (byte[] bad : List.of(unordered, badWidth, badCount, empty, new byte[5])) {
            assertThrows(RdbFormatException.class, () -> Intset.validate(bad));
        }
    }
}
