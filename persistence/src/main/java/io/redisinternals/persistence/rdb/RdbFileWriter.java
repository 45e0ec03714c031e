package io.redisinternals.persistence.rdb;

import io.redisinternals.command.codec.Crc64;
import io.redisinternals.persistence.snapshot.Snapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Writes one RDB file (version 10) as redis-server 7.0.15 does: "REDIS0010", the AUX fields of
 * rdbSaveInfoAuxFields, the function libraries, per database SELECTDB + RESIZEDB and its keys
 * (EXPIRETIME_MS, IDLE or FREQ under an LRU/LFU maxmemory-policy, as rdbSaveKeyValuePair), EOF
 * and the CRC-64 (0 with {@code rdbchecksum no}). The bytes go to a temp file in the target's
 * directory; {@link #commit} fsyncs it, renames it over the target and fsyncs the directory, so
 * the target is always either the old file or the whole new one.
 *
 * <p>As a {@link Snapshot.Sink}: keys are serialised under the execution lock into one buffer;
 * {@link #endSlice} swaps it with a spare, and {@link #drain} writes the spare out without the
 * lock (double buffering, so a write's hook can keep filling the other meanwhile).
 */
public final class RdbFileWriter implements Snapshot.Sink, AutoCloseable {

    /** Redis's REDIS_AUTOSYNC_BYTES: with rdb-save-incremental-fsync, an fsync per 32 MB written. */
    static final long AUTOSYNC_BYTES = 32L << 20;

    /** What goes with the keys: the key's idle seconds or LFU counter, per its 24-bit stamp. */
    public enum Stamps { NONE, IDLE, FREQ }

    private final Path temp;
    private final FileChannel channel;
    private final boolean checksum;
    private final boolean incrementalFsync;
    private final Stamps stamps;
    private final IntToLongFunction stampValue;
    private RdbOutput current;
    private RdbOutput spare;
    private int currentDb = -1;
    private long crc;
    private long written;
    private long sinceSync;

    /**
     * Opens {@code temp} (truncated) for a new file.
     *
     * @param stampValue the idle seconds (IDLE) or decayed counter (FREQ) of a 24-bit access stamp
     */
    public RdbFileWriter(Path temp, boolean compress, boolean checksum, boolean incrementalFsync, Stamps stamps,
                         IntToLongFunction stampValue) throws IOException {
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.checksum = checksum;
        this.incrementalFsync = incrementalFsync;
        this.stamps = stamps;
        this.stampValue = stampValue;
        this.current = new RdbOutput(compress, 1 << 16);
        this.spare = new RdbOutput(compress, 1 << 16);
    }

    /** The magic, version, AUX fields (name, value pairs: strings, or longs written as Redis's int strings) and function libraries. */
    public void header(List<Object[]> aux, List<byte[]> functionLibraries) {
        byte[] magic = String.format(java.util.Locale.ROOT, "REDIS%04d", RdbTypes.RDB_VERSION).getBytes(StandardCharsets.US_ASCII);
        current.writeBytes(magic);
        for (Object[] field : aux) {
            current.writeByte(RdbTypes.RDB_OPCODE_AUX);
            current.writeString(((String) field[0]).getBytes(StandardCharsets.UTF_8));
            if (field[1] instanceof Long l) {
                current.writeLongAsString(l);
            } else {
                current.writeString(((String) field[1]).getBytes(StandardCharsets.UTF_8));
            }
        }
        for (byte[] code : functionLibraries) {
            current.writeByte(RdbTypes.RDB_OPCODE_FUNCTION2);
            current.writeString(code);
        }
    }

    @Override
    public void database(int db, long keys, long expires) {
        selectDb(db);
        current.writeByte(RdbTypes.RDB_OPCODE_RESIZEDB);
        current.writeLength(keys);
        current.writeLength(expires);
    }

    private void selectDb(int db) {
        if (db != currentDb) {
            current.writeByte(RdbTypes.RDB_OPCODE_SELECTDB);
            current.writeLength(db);
            currentDb = db;
        }
    }

    @Override
    public void key(int db, byte[] key, Object value, long expireAtMillis, int accessStamp) {
        selectDb(db);
        if (expireAtMillis != -1) {
            current.writeByte(RdbTypes.RDB_OPCODE_EXPIRETIME_MS);
            current.writeMillis(expireAtMillis);
        }
        if (stamps == Stamps.IDLE) {
            current.writeByte(RdbTypes.RDB_OPCODE_IDLE);
            current.writeLength(stampValue.applyAsLong(accessStamp));
        } else if (stamps == Stamps.FREQ) {
            current.writeByte(RdbTypes.RDB_OPCODE_FREQ);
            current.writeByte((int) stampValue.applyAsLong(accessStamp));
        }
        current.writeByte(RdbValues.type(value));
        current.writeString(key);
        RdbValues.writeValue(current, value);
    }

    /** A slice smaller than this stays in the buffer: the disk gets few big writes, not one per bucket. */
    static final int DRAIN_BYTES = 256 * 1024;

    @Override
    public void endSlice() {
        if (current.size() >= DRAIN_BYTES) {
            swap();
        }
    }

    private void swap() {
        if (spare.size() != 0) {
            return; // the previous slice is not drained yet: keep appending to the current one
        }
        RdbOutput full = current;
        current = spare;
        spare = full;
    }

    @Override
    public void drain() throws IOException {
        RdbOutput out = spare;
        if (out.size() == 0) {
            return;
        }
        int n = out.size();
        out.drainTo(crcChannel);
        written += n;
        sinceSync += n;
        if (incrementalFsync && sinceSync >= AUTOSYNC_BYTES) {
            channel.force(false);
            sinceSync = 0;
        }
    }

    /** Bytes written to the file so far. */
    public long written() {
        return written;
    }

    /** Without the lock, after the walk: EOF, the CRC, fsync, rename over {@code target}, fsync of the directory. */
    public void commit(Path target) throws IOException {
        swap();
        drain();
        swap();
        drain();
        RdbOutput tail = new RdbOutput(false, 16);
        tail.writeByte(RdbTypes.RDB_OPCODE_EOF);
        byte[] eof = tail.toByteArray();
        crc = Crc64.update(crc, eof, 0, eof.length);
        tail.writeLittleEndian(checksum ? crc : 0, 8);
        ByteBuffer bb = ByteBuffer.wrap(tail.toByteArray());
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** fsync of a directory, so a rename in it is durable (Linux allows opening one for reading). */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems refuse it; the rename is then as durable as they make it
        }
    }

    /** Closes and deletes the temp file (a failed or cancelled save). */
    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /**
     * The file as the buffers drain into it, folding the bytes into the file's CRC as they are
     * written (each buffer's own CRC covers only its part, since two buffers alternate).
     */
    private final java.nio.channels.WritableByteChannel crcChannel = new java.nio.channels.WritableByteChannel() {
        @Override
        public int write(ByteBuffer src) throws IOException {
            int from = src.position();
            int n = channel.write(src);
            crc = Crc64.update(crc, src.array(), src.arrayOffset() + from, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
        }
    };
}
