package io.redisinternals.persistence.aof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The appending half of the AOF: the buffer the propagation stream is encoded into, its write to
 * the current incremental file and the fsync each {@code appendfsync} policy asks for (Redis's
 * {@code flushAppendOnlyFile}), with the sizes, the write errors and the background fsync that
 * INFO and MISCONF report.
 *
 * <p>When the write happens. Redis writes its AOF buffer once per event-loop turn, in beforeSleep,
 * before any reply of the turn is sent. Here many event loops run batches one after the other
 * under the execution lock; writing at the end of every batch cost one {@code write(2)} per
 * command at {@code -P 1} (and one {@code fsync} under the lock with {@code always}). So a batch
 * only <em>hands off</em> its bytes at its end ({@link #endBatch}, under the execution lock, a
 * buffer swap), and the transport thread that is about to send replies writes everything handed
 * off so far ({@link #beforeSend}, no execution lock): one write, and with {@code always} one
 * fsync, for every batch of every loop that ran meanwhile (group commit), while other loops go on
 * executing. A transport that never calls {@link #beforeSend} gets the write at the end of each
 * batch, as before.
 *
 * <p>Threading and locks, always taken in this order: the execution lock (every caller but
 * {@link #beforeSend}), then {@link #writeLock} (the file, {@link #spare}, the sizes and the
 * error state: one writer at a time, in hand-off order), then {@link #syncLock} (only the
 * hand-off buffer {@link #pending}, held for a swap or a copy). {@link #buf} belongs to the
 * execution lock. A sender skips the lock when {@link #flushed} has caught up with
 * {@link #handedOff}; otherwise it takes {@link #writeLock}, and when it gets it, whatever a
 * previous holder took is on disk (written, and fsynced with {@code always}), so its own replies
 * may leave once it has written the rest.
 */
final class AofAppender {

    private static final System.Logger LOG = System.getLogger(AppendOnlyFile.class.getName());
    /** Redis reuses the AOF buffer while it stays under about 4 KB. */
    static final int BUFFER_KEPT = 4096;
    /** Redis's AOF_WRITE_LOG_ERROR_RATE: at most one write error logged in this many seconds. */
    private static final long WRITE_ERROR_LOG_SECONDS = 30;

    private final Supplier<String> policy;
    /** {@code no-appendfsync-on-rewrite yes} while a rewrite runs. */
    private final BooleanSupplier fsyncSuspended;

    /** What the batch under way propagates (execution lock). */
    private RespOut buf = new RespOut(BUFFER_KEPT);
    /** Batches handed off and not yet taken by a writer ({@link #syncLock}). */
    private RespOut pending = new RespOut(BUFFER_KEPT);
    /** What a writer took and has not written yet: a postponed or failed write ({@link #writeLock}). */
    private RespOut spare = new RespOut(BUFFER_KEPT);
    private final Object syncLock = new Object();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Hand-offs so far, and how many of them are on disk: equal means a sender has nothing to wait for. */
    private volatile long handedOff;
    private volatile long flushed;
    /** Whether the transport calls {@link #beforeSend} (seen once): until then each batch writes itself. */
    private volatile boolean sendHooked;

    // everything below: writeLock (set by the execution-lock side with writeLock held too)
    private FileChannel fd;
    private long currentSize;
    private long lastIncrSize;
    private long lastIncrFsyncOffset;
    private long lastFsyncSecond;
    private long flushPostponedStart;
    private long delayedFsync;
    private long lastWriteErrorLogged;
    /** Read per write command (MISCONF), so volatile. */
    private volatile boolean lastWriteOk = true;
    private volatile String lastWriteError = "";
    private volatile String fsyncError;

    private ExecutorService fsyncThread;
    private final AtomicInteger pendingFsyncs = new AtomicInteger();

    AofAppender(Supplier<String> policy, BooleanSupplier fsyncSuspended) {
        this.policy = policy;
        this.fsyncSuspended = fsyncSuspended;
    }

    /** The buffer the propagation stream is encoded into (execution lock). */
    RespOut buffer() {
        return buf;
    }

    /** Whether a file is open for appending (execution lock). */
    boolean isOpen() {
        return fd != null;
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    // ---- the file -----------------------------------------------------------------------------

    /** Appending goes to {@code channel} from now on, which already holds {@code size} bytes (fsynced). */
    void open(FileChannel channel, long size) {
        writeLock.lock();
        try {
            fd = channel;
            lastIncrSize = size;
            lastIncrFsyncOffset = size;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A rewrite's new incremental file (Redis's openNewIncrAofForAppend): what was handed off goes
     * to the old file first, which is then fsynced and closed in the background.
     */
    void rotate(FileChannel newFd) {
        writeLock.lock();
        try {
            drain(true);
            if (fd != null) {
                backgroundFsync(fd, true);
                lastFsyncSecond = nowSeconds();
            }
            fd = newFd;
            lastIncrSize = 0;
            lastIncrFsyncOffset = 0;
        } finally {
            writeLock.unlock();
        }
    }

    /** Redis's stopAppendOnly: the last write and an fsync, then the file is closed and the buffers emptied. */
    void close() {
        writeLock.lock();
        try {
            if (fd != null) {
                drain(true);
                try {
                    fd.force(false);
                    lastFsyncSecond = nowSeconds();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "Fail to fsync the AOF file: " + e.getMessage());
                }
            }
            discard();
        } finally {
            writeLock.unlock();
        }
    }

    /** The file closed without a last write (a temp incremental file given up), the buffers emptied. */
    void discard() {
        writeLock.lock();
        try {
            if (fd != null) {
                closeQuietly(fd);
                fd = null;
            }
            buf.clear();
            buf.shrinkIfLarge(BUFFER_KEPT);
            spare.clear();
            synchronized (syncLock) {
                pending.clear();
                flushed = handedOff;
            }
            lastIncrSize = 0;
            lastIncrFsyncOffset = 0;
        } finally {
            writeLock.unlock();
        }
    }

    /** SHUTDOWN's last write and fsync (Redis's "Calling fsync() on the AOF file"). */
    void syncForShutdown() {
        writeLock.lock();
        try {
            if (fd == null) {
                return;
            }
            drain(true);
            fd.force(false);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Fail to fsync the AOF file: " + e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    // ---- appending ----------------------------------------------------------------------------

    /** The end of a batch (execution lock): its bytes handed off, and written now unless a sender will. */
    void endBatch() {
        handOff();
        if (!sendHooked) {
            flush(false);
        }
    }

    /** Execution lock: everything propagated so far written now ({@code force}: even while an fsync runs). */
    void drain(boolean force) {
        handOff();
        flush(force);
    }

    /** Moves the batch's bytes to {@link #pending}: a swap when the writer took the last ones, else a copy. */
    private void handOff() {
        if (buf.length() == 0) {
            return;
        }
        synchronized (syncLock) {
            if (pending.length() == 0) {
                RespOut t = pending;
                pending = buf;
                buf = t;
            } else {
                pending.append(buf);
                buf.clear();
            }
            handedOff++;
        }
        buf.shrinkIfLarge(BUFFER_KEPT);
    }

    /**
     * Just before a transport thread sends replies (no lock held): what batches handed off is
     * written (and fsynced with {@code always}) first. Nothing to do, and no lock, when it already is.
     */
    void beforeSend() {
        if (!sendHooked) {
            sendHooked = true; // once: a volatile store on every send of every connection costs a fence each
        }
        if (flushed == handedOff) {
            return;
        }
        flush(false);
    }

    /** Redis's flushAppendOnlyFile: any thread, takes {@link #writeLock}. */
    void flush(boolean force) {
        writeLock.lock();
        try {
            flushLocked(force);
        } finally {
            writeLock.unlock();
        }
    }

    private void flushLocked(boolean force) {
        long target;
        synchronized (syncLock) {
            target = handedOff;
            if (pending.length() > 0) {
                if (spare.length() == 0) {
                    RespOut t = spare;
                    spare = pending;
                    pending = t;
                } else {
                    spare.append(pending);
                    pending.clear();
                }
            }
        }
        if (fd == null) {
            spare.clear();
            flushed = target;
            return;
        }
        String p = policy.get();
        boolean everysec = p.equals("everysec");
        boolean always = p.equals("always");
        boolean syncInProgress = false;
        long now = nowSeconds();
        if (spare.length() == 0) {
            // Nothing new, but data written since the last fsync may still need one (writes stopped
            // within the second, or the policy became always).
            if (everysec && lastIncrFsyncOffset != lastIncrSize && now > lastFsyncSecond
                    && !(syncInProgress = pendingFsyncs.get() > 0)) {
                fsync(everysec, always, false, now);
            } else if (always && lastIncrFsyncOffset != lastIncrSize) {
                fsync(everysec, always, false, now);
            }
            flushed = target;
            return;
        }
        if (everysec) {
            syncInProgress = pendingFsyncs.get() > 0;
        }
        if (everysec && !force && syncInProgress) {
            // The disk is busy with the last fsync, and a write now would wait for it: wait up to
            // two seconds, then write anyway and count it.
            if (flushPostponedStart == 0) {
                flushPostponedStart = now;
                return;
            } else if (now - flushPostponedStart < 2) {
                return;
            }
            delayedFsync++;
            LOG.log(System.Logger.Level.INFO, "Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF "
                    + "buffer without waiting for fsync to complete, this may slow down Redis.");
        }
        flushPostponedStart = 0;
        if (!write(always, now)) {
            return; // tried again by the next send, batch or cron tick
        }
        fsync(everysec, always, syncInProgress, now);
        flushed = target;
    }

    /** The write(2) of {@link #spare}, with Redis's handling of errors and short writes; whether it all went. */
    private boolean write(boolean always, long now) {
        long written = 0;
        IOException failure = null;
        try {
            ByteBuffer b = spare.view();
            while (b.hasRemaining()) {
                written += fd.write(b);
            }
        } catch (IOException e) {
            failure = e;
        }
        if (failure == null) {
            if (!lastWriteOk) {
                LOG.log(System.Logger.Level.WARNING, "AOF write error looks solved, Redis can write again.");
                lastWriteOk = true;
            }
            currentSize += written;
            lastIncrSize += written;
            spare.clear();
            spare.shrinkIfLarge(BUFFER_KEPT);
            return true;
        }
        boolean log = now - lastWriteErrorLogged > WRITE_ERROR_LOG_SECONDS;
        if (log) {
            lastWriteErrorLogged = now;
        }
        if (written == 0) {
            if (log) {
                LOG.log(System.Logger.Level.WARNING, "Error writing to the AOF file: " + failure.getMessage());
            }
            lastWriteError = failure.getMessage();
        } else {
            if (log) {
                LOG.log(System.Logger.Level.WARNING, "Short write while writing to the AOF file: (nwritten=" + written
                        + ", expected=" + spare.length() + ")");
            }
            try {
                fd.truncate(lastIncrSize);
                written = 0; // the partial write is undone
            } catch (IOException e) {
                if (log) {
                    LOG.log(System.Logger.Level.WARNING, "Could not remove short write from the append-only file.  Redis may "
                            + "refuse to load the AOF the next time it starts.  ftruncate: " + e.getMessage());
                }
            }
            lastWriteError = "No space left on device";
        }
        if (always) {
            // The replies waiting for this write are about to leave and the writes cannot be
            // undone: redis-server 7.0.15 exits rather than acknowledge what is not on disk.
            LOG.log(System.Logger.Level.ERROR,
                    "Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...");
            Runtime.getRuntime().halt(1);
        }
        lastWriteOk = false;
        if (written > 0) {
            currentSize += written;
            lastIncrSize += written;
            spare.consume((int) written);
        }
        return false;
    }

    /** The try_fsync part of flushAppendOnlyFile. */
    private void fsync(boolean everysec, boolean always, boolean syncInProgress, long now) {
        if (fsyncSuspended.getAsBoolean()) {
            return;
        }
        if (always) {
            try {
                fd.force(false);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "Can't persist AOF for fsync error when the AOF fsync policy is 'always': "
                        + e.getMessage() + ". Exiting...");
                Runtime.getRuntime().halt(1);
            }
            lastIncrFsyncOffset = lastIncrSize;
            lastFsyncSecond = now;
        } else if (everysec && now > lastFsyncSecond) {
            if (!syncInProgress) {
                backgroundFsync(fd, false);
                lastIncrFsyncOffset = lastIncrSize;
            }
            lastFsyncSecond = now;
        }
    }

    /** Redis's bio fsync job (and the close job after a rotation). */
    private void backgroundFsync(FileChannel channel, boolean close) {
        if (fsyncThread == null) {
            fsyncThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "aof-fsync");
                t.setDaemon(true);
                return t;
            });
        }
        pendingFsyncs.incrementAndGet();
        fsyncThread.execute(() -> {
            try {
                channel.force(false);
                fsyncError = null;
            } catch (IOException e) {
                if (channel.isOpen()) {
                    fsyncError = e.getMessage();
                    LOG.log(System.Logger.Level.WARNING, "Fail to fsync the AOF file: " + e.getMessage());
                }
            } finally {
                pendingFsyncs.decrementAndGet();
                if (close) {
                    closeQuietly(channel);
                }
            }
        });
    }

    static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing after a completed or failed fsync: nothing left to lose
        }
    }

    // ---- state for INFO, MISCONF and the rewrite ----------------------------------------------

    /** Redis's writeCommandsDeniedByDiskError for the AOF, or null. Read per write command: no lock. */
    String writeRefusal() {
        if (!lastWriteOk) {
            return "MISCONF Errors writing to the AOF file: " + lastWriteError;
        }
        String f = fsyncError;
        return f == null ? null : "MISCONF Errors writing to the AOF file: " + f;
    }

    boolean writeStatusOk() {
        return lastWriteOk && fsyncError == null;
    }

    /** {@code appendonly yes} again: the last error forgotten (Redis's "AOF reopen, just ignore the last error"). */
    void reopened() {
        writeLock.lock();
        try {
            if (!lastWriteOk) {
                LOG.log(System.Logger.Level.WARNING, "AOF reopen, just ignore the last error.");
                lastWriteOk = true;
            }
            fsyncError = null;
            lastFsyncSecond = nowSeconds();
        } finally {
            writeLock.unlock();
        }
    }

    long currentSize() {
        writeLock.lock();
        try {
            return currentSize;
        } finally {
            writeLock.unlock();
        }
    }

    void currentSize(long size) {
        writeLock.lock();
        try {
            currentSize = size;
        } finally {
            writeLock.unlock();
        }
    }

    /** The size of the current incremental file as written so far. */
    long incrSize() {
        writeLock.lock();
        try {
            return lastIncrSize;
        } finally {
            writeLock.unlock();
        }
    }

    /** INFO's aof_buffer_length: propagated and not written yet (execution lock). */
    long bufferLength() {
        writeLock.lock();
        try {
            synchronized (syncLock) {
                return (long) buf.length() + pending.length() + spare.length();
            }
        } finally {
            writeLock.unlock();
        }
    }

    int pendingFsyncs() {
        return pendingFsyncs.get();
    }

    long delayedFsync() {
        writeLock.lock();
        try {
            return delayedFsync;
        } finally {
            writeLock.unlock();
        }
    }
}
