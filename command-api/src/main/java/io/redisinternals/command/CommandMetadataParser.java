package io.redisinternals.command;

import io.redisinternals.command.CommandDocs.Arg;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the text format tools/CaptureCommandMetadata.java writes (its javadoc describes the format):
 * one {@link Entry} per command and subcommand, in the file's order. Strict: an unknown line, a
 * misplaced indentation or a malformed value is an {@link IllegalArgumentException} naming the
 * line, so a resource the loader cannot fully represent never loads half.
 */
final class CommandMetadataParser {

    /** Redis's ACL category bit order (acl.c's ACLCommandCategories), the order COMMAND INFO prints. */
    static final List<String> ACL_ORDER = List.of("keyspace", "read", "write", "set", "sortedset", "list",
            "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting");

    /**
     * One command or subcommand as captured.
     *
     * @param name        "get", or "client|id" for a subcommand
     * @param legacyKeys  COMMAND INFO's (first key, last key, step)
     * @param aclCategories every category, the implicit ones derived from the flags included, in bit order
     */
    record Entry(String name, int arity, Set<CommandFlag> flags, int[] legacyKeys, List<String> aclCategories,
                 List<String> tips, List<KeySpec> keySpecs, CommandGroup group, CommandDocs docs) {
    }

    private final String source;
    private final String[] lines;
    private int at; // index of the next line to read

    private CommandMetadataParser(String source, String text) {
        this.source = source;
        this.lines = text.split("\n", -1);
    }

    /** All entries of {@code text}, by name in file order. */
    static Map<String, Entry> parse(String source, String text) {
        return new CommandMetadataParser(source, text).entries();
    }

    private Map<String, Entry> entries() {
        Map<String, Entry> out = new LinkedHashMap<>();
        while (at < lines.length) {
            String line = lines[at];
            if (line.isEmpty() || line.startsWith("#")) {
                at++;
                continue;
            }
            List<Object> t = tokens(line, 0);
            if (!"command".equals(t.get(0)) || t.size() != 2) {
                throw error("'command NAME' expected");
            }
            at++;
            Entry e = command(word(t, 1));
            if (out.put(e.name(), e) != null) {
                throw error("command " + e.name() + " twice");
            }
        }
        return out;
    }

    private Entry command(String name) {
        Integer arity = null;
        Set<CommandFlag> flags = null;
        int[] legacy = null;
        List<String> explicitAcl = null;
        List<String> tips = null;
        List<KeySpec> keySpecs = new ArrayList<>();
        String summary = null;
        String since = null;
        CommandGroup group = null;
        String complexity = "";
        List<String> docFlags = List.of();
        String deprecatedSince = null;
        String replacedBy = null;
        List<CommandDocs.History> history = new ArrayList<>();
        List<Arg> args = new ArrayList<>();
        while (at < lines.length && indent(lines[at]) == 2) {
            List<Object> t = tokens(lines[at], 2);
            String key = word(t, 0);
            at++;
            switch (key) {
                case "arity" -> arity = integer(t, 1);
                case "flags" -> {
                    flags = EnumSet.noneOf(CommandFlag.class);
                    for (int i = 1; i < t.size(); i++) {
                        flags.add(flag(word(t, i)));
                    }
                }
                case "legacy-keys" -> legacy = new int[] {integer(t, 1), integer(t, 2), integer(t, 3)};
                case "acl" -> explicitAcl = words(t, 1);
                case "tips" -> tips = strings(t, 1);
                case "key-spec" -> keySpecs.add(keySpec(words(t, 1)));
                case "summary" -> summary = string(t, 1);
                case "since" -> since = string(t, 1);
                case "group" -> group = group(word(t, 1));
                case "complexity" -> complexity = string(t, 1);
                case "doc-flags" -> docFlags = words(t, 1);
                case "deprecated-since" -> deprecatedSince = string(t, 1);
                case "replaced-by" -> replacedBy = string(t, 1);
                case "history" -> history.add(new CommandDocs.History(string(t, 1), string(t, 2)));
                case "arg" -> {
                    at--;
                    args.add(arg(2));
                }
                default -> {
                    at--;
                    throw error("unknown field " + key);
                }
            }
        }
        if (arity == null || flags == null || legacy == null || explicitAcl == null || tips == null
                || summary == null || since == null || group == null) {
            throw error(name + " lacks one of arity, flags, legacy-keys, acl, tips, summary, since, group");
        }
        return new Entry(name, arity, flags, legacy, withImplicitCategories(flags, explicitAcl), tips, keySpecs,
                group, new CommandDocs(summary, since, complexity, docFlags, history, args, deprecatedSince, replacedBy));
    }

