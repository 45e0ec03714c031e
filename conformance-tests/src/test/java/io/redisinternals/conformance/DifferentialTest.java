package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The harness itself: a mismatch recorded in soft mode fails the test at the latest when the
 * Differential is closed, and is reported once. Both sides are the reference; the mismatch is made
 * by a normal form that differs on every call.
 */
class DifferentialTest {

    /** A normal form that never gives the same text twice: every comparison is a mismatch. */
    private static Function<Reply, String> neverEqual() {
        AtomicInteger calls = new AtomicInteger();
        return r -> "call " + calls.incrementAndGet();
    }

    private static Differential softOnReference() {
        return Differential.open(ReferenceRedis.shared(), ReferenceRedis.shared(), 2).soft();
    }

    @Test
    void softMismatchesFailAtClose() {
        Differential d = softOnReference();
        d.same(neverEqual(), "PING");
        AssertionError e = assertThrows(AssertionError.class, d::close, "a soft mismatch nobody asserted");
        assertTrue(e.getMessage().startsWith("1 replies differ from the reference"), e.getMessage());
    }

    @Test
    void mismatchesAssertedBeforeCloseAreNotReportedAgain() {
        Differential d = softOnReference();
        d.same(neverEqual(), "PING");
        assertThrows(AssertionError.class, d::assertNoMismatches);
        assertDoesNotThrow(d::close);
    }

    @Test
    void noMismatchNoFailure() {
        Differential d = softOnReference();
        d.same("PING");
        assertDoesNotThrow(d::close);
    }
}
