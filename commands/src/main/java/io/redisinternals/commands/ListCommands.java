package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The list commands (Redis's {@code t_list.c}): pushes, pops, ranges, searches and moves. The
 * blocking forms (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP) are in {@link BlockingListCommands}
 * and share the non-blocking helpers here. Keys are found through the context's key access
 * (write lookups in write commands, WRONGTYPE thrown before anything is written); a list emptied
 * by a command is deleted; in-place changes call {@link Database#modified} (WATCH, blocked
 * clients). Each write declares redis-server 7.0.15's effects: its keyspace events in Redis's
 * order (the pop/push event, then "del" for an emptied list), one dirty change per element
 * pushed, popped, removed or set, and the propagated form of commands Redis rewrites (LMPOP and
 * BLMPOP as [LR]POP key count, B[LR]POP as [LR]POP key, BLMOVE as LMOVE, BRPOPLPUSH as RPOPLPUSH).
 */
public final class ListCommands {

    private ListCommands() {
    }

    private static final byte[] NOT_POSITIVE = Replies.encode("-ERR value is out of range, must be positive\r\n");
    private static final byte[] NO_SUCH_KEY = Replies.encode("-ERR no such key\r\n");
    private static final byte[] INDEX_OUT_OF_RANGE = Replies.encode("-ERR index out of range\r\n");
    private static final byte[] RANK_ZERO = Replies.encode("-ERR RANK can't be zero: use 1 to start from the first "
            + "match, 2 from the second ... or use negative to start from the end of the list\r\n");
    private static final byte[] COUNT_NEGATIVE = Replies.encode("-ERR COUNT can't be negative\r\n");
    private static final byte[] MAXLEN_NEGATIVE = Replies.encode("-ERR MAXLEN can't be negative\r\n");
    static final byte[] NUMKEYS_NOT_POSITIVE = Replies.encode("-ERR numkeys should be greater than 0\r\n");
    static final byte[] COUNT_NOT_POSITIVE = Replies.encode("-ERR count should be greater than 0\r\n");

    // Propagated forms of the multi-key and blocking pops (Redis's shared objects).
    static final byte[] LPOP_CMD = Replies.encode("LPOP");
    static final byte[] RPOP_CMD = Replies.encode("RPOP");

    /** The list commands with redis-server 7.0.15's metadata, the blocking ones included. */
    public static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(List.of(
                CommandMetadata.bind("lpush", ListCommands::lpush),
                CommandMetadata.bind("rpush", ListCommands::rpush),
                CommandMetadata.bind("lpushx", ListCommands::lpushx),
                CommandMetadata.bind("rpushx", ListCommands::rpushx),
                CommandMetadata.bind("lpop", ListCommands::lpop),
                CommandMetadata.bind("rpop", ListCommands::rpop),
                CommandMetadata.bind("llen", ListCommands::llen),
                CommandMetadata.bind("lindex", ListCommands::lindex),
                CommandMetadata.bind("linsert", ListCommands::linsert),
                CommandMetadata.bind("lrange", ListCommands::lrange),
                CommandMetadata.bind("lrem", ListCommands::lrem),
                CommandMetadata.bind("lset", ListCommands::lset),
                CommandMetadata.bind("ltrim", ListCommands::ltrim),
                CommandMetadata.bind("lpos", ListCommands::lpos),
                CommandMetadata.bind("lmove", ListCommands::lmove),
                CommandMetadata.bind("rpoplpush", ListCommands::rpoplpush),
                CommandMetadata.bind("lmpop", ListCommands::lmpop)
        ));
        all.addAll(BlockingListCommands.specs());
        return all;
    }

    // ---- helpers shared with BlockingListCommands -------------------------------------------------

    /** list-max-listpack-size, read per call as Redis does. */
    static int fill(CommandContext ctx) {
        return (int) ctx.configLong("list-max-listpack-size");
    }

    /** A strict 64-bit integer argument, or null after replying Redis's "not an integer" error. */
    static Long longArg(CommandContext ctx, Argv argv, int i) {
        try {
            byte[] b = argv.bytes(i);
            return Numbers.parseStrictLong(b, 0, b.length);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return null;
        }
    }

    /** An integer argument in [min, Long.MAX_VALUE], or -1 after replying {@code error} (Redis's getRangeLong). */
    static long rangedArg(CommandContext ctx, Argv argv, int i, long min, byte[] error) {
        long v;
        try {
            byte[] b = argv.bytes(i);
            v = Numbers.parseStrictLong(b, 0, b.length);
        } catch (NumberFormatException e) {
            v = min - 1;
        }
        if (v < min) {
            ctx.reply().raw(error);
            return -1;
        }
        return v;
    }

    /** LEFT -> 1 (head), RIGHT -> 0 (tail), anything else -> -1 after replying a syntax error. */
    static int position(CommandContext ctx, Argv argv, int i) {
        if (argv.equalsIgnoreCase(i, "left")) {
            return 1;
        }
        if (argv.equalsIgnoreCase(i, "right")) {
            return 0;
        }
        ctx.reply().raw(Replies.SYNTAX_ERROR);
        return -1;
    }

    /**
     * Deletes the key in argument {@code i} if its list is empty, sending "del", else signals the
     * in-place change. Redis deletes an emptied list in every command that removes elements.
     */
    private static void deleteIfEmpty(CommandContext ctx, Argv argv, int i, ListValue list) {
        if (list.size() == 0) {
            ctx.db().remove(argv, i);
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, i);
        } else {
            ctx.db().modified(argv, i);
        }
    }

    /**
     * Redis's listElementsRemoved after {@code count} elements were popped from one end of the
     * list in argument {@code i}: the "lpop"/"rpop" event, the key deleted ("del") if emptied, and
     * {@code count} dirty changes.
     */
    static void popped(CommandContext ctx, Argv argv, int i, ListValue list, boolean head, long count) {
        ctx.keyEvent(KeyEvent.LIST, head ? "lpop" : "rpop", argv, i);
        deleteIfEmpty(ctx, argv, i, list);
        ctx.dirty(count);
    }

    /**
     * Pops up to {@code count} (at least 1) elements from one end of {@code list} (key in argument
     * {@code i}) and replies them as an array; deletes the key if emptied. Returns how many.
     */
    static long popRange(CommandContext ctx, Argv argv, int i, ListValue list, boolean head, long count) {
        long n = Math.min(count, list.size());
        ReplyWriter out = ctx.reply();
        out.arrayHeader(n);
        for (long k = 0; k < n; k++) {
            out.bulk(list.pop(head));
        }
        popped(ctx, argv, i, list, head, n);
        return n;
    }

    /**
     * LMOVE's core (Redis's lmoveGenericCommand) once the source is known to be a non-empty list
     * (source key in argument 1, destination in 2): looks the destination up and checks its type
     * BEFORE popping (WRONGTYPE leaves the source untouched), pops, pushes (the same list when
     * source and destination are one key: a rotation, never emptied) and replies the element.
     * Events as Redis: the push on the destination, then the pop on the source, then its "del"
     * if emptied; one dirty change. The caller chooses the propagated form.
     */
    static void moveFrom(CommandContext ctx, Argv argv, ListValue src, boolean fromHead, boolean toHead) {
        ListValue dst = ctx.writeAs(ListValue.class, argv, 2);
        byte[] value = src.pop(fromHead);
        if (dst == null) {
            dst = new ListValue();
            dst.push(toHead, value, fill(ctx));
            ctx.db().put(argv, 2, dst);
        } else {
            dst.push(toHead, value, fill(ctx));
            ctx.db().modified(argv, 2);
        }
        ctx.keyEvent(KeyEvent.LIST, toHead ? "lpush" : "rpush", argv, 2);
        ctx.reply().bulk(value);
        ctx.keyEvent(KeyEvent.LIST, fromHead ? "lpop" : "rpop", argv, 1);
        deleteIfEmpty(ctx, argv, 1, src);
        ctx.dirty(1);
    }

    // ---- pushes -------------------------------------------------------------------------------------

    static void lpush(CommandContext ctx, Argv argv) {
        push(ctx, argv, true, false);
    }

    static void rpush(CommandContext ctx, Argv argv) {
        push(ctx, argv, false, false);
    }

    static void lpushx(CommandContext ctx, Argv argv) {
        push(ctx, argv, true, true);
    }

    static void rpushx(CommandContext ctx, Argv argv) {
        push(ctx, argv, false, true);
    }

    /**
     * [LR]PUSH[X] key element...: elements pushed one after the other, so LPUSH reverses them; one
     * dirty change per element and one "lpush"/"rpush" event. [LR]PUSHX on a missing key changes
     * nothing.
     */
    private static void push(CommandContext ctx, Argv argv, boolean head, boolean onlyExisting) {
        ListValue o = ctx.writeAs(ListValue.class, argv, 1);
        if (o == null && onlyExisting) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        ListValue list = o == null ? new ListValue() : o;
        int fill = fill(ctx);
        for (int i = 2; i < argv.count(); i++) {
            list.push(head, argv.bytes(i), fill);
        }
        if (o == null) {
            ctx.db().put(argv, 1, list);
        } else {
            ctx.db().modified(argv, 1);
        }
        ctx.dirty(argv.count() - 2);
        ctx.reply().integer(list.size());
        ctx.keyEvent(KeyEvent.LIST, head ? "lpush" : "rpush", argv, 1);
    }

    // ---- pops ---------------------------------------------------------------------------------------

    static void lpop(CommandContext ctx, Argv argv) {
        pop(ctx, argv, true);
    }

    static void rpop(CommandContext ctx, Argv argv) {
        pop(ctx, argv, false);
    }

    /**
     * [LR]POP key [count]. Without count a bulk (null if missing); with count an array, a null
     * array if the key is missing, an empty array for count 0 on an existing list (which changes
     * nothing: no event, no signal, not propagated). Propagated as itself.
     */
    private static void pop(CommandContext ctx, Argv argv, boolean head) {
        if (argv.count() > 3) {
            ctx.reply().error("ERR wrong number of arguments for '" + argv.lowerCaseString(0) + "' command");
            return;
        }
        boolean hasCount = argv.count() == 3;
        long count = 1;
        if (hasCount) {
            count = rangedArg(ctx, argv, 2, 0, NOT_POSITIVE);
            if (count < 0) {
                return;
            }
        }
        ListValue list = ctx.writeAs(ListValue.class, argv, 1);
        ReplyWriter out = ctx.reply();
        if (list == null) {
            if (hasCount) {
                out.nullArray();
            } else {
                out.nullBulk();
            }
            return;
        }
        if (hasCount) {
            if (count == 0) {
                out.raw(Replies.EMPTY_ARRAY); // Redis's fast exit: nothing popped, nothing signalled
            } else {
                popRange(ctx, argv, 1, list, head, count);
            }
            return;
        }
        out.bulk(list.pop(head));
        popped(ctx, argv, 1, list, head, 1);
    }

    /** LMPOP numkeys key... LEFT|RIGHT [COUNT count]. */
    static void lmpop(CommandContext ctx, Argv argv) {
        MpopArgs a = MpopArgs.parse(ctx, argv, 1);
        if (a == null) {
            return;
        }
        if (!mpop(ctx, argv, a)) {
            ctx.reply().nullArray();
        }
    }

    /**
     * The arguments of [B]LMPOP, parsed in Redis's order: numkeys, the side, then COUNT (once).
     *
     * @param firstKey argument index of the first key
     * @param keys     number of keys
     * @param head     LEFT
     * @param count    elements to pop at most (1 without COUNT)
     */
    record MpopArgs(int firstKey, int keys, boolean head, long count) {

        /** Parses from the numkeys argument at {@code numkeysIdx}; null after replying the error. */
        static MpopArgs parse(CommandContext ctx, Argv argv, int numkeysIdx) {
            long numkeys = rangedArg(ctx, argv, numkeysIdx, 1, NUMKEYS_NOT_POSITIVE);
            if (numkeys < 0) {
                return null;
            }
            if (numkeys >= argv.count() - numkeysIdx - 1) {
                ctx.reply().raw(Replies.SYNTAX_ERROR);
                return null;
            }
            int whereIdx = numkeysIdx + (int) numkeys + 1;
            int where = position(ctx, argv, whereIdx);
            if (where < 0) {
                return null;
            }
            long count = -1;
            for (int j = whereIdx + 1; j < argv.count(); j++) {
                if (count == -1 && argv.equalsIgnoreCase(j, "count") && j + 1 < argv.count()) {
                    j++;
                    count = rangedArg(ctx, argv, j, 1, COUNT_NOT_POSITIVE);
                    if (count < 0) {
                        return null;
                    }
                } else {
                    ctx.reply().raw(Replies.SYNTAX_ERROR);
                    return null;
                }
            }
            return new MpopArgs(numkeysIdx + 1, (int) numkeys, where == 1, count == -1 ? 1 : count);
        }
    }

    /**
     * Pops from the first non-empty list among the keys and replies [key, [elements]], propagated
     * as [LR]POP key n (n the number popped), for LMPOP and BLMPOP alike, served at once or later.
     * Returns false, having replied nothing, when every key is missing.
     *
     * @throws io.redisinternals.command.WrongTypeException if a key before the first list holds
     *     another type
     */
    static boolean mpop(CommandContext ctx, Argv argv, MpopArgs a) {
        byte[] serving = ctx.servingKey(); // BLMPOP woken for one key: serve from that one only
        for (int i = a.firstKey(); i < a.firstKey() + a.keys(); i++) {
            if (serving != null && !argv.contentEquals(i, serving)) {
                continue;
            }
            ListValue list = ctx.writeAs(ListValue.class, argv, i);
            if (list == null) {
                continue;
            }
            ctx.reply().arrayHeader(2).bulk(argv, i);
            long n = popRange(ctx, argv, i, list, a.head(), a.count());
            if (ctx.propagating()) {
                ctx.propagateAs(a.head() ? LPOP_CMD : RPOP_CMD, argv.bytes(i), Numbers.toBytes(n));
            }
            return true;
        }
        return false;
    }

    // ---- reads --------------------------------------------------------------------------------------

    static void llen(CommandContext ctx, Argv argv) {
        ListValue list = ctx.readAs(ListValue.class, argv, 1);
        if (list == null) {
            ctx.reply().raw(Replies.ZERO);
        } else {
            ctx.reply().integer(list.size());
        }
    }

    /** LINDEX key index: the key is looked up before the index is parsed, as in Redis. */
    static void lindex(CommandContext ctx, Argv argv) {
        ListValue list = ctx.readAs(ListValue.class, argv, 1);
        if (list == null) {
            ctx.reply().nullBulk();
            return;
        }
        Long index = longArg(ctx, argv, 2);
        if (index == null) {
            return;
        }
        long i = index < 0 ? list.size() + index : index;
        if (i < 0 || i >= list.size()) {
            ctx.reply().nullBulk();
            return;
        }
        ListValue.Cursor c = list.cursor(i);
        ctx.reply().bulk(c.array(), c.offset(), c.length());
    }

    /** LRANGE key start stop: indexes parsed first; out-of-range parts are clipped. */
    static void lrange(CommandContext ctx, Argv argv) {
        Long start = longArg(ctx, argv, 2);
        if (start == null) {
            return;
        }
        Long end = longArg(ctx, argv, 3);
        if (end == null) {
            return;
        }
        ListValue list = ctx.readAs(ListValue.class, argv, 1);
        if (list == null) {
            ctx.reply().raw(Replies.EMPTY_ARRAY);
            return;
        }
        long[] range = IndexRange.clip(start, end, list.size());
        ReplyWriter out = ctx.reply();
        if (range == null) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        long n = range[1] - range[0] + 1;
        out.arrayHeader(n);
        ListValue.Cursor c = list.cursor(range[0]);
        for (long k = 0; k < n; k++) {
            out.bulk(c.array(), c.offset(), c.length());
            if (k + 1 < n) {
                c.next();
            }
        }
    }

    /**
     * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. RANK -9223372036854775808
     * behaves as in Redis, whose negation overflows: the search goes from the tail, starts at the
     * first match and COUNT never stops it.
     */
    static void lpos(CommandContext ctx, Argv argv) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < argv.count(); j++) {
            boolean more = j + 1 < argv.count();
            if (more && argv.equalsIgnoreCase(j, "rank")) {
                Long r = longArg(ctx, argv, ++j);
                if (r == null) {
                    return;
                }
                if (r == 0) {
                    ctx.reply().raw(RANK_ZERO);
                    return;
                }
                rank = r;
            } else if (more && argv.equalsIgnoreCase(j, "count")) {
                count = rangedArg(ctx, argv, ++j, 0, COUNT_NEGATIVE);
                if (count < 0) {
                    return;
                }
            } else if (more && argv.equalsIgnoreCase(j, "maxlen")) {
                maxlen = rangedArg(ctx, argv, ++j, 0, MAXLEN_NEGATIVE);
                if (maxlen < 0) {
                    return;
                }
            } else {
                ctx.reply().raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        ListValue list = ctx.readAs(ListValue.class, argv, 1);
        ReplyWriter out = ctx.reply();
        if (list == null) {
            if (count >= 0) {
                out.raw(Replies.EMPTY_ARRAY);
            } else {
                out.nullBulk();
            }
            return;
        }
        boolean fromHead = rank > 0;
        boolean unlimitedCount = rank == Long.MIN_VALUE;
        long skip = unlimitedCount ? 0 : Math.abs(rank) - 1; // matches to pass over before reporting
        long wanted = count < 0 ? 1 : count == 0 || unlimitedCount ? Long.MAX_VALUE : count;
        byte[] element = argv.bytes(2);
        long size = list.size();
        List<Long> found = count < 0 ? null : new ArrayList<>();
        long single = -1;
        if (size > 0) {
            ListValue.Cursor c = list.cursorAtEnd(fromHead);
            long scanned = 0;
            boolean more = true;
            while (more && (maxlen == 0 || scanned < maxlen)) {
                if (c.matches(element)) {
                    if (skip > 0) {
                        skip--;
                    } else {
                        long index = fromHead ? scanned : size - 1 - scanned;
                        if (found == null) {
                            single = index;
                            break;
                        }
                        found.add(index);
                        if (found.size() >= wanted) {
                            break;
                        }
                    }
                }
                scanned++;
                more = fromHead ? c.next() : c.previous();
            }
        }
        if (found == null) {
            if (single < 0) {
                out.nullBulk();
            } else {
                out.integer(single);
            }
            return;
        }
        out.arrayHeader(found.size());
        for (long index : found) {
            out.integer(index);
        }
    }

    // ---- in-place writes ----------------------------------------------------------------------------

    /** LSET key index element: the key is looked up first ("no such key"), then the index parsed. */
    static void lset(CommandContext ctx, Argv argv) {
        ListValue list = ctx.writeAs(ListValue.class, argv, 1);
        if (list == null) {
            ctx.reply().raw(NO_SUCH_KEY);
            return;
        }
        Long index = longArg(ctx, argv, 2);
        if (index == null) {
            return;
        }
        long i = index < 0 ? list.size() + index : index;
        if (i < 0 || i >= list.size()) {
            ctx.reply().raw(INDEX_OUT_OF_RANGE);
            return;
        }
        list.cursor(i).replace(argv.bytes(3), fill(ctx));
        ctx.db().modified(argv, 1);
        ctx.keyEvent(KeyEvent.LIST, "lset", argv, 1);
        ctx.dirty(1);
        ctx.reply().raw(Replies.OK);
    }

    /** LINSERT key BEFORE|AFTER pivot element: -1 when the pivot is absent, 0 when the key is. */
    static void linsert(CommandContext ctx, Argv argv) {
        boolean after;
        if (argv.equalsIgnoreCase(2, "after")) {
            after = true;
        } else if (argv.equalsIgnoreCase(2, "before")) {
            after = false;
        } else {
            ctx.reply().raw(Replies.SYNTAX_ERROR);
            return;
        }
        ListValue list = ctx.writeAs(ListValue.class, argv, 1);
        if (list == null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        byte[] pivot = argv.bytes(3);
        ListValue.Cursor c = list.cursorAtEnd(true);
        do {
            if (c.matches(pivot)) {
                c.insert(after, argv.bytes(4), fill(ctx));
                ctx.db().modified(argv, 1);
                ctx.keyEvent(KeyEvent.LIST, "linsert", argv, 1);
                ctx.dirty(1);
                ctx.reply().integer(list.size());
                return;
            }
        } while (c.next());
        ctx.reply().integer(-1);
    }

    /**
     * LREM key count element: count > 0 from the head, < 0 from the tail, 0 all; one dirty change
     * per element removed, and "lrem" (then "del" if emptied) only when something was.
     */
    static void lrem(CommandContext ctx, Argv argv) {
        Long count = longArg(ctx, argv, 2);
        if (count == null) {
            return;
        }
        ListValue list = ctx.writeAs(ListValue.class, argv, 1);
        if (list == null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        byte[] element = argv.bytes(3);
        boolean fromHead = count >= 0;
        long limit = count == 0 ? Long.MAX_VALUE : count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        long removed = 0;
        ListValue.Cursor c = list.cursorAtEnd(fromHead);
        boolean more = true;
        while (more && removed < limit) {
            if (c.matches(element)) {
                removed++;
                more = fromHead ? c.remove() : c.removeAndStepBack();
            } else {
                more = fromHead ? c.next() : c.previous();
            }
        }
        if (removed > 0) {
            ctx.keyEvent(KeyEvent.LIST, "lrem", argv, 1);
            deleteIfEmpty(ctx, argv, 1, list);
            ctx.dirty(removed);
        }
        ctx.reply().integer(removed);
    }

    /**
     * LTRIM key start stop: keeps [start, stop]; an empty result deletes the key. As Redis, an
     * existing list always gets the "ltrim" event and the signal, but only trimmed elements count
     * as dirty changes (a trim that removes nothing is not propagated).
     */
    static void ltrim(CommandContext ctx, Argv argv) {
        Long start = longArg(ctx, argv, 2);
        if (start == null) {
            return;
        }
        Long end = longArg(ctx, argv, 3);
        if (end == null) {
            return;
        }
        ListValue list = ctx.writeAs(ListValue.class, argv, 1);
        if (list == null) {
            ctx.reply().raw(Replies.OK);
            return;
        }
        long size = list.size();
        long[] range = IndexRange.clip(start, end, size);
        if (range == null) {
            list.drop(true, size);
        } else {
            list.drop(true, range[0]);
            list.drop(false, size - range[1] - 1);
        }
        ctx.keyEvent(KeyEvent.LIST, "ltrim", argv, 1);
        deleteIfEmpty(ctx, argv, 1, list);
        ctx.dirty(size - list.size());
        ctx.reply().raw(Replies.OK);
    }

    // ---- moves --------------------------------------------------------------------------------------

    /** LMOVE source destination LEFT|RIGHT LEFT|RIGHT. */
    static void lmove(CommandContext ctx, Argv argv) {
        int from = position(ctx, argv, 3);
        if (from < 0) {
            return;
        }
        int to = position(ctx, argv, 4);
        if (to < 0) {
            return;
        }
        move(ctx, argv, from == 1, to == 1);
    }

    /** RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT. */
    static void rpoplpush(CommandContext ctx, Argv argv) {
        move(ctx, argv, false, true);
    }

    /** LMOVE and RPOPLPUSH, propagated as themselves. */
    private static void move(CommandContext ctx, Argv argv, boolean fromHead, boolean toHead) {
        ListValue src = ctx.writeAs(ListValue.class, argv, 1);
        if (src == null) {
            ctx.reply().nullBulk();
            return;
        }
        moveFrom(ctx, argv, src, fromHead, toHead);
    }
}
