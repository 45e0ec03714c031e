package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.types.SetValue;
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
 * The set commands (Redis's {@code t_set.c}): SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS,
 * SMOVE, SPOP, SRANDMEMBER and SSCAN here; the multi-key algebra (SINTER, SINTERCARD, SUNION,
 * SDIFF and their STORE forms) in {@link SetAlgebraCommands}. Values are {@link SetValue}s.
 */
public final class SetCommands {

    private SetCommands() {
    }

    private static final byte[] NOT_POSITIVE = Replies.encode("-ERR value is out of range, must be positive\r\n");
    private static final byte[] COUNT_RANGE = Replies.encode(
            "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");

    /** Redis's SPOP_MOVE_STRATEGY_MUL: when to rebuild the remainder instead of popping one by one. */
    private static final long SPOP_MOVE_STRATEGY_MUL = 5;
    /** Redis's SRANDMEMBER_SUB_STRATEGY_MUL: when to copy the set and drop members instead of sampling. */
    private static final long SRANDMEMBER_SUB_STRATEGY_MUL = 3;

    // Propagated forms (Redis's shared.srem and shared.del).
    private static final byte[] SREM_CMD = Replies.encode("SREM");
    private static final byte[] DEL_CMD = Replies.encode("DEL");

    /** The set commands with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(List.of(
                CommandMetadata.bind("sadd", SetCommands::sadd),
                CommandMetadata.bind("srem", SetCommands::srem),
                CommandMetadata.bind("scard", SetCommands::scard),
                CommandMetadata.bind("sismember", SetCommands::sismember),
                CommandMetadata.bind("smismember", SetCommands::smismember),
                CommandMetadata.bind("smembers", SetCommands::smembers),
                CommandMetadata.bind("smove", SetCommands::smove),
                CommandMetadata.bind("spop", SetCommands::spop),
                CommandMetadata.bind("srandmember", SetCommands::srandmember),
                CommandMetadata.bind("sscan", SetCommands::sscan)));
        all.addAll(SetAlgebraCommands.specs());
        return List.copyOf(all);
    }

    // ---- helpers shared with SetAlgebraCommands ---------------------------------------------

    /** set-max-intset-entries, read per call so CONFIG SET applies at once. */
    static long maxIntsetEntries(CommandContext ctx) {
        return ctx.configLong("set-max-intset-entries");
    }

    static KeyHash hasher(CommandContext ctx) {
        return ctx.keyspace().hasher();
    }

    /** Writes every member as a bulk string: an intset's without making arrays. */
    static void writeMembers(ReplyWriter out, SetValue set) {
        if (set.isIntset()) {
            for (int i = 0, n = (int) set.size(); i < n; i++) {
                out.bulk(set.intAt(i));
            }
        } else {
            set.forEach(out::bulk);
        }
    }

    // ---- commands ---------------------------------------------------------------------------

    /** SADD key member...: the number of members that were new. The first member picks the encoding of a new set. */
    static void sadd(CommandContext ctx, Argv argv) {
        SetValue value = ctx.writeAs(SetValue.class, argv, 1);
        long max = maxIntsetEntries(ctx);
        SetValue set = value == null ? SetValue.forFirstMember(hasher(ctx), argv, 2) : value;
        long added = 0;
        for (int j = 2; j < argv.count(); j++) {
            if (set.add(argv, j, max)) {
                added++;
            }
        }
        if (value == null) {
            ctx.db().put(argv, 1, set);
        } else if (added > 0) {
            ctx.db().modified(argv, 1);
        }
        if (added > 0) {
            ctx.keyEvent(KeyEvent.SET, "sadd", argv, 1);
            ctx.dirty(added);
        }
        ctx.reply().integer(added);
    }

    /** SREM key member...: the number removed; the key goes when its last member does. */
    static void srem(CommandContext ctx, Argv argv) {
        SetValue set = ctx.writeAs(SetValue.class, argv, 1);
        if (set == null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        long deleted = 0;
        for (int j = 2; j < argv.count(); j++) {
            if (set.remove(argv, j)) {
                deleted++;
                if (set.size() == 0) {
                    break;
                }
            }
        }
        boolean keyRemoved = set.size() == 0;
        if (keyRemoved) {
            ctx.db().remove(argv, 1);
        } else if (deleted > 0) {
            ctx.db().modified(argv, 1);
        }
        if (deleted > 0) {
            ctx.keyEvent(KeyEvent.SET, "srem", argv, 1);
            if (keyRemoved) {
                ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
            }
            ctx.dirty(deleted);
        }
        ctx.reply().integer(deleted);
    }

    /** SCARD key. */
    static void scard(CommandContext ctx, Argv argv) {
        SetValue set = ctx.readAs(SetValue.class, argv, 1);
        if (set == null) {
            ctx.reply().raw(Replies.ZERO);
        } else {
            ctx.reply().integer(set.size());
        }
    }

    /** SISMEMBER key member: an integer 1 or 0 (also under RESP3, as Redis). */
    static void sismember(CommandContext ctx, Argv argv) {
        SetValue set = ctx.readAs(SetValue.class, argv, 1);
        ctx.reply().raw(set != null && set.contains(argv, 2) ? Replies.ONE : Replies.ZERO);
    }

    /** SMISMEMBER key member...: an array of 1/0 integers; a missing key is an empty set. */
    static void smismember(CommandContext ctx, Argv argv) {
        SetValue set = ctx.readAs(SetValue.class, argv, 1);
        ReplyWriter out = ctx.reply();
        out.arrayHeader(argv.count() - 2);
        for (int j = 2; j < argv.count(); j++) {
            out.raw(set != null && set.contains(argv, j) ? Replies.ONE : Replies.ZERO);
        }
    }

    /** SMEMBERS key: a set reply (RESP3 {@code ~}); Redis serves it as a one-key SINTER. */
    static void smembers(CommandContext ctx, Argv argv) {
        SetValue set = ctx.readAs(SetValue.class, argv, 1);
        ReplyWriter out = ctx.reply();
        if (set == null) {
            out.setHeader(0);
        } else {
            out.setHeader(set.size());
            writeMembers(out, set);
        }
    }

    /**
     * SMOVE source destination member. As Redis: a missing source is 0 whatever the destination
     * holds; then both types are checked; source = destination only tests membership; the source
     * loses the member (and goes if emptied) before the destination, created if missing, gets it.
     */
    static void smove(CommandContext ctx, Argv argv) {
        Object src = ctx.lookupWrite(argv, 1);
        Object dst = ctx.lookupWrite(argv, 2);
        ReplyWriter out = ctx.reply();
        if (src == null) {
            out.raw(Replies.ZERO);
            return;
        }
        if (!(src instanceof SetValue srcSet) || (dst != null && !(dst instanceof SetValue))) {
            throw WrongTypeException.INSTANCE;
        }
        if (src == dst) {
            out.raw(srcSet.contains(argv, 3) ? Replies.ONE : Replies.ZERO);
            return;
        }
        if (!srcSet.remove(argv, 3)) {
            out.raw(Replies.ZERO);
            return;
        }
        ctx.keyEvent(KeyEvent.SET, "srem", argv, 1);
        Database db = ctx.db();
        if (srcSet.size() == 0) {
            db.remove(argv, 1);
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
        } else {
            db.modified(argv, 1);
        }
        ctx.dirty(1);
        long max = maxIntsetEntries(ctx);
        boolean added;
        if (dst == null) {
            SetValue created = SetValue.forFirstMember(hasher(ctx), argv, 3);
            added = created.add(argv, 3, max);
            db.put(argv, 2, created);
        } else {
            added = ((SetValue) dst).add(argv, 3, max);
            if (added) {
                db.modified(argv, 2);
            }
        }
        if (added) { // a second key changed: counted and announced on its own, as Redis
            ctx.dirty(1);
            ctx.keyEvent(KeyEvent.SET, "sadd", argv, 2);
        }
        out.raw(Replies.ONE);
    }

    /** SPOP key [count]. Without a count: one member (null if the key is missing). */
    static void spop(CommandContext ctx, Argv argv) {
        if (argv.count() == 3) {
            spopWithCount(ctx, argv);
            return;
        }
        ReplyWriter out = ctx.reply();
        if (argv.count() > 3) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        SetValue set = ctx.writeAs(SetValue.class, argv, 1);
        if (set == null) {
            out.nullBulk();
            return;
        }
        byte[] member = popOne(set, out, ctx.propagating());
        ctx.keyEvent(KeyEvent.SET, "spop", argv, 1);
        if (member != null) {
            ctx.propagateAs(SREM_CMD, argv.bytes(1), member); // the member drawn, not a new draw
        }
        if (set.size() == 0) {
            ctx.db().remove(argv, 1);
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
        } else {
            ctx.db().modified(argv, 1);
        }
        ctx.dirty(1);
    }

    /**
     * Removes a random member and writes it as a bulk string; returns it (for the propagated SREM)
     * if {@code wanted}, else null.
     */
    private static byte[] popOne(SetValue set, ReplyWriter out, boolean wanted) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (set.isIntset()) {
            long v = set.intAt(set.randomIndex(rnd));
            set.removeInteger(v);
            out.bulk(v);
            return wanted ? decimal(v) : null;
        } else {
            byte[] member = set.randomMember(rnd);
            set.remove(member);
            out.bulk(member);
            return member;
        }
    }

    private static byte[] decimal(long v) {
        byte[] digits = new byte[Numbers.decimalLength(v)];
        Numbers.writeDecimal(v, digits, 0);
        return digits;
    }

    /**
     * SPOP key count, as Redis's {@code spopWithCountCommand}: a set reply. A count of at least the
     * size returns the whole set as a one-key SUNION would (so an all-integer set comes back in
     * ascending order) and deletes the key. A count small against what remains pops members one
     * by one; otherwise the members that stay are drawn into a new set (whose encoding is chosen
     * afresh, as Redis's {@code setTypeCreate} does) and the rest of the old set is replied in its
     * order.
     */
    private static void spopWithCount(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        long count;
        try {
            count = argv.longValue(2);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0) {
            out.raw(NOT_POSITIVE);
            return;
        }
        SetValue set = ctx.writeAs(SetValue.class, argv, 1);
        if (set == null) {
            out.setHeader(0);
            return;
        }
        if (count == 0) {
            out.setHeader(0);
            return;
        }
        Database db = ctx.db();
        long size = set.size();
        long max = maxIntsetEntries(ctx);
        ctx.keyEvent(KeyEvent.SET, "spop", argv, 1);
        ctx.dirty(Math.min(count, size));
        if (count >= size) {
            ctx.lookupRead(argv, 1); // Redis replies through a one-key SUNION, whose read lookup counts a hit
            SetValue all = SetAlgebraCommands.union(hasher(ctx), List.of(set), max);
            out.setHeader(all.size());
            writeMembers(out, all);
            ctx.keyspace().release(all, Removal.SERVER); // SUNION's temporary set, as in Redis
            db.remove(argv, 1);
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
            ctx.propagateAs(DEL_CMD, argv.bytes(1));
            return;
        }
        // Propagated as one SREM per member (wrapped in MULTI/EXEC), not as SPOP itself.
        ctx.preventPropagation();
        boolean propagating = ctx.propagating();
        int dbIndex = db.index();
        out.setHeader(count);
        long remaining = size - count;
        if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
            for (long k = 0; k < count; k++) {
                byte[] member = popOne(set, out, propagating);
                if (propagating) {
                    ctx.alsoPropagate(dbIndex, SREM_CMD, argv.bytes(1), member);
                }
            }
            db.modified(argv, 1);
            return;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        SetValue kept = null;
        for (long k = 0; k < remaining; k++) {
            byte[] member = set.randomMember(rnd);
            if (kept == null) {
                kept = SetValue.forFirstMember(hasher(ctx), member);
            }
            kept.add(member, max);
            set.remove(member);
        }
        writeMembers(out, set);
        if (propagating) {
            if (set.isIntset()) {
                for (int i = 0, n = (int) set.size(); i < n; i++) {
                    ctx.alsoPropagate(dbIndex, SREM_CMD, argv.bytes(1), decimal(set.intAt(i)));
                }
            } else {
                set.forEach(m -> ctx.alsoPropagate(dbIndex, SREM_CMD, argv.bytes(1), m));
            }
        }
        db.overwrite(argv, 1, kept);
    }

    /** SRANDMEMBER key [count]. Without a count: one member (null if the key is missing). */
    static void srandmember(CommandContext ctx, Argv argv) {
        if (argv.count() == 3) {
            srandmemberWithCount(ctx, argv);
            return;
        }
        ReplyWriter out = ctx.reply();
        if (argv.count() > 3) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        SetValue set = ctx.readAs(SetValue.class, argv, 1);
        if (set == null) {
            out.nullBulk();
        } else {
            writeRandom(set, out, ThreadLocalRandom.current());
        }
    }

    private static void writeRandom(SetValue set, ReplyWriter out, ThreadLocalRandom rnd) {
        if (set.isIntset()) {
            out.bulk(set.intAt(set.randomIndex(rnd)));
        } else {
            out.bulk(set.randomMember(rnd));
        }
    }

    /**
     * SRANDMEMBER key count, as Redis 7.0's {@code srandmemberWithCountCommand}: an array (not a
     * set, even under RESP3). A negative count (or 1) samples with repetition; a count of at least
     * the size returns the whole set in its order; otherwise distinct random members in random
     * order. Nothing is allocated in proportion to the count beyond the reply itself, and that is
     * bounded by the reply budget.
     */
    private static void srandmemberWithCount(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        long l;
        try {
            l = argv.longValue(2);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        if (l == Long.MIN_VALUE) {
            out.raw(COUNT_RANGE);
            return;
        }
        boolean unique = l >= 0;
        long count = Math.abs(l);
        SetValue set = ctx.readAs(SetValue.class, argv, 1);
        if (set == null) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        if (count == 0) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long size = set.size();
        if (!unique || count == 1) {
            // The count is the client's choice (up to 2^63): streamed up to the reply budget,
            // which closes the client (see ReplyWriter#exceedsBudget).
            int mark = out.size();
            out.arrayHeader(count);
            for (long k = 0; k < count; k++) {
                writeRandom(set, out, rnd);
                if (out.exceedsBudget(mark)) {
                    return;
                }
            }
            return;
        }
        if (count >= size) {
            out.arrayHeader(size);
            writeMembers(out, set);
            return;
        }
        // count < size here, so everything below is bounded by the set's size.
        List<byte[]> picked;
        if (count * SRANDMEMBER_SUB_STRATEGY_MUL > size) {
            // Copy every member, then drop random ones until count remain.
            picked = set.members();
            while (picked.size() > count) {
                int victim = rnd.nextInt(picked.size());
                int last = picked.size() - 1;
                picked.set(victim, picked.get(last));
                picked.remove(last);
            }
        } else {
            // Draw until count distinct members were seen.
            SetValue seen = SetValue.newHashtable(hasher(ctx));
            picked = new ArrayList<>((int) count);
            while (picked.size() < count) {
                byte[] member = set.randomMember(rnd);
                if (seen.add(member, 0)) {
                    picked.add(member);
                }
            }
        }
        out.arrayHeader(count);
        for (byte[] member : picked) {
            out.bulk(member);
        }
    }

    /**
     * SSCAN key cursor [MATCH pattern] [COUNT count], as Redis's {@code sscanCommand}: the cursor is
     * parsed first (invalid cursor even for a missing key), then the key (missing: an empty scan),
     * then the options. An intset returns everything at once with cursor 0; a hashtable takes
     * bucket steps until COUNT members were collected (at most COUNT*10 steps); MATCH filters
     * afterwards.
     */
    static void sscan(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Long parsed = ScanOptions.cursor(ctx, argv, 2);
        if (parsed == null) {
            return;
        }
        long cursor = parsed;
        SetValue set = ctx.readAs(SetValue.class, argv, 1);
        if (set == null) {
            out.raw(ScanOptions.EMPTY_SCAN);
            return;
        }
        ScanOptions options = ScanOptions.parse(ctx, argv, 3, false);
        if (options == null) {
            return;
        }
        List<byte[]> sampled = new ArrayList<>();
        long maxSteps = options.maxSteps();
        do {
            cursor = set.scan(cursor, sampled::add);
        } while (cursor != 0 && maxSteps-- != 0 && sampled.size() < options.count());
        int kept = 0;
        for (byte[] member : sampled) {
            if (options.matches(member)) {
                sampled.set(kept++, member);
            }
        }
        out.arrayHeader(2);
        out.bulk(Long.toUnsignedString(cursor));
        out.arrayHeader(kept);
        for (int i = 0; i < kept; i++) {
            out.bulk(sampled.get(i));
        }
    }
}
