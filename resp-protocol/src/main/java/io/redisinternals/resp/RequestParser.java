package io.redisinternals.resp;

import java.nio.ByteBuffer;

/**
 * Incremental parser of client requests: RESP multibulk ({@code *N\r\n$len\r\n...}) and inline
 * commands, with redis-server 7.0's limits and error texts.
 *
 * <p>Return contract of {@link #next}: {@code true} = one whole request is in the argv and the
 * buffer position is just past it; {@code false} = need more bytes (the buffer's unconsumed bytes
 * are the start of a partial frame, to be passed again, with more appended); a malformed request
 * throws {@link ProtocolException}. Frames that carry no command ({@code *0}, {@code *-5}, empty
 * inline lines) are consumed silently.
 *
 * <p>Memory: a bulk longer than {@link #BIG_BULK_THRESHOLD} that has not fully arrived is moved
 * out of the read buffer and accumulated in chunks as bytes arrive, so what is reserved never
 * exceeds what has arrived plus one chunk, whatever length the client announced.
 *
 * <p>One parser per connection; not thread-safe.
 */
public final class RequestParser {

    /** Redis's PROTO_INLINE_MAX_SIZE: longest inline request, and longest *N / $N header line. */
    public static final int INLINE_MAX_SIZE = 64 * 1024;
    /** Bulks at least this long that have not fully arrived are accumulated outside the read buffer. */
    public static final int BIG_BULK_THRESHOLD = 32 * 1024;
    /** Limits for clients that have not authenticated (when a password is required). */
    public static final int UNAUTHENTICATED_MAX_MULTIBULK = 10;
    public static final int UNAUTHENTICATED_MAX_BULK = 16384;

    private long maxBulkLength = 512L * 1024 * 1024;
    private boolean authenticated = true;

    /** Sets proto-max-bulk-len. */
    public void maxBulkLength(long bytes) {
        this.maxBulkLength = bytes;
    }

    /** Whether the client is authenticated; unauthenticated clients get Redis's tight limits. */
    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /**
     * Parses the next request from {@code in} (position..limit) into {@code argv}.
     *
     * @return true when a request is ready in {@code argv}; false when more bytes are needed
     * @throws ProtocolException on malformed input (reply "-ERR " + message, then close)
     */
    public boolean next(ByteBuffer in, Argv argv) throws ProtocolException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Bytes this parser holds outside the read buffer (a big bulk in progress), for query-buffer limits. */
    public long bufferedBytes() {
        return 0;
    }

    /** Whether the last request returned by {@link #next} was an inline one. */
    public boolean lastWasInline() {
        return false;
    }

    /** Forgets any partial frame (connection reset). */
    public void reset() {
    }
}
