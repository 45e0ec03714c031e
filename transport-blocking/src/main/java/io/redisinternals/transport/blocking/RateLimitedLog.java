package io.redisinternals.transport.blocking;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A log line that may repeat at a high rate (accept failing with EMFILE thousands of times a
 * second, many connections failing the same way) is written at most once per interval; the
 * occurrences in between are counted and the count is appended to the next line written
 * ("(N similar suppressed)"). Thread-safe and lock-free; a suppressed occurrence costs two
 * atomic operations and builds no string.
 */
final class RateLimitedLog {

    private final System.Logger log;
    private final System.Logger.Level level;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    /** Earliest {@link #nanoClock} value at which the next line may be written. */
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    RateLimitedLog(System.Logger log, System.Logger.Level level, long intervalNanos) {
        this(log, level, intervalNanos, System::nanoTime);
    }

    RateLimitedLog(System.Logger log, System.Logger.Level level, long intervalNanos, LongSupplier nanoClock) {
        this.log = log;
        this.level = level;
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * Writes {@code message} (with the count of lines suppressed since the last one) unless a
     * line was written less than an interval ago. Returns whether it wrote.
     */
    boolean log(Supplier<String> message) {
        long now = nanoClock.getAsLong();
        long next = nextAllowed.get();
        if (now - next < 0 || !nextAllowed.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        written.incrementAndGet();
        if (log.isLoggable(level)) {
            String line = message.get();
            log.log(level, skipped == 0 ? line : line + " (" + skipped + " similar suppressed)");
        }
        return true;
    }

    /** Lines written so far (for tests). */
    long written() {
        return written.get();
    }
}
