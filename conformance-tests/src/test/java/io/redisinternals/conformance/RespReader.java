package io.redisinternals.conformance;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads exactly one complete reply of any RESP2/RESP3 type from a stream, keeping its raw bytes.
 * Deliberately independent of the project's own codec: the harness must not share the code it checks.
 * Throws {@link EOFException} when the peer closes before a reply starts (or in the middle of one).
 */
public final class RespReader {

    /** Replies bigger than this are a test bug or a server bug; never buffer without bound. */
    private static final long MAX_BULK = 64L * 1024 * 1024;

    private final InputStream in;

    public RespReader(InputStream in) {
        this.in = in;
    }

    public Reply read() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        return read(raw, true);
    }

    private Reply read(ByteArrayOutputStream outer, boolean top) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int marker = in.read();
        if (marker < 0) {
            throw new EOFException("connection closed by peer");
        }
        raw.write(marker);
        byte[] line = readLine(raw);
        Reply reply = switch (marker) {
            case '+', '-', ':', '_', ',', '#', '(' -> new Reply((char) marker, null, line, null);
            case '$', '!', '=' -> {
                long len = parseLen(line);
                if (len < 0) {
                    yield new Reply((char) marker, null, null, null);
                }
                if (len > MAX_BULK) {
                    throw new IOException("bulk too large: " + len);
                }
                byte[] body = in.readNBytes((int) len);
                if (body.length < len) {
                    throw new EOFException("connection closed inside a bulk");
                }
                raw.writeBytes(body);
                expectCrlf(raw);
                yield new Reply((char) marker, null, body, null);
            }
            case '*', '~', '>', '%', '|' -> {
                long n = parseLen(line);
                if (n < 0) {
                    yield new Reply((char) marker, null, null, null);
                }
                long items = (marker == '%' || marker == '|') ? n * 2 : n;
                List<Reply> children = new ArrayList<>();
                for (long i = 0; i < items; i++) {
                    children.add(read(raw, false));
                }
                yield new Reply((char) marker, null, null, List.copyOf(children));
            }
            default -> throw new IOException("not a RESP reply, first byte " + Bytes.visible(new byte[] {(byte) marker})
                    + " line " + Bytes.visible(line));
        };
        byte[] bytes = raw.toByteArray();
        outer.writeBytes(bytes);
        Reply full = new Reply(reply.type(), bytes, reply.payload(), reply.children());
        if (top && marker == '|') {
            // An attribute precedes the reply it annotates: keep both in one unit.
            Reply annotated = read(outer, false);
            return new Reply('|', outer.toByteArray(), null, List.of(full, annotated));
        }
        return full;
    }

    private static long parseLen(byte[] line) throws IOException {
        try {
            return Long.parseLong(new String(line, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IOException("bad length line " + Bytes.visible(line));
        }
    }

    private byte[] readLine(ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside a reply line");
            }
            raw.write(c);
            if (c == '\r') {
                int n = in.read();
                if (n < 0) {
                    throw new EOFException("connection closed inside a reply line");
                }
                raw.write(n);
                if (n != '\n') {
                    throw new IOException("CR not followed by LF in reply line");
                }
                return line.toByteArray();
            }
            line.write(c);
            if (line.size() > 1024 * 1024) {
                throw new IOException("reply line too long");
            }
        }
    }

    private void expectCrlf(ByteArrayOutputStream raw) throws IOException {
        int cr = in.read();
        int lf = in.read();
        if (cr < 0 || lf < 0) {
            throw new EOFException("connection closed after a bulk body");
        }
        raw.write(cr);
        raw.write(lf);
        if (cr != '\r' || lf != '\n') {
            throw new IOException("bulk not terminated by CRLF");
        }
    }
}
