package io.redisinternals.server;

import io.redisinternals.engine.BusyScript;
import io.redisinternals.engine.ClientChannel;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.config.OutputBufferLimits;
import io.redisinternals.engine.Session;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RequestParser;
import io.redisinternals.resp.SdsText;
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
final class ClientConnection implements ConnectionHandler, ClientChannel, ReplyWriter.Sink {

    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());

    /** Redis's PROTO_REPLY_CHUNK_BYTES: the per-client reply buffer that output limits do not count. */
    private static final long REDIS_STATIC_REPLY_BUFFER = 16 * 1024;

    /** Most output an unauthenticated client may leave unread before it is dropped. */
    static final long UNAUTHENTICATED_OUTPUT_LIMIT = 1024 * 1024;

    private final Connection connection;
    private final Engine engine;
    private final Lock lock;
    private final RequestParser parser = new RequestParser();
    private final Argv argv = new Argv();
    private final ClientLimits limits;
    private final ReplyBuffers replyBuffers;
    private Session session;
    /** System.nanoTime when the output first passed the soft limit, 0 when below it (Redis's obuf_soft_limit_reached_time). */
    private volatile long softLimitSince;
    /** Unparsed input held: what the transport keeps plus what the parser reserved (client-query-buffer-limit). */
    private volatile long queryBufferBytes;
    /** Snapshots for CLIENT LIST and client eviction, read by other threads: see {@link #noteInput}. */
    private volatile long qbuf;
    private volatile long qbufFree;
    private volatile long partialArgv;

    private ClientConnection(Connection connection, Engine engine, ClientLimits limits, ReplyBuffers replyBuffers) {
        this.connection = connection;
        this.engine = engine;
        this.lock = engine.executionLock();
        this.limits = limits;
        this.replyBuffers = replyBuffers;
    }

    /**
     * Accepts a connection: refuses it (reply, then close) at maxclients or when protected mode
     * forbids a non-loopback peer, as redis-server does; otherwise registers a session.
     */
    static ConnectionHandler accept(Connection connection, Engine engine, ClientLimits limits, ReplyBuffers replyBuffers) {
        engine.stats().connectionReceived();
        ClientConnection client = new ClientConnection(connection, engine, limits, replyBuffers);
        String[] refused = new String[1];
        // under the lock, or beside a busy script on its thread: clients connect meanwhile, as in Redis
        engine.busyScript().runLocked(() -> {
            if (engine.clientCount() >= engine.config().intValue("maxclients")) {
                refused[0] = "-ERR max number of clients reached\r\n";
                engine.stats().connectionRejected();
            } else if (protectedModeRefuses(engine, connection.remoteAddress())) {
                refused[0] = ProtectedMode.DENIED;
                engine.stats().connectionRejected();
            } else {
                client.session = engine.openSession(client);
            }
        });
        String refusal = refused[0];
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
        noteInput(before); // the whole read is this client's query buffer while its commands run, as in Redis
        // The rest of a big bulk (a 200 MB SET) is taken without the execution lock: accumulating
        // it must not hold up other clients. Only whole frames run under the lock.
        if (parser.absorb(in)) {
            afterRead(in, before, false);
            return;
        }
        ReplyWriter out = replyBuffers.take();
        out.sink(this);
        out.replyBudget(limits.normalOutput().hardBytes());
        boolean close = executeBatch(in, out);
        send(out);
        replyBuffers.give(out);
        afterRead(in, before, close);
    }

    /**
     * Runs the whole requests of {@code in}: under the execution lock as a batch, or, while a script
     * is busy, beside it on its thread (see {@link BusyScript}). Returns whether to close.
     */
    private boolean executeBatch(ByteBuffer in, ReplyWriter out) {
        BusyScript busy = engine.busyScript();
        for (;;) {
            switch (busy.acquire()) {
                case LOCKED -> {
                    return lockedBatch(in, out);
                }
                case NESTED -> {
                    return besideBusyScript(in, out);
                }
                case BUSY -> {
                    boolean[] close = new boolean[1];
                    if (busy.handOff(() -> close[0] = besideBusyScript(in, out))) {
                        return close[0];
                    }
                    // the script ended before taking it: the lock is free again
                }
            }
        }
    }

    /**
     * A batch beside a busy script, inside the script's own batch: its requests get -BUSY but for
     * the allow-busy commands (the dispatcher decides); nothing of the batch bookkeeping, which the
     * script's batch does when it ends.
     */
    private boolean besideBusyScript(ByteBuffer in, ReplyWriter out) {
        if (session.isClosed()) {
            in.position(in.limit());
            return false;
        }
        try {
            return executeAll(in, out);
        } catch (ProtocolException e) {
            out.raw(e.replyBytes());
            return true;
        }
    }

    /** The usual batch: the caller acquired the execution lock, released here. */
    private boolean lockedBatch(ByteBuffer in, ReplyWriter out) {
        boolean close = false;
        engine.beginBatch();
        try {
            if (session.isClosed()) {
                // Killed (CLIENT KILL, idle timeout) while this thread waited for the lock: its
                // requests must not run, and nothing is replied to a connection being dropped.
                in.position(in.limit());
            } else {
                close = executeAll(in, out);
            }
            engine.afterBatch();
            if (session.receivesPushes()) {
                // Messages for this client may be queued by the next holder of the lock: its
                // replies (a SUBSCRIBE's confirmation) must be queued first.
                send(out);
            }
        } catch (ProtocolException e) {
            out.raw(e.replyBytes());
            close = true;
        } finally {
            engine.endBatch();
            lock.unlock();
        }
        return close;
    }

    /** Hands the pending replies to the transport. */
    private void send(ReplyWriter out) {
        int n = out.pendingSize();
        if (n > 0 && !connection.isClosed()) {
            connection.write(out.pending());
            engine.stats().addNetOutput(n);
        }
        out.clear();
    }

    /**
     * Runs every whole request in {@code in}, under the execution lock. Stops at a blocking
     * command (the rest waits, unparsed), a close request, or the output-buffer limit.
     *
     * @return whether the connection must close after the replies are sent
     */
    private boolean executeAll(ByteBuffer in, ReplyWriter out) throws ProtocolException {
        parser.maxBulkLength(limits.maxBulkLength());
        parser.authenticated(session.authenticated());
        boolean checkOutput = limits.outputLimited() || session.inPubSubMode();
        // A blocked client's later requests wait, unparsed, until its blocking command ends.
        while (!session.isBlocked() && parser.next(in, argv)) {
            session.execute(argv, out);
            if (session.closeRequested()) {
                return true;
            }
            if (session.isBlocked()) {
                // Still under the lock, so an unblock (which needs it) cannot come first.
                connection.suspendDelivery();
                return false;
            }
            // A reply whose size the client chose stopped at the reply budget (ReplyWriter), where
            // Redis would have streamed it until this limit (or its memory) ran out: the same close.
            if (out.budgetExceeded() || checkOutput && overOutputLimit(out.pendingSize())) {
                // Redis checks on every reply added: one read of pipelined GETs must not queue
                // without bound for a client that does not read.
                out.clear();
                in.position(in.limit());
                closeForOutputLimit();
                return false;
            }
            // AUTH/HELLO/RESET may have changed what the parser allows before the next frame.
            parser.authenticated(session.authenticated());
        }
        return false;
    }

    /**
     * Redis's checkClientOutputBufferLimits for the client's class (normal; pubsub once
     * subscriptions exist): over the hard limit, or over the soft limit for longer than its
     * seconds. {@code unsent} is reply bytes not yet handed to the transport.
     */
    private boolean overOutputLimit(long unsent) {
        OutputBufferLimits.Limit limit = session != null && session.inPubSubMode()
                ? limits.pubsubOutput() : limits.normalOutput();
        // As Redis's getClientOutputBufferMemoryUsage, which counts the reply list only: the first
        // 16 KiB (its per-client static buffer) are not counted, so small replies never trip a tiny limit.
        long used = Math.max(0, connection.pendingOutputBytes() + unsent - REDIS_STATIC_REPLY_BUFFER);
        if (limit.hardBytes() > 0 && used >= limit.hardBytes()) {
            return true;
        }
        if (limit.softBytes() > 0 && used >= limit.softBytes()) {
            long now = System.nanoTime();
            if (softLimitSince == 0) {
                softLimitSince = now;
                return false;
            }
            return now - softLimitSince > limit.softSeconds() * 1_000_000_000L;
        }
        softLimitSince = 0;
        return false;
    }

    /** Redis's freeClientAsync for the output-buffer limit, with its log line; what is queued is dropped. */
    private void closeForOutputLimit() {
        LOG.log(System.Logger.Level.WARNING, "Client " + describe()
                + " scheduled to be closed ASAP for overcoming of output buffer limits.");
        connection.closeNow();
    }

    /** Accounting and the limits that close a client after a read: query buffer, unauthenticated output. */
    private void afterRead(ByteBuffer in, int before, boolean close) {
        engine.stats().addNetInput(before - in.remaining());
        queryBufferBytes = in.remaining() + parser.bufferedBytes();
        noteInput(in.remaining());
        if (!close && queryBufferBytes > limits.queryBufferLimit()) {
            closeForQueryBuffer(in);
            return;
        }
        if (!close && !session.authenticated() && connection.pendingOutputBytes() > UNAUTHENTICATED_OUTPUT_LIMIT) {
            // A client that never authenticated and never reads its NOAUTH errors must not make
            // the server buffer output without bound (the class of CVE-2025-21605).
            close = true;
        }
        if (close) {
            connection.close();
        } else {
            engine.clientEviction().afterRead(session); // maxmemory-clients: nothing unless set
        }
    }

    /**
     * Publishes what this client's input holds (CLIENT LIST qbuf, qbuf-free, argv-mem):
     * {@code transportHeld} unparsed bytes in the transport, plus what the parser keeps of a big
     * argument in progress and of the arguments before it. Owner thread.
     */
    private void noteInput(long transportHeld) {
        qbuf = transportHeld + parser.bigBulkReceived();
        qbufFree = parser.bigBulkFree();
        partialArgv = parser.partialArgvBytes();
    }

    /**
     * While the client is blocked its socket is still read and the bytes kept by the transport:
     * the query-buffer limit holds in that state too (Redis checks it on every read of any client).
     */
    @Override
    public void onInputKept(long keptBytes) {
        queryBufferBytes = keptBytes + parser.bufferedBytes();
        noteInput(keptBytes);
        if (queryBufferBytes > limits.queryBufferLimit()) {
            closeForQueryBuffer(null);
        } else {
            engine.clientEviction().afterRead(session);
        }
    }

    /**
     * Redis's freeClientAsync for a query buffer past {@code client-query-buffer-limit}: no
     * reply, the connection is dropped at once, with Redis's log line.
     */
    private void closeForQueryBuffer(ByteBuffer in) {
        String initial = "\"\"";
        if (in != null) {
            byte[] head = new byte[Math.min(in.remaining(), 64)];
            in.get(in.position(), head);
            initial = SdsText.repr(head);
        }
        LOG.log(System.Logger.Level.WARNING, "Closing client that reached max query buffer length: "
                + describe() + " (qbuf initial bytes: " + initial + ")");
        connection.closeNow();
    }

    /** The start of Redis's client info string (CLIENT LIST fields) for log lines. */
    private String describe() {
        return "id=" + session.id() + " addr=" + hostPort(connection.remoteAddress())
                + " laddr=" + hostPort(connection.localAddress()) + " name=" + (session.name() == null ? "" : session.name())
                + " qbuf=" + queryBufferBytes;
    }

    private static String hostPort(InetSocketAddress a) {
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Big reply bytes the writer hands over directly (see ReplyWriter's sink): queued, copied, by the transport. */
    @Override
    public void write(byte[] b, int off, int n) {
        connection.write(ByteBuffer.wrap(b, off, n));
        engine.stats().addNetOutput(n);
    }

    @Override
    public void onClose() {
        if (session != null) {
            engine.busyScript().runLocked(session::closed);
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
        return qbuf;
    }

    @Override
    public long queryBufferFree() {
        return qbufFree;
    }

    @Override
    public long partialArgvBytes() {
        return partialArgv;
    }

    @Override
    public long fd() {
        return connection.fd();
    }

    /** The transport's measured cost of an idle connection, which includes this object, the session and the parser. */
    @Override
    public long fixedBytes() {
        long measured = connection.idleFootprintBytes();
        return measured > 0 ? measured : ClientChannel.super.fixedBytes();
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

    /** This client's script is busy: its transport serves the connections sharing this thread. */
    @Override
    public void serveOthersWhileBusy() {
        connection.serveOthersWhileBusy();
    }

    /**
     * A pub/sub message from whichever thread published it (under the execution lock): queued
     * behind what the connection holds and sent by its owner; the publisher never waits. A
     * subscriber past its pubsub output limit is closed, as Redis's checkClientOutputBufferLimits.
     */
    @Override
    public void push(byte[] frame, int off, int len) {
        if (connection.isClosed()) {
            return;
        }
        if (overOutputLimit(len + pushedBytes)) {
            pushedBytes = 0;
            closeForOutputLimit();
            return;
        }
        if (flushDeferred) {
            appendPushed(frame, off, len);
        } else if (engine.deferFlush(this)) {
            flushDeferred = true; // one write and one flush for all of this batch's messages
            appendPushed(frame, off, len);
        } else {
            engine.stats().addNetOutput(len);
            connection.write(ByteBuffer.wrap(frame, off, len)); // copied by the transport
            connection.flush();
        }
    }

    /**
     * Messages pushed during the current batch, handed to the transport together at its end (one
     * copy, one wake-up of this connection's loop). Bounded by the output limit checked above;
     * only touched under the execution lock.
     */
    private byte[] pushed = NOTHING_PUSHED;
    private int pushedBytes;
    private static final byte[] NOTHING_PUSHED = new byte[0];
    /** Above this the batch buffer is dropped after use rather than kept for the next batch. */
    private static final int PUSHED_KEPT = 64 * 1024;
    /** Set while this connection waits in the engine's deferred flushes (under the execution lock). */
    private boolean flushDeferred;

    @Override
    public void flushPushes() {
        flushDeferred = false;
        writePushed();
        connection.flush();
        if (resumeAfterFlush) {
            resumeAfterFlush = false;
            connection.resumeDelivery();
        }
    }

    /** Queues the batch's pushed messages to the transport (no flush). */
    private void writePushed() {
        if (pushedBytes == 0) {
            return;
        }
        if (!connection.isClosed()) {
            engine.stats().addNetOutput(pushedBytes); // once per batch, not per message
            connection.write(ByteBuffer.wrap(pushed, 0, pushedBytes)); // copied by the transport
        }
        pushedBytes = 0;
        if (pushed.length > PUSHED_KEPT) {
            pushed = NOTHING_PUSHED;
        }
    }

    private void appendPushed(byte[] frame, int off, int len) {
        if (pushed.length - pushedBytes < len) {
            // The output limit checked before bounds this (at most the pubsub hard limit).
            pushed = java.util.Arrays.copyOf(pushed, Math.max(pushedBytes + len, Math.max(256, pushed.length * 2)));
        }
        System.arraycopy(frame, off, pushed, pushedBytes, len);
        pushedBytes += len;
    }

    /**
     * The blocked command's reply, from whichever thread ended the wait (under the execution lock):
     * queued to the connection, which sends it from its owner thread or loop; then delivery of
     * the requests the client pipelined meanwhile resumes.
     */
    @Override
    public void unblocked(byte[] reply) {
        if (limits.outputLimited() && overOutputLimit(reply.length)) {
            closeForOutputLimit();
            return;
        }
        if (flushDeferred || engine.deferFlush(this)) {
            // Served inside another client's batch: the reply may acknowledge a write (BLMOVE's
            // push, an LPOP propagated for a BLPOP), so it leaves with that batch's replies, after
            // the append-only file was written (and fsynced with appendfsync always) at its end.
            flushDeferred = true;
            appendPushed(reply, 0, reply.length);
            resumeAfterFlush = true;
            return;
        }
        writePushed(); // messages pushed earlier in this batch go first, in the order produced
        connection.write(ByteBuffer.wrap(reply));
        connection.flush();
        engine.stats().addNetOutput(reply.length);
        connection.resumeDelivery();
    }

    /** An unblocked reply waits in the pushed buffer: delivery resumes once it was handed over. */
    private boolean resumeAfterFlush;
}
