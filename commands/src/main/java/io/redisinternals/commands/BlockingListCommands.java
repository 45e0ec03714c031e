package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import java.util.List;

/**
 * The blocking list commands: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP. Each parses its arguments
 * and timeout (errors first, in Redis's order), tries the non-blocking operation on its keys in
 * order, and when nothing is there either replies null (inside MULTI/EXEC, where blocking is not
 * allowed) or blocks through {@link CommandContext#block}. The engine re-runs the same function
 * when a key it waits on receives a list, so the serving path is this same code, and so are the
 * effects: Redis propagates a blocking pop as its non-blocking form (B[LR]POP as [LR]POP key,
 * BLMPOP as [LR]POP key count, BLMOVE as LMOVE, BRPOPLPUSH as RPOPLPUSH) whether it found data
 * at once or was served later.
 */
final class BlockingListCommands {

    private BlockingListCommands() {
    }

    // BLMOVE's and BRPOPLPUSH's propagated forms, spelled as Redis's shared objects.
    private static final byte[] LMOVE_CMD = Replies.encode("LMOVE");
    private static final byte[] RPOPLPUSH_CMD = Replies.encode("RPOPLPUSH");
    private static final byte[] LEFT_ARG = Replies.encode("left");
    private static final byte[] RIGHT_ARG = Replies.encode("right");

    static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("blpop", BlockingListCommands::blpop),
                CommandMetadata.bind("brpop", BlockingListCommands::brpop),
                CommandMetadata.bind("blmove", BlockingListCommands::blmove),
                CommandMetadata.bind("brpoplpush", BlockingListCommands::brpoplpush),
                CommandMetadata.bind("blmpop", BlockingListCommands::blmpop)
        );
    }

    static void blpop(CommandContext ctx, Argv argv) {
        blockingPop(ctx, argv, true);
    }

    static void brpop(CommandContext ctx, Argv argv) {
        blockingPop(ctx, argv, false);
    }

    /** B[LR]POP key... timeout: [key, element] from the first non-empty list, propagated as [LR]POP key. */
    private static void blockingPop(CommandContext ctx, Argv argv, boolean head) {
        int timeoutIdx = argv.count() - 1;
        long deadline = Timeouts.parseDeadline(ctx, argv, timeoutIdx);
        if (deadline < 0) {
            return;
        }
        byte[] serving = ctx.servingKey();
        for (int i = 1; i < timeoutIdx; i++) {
            if (serving != null && !argv.contentEquals(i, serving)) {
                continue; // woken for another key: serve from that one only, as Redis
            }
            ListValue list = ctx.writeAs(ListValue.class, argv, i);
            if (list == null) {
                continue;
            }
            ctx.reply().arrayHeader(2).bulk(argv, i).bulk(list.pop(head));
            ListCommands.popped(ctx, argv, i, list, head, 1);
            if (ctx.propagating()) {
                ctx.propagateAs(head ? ListCommands.LPOP_CMD : ListCommands.RPOP_CMD, argv.bytes(i));
            }
            return;
        }
        if (!ctx.mayBlock()) {
            ctx.reply().nullArray();
            return;
        }
        int[] keys = new int[timeoutIdx - 1];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = k + 1;
        }
        ctx.block(argv, keys, "list", deadline);
    }

    /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout. */
    static void blmove(CommandContext ctx, Argv argv) {
        int from = ListCommands.position(ctx, argv, 3);
        if (from < 0) {
            return;
        }
        int to = ListCommands.position(ctx, argv, 4);
        if (to < 0) {
            return;
        }
        blockingMove(ctx, argv, 5, from == 1, to == 1, false);
    }

    /** BRPOPLPUSH source destination timeout: BLMOVE source destination RIGHT LEFT timeout. */
    static void brpoplpush(CommandContext ctx, Argv argv) {
        blockingMove(ctx, argv, 3, false, true, true);
    }

    /**
     * Redis's blmoveGenericCommand: timeout, then the source; a missing source replies a null
     * BULK inside MULTI (not the null array of the other blocking pops) or blocks; the destination
     * type is only checked once there is something to move. Propagated as RPOPLPUSH source
     * destination ({@code rpoplpush}) or LMOVE source destination from to: with the client's own
     * LEFT/RIGHT arguments when it moved at once, Redis's "left"/"right" when served later
     * (serveClientBlockedOnList builds the command anew).
     */
    private static void blockingMove(CommandContext ctx, Argv argv, int timeoutIdx, boolean fromHead, boolean toHead,
                                     boolean rpoplpush) {
        long deadline = Timeouts.parseDeadline(ctx, argv, timeoutIdx);
        if (deadline < 0) {
            return;
        }
        ListValue src = ctx.writeAs(ListValue.class, argv, 1);
        if (src != null) {
            ListCommands.moveFrom(ctx, argv, src, fromHead, toHead);
            if (!ctx.propagating()) {
                return;
            }
            if (rpoplpush) {
                ctx.propagateAs(RPOPLPUSH_CMD, argv.bytes(1), argv.bytes(2));
            } else if (ctx.servingKey() != null) {
                ctx.propagateAs(LMOVE_CMD, argv.bytes(1), argv.bytes(2), side(fromHead), side(toHead));
            } else {
                ctx.propagateAs(LMOVE_CMD, argv.bytes(1), argv.bytes(2), argv.bytes(3), argv.bytes(4));
            }
            return;
        }
        if (!ctx.mayBlock()) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.block(argv, new int[] {1}, "list", deadline);
    }

    private static byte[] side(boolean head) {
        return head ? LEFT_ARG : RIGHT_ARG;
    }

    /**
     * BLMPOP timeout numkeys key... LEFT|RIGHT [COUNT count]: numkeys and options before the
     * timeout; propagated as [LR]POP key count by {@link ListCommands#mpop}.
     */
    static void blmpop(CommandContext ctx, Argv argv) {
        ListCommands.MpopArgs a = ListCommands.MpopArgs.parse(ctx, argv, 2);
        if (a == null) {
            return;
        }
        long deadline = Timeouts.parseDeadline(ctx, argv, 1);
        if (deadline < 0) {
            return;
        }
        if (ListCommands.mpop(ctx, argv, a)) {
            return;
        }
        if (!ctx.mayBlock()) {
            ctx.reply().nullArray();
            return;
        }
        int[] keys = new int[a.keys()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = a.firstKey() + k;
        }
        ctx.block(argv, keys, "list", deadline);
    }
}
