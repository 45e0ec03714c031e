package io.redisinternals.server;

import io.redisinternals.keyspace.ClientChannel;
import io.redisinternals.keyspace.Engine;
import io.redisinternals.keyspace.Session;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RequestParser;
import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;

/**
 * The glue between one transport connection and the engine: bytes in, parsed requests executed
 * on this (the reading) thread under the engine's execution lock, replies out in one write per
 * read.
 *
 * <p>Threading: {@link #onRead} and {@link #onClose} run on the connection's owner thread; the
 * {@link ClientChannel} methods may be called by other clients' threads (CLIENT KILL, CLIENT
 * LIST) and only touch the thread-safe {@link Connection}.
 */
final class ClientConnection implements ConnectionHandler, ClientChannel {

    /** Most output an unauthenticated client may leave unread before it is dropped. */
    static final long UNAUTHENTICATED_OUTPUT_LIMIT = 1024 * 1024;

    private final Connection connection;
    private final Engine engine;
    private final Lock lock;
    private final RequestParser parser = new RequestParser();
    private final Argv argv = new Argv();
    private final ReplyWriter out = new ReplyWriter();
    private final ClientLimits limits;
    private Session session;
    private volatile long queryBufferBytes;

    private ClientConnection(Connection connection, Engine engine, ClientLimits limits) {
        this.connection = connection;
        this.engine = engine;
        this.lock = engine.executionLock();
        this.limits = limits;
    }

    /**
     * Accepts a connection: refuses it (reply, then close) at maxclients or when protected mode
     * forbids a non-loopback peer, as redis-server does; otherwise registers a session.
     */
    static ConnectionHandler accept(Connection connection, Engine engine, ClientLimits limits) {
        engine.stats().connectionReceived();
        ClientConnection client = new ClientConnection(connection, engine, limits);
        String refusal = null;
        engine.executionLock().lock();
        try {
            if (engine.clientCount() >= engine.config().intValue("maxclients")) {
                refusal = "-ERR max number of clients reached\r\n";
                engine.stats().connectionRejected();
            } else if (protectedModeRefuses(engine, connection.remoteAddress())) {
                refusal = ProtectedMode.DENIED;
                engine.stats().connectionRejected();
            } else {
                client.session = engine.openSession(client);
            }
        } finally {
            engine.executionLock().unlock();
        }
        if (refusal != null) {
            connection.write(ByteBuffer.wrap(refusal.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            connection.close();
        }
        return client;
    }

    /**
     * Protected mode refuses a peer that is not on loopback. A peer whose address cannot be known
     * (null, unresolved) is refused too: Redis's connIsLocal answers -1 then, which is not local.
     */
    static boolean protectedModeRefuses(Engine engine, InetSocketAddress peer) {
        return "yes".equals(engine.config().get("protected-mode"))
                && engine.config().get("requirepass").isEmpty()
                && (peer == null || peer.getAddress() == null || !peer.getAddress().isLoopbackAddress());
    }

    @Override
    public void onRead(ByteBuffer in) {
        if (session == null || connection.isClosed()) {
            in.position(in.limit()); // refused or closing: discard input
            return;
        }
        int before = in.remaining();
        boolean close = false;
        lock.lock();
        try {
            if (session.isClosed()) {
                // Killed (CLIENT KILL, idle timeout) while this thread waited for the lock: its
                // requests must not run, and nothing is replied to a connection being dropped.
                in.position(in.limit());
                return;
            }
            parser.maxBulkLength(limits.maxBulkLength());
            parser.authenticated(session.authenticated());
            // A blocked client's later requests wait, unparsed, until its blocking command ends.
            while (!session.isBlocked() && parser.next(in, argv)) {
                session.execute(argv, out);
                if (session.closeRequested()) {
                    close = true;
                    break;
                }
                if (session.isBlocked()) {
                    // Still under the lock, so an unblock (which needs it) cannot come first.
                    connection.suspendDelivery();
                    break;
                }
                // AUTH/HELLO/RESET may have changed what the parser allows before the next frame.
                parser.authenticated(session.authenticated());
            }
        } catch (ProtocolException e) {
            out.raw(e.replyBytes());
            close = true;
        } finally {
            lock.unlock();
        }
        engine.stats().addNetInput(before - in.remaining());
        queryBufferBytes = in.remaining() + parser.bufferedBytes();
        if (!close && queryBufferBytes > limits.queryBufferLimit()) {
            // Redis closes such a client without a reply (and logs it).
            close = true;
        }
        if (!close && !session.authenticated() && connection.pendingOutputBytes() > UNAUTHENTICATED_OUTPUT_LIMIT) {
            // A client that never authenticated and never reads its NOAUTH errors must not make
            // the server buffer output without bound (the class of CVE-2025-21605).
            close = true;
        }
        flush();
        if (close) {
            connection.close();
        }
    }

    private void flush() {
        int n = out.size();
        if (n > 0) {
            connection.write(out.pending());
            engine.stats().addNetOutput(n);
            out.clear();
            out.trim();
        }
    }

    @Override
    public void onClose() {
        if (session != null) {
            lock.lock();
            try {
                session.closed();
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- ClientChannel: what the engine may see of this connection ----------------------

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    @Override
    public long pendingOutputBytes() {
        return connection.pendingOutputBytes();
    }

    @Override
    public long queryBufferBytes() {
        return queryBufferBytes;
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public void closeNow() {
        connection.closeNow();
    }

    @Override
    public boolean canBlock() {
        return true;
    }

    /**
     * The blocked command's reply, from whichever thread ended the wait (under the execution lock):
     * queued to the connection, which sends it from its owner thread or loop; then delivery of
     * the requests the client pipelined meanwhile resumes.
     */
    @Override
    public void unblocked(byte[] reply) {
        connection.write(ByteBuffer.wrap(reply));
        connection.flush();
        engine.stats().addNetOutput(reply.length);
        connection.resumeDelivery();
    }
}
