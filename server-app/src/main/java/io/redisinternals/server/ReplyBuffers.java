package io.redisinternals.server;

import io.redisinternals.resp.ReplyWriter;
import java.util.concurrent.ConcurrentLinkedDeque;

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

    private final ConcurrentLinkedDeque<ReplyWriter> free = new ConcurrentLinkedDeque<>();

    /** A writer with nothing pending, no sink and spilling not held. */
    ReplyWriter take() {
        ReplyWriter w = free.pollFirst();
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
        // Approximate bound (size() is O(n) on this deque): a few extra under a race are harmless.
        if (free.size() < MAX_POOLED) {
            free.offerFirst(w);
        }
    }
}
