package io.redisinternals.persistence.rdb;

import io.redisinternals.command.spi.FunctionStore;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.dict.KeyTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Loads an RDB file of version 1 to 10 into a keyspace, as redis-server 7.0's rdbLoad does for a
 * master: every opcode 7.0 knows (AUX, RESIZEDB, SELECTDB, EXPIRETIME, EXPIRETIME_MS, IDLE, FREQ,
 * FUNCTION2; MODULE_AUX and the pre-release FUNCTION refused), keys already expired skipped, a
 * duplicate key an error, the CRC-64 verified (unless stored as 0 or {@code rdbchecksum no}).
 *
 * <p>Parsing happens without the execution lock; parsed keys are put into the databases in batches
 * under it ({@link #BATCH_KEYS}), so clients served between batches get {@code -LOADING}. Every
 * failure is an {@link RdbFormatException} with the offset.
 */
public final class RdbFileLoader {

    /** Keys parsed before they are put into the databases under one hold of the lock. */
    static final int BATCH_KEYS = 1024;

    /** The loader's progress, readable from any thread (INFO's loading_* fields). */
    public static final class Progress {
        public volatile long loadedBytes;
        public volatile long keysLoaded;
        public volatile long keysExpired;
        /** The AUX used-mem of the file (INFO loading_rdb_used_mem). */
        public volatile long rdbUsedMem;
    }

    /** What a checker hears as the file is read (redis-check-rdb's lines); every method optional. */
    public interface Listener {
        default void aux(long offset, byte[] name, byte[] value) {
        }

        default void selectDb(long offset, int db) {
        }

        default void checksum(long offset, boolean verified) {
        }
    }

    private Listener listener = new Listener() {
    };

    /** Sets who hears the file's structure (check-rdb). */
    public RdbFileLoader listener(Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * A loader that keeps nothing (check-rdb): it reads and checks every value, counts the keys
     * (Progress.keysLoaded: all read; keysExpired: already expired) and the TTLs ({@link #expires()}).
     */
    public static RdbFileLoader checker(long nowMillis, Progress progress) {
        RdbReadOptions opts = RdbReadOptions.defaults(new io.redisinternals.keyspace.dict.KeyHash(0), true);
        return new RdbFileLoader(null, new java.util.concurrent.locks.ReentrantLock(), List.of(), db -> opts, true, 0,
                nowMillis, progress, true);
    }

    private long expires;

    /** Keys with a TTL read (check-rdb's "expires"). */
    public long expires() {
        return expires;
    }

    private record Pending(int db, byte[] key, Object value, long expireAt, long idle, int freq) {
    }

    private final Keyspace keyspace;
    private final Lock lock;
    private final List<FunctionStore> functions;
    private final IntFunction<RdbReadOptions> options;
    /** The options of each database, asked once (they read settings). */
    private final java.util.Map<Integer, RdbReadOptions> optionsByDb = new java.util.HashMap<>();
    private final boolean verifyChecksum;
    private final long keyDelayMicros;
    private final long nowMillis;
    private final Progress progress;
    private final List<Pending> batch = new ArrayList<>();
    private final boolean allowDuplicates;

    /**
     * @param options        the value-reading options of database n
     * @param verifyChecksum rdbchecksum: whether the CRC is checked
     * @param keyDelayMicros key-load-delay: microseconds slept per key (a test knob), 0 for none
     */
    public RdbFileLoader(Keyspace keyspace, Lock lock, List<FunctionStore> functions, IntFunction<RdbReadOptions> options,
                         boolean verifyChecksum, long keyDelayMicros, long nowMillis, Progress progress,
                         boolean allowDuplicates) {
        this.allowDuplicates = allowDuplicates;
        this.keyspace = keyspace;
        this.lock = lock;
        this.functions = functions;
        this.options = options;
        this.verifyChecksum = verifyChecksum;
        this.keyDelayMicros = keyDelayMicros;
        this.nowMillis = nowMillis;
        this.progress = progress;
    }

    /** Reads the whole file from {@code in}. */
    public void load(RdbInput in) {
        int version = readHeader(in);
        int db = 0;
        long expireAt = -1;
        long idle = -1;
        int freq = -1;
        while (true) {
            progress.loadedBytes = in.offset();
            int type = in.readByte();
            switch (type) {
                case RdbTypes.RDB_OPCODE_EXPIRETIME -> expireAt = in.readSeconds() * 1000L;
                case RdbTypes.RDB_OPCODE_EXPIRETIME_MS -> expireAt = in.readMillis();
                case RdbTypes.RDB_OPCODE_FREQ -> freq = in.readByte();
                case RdbTypes.RDB_OPCODE_IDLE -> idle = in.readLength();
                case RdbTypes.RDB_OPCODE_SELECTDB -> {
                    long n = in.readLength();
                    long at = in.offset();
                    if (keyspace != null && n >= keyspace.databaseCount()) {
                        throw in.corrupt("FATAL: Data file was created with a Redis server configured to handle more than "
                                + keyspace.databaseCount() + " databases. Exiting");
                    }
                    db = (int) n;
                    listener.selectDb(at, db);
                }
                case RdbTypes.RDB_OPCODE_RESIZEDB -> {
                    in.readLength();
                    in.readLength();
                }
                case RdbTypes.RDB_OPCODE_AUX -> {
                    byte[] name = in.readString();
                    byte[] value = in.readString();
                    listener.aux(in.offset(), name, value);
                    if ("used-mem".equals(new String(name, StandardCharsets.US_ASCII))) {
                        try {
                            progress.rdbUsedMem = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
                        } catch (NumberFormatException ignored) {
                            // informational only
                        }
                    }
                }
                case RdbTypes.RDB_OPCODE_MODULE_AUX ->
                        throw in.corrupt("The RDB file contains AUX module data I can't load: no matching module");
                case RdbTypes.RDB_OPCODE_FUNCTION ->
                        throw in.corrupt("Pre-release function format not supported.");
                case RdbTypes.RDB_OPCODE_FUNCTION2 -> loadFunction(in, in.readString());
                case RdbTypes.RDB_OPCODE_EOF -> {
                    flush();
                    checkCrc(in, version);
                    return;
                }
                default -> {
                    if (!RdbTypes.isValueType(type)) {
                        throw in.corrupt("Unknown RDB encoding type " + type);
                    }
                    long keyOffset = in.offset();
                    byte[] key = in.readString();
                    Object value;
                    try {
                        value = RdbValues.readValue(type, in, optionsByDb.computeIfAbsent(db, options::apply));
                    } catch (RdbFormatException e) {
                        String m = e.getMessage();
                        String suffix = " at offset " + e.offset();
                        if (m.endsWith(suffix)) {
                            m = m.substring(0, m.length() - suffix.length());
                        }
                        throw new RdbFormatException(m + " (type " + type + ", key '" + printable(key) + "' read at offset "
                                + keyOffset + ")", e.offset());
                    }
                    batch.add(new Pending(db, key, value, expireAt, idle, freq));
                    expireAt = -1;
                    idle = -1;
                    freq = -1;
                    if (batch.size() >= BATCH_KEYS || keyDelayMicros > 0) {
                        flush();
                        if (keyDelayMicros > 0) {
                            LockSupport.parkNanos(keyDelayMicros * 1000);
                        }
                    }
                }
            }
        }
    }

    private static int readHeader(RdbInput in) {
        byte[] magic = new byte[9];
        for (int i = 0; i < 9; i++) {
            if (in.atEnd()) {
                throw in.corrupt("Short read or OOM loading DB. Unrecoverable error, aborting now.");
            }
            magic[i] = (byte) in.readByte();
        }
        String head = new String(magic, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("REDIS")) {
            throw new RdbFormatException("Wrong signature trying to load DB from file", 0);
        }
        int version;
        try {
            version = Integer.parseInt(head.substring(5));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("Can't handle RDB format version " + head.substring(5), 5);
        }
        if (version < 1 || version > RdbTypes.RDB_VERSION) {
            throw new RdbFormatException("Can't handle RDB format version " + version, 5);
        }
        return version;
    }

    private void checkCrc(RdbInput in, int version) {
        if (version < 5) {
            return;
        }
        long expected = in.crc();
        long stored = in.readLittleEndian(8, "the checksum");
        progress.loadedBytes = in.offset();
        if (verifyChecksum && stored != 0 && stored != expected) {
            throw new RdbFormatException("Wrong RDB checksum expected: (" + Long.toHexString(stored) + ") got: ("
                    + Long.toHexString(expected) + "). Aborting now.", in.offset() - 8);
        }
        listener.checksum(in.offset(), verifyChecksum && stored != 0);
    }

    private void loadFunction(RdbInput in, byte[] code) {
        long at = in.offset();
        if (keyspace == null) {
            return; // a checker: the code is compiled only by a server
        }
        lock.lock();
        try {
            if (functions.isEmpty()) {
                throw new RdbFormatException("Failed loading library: functions are not available", at);
            }
            String err = functions.get(0).load(code, allowDuplicates);
            if (err != null) {
                throw new RdbFormatException("Failed loading library: " + err, at);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Puts the parsed keys into their databases, under the lock. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        if (keyspace == null) {
            for (Pending p : batch) {
                progress.keysLoaded++;
                if (p.expireAt != -1) {
                    expires++;
                    if (p.expireAt < nowMillis) {
                        progress.keysExpired++;
                    }
                }
            }
            batch.clear();
            return;
        }
        lock.lock();
        try {
            for (Pending p : batch) {
                if (p.expireAt != -1 && p.expireAt < nowMillis) {
                    progress.keysExpired++; // as a master loading: an expired key is not loaded
                    continue;
                }
                Database d = keyspace.db(p.db);
                if (allowDuplicates) {
                    d.put(p.key, p.value);
                } else if (!d.addLoaded(p.key, p.value)) {
                    throw new RdbFormatException("Duplicate key '" + printable(p.key) + "' in DB " + p.db, progress.loadedBytes);
                }
                if (p.expireAt != -1) {
                    d.setExpire(p.key, p.expireAt);
                }
                int stamp = keyspace.restoredStamp(p.freq, p.idle);
                if (stamp >= 0) {
                    KeyTable.Entry<Object> e = d.peekEntry(p.key);
                    e.meta((e.meta() & Database.SNAPSHOT_EPOCH_MASK) | stamp);
                }
                progress.keysLoaded++;
            }
        } finally {
            lock.unlock();
            batch.clear();
        }
    }

    static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder();
        for (byte b : key) {
            int c = b & 0xFF;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format(java.util.Locale.ROOT, "\\x%02x", c));
            if (sb.length() > 128) {
                break;
            }
        }
        return sb.toString();
    }
}
