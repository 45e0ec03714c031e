package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Canonical forms for replies that legitimately differ between two servers (ids, clocks, addresses,
 * counters). Each one hides only the named values; everything else (types, lengths of aggregates,
 * field names and their order) is still compared. Bytes stay the default.
 */
public final class Normalize {

    private Normalize() {
    }

    /** No normalisation: the exact bytes. */
    public static Function<Reply, String> bytes() {
        return Reply::rawText;
    }

    /** Structure only: every scalar value becomes a placeholder of its type. */
    public static Function<Reply, String> shape() {
        return Normalize::shapeOf;
    }

    private static String shapeOf(Reply r) {
        if (r.children() == null) {
            return r.payload() == null ? r.type() + "<null>" : r.type() + "<value>";
        }
        List<String> parts = new ArrayList<>();
        for (Reply c : r.children()) {
            parts.add(shapeOf(c));
        }
        return r.type() + "" + r.children().size() + parts;
    }

    /**
     * A map reply (RESP3 map, or RESP2 flat array of name/value pairs) with the values of the named
     * fields masked, e.g. {@code id} in a HELLO reply.
     */
    public static Function<Reply, String> mapMasking(String... fields) {
        Set<String> masked = Set.of(fields);
        return r -> {
            if (r.children() == null || r.children().size() % 2 != 0) {
                return r.rawText();
            }
            StringBuilder sb = new StringBuilder().append(r.type()).append(r.children().size()).append('{');
            for (int i = 0; i < r.children().size(); i += 2) {
                Reply k = r.child(i);
                Reply v = r.child(i + 1);
                sb.append(k.rawText()).append('=');
                sb.append(masked.contains(k.text()) ? v.type() + "<masked>" : v.rawText()).append(';');
            }
            return sb.append('}').toString();
        };
    }

    /** Fields of CLIENT INFO / CLIENT LIST whose values depend on the socket, clock or memory. */
    public static final Set<String> CLIENT_VOLATILE = Set.of("id", "addr", "laddr", "fd", "age", "idle",
            "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl", "oll", "omem", "tot-mem", "events");

    /**
     * CLIENT INFO / CLIENT LIST text: one line per client, {@code name=value} pairs separated by
     * spaces. Field names and their order are kept; values of {@link #CLIENT_VOLATILE} are masked.
     */
    public static Function<Reply, String> clientList() {
        return r -> {
            if (r.payload() == null) {
                return r.rawText();
            }
            StringBuilder sb = new StringBuilder().append(r.type());
            String text = r.text();
            if (r.type() == '=') {
                // RESP3 verbatim string: a three-letter format and a colon precede the text.
                sb.append(text, 0, 4);
                text = text.substring(4);
            }
            for (String line : text.split("\n", -1)) {
                for (String field : line.split(" ")) {
                    int eq = field.indexOf('=');
                    String name = eq < 0 ? field : field.substring(0, eq);
                    sb.append(CLIENT_VOLATILE.contains(name) ? name + "=<masked>" : field).append(' ');
                }
                sb.append("| ");
            }
            return sb.toString();
        };
    }

    /**
     * COMMAND INFO / COMMAND (one entry per command): Redis keeps subcommands in a hash table, so
     * their order varies from one process to the next. Subcommand entries (element 10 of an entry)
     * are compared as a sorted list; everything else byte for byte.
     */
    public static Function<Reply, String> commandInfo() {
        return commandInfo(Set.of());
    }

