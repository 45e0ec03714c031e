package io.redisinternals.transport.epoll;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind of failure that may repeat at line rate (a handler that throws on every request, accept
 * failing with EMFILE): at most one line per interval, the next line saying how many were
 * suppressed in between. The stack trace of a logged occurrence goes at DEBUG only, so a storm never
 * floods the log nor costs a stack walk per occurrence. Safe from any thread; the suppressed path
 * allocates nothing.
 */
final class RateLimitedLog {

    /** Default interval between two lines of one kind. */
    static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final System.Logger log;
    private final long intervalNanos;
    /** System.nanoTime before which occurrences are only counted; MIN_VALUE until the first line. */
    private final AtomicLong quietUntil = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(System.Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Logs {@code message} (and, at DEBUG, {@code cause}'s stack trace) unless a line of this kind
     * was logged less than an interval ago, in which case the occurrence is only counted.
     *
     * @return whether a line was written
     */
    boolean log(System.Logger.Level level, String message, Throwable cause) {
        long now = System.nanoTime();
        long until = quietUntil.get();
        if ((until != Long.MIN_VALUE && now - until < 0) || !quietUntil.compareAndSet(until, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        try {
            long skipped = suppressed.getAndSet(0);
            String line = skipped == 0 ? message : message + " (" + skipped + " more suppressed)";
            log.log(level, line);
            if (cause != null && log.isLoggable(System.Logger.Level.DEBUG)) {
                log.log(System.Logger.Level.DEBUG, message, cause);
            }
        } catch (RuntimeException | Error e) {
            // Out of memory while formatting: nothing better to do than to go on.
        }
        return true;
    }

    /** Occurrences counted since the last line (tests). */
    long suppressed() {
        return suppressed.get();
    }
}
