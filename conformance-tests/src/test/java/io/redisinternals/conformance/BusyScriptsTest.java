package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * Busy scripts against redis-server 7.0.15, on every configuration: a script that loops past
 * {@code busy-reply-threshold} lets other clients in (-BUSY with the EVAL or the FUNCTION text,
 * the allow-busy commands answered), SCRIPT KILL / FUNCTION KILL stop it with the reference's
 * error to its client, a script that wrote is UNKILLABLE and SHUTDOWN NOSAVE stops the server.
 * Every step waits for a condition (a reply), never for a time: the busy client's first reply is
 * BUSY once the threshold (100 ms here) has passed, whenever that is.
 */
class BusyScriptsTest extends ConformanceTestBase {

    private static final String SPIN = "while true do end";
    private static final String LIBRARY = "#!lua name=busylib\n"
            + "redis.register_function('spin', function() while true do end end)";

    /**
     * B's PING until the script is busy: PONG while the script has not started yet (B's request
     * may be handled first, its thread or its place in the poll coming first), then the first
     * BUSY, which is returned. A PING reaching a script that runs but is not busy yet waits for
     * it to be busy, so this is a condition, not a timing.
     */
    private static String awaitBusy(RawConnection b) {
        for (int i = 0; i < 1000; i++) {
            Reply r = b.call("PING");
            if (!"+PONG\r\n".equals(r.rawText())) {
                return r.rawText();
            }
        }
        throw new AssertionError("the script never got busy");
    }

    /** One scenario's observable replies, in order, as raw RESP. */
    private static List<String> evalScenario(Endpoint ep) {
        List<String> seen = new ArrayList<>();
        try (RawConnection admin = ep.connect()) {
            admin.call("CONFIG", "SET", "busy-reply-threshold", "100");
            try (RawConnection a = ep.connect(); RawConnection b = ep.connect()) {
                a.send(Bytes.command("EVAL", SPIN, "0"));
                seen.add(awaitBusy(b));
                seen.add(b.call("GET", "k").rawText());
                seen.add(b.call("FUNCTION", "KILL").rawText());
                seen.add(b.call("FUNCTION", "STATS").rawText());
                seen.add(b.call("SHUTDOWN").rawText());
                seen.add(b.call("MULTI").rawText());
                seen.add(b.call("SET", "k", "v").rawText());
                seen.add(b.call("EXEC").rawText());
                seen.add(b.call("MULTI").rawText());
                seen.add(b.call("DISCARD").rawText());
                try (RawConnection c = ep.connect()) { // a client connecting while the script is busy
                    seen.add(c.call("PING").rawText());
                    seen.add(c.call("CONFIG", "GET", "lua-time-limit").rawText());
                }
                seen.add(b.call("SCRIPT", "KILL").rawText());
                seen.add(a.read().rawText());
                seen.add(b.call("PING").rawText());
                seen.add(b.call("SCRIPT", "KILL").rawText());
                seen.add(b.call("EXISTS", "k").rawText());
            } finally {
                admin.call("CONFIG", "SET", "busy-reply-threshold", "5000");
            }
        }
        return seen;
    }

    @AllConfigurations
    void evalScriptIsKilledWhileOthersGetBusy(String config) {
        List<String> expected = evalScenario(reference());
        assertEquals(expected, evalScenario(ours(config)));
    }

    /**
     * The same with the busy script on one of three epoll loops (a server of its own with
     * io-threads 3): the clients on the other loops hand their requests to the script's thread.
     * A transport without loops runs it as it is.
     */
    @AllConfigurations
    void evalScriptIsKilledWhileClientsOfOtherLoopsGetBusy(String config) {
        List<String> expected = evalScenario(reference());
        String[] args = config.startsWith(ServerConfiguration.EPOLL) ? new String[] {"--io-threads", "3"} : new String[0];
        try (ServerUnderTest.Running ours = ServerUnderTest.startDedicated(config, args)) {
            for (int i = 0; i < 3; i++) { // the three connections of a round land on different loops each time
                assertEquals(expected, evalScenario(ours.endpoint()), "round " + i);
            }
        }
    }

    /** A killed script whose loop catches the kill with pcall is raised again outside it. */
    private static List<String> pcallScenario(Endpoint ep) {
        List<String> seen = new ArrayList<>();
        try (RawConnection admin = ep.connect()) {
            admin.call("CONFIG", "SET", "busy-reply-threshold", "100");
            try (RawConnection a = ep.connect(); RawConnection b = ep.connect()) {
                a.send(Bytes.command("EVAL", "while true do pcall(function() " + SPIN + " end) end", "0"));
                seen.add(awaitBusy(b));
                seen.add(b.call("SCRIPT", "KILL").rawText());
                seen.add(a.read().rawText());
                seen.add(b.call("PING").rawText());
            } finally {
                admin.call("CONFIG", "SET", "busy-reply-threshold", "5000");
            }
        }
        return seen;
    }

    @AllConfigurations
    void pcallCannotKeepAKilledScriptAlive(String config) {
        List<String> expected = pcallScenario(reference());
        assertEquals(expected, pcallScenario(ours(config)));
    }

