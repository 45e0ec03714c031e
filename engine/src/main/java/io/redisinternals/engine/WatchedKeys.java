package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.KeyHash;
import io.redisinternals.keyspace.KeyTable;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.resp.Argv;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who WATCHes which key, per database number (Redis's {@code db->watched_keys}), and the marking
 * of their transactions dirty when a key signal arrives. A database's table exists only while
 * someone watches a key of it.
 *
 * <p>Threading: under the engine's execution lock.
 */
final class WatchedKeys {

    private final KeyTable<List<Transaction.WatchedKey>>[] byDb;
    private final KeyHash hasher;
    private final Consumer<Database> changed;

    /** @param changed told when a database's table appears or disappears (to attach the listener) */
    @SuppressWarnings("unchecked")
    WatchedKeys(Keyspace keyspace, Consumer<Database> changed) {
        this.byDb = new KeyTable[keyspace.databaseCount()];
        this.hasher = keyspace.hasher();
        this.changed = changed;
    }

    /** True while some client watches a key of {@code db}. */
    boolean watching(Database db) {
        return byDb[db.index()] != null;
    }

    /** Registers a WATCH of {@code wk.key} on its database. */
    void watch(Transaction.WatchedKey wk) {
        int d = wk.db.index();
        boolean first = byDb[d] == null;
        if (first) {
            byDb[d] = new KeyTable<>(hasher);
        }
        List<Transaction.WatchedKey> list = byDb[d].get(wk.key);
        if (list == null) {
            list = new ArrayList<>(2);
            byDb[d].put(wk.key, list);
        }
        list.add(wk);
        if (first) {
            changed.accept(wk.db);
        }
    }

    /** Removes a WATCH registration; drops the table once nobody watches anything in that database. */
    void unwatch(Transaction.WatchedKey wk) {
        KeyTable<List<Transaction.WatchedKey>> table = byDb[wk.db.index()];
        if (table == null) {
            return;
        }
        List<Transaction.WatchedKey> list = table.get(wk.key);
        if (list != null && list.remove(wk) && list.isEmpty()) {
            table.remove(wk.key);
            if (table.isEmpty()) {
                byDb[wk.db.index()] = null;
                changed.accept(wk.db);
            }
        }
    }

    void keyModified(Database db, Argv argv, int i) {
        KeyTable<List<Transaction.WatchedKey>> table = byDb[db.index()];
        if (table != null) {
            touch(db, table.get(argv, i), false);
        }
    }

    void keyModified(Database db, byte[] key) {
        KeyTable<List<Transaction.WatchedKey>> table = byDb[db.index()];
        if (table != null) {
            touch(db, table.get(key), false);
        }
    }

    /**
     * Before {@code db} is emptied: watchers of keys that exist become dirty, as Redis's
     * touchAllWatchedKeysInDb (watching a key that was absent anyway is not disturbed).
     */
    void flushing(Database db) {
        touchAll(db, null);
    }

    /**
     * After SWAPDB: a watched key that exists on either side counts as modified, on both sides
     * (the union of the two databases' keys is what it was before the swap).
     */
    void swapped(Database a, Database b) {
        touchAll(a, b);
        touchAll(b, a);
    }

    /**
     * Marks the watchers of one key dirty. A watcher whose key had already expired when it ran
     * WATCH is not disturbed by the removal of that expired key (the key stays logically absent),
     * as in Redis 7.0; anything else makes it dirty. {@code forceDirty} is for flush/swap, where
     * the caller decided the key was present.
     */
    private static void touch(Database db, List<Transaction.WatchedKey> list, boolean forceDirty) {
        if (list == null) {
            return;
        }
        // Marking a client dirty unwatches all its keys, which edits this list: iterate a copy.
        for (Transaction.WatchedKey wk : list.toArray(new Transaction.WatchedKey[0])) {
            if (wk.expiredAtWatch && !forceDirty && !db.containsKey(wk.key)) {
                wk.expiredAtWatch = false;
                continue;
            }
            wk.transaction.markDirty();
        }
    }

    /** Watchers of {@code db}'s keys that exist in {@code db} or in {@code other} (null: none) become dirty. */
    private void touchAll(Database db, Database other) {
        KeyTable<List<Transaction.WatchedKey>> table = byDb[db.index()];
        if (table == null) {
            return;
        }
        List<List<Transaction.WatchedKey>> hit = new ArrayList<>();
        table.forEach((key, list) -> {
            if (db.containsKey(key) || (other != null && other.containsKey(key))) {
                hit.add(list);
            }
        });
        for (List<Transaction.WatchedKey> list : hit) {
            touch(db, list, true);
        }
    }
}
