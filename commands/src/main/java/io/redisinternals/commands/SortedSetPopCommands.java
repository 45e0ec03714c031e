package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The zset pops: ZPOPMIN, ZPOPMAX, ZMPOP and the blocking BZPOPMIN, BZPOPMAX, BZMPOP (Redis's
 * genericZpopCommand and blockingGenericZpopCommand). A blocking command tries its keys in
 * order; when none has elements it blocks through {@link CommandContext#block}, and the engine
 * runs the same function again when one of the keys receives a zset.
 */
public final class SortedSetPopCommands {

    private SortedSetPopCommands() {
    }

    private static final byte[] NUMKEYS = Replies.encode("-ERR numkeys should be greater than 0\r\n");
    private static final byte[] COUNT = Replies.encode("-ERR count should be greater than 0\r\n");
    /** The propagated names, as Redis's shared.zpopmin/zpopmax. */
    private static final byte[] ZPOPMIN = "ZPOPMIN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZPOPMAX = "ZPOPMAX".getBytes(StandardCharsets.US_ASCII);

    static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("zpopmin", SortedSetPopCommands::zpopmin),
                CommandMetadata.bind("zpopmax", SortedSetPopCommands::zpopmax),
                CommandMetadata.bind("zmpop", SortedSetPopCommands::zmpop),
                CommandMetadata.bind("bzpopmin", SortedSetPopCommands::bzpopmin),
                CommandMetadata.bind("bzpopmax", SortedSetPopCommands::bzpopmax),
                CommandMetadata.bind("bzmpop", SortedSetPopCommands::bzmpop));
    }

    static void zpopmin(CommandContext ctx, Argv argv) {
        zpop(ctx, argv, false);
    }

    static void zpopmax(CommandContext ctx, Argv argv) {
        zpop(ctx, argv, true);
    }

    /**
     * ZPOPMIN/ZPOPMAX key [count]. Without a count the reply is flat (member, score); with one,
     * RESP3 nests the pairs. Order: syntax, count, type, then a count of 0 is an empty array.
     */
    private static void zpop(CommandContext ctx, Argv argv, boolean max) {
        ReplyWriter out = ctx.reply();
        if (argv.count() > 3) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        long count = -1;
        if (argv.count() == 3) {
            count = positive(argv, 2);
            if (count < 0) {
                out.raw(SortedSetCommands.NOT_POSITIVE);
                return;
            }
        }
        SortedSetValue z = SortedSetCommands.writeSet(ctx, argv, 1);
        if (z == null || count == 0) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        pop(ctx, argv, 1, z, max, count == -1 ? 1 : count, false,
                out.isResp3() && count != -1);
    }

    /** Redis's getPositiveLongFromObject: the value, or -1 when not an integer or negative. */
    private static long positive(Argv argv, int i) {
        try {
            long v = argv.longValue(i);
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Pops up to {@code count} elements of the set in argument {@code keyIndex} and replies:
     * flat pairs, or {@code [key, member, score...]} with {@code emitKey} (BZPOPMIN), nested
     * pairs with {@code nested}, and {@code [key, [pairs]]} with both (ZMPOP). Deletes the key
     * when it empties. Effects as Redis's genericZpopCommand: one change per element, the
     * zpopmin/zpopmax event once, "del" if the key went away. Returns how many were popped.
     */
    private static long pop(CommandContext ctx, Argv argv, int keyIndex, SortedSetValue z, boolean max, long count,
                            boolean emitKey, boolean nested) {
        ReplyWriter out = ctx.reply();
        long n = Math.min(count, z.size());
        if (emitKey && nested) {
            out.arrayHeader(2);
            out.bulk(argv, keyIndex);
            out.arrayHeader(n);
        } else if (emitKey) {
            out.arrayHeader(2 * n + 1);
            out.bulk(argv, keyIndex);
        } else {
            out.arrayHeader(nested ? n : 2 * n);
        }
        // the n lowest ranks (highest for MAX, walked from the top), then removed in one step
        long first = max ? z.size() - n : 0;
        long last = first + n - 1;
        z.forEachInRanks(first, last, max, (member, score) -> {
            if (nested) {
                out.arrayHeader(2);
            }
            out.bulk(member);
            SortedSetCommands.score(out, score);
        });
        z.removeRanks(first, last);
        ctx.dirty(n);
        SortedSetCommands.removed(ctx, argv, keyIndex, z, max ? "zpopmax" : "zpopmin");
        return n;
    }

    /**
     * ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first non-empty key and
     * replies {@code [key, [[member, score], ...]]}, or a null array when every key is empty.
     */
    static void zmpop(CommandContext ctx, Argv argv) {
        mpop(ctx, argv, 1, false);
    }

    /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: the timeout is read after the rest. */
    static void bzmpop(CommandContext ctx, Argv argv) {
        mpop(ctx, argv, 2, true);
    }

    private static void mpop(CommandContext ctx, Argv argv, int numkeysIndex, boolean blocking) {
        ReplyWriter out = ctx.reply();
        int argc = argv.count();
        long numkeys;
        try {
            numkeys = argv.longValue(numkeysIndex);
        } catch (NumberFormatException e) {
            numkeys = 0;
        }
        if (numkeys < 1) {
            out.raw(NUMKEYS);
            return;
        }
        if (numkeys >= argc - numkeysIndex - 1) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        int whereIndex = numkeysIndex + (int) numkeys + 1;
        boolean max;
        if (argv.equalsIgnoreCase(whereIndex, "min")) {
            max = false;
        } else if (argv.equalsIgnoreCase(whereIndex, "max")) {
            max = true;
        } else {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        long count = -1;
        for (int j = whereIndex + 1; j < argc; j++) {
            boolean more = argc - 1 - j > 0;
            if (count == -1 && more && argv.equalsIgnoreCase(j, "count")) {
                j++;
                try {
                    count = argv.longValue(j);
                } catch (NumberFormatException e) {
                    count = 0;
                }
                if (count < 1) {
                    out.raw(COUNT);
                    return;
                }
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        if (count == -1) {
            count = 1;
        }
        int firstKey = numkeysIndex + 1;
        int lastKey = firstKey + (int) numkeys - 1;
        long deadline = 0;
        if (blocking) {
            deadline = Timeouts.parseDeadline(ctx, argv, 1);
            if (deadline < 0) {
                return;
            }
        }
        if (serve(ctx, argv, firstKey, lastKey, max, count, true)) {
            return;
        }
        if (!blocking || !ctx.mayBlock()) {
            out.nullArray();
            return;
        }
        ctx.block(argv, range(firstKey, lastKey), "zset", deadline);
    }

    static void bzpopmin(CommandContext ctx, Argv argv) {
        bzpop(ctx, argv, false);
    }

    static void bzpopmax(CommandContext ctx, Argv argv) {
        bzpop(ctx, argv, true);
    }

    /** BZPOPMIN/BZPOPMAX key [key ...] timeout: replies {@code [key, member, score]}. */
    private static void bzpop(CommandContext ctx, Argv argv, boolean max) {
        int last = argv.count() - 2;
        long deadline = Timeouts.parseDeadline(ctx, argv, argv.count() - 1);
        if (deadline < 0) {
            return;
        }
        if (serve(ctx, argv, 1, last, max, 1, false)) {
            return;
        }
        if (!ctx.mayBlock()) {
            ctx.reply().nullArray();
            return;
        }
        ctx.block(argv, range(1, last), "zset", deadline);
    }

    /**
     * Pops from the first key of {@code first..last} holding a non-empty zset. Returns true when
     * a reply was written (the pop); WRONGTYPE for the first existing key of another type is
     * thrown.
     * {@code nested}: ZMPOP's reply shape, else BZPOPMIN's. A blocked client woken for one key
     * is served from that key only, as Redis serves it from the key that became ready.
     */
    private static boolean serve(CommandContext ctx, Argv argv, int first, int last, boolean max, long count,
                                 boolean nested) {
        byte[] serving = ctx.servingKey();
        for (int i = first; i <= last; i++) {
            if (serving != null && !argv.contentEquals(i, serving)) {
                continue;
            }
            SortedSetValue z = SortedSetCommands.writeSet(ctx, argv, i);
            if (z == null || z.size() == 0) {
                continue;
            }
            long popped = pop(ctx, argv, i, z, max, count, true, nested);
            if (ctx.propagating()) {
                // Redis replicates the pop as ZPOPMIN/ZPOPMAX key (BZPOPMIN/BZPOPMAX), with the
                // count actually popped for ZMPOP/BZMPOP (genericZpopCommand,
                // blockingGenericZpopCommand; the same form for a blocked client served later)
                byte[] name = max ? ZPOPMAX : ZPOPMIN;
                if (nested) {
                    ctx.propagateAs(name, argv.bytes(i), Long.toString(popped).getBytes(StandardCharsets.US_ASCII));
                } else {
                    ctx.propagateAs(name, argv.bytes(i));
                }
            }
            return true;
        }
        return false;
    }

    private static int[] range(int first, int last) {
        int[] keys = new int[last - first + 1];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = first + i;
        }
        return keys;
    }
}
