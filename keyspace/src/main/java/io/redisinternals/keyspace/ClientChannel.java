package io.redisinternals.keyspace;

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

    /** Bytes received and not yet parsed (CLIENT LIST qbuf). */
    default long queryBufferBytes() {
        return 0;
    }

    /** The socket's file descriptor (CLIENT LIST fd=), or -1 when the transport does not expose one. */
    default long fd() {
        return -1;
    }

    /** Closes the connection after flushing what is queued. Safe from any thread (CLIENT KILL). */
    void close();
}
