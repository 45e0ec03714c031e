package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.KeyTable;
import io.redisinternals.keyspace.spi.CommandContext;
import io.redisinternals.keyspace.spi.CommandDocs.Arg;
import io.redisinternals.keyspace.spi.CommandFlag;
import io.redisinternals.keyspace.spi.CommandGroup;
import io.redisinternals.keyspace.spi.CommandSpec;
import io.redisinternals.keyspace.spi.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.List;
import java.util.Set;

/**
 * The string type's commands (Redis's {@code t_string.c}). A string value is a {@code byte[]}
 * owned by the database.
 */
public final class StringCommands {

    private StringCommands() {
    }

    private static final byte[] INVALID_SET_EXPIRE = Replies.encode("-ERR invalid expire time in 'set' command\r\n");

    // SET option bits, mirroring the conflicts redis-server checks while parsing.
    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int GET = 1 << 2;
    private static final int KEEPTTL = 1 << 3;
    private static final int EX = 1 << 4;
    private static final int PX = 1 << 5;
    private static final int EXAT = 1 << 6;
    private static final int PXAT = 1 << 7;
    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    /** GET and SET, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.builder("get")
                        .arity(2)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("read", "string", "fast")
                        .key(KeySpec.single(1, "RO", "access"))
                        .group(CommandGroup.STRING)
                        .summary("Get the value of a key")
                        .since("1.0.0")
                        .complexity("O(1)")
                        .arg(key("key", 0))
                        .function(StringCommands::get)
                        .build(),
                CommandSpec.builder("set")
                        .arity(-3)
                        .flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                        .acl("write", "string", "slow")
                        .key(KeySpec.single(1, "RW", "access", "update", "variable_flags")
                                .notes("RW and ACCESS due to the optional `GET` argument"))
                        .keyFlags(StringCommands::setKeyFlags)
                        .group(CommandGroup.STRING)
                        .summary("Set the string value of a key")
                        .since("1.0.0")
                        .complexity("O(1)")
                        .history("2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options.")
                        .history("6.0.0", "Added the `KEEPTTL` option.")
                        .history("6.2.0", "Added the `GET`, `EXAT` and `PXAT` option.")
                        .history("7.0.0", "Allowed the `NX` and `GET` options to be used together.")
                        .arg(key("key", 0))
                        .arg(plain("value", "string", null, null, Set.of()))
                        .arg(oneOf("condition", "2.6.12", Set.of("optional"),
                                token("nx", "NX", null),
                                token("xx", "XX", null)))
                        .arg(token("get", "GET", "6.2.0", Set.of("optional")))
                        .arg(oneOf("expiration", null, Set.of("optional"),
                                plain("seconds", "integer", "EX", "2.6.12", Set.of()),
                                plain("milliseconds", "integer", "PX", "2.6.12", Set.of()),
                                plain("unix-time-seconds", "unix-time", "EXAT", "6.2.0", Set.of()),
                                plain("unix-time-milliseconds", "unix-time", "PXAT", "6.2.0", Set.of()),
                                token("keepttl", "KEEPTTL", "6.0.0")))
                        .function(StringCommands::set)
                        .build());
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
            long t;
            try {
                t = argv.longValue(expireArg);
            } catch (NumberFormatException e) {
                out.raw(Replies.NOT_INTEGER);
                return;
            }
            boolean seconds = (flags & (EX | EXAT)) != 0;
            if (t <= 0 || (seconds && t > Long.MAX_VALUE / 1000)) {
                out.raw(INVALID_SET_EXPIRE);
                return;
            }
            if (seconds) {
                t *= 1000;
            }
            if ((flags & (EX | PX)) != 0) {
                t += now; // may wrap, caught below exactly as redis-server catches it
            }
            if (t <= 0) {
                out.raw(INVALID_SET_EXPIRE);
                return;
            }
            expireAt = t;
        }

        Database db = ctx.db();
        db.expireIfNeeded(argv, 1, now);
        if ((flags & GET) != 0) {
            Object old = db.get(argv, 1);
            if (old != null && !(old instanceof byte[])) {
                out.raw(Replies.WRONGTYPE);
                return;
            }
            replyString(out, old);
        }
        if ((flags & (NX | XX)) != 0) {
            boolean found = db.containsKey(argv, 1);
            if ((flags & NX) != 0 ? found : !found) {
                if ((flags & GET) == 0) {
                    out.nullBulk();
                }
                return;
            }
        }
        if (overwriteSameLength(db, argv, (flags & KEEPTTL) != 0)) {
            if (expireAt != -1) {
                db.setExpire(argv, 1, expireAt);
            }
            if ((flags & GET) == 0) {
                out.raw(Replies.OK);
            }
            return;
        }
        byte[] value = argv.bytes(2);
        if ((flags & KEEPTTL) != 0) {
            db.overwrite(argv, 1, value);
        } else {
            db.put(argv, 1, value);
        }
        if (expireAt != -1) {
            db.setExpire(argv, 1, expireAt);
        }
        if ((flags & GET) == 0) {
            out.raw(Replies.OK);
        }
    }

    /**
     * Replacing a string with one of the same length copies the new bytes over the stored array:
     * no allocation and no garbage, which matters for the common "SET of fixed-size values" load
     * (redis-benchmark -d N). Valid because a stored string array is owned by its entry alone
     * (replies copy it into the reply buffer; nothing else keeps it). Returns false, doing
     * nothing, when the key is absent or holds something else.
     */
    private static boolean overwriteSameLength(Database db, Argv argv, boolean keepTtl) {
        KeyTable.Entry<Object> e = db.entry(argv, 1);
        if (e == null || !(e.value() instanceof byte[] stored) || stored.length != argv.length(2)) {
            return false;
        }
        argv.copyTo(2, stored, 0);
        if (!keepTtl) {
            db.removeExpire(argv, 1);
        }
        return true;
    }

    /** A string value as a bulk reply; null as the null bulk; any other type as WRONGTYPE. */
    private static void replyString(ReplyWriter out, Object value) {
        if (value == null) {
            out.nullBulk();
        } else if (value instanceof byte[] s) {
            out.bulk(s);
        } else {
            out.raw(Replies.WRONGTYPE);
        }
    }

    // ---- COMMAND DOCS argument shorthands -----------------------------------------------------

    private static Arg key(String name, int keySpecIndex) {
        return new Arg(name, "key", keySpecIndex, null, null, Set.of(), List.of());
    }

    private static Arg plain(String name, String type, String token, String since, Set<String> flags) {
        return new Arg(name, type, -1, token, since, flags, List.of());
    }

    private static Arg token(String name, String token, String since) {
        return token(name, token, since, Set.of());
    }

    private static Arg token(String name, String token, String since, Set<String> flags) {
        return new Arg(name, "pure-token", -1, token, since, flags, List.of());
    }

    private static Arg oneOf(String name, String since, Set<String> flags, Arg... children) {
        return new Arg(name, "oneof", -1, null, since, flags, List.of(children));
    }
}
