package io.redisinternals.engine.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code latency-tracking-info-percentiles}: read as redis-server 7.0.15's string2d (C strtod)
 * and printed as its %f without trailing zeros; the expected texts are the reference's CONFIG GET.
 */
class LatencyPercentilesTest {

    private static String set(String value) throws ConfigException {
        Config c = new Config();
        c.set("latency-tracking-info-percentiles", value);
        return c.get("latency-tracking-info-percentiles");
    }

    private static String error(String value) {
        return assertThrows(ConfigException.class, () -> set(value)).getMessage();
    }

    @Test
    void readAsStrtodAndPrintedAsRedisPrintsThem() throws ConfigException {
        assertEquals("50 99 99.9", new Config().get("latency-tracking-info-percentiles"));
        assertEquals("0 -0 100 10 16 5 0.5 0 0.000002 0.000003 3 0.5 100",
                set("0.0000001 -0 99.99999999 1e1 0x10 +5 .5 0.0000005 0.0000015 0.0000025 0x1.8p1 0X.8 1E2"));
        assertEquals("0", set("5e-324"), "a denormal is not out of range");
        assertEquals("", set(""));
        assertEquals("99.99 1", set("99.99 1"));
    }

    @Test
    void refusedAsRedisRefusesThem() {
        for (String bad : List.of("abc", "50  99", " 5", "5 ", "nan", "NAN(12)", "1e400", "1e-400", "1e", "0x", "1.5f",
                "1d", "infinit", "--1", "0x1p")) {
            assertEquals(LatencyPercentiles.INVALID, error(bad), bad);
        }
        for (String range : List.of("101", "-0.5", "inf", "-Infinity", "100.0000001")) {
            assertEquals(LatencyPercentiles.OUT_OF_RANGE, error(range), range);
        }
    }

    @Test
    void startupTakesSeveralArgumentsOrOneToSplit() throws ConfigException {
        Config c = new Config();
        c.applyStartup("latency-tracking-info-percentiles", List.of("1", "2.50"));
        assertEquals("1 2.5", c.get("latency-tracking-info-percentiles"));
        c.applyStartup("latency-tracking-info-percentiles", List.of("75 25"));
        assertEquals("75 25", c.get("latency-tracking-info-percentiles"), "a second line replaces, not appends");
        c.applyStartup("latency-tracking-info-percentiles", List.of(""));
        assertEquals("", c.get("latency-tracking-info-percentiles"));
    }

    @Test
    void valuesAndFormat() {
        assertArrayEquals(new double[] {50, 99, 99.9}, LatencyPercentiles.values("50 99 99.9"));
        assertArrayEquals(new double[0], LatencyPercentiles.values(""));
        assertEquals("-0", LatencyPercentiles.format(-0.0));
        assertEquals("33.333333", LatencyPercentiles.format(100.0 / 3));
        assertEquals("0", LatencyPercentiles.format(0.0000005));
        assertEquals("0.000002", LatencyPercentiles.format(0.0000015));
    }
}
