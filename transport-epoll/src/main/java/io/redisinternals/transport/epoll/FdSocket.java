package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link PollerSocket} of the {@link EpollPoller}: a raw non-blocking fd, its addresses (read
 * once, when it is opened or accepted) and whether it listens.
 *
 * <p>Threading: used by its owning loop's thread only; {@link #close()} is idempotent.
 *
 * <p>Buffers go to C as addresses: {@code Native.bufferAddress(buffer)} + position. A heap buffer
 * (no address) is copied through a per-thread direct scratch buffer; the loop's connection buffers
 * are direct, so that is only a slow path for the odd constant reply wrapped around a byte[].
 */
final class FdSocket implements PollerSocket {

    /** Heap-buffer staging and iovec array per thread (there is one per loop thread). */
    private static final int STAGING_CAPACITY = 64 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Native.Layout layout;
    private final boolean listener;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    /** -1 once closed. */
    private int fd;
    /** The last read buffer and its base address: a connection reads into one long-lived buffer. */
    private ByteBuffer lastReadBuffer;
    private long lastReadAddress;

    FdSocket(Native.Layout layout, int fd, boolean listener, InetSocketAddress localAddress, InetSocketAddress remoteAddress) {
        this.layout = layout;
        this.fd = fd;
        this.listener = listener;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
    }

    /** The fd, or -1 once closed. */
    int fd() {
        return fd;
    }

    boolean isListener() {
        return listener;
    }

    int checkedFd() throws IOException {
        int f = fd;
        if (f < 0) {
            throw new IOException("socket closed");
        }
        return f;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int f = checkedFd();
        int position = dst.position();
        int room = dst.limit() - position;
        if (room == 0) {
            return 0;
        }
        int n;
        if (dst.isDirect()) {
            long base;
            if (dst == lastReadBuffer) {
                base = lastReadAddress;
            } else {
                base = Native.bufferAddress(dst);
                lastReadBuffer = dst;
                lastReadAddress = base;
            }
            n = Native.read(f, base + position, room);
            if (n > 0) {
                dst.position(position + n);
            }
        } else {
            ByteBuffer staging = SCRATCH.get().staging;
            n = Native.read(f, SCRATCH.get().stagingAddress, Math.min(room, staging.capacity()));
            if (n > 0) {
                dst.put(staging.slice(0, n));
            }
        }
        if (n > 0) {
            return n;
        }
        if (n == 0) {
            return -1;
        }
        if (n == -layout.eagain() || n == -layout.eintr()) {
            return 0;
        }
        throw Native.ioError("read", n);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        int f = checkedFd();
        Scratch scratch = SCRATCH.get();
        // Fill struct iovec entries (layout from C) until IOV_MAX or the heap-buffer staging is full.
        int count = 0;
        int staged = 0;
        long total = 0;
        for (int i = offset; i < offset + length && count < layout.iovMax(); i++) {
            ByteBuffer src = srcs[i];
            int remaining = src.remaining();
            if (remaining == 0) {
                continue;
            }
            long address;
            if (src.isDirect()) {
                address = scratch.address(src) + src.position();
            } else {
                int chunk = Math.min(remaining, STAGING_CAPACITY - staged);
                if (chunk == 0) {
                    break;
                }
                scratch.staging.put(staged, src, src.position(), chunk);
                address = scratch.stagingAddress + staged;
                staged += chunk;
                remaining = chunk;
            }
            int entry = count * layout.iovecSize();
            scratch.iov.putLong(entry + layout.iovBaseOffset(), address);
            scratch.iov.putLong(entry + layout.iovLenOffset(), remaining);
            count++;
            total += remaining;
            if (remaining < src.remaining()) {
                // Only part of this heap buffer fit the staging: nothing after it may go in the
                // same write, or the kernel would send the next buffer's bytes before its rest.
                break;
            }
        }
        if (count == 0) {
            return 0;
        }
        long written = count == 1
                ? Native.send(f, scratch.iov.getLong(layout.iovBaseOffset()), (int) total)
                : Native.sendv(f, scratch.iovAddress, count);
        if (written < 0) {
            if (written == -layout.eagain() || written == -layout.eintr()) {
                return 0;
            }
            throw Native.ioError("write", written);
        }
        // Advance positions over what the kernel took, in order.
        long left = written;
        for (int i = offset; i < offset + length && left > 0; i++) {
            ByteBuffer src = srcs[i];
            int step = (int) Math.min(left, src.remaining());
            src.position(src.position() + step);
            left -= step;
        }
        return written;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void close() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            lastReadBuffer = null;
            Native.close(f); // -errno here (EBADF, EIO) leaves nothing to undo; the fd is released
        }
    }

    /** Half-closes the write side (FIN to the peer), keeping the fd. */
    void shutdownOutput() throws IOException {
        Native.check("shutdown", Native.shutdown(checkedFd(), 1));
    }

    @Override
    public String toString() {
        return "FdSocket[fd=" + fd + " " + localAddress + (remoteAddress == null ? "" : " <- " + remoteAddress) + "]";
    }

    /** Direct buffers a loop thread reuses for boundary crossings: sockaddr, iovec array, staging. */
    static final class Scratch {
        final ByteBuffer sockaddr;
        final long sockaddrAddress;
        final ByteBuffer iov;
        final long iovAddress;
        final ByteBuffer staging;
        final long stagingAddress;

        Scratch() {
            Native.Layout layout = Native.layout();
            sockaddr = ByteBuffer.allocateDirect(layout.sockaddrScratchSize()).order(ByteOrder.nativeOrder());
            sockaddrAddress = Native.bufferAddress(sockaddr);
            iov = ByteBuffer.allocateDirect(layout.iovecSize() * layout.iovMax()).order(ByteOrder.nativeOrder());
            iovAddress = Native.bufferAddress(iov);
            staging = ByteBuffer.allocateDirect(STAGING_CAPACITY);
            stagingAddress = Native.bufferAddress(staging);
        }

        static Scratch get() {
            return SCRATCH.get();
        }

        /**
         * The last output buffer written from this thread and its base address: the loop's pooled
         * chunks are reused most recent first, so the next write is usually from the same one, and
         * asking the JVM for a buffer's address (a JNI call that checks the buffer's class) was 1%
         * of a PUBLISH's server CPU. Only pool-sized buffers are remembered: a reference here
         * keeps the buffer's memory alive.
         */
        private ByteBuffer lastWritten;
        private long lastWrittenAddress;

        long address(ByteBuffer direct) {
            if (direct == lastWritten) {
                return lastWrittenAddress;
            }
            long address = Native.bufferAddress(direct);
            if (direct.capacity() <= EventLoop.CHUNK_SIZE) {
                lastWritten = direct;
                lastWrittenAddress = address;
            }
            return address;
        }
    }
}
