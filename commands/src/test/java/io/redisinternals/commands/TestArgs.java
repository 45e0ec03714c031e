package io.redisinternals.commands;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.RequestParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds an {@link Argv} the way a connection does: the arguments are slices of a read buffer
 * (after some unrelated leading bytes, so no slice starts at offset 0), not owned arrays.
 */
public final class TestArgs {

    private TestArgs() {
    }

    public static Argv slices(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return slices(b);
    }

    public static Argv slices(byte[]... args) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
        frame.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            frame.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(a);
            frame.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        ByteBuffer in = ByteBuffer.wrap(frame.toByteArray());
        RequestParser parser = new RequestParser();
        Argv argv = new Argv();
        try {
            if (!parser.next(in, argv) || !parser.next(in, argv)) {
                throw new AssertionError("incomplete test frame");
            }
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
        return argv;
    }

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
