package io.redisinternals.transport.epoll;

/**
 * How long an event loop with nothing to do keeps polling before it blocks ({@code epoll-spin
 * auto}): a window that follows the gaps the loop has seen, as the guest halt-polling of KVM
 * (cpuidle-haltpoll) does for a CPU about to halt.
 *
 * <p>Why spin at all: with many unpipelined clients on a small host the load generator, not the
 * server, is the bottleneck, and most of its time is kernel time. Each request it sends to a loop
 * blocked in epoll_wait also pays for waking that loop (a cross-CPU interrupt, on a VM an exit), and
 * the loop pays for going to sleep. A loop that is still polling when the request lands costs
 * neither (docs/PERFORMANCE.md, the S1 lead: 0.30 blocking waits per request against redis-server's
 * 0.19, and 10% more requests served with a fixed 50-poll spin).
 *
 * <p>Why adaptive: a fixed spin burns up to its whole length after every turn of a lightly loaded
 * server, where the next request comes milliseconds later. The window grows (from {@link #START_NANOS},
 * doubling) while idle gaps end within {@code maxNanos} — a spin that long would have caught them —
 * and halves, down to nothing, when a gap outlasts it. So an idle or lightly loaded loop blocks at
 * once as before, a busy one spins; the CPU spent spinning per idle gap is at most {@code maxNanos}.
 *
 * <p>Loop thread only; no allocation.
 */
final class SpinWindow {

    /** The first window after none: a few polls. */
    static final long START_NANOS = 2_000;

    private final long maxNanos;
    private long windowNanos;

    /** @param maxNanos the longest window; 0 never spins */
    SpinWindow(long maxNanos) {
        if (maxNanos < 0) {
            throw new IllegalArgumentException("maxNanos must not be negative: " + maxNanos);
        }
        this.maxNanos = maxNanos;
    }

    /** How long the next idle gap is polled before the loop blocks; 0: block at once. */
    long windowNanos() {
        return windowNanos;
    }

    /**
     * An idle gap ended after the loop had blocked: {@code gapNanos} from the end of the last turn
     * (spinning included) to the wake-up. A spin that ends with work found changes nothing.
     */
    void blockedGapEnded(long gapNanos) {
        if (gapNanos <= maxNanos) {
            windowNanos = Math.min(maxNanos, Math.max(START_NANOS, windowNanos * 2));
        } else {
            windowNanos = windowNanos / 2 < START_NANOS ? 0 : windowNanos / 2;
        }
    }
}