    /**
     * Redis 7.0's setImplicitACLCategories (server.c), in its order: write adds @write; readonly adds
     * @read unless the command is @scripting; admin adds @admin and @dangerous; pubsub, fast and
     * blocking add their namesakes; a command that is not then @fast is @slow. The result is in bit
     * order, as COMMAND INFO prints it.
     */
    static List<String> withImplicitCategories(Set<CommandFlag> flags, List<String> explicit) {
        Set<String> c = new LinkedHashSet<>(explicit);
        if (flags.contains(CommandFlag.WRITE)) {
            c.add("write");
        }
        if (flags.contains(CommandFlag.READONLY) && !c.contains("scripting")) {
            c.add("read");
        }
        if (flags.contains(CommandFlag.ADMIN)) {
            c.add("admin");
            c.add("dangerous");
        }
        if (flags.contains(CommandFlag.PUBSUB)) {
            c.add("pubsub");
        }
        if (flags.contains(CommandFlag.FAST)) {
            c.add("fast");
        }
        if (flags.contains(CommandFlag.BLOCKING)) {
            c.add("blocking");
        }
        if (!c.contains("fast")) {
            c.add("slow");
        }
        for (String category : c) {
            if (!ACL_ORDER.contains(category)) {
                throw new IllegalArgumentException("unknown ACL category " + category);
            }
        }
        return ACL_ORDER.stream().filter(c::contains).toList();
    }

    /** A key spec: its flags are on the "key-spec" line, notes/begin-search/find-keys indented below. */
    private KeySpec keySpec(List<String> flags) {
        String notes = null;
        List<Object> begin = null;
        List<Object> find = null;
        while (at < lines.length && indent(lines[at]) == 4) {
            List<Object> t = tokens(lines[at], 4);
            switch (word(t, 0)) {
                case "notes" -> notes = string(t, 1);
                case "begin-search" -> begin = t;
                case "find-keys" -> find = t;
                default -> throw error("unknown key spec field " + t.get(0));
            }
            at++;
        }
        if (begin == null || find == null) {
            throw error("key spec without begin-search or find-keys");
        }
        Set<String> f = new LinkedHashSet<>(flags);
        String beginType = word(begin, 1);
        String findType = word(find, 1);
        if (beginType.equals("unknown") || findType.equals("unknown")) {
            if (!beginType.equals(findType)) {
                throw error("only an unknown begin-search with unknown find-keys is supported");
            }
            return new KeySpec(f, -1, 0, 0, 0, notes, null, null, null);
        }
        int index;
        KeySpec.Keyword keyword = null;
        switch (beginType) {
            case "index" -> index = integer(begin, 2);
            case "keyword" -> {
                index = KeySpec.KEYWORD;
                keyword = new KeySpec.Keyword(string(begin, 2), integer(begin, 3));
            }
            default -> throw error("unknown begin-search " + beginType);
        }
        return switch (findType) {
            case "range" -> new KeySpec(f, index, integer(find, 2), integer(find, 3), integer(find, 4), notes,
                    null, null, keyword);
            case "keynum" -> new KeySpec(f, index, 0, 0, 0, notes,
                    new KeySpec.Keynum(integer(find, 2), integer(find, 3), integer(find, 4)), null, keyword);
            default -> throw error("unknown find-keys " + findType);
        };
    }

