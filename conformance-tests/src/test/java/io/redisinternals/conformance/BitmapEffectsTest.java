package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * What the bitmap commands (bitops.c) propagate and which keyspace events they send, against
 * redis-server 7.0.15 (see {@link EffectsProbe}): a write that changes nothing is not propagated.
 */
class BitmapEffectsTest extends EffectsTestBase {

    @Test
    void setbit() {
        probe.assertSame("FLUSHALL", "SETBIT b 7 1", "SETBIT b 7 1", "SETBIT b 7 0", "SETBIT b 7 0",
                "SETBIT b 100 0", "SETBIT b 100 0", "SETBIT b -1 1", "SETBIT b 1 2");
        probe.given("RPUSH l x");
        probe.assertSame("SETBIT l 1 1", "GETBIT b 7", "GETBIT l 1", "BITCOUNT b", "BITPOS b 1", "BITCOUNT l",
                "SET n 12", "SETBIT n 0 0", "OBJECT ENCODING n", "SETBIT n 0 1", "GET n");
    }

    @Test
    void bitop() {
        probe.assertSame("FLUSHALL", "SET x ab", "SET y cd", "BITOP AND d x y", "BITOP OR d x y", "BITOP XOR d x y",
                "BITOP NOT d x", "BITOP AND d nox noy", "BITOP AND d nox noy");
        probe.given("RPUSH l x");
        probe.assertSame("BITOP AND d x l", "BITOP NOT d x y", "BITOP BAD d x", "EXPIRE x 100", "BITOP OR x x y",
                "TTL x", "BITOP AND l x", "TYPE l");
    }

    @Test
    void bitfield() {
        probe.assertSame("FLUSHALL", "BITFIELD f SET u8 0 255", "BITFIELD f SET u8 0 255", "BITFIELD f GET u8 0",
                "BITFIELD f OVERFLOW FAIL INCRBY u8 0 10", "BITFIELD f INCRBY u8 0 1 INCRBY u8 8 1",
                "BITFIELD f INCRBY u8 0 0", "BITFIELD f SET u8 32 0", "BITFIELD nokey GET u8 0",
                "BITFIELD f OVERFLOW SAT INCRBY u8 0 10", "BITFIELD_RO f GET u8 0", "BITFIELD_RO f SET u8 0 1",
                "BITFIELD f SET u8 #1 7 GET u8 #1");
        probe.given("RPUSH l x");
        probe.assertSame("BITFIELD l SET u8 0 1", "BITFIELD l GET u8 0");
    }
}
