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
}
