package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.ProtectedCommands;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CONFIG GET / SET / RESETSTAT / REWRITE / HELP over the engine's {@link Config} registry. */
public final class ConfigCommand {

    private static final System.Logger LOG = System.getLogger(ConfigCommand.class.getName());
    /** Redis's SENSITIVE_CONFIG settings (those that exist here): CONFIG SET redacts their values. */
    private static final Set<String> SENSITIVE = Set.of("requirepass", "masterauth", "masteruser");

    private ConfigCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.container("config")
                .subcommand(CommandMetadata.bind("config|get", EngineContext.bind(ConfigCommand::get)))
                .subcommand(CommandMetadata.bind("config|set", EngineContext.bind(ConfigCommand::set)))
                .subcommand(CommandMetadata.bind("config|resetstat", EngineContext.bind(ConfigCommand::resetstat)))
                .subcommand(CommandMetadata.bind("config|rewrite", EngineContext.bind(ConfigCommand::rewrite)))
                .subcommand(CommandMetadata.bind("config|help", EngineContext.bind(ConfigCommand::help)))
                .build();
    }

    /**
     * CONFIG GET pattern [pattern ...]: a map (RESP3) or flat array (RESP2) of name/value pairs.
     * Redis orders them by its dict's hash order, which is not reproducible; ours is pattern order,
     * then registration order, each name once.
     */
    static void get(EngineContext ctx, Argv argv) {
        List<String> patterns = new ArrayList<>(argv.count() - 2);
        for (int i = 2; i < argv.count(); i++) {
            patterns.add(argv.string(i));
        }
        Map<String, Config.Setting> found = ctx.engine().config().matchingSettings(patterns);
        ReplyWriter out = ctx.reply();
        out.mapHeader(found.size());
        for (Map.Entry<String, Config.Setting> e : found.entrySet()) {
            out.bulk(e.getKey()).bulk(e.getValue().valueBytes()); // a password comes back as its bytes
        }
    }

    /**
     * CONFIG SET name value [name value ...], all or nothing as Redis 7.0: first every name is
     * checked (unknown, immutable, given twice), then every value is applied; if one is bad the
     * ones already applied are restored and nothing changes.
     */
    static void set(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        if ((argv.count() - 2) % 2 != 0) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        Config config = ctx.engine().config();
        // As Redis: every secret value is hidden from the slow log, even when the command fails.
        for (int i = 3; i < argv.count(); i += 2) {
            Config.Setting s = config.setting(argv.string(i - 1));
            if (s != null && SENSITIVE.contains(s.name())) {
                ctx.redactArgument(i);
            }
        }
        List<Config.Setting> settings = new ArrayList<>();
        Set<Config.Setting> seen = new HashSet<>();
        for (int i = 2; i < argv.count(); i += 2) {
            String name = argv.string(i);
            Config.Setting s = config.setting(name);
            if (s == null) {
                out.error("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
                return;
            }
            if (!s.mutable()) {
                out.error(failed(name, "can't set immutable config"));
                return;
            }
            // Settings that choose where files are written (dir, dbfilename): only where
            // enable-protected-configs allows this client, as Redis's allowProtectedAction.
            if (s.protectedConfig() && !ProtectedCommands.allowed(config.get("enable-protected-configs"), ctx.session())) {
                out.error(failed(name, "can't set protected config"));
                return;
            }
            if (!seen.add(s)) {
                out.error(failed(name, "duplicate parameter"));
                return;
            }
            settings.add(s);
        }
        List<String> previous = new ArrayList<>(settings.size());
        for (int k = 0; k < settings.size(); k++) {
            Config.Setting s = settings.get(k);
            String name = argv.string(2 + 2 * k);
            previous.add(s.value());
            try {
                config.set(s.name(), s.decode(argv.bytes(3 + 2 * k)));
            } catch (Exception e) {
                for (int r = k - 1; r >= 0; r--) {
                    restore(config, settings.get(r), previous.get(r));
                }
                out.error(failed(name, e.getMessage()));
                return;
            }
        }
        out.raw(Replies.OK);
    }

    static void resetstat(EngineContext ctx, Argv argv) {
        ctx.engine().stats().reset();
        ctx.engine().resetCommandStats();
        ctx.engine().keyspace().stats().reset();
        ctx.engine().lazyFree().resetStats();
        ctx.reply().raw(Replies.OK);
    }

    /** CONFIG REWRITE: the config file the server started with now holds the current settings. */
    static void rewrite(EngineContext ctx, Argv argv) {
        String file = ctx.engine().hooks().configFile();
        if (file == null || file.isEmpty()) {
            ctx.reply().error("ERR The server is running without a config file");
            return;
        }
        try {
            ctx.engine().config().rewrite(Path.of(file));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "CONFIG REWRITE failed: " + e);
            ctx.reply().error("ERR Rewriting config file: " + reason(e));
            return;
        }
        LOG.log(System.Logger.Level.INFO, "CONFIG REWRITE executed with success.");
        ctx.reply().raw(Replies.OK);
    }

    /** The strerror-style text Redis would print for the failure. */
    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    static void help(EngineContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "REWRITE",
                "    Rewrite the configuration file.",
                "HELP",
                "    Prints this help.");
    }

    private static String failed(String name, String reason) {
        return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason;
    }

    private static void restore(Config config, Config.Setting s, String value) {
        config.restore(s.name(), value); // a value the setting held a moment ago is valid by construction
    }
}
