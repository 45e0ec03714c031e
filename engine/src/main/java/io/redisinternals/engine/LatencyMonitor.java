package io.redisinternals.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The latency monitor (LATENCY LATEST/HISTORY/RESET/DOCTOR/GRAPH), Redis's {@code latency.c}: per
 * event name ("command", "fast-command", "command-unblocking", "expire-cycle"), the latest 160
 * samples at one per second (a second's worst), and the worst ever seen. Series are created on
 * their first sample; RESET deletes them. Events come in the order they first occurred (Redis
 * lists them in its hash table's order, which changes from process to process).
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class LatencyMonitor {

    /** Redis's LATENCY_TS_LEN. */
    static final int HISTORY = 160;
    private static final int GRAPH_COLUMNS = 80;
    private static final int GRAPH_ROWS = 4;

    /** One event's ring of samples; {@code time == 0} marks an empty slot, as in Redis. */
    static final class Series {
        final int[] time = new int[HISTORY];
        final long[] latency = new long[HISTORY];
        /** The slot the next second's sample goes to. */
        int next;
        long max;

        int last() {
            return (next + HISTORY - 1) % HISTORY;
        }
    }

    private final Map<String, Series> events = new LinkedHashMap<>();
    private final LongSupplier clockSeconds;

    LatencyMonitor(LongSupplier clockSeconds) {
        this.clockSeconds = clockSeconds;
    }

    /** Whether no event has a series (DOCTOR's "monitoring disabled" reply needs none and a zero threshold). */
    boolean isEmpty() {
        return events.isEmpty();
    }

    /**
     * Redis's latencyAddSample: the event's sample for the current second, or a raise of it if
     * this second has one already; also the all-time maximum.
     */
    void add(String event, long millis) {
        Series ts = events.computeIfAbsent(event, e -> new Series());
        int now = (int) clockSeconds.getAsLong();
        ts.max = Math.max(ts.max, millis);
        int prev = ts.last();
        if (ts.time[prev] == now) {
            ts.latency[prev] = Math.max(ts.latency[prev], millis);
            return;
        }
        ts.time[ts.next] = now;
        ts.latency[ts.next] = millis;
        ts.next = (ts.next + 1) % HISTORY;
    }

    /** LATENCY RESET: deletes the series whose name equals {@code event} ignoring case (all for null); how many went. */
    public int reset(String event) {
        int n = 0;
        for (Iterator<String> it = events.keySet().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (event == null || name.equalsIgnoreCase(event)) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** One sample: unix seconds and milliseconds. */
    public record Sample(long time, long millis) {
    }

    /** LATENCY LATEST's rows: event, time and latency of its latest sample, all-time maximum. */
    public record Latest(String event, long time, long millis, long max) {
    }

    public List<Latest> latest() {
        List<Latest> out = new ArrayList<>(events.size());
        events.forEach((name, ts) -> out.add(new Latest(name, ts.time[ts.last()], ts.latency[ts.last()], ts.max)));
        return out;
    }

    /** LATENCY HISTORY: the samples of {@code event} (exact name), oldest first; empty if none. */
    public List<Sample> history(String event) {
        Series ts = events.get(event);
        List<Sample> out = new ArrayList<>();
        if (ts != null) {
            for (int j = 0; j < HISTORY; j++) {
                int i = (ts.next + j) % HISTORY;
                if (ts.time[i] != 0) {
                    out.add(new Sample(ts.time[i], ts.latency[i]));
                }
            }
        }
        return out;
    }

    // ---- LATENCY GRAPH -------------------------------------------------------------------------

    /**
     * LATENCY GRAPH: the event's samples as Redis's latencyCommandGenSparkeline draws them, or null
     * if the event (exact name) has no series. A header with the high, low and all-time high, a
     * line of 80 dashes, then the sparkline: 4 rows filled with {@code _ o # |}, a blank row, and
     * under each column its age ("12s", "3m", "2h", "1d") written downwards; 80 columns per block.
     */
    public String graph(String event) {
        Series ts = events.get(event);
        if (ts == null) {
            return null;
        }
        List<Sample> samples = history(event);
        long now = clockSeconds.getAsLong();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        String[] labels = new String[samples.size()];
        for (int k = 0; k < samples.size(); k++) {
            Sample s = samples.get(k);
            min = Math.min(min, s.millis());
            max = Math.max(max, s.millis());
            labels[k] = age(now - s.time());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(event).append(" - high ").append(max).append(" ms, low ").append(min)
                .append(" ms (all time high ").append(ts.max).append(" ms)\n");
        sb.append("-".repeat(GRAPH_COLUMNS)).append('\n');
        for (int from = 0; from < samples.size(); from += GRAPH_COLUMNS) {
            if (from != 0) {
                sb.append('\n');
            }
            sparkline(sb, samples, labels, min, max, from, Math.min(GRAPH_COLUMNS, samples.size() - from));
        }
        return sb.toString();
    }

    /** The label of a sample {@code elapsed} seconds old: seconds, minutes, hours or days, truncated. */
    static String age(long elapsed) {
        int e = (int) elapsed; // Redis keeps it in an int
        if (e < 60) {
            return e + "s";
        } else if (e < 3600) {
            return e / 60 + "m";
        } else if (e < 3600 * 24) {
            return e / 3600 + "h";
        }
        return e / (3600 * 24) + "d";
    }

    /**
     * One block of Redis's sparklineRenderRange with SPARKLINE_FILL over {@code len} samples from
     * {@code from}: each value takes one of 12 levels ({@code (int) ((v - min) * 12) / (max - min)},
     * the spread taken as 1 when all are equal); row r (0 at the top) shows the level's character
     * where the level is in the row's band of three, '|' below it. Then one blank row and the labels.
     */
    private static void sparkline(StringBuilder sb, List<Sample> samples, String[] labels, long min, long max,
                                  int from, int len) {
        int steps = 3 * GRAPH_ROWS;
        double spread = max - min == 0 ? 1 : max - min;
        char[] fill = {'_', 'o', '#'};
        char[] row = new char[len];
        for (int r = 0; r < GRAPH_ROWS; r++) {
            for (int j = 0; j < len; j++) {
                double rel = samples.get(from + j).millis() - min;
                int step = (int) ((int) (rel * steps) / spread);
                step = Math.max(0, Math.min(steps - 1, step));
                int c = step - (GRAPH_ROWS - r - 1) * 3;
                row[j] = c < 0 ? ' ' : c < 3 ? fill[c] : '|';
            }
            sb.append(row).append('\n');
        }
        sb.append(" ".repeat(len)).append('\n');
        for (int k = 0; ; k++) {
            boolean any = false;
            for (int j = 0; j < len; j++) {
                String label = labels[from + j];
                row[j] = k < label.length() ? label.charAt(k) : ' ';
                any |= k < label.length();
            }
            if (!any) {
                break;
            }
            sb.append(row).append('\n');
        }
    }

    // ---- LATENCY DOCTOR ------------------------------------------------------------------------

    /** What DOCTOR needs to know of the rest of the server. */
    record DoctorContext(long thresholdMillis, long slowlogSlowerThan, boolean transparentHugePages) {
    }

    /**
     * LATENCY DOCTOR's report, Redis's createLatencyReport: the "disabled" text when nothing was
     * ever recorded and the threshold is 0; otherwise one line of statistics per event (samples,
     * average, mean deviation, period between samples, worst ever), then the advice that the
     * events call for, or the "no spike" / "no easy fix" texts. Advice about machinery this server
     * does not have (fork, AOF, eviction) cannot come up: no such events are recorded.
     */
    String doctor(DoctorContext ctx) {
        if (events.isEmpty() && ctx.thresholdMillis() == 0) {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
                    + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we "
                    + "weren't in a deep space mission I'd suggest to take a look at "
                    + "https://redis.io/topics/latency-monitor.\n";
        }
        StringBuilder sb = new StringBuilder();
        boolean slowlogEnable = false;
        boolean slowlogTuning = false;
        boolean slowlogInspect = false;
        boolean scheduler = false;
        boolean hz = false;
        boolean largeObjects = false;
        int advices = 0;
        int eventnum = 0;
        long now = clockSeconds.getAsLong();
        for (Map.Entry<String, Series> e : events.entrySet()) {
            String event = e.getKey();
            Series ts = e.getValue();
            eventnum++;
            if (eventnum == 1) {
                sb.append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking "
                        + "about it, do you Dave?\n\n");
            }
            // Redis's analyzeLatencyForEvent: integer average and mean absolute deviation
            int samples = 0;
            long sum = 0;
            long oldest = 0;
            for (int j = 0; j < HISTORY; j++) {
                if (ts.time[j] != 0) {
                    samples++;
                    sum += ts.latency[j];
                    if (oldest == 0 || ts.time[j] < oldest) {
                        oldest = ts.time[j];
                    }
                }
            }
            long avg = samples == 0 ? 0 : sum / samples;
            long period = 0;
            long mad = 0;
            if (samples > 0) {
                period = now - oldest;
                if (period == 0) {
                    period = 1;
                }
                long deviation = 0;
                for (int j = 0; j < HISTORY; j++) {
                    if (ts.time[j] != 0) {
                        deviation += Math.abs(avg - ts.latency[j]);
                    }
                }
                mad = deviation / samples;
            }
            sb.append(eventnum).append(". ").append(event).append(": ").append(samples)
                    .append(" latency spikes (average ").append(avg).append("ms, mean deviation ").append(mad)
                    .append("ms, period ").append(String.format(Locale.ROOT, "%.2f", (double) period / samples))
                    .append(" sec). Worst all time event ").append(ts.max).append("ms.");
            if (event.equalsIgnoreCase("command")) {
                if (ctx.slowlogSlowerThan() < 0) {
                    slowlogEnable = true;
                    advices++;
                } else if (ctx.slowlogSlowerThan() / 1000 > ctx.thresholdMillis()) {
                    slowlogTuning = true;
                    advices++;
                }
                slowlogInspect = true;
                largeObjects = true;
                advices += 2;
            }
            if (event.equalsIgnoreCase("fast-command")) {
                scheduler = true;
                advices++;
            }
            if (event.equalsIgnoreCase("expire-cycle")) {
                hz = true;
                largeObjects = true;
                advices += 2;
            }
            sb.append('\n');
        }
        boolean thp = ctx.transparentHugePages();
        if (thp) {
            advices++;
        }
        if (eventnum == 0 && advices == 0) {
            sb.append("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think "
                    + "things over.\n");
            return sb.toString();
        }
        if (eventnum > 0 && advices == 0) {
            sb.append("\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use "
                    + "the Redis community to get some help, providing this report in your help request.\n");
            return sb.toString();
        }
        sb.append("\nI have a few advices for you:\n\n");
        long suggested = ctx.thresholdMillis() * 1000;
        if (slowlogEnable) {
            sb.append("- There are latency issues with potentially slow commands you are using. Try to enable the "
                    + "Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ")
                    .append(Long.toUnsignedString(suggested)).append("'. If the Slow log is disabled Redis is not "
                    + "able to log slow commands execution for you.\n");
        }
        if (slowlogTuning) {
            sb.append("- Your current Slow Log configuration only logs events that are slower than your configured "
                    + "latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ")
                    .append(Long.toUnsignedString(suggested)).append("'.\n");
        }
        if (slowlogInspect) {
            sb.append("- Check your Slow Log to understand what are the commands you are running which are too slow "
                    + "to execute. Please check https://redis.io/commands/slowlog for more information.\n");
        }
        if (scheduler) {
            sb.append("- The system is slow to execute Redis code paths not containing system calls. This usually "
                    + "means the system does not provide Redis CPU time to run for long periods. You should try to:\n"
                    + "  1) Lower the system load.\n"
                    + "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n"
                    + "  3) Check if you have a \"noisy neighbour\" problem.\n"
                    + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your "
                    + "system.\n"
                    + "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you "
                    + "are using Jemalloc. However this may create fragmentation problems.\n");
        }
        if (hz) {
            // Redis gives it only while hz < 100; this server's cron runs at Redis's default hz of 10.
            sb.append("- In order to make the Redis keys expiring process more incremental, try to set the 'hz' "
                    + "configuration parameter to 100 using 'CONFIG SET hz 100'.\n");
        }
        if (largeObjects) {
            sb.append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking "
                    + "operation. If you have very large objects that are often deleted, expired, or evicted, try to "
                    + "fragment those objects into multiple smaller objects.\n");
        }
        if (thp) {
            sb.append("- I detected a non zero amount of anonymous huge pages used by your process. This creates "
                    + "very serious latency events in different conditions, especially when Redis is persisting on "
                    + "disk. To disable THP support use the command 'echo never > "
                    + "/sys/kernel/mm/transparent_hugepage/enabled', make sure to also add it into /etc/rc.local so "
                    + "that the command will be executed again after a reboot. Note that even if you have already "
                    + "disabled THP, you still need to restart the Redis process to get rid of the huge pages "
                    + "already created.\n");
        }
        return sb.toString();
    }

    /**
     * Redis's THPGetAnonHugePagesSize() > 0: whether this process has anonymous transparent huge
     * pages (the sum of AnonHugePages in /proc/self/smaps_rollup); false where that cannot be read.
     */
    static boolean usesTransparentHugePages() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
                if (line.startsWith("AnonHugePages:")) {
                    String kb = line.substring("AnonHugePages:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) > 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or no procfs: Redis's zmalloc_get_smap_bytes_by_field gives 0 too
        }
        return false;
    }
}
