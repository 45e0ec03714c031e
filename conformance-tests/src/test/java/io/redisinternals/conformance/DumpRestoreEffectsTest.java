package io.redisinternals.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What DUMP and RESTORE propagate and which keyspace events they send, against redis-server
 * 7.0.15 (see {@link EffectsProbe}): RESTORE verbatim, a relative TTL rewritten to an absolute
 * one plus ABSTTL, an already expired ABSTTL over an existing key as a DEL, nothing for errors.
 * The probe sends text, so the payload is a string value whose DUMP payload happens to be ASCII
 * (found by trying values; its checksum bytes included).
 */
class DumpRestoreEffectsTest extends EffectsTestBase {

    private static final String PAYLOAD = asciiPayload();

    /** The DUMP payload of a short string value, all of whose bytes are below 0x80. */
    private static String asciiPayload() {
        for (int n = 0; ; n++) {
            byte[] v = ("v" + n).getBytes(StandardCharsets.US_ASCII);
            byte[] p = DumpRestoreTest.withFooter(concat(new byte[] {0, (byte) v.length}, v));
            boolean ascii = true;
            for (byte b : p) {
                ascii &= b >= 0 && b != ' ';
            }
            if (ascii) {
                return new String(p, StandardCharsets.US_ASCII);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String[] cmd(String... args) {
        return args;
    }

    @Test
    void restorePropagatesAsRedis() {
        List<String[]> c = new ArrayList<>();
        c.add(cmd("FLUSHALL"));
        c.add(cmd("RESTORE", "r1", "0", PAYLOAD));
        c.add(cmd("RESTORE", "r1", "0", PAYLOAD)); // BUSYKEY
        c.add(cmd("RESTORE", "r1", "0", PAYLOAD, "REPLACE"));
        c.add(cmd("RESTORE", "r2", "100000", PAYLOAD)); // relative TTL: absolute + ABSTTL
        c.add(cmd("RESTORE", "r3", "4102444800000", PAYLOAD, "ABSTTL"));
        c.add(cmd("RESTORE", "r1", "1", PAYLOAD, "ABSTTL", "REPLACE")); // expired: DEL r1
        c.add(cmd("RESTORE", "r4", "1", PAYLOAD, "ABSTTL")); // expired, no old key: nothing
        c.add(cmd("RESTORE", "r5", "0", PAYLOAD, "IDLETIME", "10"));
        c.add(cmd("RESTORE", "r6", "0", "bad"));
        c.add(cmd("DUMP", "r5"));
        c.add(cmd("DUMP", "nokey"));
        c.add(cmd("TYPE", "r5"));
        probe.assertSame(c);
    }
}
