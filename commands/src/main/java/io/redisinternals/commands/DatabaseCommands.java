package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.keyspace.types.ValueType;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import java.util.List;

/**
 * Generic commands that work across the numbered databases (COPY, MOVE, SWAPDB, from Redis's
 * {@code db.c}), and WAIT, which stays here until replication exists.
 */
public final class DatabaseCommands {

    private DatabaseCommands() {
    }

    private static final byte[] SAME_OBJECT = Replies.encode("-ERR source and destination objects are the same\r\n");
    private static final byte[] DB_OUT_OF_RANGE = Replies.encode("-ERR DB index is out of range\r\n");
    private static final byte[] INT_OUT_OF_RANGE =
            Replies.encode("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n");
    private static final byte[] TIMEOUT_NOT_INTEGER = Replies.encode("-ERR timeout is not an integer or out of range\r\n");
    private static final byte[] TIMEOUT_NEGATIVE = Replies.encode("-ERR timeout is negative\r\n");

    /** COPY, MOVE, SWAPDB and WAIT, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("copy", DatabaseCommands::copy),
                CommandMetadata.bind("move", DatabaseCommands::move),
                CommandMetadata.bind("swapdb", DatabaseCommands::swapdb),
                CommandMetadata.bind("wait", DatabaseCommands::waitCommand));
    }

    /**
     * COPY source destination [DB destination-db] [REPLACE], as redis-server 7.0's copyCommand: the
     * options are parsed first (a bad DB number fails before anything else); copying a key onto
     * itself in the same database is an error even when the key is missing. The source lookup is a
     * read lookup (hit/miss counted, stamp refreshed); the destination's a write lookup, which
     * touches an existing destination even when nothing is copied. The copy is a new value (its own
     * bytes, a new access stamp) with the source's TTL; it sends "copy_to" in the destination
     * database and counts one change.
     */
    static void copy(CommandContext ctx, Argv argv) {
        Database source = ctx.db();
        int target = source.index();
        boolean replace = false;
        for (int j = 3; j < argv.count(); j++) {
            if (argv.equalsIgnoreCase(j, "replace")) {
                replace = true;
            } else if (argv.equalsIgnoreCase(j, "db") && j + 1 < argv.count()) {
                target = databaseIndex(ctx, argv, ++j);
                if (target < 0) {
                    return;
                }
            } else {
                ctx.reply().raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        Database destination = ctx.keyspace().db(target);
        if (destination == source && argv.length(1) == argv.length(2) && argv.contentEquals(1, argv.bytes(2))) {
            ctx.reply().raw(SAME_OBJECT);
            return;
        }
        Object value = ctx.lookupRead(argv, 1);
        if (value == null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        long when = source.getExpire(argv, 1);
        if (destination.lookup(argv, 2, Lookup.WRITE, ctx.nowMillis()) != null) {
            if (!replace) {
                ctx.reply().raw(Replies.ZERO);
                return;
            }
            destination.remove(argv, 2);
        }
        destination.put(argv, 2, ValueType.of(value).duplicate(value));
        if (when != -1) {
            destination.setExpire(argv, 2, when);
        }
        ctx.keyEvent(KeyEvent.GENERIC, "copy_to", argv.bytes(2), target);
        ctx.dirty(1);
        ctx.reply().raw(Replies.ONE);
    }


    /**
     * MOVE key db, as redis-server 7.0's moveCommand: the DB number is checked first, then moving to
     * the current database is an error even for a missing key; 0 if the key is missing or the target
     * database has it. The value itself moves, with its TTL and access stamp (after the lookup's
     * touch). Both lookups are write lookups. A move sends "move_from" in the source database, then
     * "move_to" in the target, and counts one change.
     */
    static void move(CommandContext ctx, Argv argv) {
        Database source = ctx.db();
        int target = databaseIndex(ctx, argv, 2);
        if (target < 0) {
            return;
        }
        Database destination = ctx.keyspace().db(target);
        if (destination == source) {
            ctx.reply().raw(SAME_OBJECT);
            return;
        }
        Object value = ctx.lookupWrite(argv, 1);
        if (value == null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        int stamp = source.peekEntry(argv, 1).meta(); // after the write lookup's touch
        long when = source.getExpire(argv, 1);
        if (destination.lookup(argv, 1, Lookup.WRITE, ctx.nowMillis()) != null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        destination.put(argv, 1, value);
        destination.peekEntry(argv, 1).meta(stamp);
        if (when != -1) {
            destination.setExpire(argv, 1, when);
        }
        source.remove(argv, 1, Removal.RETAINED); // the value lives on in the other database
        ctx.keyEvent(KeyEvent.GENERIC, "move_from", argv, 1);
        ctx.keyEvent(KeyEvent.GENERIC, "move_to", argv.bytes(1), target);
        ctx.dirty(1);
        ctx.reply().raw(Replies.ONE);
    }

    /**
     * SWAPDB index1 index2: exchanges two databases' contents (see {@link
     * io.redisinternals.keyspace.Keyspace#swap}). Both numbers are parsed before either is checked
     * against the number of databases, each with its own error text, as redis-server.
     */
    static void swapdb(CommandContext ctx, Argv argv) {
        long first = intArgument(argv, 1);
        if (first == INVALID) {
            ctx.reply().error("ERR invalid first DB index");
            return;
        }
        long second = intArgument(argv, 2);
        if (second == INVALID) {
            ctx.reply().error("ERR invalid second DB index");
            return;
        }
        int n = ctx.keyspace().databaseCount();
        if (first < 0 || first >= n || second < 0 || second >= n) {
            ctx.reply().raw(DB_OUT_OF_RANGE);
            return;
        }
        ctx.keyspace().swap((int) first, (int) second);
        ctx.dirty(1); // no keyspace event, as Redis 7.0
        ctx.reply().raw(Replies.OK);
    }

    /**
     * WAIT numreplicas timeout: the number of replicas that acknowledged this client's writes. There
     * are no replicas, so that is 0. Deviation: for numreplicas > 0 outside MULTI redis-server blocks
     * until the timeout (forever for 0) before answering 0; with no blocking infrastructure yet we
     * answer at once. The checks and their order (numreplicas, then timeout) are redis-server's.
     */
    static void waitCommand(CommandContext ctx, Argv argv) {
        try {
            argv.longValue(1);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return;
        }
        long timeout;
        try {
            timeout = argv.longValue(2);
        } catch (NumberFormatException e) {
            ctx.reply().raw(TIMEOUT_NOT_INTEGER);
            return;
        }
        if (timeout < 0) {
            ctx.reply().raw(TIMEOUT_NEGATIVE);
            return;
        }
        ctx.reply().raw(Replies.ZERO);
    }

    /** {@link #intArgument}'s answer for a non-integer or one outside the int range. */
    private static final long INVALID = Long.MIN_VALUE;

    /** Argument {@code i} as an int (in a long), or {@link #INVALID}: Redis's getIntFromObject. */
    private static long intArgument(Argv argv, int i) {
        try {
            long v = argv.longValue(i);
            return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? INVALID : v;
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    /**
     * A database number in argument {@code i} (COPY's DB, MOVE): Redis's getIntFromObjectOrReply with
     * its default texts, then the range check of selectDb.
     *
     * @return the index, or -1 after replying the error
     */
    private static int databaseIndex(CommandContext ctx, Argv argv, int i) {
        long v;
        try {
            v = argv.longValue(i);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return -1;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            ctx.reply().raw(INT_OUT_OF_RANGE);
            return -1;
        }
        if (v < 0 || v >= ctx.keyspace().databaseCount()) {
            ctx.reply().raw(DB_OUT_OF_RANGE);
            return -1;
        }
        return (int) v;
    }

}
