package io.redisinternals.keyspace;

/** The numbered databases (16 by default, the {@code databases} setting). */
public final class Keyspace {

    /** @param databases number of databases; hashSeed per-process random seed for key hashing */
    public Keyspace(int databases, long hashSeed) {
        throw new UnsupportedOperationException("TODO");
    }

    public int databaseCount() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Database {@code index} (0-based; caller checked the range). */
    public Database db(int index) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Empties every database. */
    public void flushAll() {
        throw new UnsupportedOperationException("TODO");
    }
}
