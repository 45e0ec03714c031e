package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The histogram behind LATENCY HISTOGRAM and INFO latencystats. The expected numbers are what
 * redis-server 7.0.15's hdr_histogram (1 ns .. 1 s, 2 significant digits) gives for the same
 * samples: the bucket boundaries, the percentile values and the cumulative distribution with its
 * logarithmic levels.
 */
class LatencyHistogramTest {

    private static LatencyHistogram of(long... nanos) {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : nanos) {
            h.record(v);
        }
        return h;
    }

    /** (micros, cumulative) pairs as LATENCY HISTOGRAM prints them. */
    private static List<String> distribution(LatencyHistogram h) {
        List<String> out = new ArrayList<>();
        h.cumulativeDistribution((micros, calls) -> {
            out.add(micros + ":" + calls);
            return 0;
        });
        return out;
    }

    /** Redis's percentiles p0, p50, p99, p100, p33.3 of the histogram. */
    private static List<Long> percentiles(LatencyHistogram h) {
        return List.of(h.valueAtPercentile(0.0), h.valueAtPercentile(50), h.valueAtPercentile(99),
                h.valueAtPercentile(100), h.valueAtPercentile(33.3));
    }

    @Test
    void valuesBelow256HaveOneSlotEachAboveThatTwoSignificantDigits() {
        for (long v = 0; v < 256; v++) {
            assertEquals(v, LatencyHistogram.highestEquivalent(v), "exact below 256: " + v);
            assertEquals(v, LatencyHistogram.lowestOf(LatencyHistogram.slot(v)));
        }
        assertEquals(257, LatencyHistogram.highestEquivalent(256)); // slots of 2 from 256
        assertEquals(1003, LatencyHistogram.highestEquivalent(1000)); // slots of 4 from 512
        assertEquals(1031, LatencyHistogram.highestEquivalent(1024)); // slots of 8 from 1024
        assertEquals(26111, LatencyHistogram.highestEquivalent(26000)); // slots of 128 from 16384
        assertEquals(1_002_438_655, LatencyHistogram.highestEquivalent(1_000_000_000L));
        // every slot's range starts right after the previous one's
        for (int s = 1; s < LatencyHistogram.slot(LatencyHistogram.MAX_VALUE) + 1; s++) {
            assertEquals(LatencyHistogram.highestEquivalent(LatencyHistogram.lowestOf(s - 1)) + 1,
                    LatencyHistogram.lowestOf(s), "slot " + s);
        }
    }

    @Test
    void percentilesAsRedisComputesThem() {
        LatencyHistogram h = of(1000, 2000, 0, 26000);
        assertEquals(4, h.count());
        assertEquals(List.of(1L, 1003L, 26111L, 26111L, 1L), percentiles(h));
        // percentile 0 is the lowest value of its slot, any other the highest
        assertEquals(List.of(996L, 2007L, 33816575L, 33816575L, 1003L),
                percentiles(of(999, 1000, 1001, 1999, 2000, 2001, 131071, 131072, 1048576, 33554432)));
        assertEquals(List.of(255L, 1023L, 1039L, 1039L, 257L), percentiles(of(255, 256, 257, 1023, 1024, 1031, 1032)));
        assertEquals(999, of(999, 1000, 1001).valueAtPercentile(1e-7), "a tiny percentile is not 0");
        assertEquals(0, new LatencyHistogram().valueAtPercentile(50), "empty");
    }

    @Test
    void samplesAreClampedToOneNanosecondAndOneSecond() {
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), percentiles(of(0)));
        assertEquals(List.of(499122176L, 1002438655L, 1002438655L, 1002438655L, 501219327L),
                percentiles(of(500_000_000L, 1_000_000_000L, 1_500_000_000L)));
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), percentiles(of(-5)));
    }

    @Test
    void cumulativeDistributionAtDoublingLevelsFrom1024Nanoseconds() {
        assertEquals(List.of("1:3"), distribution(of(1, 1, 1)));
        assertEquals(List.of("1:2", "2:3", "33:4"), distribution(of(1000, 2000, 0, 26000)));
        assertEquals(List.of("1:6", "2:7"), distribution(of(255, 256, 257, 1023, 1024, 1031, 1032)));
        assertEquals(List.of("1:3", "2:6", "132:8", "1056:9", "33816:10"),
                distribution(of(999, 1000, 1001, 1999, 2000, 2001, 131071, 131072, 1048576, 33554432)));
        // beyond the last level the walk reports the last slot it stood on, as the C iterator does
        assertEquals(List.of("541065:1", "1073741:3"), distribution(of(500_000_000L, 1_000_000_000L, 1_500_000_000L)));
        assertEquals(List.of(), distribution(new LatencyHistogram()));
    }

    @Test
    void countsEverySample() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 100_000; i++) {
            h.record(i * 1000L);
        }
        assertEquals(100_000, h.count());
        List<String> d = distribution(h);
        assertEquals("100000", d.get(d.size() - 1).split(":")[1], "the last level holds every sample: " + d);
        assertEquals(50_069_503, h.valueAtPercentile(50)); // 50 ms at two significant digits (slots of 2^18 ns)
    }
}
