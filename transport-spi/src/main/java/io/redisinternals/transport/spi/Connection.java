package io.redisinternals.transport.spi;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One client connection as the transport exposes it.
 *
 * <p>Threading: {@link #write}, {@link #flush()} and {@link #close()} are safe from any thread.
 * A write from a thread other than the owner (a pub/sub message, the reply to a blocked client,
 * CLIENT KILL) is queued and the owner is woken to send it, or — for transports whose owner
 * cannot be woken while blocked in a read — sent directly under the connection's write lock;
 * either way bytes from one {@code write} call are never interleaved with another's.
 * {@link #pauseReading()} / {@link #resumeReading()} are called on the owner thread.
 */
public interface Connection {

    /** Unique per transport instance, increasing. */
    long id();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /**
     * Queues the bytes in {@code src} (position..limit) for sending and consumes them. The bytes
     * are copied or written before returning, so the caller may reuse {@code src}. On the owner
     * thread inside {@link ConnectionHandler#onRead} they are sent when the read completes; from
     * any other thread call {@link #flush()} afterwards. Writes to a closed connection are dropped.
     */
    void write(ByteBuffer src);

    /** Sends everything queued; from a non-owner thread this wakes the owner to do it. */
    void flush();

    /** Bytes queued and not yet accepted by the socket (for output-buffer limits and CLIENT LIST omem). */
    long pendingOutputBytes();

    /**
     * The socket's file descriptor (CLIENT LIST fd=), or -1 where the transport does not know it
     * (java.nio hides it). Any thread.
     */
    default long fd() {
        return -1;
    }

    /**
     * The heap one idle connection of this transport costs, in bytes: measured (heap after a full
     * collection with 2,000 idle connections, minus without, per connection) with the server's own
     * per-client objects on top, so the server can report a client's fixed memory honestly (CLIENT
     * LIST tot-mem). 0 when the transport does not know.
     */
    default long idleFootprintBytes() {
        return 0;
    }

    /**
     * Closes after flushing what is queued (as Redis's "close after reply"). Idempotent;
     * {@link ConnectionHandler#onClose()} follows on the owner thread.
     */
    void close();

    /**
     * Closes at once: unsent output is dropped and the socket is closed without waiting for the
     * peer, as Redis's {@code freeClient} for CLIENT KILL, the idle timeout and a client over its
     * query- or output-buffer limit (a peer that does not read must not keep the server flushing
     * to it). Idempotent, any thread; {@link ConnectionHandler#onClose()} follows on the owner
     * thread. The default, for transports that cannot do better, is {@link #close()}.
     */
    default void closeNow() {
        close();
    }

    /** Stops reading from the socket (backpressure); the owner thread calls this. */
    void pauseReading();

    /** Resumes reading after {@link #pauseReading()}. */
    void resumeReading();

    /**
     * Stops handing input to {@link ConnectionHandler#onRead} while the socket goes on being read,
     * so that a peer closing is still noticed (a client blocked in BLPOP that disconnects must be
     * forgotten, as Redis does by reading blocked clients' sockets); what arrives is kept and
     * reported through {@link ConnectionHandler#onInputKept}, so that the handler bounds it (the
     * query-buffer limit holds in every state). Called by the owner thread from inside onRead.
     * The default, for transports that cannot keep reading, pauses reading instead.
     */
    default void suspendDelivery() {
        pauseReading();
    }

    /**
     * From any thread: delivers again after {@link #suspendDelivery()}, starting with the input
     * already kept, without waiting for new bytes (the blocked client's pipelined requests).
     */
    default void resumeDelivery() {
        resumeReading();
    }

    /** Whether the connection has been closed. */
    boolean isClosed();

    /**
     * Called on this connection's owner thread, inside its {@link ConnectionHandler#onRead}, while
     * the request running there takes long (a busy script): handle the other connections that
     * thread serves, re-entrantly and without blocking, never this one (its later input waits,
     * unread or kept). Their input must not disturb the bytes this connection's onRead is working
     * on. The default does nothing: a transport with a thread per connection has no others there.
     */
    default void serveOthersWhileBusy() {
    }
}
