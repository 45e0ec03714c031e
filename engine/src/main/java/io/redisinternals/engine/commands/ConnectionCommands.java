package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.Session;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The connection group: PING, ECHO, HELLO, AUTH, QUIT, RESET, SELECT. Metadata transcribed from
 * redis-server 7.0.15's COMMAND INFO / COMMAND DOCS.
 */
public final class ConnectionCommands {

    private static final byte[] RESET = Replies.encode("+RESET\r\n");
    private static final byte[] WRONGPASS =
            Replies.encode("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    private static final byte[] DEFAULT_USER = "default".getBytes(StandardCharsets.US_ASCII);

    private ConnectionCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            CommandMetadata.bind("ping", EngineContext.bind(ConnectionCommands::ping)),
            CommandMetadata.bind("echo", EngineContext.bind(ConnectionCommands::echo)),
            CommandMetadata.bind("hello", EngineContext.bind(ConnectionCommands::hello)),
            CommandMetadata.bind("auth", EngineContext.bind(ConnectionCommands::auth)),
            CommandMetadata.bind("quit", EngineContext.bind(ConnectionCommands::quit)),
            CommandMetadata.bind("reset", EngineContext.bind(ConnectionCommands::reset)),
            CommandMetadata.bind("select", EngineContext.bind(ConnectionCommands::select))
        );
    }

    // ---- commands ------------------------------------------------------------------------

    private static final byte[] PONG_LOWER = "pong".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    static void ping(EngineContext ctx, Argv argv) {
        // PING is arity -1 so Redis checks "at most one argument" in the command itself.
        if (argv.count() > 2) {
            ctx.reply().error("ERR wrong number of arguments for 'ping' command");
        } else if (ctx.session().inPubSubMode() && ctx.session().protocol() == RespVersion.RESP2) {
            // subscribed RESP2 clients read every array as a message: PING answers as one
            ctx.reply().arrayHeader(2).bulk(PONG_LOWER);
            if (argv.count() == 2) {
                ctx.reply().bulk(argv, 1);
            } else {
                ctx.reply().bulk(EMPTY);
            }
        } else if (argv.count() == 2) {
            ctx.reply().bulk(argv, 1);
        } else {
            ctx.reply().raw(Replies.PONG);
        }
    }

    static void echo(EngineContext ctx, Argv argv) {
        ctx.reply().bulk(argv, 1);
    }

    /**
     * HELLO [protover [AUTH username password] [SETNAME clientname]]: options are parsed first
     * (syntax errors), then AUTH, then the authentication requirement, then SETNAME, and only then
     * the protocol switches, so the reply map is already in the new protocol.
     */
    static void hello(EngineContext ctx, Argv argv) {
        Session s = ctx.session();
        ReplyWriter out = ctx.reply();
        int argc = argv.count();
        RespVersion version = null;
        if (argc >= 2) {
            long v;
            try {
                v = argv.longValue(1);
            } catch (NumberFormatException e) {
                out.error("ERR Protocol version is not an integer or out of range");
                return;
            }
            if (v < 2 || v > 3) {
                out.error("NOPROTO unsupported protocol version");
                return;
            }
            version = v == 2 ? RespVersion.RESP2 : RespVersion.RESP3;
        }
        int userArg = -1;
        int nameArg = -1;
        for (int j = 2; j < argc; j++) {
            int more = argc - 1 - j;
            if (argv.equalsIgnoreCase(j, "auth") && more >= 2) {
                ctx.redactArgument(j + 1); // the slow log shows neither user nor password, as Redis
                ctx.redactArgument(j + 2);
                userArg = j + 1;
                j += 2;
            } else if (argv.equalsIgnoreCase(j, "setname") && more >= 1) {
                nameArg = j + 1;
                j++;
            } else {
                out.error("ERR Syntax error in HELLO option '" + argv.string(j) + "'");
                return;
            }
        }
        if (userArg >= 0 && !authenticate(ctx, argv, userArg, userArg + 1)) {
            out.raw(WRONGPASS);
            return;
        }
        if (!s.authenticated()) {
            out.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                    + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select the "
                    + "RESP protocol version at the same time");
            return;
        }
        if (nameArg >= 0 && !ClientCommand.setName(ctx, argv, nameArg)) {
            return;
        }
        if (version != null) {
            s.protocol(version);
        }
        out.mapHeader(7);
        out.bulk("server").bulk("redis");
        out.bulk("version").bulk(Engine.REDIS_VERSION);
        out.bulk("proto").integer(s.protocol().number());
        out.bulk("id").integer(s.id());
        out.bulk("mode").bulk("standalone");
        out.bulk("role").bulk("master");
        out.bulk("modules").arrayHeader(0);
    }

    /** AUTH [username] password: only the "default" user exists, its password is requirepass. */
    static void auth(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        if (argv.count() > 3) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        // The slow log shows (redacted) for the password and the user name, as Redis.
        ctx.redactArgument(1);
        if (argv.count() == 3) {
            ctx.redactArgument(2);
        }
        if (argv.count() == 2) {
            if (!ctx.engine().passwordRequired()) {
                out.error("ERR AUTH <password> called without any password configured for the default user. "
                        + "Are you sure your configuration is correct?");
                return;
            }
            if (authenticate(ctx, argv, -1, 1)) {
                out.raw(Replies.OK);
            } else {
                out.raw(WRONGPASS);
            }
            return;
        }
        if (authenticate(ctx, argv, 1, 2)) {
            out.raw(Replies.OK);
        } else {
            out.raw(WRONGPASS);
        }
    }

    static void quit(EngineContext ctx, Argv argv) {
        ctx.reply().raw(Replies.OK);
        ctx.session().requestClose();
    }

    static void reset(EngineContext ctx, Argv argv) {
        ctx.session().reset();
        ctx.reply().raw(RESET);
    }

    static void select(EngineContext ctx, Argv argv) {
        long index;
        try {
            index = argv.longValue(1);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return;
        }
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            ctx.reply().error("ERR value is out of range, value must between -2147483648 and 2147483647");
            return;
        }
        if (index < 0 || index >= ctx.keyspace().databaseCount()) {
            ctx.reply().error("ERR DB index is out of range");
            return;
        }
        ctx.session().select((int) index);
        ctx.reply().raw(Replies.OK);
    }

    // ---- helpers -------------------------------------------------------------------------

    /**
     * Checks credentials against the only user, "default" (userArg -1 means "default"); on success
     * marks the session authenticated. With no requirepass the default user takes any password, as
     * Redis's nopass user does.
     */
    private static boolean authenticate(EngineContext ctx, Argv argv, int userArg, int passArg) {
        if (userArg >= 0 && !argv.contentEquals(userArg, DEFAULT_USER)) {
            return false;
        }
        // requirepass is bytes: the configured bytes, compared with the argument's exact bytes.
        byte[] required = ctx.engine().config().bytes("requirepass");
        boolean ok = required.length == 0
                // Constant time, so the comparison leaks nothing about the password through timing.
                || MessageDigest.isEqual(required, argv.bytes(passArg));
        if (ok) {
            ctx.session().markAuthenticated();
        }
        return ok;
    }

}
