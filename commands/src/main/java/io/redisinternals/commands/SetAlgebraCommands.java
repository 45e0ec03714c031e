package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;

import io.redisinternals.keyspace.Removal;
import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The multi-key set commands: SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF,
 * SDIFFSTORE (Redis's {@code sinterGenericCommand} and {@code sunionDiffGenericCommand}).
 *
 * <p>Results are built the way Redis builds them, because the order of a reply and the encoding
 * of a stored result are observable: SUNION and SDIFF fill a fresh intset (which becomes a
 * hashtable on the first non-integer or past set-max-intset-entries) and reply in its order, so an
 * all-integer result comes back sorted; SINTER replies in the order of its smallest input. A
 * missing key is an empty set; every key's type is checked (WRONGTYPE) before anything else; an
 * empty STORE result deletes the destination.
 */
final class SetAlgebraCommands {

    private SetAlgebraCommands() {
    }

    private static final byte[] NUMKEYS = Replies.encode("-ERR numkeys should be greater than 0\r\n");
    private static final byte[] TOO_MANY_KEYS =
            Replies.encode("-ERR Number of keys can't be greater than number of args\r\n");
    private static final byte[] NEGATIVE_LIMIT = Replies.encode("-ERR LIMIT can't be negative\r\n");

    static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("sinter", SetAlgebraCommands::sinter),
                CommandMetadata.bind("sintercard", SetAlgebraCommands::sintercard),
                CommandMetadata.bind("sinterstore", SetAlgebraCommands::sinterstore),
                CommandMetadata.bind("sunion", SetAlgebraCommands::sunion),
                CommandMetadata.bind("sunionstore", SetAlgebraCommands::sunionstore),
                CommandMetadata.bind("sdiff", SetAlgebraCommands::sdiff),
                CommandMetadata.bind("sdiffstore", SetAlgebraCommands::sdiffstore));
    }

    // ---- lookups ----------------------------------------------------------------------------

    /**
     * Read lookups of arguments {@code from..to-1} (null for a missing key), as Redis's (a STORE
     * form reads its sources too); a key of another type anywhere throws WrongTypeException, so it
     * wins over missing keys.
     */
    private static SetValue[] lookupSets(CommandContext ctx, Argv argv, int from, int to) {
        SetValue[] sets = new SetValue[to - from];
        for (int j = from; j < to; j++) {
            sets[j - from] = ctx.readAs(SetValue.class, argv, j);
        }
        return sets;
    }

    // ---- intersection -----------------------------------------------------------------------

    /** SINTER key...: a set reply in the order of the smallest input. */
    static void sinter(CommandContext ctx, Argv argv) {
        intersect(ctx, argv, 1, argv.count(), false, false, 0);
    }

    /** SINTERSTORE destination key...: the size of the stored intersection. */
    static void sinterstore(CommandContext ctx, Argv argv) {
        intersect(ctx, argv, 2, argv.count(), true, false, 0);
    }

    /**
     * SINTERCARD numkeys key... [LIMIT limit], as Redis's {@code sinterCardCommand}: numkeys must be
     * 1..(arguments left); LIMIT 0 means no limit; the count stops at the limit.
     */
    static void sintercard(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        long numkeys;
        try {
            numkeys = argv.longValue(1);
        } catch (NumberFormatException e) {
            numkeys = 0;
        }
        if (numkeys < 1) {
            out.raw(NUMKEYS);
            return;
        }
        if (numkeys > argv.count() - 2) {
            out.raw(TOO_MANY_KEYS);
            return;
        }
        long limit = 0;
        for (int j = 2 + (int) numkeys; j < argv.count(); j++) {
            boolean moreArgs = argv.count() - 1 - j > 0;
            if (moreArgs && argv.equalsIgnoreCase(j, "limit")) {
                j++;
                try {
                    limit = argv.longValue(j);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 0) {
                    out.raw(NEGATIVE_LIMIT);
                    return;
                }
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        intersect(ctx, argv, 2, 2 + (int) numkeys, false, true, limit);
    }

    /**
     * Redis's {@code sinterGenericCommand} over the keys in arguments {@code from..to-1}: the
     * members of the smallest set that every other set holds. With {@code store} the result goes
     * to argument 1 (or deletes it when empty); with {@code cardinalityOnly} just the count,
     * stopping at {@code limit} when it is not 0.
     */
    private static void intersect(CommandContext ctx, Argv argv, int from, int to, boolean store,
                                  boolean cardinalityOnly, long limit) {
        ReplyWriter out = ctx.reply();
        SetValue[] sets = lookupSets(ctx, argv, from, to);
        boolean empty = false;
        for (SetValue s : sets) {
            empty |= s == null;
        }
        if (empty) {
            if (store) {
                deleteDestination(ctx, argv);
                out.raw(Replies.ZERO);
            } else if (cardinalityOnly) {
                out.raw(Replies.ZERO);
            } else {
                out.setHeader(0);
            }
            return;
        }
        Arrays.sort(sets, Comparator.comparingLong(SetValue::size));
        SetValue first = sets[0];
        long max = SetCommands.maxIntsetEntries(ctx);
        SetValue result = store ? SetValue.newIntset(SetCommands.hasher(ctx)) : null;
        long cardinality = 0;
        // Members found, for a plain SINTER reply (its length comes first).
        long[] ints = null;
        List<byte[]> found = null;
        if (!store && !cardinalityOnly) {
            if (first.isIntset()) {
                ints = new long[(int) Math.min(first.size(), 16)];
            } else {
                found = new ArrayList<>();
            }
        }
        if (first.isIntset()) {
            for (int i = 0, n = (int) first.size(); i < n; i++) {
                long v = first.intAt(i);
                if (!inAllOthers(sets, v)) {
                    continue;
                }
                if (store) {
                    result.addInteger(v, max);
                } else if (ints != null) {
                    if (cardinality == ints.length) {
                        ints = Arrays.copyOf(ints, (int) Math.min((long) ints.length * 2, first.size()));
                    }
                    ints[(int) cardinality] = v;
                }
                cardinality++;
                if (cardinalityOnly && limit != 0 && cardinality >= limit) {
                    break;
                }
            }
        } else {
            MemberCollector collector = new MemberCollector(sets, store ? result : null, max, found,
                    cardinalityOnly ? limit : 0);
            first.forEach(collector);
            cardinality = collector.cardinality;
        }
        if (cardinalityOnly) {
            out.integer(cardinality);
        } else if (store) {
            storeResult(ctx, argv, result, "sinterstore");
        } else {
            out.setHeader(cardinality);
            if (ints != null) {
                for (int i = 0; i < cardinality; i++) {
                    out.bulk(ints[i]);
                }
            } else {
                for (byte[] m : found) {
                    out.bulk(m);
                }
            }
        }
    }

    private static boolean inAllOthers(SetValue[] sets, long v) {
        for (int j = 1; j < sets.length; j++) {
            if (sets[j] != sets[0] && !sets[j].containsInteger(v)) {
                return false;
            }
        }
        return true;
    }

    /** Tests each member of the smallest (hashtable) set against the others and keeps the common ones. */
    private static final class MemberCollector implements java.util.function.Consumer<byte[]> {
        private final SetValue[] sets;
        private final SetValue result;
        private final long max;
        private final List<byte[]> found;
        private final long limit;
        long cardinality;

        MemberCollector(SetValue[] sets, SetValue result, long max, List<byte[]> found, long limit) {
            this.sets = sets;
            this.result = result;
            this.max = max;
            this.found = found;
            this.limit = limit;
        }

        @Override
        public void accept(byte[] member) {
            if (limit != 0 && cardinality >= limit) {
                return; // SINTERCARD reached its LIMIT: Redis stops iterating here
            }
            for (int j = 1; j < sets.length; j++) {
                if (sets[j] != sets[0] && !sets[j].contains(member)) {
                    return;
                }
            }
            cardinality++;
            if (result != null) {
                result.add(member, max);
            } else if (found != null) {
                found.add(member);
            }
        }
    }

    // ---- union and difference ---------------------------------------------------------------

    static void sunion(CommandContext ctx, Argv argv) {
        unionDiff(ctx, argv, 1, false, false);
    }

    static void sunionstore(CommandContext ctx, Argv argv) {
        unionDiff(ctx, argv, 2, true, false);
    }

    static void sdiff(CommandContext ctx, Argv argv) {
        unionDiff(ctx, argv, 1, false, true);
    }

    static void sdiffstore(CommandContext ctx, Argv argv) {
        unionDiff(ctx, argv, 2, true, true);
    }

    /** Redis's {@code sunionDiffGenericCommand} over the keys from argument {@code from} on. */
    private static void unionDiff(CommandContext ctx, Argv argv, int from, boolean store, boolean diff) {
        ReplyWriter out = ctx.reply();
        SetValue[] sets = lookupSets(ctx, argv, from, argv.count());
        long max = SetCommands.maxIntsetEntries(ctx);
        KeyHash hasher = SetCommands.hasher(ctx);
        SetValue result = diff ? difference(hasher, sets, max) : union(hasher, Arrays.asList(sets), max);
        if (store) {
            storeResult(ctx, argv, result, diff ? "sdiffstore" : "sunionstore");
        } else {
            out.setHeader(result.size());
            SetCommands.writeMembers(out, result);
            // Redis frees the reply's temporary set as a server-side delete (freeObjAsync under
            // lazyfree-lazy-server-del), so a big one counts in lazyfreed_objects
            ctx.keyspace().release(result, Removal.SERVER);
        }
    }

    /** Every member of the (non-null) sets, added in order to a fresh intset, as Redis builds a union. */
    static SetValue union(KeyHash hasher, List<SetValue> sets, long max) {
        SetValue result = SetValue.newIntset(hasher);
        for (SetValue s : sets) {
            if (s != null) {
                addAll(result, s, max);
            }
        }
        return result;
    }

    private static void addAll(SetValue result, SetValue s, long max) {
        if (s.isIntset()) {
            for (int i = 0, n = (int) s.size(); i < n; i++) {
                result.addInteger(s.intAt(i), max);
            }
        } else {
            s.forEach(m -> result.add(m, max));
        }
    }

    /**
     * The first set minus the others, with Redis's choice of algorithm (it decides the encoding of
     * the result): algorithm 1 tests each member of the first set against the others (sorted by
     * decreasing size) and adds the survivors; algorithm 2 adds the whole first set and removes
     * the members of the others (so a result can be a hashtable that only holds integers). Redis
     * picks 1 when half of size(first) * (number of present sets) is at most their total size.
     */
    private static SetValue difference(KeyHash hasher, SetValue[] sets, long max) {
        SetValue result = SetValue.newIntset(hasher);
        SetValue first = sets[0];
        if (first == null) {
            return result;
        }
        long algoOne = 0;
        long algoTwo = 0;
        for (SetValue s : sets) {
            if (s != null) {
                algoOne += first.size();
                algoTwo += s.size();
            }
        }
        algoOne /= 2;
        if (algoOne <= algoTwo) {
            SetValue[] others = Arrays.copyOfRange(sets, 1, sets.length);
            // Decreasing size, missing keys (size 0) last; a stable sort is as good as qsort here.
            Arrays.sort(others, Comparator.comparingLong((SetValue s) -> s == null ? 0 : s.size()).reversed());
            if (first.isIntset()) {
                for (int i = 0, n = (int) first.size(); i < n; i++) {
                    long v = first.intAt(i);
                    if (!inAny(others, first, v)) {
                        result.addInteger(v, max);
                    }
                }
            } else {
                first.forEach(m -> {
                    if (!inAny(others, first, m)) {
                        result.add(m, max);
                    }
                });
            }
            return result;
        }
        addAll(result, first, max);
        for (int j = 1; j < sets.length && result.size() > 0; j++) {
            SetValue s = sets[j];
            if (s == null) {
                continue;
            }
            if (s.isIntset()) {
                for (int i = 0, n = (int) s.size(); i < n; i++) {
                    result.removeInteger(s.intAt(i));
                }
            } else {
                s.forEach(result::remove);
            }
        }
        return result;
    }

    /** Whether {@code v} is in one of {@code others} (the first set itself named again counts as holding it). */
    private static boolean inAny(SetValue[] others, SetValue first, long v) {
        for (SetValue s : others) {
            if (s == null) {
                continue;
            }
            if (s == first || s.containsInteger(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inAny(SetValue[] others, SetValue first, byte[] m) {
        for (SetValue s : others) {
            if (s == null) {
                continue;
            }
            if (s == first || s.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stores a STORE command's result at argument 1 (replacing any value of any type and its TTL,
     * as Redis's setKey, whose write lookup expires it first) and replies its size, announced with
     * {@code event} ("sinterstore", "sunionstore", "sdiffstore"); an empty result deletes the
     * destination instead.
     */
    private static void storeResult(CommandContext ctx, Argv argv, SetValue result, String event) {
        if (result.size() > 0) {
            ctx.lookupWrite(argv, 1);
            ctx.db().put(argv, 1, result);
            ctx.reply().integer(result.size());
            ctx.keyEvent(KeyEvent.SET, event, argv, 1);
            ctx.dirty(1);
        } else {
            ctx.reply().raw(Replies.ZERO);
            deleteDestination(ctx, argv);
        }
    }

    /**
     * An empty STORE result: the destination is deleted if it exists, as Redis's dbDelete (which
     * does not look the key up first, so a destination whose time has passed counts as deleted).
     */
    private static void deleteDestination(CommandContext ctx, Argv argv) {
        if (ctx.db().remove(argv, 1)) {
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
            ctx.dirty(1);
        }
    }
}
