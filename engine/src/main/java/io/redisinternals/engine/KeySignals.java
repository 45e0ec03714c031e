package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.KeyListener;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.resp.Argv;

/**
 * The engine's one {@link KeyListener}: routes the storage's key signals to WATCH
 * ({@link WatchedKeys}), to clients blocked on keys ({@link BlockedClients}) and, for expired and
 * new keys, to the {@link Effects} sinks (events, propagation); client tracking and snapshots will
 * listen here too. It is set on a database only while someone watches or waits on one of its keys
 * or an effects sink is registered, so a write otherwise pays one null check.
 *
 * <p>Threading: under the engine's execution lock, as every signal.
 */
final class KeySignals implements KeyListener {


    private final Keyspace keyspace;
    private final WatchedKeys watched;
    private final BlockedClients blocked;
    private final Effects effects;
    private final Engine engine;
    private final Tracking tracking;
    /** The running snapshot, or null: it needs every database's signals while it runs. */
    private SnapshotHook snapshot;

    KeySignals(Engine engine, Keyspace keyspace, Tracking tracking) {
        this.keyspace = keyspace;
        this.engine = engine;
        this.tracking = tracking;
        this.watched = new WatchedKeys(keyspace, this::refresh);
        this.blocked = new BlockedClients(engine, keyspace, this::refresh);
        this.effects = new Effects(this::refreshAll);
    }

    Effects effects() {
        return effects;
    }

    void refreshAll() {
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            refresh(keyspace.db(i));
        }
    }

    /** Installs (or with null removes) the running snapshot's hook, attaching to every database meanwhile. */
    void snapshot(SnapshotHook hook) {
        if (hook != null && snapshot != null) {
            throw new IllegalStateException("a snapshot is already running");
        }
        snapshot = hook;
        refreshAll();
    }

    WatchedKeys watched() {
        return watched;
    }

    BlockedClients blocked() {
        return blocked;
    }

    /** Attaches this listener to {@code db} while it has watched or waited-on keys, detaches it after. */
    private void refresh(Database db) {
        db.keyListener(snapshot != null || effects.active() || tracking.active() || watched.watching(db) || blocked.waiting(db) ? this : null);
    }

    @Override
    public void keyModified(Database db, Argv argv, int i) {
        watched.keyModified(db, argv, i);
        blocked.keyModified(db, argv, i);
        if (tracking.active()) {
            tracking.invalidate(argv.bytes(i), engine.current(), true);
        }
    }

    @Override
    public void keyModified(Database db, byte[] key) {
        watched.keyModified(db, key);
        blocked.keyModified(db, key);
        if (tracking.active()) {
            tracking.invalidate(key, engine.current(), true);
        }
    }

    @Override
    public void flushing(Database db) {
        if (snapshot != null) {
            snapshot.flushing(db);
        }
        watched.flushing(db);
        if (tracking.active()) {
            tracking.flushed(engine.current());
        }
    }

    @Override
    public void swapped(Database a, Database b) {
        if (snapshot != null) {
            snapshot.swapped(a, b);
        }
        watched.swapped(a, b);
        blocked.swapped(a, b);
        if (tracking.active()) {
            tracking.flushed(engine.current()); // as Redis's SWAPDB: every cached key may have changed
        }
    }

    /**
     * An expired key (lazily or by the active cycle), as Redis's deleteExpiredKeyAndPropagate: the
     * {@code expired} event and a DEL propagated in its database, an UNLINK under
     * {@code lazyfree-lazy-expire} (Redis's propagateDeletion).
     */
    @Override
    public void expired(Database db, byte[] key) {
        effects.keyEvent(db.index(), io.redisinternals.command.KeyEvent.EXPIRED, "expired", key);
        if (effects.propagating()) {
            byte[] command = keyspace.deletionCommand(io.redisinternals.keyspace.Removal.EXPIRE);
            effects.alsoPropagate(db.index(), new byte[][] {command, key.clone()});
        }
    }

    @Override
    public void beforeWrite(Database db, byte[] key, Object value) {
        if (snapshot != null) {
            snapshot.beforeWrite(db, key, value);
        }
    }

    /** A new key: the {@code new} event (Redis's dbAdd). */
    @Override
    public void keyAdded(Database db, byte[] key) {
        effects.keyEvent(db.index(), io.redisinternals.command.KeyEvent.NEW, "new", key);
    }
}
