package io.redisinternals.engine;

import io.redisinternals.resp.Argv;

import io.redisinternals.engine.config.Config;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.command.CommandSpec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The command engine: command table, databases, clients, configuration and statistics.
 *
 * <p>Execution model: commands of all connections run serially, each atomic, on the thread that
 * read the request, while holding {@link #executionLock()} — never handed to another thread.
 */
public final class Engine {

    /**
     * The redis-server version whose behaviour we implement: what INFO and HELLO report, and (through
     * the server's {@code Version}) {@code --version}, the startup log and config errors. The one place
     * it is written.
     */
    public static final String REDIS_VERSION = "7.0.15";

    private final Config config;
    private final ServerHooks hooks;
    private final Keyspace keyspace;
    private final CommandTable table;
    private final Dispatcher dispatcher;
    private final ServerStats stats = new ServerStats();
    private final ReentrantLock executionLock = new ReentrantLock();
    private final BusyScript busyScript;
    private final long startMillis = System.currentTimeMillis();
    private final String runId;
    /** Replaced by DEBUG CHANGE-REPL-ID (Redis's changeReplicationId); read by INFO from any command. */
    private volatile String replicationId;
    /** Connected clients by id, in connection order (CLIENT LIST order). Guarded by the execution lock. */
    private final Map<Long, Session> clients = new LinkedHashMap<>();
    /** Read on every command, so cached from the config instead of looked up by name. */
    private volatile boolean passwordRequired;
    private long nextClientId = 1;
    private volatile int clientCount;

    private Engine(Config config, ServerHooks hooks, List<CommandSpec> specs) {
        this.config = config;
        this.hooks = hooks;
        SecureRandom random = new SecureRandom();
        // A per-process random seed so nobody can precompute colliding keys (hash flooding).
        this.keyspace = new Keyspace(config.intValue("databases"), random.nextLong());
        keyspace.expiryPausedWhile(clientPause::pausedAt); // CLIENT PAUSE keeps lazily expired keys
        byte[] id = new byte[20];
        random.nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        random.nextBytes(id);
        this.replicationId = HexFormat.of().formatHex(id);
        // Key signals: WATCH and blocked clients hear of key changes through one listener, attached
        // to a database only while one of its keys is watched or waited on.
        this.tracking = new Tracking(this);
        KeySignals signals = new KeySignals(this, keyspace, tracking);
        this.signals = signals;
        this.watchedKeys = signals.watched();
        this.blockedClients = signals.blocked();
        this.effects = signals.effects();
        this.call = new Call(this);
        this.keyspaceNotifications = new KeyspaceNotifications(effects, pubSub, config);
        this.keyspace.clock(System.currentTimeMillis());
        // The eviction settings decide what key stamps mean (LRU time or LFU counter) and whether small
        // integers count as shared (OBJECT REFCOUNT); Eviction enforces the limit itself.
        Runnable eviction = () -> keyspace.evictionSettings(Long.parseUnsignedLong(config.get("maxmemory")),
                config.get("maxmemory-policy"), config.intValue("lfu-log-factor"), config.intValue("lfu-decay-time"));
        eviction.run();
        for (String name : List.of("maxmemory", "maxmemory-policy", "lfu-log-factor", "lfu-decay-time")) {
            config.onChange(name, v -> eviction.run());
        }
        this.clientEviction = new ClientEviction(this, config);
        // Every value leaving a database is reported to lazy freeing (its counters, and whether an
        // expired or evicted key propagates as UNLINK).
        this.lazyFree = new LazyFree(config, keyspace, tracking);
        keyspace.reclaimer(lazyFree);
        this.memory = new Memory(this);
        this.eviction = new Eviction(this, memory, effects);
        this.table = new CommandTable(specs, null);
        this.dispatcher = new Dispatcher(this, table);
        this.diagnostics = new Diagnostics(config, table);
        this.busyScript = new BusyScript(executionLock, config);
        this.passwordRequired = !config.get("requirepass").isEmpty();
        config.onChange("requirepass", v -> passwordRequired = !v.isEmpty());
    }

    /** Boots with the command providers found by {@link java.util.ServiceLoader}. */
    public static Engine boot(Config config, ServerHooks hooks) {
        List<CommandProvider> providers = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (CommandProvider p : ServiceLoader.load(CommandProvider.class)) {
            // The same provider can be visible twice (module path and a services file); keep one.
            if (seen.add(p.getClass())) {
                providers.add(p);
            }
        }
        return boot(config, hooks, providers);
    }

    /**
     * Boots with exactly these providers.
     *
     * @throws IllegalStateException if two providers declare the same command; the message names
     *                               the command and both providers
     */
    public static Engine boot(Config config, ServerHooks hooks, List<CommandProvider> providers) {
        Map<String, String> owner = new LinkedHashMap<>();
        List<CommandSpec> specs = new ArrayList<>();
        for (CommandProvider provider : providers) {
            for (CommandSpec spec : provider.commands()) {
                String previous = owner.putIfAbsent(spec.name(), provider.name());
                if (previous != null) {
                    throw new IllegalStateException("command '" + spec.name() + "' is declared by both "
                            + previous + " and " + provider.name());
                }
                specs.add(spec);
            }
        }
        Engine engine = new Engine(config, hooks, specs);
        engine.providers = List.copyOf(providers);
        return engine;
    }

    /** The command sets booted with, for the INFO figures they report ({@link CommandProvider#info()}). */
    private List<CommandProvider> providers = List.of();

    /** The function libraries the command sets keep (scripting's), for persistence. */
    public List<io.redisinternals.command.spi.FunctionStore> functionStores() {
        List<io.redisinternals.command.spi.FunctionStore> stores = new ArrayList<>();
        for (CommandProvider p : providers) {
            io.redisinternals.command.spi.FunctionStore s = p.functionStore();
            if (s != null) {
                stores.add(s);
            }
        }
        return stores;
    }

    /** INFO field {@code name} as the command sets report it (summed); 0 when none does. */
    public long providedInfo(String name) {
        long sum = 0;
        for (CommandProvider p : providers) {
            Long v = p.info().get(name);
            sum += v == null ? 0 : v;
        }
        return sum;
    }

    public Config config() {
        return config;
    }

    /** Held by the reading thread around every batch of commands it executes. */
    public Lock executionLock() {
        return executionLock;
    }

    /**
     * Busy scripts: whether one is running past busy-reply-threshold, and how threads that want
     * the execution lock meanwhile get their requests run ({@link BusyScript#acquire}).
     */
    public BusyScript busyScript() {
        return busyScript;
    }

    /** Registers a new client. Caller holds the execution lock. */
    public Session openSession(ClientChannel channel) {
        Session s = new Session(this, channel, nextClientId++, System.currentTimeMillis());
        clients.put(s.id(), s);
        clientCount = clients.size();
        return s;
    }

    /**
     * Redis's AOF loading client: a session of no connection, not listed among the clients,
     * authenticated, whose replies nobody reads. Commands run through {@link #replay}. Caller
     * holds the execution lock.
     */
    public Session replayClient() {
        Session s = new Session(this, null, -1, System.currentTimeMillis());
        s.markAuthenticated();
        return s;
    }

    /**
     * Runs one command of the append-only file as {@code client} (from {@link #replayClient}):
     * the one call path without the request checks, MULTI queueing as Redis's loader does;
     * {@code out} receives the reply, which the caller discards. Returns false if the command is
     * unknown (the file cannot be loaded). Caller holds the execution lock.
     */
    public boolean replay(Session client, Argv argv, io.redisinternals.resp.ReplyWriter out) {
        Session outer = current();
        current(client);
        try {
            return dispatcher.replay(client, argv, out);
        } finally {
            current(outer);
        }
    }

    /** Connected clients (INFO connected_clients; the server compares it with maxclients). */
    public int clientCount() {
        return clientCount;
    }

    /** Counters the server feeds (network bytes, connections) and INFO stats reports. */
    public ServerStats stats() {
        return stats;
    }

    // ---- for commands -----------------------------------------------------------------------

    public ServerHooks hooks() {
        return hooks;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** Connected clients in connection order. Caller holds the execution lock. */
    public Collection<Session> clients() {
        return Collections.unmodifiableCollection(clients.values());
    }

    /** The client with this id, or null. Caller holds the execution lock. */
    public Session client(long id) {
        return clients.get(id);
    }

    /** Top-level commands in registration order (COMMAND, COMMAND COUNT). */
    public List<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>(table.size());
        for (CommandTable.Entry e : table.entries()) {
            out.add(e.spec);
        }
        return out;
    }

    /**
     * The command called {@code name} in any case, or a subcommand as {@code "container|sub"}
     * (COMMAND INFO/DOCS naming); null if none.
     */
    public CommandSpec command(String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            CommandTable.Entry e = table.lookup(name);
            return e == null ? null : e.spec;
        }
        CommandTable.Entry container = table.lookup(name.substring(0, bar));
        if (container == null || container.subcommands == null) {
            return null;
        }
        CommandTable.Entry sub = container.subcommands.lookup(name.substring(bar + 1));
        return sub == null ? null : sub.spec;
    }

    private final BlockedClients blockedClients;
    private final WatchedKeys watchedKeys;

    private final Memory memory;
    private final Eviction eviction;
    /** Set once after boot by the persistence module (RedisServer); NONE when embedded without it. */
    private volatile Persistence persistence = Persistence.NONE;
    private final ClientEviction clientEviction;
    private final LazyFree lazyFree;

    /** Lazy freeing: the lazyfree-lazy-* settings, FLUSHDB/FLUSHALL, INFO lazyfreed_objects. */
    public LazyFree lazyFree() {
        return lazyFree;
    }

    /** Memory accounting: used_memory and its parts (INFO memory, MEMORY, eviction). */
    public Memory memory() {
        return memory;
    }

    /** maxmemory enforcement (the dispatcher's OOM seam, INFO evicted_keys). */
    /** RDB and AOF, as installed after boot (see {@link Persistence}). */
    public Persistence persistence() {
        return persistence;
    }

    /** Installs persistence; called once, before clients connect. */
    public void persistence(Persistence persistence) {
        this.persistence = java.util.Objects.requireNonNull(persistence);
    }

    public Eviction eviction() {
        return eviction;
    }

    /** The clients' memory and maxmemory-clients (client eviction). */
    public ClientEviction clientEviction() {
        return clientEviction;
    }

    /** Who WATCHes which key. */
    WatchedKeys watchedKeys() {
        return watchedKeys;
    }

    private final ClientPause clientPause = new ClientPause(this);

    /**
     * CLIENT PAUSE state: {@code clientPause().datasetFrozen(now)} tells expiry and eviction to
     * leave the dataset as it is.
     */
    public ClientPause clientPause() {
        return clientPause;
    }

    /** Clients blocked on keys (BLPOP and friends). */
    public BlockedClients blockedClients() {
        return blockedClients;
    }

    private final Effects effects;
    private final Call call;
    private final PubSub pubSub = new PubSub();
    @SuppressWarnings("unused") // registers itself as an effects sink while notifications are on
    private final KeyspaceNotifications keyspaceNotifications;

    private final Tracking tracking;
    private final KeySignals signals;

    /** Client-side caching: who may cache which key, and the invalidation messages. */
    public Tracking tracking() {
        return tracking;
    }

    /**
     * Installs the running snapshot's hook (persistence), or removes it with null; at most one runs
     * at a time. Under the execution lock.
     *
     * @throws IllegalStateException if one is already installed
     */
    public void snapshotHook(SnapshotHook hook) {
        signals.snapshot(hook);
    }

    /** Someone started or stopped listening to key signals outside the signals' own bookkeeping. */
    void keySignalsChanged() {
        signals.refreshAll();
    }

    /** The client whose request is running now (Redis's server.current_client), or null. */
    private Session current;

    Session current() {
        return current;
    }

    /**
     * Redis's server.in_exec: the running request is a command of a transaction's EXEC, whose
     * effects propagate together after it (a snapshot started now would precede them).
     */
    public boolean inExec() {
        Session s = current;
        return s != null && s.transaction().executing();
    }

    void current(Session s) {
        current = s;
    }

    /**
     * After a connection ran a batch of requests, before it releases the execution lock (Redis's
     * beforeSleep): BCAST invalidations collected meanwhile go out, one message per prefix.
     */
    public void afterBatch() {
        tracking.broadcast();
        clientEviction.afterBatch();
    }

    /**
     * Connections that were pushed messages during the current batch and wait for one flush at
     * its end: as Redis's beforeSleep writes each client's buffer once per event-loop turn, a
     * subscriber receiving the messages of 16 pipelined PUBLISHes is woken and written to once,
     * not 16 times. Only while a batch is open ({@link #beginBatch}); otherwise a push flushes.
     */
    private final java.util.ArrayList<ClientChannel> deferredFlushes = new java.util.ArrayList<>();
    private boolean batchOpen;

    /** A connection takes the execution lock to run a batch of requests (under the lock). */
    public void beginBatch() {
        batchOpen = true;
        clock.beginBatch();
    }

    /**
     * Whether {@code channel}'s flush can wait for {@link #endBatch}; if so it is remembered
     * (the channel calls this once per batch, keeping its own flag).
     */
    public boolean deferFlush(ClientChannel channel) {
        if (!batchOpen) {
            return false;
        }
        deferredFlushes.add(channel);
        return true;
    }

    /** The batch is over, before the lock is released: every deferred flush happens now. */
    public void endBatch() {
        batchOpen = false;
        clock.endBatch();
        persistence.beforeReplies(); // the AOF reaches the disk before the replies leave
        if (deferredFlushes.isEmpty()) {
            return;
        }
        for (int i = 0; i < deferredFlushes.size(); i++) {
            deferredFlushes.get(i).flushPushes();
        }
        boolean big = deferredFlushes.size() > 64;
        deferredFlushes.clear();
        if (big) {
            deferredFlushes.trimToSize(); // a burst to many subscribers does not keep its array
        }
    }

    /** Clients in MONITOR mode, in the order they asked. */
    private final Set<Session> monitors = new LinkedHashSet<>();

    Set<Session> monitors() {
        return monitors;
    }

    /**
     * Redis's replicationFeedMonitors, called by {@link Call} after a command ran (so a SELECT
     * shows its new database): one {@code +<sec>.<usec> [<db> <ip:port>] "arg" ...} line per
     * monitor, arguments quoted as sdscatrepr, AUTH's and HELLO's credentials as "(redacted)".
     * Administrative commands and those flagged skip_monitor are not shown.
     */
    void feedMonitors(Session client, CommandTable.Entry entry, Argv argv, java.util.BitSet redacted) {
        if (monitors.isEmpty() || entry.spec.has(io.redisinternals.command.CommandFlag.ADMIN)
                || entry.spec.has(io.redisinternals.command.CommandFlag.SKIP_MONITOR)) {
            return;
        }
        java.time.Instant now = java.time.Instant.now();
        StringBuilder line = new StringBuilder(64).append('+').append(now.getEpochSecond()).append('.')
                .append(String.format(java.util.Locale.ROOT, "%06d", now.getNano() / 1000)).append(" [").append(client.dbIndex()).append(' ')
                .append(ClientAddress.of(client.channel(), true)).append("] ");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(line.length() + 16 * argv.count());
        b.writeBytes(line.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < argv.count(); i++) {
            if (i > 0) {
                b.write(' ');
            }
            if (redacted != null && redacted.get(i)) {
                b.writeBytes(REDACTED); // the arguments the command redacted (AUTH's, HELLO AUTH's)
            } else {
                quote(b, argv.bytes(i));
            }
        }
        b.write('\r');
        b.write('\n');
        byte[] frame = b.toByteArray();
        for (Session m : List.copyOf(monitors)) {
            m.push(frame);
        }
    }

    private static final byte[] REDACTED = "\"(redacted)\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Redis's sdscatrepr: quoted; \\ \" \n \r \t \a \b escaped; other non-printables as \xHH. */
    static void quote(java.io.ByteArrayOutputStream b, byte[] v) {
        b.write('"');
        for (byte x : v) {
            int c = x & 0xff;
            switch (c) {
                case '\\', '"' -> {
                    b.write('\\');
                    b.write(c);
                }
                case '\n' -> b.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> b.writeBytes(new byte[] {'\\', 'r'});
                case '\t' -> b.writeBytes(new byte[] {'\\', 't'});
                case 7 -> b.writeBytes(new byte[] {'\\', 'a'});
                case '\b' -> b.writeBytes(new byte[] {'\\', 'b'});
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        b.write(c);
                    } else {
                        b.writeBytes(String.format(java.util.Locale.ROOT, "\\x%02x", c).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                }
            }
        }
        b.write('"');
    }

    /** Publish/subscribe: subscriptions and delivery (PUBLISH, keyspace notifications). */
    public PubSub pubSub() {
        return pubSub;
    }
    private final ErrorStats errorStats = new ErrorStats();

    /**
     * Where keyspace events and propagated commands go: register sinks here (under the execution
     * lock) to receive them.
     */
    public Effects effects() {
        return effects;
    }

    /** Error replies by code (INFO errorstats). */
    public ErrorStats errorStats() {
        return errorStats;
    }

    Call call() {
        return call;
    }

    private final CommandClock clock = new CommandClock();

    CommandClock clock() {
        return clock;
    }

    private final Diagnostics diagnostics;

    /** SLOWLOG, LATENCY and the per-command latency histograms. */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * INFO commandstats lines, in command-table order: {@code cmdstat_<name>:calls=...} for every
     * command and subcommand that was called, rejected or failed. Caller holds the execution lock.
     */
    public List<String> commandStats() {
        List<String> lines = new ArrayList<>();
        commandStats(table, lines);
        return lines;
    }

    private static void commandStats(CommandTable t, List<String> lines) {
        for (CommandTable.Entry e : t.entries()) {
            if (e.calls != 0 || e.failedCalls != 0 || e.rejectedCalls != 0) {
                lines.add("cmdstat_" + e.fullName + ":calls=" + e.calls + ",usec=" + e.usec + ",usec_per_call="
                        + String.format(java.util.Locale.ROOT, "%.2f", e.calls == 0 ? 0f : (float) e.usec / e.calls)
                        + ",rejected_calls=" + e.rejectedCalls + ",failed_calls=" + e.failedCalls);
            }
            if (e.subcommands != null) {
                commandStats(e.subcommands, lines);
            }
        }
    }

    /** CONFIG RESETSTAT of the command and error statistics. */
    public void resetCommandStats() {
        errorStats.reset();
        eviction.resetStats();
        clientEviction.resetStats();
        resetCommandStats(table);
    }

    private static void resetCommandStats(CommandTable t) {
        for (CommandTable.Entry e : t.entries()) {
            e.calls = 0;
            e.usec = 0;
            e.rejectedCalls = 0;
            e.failedCalls = 0;
            e.latency = null; // as Redis's resetCommandTableStats, the histograms go too
            if (e.subcommands != null) {
                resetCommandStats(e.subcommands);
            }
        }
    }

    /** The database the next active expiry cycle starts with. Guarded by the execution lock. */
    private int nextExpireDb;

    /** Buckets each database may move per cron tick while its key table is being resized. */
    private static final int CRON_REHASH_STEPS = 100;

    /**
     * Periodic housekeeping, as Redis's {@code serverCron} (the server calls it 10 times a second,
     * Redis's default hz): closes, silently and at once, clients idle for more than {@code timeout}
     * seconds (except blocked ones, see {@link #exemptFromIdleTimeout}), and moves key tables that are being resized a few buckets on, so a resize finishes even
     * when no command touches that database. Caller holds the execution lock.
     */
    public void cron(long nowMillis) {
        clock.calibrate(); // even when paused: commands still need the time
        if (cronPaused) {
            return; // DEBUG PAUSE-CRON 1: as Redis's serverCron, the whole tick is skipped
        }
        long timeoutMillis = config.longValue("timeout") * 1000;
        if (timeoutMillis > 0) {
            List<Session> idle = new java.util.ArrayList<>();
            for (Session s : clients.values()) {
                if (nowMillis - s.lastInteractionMillis() > timeoutMillis && !exemptFromIdleTimeout(s)) {
                    idle.add(s);
                }
            }
            idle.forEach(Session::kill); // kill unregisters: not while iterating the registry
        }
        keyspace.clock(nowMillis);
        boolean frozen = clientPause.datasetFrozen(nowMillis); // also ends a pause whose time is over
        clientPause.runResumed();
        if (activeExpireEnabled && !frozen) {
            activeExpire(nowMillis);
        }
        if (tracking.active()) {
            tracking.limit(config.longValue("tracking-table-max-keys"));
        }
        tracking.broadcast();
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            keyspace.db(i).rehashSteps(CRON_REHASH_STEPS);
        }
        clientEviction.cron(nowMillis);
        memory.cron();
        eviction.cron();
        persistence.cron(nowMillis);
    }

    /**
     * Redis's clientsCronHandleTimeout spares clients that wait by design: a blocked client (BLPOP
     * 0 may wait for hours; its own deadline, if any, is kept by {@link BlockedClients}) and a
     * subscribed one (CLIENT_PUBSUB). (Replicas and the master, also exempt in Redis, do not
     * exist yet.)
     */
    private static boolean exemptFromIdleTimeout(Session s) {
        return s.isBlocked() || s.inPubSubMode();
    }

    /**
     * Redis's ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC: the active expiry of one cron tick may use 25% of
     * the tick (100 ms at hz 10), so an expiry storm delays clients by at most 25 ms per tick.
     */
    private static final long ACTIVE_EXPIRE_BUDGET_NANOS = 25_000_000L;

    /**
     * The active expiry cycle: every database with keys that have a TTL gets sampling rounds
     * (see {@link Database#activeExpireCycle}) until its share of the time budget is used or
     * few sampled keys are expired. Started from where the previous tick stopped, as Redis, so a
     * database late in the list is not starved.
     */
    private void activeExpire(long nowMillis) {
        int n = keyspace.databaseCount();
        long started = System.nanoTime();
        long deadline = started + ACTIVE_EXPIRE_BUDGET_NANOS;
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        for (int k = 0; k < n; k++) {
            Database db = keyspace.db(nextExpireDb);
            nextExpireDb = (nextExpireDb + 1) % n;
            if (db.expiresCount() > 0) {
                db.activeExpireCycle(nowMillis, deadline, rnd);
                // the deletions propagate as independent DELs, not as one transaction (Redis)
                effects.flush(true);
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        diagnostics.latencyEvent("expire-cycle", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * DEBUG SET-ACTIVE-EXPIRE (Redis's active_expire_enabled): with false, keys with a TTL are
     * removed only lazily, when a command touches them.
     */
    private volatile boolean activeExpireEnabled = true;
    /** DEBUG PAUSE-CRON (Redis's pause_cron): every cron tick is skipped while true. */
    private volatile boolean cronPaused;

    /** Turns the active expiry cycle of the cron on or off (DEBUG SET-ACTIVE-EXPIRE). */
    public void activeExpireEnabled(boolean on) {
        activeExpireEnabled = on;
    }

    /** Skips every cron tick (idle timeouts, clocks, expiry, rehashing) while true (DEBUG PAUSE-CRON). */
    public void cronPaused(boolean paused) {
        cronPaused = paused;
    }

    /** DEBUG CHANGE-REPL-ID: a new random replication id, as Redis's changeReplicationId. */
    public void changeReplicationId() {
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        replicationId = HexFormat.of().formatHex(id);
    }

    /** Milliseconds since the epoch when the engine booted (INFO uptime). */
    public long startTimeMillis() {
        return startMillis;
    }

    /** 40 random hex characters, fixed for the process (INFO run_id). */
    public String runId() {
        return runId;
    }

    /**
     * 40 random hex characters (INFO master_replid), distinct from the run id as in Redis; changed
     * only by DEBUG CHANGE-REPL-ID.
     */
    public String replicationId() {
        return replicationId;
    }

    /** Whether requirepass is set, i.e. new clients must AUTH. */
    public boolean passwordRequired() {
        return passwordRequired;
    }

    CommandTable commandTable() {
        return table;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    void unregister(Session s) {
        clients.remove(s.id());
        clientCount = clients.size();
    }
}
