package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.command.CommandContext;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RespVersion;

/**
 * One client's state in the engine: id, name, selected database, protocol, authentication,
 * (later) MULTI queue and subscriptions. Created by {@link Engine#openSession}.
 *
 * <p>Threading: used by the connection's owner thread while it holds the engine's execution lock;
 * other clients' commands (CLIENT LIST/KILL) read and change it under the same lock.
 */
public final class Session {

    private final Engine engine;
    private final ClientChannel channel;
    private final long id;
    private final long createdAt;
    private final Context context = new Context();

    private String name;
    private int dbIndex;
    private Database db;
    private RespVersion protocol = RespVersion.RESP2;
    private boolean authenticatedFlag;
    private volatile long lastInteraction;
    private volatile boolean closeRequested;
    /** The close must not wait for a reply (a cross-protocol attack), unlike QUIT's close after the reply. */
    private boolean closeNow;
    /** Asked to close after a reply that CLIENT REPLY discarded: ignores every further command, as Redis. */
    private boolean deaf;
    private boolean closed;
    /** Full name of the last command looked up ("client|list"), null if unknown (CLIENT LIST cmd=NULL). */
    private String lastCommand;
    /** CLIENT NO-EVICT on: exempt from client eviction (CLIENT LIST flag 'e'); kept across RESET as in Redis. */
    private boolean noEvict;
    /** CLIENT REPLY OFF: every reply is discarded until CLIENT REPLY ON (or RESET). */
    private boolean replyOff;
    /** CLIENT REPLY SKIP was just run: the next command's reply is discarded. */
    private boolean replySkipNext;
    /** The reply of the command now running is discarded (it follows a CLIENT REPLY SKIP). */
    private boolean replySkip;
    /** MULTI/EXEC and WATCH state; created on first use (most clients never need one). */
    private Transaction transaction;
    /** The command this client is blocked in, or null. */
    private BlockedClients.Blocked blocked;
    /** The command postponed by CLIENT PAUSE, or null. */
    private ClientPause.Postponed postponed;
    /** The reply buffer of the request running now, null between requests (see {@link #push}). */
    private ReplyWriter executingOut;
    /** The arguments of the request running now, null between requests (CLIENT LIST argv-mem). */
    private Argv executingArgv;
    /** What {@link ClientEviction} last counted for this client in its total (Redis's last_memory_usage). */
    long trackedMemory;
    /** Client-side caching state, null while tracking is off. */
    private Tracking.State tracking;
    /** Nested calls running (a script's commands): they never block, as inside EXEC. */
    private int nestedDepth;
    /** MONITOR mode (Redis's CLIENT_MONITOR). */
    private boolean monitor;
    /** Created on the first subscription; kept (empty) after the last is dropped. */
    private Subscriptions subscriptions;

    Session(Engine engine, ClientChannel channel, long id, long now) {
        this.engine = engine;
        this.channel = channel;
        this.id = id;
        this.createdAt = now;
        this.lastInteraction = now;
        this.db = engine.keyspace().db(0);
        // As Redis: a client starts authenticated only if the default user needs no password; a
        // password set later does not de-authenticate connected clients.
        this.authenticatedFlag = !engine.passwordRequired();
    }

