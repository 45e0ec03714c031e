package io.redisinternals.keyspace;

/**
 * Told of every value that leaves a database, and of every database emptied at once: the seam where
 * Redis decides between freeing on its main thread and handing the value to its lazy-free thread
 * (lazyfree.c). The engine's lazy freeing implements it (its counters are INFO's
 * {@code lazyfreed_objects}); a keyspace without one ({@link #NONE}) frees nothing but by dropping
 * the reference, which is all freeing is here: the garbage collector reclaims an unreachable value
 * on its own threads.
 *
 * <p>Called synchronously under the engine's execution lock, after the value left the table. The
 * value must not be kept or changed.
 */
public interface Reclaimer {

    /** Frees nothing, counts nothing; only UNLINK is lazy (it is lazy whatever the settings say). */
    Reclaimer NONE = new Reclaimer() {
        @Override
        public boolean lazy(Removal why) {
            return why == Removal.UNLINK;
        }

        @Override
        public void released(Object value, Removal why) {
        }

        @Override
        public void flushed(long keys, boolean async) {
        }
    };

    /**
     * Whether a removal for {@code why} is a lazy one now (Redis's dbAsyncDelete rather than
     * dbSyncDelete): also what an expired or evicted key propagates as, UNLINK rather than DEL.
     */
    boolean lazy(Removal why);

    /** {@code value} left its key (deleted, replaced, expired, evicted) for {@code why}. */
    void released(Object value, Removal why);

    /** A database of {@code keys} keys was emptied at once; {@code async} for FLUSHDB/FLUSHALL ASYNC. */
    void flushed(long keys, boolean async);
}
