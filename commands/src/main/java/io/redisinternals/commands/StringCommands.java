package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandDocs.Arg;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.List;
import java.util.Set;

/**
 * The string type's commands (Redis's {@code t_string.c}). A string value is a {@code byte[]} or a
 * {@link StringValue} owned by the database (see StringValue for when each form is used).
 */
public final class StringCommands {

    private StringCommands() {
    }

    private static final byte[] NOT_FLOAT = Replies.encode("-ERR value is not a valid float\r\n");
    private static final byte[] NAN_OR_INFINITY = Replies.encode("-ERR increment would produce NaN or Infinity\r\n");
    private static final byte[] OVERFLOW = Replies.encode("-ERR increment or decrement would overflow\r\n");
    private static final byte[] DECREMENT_OVERFLOW = Replies.encode("-ERR decrement would overflow\r\n");
    private static final byte[] TOO_LONG =
            Replies.encode("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n");

    // SET option bits, mirroring the conflicts redis-server checks while parsing.
    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int GET = 1 << 2;
    private static final int KEEPTTL = 1 << 3;
    private static final int EX = 1 << 4;
    private static final int PX = 1 << 5;
    private static final int EXAT = 1 << 6;
    private static final int PXAT = 1 << 7;
    private static final int PERSIST = 1 << 8;
    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;
    /** The largest string a Java array can hold (StringValue's growth cap), whatever proto-max-bulk-len says. */
    private static final long MAX_ARRAY_STRING = Integer.MAX_VALUE - 16;

    // Propagated forms (Redis's shared objects). Deletions propagate as DEL, or UNLINK under
    // lazyfree-lazy-user-del (GETDEL) and lazyfree-lazy-expire (GETEX): Keyspace.deletionCommand.
    private static final byte[] SET_CMD = Replies.encode("SET");
    private static final byte[] PXAT_ARG = Replies.encode("PXAT");
    private static final byte[] KEEPTTL_ARG = Replies.encode("KEEPTTL");
    static final byte[] PEXPIREAT_CMD = Replies.encode("PEXPIREAT");
    private static final byte[] PERSIST_CMD = Replies.encode("PERSIST");

    /** The string commands, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("get", StringCommands::get),
                CommandMetadata.builder("set").keyFlags(StringCommands::setKeyFlags)
                        .function(StringCommands::set).build(),
                CommandMetadata.bind("setnx", StringCommands::setnx),
                CommandMetadata.bind("getdel", StringCommands::getdel),
                CommandMetadata.bind("strlen", StringCommands::strlen),
                CommandMetadata.bind("append", StringCommands::append),
                CommandMetadata.bind("incr", StringCommands::incr),
                CommandMetadata.bind("decr", StringCommands::decr),
                CommandMetadata.bind("incrby", StringCommands::incrby),
                CommandMetadata.bind("decrby", StringCommands::decrby),
                CommandMetadata.bind("mget", StringCommands::mget),
                CommandMetadata.bind("mset", StringCommands::mset),
                CommandMetadata.bind("msetnx", StringCommands::msetnx),
                CommandMetadata.bind("getex", StringCommands::getex),
                CommandMetadata.bind("getset", StringCommands::getset),
                CommandMetadata.bind("incrbyfloat", StringCommands::incrbyfloat),
                LcsCommand.spec(),
                StringRangeCommands.getrange(),
                StringRangeCommands.substr(),
                StringRangeCommands.setrange(),
                CommandMetadata.bind("setex", StringCommands::setex),
                CommandMetadata.bind("psetex", StringCommands::psetex));
    }

    // ---- commands ---------------------------------------------------------------------------

    /** GET key: the string, a null bulk if absent, WRONGTYPE for other types. */
    /** SET's key is RW/access/update with a GET argument (it reads the old value), else OW/update. */
    static Set<String> setKeyFlags(Argv argv, int nameIndex, KeySpec spec) {
        for (int i = nameIndex + 3; i < argv.count(); i++) {
            if (argv.equalsIgnoreCase(i, "get")) {
                return Set.of("RW", "access", "update");
            }
        }
        return Set.of("OW", "update");
    }

    static void get(CommandContext ctx, Argv argv) {
        replyString(ctx.reply(), ctx.lookupRead(argv, 1));
    }

    /**
     * SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL].
     * Order of checks as redis-server: option syntax, then the expire value, then GET's type check,
     * then the NX/XX condition.
     */
    static void set(CommandContext ctx, Argv argv) {
        if (argv.count() == 3) {
            setPlain(ctx, argv);
            return;
        }
        setWithOptions(ctx, argv);
    }

