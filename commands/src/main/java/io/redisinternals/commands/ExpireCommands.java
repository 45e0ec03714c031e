package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.List;

/** Setting, reading and dropping key TTLs (Redis's {@code expire.c}). */
public final class ExpireCommands {

    private ExpireCommands() {
    }

    private static final byte[] MINUS_ONE = Replies.encode(":-1\r\n");
    private static final byte[] MINUS_TWO = Replies.encode(":-2\r\n");
    private static final byte[] NX_CONFLICT =
            Replies.encode("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
    private static final byte[] GT_LT_CONFLICT =
            Replies.encode("-ERR GT and LT options at the same time are not compatible\r\n");

    // The condition bits of redis-server's parseExtendedExpireArgumentsOrReply.
    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int GT = 1 << 2;
    private static final int LT = 1 << 3;

    // Propagated forms (Redis's shared objects). A deletion propagates as DEL, or UNLINK under
    // lazyfree-lazy-expire (Keyspace.deletionCommand).
    private static final byte[] PEXPIREAT_CMD = Replies.encode("PEXPIREAT");

    /** The expiry commands, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("expire", ExpireCommands::expire),
                CommandMetadata.bind("pexpire", ExpireCommands::pexpire),
                CommandMetadata.bind("expireat", ExpireCommands::expireat),
                CommandMetadata.bind("pexpireat", ExpireCommands::pexpireat),
                CommandMetadata.bind("ttl", ExpireCommands::ttl),
                CommandMetadata.bind("pttl", ExpireCommands::pttl),
                CommandMetadata.bind("expiretime", ExpireCommands::expiretime),
                CommandMetadata.bind("pexpiretime", ExpireCommands::pexpiretime),
                CommandMetadata.bind("persist", ExpireCommands::persist));
    }

    // ---- commands ---------------------------------------------------------------------------

    static void expire(CommandContext ctx, Argv argv) {
        setExpire(ctx, argv, ctx.nowMillis(), true);
    }

    static void pexpire(CommandContext ctx, Argv argv) {
        setExpire(ctx, argv, ctx.nowMillis(), false);
    }

    static void expireat(CommandContext ctx, Argv argv) {
        setExpire(ctx, argv, 0, true);
    }

    static void pexpireat(CommandContext ctx, Argv argv) {
        setExpire(ctx, argv, 0, false);
    }

    /**
     * redis-server's expireGenericCommand. Order of checks: the options, the number, overflow of the
     * unit conversion and of adding {@code base}, then the key's existence, then the NX/XX/GT/LT
     * condition. Negative times are allowed; a time not after now deletes the key and replies 1.
     * Effects: a deletion sends "del" and propagates as {@code DEL key}; a TTL set sends "expire"
     * and propagates as PEXPIREAT with the absolute time (the options kept); each counts a change.
     */
    private static void setExpire(CommandContext ctx, Argv argv, long base, boolean seconds) {
        ReplyWriter out = ctx.reply();
        int flags = 0;
        for (int j = 3; j < argv.count(); j++) {
            if (argv.equalsIgnoreCase(j, "nx")) {
                flags |= NX;
            } else if (argv.equalsIgnoreCase(j, "xx")) {
                flags |= XX;
            } else if (argv.equalsIgnoreCase(j, "gt")) {
                flags |= GT;
            } else if (argv.equalsIgnoreCase(j, "lt")) {
                flags |= LT;
            } else {
                out.error("ERR Unsupported option " + argv.string(j));
                return;
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            out.raw(NX_CONFLICT);
            return;
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            out.raw(GT_LT_CONFLICT);
            return;
        }

        long when;
        try {
            when = argv.longValue(2);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                invalidExpireTime(ctx, argv);
                return;
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - base) {
            invalidExpireTime(ctx, argv);
            return;
        }
        when += base;

        Database db = ctx.db();
        long now = ctx.nowMillis();
        if (ctx.lookupWrite(argv, 1) == null) {
            out.raw(Replies.ZERO);
            return;
        }
        if (flags != 0) {
            long current = db.getExpire(argv, 1);
            // No TTL counts as an infinite one: never greater (GT fails), and anything is less (LT passes).
            boolean refused = ((flags & NX) != 0 && current != -1)
                    || ((flags & XX) != 0 && current == -1)
                    || ((flags & GT) != 0 && (current == -1 || when <= current))
                    || ((flags & LT) != 0 && current != -1 && when >= current);
            if (refused) {
                out.raw(Replies.ZERO);
                return;
            }
        }
        if (when <= now) {
            db.remove(argv, 1, Removal.EXPIRE);
            ctx.dirty(1);
            ctx.propagateAs(ctx.keyspace().deletionCommand(Removal.EXPIRE), argv.bytes(1));
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
        } else {
            db.setExpire(argv, 1, when);
            if (ctx.propagating()) {
                byte[][] rewritten = argv.toArrays();
                rewritten[0] = PEXPIREAT_CMD;
                // as Redis, the time is rewritten only when it is not already PEXPIREAT's own argument
                if (base != 0 || seconds) {
                    rewritten[2] = Long.toString(when).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                }
                ctx.propagateAs(rewritten);
            }
            ctx.keyEvent(KeyEvent.GENERIC, "expire", argv, 1);
            ctx.dirty(1);
        }
        out.raw(Replies.ONE);
    }

    /** The error names the command in lower case, as redis-server's fullname. */
    private static void invalidExpireTime(CommandContext ctx, Argv argv) {
        ctx.reply().error("ERR invalid expire time in '" + argv.lowerCaseString(0) + "' command");
    }

    static void ttl(CommandContext ctx, Argv argv) {
        replyTtl(ctx, argv, false, false);
    }

    static void pttl(CommandContext ctx, Argv argv) {
        replyTtl(ctx, argv, true, false);
    }

    static void expiretime(CommandContext ctx, Argv argv) {
        replyTtl(ctx, argv, false, true);
    }

    static void pexpiretime(CommandContext ctx, Argv argv) {
        replyTtl(ctx, argv, true, true);
    }

    /**
     * redis-server's ttlGenericCommand: a no-touch read lookup (it counts keyspace hits and misses but
     * leaves the access stamp alone), -2 for a missing key, -1 without a TTL, else the remaining or
     * absolute time, never below 0. Seconds are
     * rounded to nearest, computed without overflowing: for a PXAT of LLONG_MAX redis-server 7.0.15
     * answers EXPIRETIME with the exact 9223372036854776, not a wrapped {@code (t+500)/1000}.
     */
    private static void replyTtl(CommandContext ctx, Argv argv, boolean millis, boolean absolute) {
        if (ctx.lookupRead(argv, 1, Lookup.NO_TOUCH) == null) {
            ctx.reply().raw(MINUS_TWO);
            return;
        }
        long expire = ctx.db().getExpire(argv, 1);
        if (expire == -1) {
            ctx.reply().raw(MINUS_ONE);
            return;
        }
        long t = Math.max(0, absolute ? expire : expire - ctx.nowMillis());
        ctx.reply().integer(millis ? t : t / 1000 + (t % 1000 + 500) / 1000);
    }

    /**
     * PERSIST key: 1 if a TTL was removed (a "persist" event, one change), 0 for a missing key or
     * one without TTL (a write lookup, which touches).
     */
    static void persist(CommandContext ctx, Argv argv) {
        if (ctx.lookupWrite(argv, 1) != null && ctx.db().removeExpire(argv, 1)) {
            ctx.keyEvent(KeyEvent.GENERIC, "persist", argv, 1);
            ctx.dirty(1);
            ctx.reply().raw(Replies.ONE);
        } else {
            ctx.reply().raw(Replies.ZERO);
        }
    }

}
