package io.redisinternals.engine;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A log line at most once per interval for something that can repeat without bound (a command
 * that throws on every call, a cron tick that fails ten times a second): the first occurrence is
 * logged with its stack trace, the ones within the following interval are only counted, and the
 * next line logged says how many were left out. A flood of failures costs one line per interval.
 *
 * <p>Threading: safe from any thread.
 */
public final class ThrottledLog {

    private final System.Logger logger;
    private final long intervalMillis;
    private final LongSupplier clockMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean loggedOnce;
    private long lastLoggedMillis;
    private long suppressed;

    /** Logs through {@code logger} at most once every {@code intervalMillis}. */
    public ThrottledLog(System.Logger logger, long intervalMillis) {
        this(logger, intervalMillis, System::currentTimeMillis);
    }

    ThrottledLog(System.Logger logger, long intervalMillis, LongSupplier clockMillis) {
        this.logger = logger;
        this.intervalMillis = intervalMillis;
        this.clockMillis = clockMillis;
    }

    /**
     * Logs {@code message} with {@code thrown} unless a line was logged less than the interval
     * ago, in which case the occurrence is only counted. Returns whether a line was written.
     */
    public boolean log(System.Logger.Level level, String message, Throwable thrown) {
        long now = clockMillis.getAsLong();
        long left;
        lock.lock();
        try {
            if (loggedOnce && now - lastLoggedMillis < intervalMillis) {
                suppressed++;
                return false;
            }
            loggedOnce = true;
            lastLoggedMillis = now;
            left = suppressed;
            suppressed = 0;
        } finally {
            lock.unlock();
        }
        String line = left == 0 ? message
                : message + " (" + left + " similar failures not logged since the previous line)";
        logger.log(level, line, thrown);
        return true;
    }
}