    /** {@code arg "NAME" TYPE [key=value...] [FLAG...]} at {@code depth} spaces, children two deeper. */
    private Arg arg(int depth) {
        List<Object> t = tokens(lines[at], depth);
        if (!"arg".equals(t.get(0))) {
            throw error("'arg' expected");
        }
        at++;
        String name = string(t, 1);
        String type = word(t, 2);
        int keySpecIndex = -1;
        String token = null;
        String since = null;
        String deprecatedSince = null;
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 3; i < t.size(); i++) {
            if (t.get(i) instanceof Attribute a) {
                switch (a.key()) {
                    case "key-spec-index" -> keySpecIndex = parseInt(a.value());
                    case "token" -> token = a.value();
                    case "since" -> since = a.value();
                    case "deprecated-since" -> deprecatedSince = a.value();
                    default -> throw error("argument attribute " + a.key() + " is not supported");
                }
            } else {
                flags.add(word(t, i));
            }
        }
        List<Arg> children = new ArrayList<>();
        while (at < lines.length && indent(lines[at]) == depth + 2) {
            children.add(arg(depth + 2));
        }
        return new Arg(name, type, keySpecIndex, token, since, flags, children, deprecatedSince);
    }

    // ---- tokens ------------------------------------------------------------------------------

    /** A {@code key=value} token. */
    private record Attribute(String key, String value) {
    }

    /** A quoted string token (bare words are plain Strings). */
    private record Quoted(String text) {
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.isEmpty() ? -1 : n;
    }

    /** The tokens of a line indented by exactly {@code depth} spaces: words, Quoted and Attribute. */
    private List<Object> tokens(String line, int depth) {
        if (indent(line) != depth) {
            throw error("indentation of " + depth + " expected");
        }
        List<Object> out = new ArrayList<>();
        int i = depth;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i = quoted(line, i, sb);
                out.add(new Quoted(sb.toString()));
            } else {
                int start = i;
                while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '=') {
                    i++;
                }
                String w = line.substring(start, i);
                if (i < line.length() && line.charAt(i) == '=') {
                    i++;
                    if (i < line.length() && line.charAt(i) == '"') {
                        StringBuilder sb = new StringBuilder();
                        i = quoted(line, i, sb);
                        out.add(new Attribute(w, sb.toString()));
                    } else {
                        int v = i;
                        while (i < line.length() && line.charAt(i) != ' ') {
                            i++;
                        }
                        out.add(new Attribute(w, line.substring(v, i)));
                    }
                } else {
                    out.add(w);
                }
            }
        }
        if (out.isEmpty()) {
            throw error("empty line");
        }
        return out;
    }

    /** Reads the quoted string starting at {@code line[i]} into {@code sb}; returns the index after it. */
    private int quoted(String line, int i, StringBuilder sb) {
        i++;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i >= line.length()) {
                break;
            }
            char e = line.charAt(i++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '"', '\\' -> sb.append(e);
                case 'u' -> {
                    if (i + 4 > line.length()) {
                        throw error("bad \\u escape");
                    }
                    sb.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
        throw error("unterminated string");
    }

    private String word(List<Object> t, int i) {
        if (i >= t.size() || !(t.get(i) instanceof String s)) {
            throw error("word expected at token " + i);
        }
        return s;
    }

    private List<String> words(List<Object> t, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < t.size(); i++) {
            out.add(word(t, i));
        }
        return out;
    }

    private String string(List<Object> t, int i) {
        if (i >= t.size() || !(t.get(i) instanceof Quoted q)) {
            throw error("quoted string expected at token " + i);
        }
        return q.text();
    }

    private List<String> strings(List<Object> t, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < t.size(); i++) {
            out.add(string(t, i));
        }
        return out;
    }

    private int integer(List<Object> t, int i) {
        return parseInt(word(t, i));
    }

    private int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error("integer expected: " + s);
        }
    }

    private CommandFlag flag(String wire) {
        try {
            return CommandFlag.valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("unknown command flag " + wire);
        }
    }

    private CommandGroup group(String wire) {
        for (CommandGroup g : CommandGroup.values()) {
            if (g.wireName().equals(wire)) {
                return g;
            }
        }
        throw error("unknown group " + wire);
    }

    private IllegalArgumentException error(String message) {
        int line = Math.min(at, lines.length - 1);
        return new IllegalArgumentException(source + ":" + (line + 1) + ": " + message + ": " + lines[line]);
    }
}
