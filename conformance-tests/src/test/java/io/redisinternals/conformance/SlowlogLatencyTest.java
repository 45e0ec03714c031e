package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * SLOWLOG and LATENCY against the reference: help texts, argument errors, the five settings, the
 * slow log's entries (arguments, truncation, redaction, which calls are logged, client name; the
 * id, time, duration and client port vary by nature and are normalised), the latency monitor
 * without events, the per-command histograms (counts; bucket values are timings) and INFO
 * latencystats (field names). Every test leaves the settings at their defaults.
 */
class SlowlogLatencyTest extends ConformanceTestBase {

    private static final List<String> SETTINGS = List.of("slowlog-log-slower-than", "slowlog-max-len",
            "latency-monitor-threshold", "latency-tracking", "latency-tracking-info-percentiles");
    private static final String[] DEFAULTS = {"slowlog-log-slower-than", "10000", "slowlog-max-len", "128",
        "latency-monitor-threshold", "0", "latency-tracking", "yes", "latency-tracking-info-percentiles", "50 99 99.9"};

    /** Puts the settings back to their defaults and empties the log and the monitor on both servers. */
    private static void restoreDefaults(String config) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                for (int i = 0; i < DEFAULTS.length; i += 2) {
                    assertEquals("+OK\r\n", c.call("CONFIG", "SET", DEFAULTS[i], DEFAULTS[i + 1]).rawText(), DEFAULTS[i]);
                }
                c.call("SLOWLOG", "RESET");
                c.call("LATENCY", "RESET");
            }
        }
    }

    @AllConfigurationsBothProtocols
    void helpTextsErrorsAndAnEmptyMonitor(String config, int resp) {
        restoreDefaults(config);
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SLOWLOG", "HELP");
            d.same("LATENCY", "HELP");
            d.same("SLOWLOG");
            d.same("LATENCY");
            d.same("SLOWLOG", "FOO");
            d.same("LATENCY", "FOO");
            d.same("SLOWLOG", "GET", "1", "2");
            d.same("SLOWLOG", "get", "1", "2");
            d.same("SLOWLOG", "GET", "-2");
            d.same("SLOWLOG", "GET", "abc");
            d.same("SLOWLOG", "GET", "0");
            d.same("SLOWLOG", "LEN", "x");
            d.same("SLOWLOG", "RESET", "x");
            d.same("SLOWLOG", "HELP", "x");
            d.same("LATENCY", "HISTORY");
            d.same("LATENCY", "GRAPH");
            d.same("LATENCY", "LATEST", "x");
            d.same("LATENCY", "DOCTOR", "x");
            d.same("LATENCY", "HELP", "x");
            // no latency event has been recorded: the monitor is off (threshold 0) and empty
            d.same("LATENCY", "RESET");
            d.same("LATENCY", "RESET", "command", "fast-command");
            d.same("LATENCY", "LATEST");
            d.same("LATENCY", "HISTORY", "command");
            d.same("LATENCY", "GRAPH", "command");
            d.same("LATENCY", "GRAPH", "we\r\nird");
            d.same("LATENCY", "DOCTOR");
            d.same("LATENCY", "HISTOGRAM", "nosuchcommand", "get|x", "config|get|x", "config|nosuch");
            d.assertNoMismatches();
        } finally {
            restoreDefaults(config);
        }
    }

    @AllConfigurationsBothProtocols
    void settingsGetAndSet(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String name : SETTINGS) {
                d.same("CONFIG", "GET", name);
            }
            d.same(Normalize.unorderedMap(), "CONFIG", "GET", "slowlog*");
            d.same(Normalize.unorderedMap(), "CONFIG", "GET", "latency*");
            for (String[] set : new String[][] {
                {"slowlog-log-slower-than", "-2"}, {"slowlog-log-slower-than", "-1"}, {"slowlog-log-slower-than", "x"},
                {"slowlog-log-slower-than", "0"}, {"slowlog-log-slower-than", "9223372036854775807"},
                {"slowlog-max-len", "-1"}, {"slowlog-max-len", "9223372036854775808"}, {"slowlog-max-len", "1k"},
                {"slowlog-max-len", "0"}, {"slowlog-max-len", "1000"},
                {"latency-monitor-threshold", "-1"}, {"latency-monitor-threshold", "100"},
                {"latency-tracking", "maybe"}, {"latency-tracking", "NO"},
                {"latency-tracking-info-percentiles", "abc"}, {"latency-tracking-info-percentiles", "101"},
                {"latency-tracking-info-percentiles", "50  99"}, {"latency-tracking-info-percentiles", " 5"},
                {"latency-tracking-info-percentiles", "5 "}, {"latency-tracking-info-percentiles", "nan"},
                {"latency-tracking-info-percentiles", "inf"}, {"latency-tracking-info-percentiles", "1e400"},
                {"latency-tracking-info-percentiles", "1e-400"}, {"latency-tracking-info-percentiles", "1e"},
                {"latency-tracking-info-percentiles", "0x"}, {"latency-tracking-info-percentiles", "-0.5"},
                {"latency-tracking-info-percentiles", ""},
                {"latency-tracking-info-percentiles", "0 -0 99.99999999 1e1 0x10 +5 .5 0.0000015 0x1.8p1 1E2 5e-324"},
            }) {
                d.same("CONFIG", "SET", set[0], set[1]);
                d.same("CONFIG", "GET", set[0]);
            }
            // several at once: all or nothing
            d.same("CONFIG", "SET", "slowlog-max-len", "5", "latency-tracking-info-percentiles", "x");
            d.same(Normalize.unorderedMap(), "CONFIG", "GET", "slowlog-max-len", "latency-tracking-info-percentiles");
            d.assertNoMismatches();
        } finally {
            restoreDefaults(config);
        }
    }

    /**
     * The slow log with every call logged: what is logged (the request as sent, not its propagated
     * form; EXEC's commands one by one but not EXEC; rejected commands not at all), the 32-argument
     * and 128-byte bounds, passwords redacted, the client name at the time; then the length bound.
     */
    @AllConfigurationsBothProtocols
    void slowlogEntries(String config, int resp) {
        restoreDefaults(config);
        String[] rpush = new String[42];
        rpush[0] = "RPUSH";
        rpush[1] = "list";
        for (int i = 0; i < 40; i++) {
            rpush[i + 2] = "element-" + i;
        }
        String hello = String.valueOf(resp);
        try (Differential d = Differential.open(config, resp)) {
            d.same("CONFIG", "SET", "slowlog-log-slower-than", "0");
            d.same("SLOWLOG", "RESET");
            d.same("CLIENT", "SETNAME", "tester");
            d.same("SET", "big", "x".repeat(200));
            d.same("SET", "exact", "y".repeat(128));
            d.same(rpush);
            d.same("AUTH", "pw");
            d.same("AUTH", "user", "pw");
            d.same("AUTH", "a", "b", "c");
            d.same("HELLO", hello, "AUTH", "user", "secret");
            d.same("CONFIG", "SET", "requirepass", "", "maxclients", "abc");
            d.same("MULTI");
            d.same("SET", "a", "1");
            d.same("EXPIRE", "a", "100");
            d.same("EXEC");
            d.same("EXPIRE", "big", "100");
            d.same("GET");
            d.same("NOSUCHCOMMAND", "x");
            d.same("CLIENT", "SETNAME", "renamed");
            d.same("SLOWLOG", "LEN");
            d.same(SlowlogLatencyTest::slowlogEntries, "SLOWLOG", "GET", "-1");
            // the same command on both, read here to compare the clocks the entries were stamped with
            Reply ref = d.reference().call("SLOWLOG", "GET", "1");
            Reply ours = d.ours().call("SLOWLOG", "GET", "1");
            long refTime = Long.parseLong(ref.child(0).child(1).text());
            long ourTime = Long.parseLong(ours.child(0).child(1).text());
            assertTrue(Math.abs(refTime - ourTime) <= 2, "unix times agree: " + refTime + " vs " + ourTime);
            d.same(SlowlogLatencyTest::slowlogEntries, "SLOWLOG", "GET");
            d.same(SlowlogLatencyTest::slowlogEntries, "SLOWLOG", "GET", "2");
            // the length bound applies at the next call (CONFIG SET itself); not while the log is off
            d.same("CONFIG", "SET", "slowlog-max-len", "3");
            d.same("SLOWLOG", "LEN");
            d.same(SlowlogLatencyTest::slowlogEntries, "SLOWLOG", "GET", "-1");
            d.same("CONFIG", "SET", "slowlog-log-slower-than", "-1");
            d.same("CONFIG", "SET", "slowlog-max-len", "1");
            d.same("SLOWLOG", "LEN");
            d.same("CONFIG", "SET", "slowlog-log-slower-than", "100000000");
            d.same("SLOWLOG", "LEN");
            d.same("SLOWLOG", "RESET");
            d.same("SLOWLOG", "LEN");
            d.same("SLOWLOG", "GET");
        } finally {
            restoreDefaults(config);
        }
    }

    /**
     * A blocking command is logged (and counted in its histogram) once served, after the command
     * that served it, with the client's name; one that times out is not.
     */
    @AllConfigurations
    void blockedCommandsAreLoggedWhenServed(String config) {
        restoreDefaults(config);
        try (Differential waiter = Differential.open(config, 2); Differential d = Differential.open(config, 2)) {
            d.same("CONFIG", "RESETSTAT");
            d.same("CONFIG", "SET", "slowlog-log-slower-than", "0");
            d.same("SLOWLOG", "RESET");
            waiter.same("CLIENT", "SETNAME", "waiter");
            waiter.sendBlocking("BLPOP", "queue", "0");
            d.same("LPUSH", "queue", "a");
            waiter.sameNextReply("BLPOP served");
            waiter.same("BLPOP", "nothing", "0.05");
            d.same(SlowlogLatencyTest::slowlogEntries, "SLOWLOG", "GET", "-1");
            d.same(SlowlogLatencyTest::histogram, "LATENCY", "HISTOGRAM", "blpop", "lpush");
        } finally {
            restoreDefaults(config);
        }
    }

    /**
     * Per-command histograms: which commands have one and how many calls each counted (the bucket
     * values are timings), and INFO latencystats' lines (values masked) with the default, custom and
     * no percentiles, and with tracking off.
     */
    @AllConfigurationsBothProtocols
    void latencyHistogramsAndInfo(String config, int resp) {
        restoreDefaults(config);
        try (Differential d = Differential.open(config, resp)) {
            d.same("CONFIG", "RESETSTAT");
            d.same("SET", "a", "1");
            d.same("SET", "b", "2");
            d.same("GET", "a");
            d.same("GET", "a");
            d.same("GET", "nosuch");
            d.same("INCR", "a");
            d.same("CONFIG", "GET", "maxclients");
            d.same("GET"); // rejected: not a call
            d.same(SlowlogLatencyTest::histogram, "LATENCY", "HISTOGRAM", "set", "GET", "nosuch", "config", "incr",
                    "get", "config|get", "CONFIG|GET", "lpush");
            d.same(SlowlogLatencyTest::histogram, "LATENCY", "HISTOGRAM");
            d.same(SlowlogLatencyTest::latencyStats, "INFO", "latencystats");
            d.same("CONFIG", "SET", "latency-tracking-info-percentiles", "0 50 100 -0 99.99");
            d.same(SlowlogLatencyTest::latencyStats, "INFO", "latencystats");
            d.same("CONFIG", "SET", "latency-tracking-info-percentiles", "");
            d.same(SlowlogLatencyTest::latencyStats, "INFO", "latencystats");
            d.same("CONFIG", "SET", "latency-tracking", "no");
            d.same("GET", "a");
            d.same("INFO", "latencystats");
            d.same(SlowlogLatencyTest::histogram, "LATENCY", "HISTOGRAM", "get", "info");
            d.same("CONFIG", "SET", "latency-tracking", "yes");
            d.same("CONFIG", "RESETSTAT");
            d.same(SlowlogLatencyTest::histogram, "LATENCY", "HISTOGRAM");
        } finally {
            restoreDefaults(config);
        }
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                String all = c.call("INFO", "everything").text();
                assertTrue(all.contains("\r\n# Errorstats\r\n") && all.contains("\r\n# Latencystats\r\n"), ep + ": " + all);
                assertTrue(all.indexOf("# Errorstats") < all.indexOf("# Latencystats")
                        && all.indexOf("# Latencystats") < all.indexOf("# Keyspace"), ep + " section order");
                assertTrue(!c.call("INFO").text().contains("# Latencystats"), ep + ": not a default section");
            }
        }
    }

    // ---- normal forms ----------------------------------------------------------------------------

    /**
     * SLOWLOG GET: every entry's arguments and client name exactly; its id relative to the oldest
     * entry shown; time, duration and client port masked (each checked to be an integer / ip:port).
     */
    static String slowlogEntries(Reply r) {
        if (r.children() == null) {
            return r.rawText();
        }
        List<Reply> entries = r.children();
        long base = entries.isEmpty() ? 0 : Long.parseLong(entries.get(entries.size() - 1).child(0).text());
        StringBuilder sb = new StringBuilder().append(r.type()).append(entries.size()).append('[');
        for (Reply e : entries) {
            assertEquals(6, e.children().size(), () -> "entry " + e);
            assertTrue(e.child(1).type() == ':' && e.child(2).type() == ':', () -> "time and duration " + e);
            assertTrue(Long.parseLong(e.child(2).text()) >= 0, () -> "duration " + e);
            String addr = e.child(4).text();
            assertTrue(addr.matches("127\\.0\\.0\\.1:\\d+"), () -> "client address " + addr);
            sb.append("(id+").append(Long.parseLong(e.child(0).text()) - base).append(' ')
                    .append(e.child(3).rawText()).append(" addr=127.0.0.1:<port> name=")
                    .append(e.child(5).rawText()).append(')');
        }
        return sb.append(']').toString();
    }

    /**
     * LATENCY HISTOGRAM: per command (sorted by name: Redis lists a container's subcommands in
     * hash-table order) its name, the field names, the call count and, of the buckets, only the
     * last cumulative count, which must equal the calls.
     */
    static String histogram(Reply r) {
        if (r.children() == null || r.children().size() % 2 != 0) {
            return r.rawText();
        }
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < r.children().size(); i += 2) {
            Reply v = r.child(i + 1);
            Reply buckets = v.child(3);
            List<Reply> b = buckets.children();
            String last = b.isEmpty() ? "none" : b.get(b.size() - 1).text();
            commands.add(r.child(i).rawText() + v.type() + v.children().size() + v.child(0).rawText()
                    + v.child(1).rawText() + v.child(2).rawText() + buckets.type() + "(last cumulative " + last + ")");
            assertEquals(v.child(1).text(), last, () -> "the last bucket counts every call: " + v);
        }
        commands.sort(null);
        return r.type() + "" + r.children().size() + commands;
    }

    /** INFO latencystats: the header and each line's command and percentile names, values masked, sorted. */
    static String latencyStats(Reply r) {
        Function<String, String> mask = line -> line.replaceAll("=\\d+\\.\\d{3}", "=<usec>");
        String text = r.type() == '=' ? r.text().substring(4) : r.text();
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n")));
        assertTrue(!lines.isEmpty() && lines.get(0).equals("# Latencystats"), () -> "section header: " + text);
        lines.replaceAll(mask::apply);
        lines.sort(null);
        return r.type() + String.join("|", lines);
    }
}
