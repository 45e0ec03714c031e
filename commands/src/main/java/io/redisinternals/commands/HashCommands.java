package io.redisinternals.commands;


import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hash commands (Redis's {@code t_hash.c}): HSET, HGET, ... HSCAN, over {@link HashValue}.
 * Write commands follow Redis's hashTypeLookupWriteOrCreate: lazy expiry, WRONGTYPE for another
 * type, a new hash for a missing key; a hash emptied by HDEL is deleted.
 */
public final class HashCommands {

    private HashCommands() {
    }

    private static final byte[] HASH_NOT_INTEGER = Replies.encode("-ERR hash value is not an integer\r\n");
    private static final byte[] HASH_NOT_FLOAT = Replies.encode("-ERR hash value is not a float\r\n");
    private static final byte[] OVERFLOW = Replies.encode("-ERR increment or decrement would overflow\r\n");
    private static final byte[] NOT_FLOAT = Replies.encode("-ERR value is not a valid float\r\n");
    private static final byte[] INCREMENT_NAN_OR_INFINITY = Replies.encode("-ERR value is NaN or Infinity\r\n");
    private static final byte[] RESULT_NAN_OR_INFINITY =
            Replies.encode("-ERR increment would produce NaN or Infinity\r\n");
    private static final byte[] OUT_OF_RANGE = Replies.encode("-ERR value is out of range\r\n");
    private static final byte[] COUNT_OUT_OF_RANGE = Replies.encode(
            "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");

    /** HINCRBYFLOAT's propagated form (Redis's shared.hset). */
    private static final byte[] HSET_CMD = Replies.encode("HSET");

    /** The hash commands, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("hset", HashCommands::hset),
                CommandMetadata.bind("hsetnx", HashCommands::hsetnx),
                CommandMetadata.bind("hmset", HashCommands::hset),
                CommandMetadata.bind("hget", HashCommands::hget),
                CommandMetadata.bind("hmget", HashCommands::hmget),
                CommandMetadata.bind("hgetall", HashCommands::hgetall),
                CommandMetadata.bind("hdel", HashCommands::hdel),
                CommandMetadata.bind("hexists", HashCommands::hexists),
                CommandMetadata.bind("hlen", HashCommands::hlen),
                CommandMetadata.bind("hkeys", HashCommands::hkeys),
                CommandMetadata.bind("hvals", HashCommands::hvals),
                CommandMetadata.bind("hstrlen", HashCommands::hstrlen),
                CommandMetadata.bind("hincrby", HashCommands::hincrby),
                CommandMetadata.bind("hincrbyfloat", HashCommands::hincrbyfloat),
                CommandMetadata.bind("hrandfield", HashCommands::hrandfield),
                CommandMetadata.bind("hscan", HashCommands::hscan));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** hash-max-listpack-entries, read per call so CONFIG SET applies at once. */
    static int maxListpackEntries(CommandContext ctx) {
        return setting(ctx, "hash-max-listpack-entries");
    }

    /** hash-max-listpack-value (bytes), read per call. */
    static int maxListpackValue(CommandContext ctx) {
        return setting(ctx, "hash-max-listpack-value");
    }

    private static int setting(CommandContext ctx, String name) {
        return (int) Math.min(Integer.MAX_VALUE, ctx.configLong(name));
    }

    /** The hash at argument 1 for reading, or null (WrongTypeException for another type). */
    private static HashValue lookupRead(CommandContext ctx, Argv argv) {
        return ctx.readAs(HashValue.class, argv, 1);
    }

    /** The hash at argument 1 for writing (Redis's lookupKeyWrite), or null (WrongTypeException for another type). */
    private static HashValue lookupWrite(CommandContext ctx, Argv argv) {
        return ctx.writeAs(HashValue.class, argv, 1);
    }

    /** After a write: stores a new hash (which signals itself) or signals the in-place change. */
    private static void stored(CommandContext ctx, Argv argv, HashValue h, boolean created) {
        if (created) {
            ctx.db().put(argv, 1, h);
        } else {
            ctx.db().modified(argv, 1);
        }
    }

    // ---- commands -----------------------------------------------------------------------------

    /**
     * HSET key field value [field value ...] (number of new fields) and HMSET (OK). An unpaired
     * argument is an arity error, given before the key is looked at.
     */
    static void hset(CommandContext ctx, Argv argv) {
        int argc = argv.count();
        if (argc % 2 == 1) {
            ctx.reply().error("ERR wrong number of arguments for '" + argv.lowerCaseString(0) + "' command");
            return;
        }
        HashValue h = lookupWrite(ctx, argv);
        boolean created = h == null;
        if (created) {
            h = new HashValue();
        }
        int maxEntries = maxListpackEntries(ctx);
        int maxValue = maxListpackValue(ctx);
        long added = 0;
        for (int i = 2; i < argc; i += 2) {
            if (h.set(argv.bytes(i), argv.bytes(i + 1), maxEntries, maxValue)) {
                added++;
            }
        }
        stored(ctx, argv, h, created);
        ctx.keyEvent(KeyEvent.HASH, "hset", argv, 1);
        ctx.dirty((argc - 2) / 2); // every pair counts, new or not: HSET always propagates
        if (argv.length(0) > 1 && (argv.byteAt(0, 1) | 0x20) == 's') {
            ctx.reply().integer(added);
        } else {
            ctx.reply().raw(Replies.OK);
        }
    }

    /** HSETNX key field value: 1 and the field set if it was absent, else 0 (and no conversion). */
    static void hsetnx(CommandContext ctx, Argv argv) {
        HashValue h = lookupWrite(ctx, argv);
        if (h != null && h.contains(argv, 2)) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        boolean created = h == null;
        if (created) {
            h = new HashValue();
        }
        h.set(argv.bytes(2), argv.bytes(3), maxListpackEntries(ctx), maxListpackValue(ctx));
        stored(ctx, argv, h, created);
        ctx.reply().raw(Replies.ONE);
        ctx.keyEvent(KeyEvent.HASH, "hset", argv, 1);
        ctx.dirty(1);
    }

    /** HGET key field: the value, or a null bulk. */
    static void hget(CommandContext ctx, Argv argv) {
        HashValue h = lookupRead(ctx, argv);
        byte[] value = h == null ? null : h.get(argv, 2);
        if (value == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(value);
        }
    }

    /** HMGET key field [field ...]: an array with each value or a null (all nulls for a missing key). */
    static void hmget(CommandContext ctx, Argv argv) {
        HashValue h = lookupRead(ctx, argv);
        ReplyWriter out = ctx.reply();
        out.arrayHeader(argv.count() - 2);
        for (int i = 2; i < argv.count(); i++) {
            byte[] value = h == null ? null : h.get(argv, i);
            if (value == null) {
                out.nullBulk();
            } else {
                out.bulk(value);
            }
        }
    }

    /** HGETALL key: a map (RESP3) or flat array (RESP2) of fields and values, in the encoding's order. */
    static void hgetall(CommandContext ctx, Argv argv) {
        HashValue h = lookupRead(ctx, argv);
        ReplyWriter out = ctx.reply();
        if (h == null) {
            out.mapHeader(0);
            return;
        }
        out.mapHeader(h.size());
        h.forEach((f, v) -> {
            out.bulk(f);
            out.bulk(v);
        });
    }

    /** HKEYS key: the fields. */
    static void hkeys(CommandContext ctx, Argv argv) {
        listAll(ctx, argv, true);
    }

    /** HVALS key: the values. */
    static void hvals(CommandContext ctx, Argv argv) {
        listAll(ctx, argv, false);
    }

    private static void listAll(CommandContext ctx, Argv argv, boolean fields) {
        HashValue h = lookupRead(ctx, argv);
        ReplyWriter out = ctx.reply();
        if (h == null) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        out.arrayHeader(h.size());
        h.forEach((f, v) -> out.bulk(fields ? f : v));
    }

    /** HDEL key field [field ...]: the number of fields removed; the key goes when the hash is empty. */
    static void hdel(CommandContext ctx, Argv argv) {
        HashValue h = lookupWrite(ctx, argv);
        if (h == null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        long deleted = 0;
        for (int i = 2; i < argv.count(); i++) {
            if (h.remove(argv, i)) {
                deleted++;
                if (h.size() == 0) {
                    break; // as Redis: the hash is gone, later fields cannot be in it
                }
            }
        }
        boolean keyRemoved = h.size() == 0;
        if (keyRemoved) {
            ctx.db().remove(argv, 1);
        } else if (deleted > 0) {
            ctx.db().modified(argv, 1);
        }
        if (deleted > 0) {
            ctx.keyEvent(KeyEvent.HASH, "hdel", argv, 1);
            if (keyRemoved) {
                ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
            }
            ctx.dirty(deleted);
        }
        ctx.reply().integer(deleted);
    }

    /** HEXISTS key field: 1 or 0. */
    static void hexists(CommandContext ctx, Argv argv) {
        HashValue h = lookupRead(ctx, argv);
        ctx.reply().raw(h != null && h.contains(argv, 2) ? Replies.ONE : Replies.ZERO);
    }

    /** HLEN key: the number of fields, 0 for a missing key. */
    static void hlen(CommandContext ctx, Argv argv) {
        HashValue h = lookupRead(ctx, argv);
        ctx.reply().integer(h == null ? 0 : h.size());
    }

    /** HSTRLEN key field: the value's length, 0 if absent. */
    static void hstrlen(CommandContext ctx, Argv argv) {
        HashValue h = lookupRead(ctx, argv);
        byte[] value = h == null ? null : h.get(argv, 2);
        ctx.reply().integer(value == null ? 0 : value.length);
    }

    /**
     * HINCRBY key field increment. Order as Redis: the increment, the type, the stored value
     * ("hash value is not an integer"), overflow. A missing field counts as 0.
     */
    static void hincrby(CommandContext ctx, Argv argv) {
        long by;
        try {
            by = argv.longValue(3);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return;
        }
        HashValue h = lookupWrite(ctx, argv);
        long current = 0;
        byte[] old = h == null ? null : h.get(argv, 2);
        if (old != null) {
            try {
                current = Numbers.parseStrictLong(old, 0, old.length);
            } catch (NumberFormatException e) {
                ctx.reply().raw(HASH_NOT_INTEGER);
                return;
            }
        }
        long result;
        try {
            result = Math.addExact(current, by);
        } catch (ArithmeticException e) {
            ctx.reply().raw(OVERFLOW);
            return;
        }
        byte[] digits = new byte[Numbers.decimalLength(result)];
        Numbers.writeDecimal(result, digits, 0);
        boolean created = h == null;
        if (created) {
            h = new HashValue();
        }
        h.set(argv.bytes(2), digits, maxListpackEntries(ctx), maxListpackValue(ctx));
        stored(ctx, argv, h, created);
        ctx.reply().integer(result);
        ctx.keyEvent(KeyEvent.HASH, "hincrby", argv, 1);
        ctx.dirty(1);
    }

    /**
     * HINCRBYFLOAT key field increment: long-double arithmetic exactly as INCRBYFLOAT (see
     * {@link LongDouble}). Order as Redis: the increment (not a float; NaN or infinite), the type,
     * the stored value ("hash value is not a float"), a NaN or infinite result.
     */
    static void hincrbyfloat(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        LongDouble increment = argv.length(3) >= LongDouble.MAX_CHARS ? null : LongDouble.parse(argv.bytes(3));
        if (increment == null) {
            out.raw(NOT_FLOAT);
            return;
        }
        if (!increment.isFinite()) {
            out.raw(INCREMENT_NAN_OR_INFINITY);
            return;
        }
        HashValue h = lookupWrite(ctx, argv);
        LongDouble current = LongDouble.ZERO;
        byte[] old = h == null ? null : h.get(argv, 2);
        if (old != null) {
            current = LongDouble.parse(old, 0, old.length);
            if (current == null) {
                out.raw(HASH_NOT_FLOAT);
                return;
            }
        }
        LongDouble sum = current.add(increment);
        if (!sum.isFinite()) {
            out.raw(RESULT_NAN_OR_INFINITY);
            return;
        }
        byte[] text = sum.toHumanBytes();
        boolean created = h == null;
        if (created) {
            h = new HashValue();
        }
        h.set(argv.bytes(2), text, maxListpackEntries(ctx), maxListpackValue(ctx));
        stored(ctx, argv, h, created);
        out.bulk(text);
        ctx.keyEvent(KeyEvent.HASH, "hincrbyfloat", argv, 1);
        ctx.dirty(1);
        // Propagated as HSET key field result, so replicas and the AOF do not redo the float
        // arithmetic (whose precision or formatting could differ there).
        if (ctx.propagating()) {
            ctx.propagateAs(HSET_CMD, argv.bytes(1), argv.bytes(2), text);
        }
    }

    /**
     * HRANDFIELD key [count [WITHVALUES]]. Without a count: one random field (a null for a missing
     * key). With one, Redis's cases: 0 -> empty; negative -> |count| draws with repetition;
     * count >= size -> the whole hash in its order; else count distinct fields. Checked in Redis's
     * order: the count's range (-LONG_MAX..LONG_MAX), the syntax, then with WITHVALUES half that
     * range (so count*2 cannot overflow), then the key. RESP3 nests each field/value pair in an
     * array of two; RESP2 flattens them.
     */
    static void hrandfield(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        if (argv.count() == 2) {
            HashValue h = lookupRead(ctx, argv);
            if (h == null) {
                out.nullBulk();
                return;
            }
            byte[][] pick = new byte[2][];
            h.randomEntry(ThreadLocalRandom.current(), pick);
            out.bulk(pick[0]);
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
            out.raw(COUNT_OUT_OF_RANGE);
            return;
        }
        if (argv.count() > 4 || (argv.count() == 4 && !argv.equalsIgnoreCase(3, "withvalues"))) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        boolean withValues = argv.count() == 4;
        if (withValues && (count < -(Long.MAX_VALUE / 2) || count > Long.MAX_VALUE / 2)) {
            out.raw(OUT_OF_RANGE);
            return;
        }
        HashValue h = lookupRead(ctx, argv);
        if (h == null || count == 0) {
            out.raw(Replies.EMPTY_ARRAY);
            return;
        }
        boolean nested = withValues && out.isResp3();
        long size = h.size();
        if (count < 0 || count == 1) {
            randomWithRepetition(ctx, h, Math.abs(count), withValues, nested);
            return;
        }
        long replyCount = Math.min(count, size);
        out.arrayHeader(withValues && !nested ? replyCount * 2 : replyCount);
        if (count >= size) {
            h.forEach((f, v) -> writePick(out, f, v, withValues, nested));
            return;
        }
        int n = (int) count; // count < size, and sizes fit in an int
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (h.isCompact()) {
            // Choose n distinct positions (partial Fisher-Yates), reply them in the hash's order
            // as Redis's listpack sampling does.
            int total = (int) size;
            int[] idx = new int[total];
            for (int i = 0; i < total; i++) {
                idx[i] = i;
            }
            boolean[] chosen = new boolean[total];
            for (int i = 0; i < n; i++) {
                int j = i + rnd.nextInt(total - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
                chosen[idx[i]] = true;
            }
            for (int i = 0; i < total; i++) {
                if (chosen[i]) {
                    writePick(out, h.fieldAt(i), h.valueAt(i), withValues, nested);
                }
            }
            return;
        }
        if (count * 3 > size) {
            // Many of the fields: take them all and drop random ones (Redis's CASE 3).
            List<byte[]> fields = new ArrayList<>((int) size);
            List<byte[]> values = new ArrayList<>((int) size);
            h.forEach((f, v) -> {
                fields.add(f);
                values.add(v);
            });
            while (fields.size() > n) {
                int r = rnd.nextInt(fields.size());
                int last = fields.size() - 1;
                fields.set(r, fields.get(last));
                values.set(r, values.get(last));
                fields.remove(last);
                values.remove(last);
            }
            for (int i = 0; i < n; i++) {
                writePick(out, fields.get(i), values.get(i), withValues, nested);
            }
            return;
        }
        // Few of the fields: draw until n distinct ones (Redis's CASE 4). A stored field array is
        // unique to its entry, so identity tells fields apart without comparing bytes.
        IdentityHashMap<byte[], Boolean> seen = new IdentityHashMap<>(n * 2);
        byte[][] pick = new byte[2][];
        while (seen.size() < n) {
            h.randomEntry(rnd, pick);
            if (seen.put(pick[0], Boolean.TRUE) == null) {
                writePick(out, pick[0], pick[1], withValues, nested);
            }
        }
    }

    /**
     * HRANDFIELD's draws with repetition, streamed: nothing is allocated per requested element. The
     * count is the client's choice (up to 2^63), so the reply stops at the reply budget, which
     * closes the client (see {@link ReplyWriter#exceedsBudget}).
     */
    private static void randomWithRepetition(CommandContext ctx, HashValue h, long count, boolean withValues,
                                             boolean nested) {
        ReplyWriter out = ctx.reply();
        int mark = out.size();
        out.arrayHeader(withValues && !nested ? count * 2 : count);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        byte[][] pick = new byte[2][];
        for (long i = 0; i < count; i++) {
            h.randomEntry(rnd, pick);
            writePick(out, pick[0], pick[1], withValues, nested);
            if (out.exceedsBudget(mark)) {
                return;
            }
        }
    }

    private static void writePick(ReplyWriter out, byte[] field, byte[] value, boolean withValues, boolean nested) {
        if (nested) {
            out.arrayHeader(2);
        }
        out.bulk(field);
        if (withValues) {
            out.bulk(value);
        }
    }

    /**
     * HSCAN key cursor [MATCH pattern] [COUNT count], as Redis's scanGenericCommand: the cursor is
     * checked first, then the key (a missing one is an empty scan), then the options (TYPE is not
     * one for HSCAN). A listpack hash is returned whole with cursor 0; a hashtable is stepped until
     * at least COUNT elements (fields and values both count) were collected or COUNT*10 steps were
     * taken. MATCH filters on the field after collection.
     */
    static void hscan(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Long parsed = ScanOptions.cursor(ctx, argv, 2);
        if (parsed == null) {
            return;
        }
        long cursor = parsed;
        HashValue h = lookupRead(ctx, argv);
        if (h == null) {
            out.raw(ScanOptions.EMPTY_SCAN);
            return;
        }
        ScanOptions options = ScanOptions.parse(ctx, argv, 3, false);
        if (options == null) {
            return;
        }
        List<byte[]> items = new ArrayList<>();
        HashValue.Visitor collect = (f, v) -> {
            items.add(f);
            items.add(v);
        };
        if (h.isCompact()) {
            cursor = h.scan(0, collect);
        } else {
            long maxSteps = options.maxSteps();
            do {
                cursor = h.scan(cursor, collect);
            } while (cursor != 0 && maxSteps-- != 0 && items.size() < options.count());
        }
        int kept = 0;
        for (int i = 0; i < items.size(); i += 2) {
            if (options.matches(items.get(i))) {
                items.set(kept++, items.get(i));
                items.set(kept++, items.get(i + 1));
            }
        }
        out.arrayHeader(2);
        out.bulk(Long.toUnsignedString(cursor));
        out.arrayHeader(kept);
        for (int i = 0; i < kept; i++) {
            out.bulk(items.get(i));
        }
    }
}
