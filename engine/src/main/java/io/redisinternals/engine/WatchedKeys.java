package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.resp.Argv;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who WATCHes which key, per database number (Redis's {@code db->watched_keys}, a
 * {@link KeyRegistry}), and the marking of their transactions dirty when a key signal arrives.
 *
 * <p>Threading: under the engine's execution lock.
 */
final class WatchedKeys {

    private final KeyRegistry<List<Transaction.WatchedKey>> watchers;

    /** @param changed told when a database's table appears or disappears (to attach the listener) */
    WatchedKeys(Keyspace keyspace, Consumer<Database> changed) {
        this.watchers = new KeyRegistry<>(keyspace, changed);
    }

    /** True while some client watches a key of {@code db}. */
    boolean watching(Database db) {
        return watchers.any(db);
    }

    /** Registers a WATCH of {@code wk.key} on its database. */
    void watch(Transaction.WatchedKey wk) {
        watchers.getOrCreate(wk.db, wk.key, () -> new ArrayList<>(2)).add(wk);
    }

    /** Removes a WATCH registration; drops the table once nobody watches anything in that database. */
    void unwatch(Transaction.WatchedKey wk) {
        List<Transaction.WatchedKey> list = watchers.get(wk.db, wk.key);
        if (list != null && list.remove(wk) && list.isEmpty()) {
            watchers.remove(wk.db, wk.key);
        }
    }

    void keyModified(Database db, Argv argv, int i) {
        touch(db, watchers.get(db, argv, i), false);
    }

    void keyModified(Database db, byte[] key) {
        touch(db, watchers.get(db, key), false);
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
        for (List<Transaction.WatchedKey> list : watchers.existing(db, other)) {
            touch(db, list, true);
        }
    }
}
