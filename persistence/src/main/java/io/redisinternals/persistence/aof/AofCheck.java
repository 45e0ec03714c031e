package io.redisinternals.persistence.aof;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code redis-internals check-aof [--fix] DIR|MANIFEST|FILE}: redis-check-aof 7.0's report. A
 * manifest (or a directory holding one) is checked file by file (base, then incremental files);
 * any other file as an old-style AOF. Each file is scanned as RESP arrays of bulk strings with
 * MULTI/EXEC pairing; the first bad record is reported at its offset ({@code 0x<offset>: reason}),
 * then {@code AOF analyzed: ... ok_up_to=...}. With {@code --fix} the last file is cut back to its
 * last whole command after a {@code y} on standard input. An RDB base or preamble is checked by
 * the {@link RdbCheck} given (the RDB checker), or reported unchecked without one.
 */
public final class AofCheck {

    /**
     * Checks the RDB at the start of {@code file}, printing its report; returns the bytes it took
     * (where an old-style AOF's command tail starts), or -1 (after printing why) if it is bad.
     */
    @FunctionalInterface
    public interface RdbCheck {
        long check(Path file, PrintStream out) throws IOException;
    }

    /** A failure that ends the run with status 1 (redis-check-aof's exit(1)). */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private final PrintStream out;
    private final BufferedReader stdin;
    private final RdbCheck rdbCheck;
    /** Lines consumed so far, over all files (redis-check-aof's global counter). */
    private long line = 1;
    private String error = "";
    /** Where the last header line or bulk read started (redis-check-aof's epos, which errors report). */
    private long epos;

    private AofCheck(PrintStream out, InputStream stdin, RdbCheck rdbCheck) {
        this.out = out;
        this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        this.rdbCheck = rdbCheck;
    }

    /** Runs the check; returns the exit status. */
    public static int run(List<String> args, PrintStream out, InputStream stdin, RdbCheck rdbCheck) {
        boolean fix = false;
        String target;
        if (args.size() == 1) {
            target = args.get(0);
        } else if (args.size() == 2 && args.get(0).equals("--fix")) {
            fix = true;
            target = args.get(1);
        } else {
            out.println("Usage: redis-internals check-aof [--fix] <dir|file.manifest|file.aof>");
            return 1;
        }
        AofCheck check = new AofCheck(out, stdin, rdbCheck);
        try {
            Path path = Path.of(target);
            if (Files.isDirectory(path)) {
                path = findManifest(path, out);
            }
            if (isManifest(path)) {
                check.multiPart(path, fix);
            } else {
                check.oldStyle(path, fix, isRdb(path));
            }
            return 0;
        } catch (Abort e) {
            return 1;
        } catch (IOException e) {
            out.println("Cannot open file " + target + ": " + e.getMessage());
            return 1;
        }
    }

