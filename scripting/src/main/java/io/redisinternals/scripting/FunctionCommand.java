package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.keyspace.dict.GlobMatcher;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * FUNCTION LOAD / DELETE / FLUSH / LIST / STATS / KILL / HELP (Redis 7.0's functions.c commands).
 * FUNCTION DUMP and RESTORE are {@link FunctionDump}'s.
 */
final class FunctionCommand {

    private final FunctionEngine engine;

    private final FunctionDump dump;

    FunctionCommand(FunctionEngine engine) {
        this.engine = engine;
        this.dump = new FunctionDump(engine);
    }

    CommandSpec.Builder container() {
        return CommandMetadata.container("function")
                .subcommand(CommandMetadata.bind("function|load", this::load))
                .subcommand(CommandMetadata.bind("function|delete", this::delete))
                .subcommand(CommandMetadata.bind("function|flush", this::flush))
                .subcommand(CommandMetadata.bind("function|list", this::list))
                .subcommand(CommandMetadata.bind("function|stats", this::stats))
                .subcommand(CommandMetadata.bind("function|kill", (ctx, argv) -> ScriptKill.kill(ctx, false)))
                .subcommand(CommandMetadata.bind("function|dump", dump::dump))
                .subcommand(CommandMetadata.bind("function|restore", dump::restore))
                .subcommand(CommandMetadata.bind("function|help", FunctionCommand::help));
    }

    /** FUNCTION LOAD [REPLACE] code: replies the library's name. */
    private void load(CommandContext ctx, Argv argv) {
        boolean replace = false;
        int i = 2;
        while (i < argv.count() - 1) {
            if (!argv.equalsIgnoreCase(i, "replace")) {
                ctx.reply().error("ERR Unknown option given: " + argv.string(i));
                return;
            }
            replace = true;
            i++;
        }
        if (i >= argv.count()) {
            ctx.reply().error("ERR Function code is missing");
            return;
        }
        try {
            String name = engine.load(argv.bytes(i), replace);
            ctx.dirty(1); // propagated as it came, as Redis: replicas and the AOF get the library
            ctx.reply().bulk(name);
        } catch (ScriptException e) {
            e.reply(ctx.reply());
        }
    }

    private void delete(CommandContext ctx, Argv argv) {
        if (engine.libraries().remove(argv.string(2))) {
            ctx.dirty(1);
            ctx.reply().simpleString("OK");
        } else {
            ctx.reply().error("ERR Library not found");
        }
    }

    /** FUNCTION FLUSH [ASYNC|SYNC]: both modes drop everything at once (dropping the maps is O(1)). */
    private void flush(CommandContext ctx, Argv argv) {
        if (argv.count() > 3) {
            CommandReplies.subcommandSyntaxError(ctx.reply(), argv);
            return;
        }
        if ((argv.count() == 3 && !argv.equalsIgnoreCase(2, "sync")
                && !argv.equalsIgnoreCase(2, "async"))) {
            ctx.reply().error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
            return;
        }
        engine.libraries().clear();
        ctx.dirty(1);
        ctx.reply().simpleString("OK");
    }

    /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]: each option once, the pattern without case. */
    private void list(CommandContext ctx, Argv argv) {
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < argv.count(); i++) {
            if (!withCode && argv.equalsIgnoreCase(i, "withcode")) {
                withCode = true;
                continue;
            }
            if (pattern == null && argv.equalsIgnoreCase(i, "libraryname")) {
                if (i >= argv.count() - 1) {
                    ctx.reply().error("ERR library name argument was not given");
                    return;
                }
                pattern = argv.bytes(++i);
                continue;
            }
            ctx.reply().error("ERR Unknown argument " + argv.string(i));
            return;
        }
        List<FunctionLibraries.Library> shown = new ArrayList<>();
        for (FunctionLibraries.Library lib : engine.libraries().libraries()) {
            byte[] name = lib.name().getBytes(StandardCharsets.UTF_8);
            if (pattern == null || GlobMatcher.matches(pattern, name, true)) {
                shown.add(lib);
            }
        }
        ReplyWriter out = ctx.reply();
        out.arrayHeader(shown.size());
        for (FunctionLibraries.Library lib : shown) {
            out.mapHeader(withCode ? 4 : 3);
            out.bulk("library_name").bulk(lib.name());
            out.bulk("engine").bulk("LUA");
            out.bulk("functions").arrayHeader(lib.functions().size());
            for (FunctionLibraries.Function f : lib.functions().values()) {
                out.mapHeader(3);
                out.bulk("name").bulk(f.name());
                out.bulk("description");
                if (f.description() == null) {
                    out.nullBulk();
                } else {
                    out.bulk(f.description());
                }
                List<String> flags = Shebang.names(f.flags());
                out.bulk("flags").setHeader(flags.size());
                flags.forEach(out::simpleString);
            }
            if (withCode) {
                out.bulk("library_code").bulk(lib.code());
            }
        }
    }

    /**
     * FUNCTION STATS: running_script is the busy function (name, FCALL request, duration), null when
     * none runs beside this command (see {@link ScriptKill}); refused while an EVAL script is busy.
     */
    private void stats(CommandContext ctx, Argv argv) {
        if (!ScriptKill.runningFunction(ctx)) {
            return;
        }
        ReplyWriter out = ctx.reply();
        out.bulk("engines").mapHeader(1);
        out.bulk("LUA").mapHeader(2);
        out.bulk("libraries_count").integer(engine.libraries().libraryCount());
        out.bulk("functions_count").integer(engine.libraries().functionCount());
    }

    private static void help(CommandContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "LOAD [REPLACE] <FUNCTION CODE>",
                "    Create a new library with the given library name and code.",
                "DELETE <LIBRARY NAME>",
                "    Delete the given library.",
                "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
                "    Return general information on all the libraries:",
                "    * Library name",
                "    * The engine used to run the Library",
                "    * Library description",
                "    * Functions list",
                "    * Library code (if WITHCODE is given)",
                "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
                "STATS",
                "    Return information about the current function running:",
                "    * Function name",
                "    * Command used to run the function",
                "    * Duration in MS that the function is running",
                "    If no function is running, return nil",
                "    In addition, returns a list of available engines.",
                "KILL",
                "    Kill the current running function.",
                "FLUSH [ASYNC|SYNC]",
                "    Delete all the libraries.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the libraries.",
                "    * SYNC: Synchronously flush the libraries.",
                "DUMP",
                "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
                "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
                "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
                "    control how to handle existing libraries (default APPEND):",
                "    * FLUSH: delete all existing libraries.",
                "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
                "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
                "      libraries with the new libraries (notice that even on this option there is a chance of failure",
                "      in case of functions name collision with another library).",
                "HELP",
                "    Prints this help.");
    }
}
