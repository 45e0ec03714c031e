package io.redisinternals.transport.spi;

import java.nio.ByteBuffer;

/**
 * The server side of one connection: consumes bytes, produces replies through its
 * {@link Connection}.
 *
 * <p>Threading: every method is called on the connection's owner thread, never concurrently.
 */
public interface ConnectionHandler {

    /**
     * New bytes arrived. {@code in} is in read mode: its position..limit holds every byte received
     * and not yet consumed, oldest first. The handler consumes every complete frame it finds by
     * advancing the position, and leaves a partial frame in place (position at its start); the
     * transport keeps the unconsumed bytes and calls again, with them first, when more arrive. If
     * the buffer is full and the handler consumed nothing, the transport grows it.
     *
     * <p>Replies written to the connection during this call are flushed by the transport when it
     * returns, so every reply of one read leaves in a single write where possible.
     *
     * <p>The buffer (and any slice of it) is only valid during the call.
     */
    void onRead(ByteBuffer in);

    /**
     * Bytes arrived while delivery is suspended ({@link Connection#suspendDelivery()}) and are
     * kept, unconsumed, for a later {@link #onRead}; {@code keptBytes} is everything kept now. The
     * handler bounds it: it may call {@link Connection#closeNow()} (Redis closes a client whose
     * query buffer passes {@code client-query-buffer-limit} whatever its state). Called after each
     * such read, on the owner thread; a transport must not grow its kept input past what this
     * allowed without calling it.
     */
    default void onInputKept(long keptBytes) {
    }

    /**
     * The connection is closed (by the peer, by an I/O error, by {@link Connection#close()}, or by
     * transport shutdown). Called exactly once, last. No more writes will be sent.
     */
    void onClose();
}
