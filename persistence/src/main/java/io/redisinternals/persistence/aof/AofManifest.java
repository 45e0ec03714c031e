package io.redisinternals.persistence.aof;

import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.RequestParser;
import io.redisinternals.resp.SdsText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The multi-part AOF's manifest ({@code appendonly.aof.manifest}) as redis-server 7.0 writes and
 * reads it (aof.c): one line per file, {@code file <name> seq <n> type <b|h|i>}, the base first,
 * then history files, then incremental files in sequence order; a name that needs quoting is
 * written as sdscatrepr does. Parsing is as strict as aofLoadManifestFromFile and fails with its
 * texts. Not thread-safe: the append-only file owns it under the execution lock and replaces it
 * with a modified copy only once the copy is durable on disk.
 */
public final class AofManifest {

    public static final char BASE = 'b';
    public static final char HISTORY = 'h';
    public static final char INCR = 'i';

    /** One file of the manifest. */
    public record Entry(String name, long seq, char type) {
        Entry as(char newType) {
            return new Entry(name, seq, newType);
        }
    }

    /** A manifest Redis refuses to start with: its text, and the line at fault (0 for none). */
    public static final class ManifestException extends Exception {
        private static final long serialVersionUID = 1L;

        ManifestException(String message) {
            super(message);
        }
    }

    /** Redis's MANIFEST_MAX_LINE: fgets reads at most this many characters of a line. */
    private static final int MAX_LINE = 1024;

    private Entry base;
    private final List<Entry> history = new ArrayList<>();
    private final List<Entry> incrs = new ArrayList<>();
    private long baseSeq;
    private long incrSeq;

    public AofManifest() {
    }

    public AofManifest copy() {
        AofManifest m = new AofManifest();
        m.base = base;
        m.history.addAll(history);
        m.incrs.addAll(incrs);
        m.baseSeq = baseSeq;
        m.incrSeq = incrSeq;
        return m;
    }

    public Entry base() {
        return base;
    }

    public List<Entry> incrs() {
        return List.copyOf(incrs);
    }

    public List<Entry> history() {
        return List.copyOf(history);
    }

    /** No base and no incremental file: nothing to load. */
    public boolean empty() {
        return base == null && incrs.isEmpty();
    }

    /** The base and incremental files in loading order. */
    public List<Entry> loadOrder() {
        List<Entry> all = new ArrayList<>(incrs.size() + 1);
        if (base != null) {
            all.add(base);
        }
        all.addAll(incrs);
        return all;
    }

    /**
     * A new base file name ({@code <appendfilename>.<seq>.base.rdb|aof}); the previous base becomes
     * history (Redis's getNewBaseFileNameAndMarkPreAsHistory).
     */
    public Entry newBase(String appendFilename, boolean rdbPreamble) {
        if (base != null) {
            history.add(0, base.as(HISTORY));
        }
        baseSeq++;
        base = new Entry(appendFilename + "." + baseSeq + ".base" + (rdbPreamble ? ".rdb" : ".aof"), baseSeq, BASE);
        return base;
    }

    /** Sets the base to {@code name} as sequence 1 (the upgrade of an old single AOF). */
    void upgradeBase(String name) {
        base = new Entry(name, 1, BASE);
        baseSeq = 1;
    }

    /** A new incremental file {@code <appendfilename>.<seq>.incr.aof}, added last. */
    public Entry newIncr(String appendFilename) {
        incrSeq++;
        Entry e = new Entry(appendFilename + "." + incrSeq + ".incr.aof", incrSeq, INCR);
        incrs.add(e);
        return e;
    }

    /** The incremental file being appended to (the last), or a new one if there is none. */
    public Entry lastIncrOrNew(String appendFilename) {
        return incrs.isEmpty() ? newIncr(appendFilename) : incrs.get(incrs.size() - 1);
    }

    /**
     * After a rewrite: every incremental file but the one being written ({@code keepLast}) becomes
     * history (Redis's markRewrittenIncrAofAsHistory).
     */
    public void markRewrittenIncrsAsHistory(boolean keepLast) {
        int keep = keepLast && !incrs.isEmpty() ? 1 : 0;
        while (incrs.size() > keep) {
            history.add(0, incrs.remove(0).as(HISTORY));
        }
    }

