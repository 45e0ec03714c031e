package io.redisinternals.server;

import io.redisinternals.resp.ReplyWriter;

/**
 * The reply buffers of every connection, shared: a connection takes one when a read arrives and
 * gives it back once that read's replies are handed to the transport, so an idle connection holds
 * no reply buffer (Redis's 16 KiB static buffer per client is what made an idle client cost more
 * here than there). A buffer is needed only by a thread that is executing a read, so a few serve
 * any number of connections: at most one per event loop or per busy virtual thread.
 *
 * <p>Bounded: at most {@link #MAX_POOLED} buffers are kept, each back to its initial size if a
 * reply grew it past {@link #MAX_KEPT_CAPACITY} (the writer hands big replies to the connection
 * instead of growing, see {@link ReplyWriter}). Thread-safe.
 */
final class ReplyBuffers {

    static final int MAX_POOLED = 64;
    static final int MAX_KEPT_CAPACITY = 4 * ReplyWriter.SPILL_BUFFER;

    /**
     * A stack in an array under a lock, not a concurrent deque: every read takes a writer and
     * gives it back, and a ConcurrentLinkedDeque allocated a node per give (63% of the sampled
     * allocation pressure in a JFR profile of unpipelined SETs), and its size() walks the whole
     * deque. The lock is uncontended with one event loop and held for a few instructions.
     */
    private final ReplyWriter[] free = new ReplyWriter[MAX_POOLED];
    private int pooled;

    /** A writer with nothing pending, no sink and spilling not held. */
    ReplyWriter take() {
        ReplyWriter w = null;
        synchronized (free) {
            if (pooled > 0) {
                w = free[--pooled];
                free[pooled] = null;
            }
        }
        return w != null ? w : new ReplyWriter();
    }

    /** Gives back a writer whose pending bytes were sent; the caller must not use it afterwards. */
    void give(ReplyWriter w) {
        w.clear();
        w.sink(null);
        w.holdSpill(false);
        if (w.capacity() > MAX_KEPT_CAPACITY) {
            w.trim();
            if (w.capacity() > MAX_KEPT_CAPACITY) {
                return;
            }
        }
        synchronized (free) {
            if (pooled < MAX_POOLED) {
                free[pooled++] = w;
            }
        }
    }

    /** Writers kept for reuse (test hook). */
    int pooled() {
        synchronized (free) {
            return pooled;
        }
    }
}
