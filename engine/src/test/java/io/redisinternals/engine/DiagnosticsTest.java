package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call path's feed of the slow log, the latency monitor and the per-command histograms. */
class DiagnosticsTest {

    private static List<List<String>> loggedCommands(Engine engine) {
        return engine.diagnostics().slowLog().newest(Long.MAX_VALUE).stream().map(e -> {
            List<String> args = new java.util.ArrayList<>();
            for (byte[] a : e.args()) {
                args.add(new String(a, StandardCharsets.UTF_8));
            }
            return args;
        }).toList();
    }

    @Test
    void everyCallIsOfferedWithItsRequestAsSentNotItsPropagatedForm() {
        TestClient c = TestClient.fresh();
        c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        c.call("SLOWLOG", "RESET");
        c.call("CLIENT", "SETNAME", "me");
        c.call("MULTI");
        c.call("SET", "k", "v");
        c.call("EXPIRE", "k", "100");
        c.call("EXEC");
        c.call("GET"); // rejected by the dispatcher: not a call
        c.call("AUTH", "user", "password");
        c.call("HELLO", "3", "AUTH", "user", "password", "SETNAME", "x y");
        c.call("CONFIG", "SET", "requirepass", "secret", "timeout", "x");
        assertEquals(List.of(
                List.of("CONFIG", "SET", "requirepass", "(redacted)", "timeout", "x"),
                List.of("HELLO", "3", "AUTH", "(redacted)", "(redacted)", "SETNAME", "x y"),
                List.of("AUTH", "(redacted)", "(redacted)"),
                List.of("EXPIRE", "k", "100"),
                List.of("SET", "k", "v"),
                List.of("MULTI"),
                List.of("CLIENT", "SETNAME", "me"),
                List.of("SLOWLOG", "RESET")), loggedCommands(c.engine));
        SlowLog.Entry newest = c.engine.diagnostics().slowLog().newest(1).get(0);
        assertEquals("me", newest.name());
        assertEquals(c.channel.remoteAddress(), newest.client());
        java.net.InetSocketAddress peer = c.channel.remoteAddress();
        String addr = peer.getAddress().getHostAddress() + ":" + peer.getPort();
        assertTrue(c.call("SLOWLOG", "GET", "1").endsWith("$" + addr.length() + "\r\n" + addr + "\r\n$2\r\nme\r\n"));
    }

    @Test
    void settingsTakeEffectAtOnce() {
        TestClient c = TestClient.fresh();
        c.call("SLOWLOG", "RESET");
        c.call("GET", "a");
        assertEquals(":0\r\n", c.call("SLOWLOG", "LEN"), "10 ms by default");
        c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        assertEquals(":1\r\n", c.call("SLOWLOG", "LEN"), "the CONFIG SET itself");
        c.call("CONFIG", "SET", "slowlog-max-len", "2");
        for (int i = 0; i < 5; i++) {
            c.call("PING");
        }
        assertEquals(":2\r\n", c.call("SLOWLOG", "LEN"));
        assertTrue(c.call("SLOWLOG", "GET").startsWith("*2\r\n"));
    }

