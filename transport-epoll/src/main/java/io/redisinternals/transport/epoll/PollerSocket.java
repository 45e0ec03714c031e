package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A non-blocking socket of one {@link Poller} backend: a raw fd (JNI) or a SocketChannel (nio). */
interface PollerSocket {

    /**
     * Reads into {@code dst} (a direct buffer) from its position, advancing it.
     *
     * @return bytes read, 0 if none are available now, -1 at end of stream
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Gathering write of {@code srcs[offset..offset+length)} (direct buffers), advancing their
     * positions.
     *
     * @return bytes written, 0 if the socket buffer is full
     */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    InetSocketAddress localAddress();

    /** Null for a listening socket. */
    InetSocketAddress remoteAddress();

    /** Closes the socket. Idempotent. */
    void close();
}
