package io.redisinternals.transport.epoll;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The I/O multiplexer under one event loop, with two implementations: {@code EpollPoller} (JNI
 * epoll) and {@code SelectorPoller} (java.nio). Everything above it — the event loop, connection
 * buffers, the write path, backpressure — is shared code.
 *
 * <p>Threading: every method is called on the owning loop's thread, except {@link #wakeup()}.
 */
interface Poller extends Closeable {

    /** Interest / readiness bits. */
    int READ = 1;
    int WRITE = 4;
    int ACCEPT = 16;

    /** For INFO {@code transport_backend:}: {@code jni-epoll} or {@code nio-selector}. */
    String backendName();

    /**
     * Opens a non-blocking listening socket (SO_REUSEADDR) bound to {@code address} and registers
     * it for {@link #ACCEPT} with {@code attachment}.
     */
    PollerSocket listen(InetSocketAddress address, int backlog, Object attachment) throws IOException;

    /**
     * Accepts one pending connection (non-blocking, TCP_NODELAY on), or returns null when none is
     * pending. The new socket is not registered anywhere yet.
     */
    PollerSocket accept(PollerSocket listener) throws IOException;

    /** Registers a socket accepted by any poller of this backend with {@code interest} bits. */
    void register(PollerSocket socket, int interest, Object attachment) throws IOException;

    /** Changes the interest bits of a registered socket. */
    void interest(PollerSocket socket, int interest) throws IOException;

    /** Stops watching a socket (before closing it). */
    void deregister(PollerSocket socket) throws IOException;

    /**
     * Waits for readiness up to {@code timeoutMillis} (0 = poll without blocking, -1 = no limit) and
     * reports each ready socket to {@code sink}. Returns early when {@link #wakeup()} is called.
     *
     * @return the number of ready sockets reported
     */
    int poll(long timeoutMillis, ReadySink sink) throws IOException;

    /** Makes a blocked (or the next) {@link #poll} return at once. Safe from any thread. */
    void wakeup();

    /** Receives readiness: the attachment given at registration and the ready bits. */
    @FunctionalInterface
    interface ReadySink {
        void ready(Object attachment, int readyOps);
    }
}
