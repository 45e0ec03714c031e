package io.redisinternals.engine;

import java.util.function.LongBinaryOperator;

/**
 * One command's latency distribution (LATENCY HISTOGRAM, INFO latencystats), bucketed exactly as
 * the HdrHistogram that redis-server 7.0 keeps per command ({@code hdr_init(1, 1000000000, 2)}:
 * 1 ns to 1 s, two significant digits), so the same samples give the same printed bucket values.
 *
 * <p>The layout, written from HdrHistogram's published design: values below 256 ns have a slot
 * each; above, bucket {@code b} (1..22) covers {@code [128 << b, 256 << b)} in 128 slots of
 * {@code 1 << b} ns. A value's slot is {@code b * 128 + (v >> b)}, where {@code b} is the number of
 * bits {@code v} has beyond 8. 24 * 128 slots cover 1 s; a slot stands for every value from its
 * lowest to its highest equivalent value. Samples are clamped to [1 ns, 1 s] as Redis's
 * updateCommandLatencyHistogram does. The bucketing, percentiles and cumulative distribution were
 * checked against Redis's hdr_histogram on random sample sets (identical output); what differs
 * between the two servers is only the durations measured.
 *
 * <p>Memory: 3,072 counters (24 KiB), allocated when a command first completes, as Redis does.
 * Threading: under the engine's execution lock.
 */
public final class LatencyHistogram {

    /** Redis's LATENCY_HISTOGRAM_MIN_VALUE / MAX_VALUE, in nanoseconds. */
    static final long MIN_VALUE = 1;
    static final long MAX_VALUE = 1_000_000_000L;
    /** Slots per half bucket: 2 significant digits need 200 distinct values, rounded up to 256 a bucket. */
    private static final int HALF = 128;
    private static final int HALF_BITS = 7;
    /** Buckets needed so that 256 << (buckets - 1) exceeds MAX_VALUE, plus the one below 256. */
    private static final int SLOTS = 24 * HALF;

    private final long[] counts = new long[SLOTS];
    private long total;

    /** Records one call of {@code nanos} nanoseconds (clamped to the tracked range). */
    public void record(long nanos) {
        long v = Math.max(MIN_VALUE, Math.min(MAX_VALUE, nanos));
        counts[slot(v)]++;
        total++;
    }

    /** Number of recorded samples (LATENCY HISTOGRAM {@code calls}). */
    public long count() {
        return total;
    }

    /** The number of bits {@code v} has beyond the 8 that the first bucket resolves exactly. */
    private static int bucket(long v) {
        return 64 - Long.numberOfLeadingZeros(v | 0xff) - 8;
    }

    static int slot(long v) {
        int b = bucket(v);
        return (b << HALF_BITS) + (int) (v >>> b);
    }

    /** The lowest value that falls in {@code slot}. */
    static long lowestOf(int slot) {
        int b = (slot >> HALF_BITS) - 1;
        long sub = (slot & (HALF - 1)) + HALF;
        if (b < 0) {
            b = 0;
            sub -= HALF;
        }
        return sub << b;
    }

    /** The highest value that falls in the same slot as {@code v}. */
    static long highestEquivalent(long v) {
        int b = bucket(v);
        return ((v >>> b) << b) + (1L << b) - 1;
    }

    /**
     * The value at {@code percentile} (0..100) as hdr_value_at_percentile: the slot holding the
     * sample of rank {@code round(p% of count)} (at least the first), as its highest equivalent
     * value, or its lowest for a percentile of exactly 0. 0 for an empty histogram.
     */
    public long valueAtPercentile(double percentile) {
        double requested = Math.min(percentile, 100.0);
        long rank = Math.max(1, (long) ((requested / 100) * total + 0.5));
        long seen = 0;
        for (int i = 0; i < SLOTS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long v = lowestOf(i);
                return percentile == 0.0 ? v : highestEquivalent(v);
            }
        }
        return 0;
    }

    /**
     * The cumulative distribution LATENCY HISTOGRAM prints, as Redis's walk with a logarithmic
     * HdrHistogram iterator (first level 1024 ns, each level twice the previous): for each level,
     * the walk stops at the first slot whose lowest value reaches the level and reports that slot's
     * highest value in whole microseconds with the count of samples up to and including it; a
     * report is printed only when that count grew. When the walk runs past the last slot it reports
     * the last slot it stood on, as the C iterator does. Calls {@code out} with (micros, cumulative).
     */
    public void cumulativeDistribution(LongBinaryOperator out) {
        long level = 1024; // a power of two is the lowest value of its own slot
        int slot = -1;
        long cumulative = 0;
        long lowest = 0;
        long highest = 0;
        long printed = 0;
        while (cumulative < total || (slot < SLOTS && lowestOf(slot + 1) > level)) {
            boolean walkedOff = false;
            while (lowest < level) {
                if (slot + 1 >= SLOTS) {
                    slot = SLOTS;
                    walkedOff = true;
                    break;
                }
                slot++;
                cumulative += counts[slot];
                lowest = lowestOf(slot);
                highest = highestEquivalent(lowest);
            }
            if (!walkedOff) {
                level *= 2;
            }
            if (cumulative > printed) {
                out.applyAsLong(highest / 1000, cumulative);
                printed = cumulative;
            }
        }
    }
}
