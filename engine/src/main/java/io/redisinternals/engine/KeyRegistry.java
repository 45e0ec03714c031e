package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.resp.Argv;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Something the engine keeps per key of a database number (who WATCHes it, who waits on it): one
 * key table per database, created on the first entry and dropped when the last goes, so a
 * database nobody watches or waits on costs a null slot. Whoever attaches the key listener is
 * told when a database's table appears or disappears.
 *
 * <p>Threading: under the engine's execution lock.
 */
final class KeyRegistry<V> {

    private final KeyTable<V>[] byDb;
    private final Consumer<Database> changed;

    /** @param changed told when a database's table appears or disappears (to attach the listener) */
    @SuppressWarnings("unchecked")
    KeyRegistry(Keyspace keyspace, Consumer<Database> changed) {
        this.byDb = new KeyTable[keyspace.databaseCount()];
        this.changed = changed;
    }

    /** True while some key of {@code db} has an entry. */
    boolean any(Database db) {
        return byDb[db.index()] != null;
    }

    /** The entry of the key in argument {@code i}, or null. */
    V get(Database db, Argv argv, int i) {
        KeyTable<V> table = byDb[db.index()];
        return table == null ? null : table.get(argv, i);
    }

    /** The entry of {@code key}, or null. */
    V get(Database db, byte[] key) {
        KeyTable<V> table = byDb[db.index()];
        return table == null ? null : table.get(key);
    }

    /** The entry of {@code key}, created by {@code create} if there is none. */
    V getOrCreate(Database db, byte[] key, Supplier<V> create) {
        int d = db.index();
        boolean first = byDb[d] == null;
        if (first) {
            byDb[d] = new KeyTable<>(db.hasher());
        }
        V v = byDb[d].get(key);
        if (v == null) {
            v = create.get();
            byDb[d].put(key, v);
        }
        if (first) {
            changed.accept(db);
        }
        return v;
    }

    /** Removes the entry of {@code key}; drops the database's table once it is empty. */
    void remove(Database db, byte[] key) {
        int d = db.index();
        KeyTable<V> table = byDb[d];
        if (table != null && table.remove(key) != null && table.isEmpty()) {
            byDb[d] = null;
            changed.accept(db);
        }
    }

    /**
     * The entries of {@code db}'s keys that exist in {@code db} or in {@code other} (null: none),
     * collected first so the caller may edit the registry while it goes through them.
     */
    List<V> existing(Database db, Database other) {
        KeyTable<V> table = byDb[db.index()];
        List<V> hit = new ArrayList<>();
        if (table != null) {
            table.forEach((key, v) -> {
                if (db.containsKey(key) || (other != null && other.containsKey(key))) {
                    hit.add(v);
                }
            });
        }
        return hit;
    }
}
