package io.redisinternals.engine;

import io.redisinternals.engine.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients' memory and {@code maxmemory-clients}, as Redis 7.0's client eviction
 * (updateClientMemUsageAndBucket, evictClients, clientsCronTrackExpansiveClients).
 *
 * <p><b>Accounting.</b> Each client's {@link ClientMemory#owned} is counted once in {@link #total()}
 * (Redis's stat_clients_type_memory, INFO {@code mem_clients_normal}): refreshed for every client
 * by the cron ten times a second, and, while a limit is set, for the client that just read
 * ({@link #afterRead}) and the client about to run a command ({@link #beforeCommand}). Every
 * refresh is O(1) (one client), never a scan. The cron also keeps the largest input and output
 * seen in each of the last 8 seconds (INFO {@code client_recent_max_input_buffer} /
 * {@code _output_buffer}), as Redis.
 *
 * <p><b>Eviction.</b> With a limit ({@code maxmemory-clients} in bytes, or a percentage of
 * {@code maxmemory}, at least 128 KB, 0 = off), when the total reaches it the biggest clients are
 * closed first, each at once and alone (its connection's own close, {@link Session#kill}), until
 * the total is under the limit; clients with CLIENT NO-EVICT on are never chosen (their memory
 * still counts, as in Redis). Redis keeps clients in log2 memory buckets and takes a bucket's
 * clients in list order; here the candidates are ordered exactly by their memory, computed afresh
 * when eviction is needed (O(clients log clients), only when over the limit). Each eviction logs
 * Redis's line {@code Evicting client: <client info>} and counts in {@code evicted_clients}. When
 * it runs, as Redis: before a command (after the previous one grew its output; a client that
 * evicts itself runs nothing more), after a read (a big request arriving), after a CONFIG SET of
 * either setting (at the end of that batch, Redis's beforeSleep), and in the cron.
 *
 * <p>Threading: under the engine's execution lock, except {@link #enabled()} and
 * {@link #afterRead}, which takes the lock only while a limit is set.
 */
public final class ClientEviction {

    private static final System.Logger LOG = System.getLogger(ClientEviction.class.getName());
    private final ThrottledLog overLimitLog = new ThrottledLog(LOG, 1000);

    /** Redis's minimum: a smaller limit would leave no client able to talk to the server. */
    static final long MIN_LIMIT = 128 * 1024;

    /** Redis's CLIENTS_PEAK_MEM_USAGE_SLOTS: one slot per second. */
    private static final int PEAK_SLOTS = 8;

    private final Engine engine;
    private final Config config;
    /** The limit in bytes, 0 when off; recomputed when either setting changes. */
    private volatile long limit;
    /** Every connected client's last counted memory, summed. */
    private long total;
    /** Clients evicted since start or CONFIG RESETSTAT (INFO evicted_clients). */
    private long evicted;
    /** A setting changed: refresh every client and evict at the end of the batch. */
    private boolean recheck;
    private final long[] peakInput = new long[PEAK_SLOTS];
    private final long[] peakOutput = new long[PEAK_SLOTS];

    ClientEviction(Engine engine, Config config) {
        this.engine = engine;
        this.config = config;
        this.limit = limitOf(config);
        config.onChange("maxmemory-clients", v -> settingsChanged());
        config.onChange("maxmemory", v -> settingsChanged());
    }

    private void settingsChanged() {
        limit = limitOf(config);
        recheck = true;
    }

    /**
     * Redis's getClientEvictionLimit: the absolute setting, or its percentage of maxmemory (off
     * while maxmemory is 0), raised to {@link #MIN_LIMIT}; 0 when off.
     */
    static long limitOf(Config config) {
        String v = config.get("maxmemory-clients");
        long bytes;
        if (v.endsWith("%")) {
            long maxmemory = Long.parseUnsignedLong(config.get("maxmemory"));
            if (maxmemory == 0) {
                return 0;
            }
            double b = (double) maxmemory * Long.parseLong(v.substring(0, v.length() - 1)) / 100;
            bytes = b >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) b;
        } else {
            bytes = Long.parseLong(v);
        }
        return bytes == 0 ? 0 : Math.max(bytes, MIN_LIMIT);
    }

    /** Whether a limit is set (any thread). */
    public boolean enabled() {
        return limit != 0;
    }

    /** The limit in bytes, 0 when off. */
    public long limit() {
        return limit;
    }

    /** The connected clients' memory as last counted (mem_clients_normal). */
    public long total() {
        return total;
    }

    /** INFO evicted_clients. */
    public long evictedClients() {
        return evicted;
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        evicted = 0;
    }

    /** client_recent_max_input_buffer: the largest client input seen in the last 8 seconds. */
    public long recentMaxInput() {
        return max(peakInput);
    }

    /** client_recent_max_output_buffer: the largest client output seen in the last 8 seconds. */
    public long recentMaxOutput() {
        return max(peakOutput);
    }

    private static long max(long[] slots) {
        long m = 0;
        for (long v : slots) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Counts the client's memory now (O(1)); under the lock. */
    void update(Session s) {
        if (s.isClosed()) {
            return;
        }
        long now = ClientMemory.owned(s);
        total += now - s.trackedMemory;
        s.trackedMemory = now;
    }

    /** The client is gone: its memory leaves the total (under the lock, from {@link Session#closed}). */
    void forget(Session s) {
        total -= s.trackedMemory;
        s.trackedMemory = 0;
    }

    /**
     * Before a command runs (Redis's processCommand calls evictClients there): counts the client
     * again, with the output its previous commands left, and evicts if the total reached the
     * limit. Returns true if this client was evicted (its command must not run). Under the lock.
     */
    boolean beforeCommand(Session s) {
        if (limit == 0) {
            return false;
        }
        update(s);
        evictIfOver();
        return s.isClosed();
    }

    /**
     * After the connection read (and ran what it could), from its owner thread: counts the
     * client's new input and output, and evicts if the total reached the limit, the reading client
     * included (Redis's readQueryFromClient and beforeSleep). Takes the execution lock (reentrant),
     * and only while a limit is set: without one a read costs a volatile read here. Beside a busy
     * script nothing is evicted (as the dispatcher does then): the thread does not wait for the
     * script either (BusyScript).
     */
    public void afterRead(Session s) {
        if (limit == 0 || s.isClosed()) {
            return;
        }
        BusyScript busy = engine.busyScript();
        busy.runLocked(() -> {
            if (!busy.busy()) {
                update(s);
                evictIfOver();
            }
        });
    }

    /** At the end of a batch (Redis's beforeSleep): a changed setting is applied to every client. Under the lock. */
    void afterBatch() {
        if (recheck) {
            recheck = false;
            refreshAll();
            evictIfOver();
        }
    }

    /**
     * The cron (Redis's clientsCron): every client counted again, the recent peaks, then eviction.
     * Under the lock.
     */
    void cron(long nowMillis) {
        recheck = false;
        int slot = (int) (nowMillis / 1000 % PEAK_SLOTS);
        // The next slot starts empty, so a second only records what it saw (Redis's zeroidx).
        int next = (slot + 1) % PEAK_SLOTS;
        peakInput[next] = 0;
        peakOutput[next] = 0;
        long sum = 0;
        for (Session s : engine.clients()) {
            long out = ClientMemory.outputBytes(s);
            long mem = ClientMemory.owned(s, out);
            s.trackedMemory = mem;
            sum += mem;
            peakInput[slot] = Math.max(peakInput[slot], ClientMemory.inputBytes(s));
            peakOutput[slot] = Math.max(peakOutput[slot], out);
        }
        total = sum;
        evictIfOver();
    }

    /** Redis's CLIENT_MEM_USAGE_BUCKET_MIN_LOG and _MAX_LOG: buckets from "under 32 KB" to "4 GB and more". */
    private static final int BUCKET_MIN_LOG = 15;
    private static final int BUCKET_MAX_LOG = 33;

    /**
     * DEBUG CLIENT-EVICTION: the evictable clients grouped as Redis's memory-usage buckets (a
     * power of two each), with their memory as last counted; null while maxmemory-clients is 0
     * (Redis has no buckets then). We keep no buckets: they are computed here, for this report.
     */
    public String bucketReport() {
        if ("0".equals(config.get("maxmemory-clients"))) {
            return null;
        }
        int n = 1 + BUCKET_MAX_LOG - BUCKET_MIN_LOG;
        long[] sums = new long[n];
        long[] counts = new long[n];
        for (Session s : engine.clients()) {
            if (!s.noEvict()) {
                long mem = s.trackedMemory;
                int bits = mem > 0 ? 64 - Long.numberOfLeadingZeros(mem) : 0;
                int b = Math.min(Math.max(bits, BUCKET_MIN_LOG), BUCKET_MAX_LOG) - BUCKET_MIN_LOG;
                sums[b] += mem;
                counts[b]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < n; j++) {
            sb.append(j == 0 ? "bucket          0" : String.format(java.util.Locale.ROOT, "bucket %10d", 1L << (j - 1 + BUCKET_MIN_LOG)));
            sb.append(j == n - 1 ? "+            : " : String.format(java.util.Locale.ROOT, " - %10d: ", (1L << (j + BUCKET_MIN_LOG)) - 1));
            sb.append(String.format(java.util.Locale.ROOT, "tot-mem: %10d, clients: %d", sums[j], counts[j])).append('\n');
        }
        return sb.toString();
    }

    private void refreshAll() {
        long sum = 0;
        for (Session s : engine.clients()) {
            s.trackedMemory = ClientMemory.owned(s);
            sum += s.trackedMemory;
        }
        total = sum;
    }

    /**
     * Redis's evictClients: while the total reaches the limit, closes the biggest evictable client.
     * The figures are refreshed first, so the choice is made on what the clients hold now.
     */
    private void evictIfOver() {
        long max = limit;
        if (max == 0 || total < max) {
            return;
        }
        refreshAll();
        if (total < max) {
            return;
        }
        List<Session> candidates = new ArrayList<>();
        for (Session s : engine.clients()) {
            if (!s.noEvict()) {
                candidates.add(s);
            }
        }
        candidates.sort((a, b) -> Long.compare(b.trackedMemory, a.trackedMemory));
        long now = System.currentTimeMillis();
        for (Session s : candidates) {
            if (total < max) {
                return;
            }
            LOG.log(System.Logger.Level.INFO, "Evicting client: " + ClientInfo.of(s, now));
            evicted++;
            s.kill(); // its session forgets it (and its memory leaves the total); its connection closes at once
        }
        if (total >= max) {
            // Redis logs this on every check; once a second is enough to say it.
            overLimitLog.log(System.Logger.Level.WARNING, "Over client maxmemory after evicting all evictable clients", null);
        }
    }
}
