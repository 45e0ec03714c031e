package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.ObjectLayout;
import io.redisinternals.keyspace.Keyspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory accounting: Redis's {@code used_memory} and its parts, estimated from the structures we
 * hold rather than asked of an allocator (a JVM has no per-allocation counter like
 * {@code zmalloc_used_memory}, and heap occupancy includes garbage until the next collection).
 *
 * <p>{@code used_memory} = startup + dataset + key-table overhead + clients, where
 * <ul>
 * <li><b>startup</b> ({@link #STARTUP_BYTES}) is the engine's fixed heap after boot with empty
 *     databases, measured once (see docs/ARCHITECTURE.md) and kept as a constant, Redis's
 *     {@code used_memory_startup};</li>
 * <li><b>dataset</b> is each key's key array and value, as its type estimates it, kept by the key
 *     tables as keys are written ({@link Database#datasetBytes}; O(1) per write, never a scan),
 *     plus the pub/sub and tracking tables (which Redis also counts as dataset, being neither of
 *     its overhead items);</li>
 * <li><b>key-table overhead</b> is the table entries and bucket arrays of the main and expires
 *     tables (Redis's {@code overhead.hashtable.main} / {@code .expires});</li>
 * <li><b>clients</b> is each client's {@link ClientMemory#total} (its fixed part, query buffer,
 *     arguments, MULTI queue and output), counted by {@link ClientEviction}: for every client by the
 *     cron (O(clients) ten times a second, not per command), as Redis sums client memory
 *     incrementally.</li>
 * </ul>
 * Reading {@link #used()} costs one addition per database, so the eviction check before every
 * command may call it. The peak is kept whenever the figure is read or the cron runs.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class Memory {

    /**
     * The engine's heap after boot with 16 empty databases and no client (command table, metadata,
     * configuration, the databases' empty tables), as {@code used_memory_startup}: measured on the
     * JDK 21 HotSpot this project runs (heap used after a full GC, with and without an engine
     * booted): 1,027,680 bytes, rounded. Redis's own is about 876 KB.
     */
    public static final long STARTUP_BYTES = 1_030_000;

    /** Estimated bytes per pub/sub channel or pattern entry and per tracked key (a map entry, a set, a name). */
    private static final long PUBSUB_ENTRY_BYTES = 128;
    private static final long TRACKING_KEY_BYTES = 96;

    private final Engine engine;
    private final Keyspace keyspace;
    private long peak;

    Memory(Engine engine) {
        this.engine = engine;
        this.keyspace = engine.keyspace();
    }

    /** Redis's used_memory: the estimate described in the class comment, in bytes. */
    public long used() {
        long used = STARTUP_BYTES + clients() + pubSubTrackingBytes();
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            Database db = keyspace.db(i);
            used += db.datasetBytes() + db.tableOverheadBytes();
        }
        if (used > peak) {
            peak = used;
        }
        return used;
    }

    /** The highest {@link #used()} seen (used_memory_peak). */
    public long peak() {
        return Math.max(peak, used());
    }

    /** used_memory_startup. */
    public long startup() {
        return STARTUP_BYTES;
    }

    /**
     * The clients' part of used_memory (mem_clients_normal): {@link ClientMemory#total} of every
     * client, as {@link ClientEviction} last counted it (the cron, and each read and command while
     * maxmemory-clients is set).
     */
    public long clients() {
        return engine.clientEviction().total();
    }

    /** Refreshes the peak (the engine's cron, after the clients were counted). */
    void cron() {
        used();
    }

    private long pubSubTrackingBytes() {
        PubSub p = engine.pubSub();
        Tracking t = engine.tracking();
        return (p.channelCount() + p.patternCount() + p.shardChannelCount()) * PUBSUB_ENTRY_BYTES
                + t.totalKeys() * TRACKING_KEY_BYTES;
    }

    // ---- the breakdown of INFO memory and MEMORY STATS ------------------------------------------

    /** One database's overhead figures (MEMORY STATS db.N). */
    public record DbOverhead(int db, long main, long expires) {
    }

    /**
     * Redis's getMemoryOverheadData, from our figures: the overhead items, the databases with
     * keys, and what is left as dataset.
     */
    public record Overhead(long used, long peak, long startup, long clients, long total, long keys,
            List<DbOverhead> dbs) {

        /** used_memory_dataset: what is not overhead. */
        public long dataset() {
            return Math.max(0, used - total);
        }

        /** used_memory_dataset_perc: the dataset's share of what was added since startup. */
        public double datasetPercent() {
            return dataset() * 100.0 / netUsage();
        }

        /** keys.bytes-per-key: memory added since startup per key. */
        public long bytesPerKey() {
            return keys == 0 ? 0 : netUsage() / keys;
        }

        /** used_memory_peak_perc. */
        public double peakPercent() {
            return used * 100.0 / peak;
        }

        private long netUsage() {
            return used > startup ? used - startup : 1;
        }
    }

    /** The overhead breakdown now (O(databases)). */
    public Overhead overhead() {
        long used = used();
        long clientsBytes = clients();
        long total = STARTUP_BYTES + clientsBytes;
        long keys = 0;
        List<DbOverhead> dbs = new ArrayList<>();
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            Database db = keyspace.db(i);
            if (db.size() == 0) {
                continue;
            }
            keys += db.size();
            // As Redis's overhead.hashtable.main: the entries and bucket slots (its robj headers are
            // our entries' share too: a value has no separate header object for bare strings).
            long main = db.size() * ObjectLayout.TABLE_ENTRY + db.mainTableBytes();
            long expires = db.expiresOverheadBytes();
            dbs.add(new DbOverhead(i, main, expires));
            total += main + expires;
        }
        return new Overhead(used, Math.max(peak, used), STARTUP_BYTES, clientsBytes, total, keys, dbs);
    }

    // ---- what the JVM and the OS say -------------------------------------------------------------

    /**
     * The process's resident set size from /proc/self/statm (Redis's zmalloc_get_rss), or 0 where
     * that file cannot be read.
     */
    public static long rss() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(f[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Linux's page size on the platforms we run on (statm counts pages). */
    private static final long PAGE_SIZE = 4096;

    /** The machine's memory from /proc/meminfo (total_system_memory), or 0 where unknown. */
    public static long totalSystemMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String[] f = line.substring(9).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** JVM heap in use, live objects and garbage not yet collected (INFO allocator_allocated). */
    public static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** JVM heap committed (INFO allocator_active and allocator_resident). */
    public static long heapCommitted() {
        return Runtime.getRuntime().totalMemory();
    }
}