    /**
     * Dispatches one request: generic checks (unknown command, arity, authentication; seams for
     * ACL, MULTI queueing and OOM), then the command function. Appends exactly one reply to
     * {@code out} (none for QUIT-like closes where Redis sends none), and switches {@code out}'s
     * protocol when HELLO asks for it. Caller holds the execution lock.
     *
     * <p>A closed session runs nothing and replies nothing: its connection may have parsed a
     * request and waited for the lock while another client killed it (CLIENT KILL, the idle
     * timeout); running that request would register a waiter or a watch that nobody removes.
     */
    public void execute(Argv argv, ReplyWriter out) {
        if (deaf || closed) {
            return;
        }
        out.version(protocol);
        int mark = out.size();
        // A reply that CLIENT REPLY will discard must stay in the buffer to be truncated.
        out.holdSpill(replyOff || replySkip);
        executingOut = out; // what this request sends its own client unasked joins its replies
        executingArgv = argv;
        // another client's request served while a script is busy runs inside the script's: its
        // client is the current one again afterwards
        Session outer = engine.current();
        engine.current(this);
        try {
            engine.dispatcher().dispatch(this, argv, out);
        } finally {
            executingOut = null;
            executingArgv = null;
            engine.current(outer);
        }
        // As Redis's resetClient: CLIENT CACHING applies to the next command (or transaction) only.
        if (tracking != null && tracking.caching && !inMulti()
                && (lastCommand == null || !lastCommand.startsWith("client|"))) {
            tracking.caching = false;
        }
        out.holdSpill(false);
        // CLIENT REPLY, once for every reply including dispatch errors: the flags are read after the
        // command ran, so CLIENT REPLY ON keeps its own +OK and OFF/SKIP discard their empty reply.
        if (replyOff || replySkip) {
            out.truncate(mark);
            if (closeRequested && !closeNow) {
                // Redis closes "after the reply" only once a reply is written; with none it keeps the
                // connection open but reads no more commands (QUIT under CLIENT REPLY OFF).
                closeRequested = false;
                deaf = true;
            }
        }
        // As Redis's resetClient: a SKIP applies to the command after the one that asked for it.
        replySkip = replySkipNext;
        replySkipNext = false;
        // A CLIENT UNPAUSE (or a pause that timed out) releases the postponed clients once this
        // command is over, as Redis re-processes them in beforeSleep.
        ClientPause pause = engine.clientPause();
        if (pause.hasResumable()) {
            pause.runResumed();
        }
    }

    void enterNested() {
        nestedDepth++;
    }

    void leaveNested() {
        nestedDepth--;
    }

    /** The arguments of the request running now, or null between requests. */
    Argv executingArgv() {
        return executingArgv;
    }

    /** The reply buffer of the request running now, or null between requests. */
    ReplyWriter executingReply() {
        return executingOut;
    }

    /** True after QUIT, CLIENT KILL or similar: the server flushes the pending replies and closes. */
    public boolean closeRequested() {
        return closeRequested;
    }

    /** Whether the client may run commands (no password required, or AUTH/HELLO AUTH succeeded). */
    public boolean authenticated() {
        return authenticatedFlag || !engine.passwordRequired();
    }

    public long id() {
        return id;
    }

    /** True once {@link #closed} ran: the session is gone from the engine and runs nothing more. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The connection closed (or the client was killed): drops its transaction, watches and blocked
     * command, and unregisters it; from then on {@link #execute} refuses to run anything, so nothing
     * can be registered again. Caller holds the execution lock. Idempotent.
     */
    public void closed() {
        if (!closed) {
            closed = true;
            if (transaction != null) {
                transaction.discard();
            }
            if (blocked != null) {
                engine.blockedClients().discard(this);
            }
            if (postponed != null) {
                engine.clientPause().discard(this);
            }
            if (subscriptions != null) {
                subscriptions.clear();
            }
            stopMonitoring();
            engine.tracking().disable(this);
            engine.clientEviction().forget(this);
            engine.unregister(this);
        }
    }

    /** This client's MULTI/WATCH state (created on first use). */
    public Transaction transaction() {
        if (transaction == null) {
            transaction = new Transaction(this);
        }
        return transaction;
    }

    /**
     * True while the client waits in a blocking command: the connection must not run its next
     * requests until {@link ClientChannel#unblocked} hands over the reply.
     */
    public boolean isBlocked() {
        return blocked != null || postponed != null;
    }

    /** True while CLIENT PAUSE holds this client's command back (a kind of blocked, as Redis's BLOCKED_POSTPONE). */
    public boolean isPostponed() {
        return postponed != null;
    }

    ClientPause.Postponed postponedState() {
        return postponed;
    }

