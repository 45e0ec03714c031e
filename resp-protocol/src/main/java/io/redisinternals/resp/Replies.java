package io.redisinternals.resp;

import java.nio.charset.StandardCharsets;

/** Constant replies, encoded once. Write them with {@link ReplyWriter#raw(byte[])}. */
public final class Replies {

    private Replies() {
    }

    public static final byte[] OK = encode("+OK\r\n");
    public static final byte[] PONG = encode("+PONG\r\n");
    public static final byte[] QUEUED = encode("+QUEUED\r\n");
    public static final byte[] ZERO = encode(":0\r\n");
    public static final byte[] ONE = encode(":1\r\n");
    public static final byte[] NULL_BULK = encode("$-1\r\n");
    public static final byte[] NULL_ARRAY = encode("*-1\r\n");
    public static final byte[] EMPTY_ARRAY = encode("*0\r\n");
    public static final byte[] EMPTY_BULK = encode("$0\r\n\r\n");
    public static final byte[] RESP3_NULL = encode("_\r\n");
    public static final byte[] RESP3_TRUE = encode("#t\r\n");
    public static final byte[] RESP3_FALSE = encode("#f\r\n");
    public static final byte[] SYNTAX_ERROR = encode("-ERR syntax error\r\n");
    public static final byte[] NOT_INTEGER = encode("-ERR value is not an integer or out of range\r\n");
    public static final byte[] WRONGTYPE =
            encode("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");

    /** Encodes an ASCII reply literal. */
    public static byte[] encode(String protocolText) {
        return protocolText.getBytes(StandardCharsets.ISO_8859_1);
    }
}
