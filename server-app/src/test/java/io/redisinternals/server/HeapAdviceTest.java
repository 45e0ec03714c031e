package io.redisinternals.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapAdviceTest {

    private static final long MB = 1 << 20;

    @Test
    void noLimitOrABalancedHeapSaysNothing() {
        assertNull(HeapAdvice.advice(0, 6000 * MB));
        assertNull(HeapAdvice.advice(100 * MB, 400 * MB));
        assertNull(HeapAdvice.advice(100 * MB, 800 * MB));
        assertNull(HeapAdvice.advice(100 * MB, Long.MAX_VALUE)); // no known maximum
    }

    @Test
    void aSmallLimitOnABigHeapSuggestsBoundingTheHeap() {
        String advice = HeapAdvice.advice(100 * MB, 6028 * MB);
        assertEquals("WARNING: maxmemory is 100mb but the JVM may grow its heap to 6028mb: under sustained writes the"
                + " process can use several times maxmemory. Start it with REDIS_INTERNALS_JAVA_OPTS=-Xmx400m to bound it.",
                advice);
        assertTrue(HeapAdvice.advice(1 * MB, 1024 * MB).contains("-Xmx256m"), "at least 256 MB is suggested");
    }

    @Test
    void aLimitNearTheHeapsMaximumWarnsOfRunningOutOfHeap() {
        String advice = HeapAdvice.advice(3000 * MB, 4096 * MB);
        assertTrue(advice.startsWith("WARNING: maxmemory (3145728000 bytes) is more than half of the JVM's maximum heap"), advice);
        assertTrue(advice.contains("-Xmx12000m"), advice);
        // a maxmemory beyond 2^63 (unsigned in Redis) is still "more than the heap", not a negative number
        assertTrue(HeapAdvice.advice(-1L, 4096 * MB).contains("18446744073709551615 bytes"));
    }
}
