package io.redisinternals.keyspace;

/**
 * The numbered databases (16 by default, the {@code databases} setting). All of them hash keys
 * with one {@link KeyHash} built from the per-process seed, so a key hashes the same in every
 * database (MOVE and SWAPDB need no rehash).
 */
public final class Keyspace {

    private final Database[] dbs;
    private final KeyHash hasher;

    /** @param databases number of databases; hashSeed per-process random seed for key hashing */
    public Keyspace(int databases, long hashSeed) {
        if (databases < 1) {
            throw new IllegalArgumentException("databases must be at least 1: " + databases);
        }
        hasher = new KeyHash(hashSeed);
        dbs = new Database[databases];
        for (int i = 0; i < databases; i++) {
            dbs[i] = new Database(i, hasher);
        }
    }

    public int databaseCount() {
        return dbs.length;
    }

    /** Database {@code index} (0-based; caller checked the range). */
    public Database db(int index) {
        return dbs[index];
    }

    /** Empties every database. */
    public void flushAll() {
        for (Database db : dbs) {
            db.flush();
        }
    }

    /** The key hash every database uses (for data types that keep their own {@link KeyTable}s). */
    public KeyHash hasher() {
        return hasher;
    }
}
