package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's MULTI/EXEC state and WATCHed keys (Redis's {@code multi.c}).
 *
 * <p>Inside MULTI the dispatcher, after its usual checks, hands every command except MULTI, EXEC,
 * DISCARD, WATCH, QUIT and RESET to {@link #queue} (the client sees {@code +QUEUED}); a request the
 * dispatcher rejects (unknown command, wrong arity, NOAUTH, a no-multi command) flags the
 * transaction so EXEC answers EXECABORT. EXEC then runs the queue as one unit under the execution
 * lock, so no other client's command can interleave.
 *
 * <p>WATCH registers the key with its database ({@link Database#watch}); any signal that the key
 * was modified ({@link Database#modified}, expiry, FLUSHDB/FLUSHALL, SWAPDB) calls
 * {@link #markDirty}, and EXEC then replies a null array without running anything. A watched key
 * that expires (even if nobody removed it yet) counts as modified, unless it had already expired
 * when WATCH ran, as in Redis 7.0.
 *
 * <p>Threading: under the engine's execution lock, like the session.
 */
public final class Transaction {

    private static final byte[] EXECABORT =
            Replies.encode("-EXECABORT Transaction discarded because of previous errors.\r\n");

    /** One WATCH registration: shared by the session's list and the database's watcher table. */
    static final class WatchedKey {
        final Transaction transaction;
        final Database db;
        final byte[] key;
        /** The key had a passed TTL when WATCH ran: its removal is not a modification. */
        boolean expiredAtWatch;

        WatchedKey(Transaction transaction, Database db, byte[] key, boolean expiredAtWatch) {
            this.transaction = transaction;
            this.db = db;
            this.key = key;
            this.expiredAtWatch = expiredAtWatch;
        }
    }

    /** A queued command: its table entry and a private copy of the arguments (the request buffer is reused). */
    private record Queued(CommandTable.Entry entry, Argv argv) {
    }

    private final Session session;
    /** Non-null between MULTI and EXEC/DISCARD. */
    private List<Queued> queue;
    /** See {@link #queuedBytes()}. */
    private long queuedBytes;
    /** An error while queueing: EXEC must abort (Redis's CLIENT_DIRTY_EXEC). */
    private boolean dirtyExec;
    /** A watched key was modified: EXEC must fail (Redis's CLIENT_DIRTY_CAS). */
    private boolean dirtyCas;
    private boolean executing;
    private final List<WatchedKey> watched = new ArrayList<>(0);

    Transaction(Session session) {
        this.session = session;
    }

    /** A watched key was modified since WATCH (Redis's CLIENT_DIRTY_CAS). */
    boolean dirty() {
        return dirtyCas;
    }

    /** True between MULTI and EXEC/DISCARD. */
    public boolean inMulti() {
        return queue != null;
    }

    /**
     * True while EXEC runs the queue: blocking commands act as their non-blocking form, as inside
     * Redis's EXEC.
     */
    public boolean executing() {
        return executing;
    }

    /** MULTI (the caller checked it is not nested). */
    public void begin() {
        queue = new ArrayList<>();
    }

    /** Queues a command: the arguments are copied out of the request buffer. */
    void queue(CommandTable.Entry entry, Argv argv) {
        if (dirtyExec || dirtyCas) {
            return; // EXEC fails anyway; Redis does not keep the command either
        }
        byte[][] args = argv.toArrays();
        long bytes = (long) ClientMemory.POINTER_BYTES * args.length;
        for (byte[] a : args) {
            bytes += a.length;
        }
        queue.add(new Queued(entry, Argv.of(args)));
        queuedBytes += bytes;
    }

    /** Whether a queued command has {@code flag} (Redis's mstate.cmd_flags: EXEC is DENYOOM if one is). */
    boolean queued(io.redisinternals.command.CommandFlag flag) {
        if (queue != null) {
            for (Queued q : queue) {
                if (q.entry().spec.flagsOf(q.argv()).contains(flag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a queued command lacks {@code flag} (Redis's mstate.cmd_inv_flags). */
    boolean queuedWithout(io.redisinternals.command.CommandFlag flag) {
        if (queue != null) {
            for (Queued q : queue) {
                if (!q.entry().spec.flagsOf(q.argv()).contains(flag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a queued command may write or replicate (Redis's mstate.cmd_flags test of
     * is_may_replicate_command): CLIENT PAUSE WRITE then holds EXEC back.
     */
    boolean queuedMayReplicate() {
        if (queue != null) {
            for (Queued q : queue) {
                if (ClientPause.mayReplicate(q.entry())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A request inside MULTI was rejected before queueing: EXEC will reply EXECABORT. */
    void flagError() {
        if (queue != null) {
            dirtyExec = true;
        }
    }

    /**
     * WATCH of {@code key} in {@code db}; a key watched twice is registered once. The caller checked
     * that no MULTI is open.
     */
    public void watch(Database db, Argv argv, int i, long nowMillis) {
        if (session.isClosed()) {
            // execute() refuses closed sessions, so only a bug gets here: a watch nobody drops
            throw new IllegalStateException("WATCH on a closed session");
        }
        for (WatchedKey wk : watched) {
            if (wk.db == db && argv.contentEquals(i, wk.key)) {
                return;
            }
        }
        byte[] key = argv.bytes(i);
        WatchedKey wk = new WatchedKey(this, db, key, db.isLogicallyExpired(key, nowMillis));
        watched.add(wk);
        session.engine().watchedKeys().watch(wk);
    }

    /** UNWATCH, and the end of every EXEC/DISCARD. */
    public void unwatchAll() {
        if (watched.isEmpty()) {
            return;
        }
        WatchedKeys registry = session.engine().watchedKeys();
        for (WatchedKey wk : watched) {
            registry.unwatch(wk);
        }
        watched.clear();
    }

    /** UNWATCH: forgets the watches and, as Redis, the fact that one of them was already modified. */
    public void unwatch() {
        unwatchAll();
        dirtyCas = false;
    }

    /** A watched key was modified: EXEC will fail. Nothing else can change that, so stop watching. */
    void markDirty() {
        dirtyCas = true;
        unwatchAll();
    }

    /** DISCARD (and RESET, and a closing connection): forgets the queue, the flags and the watches. */
    public void discard() {
        queue = null;
        queuedBytes = 0;
        dirtyExec = false;
        dirtyCas = false;
        unwatchAll();
    }

    /**
     * EXEC: EXECABORT if queueing failed, a null array if a watched key changed (or expired since
     * WATCH), else an array with the reply of every queued command, run in order; a command's
     * runtime error is its reply and the rest still run. The caller checked MULTI is open.
     */
    public void exec(ReplyWriter out, long nowMillis) {
        if (!dirtyCas && watchedKeyExpired(nowMillis)) {
            dirtyCas = true;
        }
        if (dirtyExec || dirtyCas) {
            boolean abort = dirtyExec;
            discard();
            if (abort) {
                out.raw(EXECABORT);
            } else {
                out.nullArray();
            }
            return;
        }
        List<Queued> commands = queue;
        queue = null;
        queuedBytes = 0;
        unwatchAll(); // as Redis: before running, so the transaction's own writes signal nobody here
        out.arrayHeader(commands.size());
        executing = true;
        try {
            Engine engine = session.engine();
            for (Queued q : commands) {
                session.lastCommand(q.entry.fullName);
                // As Redis's execCommand, each queued command is checked again before it runs (ACL
                // rules may have changed since it was queued), then goes through the one call path;
                // one that throws (a bug) replies an error in its place and the rest still run.
                String denied = engine.dispatcher().recheckQueued(session, q.entry, q.argv);
                if (denied != null) {
                    int mark = out.size();
                    out.error(denied);
                    engine.errorStats().countIfError(out, mark);
                    continue;
                }
                engine.call().run(session, q.entry, q.argv, out, nowMillis, Call.FULL);
            }
        } finally {
            session.lastCommand("exec"); // CLIENT LIST cmd= names EXEC, not its last queued command
            executing = false;
            dirtyExec = false;
            dirtyCas = false;
        }
    }

    /** Redis's isWatchedKeyExpired: a watched key, alive at WATCH, has passed its TTL. */
    private boolean watchedKeyExpired(long nowMillis) {
        for (WatchedKey wk : watched) {
            if (!wk.expiredAtWatch && wk.db.isLogicallyExpired(wk.key, nowMillis)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The queued commands' argument bytes plus one reference per argument, as Redis's
     * mstate.argv_len_sums (CLIENT LIST multi-mem); kept as commands are queued, so reading it is O(1).
     */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Number of commands queued (CLIENT LIST multi=), -1 outside MULTI. */
    public int queuedCount() {
        return queue == null ? -1 : queue.size();
    }

    /** Number of keys this client watches (CLIENT LIST watch= is a 7.2 field; kept for INFO). */
    public int watchedCount() {
        return watched.size();
    }
}
