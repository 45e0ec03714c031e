package io.redisinternals.lua.ext;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** bit against redis-server 7.0's: each line is run by both and the results compared. */
class BitLibTest {

    private static ReferenceRedis redis;
    private static LibDifferential diff;

    @BeforeAll
    static void start() throws Exception {
        redis = ReferenceRedis.start();
        diff = new LibDifferential(redis, BitLib::open);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @TestFactory
    Stream<DynamicTest> converts() {
        return diff.tests("bit.tobit(0)", "bit.tobit(1)", "bit.tobit(-1)", "bit.tobit(2^31)", "bit.tobit(2^32)",
                "bit.tobit(2^32 + 5)", "bit.tobit(-2^31)", "bit.tobit(-2^31 - 1)", "bit.tobit(0.5)", "bit.tobit(1.5)",
                "bit.tobit(2.5)", "bit.tobit(-0.5)", "bit.tobit(-1.5)", "bit.tobit(0xffffffff)", "bit.tobit(2^52)",
                "bit.tobit(2^53 + 2)", "bit.tobit(2^60)", "bit.tobit(1e300)", "bit.tobit(1/0)", "bit.tobit(-1/0)",
                "bit.tobit(0/0)", "bit.tobit('10')", "bit.tobit('0x10')", "bit.tobit(' 7 ')", "bit.tobit('x')",
                "bit.tobit()", "bit.tobit(nil)", "bit.tobit(true)", "bit.tobit({})", "bit.tobit('')",
                "bit.tobit(1, 2)", "bit.tobit(4294967296 * 3 + 7)");
    }

    @TestFactory
    Stream<DynamicTest> operates() {
        return diff.tests("bit.bnot(0)", "bit.bnot(-1)", "bit.bnot(0x12345678)", "bit.band(0xff, 0x0f)",
                "bit.band(1, 3, 5, 7)", "bit.band(-1)", "bit.band()", "bit.band(1, 'x')", "bit.band('x', {})",
                "bit.band(1, {}, 'x')", "bit.bor(1, 2, 4, 8, 2^31)", "bit.bxor(0xf0f0, 0xff00)", "bit.bxor(-1, 1)",
                "bit.bor(1, nil)", "bit.lshift(1, 0)", "bit.lshift(1, 31)", "bit.lshift(1, 32)", "bit.lshift(1, 33)",
                "bit.lshift(1, -1)", "bit.lshift(0xff, 28)", "bit.rshift(-1, 1)", "bit.rshift(-256, 4)", "bit.rshift(256, 36)",
                "bit.arshift(-256, 4)", "bit.arshift(-1, 31)", "bit.arshift(2^31, 1)", "bit.rol(0x12345678, 4)",
                "bit.rol(0x12345678, 0)", "bit.rol(0x12345678, 36)", "bit.ror(0x12345678, 4)", "bit.ror(1, 1)",
                "bit.ror(0x12345678, 0)", "bit.bswap(0x12345678)", "bit.bswap(-1)", "bit.bswap(0xff)", "bit.lshift(1)",
                "bit.rshift('8', '1')");
    }

    @TestFactory
    Stream<DynamicTest> formatsHex() {
        return diff.tests("bit.tohex(0)", "bit.tohex(255)", "bit.tohex(-1)", "bit.tohex(0x12345678, 4)",
                "bit.tohex(0x12345678, -4)", "bit.tohex(0xabcdef, -8)", "bit.tohex(255, 0)", "bit.tohex(255, 12)",
                "bit.tohex(255, -12)", "bit.tohex(255, 1)", "bit.tohex(255, nil)", "bit.tohex(2^40 + 0xabc)",
                "bit.tohex()", "bit.tohex('ff')", "bit.tohex(-0x10, 3)");
    }
}
