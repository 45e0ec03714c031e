package io.redisinternals.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link RequestParser} the way a transport does: bytes arrive in pieces, are appended
 * after the unconsumed ones, and the buffer is compacted or replaced when it runs out of room
 * (or, with {@code moveAlways}, before every read, to exercise rebasing).
 */
final class ParseHarness {

    /** What a byte stream parsed into: every request (args as ISO-8859-1 strings) and the error, if any. */
    record Outcome(List<List<String>> requests, String error, boolean partial) {
    }

    final RequestParser parser = new RequestParser();
    final Argv argv = new Argv();
    final List<List<String>> requests = new ArrayList<>();
    private final boolean moveAlways;
    private ByteBuffer buf = ByteBuffer.allocate(64).flip();
    String error;
    long fed;
    long maxBuffered;

    ParseHarness(boolean moveAlways) {
        this.moveAlways = moveAlways;
    }

    ParseHarness() {
        this(false);
    }

    /** Appends one read's worth of bytes and parses every whole request in the buffer. */
    void feed(byte[] b, int off, int len) {
        if (error != null) {
            return;
        }
        append(b, off, len);
        fed += len;
        try {
            while (parser.next(buf, argv)) {
                List<String> args = new ArrayList<>(argv.count());
                for (int i = 0; i < argv.count(); i++) {
                    args.add(new String(argv.bytes(i), StandardCharsets.ISO_8859_1));
                }
                requests.add(args);
            }
        } catch (ProtocolException e) {
            error = e.getMessage();
        }
        maxBuffered = Math.max(maxBuffered, parser.bufferedBytes());
    }

    void feed(byte[] b) {
        feed(b, 0, b.length);
    }

    Outcome outcome() {
        return new Outcome(List.copyOf(requests), error, error == null && parser.inFrame());
    }

    int unconsumed() {
        return buf.remaining();
    }

    ByteBuffer buffer() {
        return buf;
    }

    private void append(byte[] b, int off, int len) {
        int unconsumed = buf.remaining();
        if (moveAlways || buf.capacity() - buf.limit() < len) {
            int cap = buf.capacity();
            while (cap < unconsumed + len) {
                cap *= 2;
            }
            if (moveAlways || cap != buf.capacity()) {
                // A new buffer, the unconsumed bytes at a different position than before.
                ByteBuffer grown = ByteBuffer.allocate(cap + (moveAlways ? 7 : 0));
                if (moveAlways) {
                    grown.position(3 + (int) (fed % 4));
                }
                int start = grown.position();
                grown.put(buf);
                grown.limit(grown.position()).position(start);
                buf = grown;
            } else {
                buf.compact().flip();
            }
        }
        int limit = buf.limit();
        buf.limit(limit + len);
        buf.put(limit, b, off, len);
    }

    /** Parses {@code input} fed whole. */
    static Outcome whole(byte[] input, RequestParser config) {
        ParseHarness h = new ParseHarness();
        configure(h.parser, config);
        h.feed(input);
        return h.outcome();
    }

    /** Parses {@code input} fed in pieces ending at the given cut offsets (ascending). */
    static Outcome split(byte[] input, int[] cuts, RequestParser config, boolean moveAlways) {
        ParseHarness h = new ParseHarness(moveAlways);
        configure(h.parser, config);
        int from = 0;
        for (int cut : cuts) {
            h.feed(input, from, cut - from);
            from = cut;
        }
        h.feed(input, from, input.length - from);
        return h.outcome();
    }

    private static void configure(RequestParser p, RequestParser config) {
        if (config != null) {
            p.maxBulkLength(config.maxBulkLength());
            p.authenticated(config.authenticated());
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