    void postponed(ClientPause.Postponed p) {
        postponed = p;
    }

    BlockedClients.Blocked blockedState() {
        return blocked;
    }

    void blocked(BlockedClients.Blocked b) {
        this.blocked = b;
    }

    /** A watched key was modified: the next EXEC fails (CLIENT LIST flag 'd'). */
    public boolean transactionDirty() {
        return transaction != null && transaction.dirty();
    }

    /** True between MULTI and EXEC/DISCARD. */
    public boolean inMulti() {
        return transaction != null && transaction.inMulti();
    }

    // ---- state used by commands ------------------------------------------------------------

    public Engine engine() {
        return engine;
    }

    /** The connection, or null for a session without one (tests, embedded use). */
    public ClientChannel channel() {
        return channel;
    }

    /** CLIENT SETNAME name, or null if none. */
    public String name() {
        return name;
    }

    /** Sets (null or empty clears) the name; the caller validated it. */
    public void name(String newName) {
        this.name = newName == null || newName.isEmpty() ? null : newName;
    }

    public int dbIndex() {
        return dbIndex;
    }

    public Database db() {
        return db;
    }

    /** Selects database {@code index}; the caller checked the range. */
    public void select(int index) {
        this.db = engine.keyspace().db(index);
        this.dbIndex = index;
    }

    public RespVersion protocol() {
        return protocol;
    }

    /** Switches the protocol for this reply (the writer) and the following ones (HELLO, RESET). */
    public void protocol(RespVersion v) {
        this.protocol = v;
        ReplyWriter out = context.out;
        if (out != null) {
            out.version(v);
        }
    }

    /** AUTH / HELLO AUTH succeeded. */
    public void markAuthenticated() {
        authenticatedFlag = true;
    }

    /** Close after the pending replies are flushed (QUIT, CLIENT KILL of oneself). */
    public void requestClose() {
        closeRequested = true;
    }

    /** Close whatever CLIENT REPLY says (Redis's freeClientAsync): pending replies are still flushed. */
    void requestCloseNow() {
        closeNow = true;
        closeRequested = true;
    }

    /**
     * CLIENT KILL of another client, and the idle timeout: unregisters it (it runs nothing more,
     * even a request its connection already parsed) and closes its connection at once from this
     * thread, dropping unsent output, as Redis's {@code freeClient} (the channel's closeNow is
     * thread-safe). Caller holds the execution lock.
     */
    public void kill() {
        closeRequested = true;
        closed();
        if (channel != null) {
            channel.closeNow();
        }
    }

    /**
     * RESET: back to a fresh connection's state (db 0, RESP2, no name, re-auth if a password is
     * set, replies on). As in Redis, NO-EVICT survives and a pending SKIP still hides RESET's own reply.
     */
    public void reset() {
        if (transaction != null) {
            transaction.discard();
        }
        if (subscriptions != null) {
            subscriptions.clear(); // silently, as Redis's resetCommand
        }
        stopMonitoring();
        engine.tracking().disable(this);
        select(0);
        protocol(RespVersion.RESP2);
        name = null;
        authenticatedFlag = !engine.passwordRequired();
        replyOff = false;
        replySkipNext = false;
    }

    /** This client's pub/sub subscriptions (created empty on first use). */
    public Subscriptions subscriptions() {
        if (subscriptions == null) {
            subscriptions = new Subscriptions(this, engine.pubSub());
        }
        return subscriptions;
    }

    /**
     * Redis's CLIENT_PUBSUB: subscribed to anything. A RESP2 client may then run only the pub/sub
     * commands, PING, QUIT and RESET; it is exempt from the idle timeout; it is in the pubsub
     * output-limit class.
     */
    public boolean inPubSubMode() {
        return subscriptions != null && subscriptions.any();
    }

    /**
     * Whether other clients' commands may send this client something unasked (pub/sub messages):
     * its connection must then hand its own replies over before releasing the execution lock, so
     * that a message published right after a reply (its SUBSCRIBE's confirmation) never overtakes it.
     */
    public boolean receivesPushes() {
        return monitor || tracking != null || inPubSubMode();
    }

