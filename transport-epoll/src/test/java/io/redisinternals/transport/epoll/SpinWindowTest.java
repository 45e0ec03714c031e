package io.redisinternals.transport.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpinWindowTest {

    private static final long MAX = 50_000;

    @Test
    void startsClosedSoAFreshLoopBlocksAtOnce() {
        assertEquals(0, new SpinWindow(MAX).windowNanos());
    }

    @Test
    void shortGapsOpenTheWindowDoublingUpToTheMaximum() {
        SpinWindow w = new SpinWindow(MAX);
        long[] expected = {2_000, 4_000, 8_000, 16_000, 32_000, 50_000, 50_000};
        for (long e : expected) {
            w.blockedGapEnded(20_000); // a spin of the maximum would have caught it
            assertEquals(e, w.windowNanos());
        }
        w.blockedGapEnded(MAX); // a gap of exactly the maximum still counts as caught
        assertEquals(MAX, w.windowNanos());
    }

    @Test
    void longGapsCloseTheWindowByHalvesDownToNothing() {
        SpinWindow w = open(new SpinWindow(MAX));
        long[] expected = {25_000, 12_500, 6_250, 3_125, 0, 0};
        for (long e : expected) {
            w.blockedGapEnded(1_000_000); // an idle millisecond: spinning would have been wasted
            assertEquals(e, w.windowNanos());
        }
    }

    @Test
    void aLightlyLoadedLoopStopsSpinningAndABusyOneStartsAgain() {
        SpinWindow w = open(new SpinWindow(MAX));
        for (int i = 0; i < 5; i++) {
            w.blockedGapEnded(MAX + 1);
        }
        assertEquals(0, w.windowNanos());
        w.blockedGapEnded(5_000);
        assertEquals(SpinWindow.START_NANOS, w.windowNanos());
    }

    @Test
    void aZeroMaximumNeverSpins() {
        SpinWindow w = new SpinWindow(0);
        w.blockedGapEnded(0);
        assertEquals(0, w.windowNanos());
        assertThrows(IllegalArgumentException.class, () -> new SpinWindow(-1));
    }

    private static SpinWindow open(SpinWindow w) {
        for (int i = 0; i < 10; i++) {
            w.blockedGapEnded(1_000);
        }
        assertEquals(MAX, w.windowNanos());
        return w;
    }
}
