package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.KeyListener;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.resp.Argv;

/**
 * The engine's one {@link KeyListener}: routes the storage's key signals to WATCH
 * ({@link WatchedKeys}) and to clients blocked on keys ({@link BlockedClients}); keyspace
 * notifications, client tracking and snapshots will listen here too. It is set on a database only
 * while someone watches or waits on one of its keys, so a write elsewhere pays one null check.
 *
 * <p>Threading: under the engine's execution lock, as every signal.
 */
final class KeySignals implements KeyListener {

    private final WatchedKeys watched;
    private final BlockedClients blocked;

    KeySignals(Engine engine, Keyspace keyspace) {
        this.watched = new WatchedKeys(keyspace, this::refresh);
        this.blocked = new BlockedClients(engine, keyspace, this::refresh);
    }

    WatchedKeys watched() {
        return watched;
    }

    BlockedClients blocked() {
        return blocked;
    }

    /** Attaches this listener to {@code db} while it has watched or waited-on keys, detaches it after. */
    private void refresh(Database db) {
        db.keyListener(watched.watching(db) || blocked.waiting(db) ? this : null);
    }

    @Override
    public void keyModified(Database db, Argv argv, int i) {
        watched.keyModified(db, argv, i);
        blocked.keyModified(db, argv, i);
    }

    @Override
    public void keyModified(Database db, byte[] key) {
        watched.keyModified(db, key);
        blocked.keyModified(db, key);
    }

    @Override
    public void flushing(Database db) {
        watched.flushing(db);
    }

    @Override
    public void swapped(Database a, Database b) {
        watched.swapped(a, b);
        blocked.swapped(a, b);
    }
}
