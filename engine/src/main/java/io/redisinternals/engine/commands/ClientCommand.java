package io.redisinternals.engine.commands;

import io.redisinternals.engine.ClientAddress;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;

import io.redisinternals.engine.ClientChannel;
import io.redisinternals.engine.ClientInfo;
import io.redisinternals.engine.ClientPause;
import io.redisinternals.engine.Session;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT ID / SETNAME / GETNAME / INFO / LIST / KILL / NO-EVICT / REPLY / UNBLOCK / GETREDIR /
 * TRACKINGINFO / CACHING / TRACKING / PAUSE / UNPAUSE / HELP. The CLIENT LIST line is
 * {@link ClientInfo}'s: redis-server 7.0.15's fields in its order.
 */
public final class ClientCommand {

    private ClientCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.container("client")
                .subcommand(CommandMetadata.bind("client|id", EngineContext.bind(ClientCommand::id)))
                .subcommand(CommandMetadata.bind("client|setname", EngineContext.bind(ClientCommand::setname)))
                .subcommand(CommandMetadata.bind("client|getname", EngineContext.bind(ClientCommand::getname)))
                .subcommand(CommandMetadata.bind("client|info", EngineContext.bind(ClientCommand::info)))
                .subcommand(CommandMetadata.bind("client|list", EngineContext.bind(ClientCommand::list)))
                .subcommand(CommandMetadata.bind("client|kill", EngineContext.bind(ClientCommand::kill)))
                .subcommand(CommandMetadata.bind("client|no-evict", EngineContext.bind(ClientCommand::noEvict)))
                .subcommand(CommandMetadata.bind("client|reply", EngineContext.bind(ClientCommand::reply)))
                .subcommand(CommandMetadata.bind("client|unblock", EngineContext.bind(ClientCommand::unblock)))
                .subcommand(CommandMetadata.bind("client|getredir", EngineContext.bind(TrackingCommands::getredir)))
                .subcommand(CommandMetadata.bind("client|trackinginfo", EngineContext.bind(TrackingCommands::trackinginfo)))
                .subcommand(CommandMetadata.bind("client|caching", EngineContext.bind(TrackingCommands::caching)))
                .subcommand(CommandMetadata.bind("client|tracking", EngineContext.bind(TrackingCommands::tracking)))
                .subcommand(CommandMetadata.bind("client|pause", EngineContext.bind(ClientCommand::pause)))
                .subcommand(CommandMetadata.bind("client|unpause", EngineContext.bind(ClientCommand::unpause)))
                .subcommand(CommandMetadata.bind("client|help", EngineContext.bind(ClientCommand::help)))
                .build();
    }

    static void id(EngineContext ctx, Argv argv) {
        ctx.reply().integer(ctx.session().id());
    }

    static void setname(EngineContext ctx, Argv argv) {
        if (setName(ctx, argv, 2)) {
            ctx.reply().raw(Replies.OK);
        }
    }

    /**
     * Validates and sets the name in argument {@code i} (CLIENT SETNAME, HELLO SETNAME); on a bad
     * name writes the error and returns false. Names are printable ASCII without spaces because
     * CLIENT LIST is a space-separated format; an empty name clears it.
     */
    static boolean setName(EngineContext ctx, Argv argv, int i) {
        int n = argv.length(i);
        for (int j = 0; j < n; j++) {
            byte c = argv.byteAt(i, j);
            if (c < '!' || c > '~') {
                ctx.reply().error("ERR Client names cannot contain spaces, newlines or special characters.");
                return false;
            }
        }
        ctx.session().name(argv.string(i));
        return true;
    }

    static void getname(EngineContext ctx, Argv argv) {
        String name = ctx.session().name();
        if (name == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(name);
        }
    }

    static void info(EngineContext ctx, Argv argv) {
        StringBuilder sb = new StringBuilder(256);
        appendLine(sb, ctx.session(), ctx.nowMillis());
        CommandReplies.text(ctx.reply(), sb.toString());
    }

    /** CLIENT LIST [TYPE type | ID id [id ...]]. */
    static void list(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        List<Session> selected = new ArrayList<>();
        int argc = argv.count();
        if (argc == 2) {
            selected.addAll(ctx.engine().clients());
        } else if (argc == 4 && argv.equalsIgnoreCase(2, "type")) {
            String type = argv.string(3);
            int t = clientType(type);
            if (t < 0) {
                out.error("ERR Unknown client type '" + type + "'");
                return;
            }
            for (Session s : ctx.engine().clients()) {
                if (typeOf(s) == t) {
                    selected.add(s);
                }
            }
        } else if (argc >= 4 && argv.equalsIgnoreCase(2, "id")) {
            for (int i = 3; i < argc; i++) {
                long id;
                try {
                    id = argv.longValue(i);
                } catch (NumberFormatException e) {
                    id = 0;
                }
                if (id <= 0) {
                    out.error("ERR Invalid client ID");
                    return;
                }
                Session s = ctx.engine().client(id);
                if (s != null) {
                    selected.add(s);
                }
            }
        } else {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        StringBuilder sb = new StringBuilder(256 * selected.size());
        for (Session s : selected) {
            appendLine(sb, s, ctx.nowMillis());
        }
        CommandReplies.text(out, sb.toString());
    }

    /**
     * CLIENT KILL ip:port (old form: +OK or "No such client") or CLIENT KILL &lt;filter value&gt;...
     * (new form: the number killed). The calling client is skipped unless SKIPME no; if it is
     * killed it gets its reply first and is closed after.
     */
    static void kill(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Session self = ctx.session();
        int argc = argv.count();
        if (argc == 3) {
            String addr = argv.string(2);
            for (Session s : ctx.engine().clients()) {
                if (addr.equals(address(s.channel(), true))) {
                    out.raw(Replies.OK);
                    terminate(s, self);
                    return;
                }
            }
            out.error("ERR No such client");
            return;
        }
        long id = 0;
        int type = -1;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = 2; i < argc; i += 2) {
            boolean more = i + 1 < argc;
            if (more && argv.equalsIgnoreCase(i, "id")) {
                try {
                    id = argv.longValue(i + 1);
                } catch (NumberFormatException e) {
                    id = 0;
                }
                if (id <= 0) {
                    out.error("ERR client-id should be greater than 0");
                    return;
                }
            } else if (more && argv.equalsIgnoreCase(i, "type")) {
                String t = argv.string(i + 1);
                type = clientType(t);
                if (type < 0) {
                    out.error("ERR Unknown client type '" + t + "'");
                    return;
                }
            } else if (more && argv.equalsIgnoreCase(i, "user")) {
                if (!argv.string(i + 1).equals("default")) { // ACL user names are case-sensitive
                    out.error("ERR No such user '" + argv.string(i + 1) + "'");
                    return;
                }
            } else if (more && argv.equalsIgnoreCase(i, "addr")) {
                addr = argv.string(i + 1);
            } else if (more && argv.equalsIgnoreCase(i, "laddr")) {
                laddr = argv.string(i + 1);
            } else if (more && argv.equalsIgnoreCase(i, "skipme")) {
                if (argv.equalsIgnoreCase(i + 1, "yes")) {
                    skipMe = true;
                } else if (argv.equalsIgnoreCase(i + 1, "no")) {
                    skipMe = false;
                } else {
                    out.raw(Replies.SYNTAX_ERROR);
                    return;
                }
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        List<Session> victims = new ArrayList<>();
        for (Session s : ctx.engine().clients()) {
            if ((id != 0 && s.id() != id)
                    || (type >= 0 && type != typeOf(s))
                    || (addr != null && !addr.equals(address(s.channel(), true)))
                    || (laddr != null && !laddr.equals(address(s.channel(), false)))
                    || (skipMe && s == self)) {
                continue;
            }
            victims.add(s);
        }
        out.integer(victims.size());
        for (Session s : victims) {
            terminate(s, self);
        }
    }

    /** CLIENT NO-EVICT ON|OFF: a client with it on is never evicted by maxmemory-clients ({@code ClientEviction}); flag 'e'. */
    static void noEvict(EngineContext ctx, Argv argv) {
        if (argv.equalsIgnoreCase(2, "on")) {
            ctx.session().noEvict(true);
        } else if (argv.equalsIgnoreCase(2, "off")) {
            ctx.session().noEvict(false);
        } else {
            ctx.reply().raw(Replies.SYNTAX_ERROR);
            return;
        }
        ctx.reply().raw(Replies.OK);
    }

    /**
     * CLIENT REPLY ON|OFF|SKIP: only flips the session's state; {@link Session#execute} discards the
     * replies. ON answers +OK; OFF and SKIP answer nothing (their reply would be discarded anyway).
     */
    static void reply(EngineContext ctx, Argv argv) {
        Session s = ctx.session();
        if (argv.equalsIgnoreCase(2, "on")) {
            s.replyOn();
            ctx.reply().raw(Replies.OK);
        } else if (argv.equalsIgnoreCase(2, "off")) {
            s.replyOff();
        } else if (argv.equalsIgnoreCase(2, "skip")) {
            s.replySkipNext();
        } else {
            ctx.reply().raw(Replies.SYNTAX_ERROR);
        }
    }

    /**
     * CLIENT UNBLOCK client-id [TIMEOUT|ERROR]: ends the wait of a client blocked on keys, as a
     * timeout (the default) or with the UNBLOCKED error; 1 if it was blocked, else 0. The reason
     * is checked before the id, as Redis.
     */
    static void unblock(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        if (argv.count() > 4) {
            subcommandSyntaxError(out, argv);
            return;
        }
        boolean error = false;
        if (argv.count() == 4) {
            if (argv.equalsIgnoreCase(3, "error")) {
                error = true;
            } else if (!argv.equalsIgnoreCase(3, "timeout")) {
                out.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
                return;
            }
        }
        long id;
        try {
            id = argv.longValue(2);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        Session target = ctx.engine().client(id);
        boolean done = target != null && ctx.engine().blockedClients().unblock(target, error);
        out.raw(done ? Replies.ONE : Replies.ZERO);
    }

    /**
     * CLIENT PAUSE timeout [WRITE|ALL]: the mode is checked before the timeout, as Redis; the
     * timeout is in milliseconds from now (0: a pause already over). See {@link ClientPause}.
     */
    static void pause(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        if (argv.count() > 4) {
            subcommandSyntaxError(out, argv);
            return;
        }
        ClientPause.Mode mode = ClientPause.Mode.ALL;
        if (argv.count() == 4) {
            if (argv.equalsIgnoreCase(3, "write")) {
                mode = ClientPause.Mode.WRITE;
            } else if (!argv.equalsIgnoreCase(3, "all")) {
                out.error("ERR CLIENT PAUSE mode must be WRITE or ALL");
                return;
            }
        }
        long timeout;
        try {
            timeout = argv.longValue(2);
        } catch (NumberFormatException e) {
            out.error("ERR timeout is not an integer or out of range");
            return;
        }
        if (timeout < 0) {
            out.error("ERR timeout is negative");
            return;
        }
        long now = System.currentTimeMillis();
        // As Redis's getTimeoutFromObjectOrReply: 0 stays 0 (an end already past); the sum wraps as in C.
        ctx.engine().clientPause().pause(mode, timeout > 0 ? timeout + now : 0, now);
        out.raw(Replies.OK);
    }

    /** CLIENT UNPAUSE: the postponed clients run once this command is over. */
    static void unpause(EngineContext ctx, Argv argv) {
        ctx.engine().clientPause().unpause();
        ctx.reply().raw(Replies.OK);
    }

    private static void subcommandSyntaxError(ReplyWriter out, Argv argv) {
        CommandReplies.subcommandSyntaxError(out, argv);
    }

    static void help(EngineContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CACHING (YES|NO)",
                "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                "GETREDIR",
                "    Return the client ID we are redirecting to when tracking is enabled.",
                "GETNAME",
                "    Return the name of the current connection.",
                "ID",
                "    Return the ID of the current connection.",
                "INFO",
                "    Return information about the current client connection.",
                "KILL <ip:port>",
                "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are:",
                "    * ADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made from the specified address",
                "    * LADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made to specified local address",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Kill connections by type.",
                "    * USER <username>",
                "      Kill connections authenticated by <username>.",
                "    * SKIPME (YES|NO)",
                "      Skip killing current connection (default: yes).",
                "LIST [options ...]",
                "    Return information about client connections. Options:",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Return clients of specified type.",
                "UNPAUSE",
                "    Stop the current client pause, resuming traffic.",
                "PAUSE <timeout> [WRITE|ALL]",
                "    Suspend all, or just write, clients for <timeout> milliseconds.",
                "REPLY (ON|OFF|SKIP)",
                "    Control the replies sent to the current connection.",
                "SETNAME <name>",
                "    Assign the name <name> to the current connection.",
                "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                "    Unblock the specified blocked client.",
                "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
                "         [OPTIN] [OPTOUT] [NOLOOP]",
                "    Control server assisted client side caching.",
                "TRACKINGINFO",
                "    Report tracking status for the current connection.",
                "NO-EVICT (ON|OFF)",
                "    Protect current client connection from eviction.",
                "HELP",
                "    Prints this help.");
    }

    // ---- helpers -------------------------------------------------------------------------

    private static final int TYPE_NORMAL = 0;

    private static final int TYPE_PUBSUB = 3;

    /** Redis's getClientType: pubsub while subscribed, else normal (no replicas or master yet). */
    private static int typeOf(Session s) {
        return s.inPubSubMode() ? TYPE_PUBSUB : TYPE_NORMAL;
    }

    /** Redis's client types: normal, master, replica (alias slave), pubsub; -1 if unknown. */
    private static int clientType(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> TYPE_NORMAL;
            case "master" -> 1;
            case "replica", "slave" -> 2;
            case "pubsub" -> TYPE_PUBSUB;
            default -> -1;
        };
    }

    /** The caller is closed only after its reply is flushed; others are closed now. */
    private static void terminate(Session victim, Session self) {
        if (victim == self) {
            self.requestClose();
        } else {
            victim.kill();
        }
    }

    /** One CLIENT LIST line, fields in redis-server 7.0.15's order ({@link ClientInfo}), ending with '\n'. */
    static void appendLine(StringBuilder sb, Session s, long now) {
        ClientInfo.append(sb, s, now);
        sb.append('\n');
    }

    static String address(ClientChannel ch, boolean remote) {
        return ClientAddress.of(ch, remote);
    }

    /** {@code ip:port} as Redis prints a peer (CLIENT LIST addr, SLOWLOG GET); "" for none. */
    static String address(InetSocketAddress a) {
        return ClientAddress.of(a);
    }

    static String compressIpv6(byte[] b) {
        return ClientAddress.compressIpv6(b);
    }
}
