package io.redisinternals.benchmarks;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.RequestParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds RESP request bytes shaped like redis-benchmark's ("key:" + 12 digits, as -r does). */
final class Requests {

    private Requests() {
    }

    /** redis-benchmark's key for index {@code i}: "key:" followed by 12 zero-padded digits (16 bytes). */
    static String key(long i) {
        return String.format("key:%012d", i);
    }

    /** One multibulk request. */
    static byte[] encode(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "*" + args.length + "\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            write(out, "$" + b.length + "\r\n");
            out.writeBytes(b);
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    /**
     * {@code n} requests alternating SET key value / GET key over keys {@code 0..keySpace-1},
     * concatenated as a pipelining client sends them.
     */
    static ByteBuffer pipeline(int n, int keySpace, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            String k = key((i / 2 * 7919L) % keySpace);
            out.writeBytes((i & 1) == 0 ? encode("SET", k, value) : encode("GET", k));
        }
        byte[] b = out.toByteArray();
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    /**
     * Parses each request of {@code buffer} into its own {@link Argv}; every Argv stays a slice of
     * the (never modified) buffer, so benchmarks can look keys up in place as the server does.
     */
    static Argv[] parseAll(ByteBuffer buffer, int n) {
        RequestParser parser = new RequestParser();
        Argv[] all = new Argv[n];
        ByteBuffer in = buffer.duplicate();
        for (int i = 0; i < n; i++) {
            all[i] = new Argv();
            try {
                if (!parser.next(in, all[i])) {
                    throw new IllegalStateException("request " + i + " incomplete");
                }
            } catch (ProtocolException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }
}
