package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.command.WrongTypeException;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sorted-set type's commands (Redis's {@code t_zset.c}): the single-member commands, ZRANDMEMBER
 * and ZSCAN here, with the helpers every zset command shares (lookups, replies, the listpack
 * limits). Score text is read in {@link SortedSetScores}; ranges are in
 * {@link SortedSetRangeCommands}, the multi-key algebra in {@link SortedSetStoreCommands}, the pops
 * (blocking ones included) in {@link SortedSetPopCommands}.
 */
public final class SortedSetCommands {

    private SortedSetCommands() {
    }

    static final byte[] NOT_FLOAT = Replies.encode("-ERR value is not a valid float\r\n");
    static final byte[] MIN_MAX_NOT_FLOAT = Replies.encode("-ERR min or max is not a float\r\n");
    static final byte[] MIN_MAX_NOT_STRING = Replies.encode("-ERR min or max not valid string range item\r\n");
    static final byte[] NOT_POSITIVE = Replies.encode("-ERR value is out of range, must be positive\r\n");
    private static final byte[] NAN_RESULT = Replies.encode("-ERR resulting score is not a number (NaN)\r\n");
    private static final byte[] XX_NX =
            Replies.encode("-ERR XX and NX options at the same time are not compatible\r\n");
    private static final byte[] GT_LT_NX =
            Replies.encode("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n");
    private static final byte[] INCR_PAIRS =
            Replies.encode("-ERR INCR option supports a single increment-element pair\r\n");
    private static final byte[] RANDOM_COUNT_RANGE = Replies.encode(
            "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");
    private static final byte[] OUT_OF_RANGE = Replies.encode("-ERR value is out of range\r\n");

    /** Every zset command, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(List.of(
                CommandMetadata.bind("zadd", SortedSetCommands::zadd),
                CommandMetadata.bind("zincrby", SortedSetCommands::zincrby),
                CommandMetadata.bind("zcard", SortedSetCommands::zcard),
                CommandMetadata.bind("zscore", SortedSetCommands::zscore),
                CommandMetadata.bind("zmscore", SortedSetCommands::zmscore),
                CommandMetadata.bind("zrank", SortedSetCommands::zrank),
                CommandMetadata.bind("zrevrank", SortedSetCommands::zrevrank),
                CommandMetadata.bind("zrem", SortedSetCommands::zrem),
                CommandMetadata.bind("zrandmember", SortedSetCommands::zrandmember),
                CommandMetadata.bind("zscan", SortedSetCommands::zscan)));
        all.addAll(SortedSetRangeCommands.specs());
        all.addAll(SortedSetStoreCommands.specs());
        all.addAll(SortedSetPopCommands.specs());
        return List.copyOf(all);
    }

    // ---- shared helpers ---------------------------------------------------------------------

    /** zset-max-listpack-entries, read per call (CONFIG SET applies at once). */
    static long maxEntries(CommandContext ctx) {
        return ctx.configLong("zset-max-listpack-entries");
    }

    /** zset-max-listpack-value, read per call. */
    static long maxValue(CommandContext ctx) {
        return ctx.configLong("zset-max-listpack-value");
    }

    /**
     * A new empty set for a key about to get its first member, in the encoding Redis 7.0's ZADD
     * picks: skiplist when zset-max-listpack-entries is 0 or that first member is longer than
     * zset-max-listpack-value, else listpack.
     */
    static SortedSetValue newSet(CommandContext ctx, int firstMemberLength) {
        return new SortedSetValue(maxEntries(ctx) != 0 && firstMemberLength <= maxValue(ctx));
    }

    /** Adds a member known to be absent, applying the conversion limits. */
    static void addNew(CommandContext ctx, SortedSetValue z, byte[] member, double score) {
        z.add(member, score, maxEntries(ctx), maxValue(ctx));
    }

    /**
     * The read lookup of a key as a sorted set (Redis's lookupKeyRead + checkType): the set or null.
     *
     * @throws WrongTypeException if the key holds another type
     */
    static SortedSetValue readSet(CommandContext ctx, Argv argv, int i) {
        return ctx.readAs(SortedSetValue.class, argv, i);
    }

    /** The write lookup of a key (lookupKeyWrite), as {@link #readSet}. */
    static SortedSetValue writeSet(CommandContext ctx, Argv argv, int i) {
        return ctx.writeAs(SortedSetValue.class, argv, i);
    }

