package io.redisinternals.engine.commands;

import io.redisinternals.engine.CommandKeys;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;

import io.redisinternals.engine.Engine;
import io.redisinternals.keyspace.dict.GlobMatcher;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.command.CommandDocs;
import io.redisinternals.command.CommandDocs.Arg;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and its subcommands. Every reply is generated from {@link CommandSpec} metadata alone, in
 * redis-server 7.0's shapes: sets and maps for RESP3, downgraded to arrays for RESP2 by the writer.
 */
public final class CommandCommand {

    /** Redis's ACL category order (the order of its category bits), used to print categories. */
    private static final List<String> ACL_ORDER = List.of("keyspace", "read", "write", "set", "sortedset", "list",
            "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting");
    /** Redis's key-spec flag order and spelling. */
    private static final List<String> KEY_FLAG_ORDER = List.of("RO", "RW", "OW", "RM", "access", "update",
            "insert", "delete", "not_key", "incomplete", "variable_flags");
    private static final List<String> ARG_FLAG_ORDER = List.of("optional", "multiple", "multiple_token");

    private CommandCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.container("command")
                .function(EngineContext.bind(CommandCommand::command))
                .subcommand(CommandMetadata.bind("command|count", EngineContext.bind(CommandCommand::count)))
                .subcommand(CommandMetadata.bind("command|info", EngineContext.bind(CommandCommand::info)))
                .subcommand(CommandMetadata.bind("command|docs", EngineContext.bind(CommandCommand::docs)))
                .subcommand(CommandMetadata.bind("command|list", EngineContext.bind(CommandCommand::list)))
                .subcommand(CommandMetadata.bind("command|getkeys", EngineContext.bind(CommandCommand::getkeys)))
                .subcommand(CommandMetadata.bind("command|getkeysandflags", EngineContext.bind(CommandCommand::getkeysandflags)))
                .subcommand(CommandMetadata.bind("command|help", EngineContext.bind(CommandCommand::help)))
                .build();
    }

    /** Bare COMMAND: COMMAND INFO of every top-level command. */
    static void command(EngineContext ctx, Argv argv) {
        List<CommandSpec> all = ctx.engine().commands();
        ctx.reply().arrayHeader(all.size());
        for (CommandSpec s : all) {
            writeInfo(ctx.reply(), s, null);
        }
    }

    static void count(EngineContext ctx, Argv argv) {
        ctx.reply().integer(ctx.engine().commands().size());
    }

    /** COMMAND INFO [name ...]: one entry per name, null for unknown names; all commands without names. */
    static void info(EngineContext ctx, Argv argv) {
        if (argv.count() == 2) {
            command(ctx, argv);
            return;
        }
        ReplyWriter out = ctx.reply();
        out.arrayHeader(argv.count() - 2);
        for (int i = 2; i < argv.count(); i++) {
            String name = argv.string(i);
            CommandSpec s = ctx.engine().command(name);
            if (s == null) {
                out.nullBulk(); // Redis sends $-1 (RESP2) for an unknown name, not *-1
            } else {
                writeInfo(out, s, parentOf(name));
            }
        }
    }

    /** COMMAND DOCS [name ...]: a map of name to docs; unknown names are left out. */
    static void docs(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Engine engine = ctx.engine();
        if (argv.count() == 2) {
            List<CommandSpec> all = engine.commands();
            out.mapHeader(all.size());
            for (CommandSpec s : all) {
                out.bulk(s.name());
                writeDocs(out, s, null);
            }
            return;
        }
        List<String> names = new ArrayList<>();
        List<CommandSpec> found = new ArrayList<>();
        for (int i = 2; i < argv.count(); i++) {
            String name = argv.string(i);
            CommandSpec s = engine.command(name);
            if (s != null) {
                names.add(name);
                found.add(s);
            }
        }
        out.mapHeader(found.size());
        for (int k = 0; k < found.size(); k++) {
            String parent = parentOf(names.get(k));
            out.bulk(fullName(found.get(k), parent));
            writeDocs(out, found.get(k), parent);
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: names incl. subcommands. */
    static void list(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        int mode = 0;
        String filter = null;
        if (argv.count() == 5 && argv.equalsIgnoreCase(2, "filterby")) {
            filter = argv.string(4);
            if (argv.equalsIgnoreCase(3, "module")) {
                mode = 1;
            } else if (argv.equalsIgnoreCase(3, "aclcat")) {
                mode = 2;
            } else if (argv.equalsIgnoreCase(3, "pattern")) {
                mode = 3;
            } else {
                out.raw(io.redisinternals.resp.Replies.SYNTAX_ERROR);
                return;
            }
        } else if (argv.count() != 2) {
            out.raw(io.redisinternals.resp.Replies.SYNTAX_ERROR);
            return;
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec s : ctx.engine().commands()) {
            collect(names, s, null, mode, filter);
            for (CommandSpec sub : s.subcommands()) {
                collect(names, sub, s.name(), mode, filter);
            }
        }
        out.arrayHeader(names.size());
        for (String n : names) {
            out.bulk(n);
        }
    }

    private static void collect(List<String> names, CommandSpec s, String parent, int mode, String filter) {
        String full = fullName(s, parent);
        boolean keep = switch (mode) {
            case 1 -> false; // no command comes from a Redis module
            case 2 -> s.aclCategories().contains(filter.toLowerCase(Locale.ROOT));
            case 3 -> GlobMatcher.matches(filter, full, true);
            default -> true;
        };
        if (keep) {
            names.add(full);
        }
    }

    /** COMMAND GETKEYS command arg...: the keys the command's key specs point at. */
    static void getkeys(EngineContext ctx, Argv argv) {
        List<int[]> keys = keysOf(ctx, argv);
        if (keys == null) {
            return;
        }
        ReplyWriter out = ctx.reply();
        out.arrayHeader(keys.size());
        for (int[] k : keys) {
            out.bulk(argv, k[0]);
        }
    }

    /** COMMAND GETKEYSANDFLAGS command arg...: each key with its key spec's flags (a set in RESP3). */
    static void getkeysandflags(EngineContext ctx, Argv argv) {
        List<int[]> keys = keysOf(ctx, argv);
        if (keys == null) {
            return;
        }
        ReplyWriter out = ctx.reply();
        CommandSpec s = inspected(ctx, argv);
        out.arrayHeader(keys.size());
        for (int[] k : keys) {
            out.arrayHeader(2).bulk(argv, k[0]);
            KeySpec spec = s.keySpecs().get(k[1]);
            List<String> flags = keySpecFlags(s.keyFlags() != null && spec.flags().contains("variable_flags")
                    ? s.keyFlags().flags(argv, 2, spec) : spec.flags());
            out.setHeader(flags.size());
            for (String f : flags) {
                out.simpleString(f);
            }
        }
    }

    /** The command GETKEYS inspects: argument 2, or "argument 2|argument 3" for a container; null if none. */
    private static CommandSpec inspected(EngineContext ctx, Argv argv) {
        CommandSpec s = ctx.engine().command(argv.string(2));
        if (s != null && s.isContainer() && argv.count() > 3) {
            s = ctx.engine().command(argv.string(2) + "|" + argv.string(3));
        }
        return s;
    }

    /**
     * The keys of the command in {@code argv[2..]} as {argv index, key spec index} pairs, from the
     * key specs; or null after writing Redis's error (unknown command, bad arity, no keys).
     */
    private static List<int[]> keysOf(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        CommandSpec s = inspected(ctx, argv);
        int first = 2; // position of the inspected command's name in argv
        if (s == null) {
            out.error("ERR Invalid command specified");
            return null;
        }
        int argc = argv.count() - first;
        int arity = s.arity();
        if (arity > 0 ? argc != arity : argc < -arity) {
            out.error("ERR Invalid number of arguments specified for command");
            return null;
        }
        if (s.keySpecs().isEmpty()) {
            out.error("ERR The command has no key arguments");
            return null;
        }
        List<int[]> keys = CommandKeys.of(s, argv, first);
        // As Redis: invalid key arguments (EVAL's numkeys past the arguments) and no keys at all
        // are one case, an empty answer for a command whose keys are optional.
        if (keys == null || keys.isEmpty()) {
            if (s.has(CommandFlag.NO_MANDATORY_KEYS)) {
                return List.of();
            }
            out.error("ERR Invalid arguments specified for command");
            return null;
        }
        return keys;
    }

    static void help(EngineContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "GETKEYS <full-command>",
                "    Return the keys from a full Redis command.",
                "GETKEYSANDFLAGS <full-command>",
                "    Return the keys and the access flags from a full Redis command.",
                "HELP",
                "    Prints this help.");
    }

    // ---- rendering ------------------------------------------------------------------------

    /** "get", or "client|id" for a subcommand named through its container. */
    private static String fullName(CommandSpec s, String parent) {
        return parent == null ? s.name() : parent + "|" + s.name();
    }

    private static String parentOf(String requested) {
        int bar = requested.indexOf('|');
        return bar < 0 ? null : requested.substring(0, bar).toLowerCase(Locale.ROOT);
    }

    /** One COMMAND INFO entry: the ten fields of redis-server 7.0. */
    static void writeInfo(ReplyWriter out, CommandSpec s, String parent) {
        out.arrayHeader(10);
        out.bulk(fullName(s, parent));
        out.integer(s.arity());
        java.util.Set<CommandFlag> flags = s.flags();
        if (!flags.contains(CommandFlag.MOVABLEKEYS) && s.keySpecs().stream().anyMatch(KeySpec::isKeynum)) {
            // Redis derives movablekeys from key specs the legacy (first, last, step) cannot express.
            flags = java.util.EnumSet.copyOf(flags);
            flags.add(CommandFlag.MOVABLEKEYS);
        }
        out.setHeader(flags.size());
        for (CommandFlag f : flags) { // EnumSet iterates in Redis's flag order
            out.simpleString(f.wireName());
        }
        int[] range = legacyRange(s.keySpecs());
        out.integer(range[0]).integer(range[1]).integer(range[2]);
        List<String> acl = ordered(s.aclCategories(), ACL_ORDER);
        out.setHeader(acl.size());
        for (String c : acl) {
            out.simpleString("@" + c);
        }
        out.setHeader(s.tips().size());
        for (String t : s.tips()) {
            out.bulk(t);
        }
        out.setHeader(s.keySpecs().size());
        for (KeySpec k : s.keySpecs()) {
            writeKeySpec(out, k);
        }
        // Redis sends an empty set for a command without subcommands but an array (even in RESP3)
        // for a container's list.
        if (s.isContainer()) {
            out.arrayHeader(s.subcommands().size());
        } else {
            out.setHeader(0);
        }
        for (CommandSpec sub : s.subcommands()) {
            writeInfo(out, sub, s.name());
        }
    }

    /**
     * The pre-7.0 (first key, last key, step) triple derived from the key specs: first = lowest
     * begin index, last = the furthest key (negative when counted from the end), step of the first.
     */
    static int[] legacyRange(List<KeySpec> specs) {
        // Keynum specs have no legacy form: Redis leaves them out (LMPOP: 0 0 0, ZUNIONSTORE: 1 1 1).
        specs = specs.stream().filter(k -> !k.isKeynum() && !k.isUnknown()).toList();
        if (specs.isEmpty()) {
            return new int[] {0, 0, 0};
        }
        int first = Integer.MAX_VALUE;
        int last = 0;
        boolean toEnd = false;
        for (KeySpec k : specs) {
            first = Math.min(first, k.beginIndex());
            if (k.lastKey() < 0) {
                toEnd = true;
                last = Math.min(last, k.lastKey());
            } else if (!toEnd) {
                last = Math.max(last, k.beginIndex() + k.lastKey());
            }
        }
        return new int[] {first, last, specs.get(0).step()};
    }

    private static void writeKeySpec(ReplyWriter out, KeySpec k) {
        out.mapHeader(k.notes() == null ? 3 : 4);
        if (k.notes() != null) {
            out.bulk("notes").bulk(k.notes());
        }
        out.bulk("flags");
        List<String> flags = keySpecFlags(k);
        out.setHeader(flags.size());
        for (String f : flags) {
            out.simpleString(f);
        }
        out.bulk("begin_search").mapHeader(2);
        if (k.isUnknown()) {
            out.bulk("type").bulk("unknown");
            out.bulk("spec").mapHeader(0);
            out.bulk("find_keys").mapHeader(2);
            out.bulk("type").bulk("unknown");
            out.bulk("spec").mapHeader(0);
            return;
        }
        out.bulk("type").bulk("index");
        out.bulk("spec").mapHeader(1).bulk("index").integer(k.beginIndex());
        out.bulk("find_keys").mapHeader(2);
        if (k.isKeynum()) {
            out.bulk("type").bulk("keynum");
            out.bulk("spec").mapHeader(3);
            out.bulk("keynumidx").integer(k.keynum().keynumIdx());
            out.bulk("firstkey").integer(k.keynum().firstKey());
            out.bulk("keystep").integer(k.keynum().keyStep());
            return;
        }
        out.bulk("type").bulk("range");
        out.bulk("spec").mapHeader(3);
        out.bulk("lastkey").integer(k.lastKey());
        out.bulk("keystep").integer(k.step());
        out.bulk("limit").integer(k.limit());
    }

    /** A key spec's flags in Redis's order and spelling. */
    private static List<String> keySpecFlags(KeySpec k) {
        return keySpecFlags(k.flags());
    }

    private static List<String> keySpecFlags(java.util.Set<String> given) {
        List<String> flags = new ArrayList<>();
        for (String known : KEY_FLAG_ORDER) {
            for (String f : given) {
                if (f.equalsIgnoreCase(known)) {
                    flags.add(known);
                }
            }
        }
        return flags;
    }

    /** One COMMAND DOCS value: summary, since, group, then only the optional fields that are set. */
    static void writeDocs(ReplyWriter out, CommandSpec s, String parent) {
        CommandDocs d = s.docs();
        boolean complexity = !d.complexity().isEmpty();
        int fields = 3 + (complexity ? 1 : 0) + (d.docFlags().isEmpty() ? 0 : 1)
                + (d.deprecatedSince() != null ? 1 : 0) + (d.replacedBy() != null ? 1 : 0)
                + (d.history().isEmpty() ? 0 : 1) + (d.arguments().isEmpty() ? 0 : 1)
                + (s.isContainer() ? 1 : 0);
        out.mapHeader(fields);
        out.bulk("summary").bulk(d.summary());
        out.bulk("since").bulk(d.since());
        out.bulk("group").bulk(s.group().wireName());
        if (complexity) {
            out.bulk("complexity").bulk(d.complexity());
        }
        if (!d.docFlags().isEmpty()) {
            out.bulk("doc_flags").setHeader(d.docFlags().size());
            for (String f : d.docFlags()) {
                out.simpleString(f);
            }
        }
        if (d.deprecatedSince() != null) {
            out.bulk("deprecated_since").bulk(d.deprecatedSince());
        }
        if (d.replacedBy() != null) {
            out.bulk("replaced_by").bulk(d.replacedBy());
        }
        if (!d.history().isEmpty()) {
            out.bulk("history").setHeader(d.history().size());
            for (CommandDocs.History h : d.history()) {
                out.arrayHeader(2).bulk(h.version()).bulk(h.change());
            }
        }
        if (!d.arguments().isEmpty()) {
            out.bulk("arguments");
            writeArgs(out, d.arguments());
        }
        if (s.isContainer()) {
            out.bulk("subcommands").mapHeader(s.subcommands().size());
            for (CommandSpec sub : s.subcommands()) {
                out.bulk(fullName(sub, s.name()));
                writeDocs(out, sub, s.name());
            }
        }
    }

    private static void writeArgs(ReplyWriter out, List<Arg> args) {
        out.arrayHeader(args.size());
        for (Arg a : args) {
            List<String> flags = ordered(a.flags(), ARG_FLAG_ORDER);
            int fields = 2 + (a.keySpecIndex() >= 0 ? 1 : 0) + (a.token() != null ? 1 : 0)
                    + (a.since() != null ? 1 : 0) + (a.deprecatedSince() != null ? 1 : 0)
                    + (flags.isEmpty() ? 0 : 1) + (a.children().isEmpty() ? 0 : 1);
            out.mapHeader(fields);
            out.bulk("name").bulk(a.name());
            out.bulk("type").bulk(a.type());
            if (a.keySpecIndex() >= 0) {
                out.bulk("key_spec_index").integer(a.keySpecIndex());
            }
            if (a.token() != null) {
                out.bulk("token").bulk(a.token());
            }
            if (a.since() != null) {
                out.bulk("since").bulk(a.since());
            }
            if (a.deprecatedSince() != null) {
                out.bulk("deprecated_since").bulk(a.deprecatedSince());
            }
            if (!flags.isEmpty()) {
                out.bulk("flags").setHeader(flags.size());
                for (String f : flags) {
                    out.simpleString(f);
                }
            }
            if (!a.children().isEmpty()) {
                out.bulk("arguments");
                writeArgs(out, a.children());
            }
        }
    }

    /** {@code values} sorted by their position in {@code order}; unknown values keep their order, last. */
    private static List<String> ordered(java.util.Collection<String> values, List<String> order) {
        List<String> out = new ArrayList<>(values.size());
        for (String o : order) {
            if (values.contains(o)) {
                out.add(o);
            }
        }
        for (String v : values) {
            if (!order.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }
}
