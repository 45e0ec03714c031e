package io.redisinternals.commands;

/**
 * The index range normalisation that LRANGE, LTRIM, ZRANGE (by rank) and ZREMRANGEBYRANK share in
 * Redis: negative indexes count from the end, the start is clamped to 0 and the end to the last
 * element; an empty span is null.
 */
final class IndexRange {

    private IndexRange() {
    }

    /** {@code {first, last}} inside {@code [0, size)}, or null when the span holds nothing. */
    static long[] clip(long start, long end, long size) {
        if (start < 0) {
            start = size + start;
        }
        if (end < 0) {
            end = size + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= size) {
            return null;
        }
        if (end >= size) {
            end = size - 1;
        }
        return new long[] {start, end};
    }
}
