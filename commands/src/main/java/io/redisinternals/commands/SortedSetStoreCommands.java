package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.command.WrongTypeException;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-key zset algebra (Redis's zunionInterDiffGenericCommand): ZUNION, ZINTER, ZDIFF, their
 * STORE forms and ZINTERCARD. Inputs may be sorted sets or plain sets (every member scoring 1).
 */
public final class SortedSetStoreCommands {

    private SortedSetStoreCommands() {
    }

    private static final byte[] WEIGHT_NOT_FLOAT = Replies.encode("-ERR weight value is not a float\r\n");
    private static final byte[] LIMIT_NEGATIVE = Replies.encode("-ERR LIMIT can't be negative\r\n");

    private static final int UNION = 0;
    private static final int INTER = 1;
    private static final int DIFF = 2;

    private static final int SUM = 0;
    private static final int MIN = 1;
    private static final int MAX = 2;

    static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("zunion", SortedSetStoreCommands::zunion),
                CommandMetadata.bind("zinter", SortedSetStoreCommands::zinter),
                CommandMetadata.bind("zdiff", SortedSetStoreCommands::zdiff),
                CommandMetadata.bind("zunionstore", SortedSetStoreCommands::zunionstore),
                CommandMetadata.bind("zinterstore", SortedSetStoreCommands::zinterstore),
                CommandMetadata.bind("zdiffstore", SortedSetStoreCommands::zdiffstore),
                CommandMetadata.bind("zintercard", SortedSetStoreCommands::zintercard));
    }

    static void zunion(CommandContext ctx, Argv argv) {
        generic(ctx, argv, 1, false, UNION, false);
    }

    static void zinter(CommandContext ctx, Argv argv) {
        generic(ctx, argv, 1, false, INTER, false);
    }

    static void zdiff(CommandContext ctx, Argv argv) {
        generic(ctx, argv, 1, false, DIFF, false);
    }

    static void zunionstore(CommandContext ctx, Argv argv) {
        generic(ctx, argv, 2, true, UNION, false);
    }

    static void zinterstore(CommandContext ctx, Argv argv) {
        generic(ctx, argv, 2, true, INTER, false);
    }

    static void zdiffstore(CommandContext ctx, Argv argv) {
        generic(ctx, argv, 2, true, DIFF, false);
    }

    static void zintercard(CommandContext ctx, Argv argv) {
        generic(ctx, argv, 1, false, INTER, true);
    }

    /** One input: a SortedSetValue, a SetValue or null (missing key), and its weight. */
    private static final class Source {
        final Object value;
        double weight = 1;

        Source(Object value) {
            this.value = value;
        }

        long size() {
            if (value instanceof SortedSetValue z) {
                return z.size();
            }
            return value instanceof SetValue s ? s.size() : 0;
        }

        void forEach(SortedSetValue.EntryVisitor visitor) {
            if (value instanceof SortedSetValue z) {
                z.forEach(visitor);
            } else if (value instanceof SetValue s) {
                s.forEach(m -> visitor.visit(m, 1.0));
            }
        }

        /** The member's score here (1 in a plain set), NaN when absent. */
        double find(byte[] member) {
            if (value instanceof SortedSetValue z) {
                return z.score(member);
            }
            return value instanceof SetValue s && s.contains(member) ? 1.0 : Double.NaN;
        }
    }

    /**
     * The shared body. {@code numkeysIndex}: where numkeys is (1, or 2 after a destination).
     * Order as Redis: numkeys, its range, the keys' types (before any option), the options
     * (WEIGHTS and AGGREGATE not for ZDIFF, WITHSCORES only without a destination, LIMIT only for
     * ZINTERCARD), then the operation.
     */
    private static void generic(CommandContext ctx, Argv argv, int numkeysIndex, boolean store, int op,
                                boolean cardinalityOnly) {
        ReplyWriter out = ctx.reply();
        int argc = argv.count();
        long setnum;
        try {
            setnum = argv.longValue(numkeysIndex);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        if (setnum < 1) {
            out.error("ERR at least 1 input key is needed for '" + argv.lowerCaseString(0) + "' command");
            return;
        }
        if (setnum > argc - (numkeysIndex + 1)) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        int n = (int) setnum;
        Source[] src = new Source[n];
        for (int i = 0; i < n; i++) {
            // a read lookup even with a destination, as Redis 7.0's zunionInterDiffGenericCommand
            Object v = ctx.lookupRead(argv, numkeysIndex + 1 + i);
            if (v != null && !(v instanceof SortedSetValue) && !(v instanceof SetValue)) {
                throw WrongTypeException.INSTANCE;
            }
            src[i] = new Source(v);
        }
        int aggregate = SUM;
        boolean withScores = false;
        long limit = 0;
        int j = numkeysIndex + 1 + n;
        while (j < argc) {
            int remaining = argc - j;
            if (op != DIFF && !cardinalityOnly && remaining >= n + 1 && argv.equalsIgnoreCase(j, "weights")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    double w = SortedSetScores.parseDouble(argv.bytes(j));
                    if (Double.isNaN(w)) {
                        out.raw(WEIGHT_NOT_FLOAT);
                        return;
                    }
                    src[i].weight = w;
                }
            } else if (op != DIFF && !cardinalityOnly && remaining >= 2 && argv.equalsIgnoreCase(j, "aggregate")) {
                if (argv.equalsIgnoreCase(j + 1, "sum")) {
                    aggregate = SUM;
                } else if (argv.equalsIgnoreCase(j + 1, "min")) {
                    aggregate = MIN;
                } else if (argv.equalsIgnoreCase(j + 1, "max")) {
                    aggregate = MAX;
                } else {
                    out.raw(Replies.SYNTAX_ERROR);
                    return;
                }
                j += 2;
            } else if (!store && !cardinalityOnly && argv.equalsIgnoreCase(j, "withscores")) {
                withScores = true;
                j++;
            } else if (cardinalityOnly && remaining >= 2 && argv.equalsIgnoreCase(j, "limit")) {
                try {
                    limit = argv.longValue(j + 1);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 0) {
                    out.raw(LIMIT_NEGATIVE);
                    return;
                }
                j += 2;
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        if (op != DIFF) {
            // smallest input first, as Redis (a stable sort: its weights travel with it); this
            // also fixes the order in which scores are added up
            java.util.Arrays.sort(src, Comparator.comparingLong(Source::size));
        }
        if (cardinalityOnly) {
            out.integer(interCard(src, limit));
            return;
        }
        Map<ByteBuffer, double[]> acc = new HashMap<>();
        List<byte[]> order = new ArrayList<>();
        switch (op) {
            case UNION -> union(src, aggregate, acc, order);
            case INTER -> inter(src, aggregate, acc, order);
            default -> diff(src, acc, order);
        }
        SortedSetValue result = new SortedSetValue(false);
        for (byte[] m : order) {
            result.add(m, acc.get(ByteBuffer.wrap(m))[0], Long.MAX_VALUE, Long.MAX_VALUE);
        }
        if (store) {
            // effects as Redis: one change either way, none when an absent destination stays absent
            if (result.size() == 0) {
                if (ctx.db().remove(argv, 1)) {
                    ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
                    ctx.dirty(1);
                }
                out.integer(0);
                return;
            }
            result.compactIfFits(SortedSetCommands.maxEntries(ctx), SortedSetCommands.maxValue(ctx));
            ctx.db().put(argv, 1, result);
            out.integer(result.size());
            ctx.keyEvent(KeyEvent.ZSET, op == UNION ? "zunionstore" : op == INTER ? "zinterstore" : "zdiffstore",
                    argv, 1);
            ctx.dirty(1);
            return;
        }
        boolean ws = withScores;
        SortedSetCommands.arrayOf(out, result.size(), ws);
        result.forEach((m, s) -> SortedSetCommands.element(out, m, s, ws));
    }

    private static double aggregate(double target, double value, int aggregate) {
        return switch (aggregate) {
            case SUM -> {
                double sum = target + value;
                yield Double.isNaN(sum) ? 0.0 : sum; // inf + -inf: Redis's convention is 0
            }
            case MIN -> value < target ? value : target;
            default -> value > target ? value : target;
        };
    }

    private static void union(Source[] src, int aggregate, Map<ByteBuffer, double[]> acc, List<byte[]> order) {
        for (Source s : src) {
            double weight = s.weight;
            s.forEach((m, score) -> {
                double v = weight * score;
                if (Double.isNaN(v)) {
                    v = 0;
                }
                double[] cur = acc.get(ByteBuffer.wrap(m));
                if (cur == null) {
                    acc.put(ByteBuffer.wrap(m), new double[] {v});
                    order.add(m);
                } else {
                    cur[0] = aggregate(cur[0], v, aggregate);
                }
            });
        }
    }

    private static void inter(Source[] src, int aggregate, Map<ByteBuffer, double[]> acc, List<byte[]> order) {
        if (src[0].size() == 0) {
            return;
        }
        src[0].forEach((m, score) -> {
            double total = src[0].weight * score;
            if (Double.isNaN(total)) {
                total = 0;
            }
            for (int i = 1; i < src.length; i++) {
                double v = src[i].find(m);
                if (Double.isNaN(v)) {
                    return;
                }
                total = aggregate(total, v * src[i].weight, aggregate);
            }
            if (acc.putIfAbsent(ByteBuffer.wrap(m), new double[] {total}) == null) {
                order.add(m);
            }
        });
    }

    private static long interCard(Source[] src, long limit) {
        if (src[0].size() == 0) {
            return 0;
        }
        long[] card = {0};
        // Visits every member of the smallest input; stops counting (not visiting) at the limit.
        src[0].forEach((m, score) -> {
            if (limit > 0 && card[0] >= limit) {
                return;
            }
            for (int i = 1; i < src.length; i++) {
                if (Double.isNaN(src[i].find(m))) {
                    return;
                }
            }
            card[0]++;
        });
        return card[0];
    }

    private static void diff(Source[] src, Map<ByteBuffer, double[]> acc, List<byte[]> order) {
        if (src[0].size() == 0) {
            return;
        }
        src[0].forEach((m, score) -> {
            for (int i = 1; i < src.length; i++) {
                if (!Double.isNaN(src[i].find(m))) {
                    return;
                }
            }
            acc.put(ByteBuffer.wrap(m), new double[] {score});
            order.add(m);
        });
    }
}
