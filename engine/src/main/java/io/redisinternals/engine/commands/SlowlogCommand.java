package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.SlowLog;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.List;
import java.util.Locale;

/** SLOWLOG GET / LEN / RESET / HELP over the engine's {@link SlowLog}. */
public final class SlowlogCommand {

    private SlowlogCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.container("slowlog")
                .subcommand(CommandMetadata.bind("slowlog|get", EngineContext.bind(SlowlogCommand::get)))
                .subcommand(CommandMetadata.bind("slowlog|len", EngineContext.bind(SlowlogCommand::len)))
                .subcommand(CommandMetadata.bind("slowlog|reset", EngineContext.bind(SlowlogCommand::reset)))
                .subcommand(CommandMetadata.bind("slowlog|help", EngineContext.bind(SlowlogCommand::help)))
                .build();
    }

    /**
     * SLOWLOG GET [count]: the newest {@code count} entries (default 10, -1 for all), each
     * [id, unix time, microseconds, [arguments], "ip:port", client name].
     */
    static void get(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        if (argv.count() > 3) {
            subcommandSyntaxError(out, argv);
            return;
        }
        SlowLog log = ctx.engine().diagnostics().slowLog();
        long count = 10;
        if (argv.count() == 3) {
            try {
                count = argv.longValue(2);
            } catch (NumberFormatException e) {
                count = -2;
            }
            if (count < -1) {
                out.error("ERR count should be greater than or equal to -1");
                return;
            }
            if (count == -1) {
                count = log.size();
            }
        }
        List<SlowLog.Entry> entries = log.newest(count);
        out.arrayHeader(entries.size());
        for (SlowLog.Entry e : entries) {
            out.arrayHeader(6).integer(e.id()).integer(e.time()).integer(e.micros());
            out.arrayHeader(e.args().length);
            for (byte[] arg : e.args()) {
                out.bulk(arg);
            }
            out.bulk(ClientCommand.address(e.client())).bulk(e.name());
        }
    }

    static void len(EngineContext ctx, Argv argv) {
        ctx.reply().integer(ctx.engine().diagnostics().slowLog().size());
    }

    static void reset(EngineContext ctx, Argv argv) {
        ctx.engine().diagnostics().slowLog().reset();
        ctx.reply().raw(Replies.OK);
    }

    static void help(EngineContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET [<count>]",
                "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                "    Entries are made of:",
                "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                "    client name",
                "LEN",
                "    Return the length of the slowlog.",
                "RESET",
                "    Reset the slowlog.",
                "HELP",
                "    Prints this help.");
    }

    /** Redis's addReplySubcommandSyntaxError: the subcommand as typed, cut at 128 bytes. */
    static void subcommandSyntaxError(ReplyWriter out, Argv argv) {
        String sub = argv.string(1);
        if (sub.length() > 128) {
            sub = sub.substring(0, 128);
        }
        out.error("ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try "
                + argv.string(0).toUpperCase(Locale.ROOT) + " HELP.");
    }
}
