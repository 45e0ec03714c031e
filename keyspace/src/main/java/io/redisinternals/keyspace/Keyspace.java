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
            dbs[i] = new Database(i, this, hasher);
        }
    }

    /** Receives one call per key removed because its TTL passed (INFO expired_keys). */
    private Runnable expiryListener = () -> { };

    /** Sets who counts expired keys (the engine's stats). */
    public void onKeyExpired(Runnable listener) {
        this.expiryListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    void keyExpired() {
        expiryListener.run();
    }

    /**
     * Redis's LRU clock: seconds, 24 bits, wrapping (LRU_CLOCK_MAX). The engine's cron sets it,
     * so a lookup stamps an entry with a plain field copy rather than a clock read.
     */
    public static int lruClock(long nowMillis) {
        return (int) ((nowMillis / 1000) & LRU_CLOCK_MAX);
    }

    /** Redis's LRU_CLOCK_MAX. */
    public static final int LRU_CLOCK_MAX = (1 << 24) - 1;

    /** Sets the access stamp every database gives the entries it looks up or writes. */
    public void accessStamp(int stamp) {
        for (Database db : dbs) {
            db.accessStamp(stamp);
        }
    }

    /** SWAPDB: exchanges the contents of databases {@code a} and {@code b} (caller checked the range). */
    public void swap(int a, int b) {
        dbs[a].swapContents(dbs[b]);
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
