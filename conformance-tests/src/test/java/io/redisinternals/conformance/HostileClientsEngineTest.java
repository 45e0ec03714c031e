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
}
