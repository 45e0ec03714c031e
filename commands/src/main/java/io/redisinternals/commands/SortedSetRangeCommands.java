package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The zset range commands: ZRANGE in all its forms (by rank, score or lex, REV, LIMIT,
 * WITHSCORES), its older spellings and ZRANGESTORE, ZCOUNT, ZLEXCOUNT and the ZREMRANGEBY*
 * family. Every range is resolved to a span of ranks (elements in a score or lex range are
 * contiguous in the order), which the value then walks or removes.
 */
public final class SortedSetRangeCommands {

    private SortedSetRangeCommands() {
    }

    private static final byte[] LIMIT_NEEDS_BY = Replies.encode(
            "-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n");
    private static final byte[] WITHSCORES_BYLEX =
            Replies.encode("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n");

    private static final int AUTO = 0;
    private static final int RANK = 1;
    private static final int SCORE = 2;
    private static final int LEX = 3;

    static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("zcount", SortedSetRangeCommands::zcount),
                CommandMetadata.bind("zlexcount", SortedSetRangeCommands::zlexcount),
                CommandMetadata.bind("zrange", SortedSetRangeCommands::zrange),
                CommandMetadata.bind("zrangestore", SortedSetRangeCommands::zrangestore),
                CommandMetadata.bind("zrangebyscore", SortedSetRangeCommands::zrangebyscore),
                CommandMetadata.bind("zrangebylex", SortedSetRangeCommands::zrangebylex),
                CommandMetadata.bind("zrevrange", SortedSetRangeCommands::zrevrange),
                CommandMetadata.bind("zrevrangebyscore", SortedSetRangeCommands::zrevrangebyscore),
                CommandMetadata.bind("zrevrangebylex", SortedSetRangeCommands::zrevrangebylex),
                CommandMetadata.bind("zremrangebyrank", SortedSetRangeCommands::zremrangebyrank),
                CommandMetadata.bind("zremrangebyscore", SortedSetRangeCommands::zremrangebyscore),
                CommandMetadata.bind("zremrangebylex", SortedSetRangeCommands::zremrangebylex));
    }

    // ---- ranges -----------------------------------------------------------------------------

    /**
     * A parsed score or lex range as its two bounds, predicates over the elements. The searches
     * follow Redis's (range check on the ends, start search, then a walk while the far bound
     * holds), so lex ranges over unequal scores, which Redis leaves undefined, come out as a
     * listpack answers them.
     */
    record Range(SortedSetValue.Bound gteMin, SortedSetValue.Bound lteMax) {

        /** Redis's IsIn*Range: not empty, the last element reaches min and the first is within max. */
        boolean overlaps(SortedSetValue z) {
            long size = z.size();
            return size > 0 && z.testAt(size - 1, gteMin) && z.testAt(0, lteMax);
        }

        /** Rank of the first element in the range (Redis's *FirstIn*Range), or -1. */
        long first(SortedSetValue z) {
            if (!overlaps(z)) {
                return -1;
            }
            long f = z.firstWhere(gteMin);
            return f < z.size() && z.testAt(f, lteMax) ? f : -1;
        }

        /** Rank of the last element in the range (Redis's *LastIn*Range), or -1. */
        long last(SortedSetValue z) {
            if (!overlaps(z)) {
                return -1;
            }
            long l = z.lastWhere(lteMax);
            return l >= 0 && z.testAt(l, gteMin) ? l : -1;
        }

        /** The number of elements from the first in range on while within max (ZCOUNT, ZLEXCOUNT, removals). */
        long count(SortedSetValue z) {
            long f = first(z);
            return f < 0 ? 0 : z.countFrom(f, false, lteMax, Long.MAX_VALUE);
        }
    }

    /**
     * Redis's zslParseRange: "min" and "max" as floats, "(" for an exclusive bound; null when
     * either is invalid (the caller replies "min or max is not a float").
     */
    static Range scoreRange(byte[] min, byte[] max) {
        boolean[] ex = new boolean[1];
        double lo = SortedSetScores.parseScoreBound(min, ex);
        boolean loEx = ex[0];
        double hi = SortedSetScores.parseScoreBound(max, ex);
        boolean hiEx = ex[0];
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return null;
        }
        SortedSetValue.Bound gteMin = loEx ? (s, m) -> s > lo : (s, m) -> s >= lo;
        SortedSetValue.Bound lteMax = hiEx ? (s, m) -> s < hi : (s, m) -> s <= hi;
        return new Range(gteMin, lteMax);
    }

    /**
     * Redis's zslParseLexRange: each bound is "-" (below everything), "+" (above everything),
     * "[member" (inclusive) or "(member" (exclusive); null for anything else. Members compare
     * as unsigned bytes; the ranges are meant for sets whose scores are all equal.
     */
    static Range lexRange(byte[] min, byte[] max) {
        if (!validLex(min) || !validLex(max)) {
            return null;
        }
        SortedSetValue.Bound gteMin;
        if (min[0] == '-') {
            gteMin = (s, m) -> true;
        } else if (min[0] == '+') {
            gteMin = (s, m) -> false;
        } else {
            byte[] v = Arrays.copyOfRange(min, 1, min.length);
            gteMin = min[0] == '(' ? (s, m) -> Arrays.compareUnsigned(m, v) > 0
                    : (s, m) -> Arrays.compareUnsigned(m, v) >= 0;
        }
        SortedSetValue.Bound upTo;
        if (max[0] == '+') {
            upTo = (s, m) -> true;
        } else if (max[0] == '-') {
            upTo = (s, m) -> false;
        } else {
            byte[] v = Arrays.copyOfRange(max, 1, max.length);
            upTo = max[0] == '(' ? (s, m) -> Arrays.compareUnsigned(m, v) < 0
                    : (s, m) -> Arrays.compareUnsigned(m, v) <= 0;
        }
        return new Range(gteMin, upTo);
    }

    private static boolean validLex(byte[] b) {
        if (b.length == 0) {
            return false;
        }
        return switch (b[0]) {
            case '+', '-' -> b.length == 1;
            case '(', '[' -> true;
            default -> false;
        };
    }

    // ---- ZRANGE and friends -----------------------------------------------------------------

    static void zrange(CommandContext ctx, Argv argv) {
        zrangeGeneric(ctx, argv, 1, AUTO, false, false);
    }

    static void zrangestore(CommandContext ctx, Argv argv) {
        zrangeGeneric(ctx, argv, 2, AUTO, false, true);
    }

    static void zrevrange(CommandContext ctx, Argv argv) {
        zrangeGeneric(ctx, argv, 1, RANK, true, false);
    }

    static void zrangebyscore(CommandContext ctx, Argv argv) {
        zrangeGeneric(ctx, argv, 1, SCORE, false, false);
    }

    static void zrevrangebyscore(CommandContext ctx, Argv argv) {
        zrangeGeneric(ctx, argv, 1, SCORE, true, false);
    }

    static void zrangebylex(CommandContext ctx, Argv argv) {
        zrangeGeneric(ctx, argv, 1, LEX, false, false);
    }

    static void zrevrangebylex(CommandContext ctx, Argv argv) {
        zrangeGeneric(ctx, argv, 1, LEX, true, false);
    }

    /**
     * Redis's zrangeGenericCommand. {@code keyIndex} is the source key (its min/max follow);
     * {@code type} AUTO lets BYSCORE/BYLEX choose (ZRANGE, ZRANGESTORE), and a preset direction
     * ({@code reverse}) or type makes REV or BY* a syntax error, as for the old commands.
     * Order of checks: options, LIMIT without BY*, WITHSCORES with BYLEX, the range, the key.
     */
    private static void zrangeGeneric(CommandContext ctx, Argv argv, int keyIndex, int type, boolean reverse,
                                      boolean store) {
        ReplyWriter out = ctx.reply();
        boolean directionSet = type != AUTO; // the old commands fix their direction: REV is a syntax error
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        int argc = argv.count();
        for (int j = keyIndex + 3; j < argc; j++) {
            int left = argc - j - 1;
            if (!store && argv.equalsIgnoreCase(j, "withscores")) {
                withScores = true;
            } else if (argv.equalsIgnoreCase(j, "limit") && left >= 2) {
                try {
                    offset = argv.longValue(j + 1);
                    limit = argv.longValue(j + 2);
                } catch (NumberFormatException e) {
                    out.raw(Replies.NOT_INTEGER);
                    return;
                }
                j += 2;
            } else if (!directionSet && argv.equalsIgnoreCase(j, "rev")) {
                directionSet = true;
                reverse = true;
            } else if (type == AUTO && argv.equalsIgnoreCase(j, "bylex")) {
                type = LEX;
            } else if (type == AUTO && argv.equalsIgnoreCase(j, "byscore")) {
                type = SCORE;
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        if (type == AUTO) {
            type = RANK;
        }
        if (limit != -1 && type == RANK) {
            out.raw(LIMIT_NEEDS_BY);
            return;
        }
        if (withScores && type == LEX) {
            out.raw(WITHSCORES_BYLEX);
            return;
        }
        int minIndex = keyIndex + 1;
        int maxIndex = keyIndex + 2;
        if (reverse && type != RANK) { // the range is given as max, min
            minIndex = keyIndex + 2;
            maxIndex = keyIndex + 1;
        }
        long start = 0;
        long end = 0;
        Range range = null;
        if (type == RANK) {
            try {
                start = argv.longValue(minIndex);
                end = argv.longValue(maxIndex);
            } catch (NumberFormatException e) {
                out.raw(Replies.NOT_INTEGER);
                return;
            }
        } else if (type == SCORE) {
            range = scoreRange(argv.bytes(minIndex), argv.bytes(maxIndex));
            if (range == null) {
                out.raw(SortedSetCommands.MIN_MAX_NOT_FLOAT);
                return;
            }
        } else {
            range = lexRange(argv.bytes(minIndex), argv.bytes(maxIndex));
            if (range == null) {
                out.raw(SortedSetCommands.MIN_MAX_NOT_STRING);
                return;
            }
        }
        SortedSetValue z = SortedSetCommands.readSet(ctx, argv, keyIndex);
        // The selected ranks, ascending: first..last, then walked from the far end when reversed.
        long first = 0;
        long last = -1;
        if (z != null) {
            long size = z.size();
            if (type == RANK) {
                long[] span = IndexRange.clip(start, end, size);
                if (span != null) {
                    // REV counts ranks from the highest score
                    first = reverse ? size - 1 - span[1] : span[0];
                    last = reverse ? size - 1 - span[0] : span[1];
                }
            } else if (offset >= 0) {
                // Redis: find the start, skip OFFSET elements unchecked, then take while in range
                long edge = reverse ? range.last(z) : range.first(z);
                if (edge >= 0) {
                    long from = reverse ? edge - offset : edge + offset; // may wrap: then nothing
                    long n = z.countFrom(from, reverse, reverse ? range.gteMin() : range.lteMax(),
                            limit < 0 ? Long.MAX_VALUE : limit);
                    if (n > 0) {
                        first = reverse ? from - n + 1 : from;
                        last = first + n - 1;
                    }
                }
            }
        }
        long n = last - first + 1;
        if (store) {
            store(ctx, argv, z, first, last, reverse, n);
            return;
        }
        boolean ws = withScores;
        SortedSetCommands.arrayOf(out, n, ws);
        if (n > 0) {
            z.forEachInRanks(first, last, reverse, (m, s) -> SortedSetCommands.element(out, m, s, ws));
        }
    }

    /**
     * ZRANGESTORE's result: a new set at the destination, or the destination deleted when empty;
     * effects as Redis's zrangeResultFinalizeStore (one change either way, none when an absent
     * destination stays absent).
     */
    private static void store(CommandContext ctx, Argv argv, SortedSetValue z, long first, long last, boolean reverse,
                              long n) {
        if (n <= 0) {
            if (ctx.db().remove(argv, 1)) {
                ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
                ctx.dirty(1);
            }
            ctx.reply().integer(0);
            return;
        }
        SortedSetValue dst = new SortedSetValue(true);
        long maxEntries = SortedSetCommands.maxEntries(ctx);
        long maxValue = SortedSetCommands.maxValue(ctx);
        z.forEachInRanks(first, last, reverse, (m, s) -> dst.add(m, s, maxEntries, maxValue));
        ctx.db().put(argv, 1, dst);
        ctx.reply().integer(n);
        ctx.keyEvent(KeyEvent.ZSET, "zrangestore", argv, 1);
        ctx.dirty(1);
    }

    // ---- counts -----------------------------------------------------------------------------

    /** ZCOUNT key min max. */
    static void zcount(CommandContext ctx, Argv argv) {
        Range range = scoreRange(argv.bytes(2), argv.bytes(3));
        if (range == null) {
            ctx.reply().raw(SortedSetCommands.MIN_MAX_NOT_FLOAT);
            return;
        }
        count(ctx, argv, range);
    }

    /** ZLEXCOUNT key min max. */
    static void zlexcount(CommandContext ctx, Argv argv) {
        Range range = lexRange(argv.bytes(2), argv.bytes(3));
        if (range == null) {
            ctx.reply().raw(SortedSetCommands.MIN_MAX_NOT_STRING);
            return;
        }
        count(ctx, argv, range);
    }

    private static void count(CommandContext ctx, Argv argv, Range range) {
        SortedSetValue z = SortedSetCommands.readSet(ctx, argv, 1);
        ctx.reply().integer(z == null ? 0 : range.count(z));
    }

    // ---- removals ---------------------------------------------------------------------------

    /** ZREMRANGEBYRANK key start stop. */
    static void zremrangebyrank(CommandContext ctx, Argv argv) {
        long start;
        long end;
        try {
            start = argv.longValue(2);
            end = argv.longValue(3);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return;
        }
        SortedSetValue z = SortedSetCommands.writeSet(ctx, argv, 1);
        long[] span = z == null ? null : IndexRange.clip(start, end, z.size());
        remove(ctx, argv, z, span, "zremrangebyrank");
    }

    /** ZREMRANGEBYSCORE key min max. */
    static void zremrangebyscore(CommandContext ctx, Argv argv) {
        Range range = scoreRange(argv.bytes(2), argv.bytes(3));
        if (range == null) {
            ctx.reply().raw(SortedSetCommands.MIN_MAX_NOT_FLOAT);
            return;
        }
        removeRange(ctx, argv, range, "zremrangebyscore");
    }

    /** ZREMRANGEBYLEX key min max. */
    static void zremrangebylex(CommandContext ctx, Argv argv) {
        Range range = lexRange(argv.bytes(2), argv.bytes(3));
        if (range == null) {
            ctx.reply().raw(SortedSetCommands.MIN_MAX_NOT_STRING);
            return;
        }
        removeRange(ctx, argv, range, "zremrangebylex");
    }

    private static void removeRange(CommandContext ctx, Argv argv, Range range, String event) {
        SortedSetValue z = SortedSetCommands.writeSet(ctx, argv, 1);
        long f = z == null ? -1 : range.first(z);
        remove(ctx, argv, z, f < 0 ? null : new long[] {f, f + range.count(z) - 1}, event);
    }

    /**
     * Removes the ranks {@code span} (null: none) and replies the count; effects as Redis's
     * zremrangeGenericCommand: a change per element removed, {@code event} and "del" if emptied.
     */
    private static void remove(CommandContext ctx, Argv argv, SortedSetValue z, long[] span, String event) {
        long removed = 0;
        if (z != null && span != null && span[1] >= span[0]) {
            removed = z.removeRanks(span[0], span[1]);
            if (removed > 0) {
                SortedSetCommands.removed(ctx, argv, 1, z, event);
                ctx.dirty(removed);
            }
        }
        ctx.reply().integer(removed);
    }
}
