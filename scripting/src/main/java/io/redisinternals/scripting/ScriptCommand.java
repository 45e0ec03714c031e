package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;

/**
 * SCRIPT LOAD, EXISTS, FLUSH, KILL, DEBUG and HELP (Redis's scriptCommand). No Lua debugger is
 * offered: SCRIPT DEBUG NO answers as Redis (+OK, debugging is off), YES and SYNC answer an error
 * saying so rather than +OK, which would claim a debugging session.
 */
final class ScriptCommand {

    static final String FLUSH_OPTION = "ERR SCRIPT FLUSH only support SYNC|ASYNC option";
    static final String DEBUG_MODES = "ERR Use SCRIPT DEBUG YES/SYNC/NO";
    static final String DEBUG_PIPELINE = "ERR SCRIPT DEBUG must be called outside a pipeline";
    static final String NO_DEBUGGER = "ERR SCRIPT DEBUG YES/SYNC is not supported: this server has no Lua debugger"
            + " (scripts run normally with SCRIPT DEBUG NO)";

    private final ScriptEngine engine;

    ScriptCommand(ScriptEngine engine) {
        this.engine = engine;
    }

    CommandSpec spec() {
        return CommandMetadata.container("script")
                .subcommand(CommandMetadata.bind("script|load", this::load))
                .subcommand(CommandMetadata.bind("script|exists", this::exists))
                .subcommand(CommandMetadata.bind("script|flush", this::flush))
                .subcommand(CommandMetadata.bind("script|kill", (ctx, argv) -> ScriptKill.kill(ctx, true)))
                .subcommand(CommandMetadata.bind("script|debug", ScriptCommand::debug))
                .subcommand(CommandMetadata.bind("script|help", ScriptCommand::help))
                .build();
    }

    /** SCRIPT LOAD body: compiled (and cached) without running; replies its SHA1. */
    private void load(CommandContext ctx, Argv argv) {
        try {
            ctx.reply().bulk(engine.cache().load(argv.bytes(2)).sha());
        } catch (ScriptException e) {
            e.reply(ctx.reply());
        }
    }

    private void exists(CommandContext ctx, Argv argv) {
        ctx.reply().arrayHeader(argv.count() - 2);
        for (int i = 2; i < argv.count(); i++) {
            ctx.reply().integer(engine.cache().exists(argv.string(i)) ? 1 : 0);
        }
    }

    /** SCRIPT FLUSH [ASYNC|SYNC]: both modes drop everything at once here (it is O(1)). */
    private void flush(CommandContext ctx, Argv argv) {
        if (argv.count() > 3 || (argv.count() == 3 && !argv.equalsIgnoreCase(2, "sync")
                && !argv.equalsIgnoreCase(2, "async"))) {
            ctx.reply().error(FLUSH_OPTION);
            return;
        }
        engine.reset();
        ctx.reply().simpleString("OK");
    }

    /**
     * SCRIPT DEBUG YES|SYNC|NO. Redis refuses it while the client has replies not yet sent ("must
     * be called outside a pipeline"), which inside EXEC is always the case (the array being
     * built): we answer that inside EXEC; a plain pipeline's earlier replies are not visible from
     * a command here, so there NO answers +OK. The pipeline check comes first, as in Redis.
     */
    private static void debug(CommandContext ctx, Argv argv) {
        if (!ctx.mayBlock()) { // inside EXEC (a script cannot call it: noscript)
            ctx.reply().error(DEBUG_PIPELINE);
        } else if (argv.equalsIgnoreCase(2, "no")) {
            ctx.reply().simpleString("OK");
        } else if (argv.equalsIgnoreCase(2, "yes") || argv.equalsIgnoreCase(2, "sync")) {
            ctx.reply().error(NO_DEBUGGER);
        } else {
            ctx.reply().error(DEBUG_MODES);
        }
    }

    private static void help(CommandContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DEBUG (YES|SYNC|NO)",
                "    Set the debug mode for subsequent scripts executed.",
                "EXISTS <sha1> [<sha1> ...]",
                "    Return information about the existence of the scripts in the script cache.",
                "FLUSH [ASYNC|SYNC]",
                "    Flush the Lua scripts cache. Very dangerous on replicas.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the scripts cache.",
                "    * SYNC: Synchronously flush the scripts cache.",
                "KILL",
                "    Kill the currently executing Lua script.",
                "LOAD <script>",
                "    Load a script into the scripts cache without executing it.",
                "HELP",
                "    Prints this help.");
    }
}
