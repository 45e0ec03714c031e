package io.redisinternals.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.redisinternals.keyspace.types.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupt payloads of every type: every truncation and thousands of random byte changes either
 * load a value or raise RdbFormatException; never another exception, a hang or an allocation
 * sized by a corrupt length (an OutOfMemoryError fails the test like any other throwable).
 */
class CorruptPayloadTest {

    private static final RdbReadOptions SHALLOW = RdbReadOptions.defaults(Samples.HASHER, false);
    private static final RdbReadOptions DEEP = RdbReadOptions.defaults(Samples.HASHER, true);

    /** Reads {@code body} (type byte + value) both ways; returns the value or null for RdbFormatException. */
    static Object load(byte[] body, RdbReadOptions options) {
        try {
            return DumpRestore.read(body, options);
        } catch (RdbFormatException e) {
            return null;
        } catch (Throwable t) {
            fail("not an RdbFormatException for " + java.util.HexFormat.of().formatHex(body), t);
            return null;
        }
    }

    @Test
    void everyPayloadRoundTrips() {
        List<Object> values = Samples.values();
        values.add(Samples.bigList());
        for (Object v : values) {
            byte[] p = DumpRestore.payload(v, true, -2);
            assertEquals(true, DumpRestore.verify(p));
            Object back = DumpRestore.read(p, DEEP);
            assertEquals(ValueType.of(v).name(), ValueType.of(back).name());
            assertEquals(ValueType.of(v).encoding(v), ValueType.of(back).encoding(back));
            assertEquals(Samples.describe(v), Samples.describe(back));
            if (!ValueType.of(v).encoding(v).equals("hashtable")) { // a table's order is its own
                assertArrayEquals(p, DumpRestore.payload(back, true, -2), ValueType.of(v).encoding(v));
            }
        }
    }

    @Test
    void everyTruncationIsAnErrorOrAValue() {
        for (byte[] p : Samples.payloads()) {
            byte[] body = Arrays.copyOf(p, p.length - 10);
            for (int n = 0; n < body.length; n++) {
                byte[] cut = Arrays.copyOf(body, n);
                load(cut, SHALLOW);
                load(cut, DEEP);
            }
        }
    }

    @Test
    void randomByteChangesAreErrorsOrValues() {
        Random r = new Random(11);
        List<byte[]> payloads = Samples.payloads();
        payloads.add(DumpRestore.payload(Samples.bigList(), false, -2));
        int loaded = 0;
        int refused = 0;
        for (byte[] p : payloads) {
            byte[] body = Arrays.copyOf(p, p.length - 10);
            int rounds = body.length > 1000 ? 300 : 3000;
            for (int i = 0; i < rounds; i++) {
                byte[] bad = body.clone();
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    int at = r.nextInt(bad.length);
                    bad[at] = r.nextInt(4) == 0 ? (byte) (bad[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(256);
                }
                Object v = load(bad, r.nextBoolean() ? DEEP : SHALLOW);
                if (v == null) {
                    refused++;
                } else {
                    loaded++;
                    // whatever loaded is a sound value: it serialises and loads back the same
                    byte[] again = DumpRestore.payload(v, true, -2);
                    assertEquals(Samples.describe(v), Samples.describe(DumpRestore.read(again, DEEP)));
                }
            }
        }
        assertEquals(true, loaded > 0 && refused > 0, loaded + " loaded, " + refused + " refused");
    }

    /**
     * The fuzzer's seeds (redis-server 7.0.15's DUMP bodies of every 7.0 encoding, and hand-built
     * ziplist, quicklist-of-ziplists, zipmap, string-score and plain-type bodies) all load.
     */
    @Test
    void everyFuzzSeedLoads() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(
                "src/test/resources/io/redisinternals/persistence/rdb/RdbValuesFuzzTestInputs/readValue");
        try (var files = java.nio.file.Files.list(dir)) {
            List<java.nio.file.Path> seeds = files.sorted().toList();
            assertEquals(true, seeds.size() >= 19, seeds.toString());
            for (java.nio.file.Path seed : seeds) {
                byte[] body = java.nio.file.Files.readAllBytes(seed);
                Object v = DumpRestore.read(body, DEEP);
                org.junit.jupiter.api.Assertions.assertNotNull(v, seed.toString());
            }
        }
    }

    @Test
    void payloadChecksAsRedis() {
        byte[] p = Samples.payloads().get(0);
        assertEquals(true, DumpRestore.verify(p));
        byte[] newer = p.clone();
        newer[newer.length - 10] = 11;
        assertEquals(false, DumpRestore.verify(newer));
        byte[] flipped = p.clone();
        flipped[2] ^= 1;
        assertEquals(false, DumpRestore.verify(flipped));
        assertEquals(false, DumpRestore.verify(new byte[9]));
    }
}
