package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.types.ValueType;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, ...), Redis's {@code blocked.c} for keys.
 *
 * <p>A blocking command that finds nothing calls {@code CommandContext.block}: the client is
 * queued, in arrival order, on each key it waits for (a key -> waiters table per database number,
 * created on first use and dropped when empty), and its arguments are copied. Any write to such a
 * key (the storage's key signal, {@link KeyListener#keyModified}, routed here by
 * {@link KeySignals}) marks the key ready, and so does SWAPDB for every waited-on key the swap
 * brings into a database (Redis's scanDatabaseForReadyKeys); after the
 * command that wrote it ends (after EXEC for a transaction), {@link #serveReadyKeys} re-runs the
 * blocked command for each waiter of each ready key, first come first served, while the key holds
 * a value of the type the waiter wants. A re-run that replies unblocks its client and hands the
 * reply to its connection ({@link ClientChannel#unblocked}), which sends it from the connection's
 * own thread or loop and then goes on with the client's pipelined requests. A re-run that finds
 * nothing after all (the key was emptied by an earlier waiter) leaves the client blocked in its
 * place. A re-run command that itself writes (BLMOVE's push) marks more keys ready, served in
 * the same pass, so a chain of waiters is served in turn.
 *
 * <p>Deadlines are kept by one scheduler thread, which takes the execution lock like a command;
 * a timed-out client gets a null array. A client that disconnects or is killed while blocked is
 * removed from every queue ({@link Session#closed}); a closed session runs nothing more, so it
 * cannot block again. A re-run whose function throws (a bug) unblocks its client with the error
 * reply that {@link Dispatcher#invoke} put in its place and removes it from every queue.
 *
 * <p>Threading: everything here runs under the engine's execution lock.
 */
public final class BlockedClients {

    private static final byte[] UNBLOCKED_ERROR =
            "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One blocked client's command, kept until it replies, times out or the client goes. */
    static final class Blocked {
        final Session session;
        final CommandTable.Entry entry;
        final Argv argv;
        final Database db;
        final byte[][] keys;
        final String typeName;
        final long deadlineMillis;
        ScheduledFuture<?> timer;
        /** The command is being re-run: a block() call now means "still nothing for me". */
        boolean retrying;
        /** During a re-run: the ready key it is served from. */
        byte[] servingKey;
        boolean reblocked;
        /** How long the call that blocked took: counted with the serving call's time when served (Redis's c->duration). */
        long callMicros;

        Blocked(Session session, CommandTable.Entry entry, Argv argv, Database db, byte[][] keys,
                String typeName, long deadlineMillis) {
            this.session = session;
            this.entry = entry;
            this.argv = argv;
            this.db = db;
            this.keys = keys;
            this.typeName = typeName;
            this.deadlineMillis = deadlineMillis;
        }
    }

    /** The clients waiting on one key of one database, in arrival order. */
    static final class Waiters {
        final byte[] key;
        final ArrayDeque<Session> sessions = new ArrayDeque<>(2);
        /** Queued in {@link #ready} and not yet served. */
        boolean ready;

        Waiters(byte[] key) {
            this.key = key;
        }
    }

    private final Engine engine;
    /** Per database number: key -> its waiters. */
    private final KeyRegistry<Waiters> waiters;
    /** Keys written since the last serve that have waiters, in the order they became ready. */
    private final List<Database> readyDbs = new ArrayList<>();
    private final List<Waiters> ready = new ArrayList<>();
    private int blockedCount;
    private ScheduledThreadPoolExecutor timer;

    /** @param changed told when a database's waiter table appears or disappears (to attach the listener) */
    BlockedClients(Engine engine, Keyspace keyspace, java.util.function.Consumer<Database> changed) {
        this.engine = engine;
        this.waiters = new KeyRegistry<>(keyspace, changed);
    }

    /** Number of clients blocked (INFO blocked_clients). */
    public int count() {
        return blockedCount;
    }

    /** Blocked clients with a deadline (INFO clients_in_timeout_table, Redis's clients_timeout_table). */
    public int countWithTimeout() {
        int n = 0;
        for (Session s : engine.clients()) {
            Blocked b = s.blockedState();
            if (b != null && b.deadlineMillis > 0) {
                n++;
            }
        }
        return n;
    }

    /** True while some client waits on a key of {@code db}. */
    boolean waiting(Database db) {
        return waiters.any(db);
    }

    /** A key signal: if clients wait on that key, it is ready. */
    void keyModified(Database db, Argv argv, int i) {
        Waiters w = waiters.get(db, argv, i);
        if (w != null) {
            keyReady(db, w);
        }
    }

    /** {@link #keyModified(Database, Argv, int)} for a key held as an array. */
    void keyModified(Database db, byte[] key) {
        Waiters w = waiters.get(db, key);
        if (w != null) {
            keyReady(db, w);
        }
    }

    /**
     * After SWAPDB: every waited-on key that now exists in either database is ready, as Redis's
     * scanDatabaseForReadyKeys (whether its type suits the waiters is checked when serving).
     */
    void swapped(Database a, Database b) {
        for (Waiters w : waiters.existing(a, null)) {
            keyReady(a, w);
        }
        for (Waiters w : waiters.existing(b, null)) {
            keyReady(b, w);
        }
    }

    /** Queues {@code s} (last) among the clients blocked on {@code key} of {@code db}. */
    private void addWaiter(Database db, byte[] key, Session s) {
        waiters.getOrCreate(db, key, () -> new Waiters(key)).sessions.addLast(s);
    }

    /** Removes {@code s} from the clients blocked on {@code key}; drops empty queues and the table. */
    private void removeWaiter(Database db, byte[] key, Session s) {
        Waiters w = waiters.get(db, key);
        if (w != null && w.sessions.remove(s) && w.sessions.isEmpty()) {
            waiters.remove(db, key);
        }
    }

    /** Registers the client as blocked on {@code keyIndexes} of {@code argv} (copied). */
    void block(Session session, CommandTable.Entry entry, Argv argv, int[] keyIndexes,
               String typeName, long deadlineMillis) {
        byte[][] args = argv.toArrays();
        byte[][] keys = new byte[keyIndexes.length][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = args[keyIndexes[i]];
        }
        Database db = session.db();
        Blocked b = new Blocked(session, entry, Argv.of(args), db, keys, typeName, deadlineMillis);
        for (byte[] key : keys) {
            addWaiter(db, key, session);
        }
        session.blocked(b);
        blockedCount++;
        if (deadlineMillis > 0) {
            long delay = Math.max(0, deadlineMillis - System.currentTimeMillis());
            b.timer = scheduler().schedule(() -> timeout(b), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** A key with waiters was written: serve it once the current command is over. */
    private void keyReady(Database db, Waiters w) {
        if (!w.ready) {
            w.ready = true;
            readyDbs.add(db);
            ready.add(w);
        }
    }

    /** True if some written key has waiters to serve. */
    boolean hasReadyKeys() {
        return !ready.isEmpty();
    }

    /**
     * Serves the waiters of every ready key, first come first served, until no key is ready (a
     * served command may write keys others wait on). Called after each command and after EXEC.
     */
    void serveReadyKeys(long nowMillis) {
        while (!ready.isEmpty()) {
            List<Database> dbs = new ArrayList<>(readyDbs);
            List<Waiters> keys = new ArrayList<>(ready);
            readyDbs.clear();
            ready.clear();
            for (int k = 0; k < keys.size(); k++) {
                Waiters w = keys.get(k);
                w.ready = false;
                serveKey(dbs.get(k), w, nowMillis);
            }
        }
    }

    private void serveKey(Database db, Waiters w, long nowMillis) {
        for (Session s : w.sessions.toArray(new Session[0])) {
            Blocked b = s.blockedState();
            if (b == null) {
                continue;
            }
            db.expireIfNeeded(w.key, nowMillis);
            Object value = db.peek(w.key);
            if (value == null || !b.typeName.equals(ValueType.of(value).name())) {
                return; // nothing (left) of the awaited type: the rest keep waiting, in order
            }
            retry(b, w.key, nowMillis);
        }
    }


    /** Re-runs a blocked client's command; unblocks it and delivers the reply if it replied. */
    private void retry(Blocked b, byte[] key, long nowMillis) {
        Session s = b.session;
        ReplyWriter out = new ReplyWriter(64);
        out.version(s.protocol());
        b.retrying = true;
        b.reblocked = false;
        b.servingKey = key;
        boolean ok;
        try {
            ok = engine.call().run(s, b.entry, b.argv, out, nowMillis, Call.RETRY);
        } finally {
            b.retrying = false;
            b.servingKey = null;
        }
        // A re-run that threw (a bug) is over, even if it called block() first: unblocked with the
        // error reply that replaced its output, and out of every queue, so the key goes to the next.
        if (ok && b.reblocked) {
            return;
        }
        release(b);
        deliver(s, out.toByteArray());
    }

    /** The blocked command's timeout: a null array (RESP2 {@code *-1}, RESP3 {@code _}). */
    private void timeout(Blocked b) {
        engine.executionLock().lock();
        try {
            if (b.session.blockedState() == b) {
                timeoutNow(b);
            }
        } finally {
            engine.executionLock().unlock();
        }
    }

    private void timeoutNow(Blocked b) {
        release(b);
        ReplyWriter out = new ReplyWriter(8);
        out.version(b.session.protocol());
        out.nullArray();
        deliver(b.session, out.toByteArray());
    }

    /**
     * CLIENT UNBLOCK: ends a blocked client's wait as a timeout would, or with the UNBLOCKED
     * error. False if the client is not blocked.
     */
    public boolean unblock(Session s, boolean withError) {
        Blocked b = s.blockedState();
        if (b == null) {
            return false;
        }
        if (withError) {
            release(b);
            deliver(s, UNBLOCKED_ERROR);
        } else {
            timeoutNow(b);
        }
        return true;
    }

    /** The client is going away: forget it everywhere, reply nothing. */
    void discard(Session s) {
        Blocked b = s.blockedState();
        if (b != null) {
            release(b);
        }
    }

    private void release(Blocked b) {
        for (byte[] key : b.keys) {
            removeWaiter(b.db, key, b.session);
        }
        if (b.timer != null) {
            b.timer.cancel(false);
        }
        b.session.blocked(null);
        blockedCount--;
    }

    /**
     * Hands a blocked command's reply to its connection. Sending a reply counts as an interaction
     * for the idle timeout, as in Redis's writeToClient, so a client unblocked after a long wait
     * gets the full {@code timeout} again instead of being closed by the next cron tick.
     */
    private static void deliver(Session s, byte[] reply) {
        s.touch(System.currentTimeMillis());
        ClientChannel ch = s.channel();
        if (ch != null) {
            ch.unblocked(reply);
        }
    }

    private ScheduledThreadPoolExecutor scheduler() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "blocked-timeouts");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true); // cancelled timeouts free their memory at once
        }
        return timer;
    }
}
