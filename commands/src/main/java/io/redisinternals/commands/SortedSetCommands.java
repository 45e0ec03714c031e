package io.redisinternals.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.SortedSetValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandDocs.Arg;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
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

    /**
     * Our one deliberate difference (as SRANDMEMBER's): ZRANDMEMBER with a huge negative count.
     * redis-server would try to send |count| elements (about 2^62 at most), filling memory; we
     * refuse a reply that could not fit in proto-max-bulk-len bytes, counting each element at its
     * smallest encoding ("$0\r\n\r\n", plus "$1\r\n0\r\n" for a score).
     */
    private static final byte[] REPLY_TOO_LARGE = Replies.encode(
            "-ERR value is out of range, the reply would exceed proto-max-bulk-len\r\n");

    /** Every zset command, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(List.of(
                CommandSpec.builder("zadd")
                        .arity(-4)
                        .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                        .acl("write", "sortedset", "fast")
                        .key(KeySpec.single(1, "RW", "update"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Add one or more members to a sorted set, or update its score if it already exists")
                        .since("1.2.0")
                        .complexity("O(log(N)) for each item added, where N is the number of elements in the sorted "
                                + "set.")
                        .history("2.4.0", "Accepts multiple elements.")
                        .history("3.0.2", "Added the `XX`, `NX`, `CH` and `INCR` options.")
                        .history("6.2.0", "Added the `GT` and `LT` options.")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("condition", "oneof").since("3.0.2").optional().children(
                                Arg.of("nx", "pure-token").token("NX"),
                                Arg.of("xx", "pure-token").token("XX")))
                        .arg(Arg.of("comparison", "oneof").since("6.2.0").optional().children(
                                Arg.of("gt", "pure-token").token("GT"),
                                Arg.of("lt", "pure-token").token("LT")))
                        .arg(Arg.of("change", "pure-token").token("CH").since("3.0.2").optional())
                        .arg(Arg.of("increment", "pure-token").token("INCR").since("3.0.2").optional())
                        .arg(Arg.of("score_member", "block").multiple().children(
                                Arg.of("score", "double"),
                                Arg.of("member", "string")))
                        .function(SortedSetCommands::zadd)
                        .build(),
                CommandSpec.builder("zincrby")
                        .arity(4)
                        .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
                        .acl("write", "sortedset", "fast")
                        .key(KeySpec.single(1, "RW", "access", "update"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Increment the score of a member in a sorted set")
                        .since("1.2.0")
                        .complexity("O(log(N)) where N is the number of elements in the sorted set.")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("increment", "integer"))
                        .arg(Arg.of("member", "string"))
                        .function(SortedSetCommands::zincrby)
                        .build(),
                CommandSpec.builder("zcard")
                        .arity(2)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("read", "sortedset", "fast")
                        .key(KeySpec.single(1, "RO"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Get the number of members in a sorted set")
                        .since("1.2.0")
                        .complexity("O(1)")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .function(SortedSetCommands::zcard)
                        .build(),
                CommandSpec.builder("zscore")
                        .arity(3)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("read", "sortedset", "fast")
                        .key(KeySpec.single(1, "RO", "access"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Get the score associated with the given member in a sorted set")
                        .since("1.2.0")
                        .complexity("O(1)")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("member", "string"))
                        .function(SortedSetCommands::zscore)
                        .build(),
                CommandSpec.builder("zmscore")
                        .arity(-3)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("read", "sortedset", "fast")
                        .key(KeySpec.single(1, "RO", "access"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Get the score associated with the given members in a sorted set")
                        .since("6.2.0")
                        .complexity("O(N) where N is the number of members being requested.")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("member", "string").multiple())
                        .function(SortedSetCommands::zmscore)
                        .build(),
                CommandSpec.builder("zrank")
                        .arity(3)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("read", "sortedset", "fast")
                        .key(KeySpec.single(1, "RO", "access"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Determine the index of a member in a sorted set")
                        .since("2.0.0")
                        .complexity("O(log(N))")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("member", "string"))
                        .function(SortedSetCommands::zrank)
                        .build(),
                CommandSpec.builder("zrevrank")
                        .arity(3)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("read", "sortedset", "fast")
                        .key(KeySpec.single(1, "RO", "access"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Determine the index of a member in a sorted set, with scores ordered from high "
                                + "to low")
                        .since("2.0.0")
                        .complexity("O(log(N))")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("member", "string"))
                        .function(SortedSetCommands::zrevrank)
                        .build(),
                CommandSpec.builder("zrem")
                        .arity(-3)
                        .flags(CommandFlag.WRITE, CommandFlag.FAST)
                        .acl("write", "sortedset", "fast")
                        .key(KeySpec.single(1, "RW", "delete"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Remove one or more members from a sorted set")
                        .since("1.2.0")
                        .complexity("O(M*log(N)) with N being the number of elements in the sorted set and M the "
                                + "number of elements to be removed.")
                        .history("2.4.0", "Accepts multiple elements.")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("member", "string").multiple())
                        .function(SortedSetCommands::zrem)
                        .build(),
                CommandSpec.builder("zrandmember")
                        .arity(-2)
                        .flags(CommandFlag.READONLY)
                        .acl("read", "sortedset", "slow")
                        .tips("nondeterministic_output")
                        .key(KeySpec.single(1, "RO", "access"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Get one or multiple random elements from a sorted set")
                        .since("6.2.0")
                        .complexity("O(N) where N is the number of elements returned")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("options", "block").optional().children(
                                Arg.of("count", "integer"),
                                Arg.of("withscores", "pure-token").token("WITHSCORES").optional()))
                        .function(SortedSetCommands::zrandmember)
                        .build(),
                CommandSpec.builder("zscan")
                        .arity(-3)
                        .flags(CommandFlag.READONLY)
                        .acl("read", "sortedset", "slow")
                        .tips("nondeterministic_output")
                        .key(KeySpec.single(1, "RO", "access"))
                        .group(CommandGroup.SORTED_SET)
                        .summary("Incrementally iterate sorted sets elements and associated scores")
                        .since("2.8.0")
                        .complexity("O(1) for every call. O(N) for a complete iteration, including enough command "
                                + "calls for the cursor to return back to 0. N is the number of elements inside the"
                                + " collection..")
                        .arg(Arg.of("key", "key").keySpec(0))
                        .arg(Arg.of("cursor", "integer"))
                        .arg(Arg.of("pattern", "pattern").token("MATCH").optional())
                        .arg(Arg.of("count", "integer").token("COUNT").optional())
                        .function(SortedSetCommands::zscan)
                        .build()));
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
     * The read lookup of a key (expiry, hit/miss stats): the set, null when missing, or
     * {@link #WRONG} after replying WRONGTYPE.
     */
    static Object readSet(CommandContext ctx, Argv argv, int i) {
        Object v = ctx.lookupRead(argv, i);
        return checkType(ctx, v);
    }

    /** The write lookup of a key (expiry, no stats), as {@link #readSet}. */
    static Object writeSet(CommandContext ctx, Argv argv, int i) {
        Database db = ctx.db();
        db.expireIfNeeded(argv, i, ctx.nowMillis());
        return checkType(ctx, db.get(argv, i));
    }

    /** Marker returned by the lookups after a WRONGTYPE reply. */
    static final Object WRONG = new Object();

    private static Object checkType(CommandContext ctx, Object v) {
        if (v == null || v instanceof SortedSetValue) {
            return v;
        }
        ctx.reply().raw(Replies.WRONGTYPE);
        return WRONG;
    }

    /**
     * After a write to the set of key {@code i}: deletes the key when the set became empty, else
     * signals the change in place (WATCH, blocked clients).
     */
    static void written(CommandContext ctx, Argv argv, int i, SortedSetValue z) {
        if (z.size() == 0) {
            ctx.db().remove(argv, i);
        } else {
            ctx.db().modified(argv, i);
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
        Object found = writeSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        SortedSetValue z = (SortedSetValue) found;
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
        Object found = readSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        ctx.reply().integer(found == null ? 0 : ((SortedSetValue) found).size());
    }

    /** ZSCORE key member. */
    static void zscore(CommandContext ctx, Argv argv) {
        Object found = readSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        double s = found == null ? Double.NaN : ((SortedSetValue) found).score(argv.bytes(2));
        if (Double.isNaN(s)) {
            ctx.reply().nullBulk();
        } else {
            score(ctx.reply(), s);
        }
    }

    /** ZMSCORE key member [member ...]: a null for each member that is not there. */
    static void zmscore(CommandContext ctx, Argv argv) {
        Object found = readSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        ReplyWriter out = ctx.reply();
        out.arrayHeader(argv.count() - 2);
        for (int i = 2; i < argv.count(); i++) {
            double s = found == null ? Double.NaN : ((SortedSetValue) found).score(argv.bytes(i));
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
        Object found = readSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        SortedSetValue z = (SortedSetValue) found;
        long r = z == null ? -1 : z.rank(argv.bytes(2));
        if (r < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().integer(reverse ? z.size() - 1 - r : r);
        }
    }

    /** ZREM key member [member ...]: deletes the key when emptied. */
    static void zrem(CommandContext ctx, Argv argv) {
        Object found = writeSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        SortedSetValue z = (SortedSetValue) found;
        long removed = 0;
        if (z != null) {
            for (int i = 2; i < argv.count() && z.size() > 0; i++) {
                if (z.remove(argv.bytes(i))) {
                    removed++;
                }
            }
            if (removed > 0) {
                written(ctx, argv, 1, z);
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
            Object found = readSet(ctx, argv, 1);
            if (found == WRONG) {
                return;
            }
            if (found == null) {
                out.nullBulk();
                return;
            }
            ((SortedSetValue) found).randomEntry(ThreadLocalRandom.current(), (m, s) -> out.bulk(m));
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
        Object found = readSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        SortedSetValue z = (SortedSetValue) found;
        if (z == null || count == 0) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        boolean ws = withScores;
        if (count < 0) {
            long n = -count;
            if (n > StringCommands.maxStringLength(ctx) / (ws ? 13 : 6)) {
                out.raw(REPLY_TOO_LARGE);
                return;
            }
            arrayOf(out, n, ws);
            for (long k = 0; k < n; k++) {
                z.randomEntry(rnd, (m, s) -> element(out, m, s, ws));
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
        Object found = readSet(ctx, argv, 1);
        if (found == WRONG) {
            return;
        }
        SortedSetValue z = (SortedSetValue) found;
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
