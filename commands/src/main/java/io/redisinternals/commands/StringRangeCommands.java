package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;

/**
 * The string commands that address a byte range: GETRANGE, its deprecated name SUBSTR, and
 * SETRANGE (part of Redis's {@code t_string.c}; apart from {@link StringCommands} only to keep
 * files short). Registered through {@link StringCommands#specs()}.
 */
final class StringRangeCommands {

    private StringRangeCommands() {
    }

    private static final byte[] OFFSET_OUT_OF_RANGE = Replies.encode("-ERR offset is out of range\r\n");

    static CommandSpec getrange() {
        return CommandMetadata.bind("getrange", StringRangeCommands::getrange);
    }

    /** SUBSTR: GETRANGE's deprecated older name, the same function. */
    static CommandSpec substr() {
        return CommandMetadata.bind("substr", StringRangeCommands::getrange);
    }

    static CommandSpec setrange() {
        return CommandMetadata.bind("setrange", StringRangeCommands::setrange);
    }

    /**
     * GETRANGE key start end (and SUBSTR): both indexes inclusive, negative ones count from the end.
     * The integers are parsed before the key is looked at; a missing key is an empty string. As
     * redis-server: two negative indexes with start > end give "" at once; otherwise indexes are
     * made absolute and clamped to [0, len-1], and start > end (or an empty value) gives "".
     */
    static void getrange(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        long start;
        long end;
        try {
            start = argv.longValue(2);
            end = argv.longValue(3);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        Object value = ctx.readString(argv, 1);
        if (value == null) {
            out.raw(Replies.EMPTY_BULK);
            return;
        }
        long len = StringValue.length(value);
        if (start < 0 && end < 0 && start > end) {
            out.raw(Replies.EMPTY_BULK);
            return;
        }
        // len is below 2^31, so len + a negative index cannot overflow.
        if (start < 0) {
            start = Math.max(0, len + start);
        }
        if (end < 0) {
            end = Math.max(0, len + end);
        }
        end = Math.min(end, len - 1);
        if (start > end || len == 0) {
            out.raw(Replies.EMPTY_BULK);
            return;
        }
        out.bulk(StringValue.array(value), (int) start, (int) (end - start + 1));
    }
    /**
     * SETRANGE key offset value: the new length. Checks as redis-server: the offset is a 64-bit
     * integer, not negative; then the key. An empty value changes nothing (a missing key stays
     * missing and gives 0, an existing one gives its length), so only a non-empty value meets the
     * proto-max-bulk-len check, done on offset + length before anything is allocated. The value is
     * edited in place as a raw string (OBJECT ENCODING says raw, as in Redis); the TTL is kept.
     */
    static void setrange(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        long offset;
        try {
            offset = argv.longValue(2);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        if (offset < 0) {
            out.raw(OFFSET_OUT_OF_RANGE);
            return;
        }
        Database db = ctx.db();
        Object old = ctx.writeString(argv, 1);
        int n = argv.length(3);
        if (n == 0) {
            out.integer(old == null ? 0 : StringValue.length(old));
            return;
        }
        if (!StringCommands.checkStringLength(ctx, offset, n)) {
            return;
        }
        int total = (int) (offset + n); // checkStringLength keeps it below 2^31
        if (old == null) {
            StringValue created = StringValue.zeros(total);
            argv.copyTo(3, created.buffer(), (int) offset);
            db.put(argv, 1, created);
            setranged(ctx, argv);
            out.integer(total);
            return;
        }
        StringValue edited = StringCommands.unshare(old);
        edited.growTo(total);
        argv.copyTo(3, edited.buffer(), (int) offset);
        StringCommands.storeModified(db, argv, old, edited);
        setranged(ctx, argv);
        out.integer(edited.length());
    }

    private static void setranged(CommandContext ctx, Argv argv) {
        ctx.keyEvent(KeyEvent.STRING, "setrange", argv, 1);
        ctx.dirty(1);
    }
}