    @Test
    void histogramsPerCommandAndSubcommandDroppedByResetstat() {
        TestClient c = TestClient.fresh();
        c.call("CONFIG", "RESETSTAT");
        c.call("SET", "a", "1");
        c.call("GET", "a");
        c.call("GET", "a");
        c.call("CONFIG", "GET", "timeout");
        Diagnostics d = c.engine.diagnostics();
        assertEquals(2, only(d.histogramsOf("GET")).getValue().count());
        assertEquals("config|get", only(d.histogramsOf("config|GET")).getKey());
        assertEquals(List.of("config|get", "config|resetstat"),
                d.histogramsOf("config").stream().map(Map.Entry::getKey).sorted().toList());
        assertEquals(List.of(), d.histogramsOf("get|x"));
        assertEquals(List.of(), d.histogramsOf("config|get|x"));
        assertEquals(List.of(), d.histogramsOf(""));
        assertEquals(List.of(), d.histogramsOf("nosuch"));
        StringBuilder info = new StringBuilder();
        d.appendInfo(info);
        assertTrue(info.toString().matches("(?s)# Latencystats\r\n(latency_percentiles_usec_[a-z|]+:"
                + "p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}\r\n){4}"), info.toString());
        c.call("CONFIG", "SET", "latency-tracking", "no");
        c.call("GET", "a");
        assertEquals(2, only(d.histogramsOf("get")).getValue().count(), "not tracked now");
        info.setLength(0);
        d.appendInfo(info);
        assertEquals("# Latencystats\r\n", info.toString());
        c.call("CONFIG", "SET", "latency-tracking", "yes");
        c.call("CONFIG", "SET", "latency-tracking-info-percentiles", "0 -0 100");
        info.setLength(0);
        d.appendInfo(info);
        assertTrue(info.toString().matches("(?s).*\r\nlatency_percentiles_usec_get:p0=[0-9.]+,p-0=[0-9.]+,p100=[0-9.]+\r\n.*"),
                info.toString());
        c.call("CONFIG", "RESETSTAT");
        assertEquals(List.of("config|resetstat"), d.histograms().stream().map(Map.Entry::getKey).toList());
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    @Test
    void latencyEventsWhenACallReachesTheThreshold() {
        TestClient c = TestClient.fresh();
        Diagnostics d = c.engine.diagnostics();
        CommandTable table = new CommandTable(c.engine.commands(), null);
        CommandTable.Entry get = table.lookup("get"); // a FAST command
        CommandTable.Entry keys = table.lookup("keys");
        d.called(c.session, keys, Argv.of("KEYS", "*"), null, 50_000, false);
        assertTrue(d.latencyMonitor().isEmpty(), "monitoring is off with a threshold of 0");
        c.call("CONFIG", "SET", "latency-monitor-threshold", "5");
        d.called(c.session, keys, Argv.of("KEYS", "*"), null, 4_999, false);
        assertTrue(d.latencyMonitor().isEmpty(), "4.999 ms is 4 ms");
        d.called(c.session, keys, Argv.of("KEYS", "*"), null, 7_000, true);
        d.called(c.session, get, Argv.of("GET", "k"), null, 5_000, false);
        d.unblocked(c.session, keys, Argv.of("KEYS", "*"), 1_000, 6_000);
        d.latencyEvent("expire-cycle", 5);
        assertEquals(List.of("command:7", "fast-command:5", "command-unblocking:6", "expire-cycle:5"),
                d.latencyMonitor().latest().stream().map(l -> l.event() + ":" + l.millis()).toList());
        assertTrue(c.call("LATENCY", "DOCTOR").contains("1. command: 1 latency spikes (average 7ms"));
        assertNotNull(d.latencyMonitor().graph("fast-command"));
        assertEquals(":4\r\n", c.call("LATENCY", "RESET"));
        assertNull(d.latencyMonitor().graph("fast-command"));
    }

    @Test
    void aBlockedCommandIsRecordedOnceServedWithBothCallsTime() {
        TestClient c = TestClient.fresh();
        TestClient writer = new TestClient(c.engine);
        c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
        c.call("CONFIG", "RESETSTAT");
        c.call("SLOWLOG", "RESET");
        c.call("BLPOP", "q", "0");
        assertTrue(c.session.isBlocked());
        assertEquals(List.of(List.of("SLOWLOG", "RESET")), loggedCommands(c.engine), "not yet");
        assertEquals(List.of(), c.engine.diagnostics().histogramsOf("blpop"));
        writer.call("LPUSH", "q", "x");
        assertEquals(List.of(List.of("BLPOP", "q", "0"), List.of("LPUSH", "q", "x"), List.of("SLOWLOG", "RESET")),
                loggedCommands(c.engine));
        assertEquals(1, only(c.engine.diagnostics().histogramsOf("blpop")).getValue().count());
    }
}
