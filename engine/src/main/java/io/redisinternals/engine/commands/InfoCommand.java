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
 * INFO [section ...]: the sections server, clients, memory, stats and keyspace with Redis 7.0's
 * field names wherever this server has the real number; fields Redis reports for machinery that
 * does not exist here (allocator, replication backlog, ...) are left out rather than faked.
 * Sections always come in Redis's order whatever the order asked; unknown names add nothing.
 */
public final class InfoCommand {

    /** Redis's section order. */
    private static final List<String> SECTIONS = List.of("server", "clients", "memory", "stats", "replication",
            "commandstats", "errorstats", "latencystats", "keyspace");
    /** What "INFO" and "INFO default" show: all but commandstats and latencystats, as Redis's default sections. */
    private static final Set<String> DEFAULT = Set.of("server", "clients", "memory", "stats", "replication",
            "errorstats", "keyspace");

    private InfoCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.bind("info", EngineContext.bind(InfoCommand::info));
    }

    static void info(EngineContext ctx, Argv argv) {
        Set<String> asked = new HashSet<>();
        for (int i = 1; i < argv.count(); i++) {
            asked.add(argv.string(i).toLowerCase(Locale.ROOT));
        }
        boolean all = asked.contains("all") || asked.contains("everything");
        if (asked.isEmpty() || asked.contains("default")) {
            asked.addAll(DEFAULT);
        }
        StringBuilder sb = new StringBuilder(2048);
        for (String section : SECTIONS) {
            if (all || asked.contains(section)) {
                if (!sb.isEmpty()) {
                    sb.append("\r\n"); // a blank line between sections
                }
                appendSection(sb, section, ctx.engine(), ctx.nowMillis());
            }
        }
        CommandReplies.text(ctx.reply(), sb.toString());
    }

    /** Appends "# Name" and the section's fields, each line ending in CRLF. */
    static void appendSection(StringBuilder sb, String section, Engine engine, long now) {
        switch (section) {
            case "server" -> server(sb, engine, now);
            case "clients" -> clients(sb, engine);
            case "memory" -> InfoMemorySection.append(sb, engine);
            case "stats" -> stats(sb, engine, engine.stats(), engine.keyspace().stats());
            case "replication" -> replication(sb, engine);
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
        field(sb, "redis_mode", "standalone");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch());
        field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "process_supervised", "no");
        field(sb, "run_id", engine.runId());
        field(sb, "tcp_port", hooks.tcpPort());
        field(sb, "server_time_usec", now * 1000);
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "executable", hooks.executable());
        field(sb, "config_file", hooks.configFile());
        field(sb, "transport", hooks.transportName());
        field(sb, "transport_backend", hooks.transportBackend());
    }

    private static void clients(StringBuilder sb, Engine engine) {
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", engine.clientCount());
        field(sb, "maxclients", engine.config().get("maxclients"));
        field(sb, "blocked_clients", engine.blockedClients().count());
    }

    private static void stats(StringBuilder sb, Engine engine, ServerStats st, KeyspaceStats ks) {
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", st.connectionsReceived());
        field(sb, "total_commands_processed", st.commandsProcessed());
        field(sb, "total_net_input_bytes", st.netInputBytes());
        field(sb, "total_net_output_bytes", st.netOutputBytes());
        field(sb, "rejected_connections", st.connectionsRejected());
        field(sb, "expired_keys", ks.expiredKeys());
        field(sb, "evicted_keys", engine.eviction().evictedKeys());
        field(sb, "keyspace_hits", ks.hits());
        field(sb, "keyspace_misses", ks.misses());
        field(sb, "pubsub_channels", engine.pubSub().channelCount());
        field(sb, "pubsub_patterns", engine.pubSub().patternCount());
        field(sb, "pubsubshard_channels", engine.pubSub().shardChannelCount());
        field(sb, "tracking_total_keys", engine.tracking().totalKeys());
        field(sb, "tracking_total_items", engine.tracking().totalItems());
        field(sb, "tracking_total_prefixes", engine.tracking().totalPrefixes());
        field(sb, "total_error_replies", engine.errorStats().total());
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

    private static void keyspace(StringBuilder sb, Keyspace ks) {
        sb.append("# Keyspace\r\n");
        for (int i = 0; i < ks.databaseCount(); i++) {
            Database db = ks.db(i);
            long keys = db.size();
            if (keys > 0) {
                sb.append("db").append(i).append(":keys=").append(keys)
                        .append(",expires=").append(db.expiresCount())
                        .append(",avg_ttl=0\r\n");
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
