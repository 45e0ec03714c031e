import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Captures the command metadata of a reference redis-server 7.0.15 (COMMAND INFO and COMMAND DOCS
 * of every command and subcommand) into the text resource command-api loads
 * ({@code io.redisinternals.command.CommandMetadata}). JDK only, run from the repository root:
 *
 * <pre>
 *   java tools/CaptureCommandMetadata.java [--check] [--file PATH] [host:port]
 * </pre>
 *
 * Without {@code host:port} it starts a redis-server ({@code $REDIS_SERVER}, else {@code redis-server}
 * on the PATH) on a free port for the run. {@code --check} compares the capture with the file instead
 * of writing it and exits 1 on a difference (the conformance tests run it).
 *
 * <p>The format, one item per line, two spaces of indentation per level, LF line endings:
 * <pre>
 * command NAME                          top-level commands sorted, each container followed by its
 *                                       subcommands ("client|id") sorted
 *   arity N
 *   flags WORD...                       COMMAND INFO flags, Redis's order
 *   legacy-keys FIRST LAST STEP         COMMAND INFO's first key, last key, step
 *   acl WORD...                         ACL categories WITHOUT those Redis derives from the flags
 *                                       (setImplicitACLCategories in server.c), bit order, no '@'
 *   tips "TEXT"...
 *   key-spec FLAG...                    one per key spec, then indented:
 *     notes "TEXT"                        only when present
 *     begin-search index POS | begin-search keyword "KEYWORD" STARTFROM | begin-search unknown
 *     find-keys range LASTKEY KEYSTEP LIMIT | find-keys keynum KEYNUMIDX FIRSTKEY KEYSTEP | find-keys unknown
 *   summary "TEXT"                      COMMAND DOCS, each line only when Redis prints the field
 *   since "VERSION"
 *   group WORD
 *   complexity "TEXT"
 *   doc-flags WORD...
 *   deprecated-since "VERSION"
 *   replaced-by "TEXT"
 *   history "VERSION" "TEXT"            one line per entry
 *   arg "NAME" TYPE [key-spec-index=N] [token="T"] [summary="T"] [since="V"] [deprecated-since="V"] [FLAG...]
 *     arg ...                           the children of a oneof/block argument
 * </pre>
 * Quoted strings escape {@code \\ \" \n \r \t} and other control characters as {@code \}{@code uXXXX}.
 * Anything in a reply this format cannot hold makes the tool fail rather than lose it.
 */
public final class CaptureCommandMetadata {

    static final String VERSION = "7.0.15";
    static final String DEFAULT_FILE =
            "command-api/src/main/resources/io/redisinternals/command/redis-" + VERSION + "-commands.txt";

    /** Redis's ACL category bit order (ACLCommandCategories in acl.c), the order COMMAND INFO prints. */
    static final List<String> ACL_ORDER = List.of("keyspace", "read", "write", "set", "sortedset", "list",
            "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting");

    public static void main(String[] args) throws Exception {
        boolean check = false;
        String file = DEFAULT_FILE;
        String target = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--check" -> check = true;
                case "--file" -> file = args[++i];
                default -> {
                    if (args[i].startsWith("-") || target != null) {
                        System.err.println("usage: java tools/CaptureCommandMetadata.java [--check] [--file PATH] [host:port]");
                        System.exit(2);
                    }
                    target = args[i];
                }
            }
        }
        Process server = null;
        try {
            String host = "127.0.0.1";
            int port;
            if (target == null) {
                port = freePort();
                server = startServer(port);
            } else {
                int colon = target.lastIndexOf(':');
                host = target.substring(0, colon);
                port = Integer.parseInt(target.substring(colon + 1));
            }
            String text = capture(host, port);
            Path path = Path.of(file);
            if (check) {
                String existing = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
                if (!existing.equals(text)) {
                    System.err.println(path + " differs from redis-server at " + host + ":" + port + firstDifference(existing, text));
                    System.exit(1);
                }
                System.out.println(path + " matches redis-server at " + host + ":" + port);
            } else {
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.writeString(path, text, StandardCharsets.UTF_8);
                System.out.println("wrote " + path);
            }
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<end of file>";
            String r = i < y.length ? y[i] : "<end of capture>";
            if (!l.equals(r)) {
                return "\n  line " + (i + 1) + " of the file:   " + l + "\n  the server says: " + r;
            }
        }
        return "";
    }

    // ---- the reference server ----------------------------------------------------------------

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Process startServer(int port) throws Exception {
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        Process p = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(binary + " exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IllegalStateException(binary + " did not listen on port " + port);
    }

    // ---- capture -----------------------------------------------------------------------------

    static String capture(String host, int port) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            Resp resp = new Resp(socket);
            Map<String, Object> hello = map(resp.call("HELLO", "3"));
            if (!VERSION.equals(text(hello.get("version")))) {
                throw new IllegalStateException("redis-server " + VERSION + " expected, found " + text(hello.get("version")));
            }
            Map<String, List<Object>> infos = new TreeMap<>();
            for (Object entry : list(resp.call("COMMAND"))) {
                collectInfo(infos, list(entry));
            }
            Map<String, Map<String, Object>> docs = new TreeMap<>();
            for (Map.Entry<String, Object> e : map(resp.call("COMMAND", "DOCS")).entrySet()) {
                collectDocs(docs, e.getKey(), map(e.getValue()));
            }
            if (!infos.keySet().equals(docs.keySet())) {
                throw new IllegalStateException("COMMAND INFO and COMMAND DOCS name different commands");
            }
            StringBuilder out = new StringBuilder();
            out.append("# Command metadata of redis-server ").append(VERSION)
                    .append(": COMMAND INFO and COMMAND DOCS of every command and subcommand.\n")
                    .append("# Generated by tools/CaptureCommandMetadata.java; do not edit (see README, Development).\n")
                    .append("# acl lists only the categories Redis does not derive from the flags.\n");
            long top = 0;
            for (String name : order(infos.keySet())) {
                top += name.contains("|") ? 0 : 1;
                out.append('\n');
                writeCommand(out, name, infos.get(name), docs.get(name));
            }
            System.out.println(top + " commands, " + (infos.size() - top) + " subcommands");
            return out.toString();
        }
    }

    /** Top-level names sorted, each followed by its subcommands sorted. */
    private static List<String> order(java.util.Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!n.contains("|")) {
                out.add(n);
                for (String s : names) {
                    if (s.startsWith(n + "|")) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    private static void collectInfo(Map<String, List<Object>> infos, List<Object> entry) {
        if (entry.size() != 10) {
            throw new IllegalStateException("COMMAND INFO entry of " + entry.size() + " fields");
        }
        infos.put(text(entry.get(0)), entry);
        for (Object sub : list(entry.get(9))) {
            collectInfo(infos, list(sub));
        }
    }

    private static void collectDocs(Map<String, Map<String, Object>> docs, String name, Map<String, Object> doc) {
        docs.put(name, doc);
        Object subs = doc.get("subcommands");
        if (subs != null) {
            for (Map.Entry<String, Object> e : map(subs).entrySet()) {
                collectDocs(docs, e.getKey(), map(e.getValue()));
            }
        }
    }

    private static void writeCommand(StringBuilder out, String name, List<Object> info, Map<String, Object> doc) {
        out.append("command ").append(word(name)).append('\n');
        out.append("  arity ").append(integer(info.get(1))).append('\n');
        List<String> flags = words(info.get(2));
        out.append("  flags").append(join(flags)).append('\n');
        out.append("  legacy-keys ").append(integer(info.get(3))).append(' ').append(integer(info.get(4)))
                .append(' ').append(integer(info.get(5))).append('\n');
        List<String> acl = new ArrayList<>();
        for (String c : words(info.get(6))) {
            if (!c.startsWith("@")) {
                throw new IllegalStateException(name + ": ACL category without @: " + c);
            }
            acl.add(c.substring(1));
        }
        List<String> explicit = withoutImplicit(flags, acl);
        if (!withImplicit(flags, explicit).equals(acl)) {
            throw new IllegalStateException(name + ": ACL categories " + acl + " do not round-trip");
        }
        out.append("  acl").append(join(explicit)).append('\n');
        out.append("  tips");
        for (Object t : list(info.get(7))) {
            out.append(' ').append(quote(text(t)));
        }
        out.append('\n');
        for (Object ks : list(info.get(8))) {
            writeKeySpec(out, name, map(ks));
        }
        writeDocs(out, name, doc);
    }

    /** The ACL categories minus those setImplicitACLCategories (server.c, 7.0) adds from the flags. */
    static List<String> withoutImplicit(List<String> flags, List<String> acl) {
        List<String> implicit = new ArrayList<>();
        if (flags.contains("write")) implicit.add("write");
        if (flags.contains("readonly") && !acl.contains("scripting")) implicit.add("read");
        if (flags.contains("admin")) { implicit.add("admin"); implicit.add("dangerous"); }
        if (flags.contains("pubsub")) implicit.add("pubsub");
        if (flags.contains("fast")) implicit.add("fast");
        if (flags.contains("blocking")) implicit.add("blocking");
        if (!acl.contains("fast")) implicit.add("slow");
        List<String> out = new ArrayList<>(acl);
        out.removeAll(implicit);
        return out;
    }

    /** setImplicitACLCategories: the loader's rule, here to prove the stored categories round-trip. */
    static List<String> withImplicit(List<String> flags, List<String> explicit) {
        java.util.Set<String> c = new java.util.HashSet<>(explicit);
        if (flags.contains("write")) c.add("write");
        if (flags.contains("readonly") && !c.contains("scripting")) c.add("read");
        if (flags.contains("admin")) { c.add("admin"); c.add("dangerous"); }
        if (flags.contains("pubsub")) c.add("pubsub");
        if (flags.contains("fast")) c.add("fast");
        if (flags.contains("blocking")) c.add("blocking");
        if (!c.contains("fast")) c.add("slow");
        return ACL_ORDER.stream().filter(c::contains).toList();
    }

    private static void writeKeySpec(StringBuilder out, String name, Map<String, Object> ks) {
        expectKeys(name + " key spec", ks, "notes", "flags", "begin_search", "find_keys");
        out.append("  key-spec").append(join(words(ks.get("flags")))).append('\n');
        if (ks.containsKey("notes")) {
            out.append("    notes ").append(quote(text(ks.get("notes")))).append('\n');
        }
        Map<String, Object> bs = map(ks.get("begin_search"));
        Map<String, Object> bspec = map(bs.get("spec"));
        String btype = text(bs.get("type"));
        out.append("    begin-search ").append(btype);
        switch (btype) {
            case "index" -> {
                expectKeys(name + " begin_search", bspec, "index");
                out.append(' ').append(integer(bspec.get("index")));
            }
            case "keyword" -> {
                expectKeys(name + " begin_search", bspec, "keyword", "startfrom");
                out.append(' ').append(quote(text(bspec.get("keyword")))).append(' ').append(integer(bspec.get("startfrom")));
            }
            case "unknown" -> expectKeys(name + " begin_search", bspec);
            default -> throw new IllegalStateException(name + ": begin_search " + btype);
        }
        out.append('\n');
        Map<String, Object> fk = map(ks.get("find_keys"));
        Map<String, Object> fspec = map(fk.get("spec"));
        String ftype = text(fk.get("type"));
        out.append("    find-keys ").append(ftype);
        switch (ftype) {
            case "range" -> {
                expectKeys(name + " find_keys", fspec, "lastkey", "keystep", "limit");
                out.append(' ').append(integer(fspec.get("lastkey"))).append(' ').append(integer(fspec.get("keystep")))
                        .append(' ').append(integer(fspec.get("limit")));
            }
            case "keynum" -> {
                expectKeys(name + " find_keys", fspec, "keynumidx", "firstkey", "keystep");
                out.append(' ').append(integer(fspec.get("keynumidx"))).append(' ').append(integer(fspec.get("firstkey")))
                        .append(' ').append(integer(fspec.get("keystep")));
            }
            case "unknown" -> expectKeys(name + " find_keys", fspec);
            default -> throw new IllegalStateException(name + ": find_keys " + ftype);
        }
        out.append('\n');
    }

    private static void writeDocs(StringBuilder out, String name, Map<String, Object> doc) {
        expectKeys(name + " docs", doc, "summary", "since", "group", "complexity", "doc_flags", "deprecated_since",
                "replaced_by", "history", "arguments", "subcommands");
        quoted(out, "  summary ", doc.get("summary"));
        quoted(out, "  since ", doc.get("since"));
        out.append("  group ").append(word(text(doc.get("group")))).append('\n');
        quoted(out, "  complexity ", doc.get("complexity"));
        if (doc.containsKey("doc_flags")) {
            out.append("  doc-flags").append(join(words(doc.get("doc_flags")))).append('\n');
        }
        quoted(out, "  deprecated-since ", doc.get("deprecated_since"));
        quoted(out, "  replaced-by ", doc.get("replaced_by"));
        if (doc.containsKey("history")) {
            for (Object h : list(doc.get("history"))) {
                List<Object> pair = list(h);
                out.append("  history ").append(quote(text(pair.get(0)))).append(' ').append(quote(text(pair.get(1)))).append('\n');
            }
        }
        if (doc.containsKey("arguments")) {
            writeArgs(out, name, list(doc.get("arguments")), "  ");
        }
    }

    private static void writeArgs(StringBuilder out, String name, List<Object> args, String indent) {
        for (Object o : args) {
            Map<String, Object> a = map(o);
            expectKeys(name + " argument", a, "name", "type", "key_spec_index", "token", "summary", "since",
                    "deprecated_since", "flags", "arguments");
            out.append(indent).append("arg ").append(quote(text(a.get("name")))).append(' ').append(word(text(a.get("type"))));
            if (a.containsKey("key_spec_index")) {
                out.append(" key-spec-index=").append(integer(a.get("key_spec_index")));
            }
            attribute(out, "token", a.get("token"));
            attribute(out, "summary", a.get("summary"));
            attribute(out, "since", a.get("since"));
            attribute(out, "deprecated-since", a.get("deprecated_since"));
            if (a.containsKey("flags")) {
                out.append(join(words(a.get("flags"))));
            }
            out.append('\n');
            if (a.containsKey("arguments")) {
                writeArgs(out, name, list(a.get("arguments")), indent + "  ");
            }
        }
    }

    private static void quoted(StringBuilder out, String prefix, Object value) {
        if (value != null) {
            out.append(prefix).append(quote(text(value))).append('\n');
        }
    }

    private static void attribute(StringBuilder out, String key, Object value) {
        if (value != null) {
            out.append(' ').append(key).append('=').append(quote(text(value)));
        }
    }

    private static void expectKeys(String what, Map<String, Object> m, String... known) {
        for (String k : m.keySet()) {
            if (!List.of(known).contains(k)) {
                throw new IllegalStateException(what + ": field " + k + " is not in the format");
            }
        }
    }

    // ---- text --------------------------------------------------------------------------------

    private static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(' ').append(word(w));
        }
        return sb.toString();
    }

    /** A bare word: must not need quoting. */
    private static String word(String w) {
        if (w.isEmpty() || !w.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '=' && c != '\\')) {
            throw new IllegalStateException("not a bare word: " + w);
        }
        return w;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < ' ' || c == 127) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---- RESP3 values: String (simple, bulk, verbatim), Long, List (array, set), Map, null ----

    private static String text(Object o) {
        if (!(o instanceof String s)) {
            throw new IllegalStateException("string expected: " + o);
        }
        return s;
    }

    private static long integer(Object o) {
        if (!(o instanceof Long l)) {
            throw new IllegalStateException("integer expected: " + o);
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalStateException("array or set expected: " + o);
        }
        return (List<Object>) l;
    }

    private static List<String> words(Object o) {
        return list(o).stream().map(CaptureCommandMetadata::text).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalStateException("map expected: " + o);
        }
        return (Map<String, Object>) m;
    }

    /** A minimal RESP3 client: enough for HELLO and COMMAND replies. */
    private static final class Resp {
        private final InputStream in;
        private final OutputStream out;

        Resp(Socket socket) throws IOException {
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }

        Object call(String... args) throws IOException {
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                req.writeBytes(b);
                req.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(req.toByteArray());
            out.flush();
            return read();
        }

        private Object read() throws IOException {
            int type = in.read();
            String line = line();
            return switch (type) {
                case '+' -> line;
                case '-' -> throw new IllegalStateException("server error: " + line);
                case ':' -> Long.parseLong(line);
                case '_' -> null;
                case '$', '=' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        yield null;
                    }
                    byte[] b = in.readNBytes(n + 2);
                    String s = new String(b, 0, n, StandardCharsets.UTF_8);
                    yield type == '=' ? s.substring(4) : s;
                }
                case '*', '~' -> {
                    int n = Integer.parseInt(line);
                    List<Object> l = new ArrayList<>(Math.max(n, 0));
                    for (int i = 0; i < n; i++) {
                        l.add(read());
                    }
                    yield l;
                }
                case '%' -> {
                    int n = Integer.parseInt(line);
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        String k = text(read());
                        if (m.put(k, read()) != null) {
                            throw new IllegalStateException("duplicate map key " + k);
                        }
                    }
                    yield m;
                }
                default -> throw new IllegalStateException("unexpected RESP type " + (char) type);
            };
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                b.write(c);
            }
            in.read();
            return b.toString(StandardCharsets.UTF_8);
        }
    }
}
