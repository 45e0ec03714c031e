package io.redisinternals.keyspace;

/**
 * What key lookups and expiry count, for INFO stats: {@code keyspace_hits}, {@code keyspace_misses}
 * and {@code expired_keys}. Kept by the storage because the lookup and the expiry that produce
 * them happen here, once (Redis's lookupKey and deleteExpiredKeyAndPropagate).
 *
 * <p>Threading: written under the engine's execution lock only (lookups, lazy and active expiry);
 * INFO reads it under the same lock, so plain fields suffice.
 */
public final class KeyspaceStats {

    private long hits;
    private long misses;
    private long expired;

    /** Counts a lookup's result as a hit or a miss (null) and hands it back. */
    Object counted(Object value) {
        if (value == null) {
            misses++;
        } else {
            hits++;
        }
        return value;
    }

    void expired() {
        expired++;
    }

    /** Lookups that found their key (INFO {@code keyspace_hits}). */
    public long hits() {
        return hits;
    }

    /** Lookups that found nothing (INFO {@code keyspace_misses}). */
    public long misses() {
        return misses;
    }

    /** Keys removed because their TTL passed, lazily or actively (INFO {@code expired_keys}). */
    public long expiredKeys() {
        return expired;
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        hits = 0;
        misses = 0;
        expired = 0;
    }
}
