package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;

import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.Arrays;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN] (part of Redis's {@code t_string.c};
 * a file of its own because of the algorithm).
 *
 * <p>Redis fills a (len1+1)*(len2+1) table of 32-bit LCS lengths, refuses the command when that
 * table would exceed proto-max-bulk-len bytes, and walks it back from the end to build the string
 * and the match ranges. The walk only ever asks one question of a cell where the bytes differ:
 * is LCS(i-1,j) greater than LCS(i,j-1)? So this implementation keeps the same answers in one bit
 * per cell (a 32nd of Redis's table) plus two rolling vectors over the shorter string, and LEN
 * alone needs no table at all. The replies, including which of several equally long subsequences
 * is chosen and how ranges are cut, are redis-server 7.0.15's.
 */
final class LcsCommand {

    private LcsCommand() {
    }

    private static final byte[] NOT_STRINGS = Replies.encode("-ERR The specified keys must contain string values\r\n");
    private static final byte[] LEN_AND_IDX =
            Replies.encode("-ERR If you want both the length and indexes, please just use IDX.\r\n");
    private static final byte[] OVER_LIMIT = Replies.encode(
            "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n");
    private static final byte[] ALLOCATION_FAILED =
            Replies.encode("-ERR Insufficient memory, failed allocating transient memory for LCS\r\n");
    private static final byte[] EMPTY = new byte[0];

    static CommandSpec spec() {
        return CommandMetadata.bind("lcs", LcsCommand::lcs);
    }

    /**
     * Order of checks as redis-server: both keys are looked up (reads: hit/miss counted) and must
     * be strings or missing (= empty); then the options left to right (a bad MINMATCHLEN number
     * is reported where it stands); then LEN with IDX; then the table size.
     */
    static void lcs(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Object va = ctx.lookupRead(argv, 1);
        Object vb = ctx.lookupRead(argv, 2);
        if ((va != null && !StringValue.isString(va)) || (vb != null && !StringValue.isString(vb))) {
            out.raw(NOT_STRINGS);
            return;
        }
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        int argc = argv.count();
        for (int j = 3; j < argc; j++) {
            if (argv.equalsIgnoreCase(j, "idx")) {
                getIdx = true;
            } else if (argv.equalsIgnoreCase(j, "len")) {
                getLen = true;
            } else if (argv.equalsIgnoreCase(j, "withmatchlen")) {
                withMatchLen = true;
            } else if (argv.equalsIgnoreCase(j, "minmatchlen") && j < argc - 1) {
                try {
                    minMatchLen = Math.max(0, argv.longValue(++j));
                } catch (NumberFormatException e) {
                    out.raw(Replies.NOT_INTEGER);
                    return;
                }
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        if (getIdx && getLen) {
            out.raw(LEN_AND_IDX);
            return;
        }
        byte[] a = va == null ? EMPTY : StringValue.array(va);
        byte[] b = vb == null ? EMPTY : StringValue.array(vb);
        int alen = va == null ? 0 : StringValue.length(va);
        int blen = vb == null ? 0 : StringValue.length(vb);

        // Redis's table is (alen+1)*(blen+1) uint32s; both lengths are below 2^31, so the cell
        // count fits a long and "cells * 4 > limit" is "cells > limit / 4" without overflow.
        long cells = (alen + 1L) * (blen + 1L);
        if (cells > StringCommands.maxStringLength(ctx) / 4) {
            out.raw(OVER_LIMIT);
            return;
        }
        if (getLen) {
            out.integer(lcsLength(a, alen, b, blen));
            return;
        }
        long[] upBits;
        long words = ((long) alen * blen + 63) / 64;
        try {
            upBits = words > Integer.MAX_VALUE - 16 ? null : new long[(int) words];
        } catch (OutOfMemoryError e) {
            upBits = null; // Redis's ztrymalloc failing: the command fails, the server goes on
        }
        if (upBits == null) {
            out.raw(ALLOCATION_FAILED);
            return;
        }
        int total = fillDirections(a, alen, b, blen, upBits);
        walkBack(out, a, alen, b, blen, upBits, total, getIdx, withMatchLen, minMatchLen);
    }

    /** LCS length only, with one rolling vector over the shorter string. */
    private static int lcsLength(byte[] a, int alen, byte[] b, int blen) {
        if (alen > blen) {
            return lcsLength(b, blen, a, alen);
        }
        int[] prev = new int[alen + 1];
        int[] cur = new int[alen + 1];
        for (int j = 1; j <= blen; j++) {
            byte bj = b[j - 1];
            for (int i = 1; i <= alen; i++) {
                cur[i] = a[i - 1] == bj ? prev[i - 1] + 1 : Math.max(cur[i - 1], prev[i]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[alen];
    }

    /**
     * Computes the LCS table (with vectors over the shorter dimension) and records, for every cell
     * (i, j) with i, j >= 1 whose bytes differ, whether LCS(i-1, j) > LCS(i, j-1): Redis's walk
     * then moves up (i-1) rather than left (j-1). Bit index (i-1)*blen + (j-1). Returns LCS(alen, blen).
     */
    private static int fillDirections(byte[] a, int alen, byte[] b, int blen, long[] up) {
        if (alen == 0 || blen == 0) {
            return 0;
        }
        if (alen <= blen) {
            // Column by column: col[i] = LCS(i, j), prev[i] = LCS(i, j-1).
            int[] prev = new int[alen + 1];
            int[] col = new int[alen + 1];
            for (int j = 1; j <= blen; j++) {
                byte bj = b[j - 1];
                for (int i = 1; i <= alen; i++) {
                    if (a[i - 1] == bj) {
                        col[i] = prev[i - 1] + 1;
                    } else {
                        int upper = col[i - 1];
                        int left = prev[i];
                        if (upper > left) {
                            long bit = (long) (i - 1) * blen + (j - 1);
                            up[(int) (bit >>> 6)] |= 1L << bit;
                            col[i] = upper;
                        } else {
                            col[i] = left;
                        }
                    }
                }
                int[] t = prev;
                prev = col;
                col = t;
            }
            return prev[alen];
        }
        // Row by row: row[j] = LCS(i, j), prev[j] = LCS(i-1, j).
        int[] prev = new int[blen + 1];
        int[] row = new int[blen + 1];
        for (int i = 1; i <= alen; i++) {
            byte ai = a[i - 1];
            long rowBase = (long) (i - 1) * blen;
            for (int j = 1; j <= blen; j++) {
                if (ai == b[j - 1]) {
                    row[j] = prev[j - 1] + 1;
                } else {
                    int upper = prev[j];
                    int left = row[j - 1];
                    if (upper > left) {
                        long bit = rowBase + (j - 1);
                        up[(int) (bit >>> 6)] |= 1L << bit;
                        row[j] = upper;
                    } else {
                        row[j] = left;
                    }
                }
            }
            int[] t = prev;
            prev = row;
            row = t;
        }
        return prev[blen];
    }

    /**
     * Redis's walk from (alen, blen) back to a border: a byte match goes diagonally and extends
     * the current range, a mismatch follows the recorded direction and closes the current range.
     * A range is also closed when it reaches the first byte of either string. Ranges are reported
     * in the order they close (from the end of the strings), filtered by MINMATCHLEN.
     */
    private static void walkBack(ReplyWriter out, byte[] a, int alen, byte[] b, int blen, long[] up, int total,
                                 boolean getIdx, boolean withMatchLen, long minMatchLen) {
        byte[] result = new byte[total];
        int[] ranges = getIdx ? new int[Math.max(1, Math.min(total, 64)) * 5] : null;
        int rangeCount = 0;
        int idx = total;
        int aStart = alen; // alen: no range open
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = alen;
        int j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                long bit = (long) (i - 1) * blen + (j - 1);
                if ((up[(int) (bit >>> 6)] & (1L << bit)) != 0) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                long matchLen = (long) aEnd - aStart + 1;
                if (getIdx && (minMatchLen == 0 || matchLen >= minMatchLen)) {
                    if ((rangeCount + 1) * 5 > ranges.length) {
                        ranges = Arrays.copyOf(ranges, ranges.length * 2);
                    }
                    int p = rangeCount * 5;
                    ranges[p] = aStart;
                    ranges[p + 1] = aEnd;
                    ranges[p + 2] = bStart;
                    ranges[p + 3] = bEnd;
                    ranges[p + 4] = (int) matchLen;
                    rangeCount++;
                }
                aStart = alen;
            }
        }
        if (!getIdx) {
            out.bulk(result);
            return;
        }
        out.mapHeader(2);
        out.bulk("matches");
        out.arrayHeader(rangeCount);
        for (int r = 0; r < rangeCount; r++) {
            int p = r * 5;
            out.arrayHeader(withMatchLen ? 3 : 2);
            out.arrayHeader(2).integer(ranges[p]).integer(ranges[p + 1]);
            out.arrayHeader(2).integer(ranges[p + 2]).integer(ranges[p + 3]);
            if (withMatchLen) {
                out.integer(ranges[p + 4]);
            }
        }
        out.bulk("len");
        out.integer(total);
    }
}