    /** Forgets the history files (their deletion is the caller's business). */
    public void clearHistory() {
        history.clear();
    }

    /** The manifest's text (Redis's getAofManifestAsString). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (base != null) {
            line(sb, base);
        }
        for (Entry e : history) {
            line(sb, e);
        }
        for (Entry e : incrs) {
            line(sb, e);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Entry e) {
        sb.append("file ").append(needsRepr(e.name()) ? SdsText.repr(e.name().getBytes(StandardCharsets.UTF_8)) : e.name())
                .append(" seq ").append(e.seq()).append(" type ").append(e.type()).append('\n');
    }

    /** Redis's sdsneedsrepr: a quote, backslash, space or non-printable byte. */
    static boolean needsRepr(String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '\\' || c == '"' || c <= ' ' || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a manifest as aofLoadManifestFromFile: '#' lines skipped, every line ends with a
     * newline, at least the file/seq/type pairs (more pairs are allowed for forward compatibility),
     * names without a path, incremental sequences increasing, one base.
     *
     * @throws ManifestException with Redis's text, prefixed with the line as it logs it
     */
    public static AofManifest parse(byte[] content) throws ManifestException {
        AofManifest m = new AofManifest();
        long maxSeq = 0;
        int pos = 0;
        int lineNo = 0;
        if (content.length == 0) {
            throw new ManifestException("Found an empty AOF manifest");
        }
        while (pos < content.length) {
            int end = pos;
            while (end < content.length && end - pos < MAX_LINE && content[end] != '\n') {
                end++;
            }
            boolean hasNewline = end < content.length && content[end] == '\n';
            String raw = new String(content, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = hasNewline ? end + 1 : end;
            lineNo++;
            if (raw.startsWith("#")) {
                continue;
            }
            String line = SdsText.trim(raw);
            if (!hasNewline) {
                throw error(lineNo, line, "The AOF manifest file contains too long line");
            }
            if (line.isEmpty()) {
                throw error(lineNo, line, "Invalid AOF manifest file format");
            }
            List<byte[]> args;
            try {
                args = RequestParser.splitLine(line.getBytes(StandardCharsets.ISO_8859_1));
            } catch (ProtocolException e) {
                args = null;
            }
            if (args == null || args.size() < 6 || args.size() % 2 != 0) {
                throw error(lineNo, line, "Invalid AOF manifest file format");
            }
            String name = null;
            long seq = 0;
            char type = 0;
            for (int i = 0; i < args.size(); i += 2) {
                String key = new String(args.get(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                String value = new String(args.get(i + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "file" -> {
                        name = value;
                        if (!AofSettings.isBaseName(name)) {
                            throw error(lineNo, line, "File can't be a path, just a filename");
                        }
                    }
                    case "seq" -> seq = atoll(value);
                    case "type" -> type = value.isEmpty() ? 0 : value.charAt(0);
                    default -> {
                        // unknown pairs: a later version's additions, ignored as Redis does
                    }
                }
            }
            if (name == null || seq == 0 || type == 0) {
                throw error(lineNo, line, "Invalid AOF manifest file format");
            }
            Entry e = new Entry(name, seq, type);
            switch (type) {
                case BASE -> {
                    if (m.base != null) {
                        throw error(lineNo, line, "Found duplicate base file information");
                    }
                    m.base = e;
                    m.baseSeq = seq;
                }
                case HISTORY -> m.history.add(e);
                case INCR -> {
                    if (seq <= maxSeq) {
                        throw error(lineNo, line, "Found a non-monotonic sequence number");
                    }
                    m.incrs.add(e);
                    m.incrSeq = seq;
                    maxSeq = seq;
                }
                default -> throw error(lineNo, line, "Unknown AOF file type");
            }
        }
        return m;
    }

    private static ManifestException error(int lineNo, String line, String reason) {
        return new ManifestException("Reading the manifest file, at line " + lineNo + ": '" + line + "': " + reason);
    }

    /** C's atoll: optional sign and leading digits, 0 when there are none. */
    private static long atoll(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        return negative ? -v : v;
    }
}
