package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

/**
 * MONITOR against the reference: the line of every command run by any client after it ran (so
 * SELECT shows its new database), arguments quoted as Redis's sdscatrepr, credentials of AUTH and
 * HELLO redacted, administrative and rejected commands not shown, EXEC's commands before EXEC,
 * the monitor's own PING, its refusal of keyspace commands, RESET leaving monitor mode, and a
 * monitor that does not read closed at its output limit. The time stamp and the client's port
 * differ between servers and are masked.
 */
class MonitorTest extends ConformanceTestBase {

    /** "+<sec>.<usec> [<db> <ip:port>] ..." with the time and the address masked. */
    private static final Function<Reply, String> LINE = r -> r.rawText()
            .replaceFirst("^\\+\\d+\\.\\d{6} \\[(\\d+) [^\\]]+\\]", "+<time> [$1 <addr>]");

    @AllConfigurationsBothProtocols
    void linesOfEveryClientsCommands(String config, int resp) throws InterruptedException {
        try (Differential m = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            m.same("MONITOR");
            c.same("SET", "k", "v");
            m.sameNextReply(LINE, "set");
            c.same("SET", "k", "a\"b\\c\n\r\t\u0007\b\u0001\u00ff end");
            m.sameNextReply(LINE, "escaped argument");
            c.same("SELECT", "5");
            m.sameNextReply(LINE, "select shows the new db");
            c.same("GET", "nokey");
            m.sameNextReply(LINE, "get in db 5");
            c.same("AUTH", "nopass");
            m.sameNextReply(LINE, "auth redacted");
            c.same("AUTH", "user", "pass");
            m.sameNextReply(LINE, "auth with a user redacted");
            c.same(Normalize.mapMasking("id"), "HELLO", String.valueOf(resp), "SETNAME", "n");
            m.sameNextReply(LINE, "hello");
            c.same("CONFIG", "GET", "maxmemory"); // admin: not shown
            c.same("NOSUCHCOMMAND"); // rejected: not shown
            c.same("GET"); // rejected: not shown
            c.same("MULTI");
            m.sameNextReply(LINE, "multi");
            c.same("INCR", "n");
            c.same("EXEC");
            m.sameNextReply(LINE, "the queued command, as it runs");
            m.sameNextReply(LINE, "then exec");
            m.same("GET", "k"); // refused: a monitor is a replica
            m.same("PING");
            m.sameNextReply(LINE, "the monitor's own PING, after its PONG");
            c.same("ECHO", "done");
            m.sameNextReply(LINE, "echo");
            m.noReplyYet("nothing else");
            m.same("RESET");
            c.same("PING");
            m.noReplyYet("RESET left monitor mode");
            m.same("GET", "k");
        }
    }

    @AllConfigurations
    void clientListFlagsAMonitor(String config) {
        try (Differential m = Differential.open(config, 2); Differential c = Differential.open(config, 2)) {
            m.same("MONITOR");
            // already monitoring: Redis replies nothing, so the next reply is PING's
            byte[] again = Bytes.concat(Bytes.command("MONITOR"), Bytes.command("PING"));
            m.reference().send(again);
            m.ours().send(again);
            m.sameNextReply("PONG");
            m.sameNextReply(LINE, "the PING line");
            c.same(Normalize.clientList(), "CLIENT", "LIST");
        }
    }

    /** A monitor is a normal-class client: with a normal limit set, one that does not read is closed. */
    @AllConfigurations
    void aMonitorThatDoesNotReadIsCutOff(String config) throws InterruptedException {
        try (Differential m = Differential.open(config, 2); Differential c = Differential.open(config, 2)) {
            try {
                c.same("CONFIG", "SET", "client-output-buffer-limit", "normal 256kb 0 0");
                m.same("MONITOR");
                String payload = "y".repeat(16 * 1024);
                for (int i = 0; i < 2_000; i++) { // 32 MB of lines for a client that reads none
                    c.reference().call("SET", "k", payload);
                    c.ours().call("SET", "k", payload);
                }
                c.same(Normalize.clientList(), "CLIENT", "LIST");
                assertTrue(m.reference().observe(300).closed(), "the reference closed the monitor");
                assertTrue(m.ours().observe(300).closed(), "we closed the monitor");
            } finally {
                c.same("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0");
            }
        }
    }
}