    /**
     * SET key value, the common form, kept apart from the option parsing so that the JIT compiles
     * it small (the whole of SET is too big to inline into the call path).
     */
    private static void setPlain(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        Object current = ctx.lookupWrite(argv, 1);
        if (!overwriteSameLength(db, argv, current, false)) {
            db.put(argv, 1, argv.take(2));
        }
        ctx.dirty(1);
        ctx.keyEvent(KeyEvent.STRING, "set", argv, 1);
        ctx.reply().raw(Replies.OK);
    }

    private static void setWithOptions(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        int flags = 0;
        int expireArg = -1;
        int argc = argv.count();
        for (int j = 3; j < argc; j++) {
            boolean hasNext = j < argc - 1;
            if (argv.equalsIgnoreCase(j, "nx") && (flags & XX) == 0) {
                flags |= NX;
            } else if (argv.equalsIgnoreCase(j, "xx") && (flags & NX) == 0) {
                flags |= XX;
            } else if (argv.equalsIgnoreCase(j, "get")) {
                flags |= GET;
            } else if (argv.equalsIgnoreCase(j, "keepttl") && (flags & ANY_EXPIRE) == 0) {
                flags |= KEEPTTL;
            } else if (hasNext && argv.equalsIgnoreCase(j, "ex") && (flags & (KEEPTTL | ANY_EXPIRE & ~EX)) == 0) {
                flags |= EX;
                expireArg = ++j;
            } else if (hasNext && argv.equalsIgnoreCase(j, "px") && (flags & (KEEPTTL | ANY_EXPIRE & ~PX)) == 0) {
                flags |= PX;
                expireArg = ++j;
            } else if (hasNext && argv.equalsIgnoreCase(j, "exat") && (flags & (KEEPTTL | ANY_EXPIRE & ~EXAT)) == 0) {
                flags |= EXAT;
                expireArg = ++j;
            } else if (hasNext && argv.equalsIgnoreCase(j, "pxat") && (flags & (KEEPTTL | ANY_EXPIRE & ~PXAT)) == 0) {
                flags |= PXAT;
                expireArg = ++j;
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }

        long now = ctx.nowMillis();
        long expireAt = -1;
        if (expireArg != -1) {
            expireAt = expireTime(ctx, argv, expireArg, flags);
            if (expireAt == 0) {
                return;
            }
        }

        Database db = ctx.db();
        if ((flags & GET) != 0) {
            replyString(out, ctx.readString(argv, 1)); // GET's read lookup and reply, as Redis
        }
        Object current = ctx.lookupWrite(argv, 1);
        if ((flags & (NX | XX)) != 0) {
            boolean found = current != null;
            if ((flags & NX) != 0 ? found : !found) {
                if ((flags & GET) == 0) {
                    out.nullBulk();
                }
                return;
            }
        }
        if (!overwriteSameLength(db, argv, current, (flags & KEEPTTL) != 0)) {
            byte[] value = argv.take(2);
            if ((flags & KEEPTTL) != 0) {
                db.overwrite(argv, 1, value);
            } else {
                db.put(argv, 1, value);
            }
        }
        ctx.dirty(1);
        ctx.keyEvent(KeyEvent.STRING, "set", argv, 1);
        if (expireAt != -1) {
            db.setExpire(argv, 1, expireAt);
            // every expiry form is propagated as an absolute one: SET key value PXAT ms
            if (ctx.propagating()) {
                ctx.propagateAs(SET_CMD, argv.bytes(1), argv.bytes(2), PXAT_ARG, Numbers.toBytes(expireAt));
            }
            ctx.keyEvent(KeyEvent.GENERIC, "expire", argv, 1);
        } else if ((flags & GET) != 0 && ctx.propagating()) {
            ctx.propagateAs(withoutGet(argv)); // the replica needs no reply
        }
        if ((flags & GET) == 0) {
            out.raw(Replies.OK);
        }
    }

    /** SET's arguments without its GET options (Redis drops every "get" after the value). */
    private static byte[][] withoutGet(Argv argv) {
        java.util.List<byte[]> kept = new java.util.ArrayList<>(argv.count());
        for (int j = 0; j < argv.count(); j++) {
            if (j < 3 || !argv.equalsIgnoreCase(j, "get")) {
                kept.add(argv.bytes(j));
            }
        }
        return kept.toArray(new byte[0][]);
    }

    /**
     * The absolute expiry time (Unix ms, always > 0) of the EX/PX/EXAT/PXAT value in argument
     * {@code i} ({@code unit} is one of those bits), or 0 after replying the error, as redis-server's
     * getExpireMillisecondsOrReply: not an integer; not positive or too big to turn into ms; a
     * relative time whose sum with now wraps. The error names the command in lower case.
     */
    private static long expireTime(CommandContext ctx, Argv argv, int i, int unit) {
        long t;
        try {
            t = argv.longValue(i);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return 0;
        }
        boolean seconds = (unit & (EX | EXAT)) != 0;
        if (t <= 0 || (seconds && t > Long.MAX_VALUE / 1000)) {
            invalidExpireTime(ctx, argv);
            return 0;
        }
        if (seconds) {
            t *= 1000;
        }
        if ((unit & (EX | PX)) != 0) {
            t += ctx.nowMillis(); // may wrap, caught below exactly as redis-server catches it
        }
        if (t <= 0) {
            invalidExpireTime(ctx, argv);
            return 0;
        }
        return t;
    }

    private static void invalidExpireTime(CommandContext ctx, Argv argv) {
        ctx.reply().error("ERR invalid expire time in '" + argv.lowerCaseString(0) + "' command");
    }

    /**
     * Replacing a string with one of the same length copies the new bytes over the stored array:
     * no allocation and no garbage, which matters for the common "SET of fixed-size values" load
     * (redis-benchmark -d N). Valid because a stored string array is owned by its entry alone
     * (replies copy it into the reply buffer; nothing else keeps it). Returns false, doing
     * nothing, when the key is absent or holds something else.
     */
    private static boolean overwriteSameLength(Database db, Argv argv, Object current, boolean keepTtl) {
        if (!(current instanceof byte[] stored) || stored.length != argv.length(2)) {
            return false;
        }
        // the write lookup that found it has already announced the write (before-write signal)
        argv.copyTo(2, stored, 0);
        if (!keepTtl) {
            db.removeExpire(argv, 1);
        }
        db.modified(argv, 1);
        return true;
    }

    /** A string value as a bulk reply; null as the null bulk; any other type as WRONGTYPE. */
    private static void replyString(ReplyWriter out, Object value) {
        if (value == null) {
            out.nullBulk();
        } else if (StringValue.isString(value)) {
            StringValue.writeBulk(out, value);
        } else {
            out.raw(Replies.WRONGTYPE);
        }
    }

    /** SETNX key value: 1 and the key set (TTL-free) if it did not exist, else 0 whatever its type. */
    static void setnx(CommandContext ctx, Argv argv) {
        if (ctx.lookupWrite(argv, 1) != null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        ctx.db().put(argv, 1, argv.take(2));
        ctx.dirty(1);
        ctx.keyEvent(KeyEvent.STRING, "set", argv, 1);
        ctx.reply().raw(Replies.ONE);
    }

    /** GETDEL key: GET's reply (a read for the hit/miss counters), then the string is deleted. */
    static void getdel(CommandContext ctx, Argv argv) {
        Object value = ctx.readString(argv, 1);
        replyString(ctx.reply(), value);
        if (value != null && ctx.db().remove(argv, 1, Removal.USER_DEL)) {
            ctx.propagateAs(ctx.keyspace().deletionCommand(Removal.USER_DEL), argv.bytes(1));
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
            ctx.dirty(1);
        }
    }

    /** STRLEN key: the length, 0 if absent, WRONGTYPE for other types. */
    static void strlen(CommandContext ctx, Argv argv) {
        Object value = ctx.readString(argv, 1);
        if (value == null) {
            ctx.reply().raw(Replies.ZERO);
        } else {
            ctx.reply().integer(StringValue.length(value));
        }
    }

    /**
     * APPEND key value: the new length. Keeps the key's TTL (the value is modified, not replaced).
     * The total is checked against proto-max-bulk-len in long arithmetic before anything is
     * allocated, as redis-server's checkStringLength; a missing key needs no check because the
     * argument itself already passed the request parser's bulk limit.
     */
    static void append(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        Object old = ctx.writeString(argv, 1);
        if (old == null) {
            byte[] value = argv.take(2);
            db.put(argv, 1, value);
            ctx.keyEvent(KeyEvent.STRING, "append", argv, 1);
            ctx.dirty(1);
            ctx.reply().integer(value.length);
            return;
        }
        int oldLength = StringValue.length(old);
        long total = (long) oldLength + argv.length(2);
        if (!checkStringLength(ctx, oldLength, argv.length(2))) {
            return;
        }
        // Redis turns the value into a raw sds with spare room (dbUnshareStringValue + sdscatlen),
        // even for an empty suffix: the first append copies, later ones usually only the new bytes.
        StringValue grown = unshare(old);
        grown.growTo((int) total); // checkStringLength keeps total below 2^31
        argv.copyTo(2, grown.buffer(), oldLength);
        storeModified(db, argv, old, grown);
        ctx.keyEvent(KeyEvent.STRING, "append", argv, 1);
        ctx.dirty(1);
        ctx.reply().integer(total);
    }

    /**
     * redis-server's checkStringLength: false, after replying the error, if a string of
     * {@code size + append} bytes would exceed proto-max-bulk-len (or overflow). Computed in long
     * arithmetic before anything is allocated. Past what a Java array can hold (only reachable
     * with proto-max-bulk-len raised above 2 GB) the same error is given, where Redis would try.
     */
    static boolean checkStringLength(CommandContext ctx, long size, long append) {
        long total = size + append;
        if (total < size || total > maxStringLength(ctx) || total > MAX_ARRAY_STRING) {
            ctx.reply().raw(TOO_LONG);
            return false;
        }
        return true;
    }

    /**
     * A stored string in the form in-place edits work on (Redis's dbUnshareStringValue): the
     * stored raw StringValue itself, or a new raw copy of a byte[] or embstr value.
     */
    static StringValue unshare(Object stored) {
        if (stored instanceof StringValue sv && "raw".equals(StringValue.encoding(sv))) {
            return sv;
        }
        return StringValue.raw(StringValue.array(stored), StringValue.length(stored), 0);
    }

    /** After an in-place edit: stores a new copy (keeping the TTL) or signals the change to WATCH. */
    static void storeModified(Database db, Argv argv, Object old, StringValue edited) {
        if (edited != old) {
            db.overwrite(argv, 1, edited);
        } else {
            db.modified(argv, 1);
        }
    }

    /**
     * proto-max-bulk-len (bytes), read per call so CONFIG SET applies at once.
     */
    static long maxStringLength(CommandContext ctx) {
        return ctx.configLong("proto-max-bulk-len");
    }

    /**
     * GETEX key [EX s | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST]. Order as redis-server:
     * option syntax, then the read lookup (a missing key is a null reply whatever the time says),
     * the type, the time value; then the value is replied and the TTL changed. An EXAT/PXAT time
     * not after now deletes the key; EX/PX times are always in the future.
     */
    static void getex(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        int flags = 0;
        int expireArg = -1;
        int argc = argv.count();
        for (int j = 2; j < argc; j++) {
            boolean hasNext = j < argc - 1;
            if (argv.equalsIgnoreCase(j, "persist") && (flags & ANY_EXPIRE) == 0) {
                flags |= PERSIST;
            } else if (hasNext && argv.equalsIgnoreCase(j, "ex") && (flags & (PERSIST | ANY_EXPIRE & ~EX)) == 0) {
                flags |= EX;
                expireArg = ++j;
            } else if (hasNext && argv.equalsIgnoreCase(j, "px") && (flags & (PERSIST | ANY_EXPIRE & ~PX)) == 0) {
                flags |= PX;
                expireArg = ++j;
            } else if (hasNext && argv.equalsIgnoreCase(j, "exat")
                    && (flags & (PERSIST | ANY_EXPIRE & ~EXAT)) == 0) {
                flags |= EXAT;
                expireArg = ++j;
            } else if (hasNext && argv.equalsIgnoreCase(j, "pxat")
                    && (flags & (PERSIST | ANY_EXPIRE & ~PXAT)) == 0) {
                flags |= PXAT;
                expireArg = ++j;
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        Object value = ctx.readString(argv, 1);
        if (value == null) {
            out.nullBulk();
            return;
        }
        long when = 0;
        if (expireArg != -1) {
            when = expireTime(ctx, argv, expireArg, flags);
            if (when == 0) {
                return;
            }
        }
        StringValue.writeBulk(out, value);
        Database db = ctx.db();
        // never propagated as itself: as DEL, PEXPIREAT or PERSIST (nothing when nothing changed)
        if ((flags & (EXAT | PXAT)) != 0 && when <= ctx.nowMillis()) {
            db.remove(argv, 1, Removal.EXPIRE);
            ctx.propagateAs(ctx.keyspace().deletionCommand(Removal.EXPIRE), argv.bytes(1));
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
            ctx.dirty(1);
        } else if (expireArg != -1) {
            db.setExpire(argv, 1, when);
            if (ctx.propagating()) {
                ctx.propagateAs(PEXPIREAT_CMD, argv.bytes(1), Numbers.toBytes(when));
            }
            ctx.keyEvent(KeyEvent.GENERIC, "expire", argv, 1);
            ctx.dirty(1);
        } else if ((flags & PERSIST) != 0 && db.removeExpire(argv, 1)) {
            ctx.propagateAs(PERSIST_CMD, argv.bytes(1));
            ctx.keyEvent(KeyEvent.GENERIC, "persist", argv, 1);
            ctx.dirty(1);
        }
    }

    /** GETSET key value: GET's reply (a read), then SET without options: the TTL is dropped. */
    static void getset(CommandContext ctx, Argv argv) {
        replyString(ctx.reply(), ctx.readString(argv, 1));
        ctx.lookupWrite(argv, 1); // Redis's setKey looks the key up again
        ctx.db().put(argv, 1, argv.take(2));
        ctx.keyEvent(KeyEvent.STRING, "set", argv, 1);
        ctx.dirty(1);
        if (ctx.propagating()) {
            ctx.propagateAs(SET_CMD, argv.bytes(1), argv.bytes(2));
        }
    }

    /** SETEX key seconds value: SET key value EX seconds, with its own command name in the errors. */
    static void setex(CommandContext ctx, Argv argv) {
        setWithExpire(ctx, argv, EX);
    }

    /** PSETEX key milliseconds value: SET key value PX milliseconds. */
    static void psetex(CommandContext ctx, Argv argv) {
        setWithExpire(ctx, argv, PX);
    }

    private static void setWithExpire(CommandContext ctx, Argv argv, int unit) {
        long when = expireTime(ctx, argv, 2, unit);
        if (when == 0) {
            return;
        }
        Database db = ctx.db();
        ctx.lookupWrite(argv, 1);
        db.put(argv, 1, argv.take(3));
        ctx.dirty(1);
        ctx.keyEvent(KeyEvent.STRING, "set", argv, 1);
        db.setExpire(argv, 1, when);
        if (ctx.propagating()) {
            ctx.propagateAs(SET_CMD, argv.bytes(1), argv.bytes(3), PXAT_ARG, Numbers.toBytes(when));
        }
        ctx.keyEvent(KeyEvent.GENERIC, "expire", argv, 1);
        ctx.reply().raw(Replies.OK);
    }

    /**
     * INCRBYFLOAT key increment: the stored string (absent = 0) and the increment are read as
     * x87 long doubles exactly as redis-server reads them, added once, and the sum is stored and
     * replied as printf's "%.17Lf" without trailing zeros (see {@link LongDouble}). Order of
     * errors: type, stored value, increment, NaN/infinite result. Keeps the TTL. The result is
     * stored as embstr even when it looks like an integer ("3"), as Redis does.
     */
    static void incrbyfloat(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Database db = ctx.db();
        Object old = ctx.writeString(argv, 1);
        LongDouble current = old == null
                ? LongDouble.ZERO
                : LongDouble.parse(StringValue.array(old), 0, StringValue.length(old));
        if (current == null) {
            out.raw(NOT_FLOAT);
            return;
        }
        LongDouble increment = argv.length(2) >= LongDouble.MAX_CHARS ? null : LongDouble.parse(argv.bytes(2));
        if (increment == null) {
            out.raw(NOT_FLOAT);
            return;
        }
        LongDouble sum = current.add(increment);
        if (!sum.isFinite()) {
            out.raw(NAN_OR_INFINITY);
            return;
        }
        byte[] text = sum.toHumanBytes();
        if (old == null) {
            db.put(argv, 1, StringValue.embstr(text));
        } else {
            db.overwrite(argv, 1, StringValue.embstr(text));
        }
        ctx.keyEvent(KeyEvent.STRING, "incrbyfloat", argv, 1);
        ctx.dirty(1);
        out.bulk(text);
        // propagated as the value it computed, so float formatting cannot differ on the replica
        if (ctx.propagating()) {
            ctx.propagateAs(SET_CMD, argv.bytes(1), text, KEEPTTL_ARG);
        }
    }

    static void incr(CommandContext ctx, Argv argv) {
        incrBy(ctx, argv, 1);
    }

    static void decr(CommandContext ctx, Argv argv) {
        incrBy(ctx, argv, -1);
    }

    /** INCRBY key increment: the increment is parsed before the key's type is looked at, as Redis. */
    static void incrby(CommandContext ctx, Argv argv) {
        long by;
        try {
            by = argv.longValue(2);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return;
        }
        incrBy(ctx, argv, by);
    }

    /** DECRBY key decrement: negating Long.MIN_VALUE would overflow, an error of its own in Redis. */
    static void decrby(CommandContext ctx, Argv argv) {
        long by;
        try {
            by = argv.longValue(2);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return;
        }
        if (by == Long.MIN_VALUE) {
            ctx.reply().raw(DECREMENT_OVERFLOW);
            return;
        }
        incrBy(ctx, argv, -by);
    }

    /**
     * Adds {@code by} to the 64-bit integer stored at argument 1 (absent = 0) and replies the
     * result. The stored string must be canonical (Redis's string2ll: no sign '+', no spaces, no
     * leading zeros, no "-0"). Keeps the TTL; a result of the same width is written over the
     * stored bytes in place (see {@link #overwriteSameLength} for why that is safe).
     */
    private static void incrBy(CommandContext ctx, Argv argv, long by) {
        ReplyWriter out = ctx.reply();
        Database db = ctx.db();
        Object old = ctx.writeString(argv, 1);
        long current = 0;
        if (old != null) {
            try {
                current = Numbers.parseStrictLong(StringValue.array(old), 0, StringValue.length(old));
            } catch (NumberFormatException e) {
                out.raw(Replies.NOT_INTEGER);
                return;
            }
        }
        long result;
        try {
            result = Math.addExact(current, by);
        } catch (ArithmeticException e) {
            out.raw(OVERFLOW);
            return;
        }
        int width = Numbers.decimalLength(result);
        if (old instanceof byte[] stored && stored.length == width) {
            Numbers.writeDecimal(result, stored, 0);
            db.modified(argv, 1);
        } else {
            byte[] digits = new byte[width];
            Numbers.writeDecimal(result, digits, 0);
            if (old == null) {
                db.put(argv, 1, digits);
            } else {
                db.overwrite(argv, 1, digits);
            }
        }
        ctx.keyEvent(KeyEvent.STRING, "incrby", argv, 1);
        ctx.dirty(1);
        out.integer(result);
    }

    /** MGET key [key ...]: an array with each string, or a null for a missing or non-string key. */
    static void mget(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        int argc = argv.count();
        out.arrayHeader(argc - 1);
        for (int i = 1; i < argc; i++) {
            Object value = ctx.lookupRead(argv, i);
            if (StringValue.isString(value)) {
                StringValue.writeBulk(out, value);
            } else {
                out.nullBulk();
            }
        }
    }

    /** MSET key value [key value ...]: sets every pair in order (a later duplicate wins), dropping TTLs. */
    static void mset(CommandContext ctx, Argv argv) {
        if (!pairedArguments(ctx, argv, "mset")) {
            return;
        }
        putPairs(ctx, argv);
        ctx.reply().raw(Replies.OK);
    }

    /**
     * MSETNX key value [key value ...]: 0 and nothing set if any key exists (of any type), else
     * every pair set and 1. A key repeated in the request counts as absent both times (Redis only
     * looks at the database before writing), so MSETNX k a k b sets k to b.
     */
    static void msetnx(CommandContext ctx, Argv argv) {
        if (!pairedArguments(ctx, argv, "msetnx")) {
            return;
        }
        for (int i = 1; i < argv.count(); i += 2) {
            if (ctx.lookupWrite(argv, i) != null) {
                ctx.reply().raw(Replies.ZERO);
                return;
            }
        }
        putPairs(ctx, argv);
        ctx.reply().raw(Replies.ONE);
    }

    /** An odd argument count (name + pairs) or the arity error redis-server gives MSET and MSETNX. */
    private static boolean pairedArguments(CommandContext ctx, Argv argv, String name) {
        if (argv.count() % 2 == 0) {
            ctx.reply().error("ERR wrong number of arguments for '" + name + "' command");
            return false;
        }
        return true;
    }

    private static void putPairs(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        for (int i = 1; i < argv.count(); i += 2) {
            // as Redis's setKey (lookupKeyWrite first): an expired key is counted as expired, then replaced
            ctx.lookupWrite(argv, i);
            db.put(argv, i, argv.take(i + 1));
            ctx.keyEvent(KeyEvent.STRING, "set", argv, i);
        }
        ctx.dirty(argv.count() / 2);
    }

    // ---- COMMAND DOCS argument shorthands (shared with LcsCommand) ----------------------------

}