    /** Client-side caching state (CLIENT TRACKING), null when off. */
    public Tracking.State tracking() {
        return tracking;
    }

    void tracking(Tracking.State s) {
        tracking = s;
    }

    /**
     * Sends this client a frame it did not ask for (a pub/sub message, a MONITOR line): into the
     * running request's replies when it is this client's own request (after what that request
     * replied so far, as Redis's addReply), else to its connection, which queues it without
     * waiting. Caller holds the execution lock.
     */
    public void push(byte[] frame) {
        push(frame, 0, frame.length);
    }

    /** {@link #push(byte[])} of {@code frame[off, off + len)}, copied before it returns. */
    public void push(byte[] frame, int off, int len) {
        if (executingOut != null) {
            executingOut.raw(frame, off, len);
        } else if (!closed && channel != null) {
            channel.push(frame, off, len);
        }
    }

    /** MONITOR: from now on every command's line (see {@link Engine#feedMonitors}). */
    public void startMonitoring() {
        if (!monitor) {
            monitor = true;
            engine.monitors().add(this);
        }
    }

    private void stopMonitoring() {
        if (monitor) {
            monitor = false;
            engine.monitors().remove(this);
        }
    }

    /** Redis's CLIENT_MONITOR (which also counts as a replica: no keyspace commands). */
    public boolean isMonitor() {
        return monitor;
    }