    /**
     * After members were removed from the set of key {@code i}: deletes the key when the set became
     * empty, else signals the change in place (WATCH, blocked clients); then the keyspace events
     * Redis sends, {@code event} (zrem, zpopmin...) and "del" when the key went away.
     */
    static void removed(CommandContext ctx, Argv argv, int i, SortedSetValue z, String event) {
        boolean emptied = z.size() == 0;
        if (emptied) {
            ctx.db().remove(argv, i);
        } else {
            ctx.db().modified(argv, i);
        }
        ctx.keyEvent(KeyEvent.ZSET, event, argv, i);
        if (emptied) {
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, i);
        }
    }

    /** A score reply: RESP2 bulk "%.17g", RESP3 double. */
    static void score(ReplyWriter out, double score) {
        out.doubleValue(score);
    }

    /** A (member, score) pair inside an array: RESP3 nests it as a 2-element array. */
    static void pair(ReplyWriter out, byte[] member, double score) {
        if (out.isResp3()) {
            out.arrayHeader(2);
        }
        out.bulk(member);
        out.doubleValue(score);
    }

    /** Header of an array of {@code n} elements, with scores when {@code withScores} (RESP2 2n flat, RESP3 n pairs). */
    static void arrayOf(ReplyWriter out, long n, boolean withScores) {
        out.arrayHeader(withScores && !out.isResp3() ? 2 * n : n);
    }

    /** One element of a range reply, as {@link #arrayOf} announced. */
    static void element(ReplyWriter out, byte[] member, double score, boolean withScores) {
        if (withScores) {
            pair(out, member, score);
        } else {
            out.bulk(member);
        }
    }

    // ---- commands ---------------------------------------------------------------------------

    // ZADD flags
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;
    private static final int CH = 16;
    private static final int INCR = 32;

    static void zadd(CommandContext ctx, Argv argv) {
        zaddGeneric(ctx, argv, 0);
    }

    static void zincrby(CommandContext ctx, Argv argv) {
        zaddGeneric(ctx, argv, INCR);
    }

    /**
     * ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...] and ZINCRBY (ZADD INCR
     * with the same option parsing, as in Redis). Checks in Redis's order: pairs, option
     * conflicts, INCR with one pair, every score, then the key's type.
     */
    private static void zaddGeneric(CommandContext ctx, Argv argv, int flags) {
        ReplyWriter out = ctx.reply();
        int argc = argv.count();
        int i = 2;
        for (; i < argc; i++) {
            if (argv.equalsIgnoreCase(i, "nx")) {
                flags |= NX;
            } else if (argv.equalsIgnoreCase(i, "xx")) {
                flags |= XX;
            } else if (argv.equalsIgnoreCase(i, "ch")) {
                flags |= CH;
            } else if (argv.equalsIgnoreCase(i, "incr")) {
                flags |= INCR;
            } else if (argv.equalsIgnoreCase(i, "gt")) {
                flags |= GT;
            } else if (argv.equalsIgnoreCase(i, "lt")) {
                flags |= LT;
            } else {
                break;
            }
        }
        int elements = argc - i;
        if (elements % 2 != 0 || elements == 0) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        elements /= 2;
        boolean nx = (flags & NX) != 0;
        boolean incr = (flags & INCR) != 0;
        if (nx && (flags & XX) != 0) {
            out.raw(XX_NX);
            return;
        }
        if (((flags & GT) != 0 && nx) || ((flags & LT) != 0 && nx) || ((flags & GT) != 0 && (flags & LT) != 0)) {
            out.raw(GT_LT_NX);
            return;
        }
        if (incr && elements > 1) {
            out.raw(INCR_PAIRS);
            return;
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = SortedSetScores.parseDouble(argv.bytes(i + 2 * j));
            if (Double.isNaN(scores[j])) {
                out.raw(NOT_FLOAT);
                return;
            }
        }
        SortedSetValue z = writeSet(ctx, argv, 1);
        boolean created = false;
        long added = 0;
        long updated = 0;
        long processed = 0;
        double lastScore = 0;
        if (z == null && (flags & XX) == 0) {
            z = newSet(ctx, argv.length(i + 1));
            created = true;
        }
        if (z != null) {
            for (int j = 0; j < elements; j++) {
                int memberArg = i + 2 * j + 1; // read in place; copied only when added
                double score = scores[j];
                double current = z.score(argv, memberArg);
                if (!Double.isNaN(current)) {
                    if (nx) {
                        continue;
                    }
                    if (incr) {
                        score += current;
                        if (Double.isNaN(score)) {
                            // only an existing member (so an existing key) can get here: nothing changed yet
                            out.raw(NAN_RESULT);
                            return;
                        }
                    }
                    if (((flags & LT) != 0 && score >= current) || ((flags & GT) != 0 && score <= current)) {
                        continue;
                    }
                    lastScore = score;
                    processed++;
                    if (score != current) {
                        z.setScore(argv, memberArg, score);
                        updated++;
                    }
                } else if ((flags & XX) == 0) {
                    addNew(ctx, z, argv.bytes(memberArg), score);
                    lastScore = score;
                    processed++;
                    added++;
                }
            }
            if (created) {
                ctx.db().put(argv, 1, z);
            } else if (added > 0 || updated > 0) {
                ctx.db().modified(argv, 1);
            }
            if (added > 0 || updated > 0) {
                ctx.dirty(added + updated);
                ctx.keyEvent(KeyEvent.ZSET, incr ? "zincr" : "zadd", argv, 1);
            }
        }
        if (incr) {
            if (processed > 0) {
                score(out, lastScore);
            } else {
                out.nullBulk();
            }
        } else {
            out.integer((flags & CH) != 0 ? added + updated : added);
        }
    }

    /** ZCARD key. */
    static void zcard(CommandContext ctx, Argv argv) {
        SortedSetValue z = readSet(ctx, argv, 1);
        ctx.reply().integer(z == null ? 0 : z.size());
    }

    /** ZSCORE key member. */
    static void zscore(CommandContext ctx, Argv argv) {
        SortedSetValue z = readSet(ctx, argv, 1);
        double s = z == null ? Double.NaN : z.score(argv.bytes(2));
        if (Double.isNaN(s)) {
            ctx.reply().nullBulk();
        } else {
            score(ctx.reply(), s);
        }
    }

    /** ZMSCORE key member [member ...]: a null for each member that is not there. */
    static void zmscore(CommandContext ctx, Argv argv) {
        SortedSetValue z = readSet(ctx, argv, 1);
        ReplyWriter out = ctx.reply();
        out.arrayHeader(argv.count() - 2);
        for (int i = 2; i < argv.count(); i++) {
            double s = z == null ? Double.NaN : z.score(argv.bytes(i));
            if (Double.isNaN(s)) {
                out.nullBulk();
            } else {
                score(out, s);
            }
        }
    }

    static void zrank(CommandContext ctx, Argv argv) {
        rank(ctx, argv, false);
    }

    static void zrevrank(CommandContext ctx, Argv argv) {
        rank(ctx, argv, true);
    }

    private static void rank(CommandContext ctx, Argv argv, boolean reverse) {
        SortedSetValue z = readSet(ctx, argv, 1);
        long r = z == null ? -1 : z.rank(argv.bytes(2));
        if (r < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().integer(reverse ? z.size() - 1 - r : r);
        }
    }

    /** ZREM key member [member ...]: deletes the key when emptied. */
    static void zrem(CommandContext ctx, Argv argv) {
        SortedSetValue z = writeSet(ctx, argv, 1);
        long removed = 0;
        if (z != null) {
            for (int i = 2; i < argv.count() && z.size() > 0; i++) {
                if (z.remove(argv.bytes(i))) {
                    removed++;
                }
            }
            if (removed > 0) {
                removed(ctx, argv, 1, z, "zrem");
                ctx.dirty(removed);
            }
        }
        ctx.reply().integer(removed);
    }

    /**
     * ZRANDMEMBER key [count [WITHSCORES]]. A positive count gives distinct members (the whole set
     * when count reaches its size), a negative one -count members drawn independently. Checks as
     * Redis: the count's range, the syntax, WITHSCORES' tighter range, then the key.
     */
    static void zrandmember(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        int argc = argv.count();
        if (argc == 2) {
            SortedSetValue z = readSet(ctx, argv, 1);
            if (z == null) {
                out.nullBulk();
                return;
            }
            z.randomEntry(ThreadLocalRandom.current(), (m, s) -> out.bulk(m));
            return;
        }
        long count;
        try {
            count = argv.longValue(2);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        if (count == Long.MIN_VALUE) {
            out.raw(RANDOM_COUNT_RANGE);
            return;
        }
        boolean withScores = false;
        if (argc > 4 || (argc == 4 && !argv.equalsIgnoreCase(3, "withscores"))) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        if (argc == 4) {
            withScores = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                out.raw(OUT_OF_RANGE);
                return;
            }
        }
        SortedSetValue z = readSet(ctx, argv, 1);
        if (z == null || count == 0) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        boolean ws = withScores;
        if (count < 0) {
            // The count is the client's choice (up to 2^62): streamed up to the reply budget, which
            // closes the client (see ReplyWriter#exceedsBudget).
            long n = -count;
            int mark = out.size();
            arrayOf(out, n, ws);
            for (long k = 0; k < n; k++) {
                z.randomEntry(rnd, (m, s) -> element(out, m, s, ws));
                if (out.exceedsBudget(mark)) {
                    return;
                }
            }
            return;
        }
        long size = z.size();
        if (count >= size) { // the whole set, highest score first as Redis replies it
            arrayOf(out, size, ws);
            z.forEachInRanks(0, size - 1, true, (m, s) -> element(out, m, s, ws));
            return;
        }
        int n = (int) count; // count < size: bounded by the set
        arrayOf(out, n, ws);
        if (count * 3 <= size) {
            // few picks from a large set: draw ranks until n distinct ones came up
            java.util.Set<Long> picked = new java.util.HashSet<>();
            while (picked.size() < n) {
                long r = rnd.nextLong(size);
                if (picked.add(r)) {
                    element(out, z.memberAt(r), z.scoreAt(r), ws);
                }
            }
            return;
        }
        // many picks: a partial Fisher-Yates shuffle of the ranks
        int sz = (int) size;
        int[] ranks = new int[sz];
        for (int k = 0; k < sz; k++) {
            ranks[k] = k;
        }
        for (int k = 0; k < n; k++) {
            int j = k + rnd.nextInt(sz - k);
            int t = ranks[k];
            ranks[k] = ranks[j];
            ranks[j] = t;
            element(out, z.memberAt(ranks[k]), z.scoreAt(ranks[k]), ws);
        }
    }

    /**
     * ZSCAN key cursor [MATCH pattern] [COUNT count]: members and scores as bulk strings (RESP3
     * too). A listpack set comes back whole, its scores as the listpack stores them; a skip list
     * is scanned through its member table with Redis's cursor.
     */
    static void zscan(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Long parsed = ScanOptions.cursor(ctx, argv, 2);
        if (parsed == null) {
            return;
        }
        long cursor = parsed;
        // As Redis's zscanCommand: the key (missing: an empty scan, WRONGTYPE) before the options.
        SortedSetValue z = readSet(ctx, argv, 1);
        if (z == null) {
            out.raw(ScanOptions.EMPTY_SCAN);
            return;
        }
        ScanOptions options = ScanOptions.parse(ctx, argv, 3, false);
        if (options == null) {
            return;
        }
        List<byte[]> members = new ArrayList<>();
        List<String> scores = new ArrayList<>();
        boolean compact = z.isCompact();
        SortedSetValue.EntryVisitor collect = (m, s) -> {
            members.add(m);
            scores.add(compact ? SortedSetScores.listpackScoreText(s) : Numbers.formatDouble17g(s));
        };
        if (compact) {
            cursor = z.scan(cursor, collect);
        } else {
            long maxSteps = options.maxSteps();
            do {
                cursor = z.scan(cursor, collect);
            } while (cursor != 0 && maxSteps-- != 0 && members.size() < options.count());
        }
        int kept = 0;
        for (int k = 0; k < members.size(); k++) {
            if (options.matches(members.get(k))) {
                members.set(kept, members.get(k));
                scores.set(kept, scores.get(k));
                kept++;
            }
        }
        out.arrayHeader(2);
        out.bulk(Long.toUnsignedString(cursor));
        out.arrayHeader(2L * kept);
        for (int k = 0; k < kept; k++) {
            out.bulk(members.get(k));
            out.bulk(scores.get(k));
        }
    }
}
