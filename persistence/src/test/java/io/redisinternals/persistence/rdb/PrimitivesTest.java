package io.redisinternals.persistence.rdb;

import static io.redisinternals.persistence.rdb.Blobs.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redisinternals.command.codec.Crc64;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RdbOutput's and RdbInput's primitives: lengths, string encodings, CRC, streaming both ways. */
class PrimitivesTest {

    private static String hex(RdbOutput out) {
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @Test
    void lengthsIn6And14And32And64Bits() {
        long[] lengths = {0, 63, 64, 16383, 16384, 0xffffffffL, 0x100000000L};
        String[] expected = {"00", "3f", "4040", "7fff", "8000004000", "80ffffffff", "810000000100000000"};
        for (int i = 0; i < lengths.length; i++) {
            RdbOutput out = new RdbOutput(false);
            out.writeLength(lengths[i]);
            assertEquals(expected[i], hex(out));
            assertEquals(lengths[i], RdbInput.of(out.toByteArray()).readLength());
            assertEquals(expected[i].length() / 2, RdbOutput.lengthSize(lengths[i]));
        }
    }

    @Test
    void stringEncodings() {
        String[][] cases = {
            {"0", "c000"}, {"-1", "c0ff"}, {"127", "c07f"}, {"128", "c18000"}, {"-32768", "c10080"},
            {"32768", "c200800000"}, {"2147483647", "c2ffffff7f"}, {"2147483648", "0a32313437343833363438"},
            {"01", "023031"}, {"-0", "022d30"}, {"", "00"}, {"abc", "03616263"},
        };
        for (String[] c : cases) {
            RdbOutput out = new RdbOutput(true);
            out.writeString(b(c[0]));
            assertEquals(c[1], hex(out), c[0]);
            assertArrayEquals(b(c[0]), RdbInput.of(out.toByteArray()).readString(), c[0]);
        }
        byte[] compressible = b("ab".repeat(50));
        RdbOutput lzf = new RdbOutput(true);
        lzf.writeString(compressible);
        assertEquals(0xC3, lzf.toByteArray()[0] & 0xff);
        assertArrayEquals(compressible, RdbInput.of(lzf.toByteArray()).readString());
        RdbOutput plain = new RdbOutput(false);
        plain.writeString(compressible);
        assertEquals(2 + 100, plain.position()); // a 14-bit length
    }

    @Test
    void crcIsRunningAndDrainingStreams() throws Exception {
        Random r = new Random(5);
        RdbOutput out = new RdbOutput(true, 16);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            byte[] s = new byte[r.nextInt(3000)];
            r.nextBytes(s);
            out.writeString(s);
            out.writeMillis(i);
            out.writeBinaryDouble(i / 3.0);
            if (i % 7 == 0) {
                out.drainTo(Channels.newChannel(sink));
            }
        }
        long crc = out.crc();
        out.drainTo(Channels.newChannel(sink));
        byte[] all = sink.toByteArray();
        assertEquals(all.length, out.position());
        assertEquals(Crc64.of(all, 0, all.length), crc);

        // read back through a channel in small reads: same values, same CRC
        RdbInput in = RdbInput.of(Channels.newChannel(new ByteArrayInputStream(all) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        }));
        Random again = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] s = new byte[again.nextInt(3000)];
            again.nextBytes(s);
            assertArrayEquals(s, in.readString());
            assertEquals(i, in.readMillis());
            assertEquals(i / 3.0, in.readBinaryDouble());
        }
        assertEquals(crc, in.crc());
        assertEquals(all.length, in.offset());
        assertEquals(true, in.atEnd());
    }

    @Test
    void hugeLengthsAreRefusedBeforeAllocating() {
        // a string claiming 4 GiB - 1 in a 6-byte slice, and 2^62 in 10 bytes
        byte[] big32 = {(byte) 0x80, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'};
        byte[] big64 = {(byte) 0x81, 0x40, 0, 0, 0, 0, 0, 0, 0, 'a'};
        byte[] mid = {(byte) 0x80, 0x10, 0, 0, 0, 'a'}; // 256 MiB
        for (byte[] p : new byte[][] {big32, big64, mid}) {
            RdbFormatException e = assertThrows(RdbFormatException.class, () -> RdbInput.of(p).readString());
            assertEquals(true, e.getMessage().contains("offset"), e.getMessage());
        }
        // through a channel: the 256 MiB claim fails when the bytes run out, having allocated one chunk
        assertThrows(RdbFormatException.class,
                () -> RdbInput.of(Channels.newChannel(new ByteArrayInputStream(mid))).readString());
        // an LZF string claiming more than its compressed bytes can stand for
        byte[] lzf = {(byte) 0xC3, 2, (byte) 0x80, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 'a'};
        assertThrows(RdbFormatException.class, () -> RdbInput.of(lzf).readString());
    }
}