    /** CLIENT NO-EVICT state. */
    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean on) {
        this.noEvict = on;
    }

    /** CLIENT REPLY ON: replies are sent again, starting with this command's. */
    public void replyOn() {
        replyOff = false;
        replySkip = false;
        replySkipNext = false;
    }

    /** CLIENT REPLY OFF: discard replies, this command's included, until CLIENT REPLY ON. */
    public void replyOff() {
        replyOff = true;
    }

    /** CLIENT REPLY SKIP: discard the next command's reply (ignored while replies are off). */
    public void replySkipNext() {
        if (!replyOff) {
            replySkipNext = true;
        }
    }

    public long createdAtMillis() {
        return createdAt;
    }

    public long lastInteractionMillis() {
        return lastInteraction;
    }

    /** Full name of the last command this client sent ("client|list"), or null. */
    public String lastCommand() {
        return lastCommand;
    }

    void lastCommand(String fullName) {
        this.lastCommand = fullName;
    }

    void touch(long now) {
        lastInteraction = now;
    }

    Context context() {
        return context;
    }

    /** The per-command view handed to command functions; one instance reused for every command. */
    final class Context implements EngineContext {
        private ReplyWriter out;
        private long now;
        private CommandTable.Entry entry;

        /** What this call propagates instead of its request (propagateAs), or null. */
        private byte[][] rewritten;
        private boolean propagationPrevented;
        /** Arguments the slow log must not show (passwords), or null. */
        private java.util.BitSet redacted;
        /** The error reply was counted where it arose (errorAlreadyCounted). */
        private boolean errorCounted;

        /** The state of an outer call, kept while a nested one (EXEC's queued command) runs. */
        record Saved(ReplyWriter out, long now, CommandTable.Entry entry,
                     byte[][] rewritten, boolean prevented, java.util.BitSet redacted, boolean errorCounted) {
        }

        void begin(ReplyWriter writer, long nowMillis, CommandTable.Entry running) {
            this.out = writer;
            this.now = nowMillis;
            this.entry = running;
            this.rewritten = null;
            this.propagationPrevented = false;
            this.redacted = null;
            this.errorCounted = false;
        }

        Saved save() {
            return new Saved(out, now, entry, rewritten, propagationPrevented, redacted, errorCounted);
        }

        /** Back to the outer call's state after a nested one, or (null) to no call's. */
        void restore(Saved s) {
            if (s == null) {
                rewritten = null;
                propagationPrevented = false;
                redacted = null;
                errorCounted = false;
                return;
            }
            out = s.out;
            now = s.now;
            entry = s.entry;
            rewritten = s.rewritten;
            propagationPrevented = s.prevented;
            redacted = s.redacted;
            errorCounted = s.errorCounted;
        }

        byte[][] rewritten() {
            return rewritten;
        }

        boolean propagationPrevented() {
            return propagationPrevented;
        }

        java.util.BitSet redacted() {
            return redacted;
        }

        boolean errorCounted() {
            return errorCounted;
        }

        @Override
        public void errorAlreadyCounted() {
            errorCounted = true;
        }

        @Override
        public void redactArgument(int i) {
            if (redacted == null) {
                redacted = new java.util.BitSet();
            }
            redacted.set(i);
        }

        // ---- effects ------------------------------------------------------------------------

        @Override
        public void keyEvent(int type, String event, Argv argv, int i) {
            engine.effects().keyEvent(dbIndex, type, event, argv, i);
        }

        @Override
        public void keyEvent(int type, String event, byte[] key) {
            engine.effects().keyEvent(dbIndex, type, event, key);
        }

        @Override
        public void keyEvent(int type, String event, byte[] key, int dbNumber) {
            engine.effects().keyEvent(dbNumber, type, event, key);
        }

        @Override
        public void dirty(long changes) {
            engine.effects().addDirty(changes);
        }

        @Override
        public boolean propagating() {
            return engine.effects().propagating();
        }

        @Override
        public void propagateAs(byte[]... argv) {
            if (engine.effects().propagating()) {
                rewritten = argv.clone();
            }
        }

        @Override
        public void alsoPropagate(int dbNumber, byte[]... argv) {
            if (engine.effects().propagating()) {
                engine.effects().alsoPropagate(dbNumber, argv.clone());
            }
        }

        @Override
        public void preventPropagation() {
            propagationPrevented = true;
        }

        @Override
        public byte[] servingKey() {
            return blocked != null && blocked.retrying ? blocked.servingKey : null;
        }

        @Override
        public boolean mayBlock() {
            if (blocked != null) {
                return true; // a re-run of the blocked command: it may stay blocked
            }
            return channel != null && channel.canBlock() && !inMulti() && nestedDepth == 0
                    && (transaction == null || !transaction.executing());
        }

        @Override
        public void block(Argv argv, int[] keyIndexes, String typeName, long deadlineMillis) {
            if (blocked != null && blocked.retrying) {
                blocked.reblocked = true; // still nothing: keep the place in every queue
                return;
            }
            if (!mayBlock()) {
                throw new IllegalStateException("block() while blocking is not allowed");
            }
            if (closed) {
                // execute() refuses closed sessions, so only a bug gets here: a waiter nobody removes
                throw new IllegalStateException("block() on a closed session");
            }
            engine.blockedClients().block(Session.this, entry, argv, keyIndexes, typeName, deadlineMillis);
        }

        @Override
        public boolean overMaxmemory() {
            return engine.dispatcher().oomAtStart();
        }

        @Override
        public io.redisinternals.command.NestedCalls nestedCalls(int flags) {
            return new NestedCommandCalls(engine, Session.this, flags, now, engine.dispatcher().oomAtStart());
        }

        @Override
        public io.redisinternals.command.RunningScript runningScript() {
            return engine.busyScript().running();
        }

        @Override
        public ReplyWriter reply() {
            return out;
        }

        @Override
        public Session session() {
            return Session.this;
        }

        @Override
        public Database db() {
            return db;
        }

        @Override
        public Keyspace keyspace() {
            return engine.keyspace();
        }

        @Override
        public Engine engine() {
            return engine;
        }

        @Override
        public long nowMillis() {
            return now;
        }

        @Override
        public String commandName() {
            return entry.fullName;
        }

        @Override
        public long configLong(String name) {
            return engine.config().longValue(name);
        }

        @Override
        public String configString(String name) {
            return engine.config().get(name);
        }

    }
}
