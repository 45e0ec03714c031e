package io.redisinternals.server;

import io.redisinternals.engine.config.Config;

import java.lang.System.Logger.Level;

/**
 * Warnings about {@code maxmemory} against the JVM heap, which Redis has no need of: the data lives
 * on the JVM heap, whose maximum the JVM fixed at startup (-Xmx, or a quarter of the machine's
 * memory), and the collector grows the heap with the write rate, not with used_memory. So a small
 * maxmemory on a big default heap lets the process use many times the limit (measured in
 * docs/PERFORMANCE.md, "RSS under eviction"), and a maxmemory near the heap's maximum runs out of
 * heap before eviction can keep up. Logged at startup and whenever maxmemory changes.
 */
final class HeapAdvice {

    private static final System.Logger LOG = System.getLogger("io.redisinternals.server");

    /** Above this many times maxmemory the heap may grow far past the limit under writes. */
    static final long LOOSE_FACTOR = 8;
    /** The heap needs room beyond the live data for the collector: maxmemory above this share of it is unsafe. */
    static final double TIGHT_SHARE = 0.5;

    private HeapAdvice() {
    }

    static void watch(Config config, long maxHeap) {
        check(config.get("maxmemory"), maxHeap);
        config.onChange("maxmemory", v -> check(v, maxHeap));
    }

    /** The warning for {@code maxmemory} (bytes, unsigned text) with a heap of at most {@code maxHeap}, or null. */
    static String advice(long maxmemory, long maxHeap) {
        if (maxmemory == 0 || maxHeap <= 0 || maxHeap == Long.MAX_VALUE) {
            return null;
        }
        long suggested = Math.max(256L << 20, 4 * maxmemory);
        if (Long.compareUnsigned(maxmemory, (long) (maxHeap * TIGHT_SHARE)) > 0) {
            return "WARNING: maxmemory (" + Long.toUnsignedString(maxmemory) + " bytes) is more than half of the JVM's"
                    + " maximum heap (" + maxHeap + " bytes): the server may run out of heap before eviction keeps up."
                    + " Start it with REDIS_INTERNALS_JAVA_OPTS=-Xmx" + mb(suggested) + "m or lower maxmemory.";
        }
        if (maxHeap / LOOSE_FACTOR > maxmemory) {
            return "WARNING: maxmemory is " + size(maxmemory) + " but the JVM may grow its heap to " + mb(maxHeap)
                    + "mb: under sustained writes the process can use several times maxmemory."
                    + " Start it with REDIS_INTERNALS_JAVA_OPTS=-Xmx" + mb(suggested) + "m to bound it.";
        }
        return null;
    }

    private static void check(String maxmemory, long maxHeap) {
        String advice = advice(Long.parseUnsignedLong(maxmemory), maxHeap);
        if (advice != null) {
            LOG.log(Level.WARNING, advice);
        }
    }

    /** "100mb", or the bytes under 1 MB. */
    private static String size(long bytes) {
        return bytes < (1 << 20) ? bytes + " bytes" : mb(bytes) + "mb";
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >>> 20;
    }
}