    /**
     * As {@link #commandInfo()}, with the named subcommands ("client|pause") left out of each
     * entry's subcommand list before comparing: for subcommands deliberately not implemented. The
     * list's type and remaining length, and every other field, are still compared byte for byte.
     */
    public static Function<Reply, String> commandInfo(Set<String> absent) {
        return r -> {
            if (r.children() == null) {
                return r.rawText();
            }
            StringBuilder sb = new StringBuilder().append(r.type()).append(r.children().size()).append('[');
            for (Reply entry : r.children()) {
                if (entry.children() == null || entry.children().size() != 10) {
                    sb.append(entry.rawText());
                    continue;
                }
                sb.append(entry.type()).append(entry.children().size()).append('(');
                for (int i = 0; i < 9; i++) {
                    sb.append(entry.child(i).rawText()).append(',');
                }
                Reply subs = entry.child(9);
                if (subs.children() == null) {
                    sb.append(subs.rawText()).append(')');
                    continue;
                }
                List<String> kept = subs.children().stream()
                        .filter(sub -> sub.children() == null || !absent.contains(sub.child(0).text()))
                        .map(Reply::rawText).sorted().toList();
                sb.append(subs.type()).append(kept.size()).append(kept).append(')');
            }
            return sb.append(']').toString();
        };
    }

    /**
     * COMMAND DOCS: a map from command name to a doc map whose {@code subcommands} value is itself
     * a map in hash-table order; that one map is compared as a sorted set of entries.
     */
    public static Function<Reply, String> commandDocs() {
        return commandDocs(Set.of());
    }

    /** As {@link #commandDocs()}, with the named subcommands left out of each {@code subcommands} map. */
    public static Function<Reply, String> commandDocs(Set<String> absent) {
        return r -> {
            if (r.children() == null) {
                return r.rawText();
            }
            StringBuilder sb = new StringBuilder().append(r.type()).append(r.children().size()).append('{');
            for (int i = 0; i + 1 < r.children().size(); i += 2) {
                sb.append(r.child(i).rawText()).append("=>");
                Reply doc = r.child(i + 1);
                if (doc.children() == null) {
                    sb.append(doc.rawText());
                    continue;
                }
                sb.append(doc.type()).append(doc.children().size()).append('{');
                for (int j = 0; j + 1 < doc.children().size(); j += 2) {
                    Reply k = doc.child(j);
                    Reply v = doc.child(j + 1);
                    sb.append(k.rawText()).append('=');
                    sb.append("subcommands".equals(k.text()) ? sortedPairs(v, absent) : v.rawText()).append(';');
                }
                sb.append('}');
            }
            return sb.append('}').toString();
        };
    }

    /** Key/value pairs as a sorted set, without the pairs whose key is in {@code absent}. */
    private static String sortedPairs(Reply r, Set<String> absent) {
        if (r.children() == null) {
            return r.rawText();
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < r.children().size(); i += 2) {
            if (!absent.contains(r.child(i).text())) {
                pairs.add(r.child(i).rawText() + r.child(i + 1).rawText());
            }
        }
        pairs.sort(null);
        // RESP3 counts map pairs, RESP2 counts the flat array's elements.
        return r.type() + "" + (r.type() == '%' ? pairs.size() : 2 * pairs.size()) + pairs;
    }

    /**
     * A map (RESP3 map or RESP2 flat pair array) whose entry order is hash-table order in Redis,
     * e.g. CONFIG GET with several parameters: compared as a sorted set of entries.
     */
    public static Function<Reply, String> unorderedMap() {
        return r -> sortedPairs(r, Set.of());
    }

    /** An array whose element order is hash-table order in Redis (PUBSUB CHANNELS): sorted. */
    public static Function<Reply, String> unorderedArray() {
        return r -> {
            if (r.children() == null) {
                return r.rawText();
            }
            List<String> parts = new ArrayList<>();
            for (Reply c : r.children()) {
                parts.add(c.rawText());
            }
            java.util.Collections.sort(parts);
            return r.type() + "" + r.children().size() + parts;
        };
    }

    /** An integer reply of any value. */
    /** One {@code name:value} line of an INFO reply (the rest of INFO differs between servers). */
    public static Function<Reply, String> infoField(String name) {
        return r -> {
            for (String line : r.text().split("\r\n")) {
                if (line.startsWith(name + ":")) {
                    return line;
                }
            }
            return name + " absent";
        };
    }

    public static Function<Reply, String> anyInteger() {
        return r -> r.type() == ':' ? ":<int>" : r.rawText();
    }
}
