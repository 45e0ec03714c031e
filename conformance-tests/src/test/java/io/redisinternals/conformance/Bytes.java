package io.redisinternals.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers to build request bytes and print replies readably in failure messages. */
public final class Bytes {

    private Bytes() {
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Encodes a command as a RESP array of bulk strings, the form every real client sends. */
    public static byte[] command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("*" + args.length + "\r\n"));
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ascii("$" + b.length + "\r\n"));
            out.writeBytes(b);
            out.writeBytes(ascii("\r\n"));
        }
        return out.toByteArray();
    }

    /** The arrays one after the other (a pipeline of encoded commands). */
    public static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static String visible(byte[] raw) {
        if (raw == null) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        int limit = Math.min(raw.length, 2000);
        for (int i = 0; i < limit; i++) {
            int c = raw[i] & 0xff;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        if (raw.length > limit) {
            sb.append("...(").append(raw.length).append(" bytes)");
        }
        return sb.toString();
    }
}
