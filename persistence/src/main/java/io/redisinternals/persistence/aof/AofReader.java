package io.redisinternals.persistence.aof;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the commands of an AOF file (the part after an RDB preamble, or all of it) exactly as
 * redis-server 7.0's loadSingleAppendOnlyFile: {@code #} annotation lines skipped, each command an
 * array of bulk strings whose headers are read as lines of at most 1023 bytes, the CRLF after a
 * bulk skipped unread. It tells three endings apart: the end of the file on a command boundary,
 * an unexpected end (a truncated tail), and bad format (garbage).
 *
 * <p>Offsets are counted from {@code startOffset} (the bytes an RDB preamble took), so they are
 * file offsets.
 */
final class AofReader {

    /** How reading a command ended. */
    enum Status { COMMAND, EOF, TRUNCATED, BAD_FORMAT }

    /** Redis's AOF_ANNOTATION_LINE_MAX_LEN: fgets's buffer, so a line is at most 1023 bytes. */
    private static final int LINE_MAX = 1024;

    private final InputStream in;
    private long offset;
    private final byte[] line = new byte[LINE_MAX];
    private int lineLen;
    private byte[][] argv;
    /** Where the command being read started (the offset a format error is reported at). */
    private long commandStart;

    AofReader(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
    }

    /** The file offset after the last byte consumed. */
    long offset() {
        return offset;
    }

    /** Where the last command read, or the bad one, started. */
    long commandStart() {
        return commandStart;
    }

    /** The command {@link #next} read. */
    byte[][] argv() {
        return argv;
    }

    /** Reads the next command. */
    Status next() throws IOException {
        while (true) {
            commandStart = offset;
            if (!readLine()) {
                return Status.EOF;
            }
            if (line[0] == '#') {
                continue; // an annotation (#TS:...)
            }
            break;
        }
        if (line[0] != '*') {
            return Status.BAD_FORMAT;
        }
        if (lineLen == 1) {
            return Status.TRUNCATED; // "*" and nothing more: fgets stopped at the end of the file
        }
        long argc = atol(1);
        if (argc < 1 || argc > Integer.MAX_VALUE) {
            return Status.BAD_FORMAT;
        }
        // never trust the declared count for an allocation: grow as arguments arrive
        byte[][] args = new byte[(int) Math.min(argc, 16)][];
        for (int j = 0; j < argc; j++) {
            if (!readLine()) {
                return Status.TRUNCATED;
            }
            if (line[0] != '$') {
                return Status.BAD_FORMAT;
            }
            long len = atol(1);
            if (len < 0) {
                len = 0; // strtol of garbage or a negative length: Redis reads nothing
            }
            byte[] arg = readExactly(len);
            if (arg == null) {
                return Status.TRUNCATED;
            }
            if (skip(2) < 2) {
                return Status.TRUNCATED;
            }
            if (j == args.length) {
                args = Arrays.copyOf(args, (int) Math.min(argc, (long) args.length * 2));
            }
            args[j] = arg;
        }
        argv = args;
        return Status.COMMAND;
    }

    /** fgets: up to and including '\n', at most LINE_MAX - 1 bytes; false at the end of the file with nothing read. */
    private boolean readLine() throws IOException {
        lineLen = 0;
        while (lineLen < LINE_MAX - 1) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            offset++;
            line[lineLen++] = (byte) b;
            if (b == '\n') {
                break;
            }
        }
        return lineLen > 0;
    }

    /** strtol of the line from {@code from}: leading digits after an optional sign. */
    private long atol(int from) {
        int i = from;
        boolean negative = false;
        if (i < lineLen && (line[i] == '-' || line[i] == '+')) {
            negative = line[i] == '-';
            i++;
        }
        long v = 0;
        while (i < lineLen && line[i] >= '0' && line[i] <= '9') {
            v = v * 10 + (line[i] - '0');
            if (v > (1L << 40)) {
                return negative ? -v : v; // far beyond any real length: it cannot be read anyway
            }
            i++;
        }
        return negative ? -v : v;
    }

    /** {@code len} bytes, or null if the file ends first; read in chunks so a bogus length allocates only what exists. */
    private byte[] readExactly(long len) throws IOException {
        byte[] buf = new byte[(int) Math.min(len, 1 << 20)];
        int have = 0;
        while (have < len) {
            if (have == buf.length) {
                if (len > Integer.MAX_VALUE - 8) {
                    return null;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(len, (long) buf.length * 2));
            }
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                return null;
            }
            have += n;
            offset += n;
        }
        return buf;
    }

    private int skip(int n) throws IOException {
        int done = 0;
        while (done < n && in.read() >= 0) {
            done++;
            offset++;
        }
        return done;
    }
}
