package io.redisinternals.resp;

/**
 * A malformed request. The only exception the parser throws. The connection must reply
 * {@code -ERR <message>} and close, as redis-server does.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message Redis's text, e.g. "Protocol error: invalid multibulk length" */
    public ProtocolException(String message) {
        super(message, null, false, false);
    }

    /** The full error reply line without the leading '-' and trailing CRLF: "ERR " + message. */
    public String replyText() {
        return "ERR " + getMessage();
    }

    /**
     * The whole reply, {@code -ERR <message>\r\n}, byte for byte as redis-server sends it. The
     * message may quote a raw request byte ("expected '$', got '\u00ff'"): each char of it is
     * one byte (ISO-8859-1), which {@link ReplyWriter#error(String)} would re-encode as UTF-8,
     * so write these bytes with {@link ReplyWriter#raw(byte[])}.
     */
    public byte[] replyBytes() {
        return ("-" + replyText() + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