    private static Path findManifest(Path dir, PrintStream out) throws IOException, Abort {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> manifests = files.filter(p -> p.getFileName().toString().endsWith(".manifest")
                    && !p.getFileName().toString().startsWith("temp-")).toList();
            if (manifests.size() != 1) {
                out.println("Expected one manifest file in " + dir + ", found " + manifests.size());
                throw new Abort();
            }
            return manifests.get(0);
        }
    }

    /** redis-check-aof's fileIsManifest: a non-comment line starting with "file". */
    private static boolean isManifest(Path p) throws IOException {
        if (Files.size(p) == 0) {
            return false;
        }
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
            String l;
            boolean manifest = false;
            while ((l = r.readLine()) != null) {
                if (!l.startsWith("#") && l.startsWith("file")) {
                    manifest = true;
                }
            }
            return manifest;
        }
    }

    /** fileIsRDB: at least 8 bytes, starting with "REDIS". */
    private static boolean isRdb(Path p) throws IOException {
        if (Files.size(p) < 8) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(5), StandardCharsets.ISO_8859_1).equals("REDIS");
        }
    }

    private void multiPart(Path manifestPath, boolean fix) throws IOException, Abort {
        out.println("Start checking Multi Part AOF");
        AofManifest m;
        try {
            m = AofManifest.parse(Files.readAllBytes(manifestPath));
        } catch (AofManifest.ManifestException e) {
            out.println("*** FATAL AOF MANIFEST FILE ERROR ***");
            out.println(e.getMessage());
            throw new Abort();
        }
        // file paths as redis-check-aof makes them: dirname(manifest) + "/" + name
        String dirpath = manifestPath.getParent() == null ? "." : manifestPath.getParent().toString();
        Path dir = Path.of(dirpath);
        List<AofManifest.Entry> files = m.loadOrder();
        int n = 0;
        if (m.base() != null) {
            String name = m.base().name();
            boolean rdb = isRdb(dir.resolve(name));
            out.println("Start to check BASE AOF (" + (rdb ? "RDB" : "RESP") + " format).");
            report("BASE AOF " + name, checkSingle(name, dirpath + "/" + name, dir.resolve(name), ++n == files.size(), fix, rdb));
        }
        if (!m.incrs().isEmpty()) {
            out.println("Start to check INCR files.");
            for (AofManifest.Entry e : m.incrs()) {
                report("INCR AOF " + e.name(), checkSingle(e.name(), dirpath + "/" + e.name(), dir.resolve(e.name()),
                        ++n == files.size(), fix, false));
            }
        }
        out.println("All AOF files and manifest are valid");
    }

    private void oldStyle(Path file, boolean fix, boolean preamble) throws IOException, Abort {
        out.println("Start checking Old-Style AOF");
        report("AOF " + file, checkSingle(file.toString(), file.toString(), file, true, fix, preamble));
    }

    private enum Result { OK, EMPTY, TRUNCATED }

    private void report(String what, Result r) {
        switch (r) {
            case OK -> out.println(what + " is valid");
            case EMPTY -> out.println(what + " is empty");
            case TRUNCATED -> out.println("Successfully truncated " + what.substring(what.indexOf("AOF ")));
            default -> throw new IllegalStateException();
        }
    }

    /** A file being scanned, with its offset. */
    private static final class Scan {
        final InputStream in;
        long pos;
        boolean eof;

        Scan(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                eof = true;
            } else {
                pos++;
            }
            return b;
        }

        int peek() throws IOException {
            in.mark(1);
            int b = in.read();
            in.reset();
            if (b < 0) {
                eof = true;
            }
            return b;
        }

        /** fgets with a buffer of {@code size}: up to size-1 bytes, through '\n'; null at EOF with nothing read. */
        byte[] line(int size) throws IOException {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            while (b.size() < size - 1) {
                int c = read();
                if (c < 0) {
                    break;
                }
                b.write(c);
                if (c == '\n') {
                    break;
                }
            }
            return b.size() == 0 ? null : b.toByteArray();
        }
    }

    private void error(String reason) {
        error = String.format(Locale.ROOT, "0x%16x: %s", epos, reason);
    }

    /** redis-check-aof's checkSingleAof. */
    private Result checkSingle(String name, String filepath, Path path, boolean lastFile, boolean fix, boolean preamble)
            throws IOException, Abort {
        long size = Files.size(path);
        if (size == 0) {
            return Result.EMPTY;
        }
        long pos = 0;
        int multi = 0;
        long rdbBytes = 0;
        if (preamble) {
            rdbBytes = rdbCheck == null ? -1 : rdbCheck.check(path, out);
            if (rdbBytes < 0) {
                out.println("RDB preamble of AOF file is not sane, aborting.");
                throw new Abort();
            }
            out.println("RDB preamble is OK, proceeding with AOF tail...");
        }
        try (InputStream raw = Files.newInputStream(path)) {
            raw.skipNBytes(rdbBytes);
            Scan s = new Scan(new BufferedInputStream(raw, 1 << 16));
            s.pos = rdbBytes;
            while (true) {
                if (multi == 0) {
                    pos = s.pos;
                }
                int c = s.peek();
                if (c < 0) {
                    break;
                }
                if (c == '#') {
                    s.line(1024); // an annotation
                } else if (c == '*') {
                    int[] m = {multi};
                    boolean ok = resp(s, filepath, m);
                    multi = m[0];
                    if (!ok) {
                        break;
                    }
                } else {
                    out.println("AOF " + name + " format error");
                    break;
                }
            }
            if (s.eof && multi != 0 && error.isEmpty()) {
                error("Reached EOF before reading EXEC for MULTI");
            }
        }
        if (!error.isEmpty()) {
            out.println(error);
        }
        long diff = size - pos;
        out.println("AOF analyzed: filename=" + name + ", size=" + size + ", ok_up_to=" + pos + ", ok_up_to_line=" + line
                + ", diff=" + diff);
        if (diff > 0) {
            if (!fix) {
                out.println("AOF " + name + " is not valid. Use the --fix option to try fixing it.");
                throw new Abort();
            }
            if (!lastFile) {
                out.println("Failed to truncate AOF " + name + " because it is not the last file");
                throw new Abort();
            }
            out.println("This will shrink the AOF " + name + " from " + size + " bytes, with " + diff + " bytes, to "
                    + pos + " bytes");
            out.print("Continue? [y/N]: ");
            out.flush();
            String answer = stdin.readLine();
            if (answer == null || !answer.toLowerCase(Locale.ROOT).startsWith("y")) {
                out.println("Aborting...");
                throw new Abort();
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(pos);
                ch.force(true);
            } catch (IOException e) {
                out.println("Failed to truncate AOF " + name);
                throw new Abort();
            }
            return Result.TRUNCATED;
        }
        return Result.OK;
    }

    /** processRESP: one array of bulk strings; MULTI and EXEC must pair. */
    private boolean resp(Scan s, String name, int[] multi) throws IOException {
        long[] argc = new long[1];
        if (!readLong(s, '*', argc)) {
            return false;
        }
        for (long i = 0; i < argc[0]; i++) {
            byte[] str = readString(s);
            if (str == null) {
                return false;
            }
            if (i == 0) {
                String cmd = new String(str, StandardCharsets.ISO_8859_1);
                if (cmd.equalsIgnoreCase("multi")) {
                    if (multi[0]++ != 0) {
                        error("Unexpected MULTI in AOF " + name);
                        return false;
                    }
                } else if (cmd.equalsIgnoreCase("exec")) {
                    if (--multi[0] != 0) {
                        error("Unexpected EXEC in AOF " + name);
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean readLong(Scan s, char prefix, long[] target) throws IOException {
        epos = s.pos;
        byte[] buf = s.line(128);
        if (buf == null) {
            return false;
        }
        if (buf[0] != prefix) {
            error("Expected prefix '" + prefix + "', got: '" + (char) (buf[0] & 0xff) + "'");
            return false;
        }
        int i = 1;
        boolean negative = false;
        if (i < buf.length && (buf[i] == '-' || buf[i] == '+')) {
            negative = buf[i] == '-';
            i++;
        }
        long v = 0;
        while (i < buf.length && buf[i] >= '0' && buf[i] <= '9') {
            v = v * 10 + (buf[i] - '0');
            i++;
        }
        target[0] = negative ? -v : v;
        return newline(buf, i);
    }

    private boolean newline(byte[] buf, int at) {
        if (at + 1 < buf.length && buf[at] == '\r' && buf[at + 1] == '\n') {
            line++;
            return true;
        }
        int a = at < buf.length ? buf[at] & 0xff : 0;
        int b = at + 1 < buf.length ? buf[at + 1] & 0xff : 0;
        error(String.format(Locale.ROOT, "Expected \\r\\n, got: %02x%02x", a, b));
        return false;
    }

    private byte[] readString(Scan s) throws IOException {
        long[] len = new long[1];
        if (!readLong(s, '$', len)) {
            return null;
        }
        if (len[0] < 0 || len[0] > Long.MAX_VALUE - 2) {
            error("Expected to read string of " + len[0] + " bytes, which is not in the suitable range");
            return null;
        }
        long want = len[0] + 2;
        epos = s.pos;
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream((int) Math.min(want, 1 << 16));
        long got = 0;
        while (got < want) {
            int c = s.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            got++;
        }
        if (got != want) {
            error("Expected to read " + want + " bytes, got " + got + " bytes");
            return null;
        }
        byte[] all = b.toByteArray();
        if (!newline(all, all.length - 2)) {
            return null;
        }
        return java.util.Arrays.copyOf(all, all.length - 2);
    }
}
