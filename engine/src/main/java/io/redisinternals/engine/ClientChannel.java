package io.redisinternals.engine;

import java.net.InetSocketAddress;

/**
 * What the engine may know of and do to a client's connection. Implemented by the server over a
 * transport connection, so the keyspace never sees transports.
 */
public interface ClientChannel {

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** Output bytes queued and not yet sent (CLIENT LIST omem/obl). */
    long pendingOutputBytes();

    /**
     * Bytes received and not yet parsed (CLIENT LIST qbuf): what the transport keeps of a partial
     * request plus what the parser holds of a big argument in progress. Any thread.
     */
    default long queryBufferBytes() {
        return 0;
    }

    /** Space reserved for the request in progress and not filled yet (CLIENT LIST qbuf-free). Any thread. */
    default long queryBufferFree() {
        return 0;
    }

    /**
     * Lengths of the arguments of a request not fully received that were already parsed out of the
     * query buffer (the part of CLIENT LIST argv-mem that belongs to the connection). Any thread.
     */
    default long partialArgvBytes() {
        return 0;
    }

    /**
     * The client's fixed memory: what an idle connection with its session costs on the heap
     * (CLIENT LIST tot-mem's base). Any thread.
     */
    default long fixedBytes() {
        return ClientMemory.FIXED_BYTES;
    }

    /** The socket's file descriptor (CLIENT LIST fd=), or -1 when the transport does not expose one. */
    default long fd() {
        return -1;
    }

    /** Closes the connection after flushing what is queued (QUIT, CLIENT KILL of oneself). Safe from any thread. */
    void close();

    /**
     * Closes the connection at once, dropping output not yet sent: CLIENT KILL of another client
     * and the idle timeout, as Redis's {@code freeClient} (a victim that does not read must not keep
     * its buffers for a flush timeout). Safe from any thread. The default closes gracefully.
     */
    default void closeNow() {
        close();
    }

    /**
     * A frame the client did not ask for (a pub/sub message): queued after what the connection
     * already holds and sent by its own thread or loop, without waiting; a client over its output
     * limit (the pubsub class while subscribed) is closed instead. Called under the execution
     * lock, from any thread. The default drops it (a channel that cannot deliver later).
     * Sending may wait for {@link #flushPushes()}: see {@link Engine#deferFlush}.
     */
    default void push(byte[] frame) {
        push(frame, 0, frame.length);
    }

    /**
     * {@link #push(byte[])} of {@code frame[off, off + len)}; the bytes are copied before this
     * returns, so the caller may reuse the array (a publish encodes into one scratch buffer).
     */
    default void push(byte[] frame, int off, int len) {
    }

    /** Sends what {@link #push} queued and left for the end of the batch (under the execution lock). */
    default void flushPushes() {
    }

    /**
     * Whether this connection can hold a blocked client: suspend its request processing and later
     * take a reply from another thread ({@link #unblocked}). Without it, blocking commands act as
     * their non-blocking forms.
     */
    default boolean canBlock() {
        return false;
    }

    /**
     * A script run for this client is busy (see {@link BusyScript}): on its thread, serve the other
     * connections that share it (an event loop's), re-entrantly and without blocking, never this
     * one. The default has nothing to serve: each connection has a thread of its own.
     */
    default void serveOthersWhileBusy() {
    }

    /**
     * The client's blocked command finished elsewhere (served by another client's write, timed out,
     * CLIENT UNBLOCK): send {@code reply}, then go on with the requests the client pipelined after
     * the blocking one. Called under the execution lock, from any thread; must not block.
     */
    default void unblocked(byte[] reply) {
        throw new UnsupportedOperationException("this channel cannot hold blocked clients");
    }
}
