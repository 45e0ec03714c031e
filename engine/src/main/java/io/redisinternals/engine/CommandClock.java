package io.redisinternals.engine;

import java.time.Instant;

/**
 * The time of commands: when a command starts (its wall-clock millisecond, for expiry and idle
 * times) and how long it ran (INFO commandstats, the slow log, latency histograms), from one
 * monotonic reading per command.
 *
 * <p>Why: Redis's call() reads the clock three times per command (the cached unix time, then a
 * monotonic start and end); on a virtualised host a read is 30-50 ns of pvclock arithmetic in the
 * vDSO, and three of them were 7% of the server CPU of a PUBLISH. Here, within a batch of requests
 * one connection runs under the execution lock ({@link Engine#beginBatch}), a call's end reading
 * is the next call's start: the batch starts with one reading and each call adds one. So a
 * command's measured time also holds the parsing and checks that preceded it in the batch
 * (a fraction of a microsecond; long work that is no command's, such as an eviction cycle, calls
 * {@link #mark} so the next command does not count it). Outside a batch (a re-run from the cron,
 * an embedder) every start is a fresh reading.
 *
 * <p>The wall clock is derived from the monotonic reading and re-anchored on every cron tick
 * ({@link #calibrate}), so a stepped system clock is followed within one tick, as Redis's cached
 * {@code server.mstime} follows it within a command.
 *
 * <p>Threading: under the engine's execution lock.
 */
final class CommandClock {

    /** The latest reading (System.nanoTime). */
    private long last;
    /** Inside a batch: the latest reading is where the next command starts. */
    private boolean chaining;
    /** Epoch nanoseconds and System.nanoTime at the last calibration. */
    private long wallAnchor;
    private long monotonicAnchor;

    CommandClock() {
        calibrate();
    }

    /** Re-anchors the wall clock (the cron, every tick). */
    void calibrate() {
        Instant wall = Instant.now();
        monotonicAnchor = System.nanoTime();
        wallAnchor = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    }

    void beginBatch() {
        last = System.nanoTime();
        chaining = true;
    }

    void endBatch() {
        chaining = false;
    }

    /** Where a command starts: the previous reading within a batch, else a fresh one. */
    long start() {
        return chaining ? last : mark();
    }

    /** A fresh reading, which the next command of the batch starts from. */
    long mark() {
        return last = System.nanoTime();
    }

    /** Milliseconds since the epoch at {@code nanos} (a reading of this clock). */
    long wallMillis(long nanos) {
        return Math.floorDiv(wallAnchor + (nanos - monotonicAnchor), 1_000_000L);
    }
}
