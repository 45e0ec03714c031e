package io.redisinternals.engine;

/**
 * The eviction pool of Redis's evict.c (EVPOOL_SIZE 16): the best eviction candidates seen so far,
 * kept in ascending order of score (higher = better to evict: idle time for LRU, 255 minus the
 * access counter for LFU, nearness of the expiry for volatile-ttl). Every eviction samples a few
 * keys of every database into it, so the pick approximates the true best key far better than the
 * best of one sample would, at the cost of {@code maxmemory-samples} lookups per refill.
 *
 * <p>A key can leave the pool as a "ghost": deleted, or its TTL removed, after it was sampled. The
 * pool does not know; {@link Eviction} checks each candidate it takes. Keys are the stored key
 * arrays (never modified), held until they leave the pool: at most 16.
 *
 * <p>Threading: under the engine's execution lock.
 */
final class EvictionPool {

    /** Redis's EVPOOL_SIZE. */
    static final int SIZE = 16;

    private final byte[][] keys = new byte[SIZE][];
    private final int[] dbs = new int[SIZE];
    private final long[] scores = new long[SIZE];

    /**
     * Offers a sampled key, as Redis's evictionPoolPopulate inserts one: into the first empty slot
     * or before the first better candidate; when the pool is full, the worst candidate is dropped
     * to make room, and a key worse than all 16 is not taken. A key already pooled is not pooled
     * twice (its new score replaces the old one).
     */
    void offer(int db, byte[] key, long score) {
        remove(db, key);
        int k = 0;
        while (k < SIZE && keys[k] != null && scores[k] < score) {
            k++;
        }
        if (k == 0 && keys[SIZE - 1] != null) {
            return; // worse than everything in a full pool
        }
        if (k < SIZE && keys[k] == null) {
            set(k, db, key, score); // an empty slot at the end of the occupied run
            return;
        }
        if (keys[SIZE - 1] == null) {
            // room on the right: shift k.. right by one
            System.arraycopy(keys, k, keys, k + 1, SIZE - k - 1);
            System.arraycopy(dbs, k, dbs, k + 1, SIZE - k - 1);
            System.arraycopy(scores, k, scores, k + 1, SIZE - k - 1);
            set(k, db, key, score);
        } else {
            // full: drop the worst (slot 0), shift 1..k-1 left, insert at k-1
            k--;
            System.arraycopy(keys, 1, keys, 0, k);
            System.arraycopy(dbs, 1, dbs, 0, k);
            System.arraycopy(scores, 1, scores, 0, k);
            set(k, db, key, score);
        }
    }

    private void set(int k, int db, byte[] key, long score) {
        keys[k] = key;
        dbs[k] = db;
        scores[k] = score;
    }

    /** Drops {@code key} of {@code db} if pooled, closing the gap (keeps the order). */
    private void remove(int db, byte[] key) {
        for (int k = 0; k < SIZE && keys[k] != null; k++) {
            if (dbs[k] == db && java.util.Arrays.equals(keys[k], key)) {
                System.arraycopy(keys, k + 1, keys, k, SIZE - k - 1);
                System.arraycopy(dbs, k + 1, dbs, k, SIZE - k - 1);
                System.arraycopy(scores, k + 1, scores, k, SIZE - k - 1);
                keys[SIZE - 1] = null;
                return;
            }
        }
    }

    /** Index of the best candidate (the rightmost occupied slot), or -1 if the pool is empty. */
    int best() {
        for (int k = SIZE - 1; k >= 0; k--) {
            if (keys[k] != null) {
                return k;
            }
        }
        return -1;
    }

    byte[] key(int k) {
        return keys[k];
    }

    int db(int k) {
        return dbs[k];
    }

    long score(int k) {
        return scores[k];
    }

    /** Takes slot {@code k} out (it was evicted or is a ghost); slots stay packed from the left. */
    void take(int k) {
        keys[k] = null;
        scores[k] = 0;
        // Redis leaves a hole here; keeping the slots packed keeps the insertion scan simple.
        System.arraycopy(keys, k + 1, keys, k, SIZE - k - 1);
        System.arraycopy(dbs, k + 1, dbs, k, SIZE - k - 1);
        System.arraycopy(scores, k + 1, scores, k, SIZE - k - 1);
        keys[SIZE - 1] = null;
    }

    /** Number of candidates pooled (tests). */
    int size() {
        int n = 0;
        while (n < SIZE && keys[n] != null) {
            n++;
        }
        return n;
    }

    /** Forgets every candidate (FLUSHALL makes them all ghosts; a policy change their scores meaningless). */
    void clear() {
        java.util.Arrays.fill(keys, null);
    }
}
