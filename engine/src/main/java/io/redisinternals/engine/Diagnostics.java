package io.redisinternals.engine;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.config.LatencyPercentiles;
import io.redisinternals.resp.Argv;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What the call path records about how long commands take, Redis's slow log, latency monitor and
 * per-command latency tracking, fed from {@link Call} as Redis's {@code call()} and
 * {@code updateStatsOnUnblock} feed them:
 * <ul>
 * <li>every call: the event "fast-command" (a FAST command) or "command" when it took at least
 *     {@code latency-monitor-threshold} ms (0: off);</li>
 * <li>every call that did not block: its duration in the command's histogram
 *     ({@code latency-tracking}) and, unless the command is SKIP_SLOWLOG (EXEC, whose commands are
 *     logged one by one), the slow log;</li>
 * <li>a blocked command once served: histogram and slow log with the time of the call that
 *     blocked plus the time of the call that served it, and the event "command-unblocking" for
 *     the latter; a timed-out or unblocked wait records nothing, as in Redis.</li>
 * </ul>
 * The engine adds "expire-cycle" for the active expiry. Settings are read once and followed through
 * config listeners, so a call pays a few field reads.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class Diagnostics {

    private final CommandTable table;
    private final SlowLog slowLog;
    private final LatencyMonitor monitor = new LatencyMonitor(() -> System.currentTimeMillis() / 1000);
    private long thresholdMillis;
    private boolean tracking;
    private double[] percentiles;
    private String[] percentileLabels;

    Diagnostics(Config config, CommandTable table) {
        this.table = table;
        this.slowLog = new SlowLog(config.longValue("slowlog-log-slower-than"), config.longValue("slowlog-max-len"));
        config.onChange("slowlog-log-slower-than", v -> slowLog.slowerThan(Long.parseLong(v)));
        config.onChange("slowlog-max-len", v -> slowLog.maxLen(Long.parseLong(v)));
        thresholdMillis = config.longValue("latency-monitor-threshold");
        config.onChange("latency-monitor-threshold", v -> thresholdMillis = Long.parseLong(v));
        tracking = "yes".equals(config.get("latency-tracking"));
        config.onChange("latency-tracking", v -> tracking = "yes".equals(v));
        percentiles(config.get("latency-tracking-info-percentiles"));
        config.onChange("latency-tracking-info-percentiles", this::percentiles);
    }

    private void percentiles(String printed) {
        double[] p = LatencyPercentiles.values(printed);
        String[] labels = new String[p.length];
        for (int i = 0; i < p.length; i++) {
            labels[i] = "p" + LatencyPercentiles.format(p[i]) + "=";
        }
        percentiles = p;
        percentileLabels = labels;
    }

    public SlowLog slowLog() {
        return slowLog;
    }

    public LatencyMonitor latencyMonitor() {
        return monitor;
    }

    // ---- fed by the call path --------------------------------------------------------------

    /**
     * A command ran ({@link Call#FULL}): {@code blocked} when it is now waiting for a key, whose
     * histogram and slow log entry then wait until it is served.
     */
    void called(Session session, CommandTable.Entry entry, Argv argv, BitSet redacted, long micros, boolean blocked) {
        if (thresholdMillis > 0) {
            latencyEvent(entry.spec.has(CommandFlag.FAST) ? "fast-command" : "command", micros / 1000);
        }
        if (!blocked) {
            completed(session, entry, argv, redacted, micros);
        }
    }

    /**
     * A blocked command was served: {@code callMicros} is the call that blocked, {@code serveMicros}
     * the re-run that replied (Redis's reply time).
     */
    void unblocked(Session session, CommandTable.Entry entry, Argv argv, long callMicros, long serveMicros) {
        completed(session, entry, argv, null, callMicros + serveMicros);
        latencyEvent("command-unblocking", serveMicros / 1000);
    }

    private void completed(Session session, CommandTable.Entry entry, Argv argv, BitSet redacted, long micros) {
        if (tracking) {
            LatencyHistogram h = entry.latency;
            if (h == null) {
                h = entry.latency = new LatencyHistogram();
            }
            h.record(micros * 1000); // Redis records microseconds, in nanoseconds
        }
        if (slowLog.enabled() && !entry.spec.has(CommandFlag.SKIP_SLOWLOG)) {
            slowLog.offer(session, argv, redacted, micros, System.currentTimeMillis());
        }
    }

    /** Redis's latencyAddSampleIfNeeded: a sample when monitoring is on and {@code millis} reaches the threshold. */
    void latencyEvent(String event, long millis) {
        if (thresholdMillis > 0 && millis >= thresholdMillis) {
            monitor.add(event, millis);
        }
    }

    // ---- reports -----------------------------------------------------------------------------

    /** LATENCY DOCTOR's text. */
    public String doctor() {
        return monitor.doctor(new LatencyMonitor.DoctorContext(thresholdMillis, slowLog.slowerThan(),
                LatencyMonitor.usesTransparentHugePages()));
    }

    /**
     * Every command and subcommand with a histogram, in command-table order (a container's
     * subcommands after it), by full name: LATENCY HISTOGRAM without arguments and INFO
     * latencystats. (Redis lists them in its command dictionary's order, which varies from one
     * process to the next.)
     */
    public List<Map.Entry<String, LatencyHistogram>> histograms() {
        List<Map.Entry<String, LatencyHistogram>> out = new ArrayList<>();
        collect(table, out);
        return out;
    }

    private static void collect(CommandTable t, List<Map.Entry<String, LatencyHistogram>> out) {
        for (CommandTable.Entry e : t.entries()) {
            if (e.latency != null) {
                out.add(Map.entry(e.fullName, e.latency));
            }
            if (e.subcommands != null) {
                collect(e.subcommands, out);
            }
        }
    }

    /**
     * LATENCY HISTOGRAM name: the histograms of the command {@code name} ("get", "config|get", any
     * case; unknown names have none) and, for a container, of its subcommands, as Redis's
     * latencySpecificCommandsFillCDF.
     */
    public List<Map.Entry<String, LatencyHistogram>> histogramsOf(String name) {
        List<Map.Entry<String, LatencyHistogram>> out = new ArrayList<>();
        CommandTable.Entry e = lookup(name);
        if (e != null) {
            if (e.latency != null) {
                out.add(Map.entry(e.fullName, e.latency));
            }
            if (e.subcommands != null) {
                for (CommandTable.Entry sub : e.subcommands.entries()) {
                    if (sub.latency != null) {
                        out.add(Map.entry(sub.fullName, sub.latency));
                    }
                }
            }
        }
        return out;
    }

    /** Redis's lookupCommandBySds: "name" or "container|sub", no deeper. */
    private CommandTable.Entry lookup(String name) {
        String[] parts = name.split("\\|", -1);
        if (parts.length > 2) {
            return null;
        }
        CommandTable.Entry e = table.lookup(parts[0]);
        if (parts.length == 1 || e == null) {
            return e;
        }
        return e.subcommands == null ? null : e.subcommands.lookup(parts[1]);
    }

    /**
     * INFO latencystats: {@code latency_percentiles_usec_<command>:p50=1.003,p99=...} for each
     * histogram in command-table order, values in microseconds with three decimals; nothing while
     * latency-tracking is off.
     */
    public void appendInfo(StringBuilder sb) {
        sb.append("# Latencystats\r\n");
        if (!tracking) {
            return;
        }
        for (Map.Entry<String, LatencyHistogram> e : histograms()) {
            sb.append("latency_percentiles_usec_").append(e.getKey()).append(':');
            for (int i = 0; i < percentiles.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(percentileLabels[i])
                        .append(BigDecimal.valueOf(e.getValue().valueAtPercentile(percentiles[i]), 3).toPlainString());
            }
            sb.append("\r\n");
        }
    }
}
