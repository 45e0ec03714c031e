package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Clients that go away at the worst moment, seen from the engine: a client killed while its
 * blocking command is on its way must leave nothing behind (no waiter that swallows the next push,
 * no blocked_clients count), and the idle timeout must spare blocked clients as redis-server does.
 */
class HostileClientsEngineTest extends ConformanceTestBase {

    /** Enough races for a connection's read to land between the killer's turn and its own on every configuration. */
    private static final int RACES = 200;

    /**
     * Each round: the victim sends BLPOP and, at the same moment, another client kills it; then a
     * third client pushes. Whichever of BLPOP and CLIENT KILL ran first, the victim is gone before
     * the push, so the pushed value must stay in the list: a BLPOP that ran on the killed session
     * after the kill left a waiter that popped it for a dead connection.
     */
    @AllConfigurations
    void aClientKilledWhileItsBlpopWaitsForItsTurnLosesNoPushedValue(String config) {
        Endpoint ep = ours(config);
        try (RawConnection killer = ep.connect(); RawConnection pusher = ep.connect()) {
            String connected = infoField(pusher, "connected_clients");
            for (int i = 0; i < RACES; i++) {
                String value = "v" + i;
                try (RawConnection victim = ep.connect()) {
                    String id = victim.call("CLIENT", "ID").text();
                    byte[] blpop = Bytes.command("BLPOP", "k", "0");
                    byte[] kill = Bytes.command("CLIENT", "KILL", "ID", id);
                    victim.sendLenient(blpop);
                    killer.send(kill);
                    assertEquals(":1\r\n", killer.read().rawText(), "round " + i + ": the victim was connected");
                    assertEquals(":1\r\n", pusher.call("RPUSH", "k", value).rawText(),
                            "round " + i + ": nobody alive waits on k, so the value is appended");
                    assertEquals("$" + value.length() + "\r\n" + value + "\r\n", pusher.call("LPOP", "k").rawText(),
                            "round " + i + ": the pushed value was handed to the killed client and lost");
                }
            }
            assertEquals("blocked_clients:0", infoField(pusher, "blocked_clients"));
            assertEquals(connected, infoField(pusher, "connected_clients"),
                    "the killed clients are not counted");
        }
    }

    /**
     * redis-server's clientsCronHandleTimeout skips blocked clients: with {@code timeout 1} a BLPOP 0
     * stays connected, while a BLPOP with its own timeout still gets its null reply.
     */
    @AllConfigurations
    void theIdleTimeoutSparesBlockedClients(String config) throws InterruptedException {
        try (Differential admin = Differential.open(config, 2)) {
            admin.same("CONFIG", "SET", "timeout", "1");
            try (Differential forever = Differential.open(config, 2); Differential timed = Differential.open(config, 2)) {
                forever.sendBlocking("BLPOP", "k", "0");
                timed.sendBlocking("BLPOP", "j", "1.5");
                timed.sameNextReply("its own timeout fires");
                Thread.sleep(1_500);
                try (Differential pusher = Differential.open(config, 2)) {
                    pusher.same("RPUSH", "k", "v");
                }
                forever.sameNextReply("still connected after more than the idle timeout: served");
            } finally {
                try (Differential again = Differential.open(config, 2)) {
                    again.same("CONFIG", "SET", "timeout", "0");
                }
            }
        }
    }

    private static String infoField(RawConnection c, String name) {
        for (String line : c.call("INFO", "clients").text().split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line;
            }
        }
        return name + " absent";
    }

    /**
     * A reply whose size the client chose (a negative count to SRANDMEMBER, HRANDFIELD,
     * ZRANDMEMBER) past the client's output-buffer hard limit closes the client with nothing sent,
     * as redis-server does, the same for all three. (Without a hard limit Redis streams until its
     * memory runs out; ours stops at ReplyWriter.MAX_REPLY_BYTES the same way: see
     * ReplyBudgetTest.) The admin connection stays usable.
     */
    @AllConfigurations
    void aRandomReplyPastTheOutputLimitClosesTheClientAsByRedis(String config) {
        String[][] commands = {
            {"SRANDMEMBER", "s", "-1000000"},
            {"SRANDMEMBER", "i", "-1000000"},
            {"HRANDFIELD", "h", "-1000000"},
            {"HRANDFIELD", "h", "-1000000", "WITHVALUES"},
            {"ZRANDMEMBER", "z", "-1000000"},
            {"ZRANDMEMBER", "z", "-1000000", "WITHSCORES"},
        };
        for (Endpoint ep : java.util.List.of(reference(), ours(config))) {
            try (RawConnection admin = ep.connect()) {
                admin.call("SADD", "s", "alpha", "beta", "gamma");
                admin.call("SADD", "i", "1", "2", "3");
                admin.call("HSET", "h", "alpha", "1", "beta", "2");
                admin.call("ZADD", "z", "1", "alpha", "2", "beta");
                assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0").rawText());
                try {
                    for (String[] cmd : commands) {
                        try (RawConnection c = ep.connect()) {
                            RawConnection.Outcome o = c.send(Bytes.command(cmd)).observe(2_000);
                            assertEquals("'' +close", o.toString(), ep + ": " + String.join(" ", cmd));
                        }
                        // a count within the limit is answered whole
                        String[] small = cmd.clone();
                        small[2] = "-1000";
                        assertEquals(cmd.length == 4 ? 2000 : 1000, admin.call(small).children().size(),
                                ep + ": " + String.join(" ", small));
                        if (ep != reference()) {
                            // the largest counts too, at once (redis-server 7.0 would loop on after
                            // the close for 2^62 draws): the reply stops at the budget
                            String[] huge = cmd.clone();
                            huge[2] = cmd.length == 4 ? "-4611686018427387903" : "-9223372036854775807";
                            try (RawConnection c = ep.connect()) {
                                RawConnection.Outcome o = c.send(Bytes.command(huge)).observe(2_000);
                                assertEquals("'' +close", o.toString(), ep + ": " + String.join(" ", huge));
                            }
                        }
                    }
                } finally {
                    admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0");
                }
                assertEquals("+PONG\r\n", admin.call("PING").rawText());
            }
        }
    }
}