    private static List<String> pipelineScenario(Endpoint ep) {
        List<String> seen = new ArrayList<>();
        try (RawConnection admin = ep.connect()) {
            admin.call("CONFIG", "SET", "lua-time-limit", "100");
            seen.add(admin.call("CONFIG", "GET", "busy-reply-threshold").rawText());
            seen.add(admin.call("CONFIG", "GET", "lua-time-limit").rawText());
            try (RawConnection a = ep.connect(); RawConnection b = ep.connect()) {
                // the busy client's later requests wait behind its script (Redis protects it)
                byte[] eval = Bytes.command("EVAL", SPIN, "0");
                byte[] ping = Bytes.command("PING");
                byte[] set = Bytes.command("SET", "after", "1");
                byte[] all = new byte[eval.length + ping.length + set.length];
                System.arraycopy(eval, 0, all, 0, eval.length);
                System.arraycopy(ping, 0, all, eval.length, ping.length);
                System.arraycopy(set, 0, all, eval.length + ping.length, set.length);
                a.send(all);
                seen.add(awaitBusy(b));
                seen.add(b.call("EXISTS", "after").rawText());
                seen.add(b.call("SCRIPT", "KILL").rawText());
                for (Reply r : a.read(3)) {
                    seen.add(r.rawText());
                }
                seen.add(b.call("GET", "after").rawText());
            } finally {
                admin.call("CONFIG", "SET", "lua-time-limit", "5000");
            }
        }
        return seen;
    }

    @AllConfigurations
    void pipelinedRequestsOfTheBusyClientWaitForItsScript(String config) {
        List<String> expected = pipelineScenario(reference());
        assertEquals(expected, pipelineScenario(ours(config)));
    }

    private static List<String> functionScenario(Endpoint ep) {
        List<String> seen = new ArrayList<>();
        try (RawConnection admin = ep.connect()) {
            admin.call("CONFIG", "SET", "busy-reply-threshold", "100");
            seen.add(admin.call("FUNCTION", "LOAD", "REPLACE", LIBRARY).rawText());
            try (RawConnection a = ep.connect(); RawConnection b = ep.connect()) {
                a.send(Bytes.command("FCALL", "spin", "0"));
                seen.add(awaitBusy(b));
                seen.add(b.call("SCRIPT", "KILL").rawText());
                Reply stats = b.call("FUNCTION", "STATS");
                // running_script: name and command are deterministic, duration_ms is not
                Reply running = stats.child(1);
                seen.add(running.child(0).rawText() + running.child(1).rawText()
                        + running.child(2).rawText() + running.child(3).rawText() + running.child(4).rawText());
                seen.add(stats.child(2).rawText() + stats.child(3).rawText());
                seen.add(b.call("FUNCTION", "KILL").rawText());
                seen.add(a.read().rawText());
                seen.add(b.call("FUNCTION", "KILL").rawText());
                seen.add(b.call("FUNCTION", "STATS").rawText());
                // inside a transaction: the running command is the queued FCALL, not EXEC
                a.send(Bytes.command("MULTI")).send(Bytes.command("FCALL", "spin", "0")).send(Bytes.command("EXEC"));
                seen.add(awaitBusy(b));
                seen.add(b.call("FUNCTION", "STATS").child(1).child(3).rawText());
                seen.add(b.call("FUNCTION", "KILL").rawText());
                for (Reply r : a.read(3)) {
                    seen.add(r.rawText());
                }
            } finally {
                admin.call("FUNCTION", "DELETE", "busylib");
                admin.call("CONFIG", "SET", "busy-reply-threshold", "5000");
            }
        }
        return seen;
    }

    @AllConfigurations
    void functionIsKilledWithFunctionKill(String config) {
        List<String> expected = functionScenario(reference());
        assertEquals(expected, functionScenario(ours(config)));
    }

    /** On a server of its own: the script wrote, so only SHUTDOWN NOSAVE ends it, and the server. */
    private static List<String> unkillableScenario(Endpoint ep) {
        List<String> seen = new ArrayList<>();
        try (RawConnection admin = ep.connect()) {
            admin.call("CONFIG", "SET", "busy-reply-threshold", "100");
        }
        try (RawConnection a = ep.connect(); RawConnection b = ep.connect()) {
            a.send(Bytes.command("EVAL", "redis.call('set', 'written', '1') " + SPIN, "0"));
            seen.add(awaitBusy(b));
            seen.add(b.call("SCRIPT", "KILL").rawText());
            seen.add(b.call("SHUTDOWN", "SAVE").rawText());
            b.send(Bytes.command("SHUTDOWN", "NOSAVE"));
            seen.add("b:" + Bytes.visible(b.readUntilClosed()));
            seen.add("a:" + Bytes.visible(a.readUntilClosed()));
        }
        return seen;
    }

    @AllConfigurations
    void scriptThatWroteIsUnkillableAndShutdownNosaveStopsTheServer(String config) throws Exception {
        List<String> expected;
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated()) {
            expected = unkillableScenario(ref.endpoint());
        }
        try (ServerUnderTest.Running ours = ServerUnderTest.startDedicated(config)) {
            assertEquals(expected, unkillableScenario(ours.endpoint()));
            if (ours.inProcess()) {
                assertTrue(ours.server().awaitTermination(java.time.Duration.ofSeconds(10)), "server stopped");
            }
        }
    }
}
