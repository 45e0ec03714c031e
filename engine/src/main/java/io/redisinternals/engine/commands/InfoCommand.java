package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;

import io.redisinternals.keyspace.Database;
import io.redisinternals.engine.Engine;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.engine.ServerHooks;
import io.redisinternals.keyspace.KeyspaceStats;
import io.redisinternals.engine.ServerStats;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO [section ...]: every section of redis-server 7.0.15 (server, clients, memory, persistence,
 * stats, replication, cpu, modules, commandstats, errorstats, latencystats, cluster, keyspace) with
 * its field names in Redis's order (genRedisInfoString). A field is filled with the real figure
 * where this server has one; a field for machinery that does not exist here (forks, RDB/AOF,
 * replication traffic, active defragmentation, I/O threads) carries the value Redis itself reports
 * when that machinery is idle or absent (0, -1, "ok"), never an invented number. Sections always
 * come in Redis's order whatever the order asked; unknown names add nothing; names are matched in
 * any case. This server's own two fields, {@code transport} and {@code transport_backend}, close
 * the server section.
 */
public final class InfoCommand {

    /** Redis's section order; "modules" stands for both of its names (modules, module_list). */
    private static final List<String> SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");
    /** Redis's default_sections of genInfoSectionDict: all but commandstats and latencystats. */
    private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "module_list", "errorstats", "cluster", "keyspace");

    /** Linux's USER_HZ: /proc/self/stat counts CPU time in these ticks (100 on every mainstream kernel). */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private InfoCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.bind("info", EngineContext.bind(InfoCommand::info));
    }

    static void info(EngineContext ctx, Argv argv) {
        CommandReplies.text(ctx.reply(), generate(ctx.engine(), argv, ctx.nowMillis()));
    }

    /** The INFO text for the arguments of {@code argv} (from index 1), as Redis's genInfoSectionDict + genRedisInfoString. */
    static String generate(Engine engine, Argv argv, long now) {
        Set<String> asked = new HashSet<>();
        boolean all = false;
        if (argv.count() == 1) {
            asked.addAll(DEFAULT);
        }
        for (int i = 1; i < argv.count(); i++) {
            String name = argv.string(i).toLowerCase(Locale.ROOT);
            switch (name) {
                case "default" -> asked.addAll(DEFAULT);
                case "all", "everything" -> all = true; // the same while no module adds sections
                default -> asked.add(name);
            }
        }
        StringBuilder sb = new StringBuilder(4096);
        for (String section : SECTIONS) {
            boolean wanted = all || asked.contains(section)
                    || ("modules".equals(section) && asked.contains("module_list"));
            if (wanted) {
                if (!sb.isEmpty()) {
                    sb.append("\r\n"); // a blank line between sections
                }
                appendSection(sb, section, engine, now);
            }
        }
        return sb.toString();
    }

    /** Appends "# Name" and the section's fields, each line ending in CRLF. */
    static void appendSection(StringBuilder sb, String section, Engine engine, long now) {
        switch (section) {
            case "server" -> server(sb, engine, now);
            case "clients" -> clients(sb, engine);
            case "memory" -> InfoMemorySection.append(sb, engine);
            case "persistence" -> persistence(sb, engine);
            case "stats" -> stats(sb, engine, engine.stats(), engine.keyspace().stats());
            case "replication" -> replication(sb, engine);
            case "cpu" -> cpu(sb);
            case "modules" -> sb.append("# Modules\r\n"); // no modules can be loaded
            case "commandstats" -> {
                sb.append("# Commandstats\r\n");
                engine.commandStats().forEach(line -> sb.append(line).append("\r\n"));
            }
            case "errorstats" -> {
                sb.append("# Errorstats\r\n");
                engine.errorStats().byCode().forEach((code, n) ->
                        sb.append("errorstat_").append(code).append(":count=").append(n).append("\r\n"));
            }
            case "latencystats" -> engine.diagnostics().appendInfo(sb);
            case "cluster" -> {
                sb.append("# Cluster\r\n");
                field(sb, "cluster_enabled", 0);
            }
            case "keyspace" -> keyspace(sb, engine.keyspace());
            default -> throw new IllegalArgumentException(section);
        }
    }

    private static void server(StringBuilder sb, Engine engine, long now) {
        ServerHooks hooks = engine.hooks();
        long uptime = (now - engine.startTimeMillis()) / 1000;
        sb.append("# Server\r\n");
        field(sb, "redis_version", Engine.REDIS_VERSION);
        field(sb, "redis_git_sha1", "00000000");
        field(sb, "redis_git_dirty", "0");
        field(sb, "redis_build_id", "0"); // no C build to fingerprint
        field(sb, "redis_mode", "standalone");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch());
        field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        // System.nanoTime is clock_gettime(CLOCK_MONOTONIC) on Linux, what Redis's POSIX clock is.
        field(sb, "monotonic_clock", isLinux() ? "POSIX clock_gettime" : "0");
        field(sb, "multiplexing_api", multiplexingApi(hooks.transportBackend()));
        field(sb, "atomicvar_api", "0"); // C's atomics; the JVM's have no such name
        field(sb, "gcc_version", "0.0.0"); // what Redis prints when not built by GCC
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "process_supervised", "no");
        field(sb, "run_id", engine.runId());
        field(sb, "tcp_port", hooks.tcpPort());
        field(sb, "server_time_usec", now * 1000);
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "hz", 10); // the server runs the cron 10 times a second, Redis's default hz
        field(sb, "configured_hz", 10);
        field(sb, "lru_clock", Keyspace.lruClock(now));
        field(sb, "executable", hooks.executable());
        field(sb, "config_file", hooks.configFile());
        field(sb, "io_threads_active", 0);
        field(sb, "transport", hooks.transportName());
        field(sb, "transport_backend", hooks.transportBackend());
    }

    /** The epoll transport is epoll; the others say how they wait (a thread per client, a selector). */
    private static String multiplexingApi(String backend) {
        return "jni-epoll".equals(backend) ? "epoll" : backend;
    }

    /**
     * client_recent_max_input/output_buffer: the largest client input (query buffer and arguments)
     * and output seen by the cron in the last 8 seconds, as Redis (see ClientEviction).
     * blocked_clients counts clients paused by CLIENT PAUSE too, as Redis's BLOCKED_POSTPONE.
     */
    private static void clients(StringBuilder sb, Engine engine) {
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", engine.clientCount());
        field(sb, "cluster_connections", 0);
        field(sb, "maxclients", engine.config().get("maxclients"));
        field(sb, "client_recent_max_input_buffer", engine.clientEviction().recentMaxInput());
        field(sb, "client_recent_max_output_buffer", engine.clientEviction().recentMaxOutput());
        field(sb, "blocked_clients", engine.blockedClients().count() + engine.clientPause().postponedCount());
        field(sb, "tracking_clients", engine.tracking().clientCount());
        field(sb, "clients_in_timeout_table", engine.blockedClients().countWithTimeout());
    }

    /**
     * The installed persistence reports its own fields; without one (an engine embedded alone),
     * the figures of a Redis that never saved and has AOF off.
     * rdb_changes_since_last_save is the dirty counter since start (nothing ever resets it);
     * rdb_last_save_time is the start time, as Redis sets it at boot.
     */
    private static void persistence(StringBuilder sb, Engine engine) {
        sb.append("# Persistence\r\n");
        if (engine.persistence().info((name, value) -> field(sb, name, value))) {
            return;
        }
        field(sb, "loading", 0);
        field(sb, "async_loading", 0);
        field(sb, "current_cow_peak", 0);
        field(sb, "current_cow_size", 0);
        field(sb, "current_cow_size_age", 0);
        field(sb, "current_fork_perc", "0.00");
        field(sb, "current_save_keys_processed", 0);
        field(sb, "current_save_keys_total", 0);
        field(sb, "rdb_changes_since_last_save", engine.effects().dirty());
        field(sb, "rdb_bgsave_in_progress", 0);
        field(sb, "rdb_last_save_time", engine.startTimeMillis() / 1000);
        field(sb, "rdb_last_bgsave_status", "ok");
        field(sb, "rdb_last_bgsave_time_sec", -1);
        field(sb, "rdb_current_bgsave_time_sec", -1);
        field(sb, "rdb_saves", 0);
        field(sb, "rdb_last_cow_size", 0);
        field(sb, "rdb_last_load_keys_expired", 0);
        field(sb, "rdb_last_load_keys_loaded", 0);
        field(sb, "aof_enabled", 0);
        field(sb, "aof_rewrite_in_progress", 0);
        field(sb, "aof_rewrite_scheduled", 0);
        field(sb, "aof_last_rewrite_time_sec", -1);
        field(sb, "aof_current_rewrite_time_sec", -1);
        field(sb, "aof_last_bgrewrite_status", "ok");
        field(sb, "aof_rewrites", 0);
        field(sb, "aof_rewrites_consecutive_failures", 0);
        field(sb, "aof_last_write_status", "ok");
        field(sb, "aof_last_cow_size", 0);
        field(sb, "module_fork_in_progress", 0);
        field(sb, "module_fork_last_cow_size", 0);
    }

    /**
     * Counters this server keeps are real; the instantaneous rates (Redis samples them in its cron)
     * and the counters of absent machinery (replication, forks, defragmentation, I/O threads,
     * reply-buffer resizing) are 0. evicted_keys/evicted_clients count the key and client evictions.
     */
    private static void stats(StringBuilder sb, Engine engine, ServerStats st, KeyspaceStats ks) {
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", st.connectionsReceived());
        field(sb, "total_commands_processed", st.commandsProcessed());
        field(sb, "instantaneous_ops_per_sec", 0);
        field(sb, "total_net_input_bytes", st.netInputBytes());
        field(sb, "total_net_output_bytes", st.netOutputBytes());
        field(sb, "total_net_repl_input_bytes", 0);
        field(sb, "total_net_repl_output_bytes", 0);
        field(sb, "instantaneous_input_kbps", "0.00");
        field(sb, "instantaneous_output_kbps", "0.00");
        field(sb, "instantaneous_input_repl_kbps", "0.00");
        field(sb, "instantaneous_output_repl_kbps", "0.00");
        field(sb, "rejected_connections", st.connectionsRejected());
        field(sb, "sync_full", 0);
        field(sb, "sync_partial_ok", 0);
        field(sb, "sync_partial_err", 0);
        field(sb, "expired_keys", ks.expiredKeys());
        field(sb, "expired_stale_perc", "0.00");
        field(sb, "expired_time_cap_reached_count", 0);
        field(sb, "expire_cycle_cpu_milliseconds", 0);
        field(sb, "evicted_keys", engine.eviction().evictedKeys());
        field(sb, "evicted_clients", engine.clientEviction().evictedClients());
        field(sb, "total_eviction_exceeded_time", 0);
        field(sb, "current_eviction_exceeded_time", 0);
        field(sb, "keyspace_hits", ks.hits());
        field(sb, "keyspace_misses", ks.misses());
        field(sb, "pubsub_channels", engine.pubSub().channelCount());
        field(sb, "pubsub_patterns", engine.pubSub().patternCount());
        field(sb, "pubsubshard_channels", engine.pubSub().shardChannelCount());
        field(sb, "latest_fork_usec", 0);
        field(sb, "total_forks", 0);
        field(sb, "migrate_cached_sockets", 0);
        field(sb, "slave_expires_tracked_keys", 0);
        field(sb, "active_defrag_hits", 0);
        field(sb, "active_defrag_misses", 0);
        field(sb, "active_defrag_key_hits", 0);
        field(sb, "active_defrag_key_misses", 0);
        field(sb, "total_active_defrag_time", 0);
        field(sb, "current_active_defrag_time", 0);
        field(sb, "tracking_total_keys", engine.tracking().totalKeys());
        field(sb, "tracking_total_items", engine.tracking().totalItems());
        field(sb, "tracking_total_prefixes", engine.tracking().totalPrefixes());
        field(sb, "unexpected_error_replies", 0);
        field(sb, "total_error_replies", engine.errorStats().total());
        field(sb, "dump_payload_sanitizations", 0);
        field(sb, "total_reads_processed", 0);
        field(sb, "total_writes_processed", 0);
        field(sb, "io_threaded_reads_processed", 0);
        field(sb, "io_threaded_writes_processed", 0);
        field(sb, "reply_buffer_shrinks", 0);
        field(sb, "reply_buffer_expands", 0);
    }

    /** A master with no replicas and no backlog: the truth until replication exists. Clients read role. */
    private static void replication(StringBuilder sb, Engine engine) {
        sb.append("# Replication\r\n");
        field(sb, "role", "master");
        field(sb, "connected_slaves", 0);
        field(sb, "master_failover_state", "no-failover");
        field(sb, "master_replid", engine.replicationId());
        field(sb, "master_replid2", "0000000000000000000000000000000000000000");
        field(sb, "master_repl_offset", 0);
        field(sb, "second_repl_offset", -1);
        field(sb, "repl_backlog_active", 0);
        field(sb, "repl_backlog_size", 1048576);
        field(sb, "repl_backlog_first_byte_offset", 0);
        field(sb, "repl_backlog_histlen", 0);
    }

    /**
     * Redis's getrusage figures: the process's system and user CPU time from /proc/self/stat (its
     * utime, stime, cutime, cstime), "seconds.microseconds". Redis's "main thread" is the one that
     * runs every command; here commands run on the thread of the connection that sent them, so the
     * main-thread figures are those of the (carrier) thread running this INFO, from
     * /proc/thread-self/stat. Where /proc cannot be read (not Linux) the figures are 0.
     */
    private static void cpu(StringBuilder sb) {
        long[] ticks = statTimes("/proc/self/stat");
        long[] thread = statTimes("/proc/thread-self/stat");
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", seconds(ticks[1] * (1_000_000_000L / CLOCK_TICKS_PER_SECOND)));
        field(sb, "used_cpu_user", seconds(ticks[0] * (1_000_000_000L / CLOCK_TICKS_PER_SECOND)));
        field(sb, "used_cpu_sys_children", seconds(ticks[3] * (1_000_000_000L / CLOCK_TICKS_PER_SECOND)));
        field(sb, "used_cpu_user_children", seconds(ticks[2] * (1_000_000_000L / CLOCK_TICKS_PER_SECOND)));
        field(sb, "used_cpu_sys_main_thread", seconds(thread[1] * (1_000_000_000L / CLOCK_TICKS_PER_SECOND)));
        field(sb, "used_cpu_user_main_thread", seconds(thread[0] * (1_000_000_000L / CLOCK_TICKS_PER_SECOND)));
    }

    /** utime, stime, cutime, cstime (clock ticks) of a /proc stat file; zeros where unreadable. */
    private static long[] statTimes(String file) {
        long[] t = new long[4];
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of(file));
            // The command name (field 2) is in parentheses and may hold spaces: split after it.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state): utime..cstime are fields 14..17
            for (int i = 0; i < 4; i++) {
                t[i] = Long.parseLong(f[11 + i]);
            }
        } catch (java.io.IOException | RuntimeException e) {
            java.util.Arrays.fill(t, 0);
        }
        return t;
    }

    /** Nanoseconds as Redis's "%ld.%06ld" of a timeval. */
    private static String seconds(long nanos) {
        long micros = nanos / 1000;
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static void keyspace(StringBuilder sb, Keyspace ks) {
        sb.append("# Keyspace\r\n");
        for (int i = 0; i < ks.databaseCount(); i++) {
            Database db = ks.db(i);
            long keys = db.size();
            if (keys > 0 || db.expiresCount() > 0) {
                sb.append("db").append(i).append(":keys=").append(keys)
                        .append(",expires=").append(db.expiresCount())
                        .append(",avg_ttl=").append(db.avgTtl()).append("\r\n");
            }
        }
    }

    static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    /** Java says amd64 where uname (and so Redis) says x86_64. */
    private static String arch() {
        String a = System.getProperty("os.arch");
        return "amd64".equals(a) ? "x86_64" : a;
    }

    /** Redis's bytesToHuman: "123B", then two decimals with K, M, G, T, P. */
    static String bytesToHuman(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }
}
