package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * FUNCTION DUMP and RESTORE against the reference: a payload redis-server 7.0.15 dumps (one
 * library written plain, one LZF-compressed) restored into ours and one ours dumps restored into
 * redis-server, the libraries then compared through FUNCTION LIST WITHCODE and FCALL; and the
 * errors for bad payloads, policies and collisions, byte for byte.
 */
class FunctionDumpTest extends ConformanceTestBase {

    static final String SHORT = "#!lua name=shortlib\nredis.register_function('fs', function() return 1 end)";
    /** Repetitive enough that redis-server compresses it with LZF. */
    static final String LONG = "#!lua name=longlib\nredis.register_function('fl', function(keys, args)\n"
            + "  local t = {} -- padding padding padding padding padding padding padding\n"
            + "  t[1] = 'abcabcabcabcabcabcabcabcabcabcabcabc'\n  t[2] = 'abcabcabcabcabcabcabcabcabcabcabcabc'\n"
            + "  return t\nend)\n";

    @AllConfigurationsBothProtocols
    void payloadsCrossBothWays(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.reference().call("FUNCTION", "LOAD", SHORT);
            d.reference().call("FUNCTION", "LOAD", LONG);
            byte[] fromReference = d.reference().call("FUNCTION", "DUMP").payload();
            assertEquals("+OK", send(d.ours(), "FUNCTION", "RESTORE", fromReference).rawText().trim());
            sameLists(d);
            d.same("FCALL", "fs", "0");
            d.same("FCALL", "fl", "0");
            // and back: ours dumps, the reference restores (after forgetting its own)
            byte[] fromOurs = d.ours().call("FUNCTION", "DUMP").payload();
            d.reference().call("FUNCTION", "FLUSH");
            assertEquals("+OK", send(d.reference(), "FUNCTION", "RESTORE", fromOurs).rawText().trim());
            sameLists(d);
            // the same payload again: APPEND collides, REPLACE and FLUSH do not
            byte[] single = dumpOfShortOnly(d);
            sameSend(d, "FUNCTION", "RESTORE", single);
            sameSend(d, "FUNCTION", "RESTORE", single, "APPEND".getBytes());
            sameSend(d, "FUNCTION", "RESTORE", single, "replace".getBytes());
            sameSend(d, "FUNCTION", "RESTORE", single, "FLUSH".getBytes());
            d.same("FUNCTION", "LIST");
            d.same("FUNCTION", "STATS");
            sameSend(d, "FUNCTION", "RESTORE", single, "bad".getBytes());
            sameSend(d, "FUNCTION", "RESTORE", single, "FLUSH".getBytes(), "x".getBytes());
            d.same("FUNCTION", "RESTORE", "short");
            d.same("FUNCTION", "RESTORE", "");
            byte[] corrupt = single.clone();
            corrupt[corrupt.length - 1] ^= 1;
            sameSend(d, "FUNCTION", "RESTORE", corrupt);
            byte[] newer = single.clone();
            newer[newer.length - 10] = 11;
            sameSend(d, "FUNCTION", "RESTORE", newer);
            // a function name another library holds
            d.same("FUNCTION", "FLUSH");
            d.same("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('fs', function() return 2 end)");
            sameSend(d, "FUNCTION", "RESTORE", single);
            sameSend(d, "FUNCTION", "RESTORE", single, "REPLACE".getBytes());
            // a payload that is not a function (a key's DUMP), and a truncated library
            d.reference().call("SET", "dumped", "v");
            sameSend(d, "FUNCTION", "RESTORE", d.reference().call("DUMP", "dumped").payload());
            sameSend(d, "FUNCTION", "RESTORE", withFooter(Arrays.copyOf(body(single), 5)));
            d.same("FUNCTION", "DUMP", "x");
            d.same("FUNCTION", "RESTORE");
            d.same("FUNCTION", "FLUSH");
            d.same("FUNCTION", "DUMP");
            d.assertNoMismatches();
        }
    }

    /**
     * DUMP writes what redis-server writes, byte for byte, for one library at a time (several are
     * listed in hash-table order there): plain code (20 bytes or less, or not compressible by 4
     * bytes), LZF-compressed code short and long (a 5000-byte run, long references; thousands of
     * lines of varied code, the 8 KiB window), and each payload restores on the other side.
     */
    @AllConfigurations
    void dumpsAreByteIdenticalWithTheReference(String config) {
        java.util.Random r = new java.util.Random(7);
        String[] words = {"local", "function", "return", "redis.call", "end", "if", "then", "keys", "args", "'x'"};
        StringBuilder varied = new StringBuilder("#!lua name=variedlib\n");
        for (int i = 0; i < 400; i++) {
            varied.append("redis.register_function('v").append(i).append("', function(keys, args) return '");
            for (int w = r.nextInt(12); w >= 0; w--) {
                varied.append(words[r.nextInt(words.length)]).append(r.nextInt(1000)).append(' ');
            }
            varied.append("' end)\n");
        }
        String run = "#!lua name=runlib\n-- " + "a".repeat(5000) + "\nredis.register_function('r', function() return 1 end)";
        String minimal = "#!lua name=m\nredis.register_function('m', function() end)";
        try (Differential d = Differential.open(config, 2).soft()) {
            for (String lib : new String[] {SHORT, LONG, minimal, run, varied.toString()}) {
                d.same("FUNCTION", "FLUSH");
                d.same("FUNCTION", "LOAD", lib);
                byte[] ref = d.reference().call("FUNCTION", "DUMP").payload();
                byte[] ours = d.ours().call("FUNCTION", "DUMP").payload();
                assertEquals(java.util.HexFormat.of().formatHex(ref), java.util.HexFormat.of().formatHex(ours),
                        lib.substring(0, 20));
                d.same("FUNCTION", "FLUSH");
                sameSend(d, "FUNCTION", "RESTORE", ours);
                d.same("FUNCTION", "LIST", "WITHCODE");
            }
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    /**
     * A payload whose checksum is right but whose LZF string claims a plain length the stream
     * cannot produce (here 4 GiB from 2 bytes): the reference's error, and no allocation by it.
     */
    @AllConfigurations
    void aCorruptCompressedLengthIsAnError(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("FUNCTION", "FLUSH");
            byte[] lzfHuge = {(byte) 245, (byte) 0xC3, 2, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 0, 'a'};
            sameSend(d, "FUNCTION", "RESTORE", withFooter(lzfHuge));
            byte[] lzfShort = {(byte) 245, (byte) 0xC3, 2, 40, 0, 'a'}; // produces 1 byte, claims 40
            sameSend(d, "FUNCTION", "RESTORE", withFooter(lzfShort));
            byte[] lzfCut = {(byte) 245, (byte) 0xC3, 9, 40, 0, 'a'}; // compressed length past the end
            sameSend(d, "FUNCTION", "RESTORE", withFooter(lzfCut));
            d.same("FUNCTION", "LIST");
            d.assertNoMismatches();
        }
    }

    private static void sameLists(Differential d) {
        d.same("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "shortlib");
        d.same("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "longlib");
        d.same("FUNCTION", "STATS");
    }

    /** The reference's DUMP of the short library alone (the reference left with it alone). */
    private static byte[] dumpOfShortOnly(Differential d) {
        d.same("FUNCTION", "FLUSH");
        d.same("FUNCTION", "LOAD", SHORT);
        return d.reference().call("FUNCTION", "DUMP").payload();
    }

    private static byte[] body(byte[] payload) {
        return Arrays.copyOf(payload, payload.length - 10);
    }

    /** {@code body} with the RDB version 10 and the CRC-64 the reference's payloads carry. */
    private static byte[] withFooter(byte[] body) {
        byte[] p = Arrays.copyOf(body, body.length + 2);
        p[body.length] = 10;
        long crc = crc64(p);
        byte[] r = Arrays.copyOf(p, p.length + 8);
        for (int i = 0; i < 8; i++) {
            r[p.length + i] = (byte) (crc >>> (8 * i));
        }
        return r;
    }

    /** CRC-64/Jones, bit by bit (an independent check of the production table). */
    private static long crc64(byte[] b) {
        long poly = Long.reverse(0xad93d23594c935a9L);
        long crc = 0;
        for (byte x : b) {
            crc ^= x & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
        }
        return crc;
    }

    private static void sameSend(Differential d, String a0, String a1, byte[]... rest) {
        Reply ref = send(d.reference(), a0, a1, rest);
        Reply ours = send(d.ours(), a0, a1, rest);
        assertEquals(ref.rawText(), ours.rawText(), a0 + " " + a1);
    }

    private static Reply send(RawConnection c, String a0, String a1, byte[]... rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + (2 + rest.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : concat(a0.getBytes(StandardCharsets.US_ASCII), a1.getBytes(StandardCharsets.US_ASCII), rest)) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return c.send(out.toByteArray()).read();
    }

    private static byte[][] concat(byte[] a, byte[] b, byte[][] rest) {
        byte[][] all = new byte[2 + rest.length][];
        all[0] = a;
        all[1] = b;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}
