package io.redisinternals.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandDocs.Arg;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.List;
import java.util.Set;

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

    // Propagated forms (Redis's shared objects). A deletion propagates as DEL:
    // lazyfree-lazy-expire (UNLINK) does not exist yet.
    private static final byte[] DEL_CMD = Replies.encode("DEL");
    private static final byte[] PEXPIREAT_CMD = Replies.encode("PEXPIREAT");

    private static final String CONDITION_HISTORY = "Added options: `NX`, `XX`, `GT` and `LT`.";

    /** The expiry commands, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                setter("expire", "Set a key's time to live in seconds", "1.0.0",
                        "seconds", "integer", ExpireCommands::expire),
                setter("pexpire", "Set a key's time to live in milliseconds", "2.6.0",
                        "milliseconds", "integer", ExpireCommands::pexpire),
                setter("expireat", "Set the expiration for a key as a UNIX timestamp", "1.2.0",
                        "unix-time-seconds", "unix-time", ExpireCommands::expireat),
                setter("pexpireat", "Set the expiration for a key as a UNIX timestamp specified in milliseconds",
                        "2.6.0", "unix-time-milliseconds", "unix-time", ExpireCommands::pexpireat),
                getter("ttl", "Get the time to live for a key in seconds", "1.0.0", true, ExpireCommands::ttl),
                getter("pttl", "Get the time to live for a key in milliseconds", "2.6.0", true,
                        ExpireCommands::pttl),
                getter("expiretime", "Get the expiration Unix timestamp for a key", "7.0.0", false,
                        ExpireCommands::expiretime),
                getter("pexpiretime", "Get the expiration Unix timestamp for a key in milliseconds", "7.0.0", false,
                        ExpireCommands::pexpiretime),
                CommandSpec.builder("persist")
                        .arity(2)
                        .flags(CommandFlag.WRITE, CommandFlag.FAST)
                        .acl("keyspace", "write", "fast")
                        .key(KeySpec.single(1, "RW", "update"))
                        .group(CommandGroup.GENERIC)
                        .summary("Remove the expiration from a key")
                        .since("2.2.0")
                        .complexity("O(1)")
                        .arg(key())
                        .function(ExpireCommands::persist)
                        .build());
    }

    /** EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT differ only in name, docs and the time argument. */
    private static CommandSpec setter(String name, String summary, String since, String argName, String argType,
                                      io.redisinternals.command.CommandFunction function) {
        return CommandSpec.builder(name)
                .arity(-3)
                .flags(CommandFlag.WRITE, CommandFlag.FAST)
                .acl("keyspace", "write", "fast")
                .key(KeySpec.single(1, "RW", "update"))
                .group(CommandGroup.GENERIC)
                .summary(summary)
                .since(since)
                .complexity("O(1)")
                .history("7.0.0", CONDITION_HISTORY)
                .arg(key())
                .arg(new Arg(argName, argType, -1, null, null, Set.of(), List.of()))
                .arg(new Arg("condition", "oneof", -1, null, "7.0.0", Set.of("optional"), List.of(
                        token("nx", "NX"), token("xx", "XX"), token("gt", "GT"), token("lt", "LT"))))
                .function(function)
                .build();
    }

    /** TTL, PTTL, EXPIRETIME and PEXPIRETIME; the relative two are nondeterministic and have a -2 history. */
    private static CommandSpec getter(String name, String summary, String since, boolean relative,
                                      io.redisinternals.command.CommandFunction function) {
        CommandSpec.Builder b = CommandSpec.builder(name)
                .arity(2)
                .flags(CommandFlag.READONLY, CommandFlag.FAST)
                .acl("keyspace", "read", "fast")
                .key(KeySpec.single(1, "RO", "access"))
                .group(CommandGroup.GENERIC)
                .summary(summary)
                .since(since)
                .complexity("O(1)");
        if (relative) {
            b.tips("nondeterministic_output").history("2.8.0", "Added the -2 reply.");
        }
        return b.arg(key()).function(function).build();
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
            db.remove(argv, 1);
            ctx.dirty(1);
            ctx.propagateAs(DEL_CMD, argv.bytes(1));
            ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
        } else {
            db.setExpire(argv, 1, when);
            if (ctx.propagating()) {
                byte[][] rewritten = new byte[argv.count()][];
                for (int j = 0; j < rewritten.length; j++) {
                    rewritten[j] = argv.bytes(j);
                }
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

    private static Arg key() {
        return new Arg("key", "key", 0, null, null, Set.of(), List.of());
    }

    private static Arg token(String name, String token) {
        return new Arg(name, "pure-token", -1, token, null, Set.of(), List.of());
    }
}
