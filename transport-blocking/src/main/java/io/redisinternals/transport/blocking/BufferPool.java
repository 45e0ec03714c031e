package io.redisinternals.transport.blocking;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * A bounded stack of heap buffers of one size ({@link #BUFFER_SIZE}), shared by all connections
 * of a transport: a connection takes one while a burst of input or output is in flight and gives
 * it back as soon as the burst is over, so an idle connection holds none and a busy one makes no
 * garbage. At most {@code capacity} free buffers are kept; beyond that given buffers are dropped
 * for the GC. A buffer must be given back at most once, and not used after.
 */
final class BufferPool {

    /** Size of every pooled buffer: a working read buffer, or an output chunk. */
    static final int BUFFER_SIZE = 16 * 1024;

    private final IntFunction<ByteBuffer> allocator;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer[] free;   // guarded by lock
    private int size;                  // guarded by lock

    /**
     * @param capacity  most free buffers kept
     * @param allocator makes a new buffer of the given size when the pool is empty
     */
    BufferPool(int capacity, IntFunction<ByteBuffer> allocator) {
        this.free = new ByteBuffer[capacity];
        this.allocator = allocator;
    }

    /** A cleared buffer of {@link #BUFFER_SIZE} bytes, from the pool or new. */
    ByteBuffer take() {
        lock.lock();
        try {
            if (size > 0) {
                ByteBuffer b = free[--size];
                free[size] = null;
                return b;
            }
        } finally {
            lock.unlock();
        }
        return allocator.apply(BUFFER_SIZE);
    }

    /** Takes back a buffer that came from {@link #take()}; other buffers are ignored. */
    void give(ByteBuffer b) {
        if (b.capacity() != BUFFER_SIZE || b.isDirect() || b.isReadOnly()) {
            return;
        }
        b.clear();
        lock.lock();
        try {
            if (size < free.length) {
                free[size++] = b;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Free buffers held (for tests). */
    int free() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }
}
