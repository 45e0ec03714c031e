package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;

/**
 * CLIENT PAUSE / UNPAUSE against the reference: errors, what WRITE and ALL hold back (the command
 * waits, it is not refused), requests pipelined behind a paused one, MULTI/EXEC, the blocked
 * state seen by CLIENT LIST and INFO, the dataset frozen (no active expiry) while paused, and the
 * pause ending by UNPAUSE and by its timeout.
 */
class ClientPauseTest extends ConformanceTestBase {

    /** A pause left by a failed test would hold every later test back: end it on both servers. */
    @AfterEach
    void unpause() {
        for (Endpoint ep : ServerUnderTest.started()) {
            try (RawConnection c = ep.connect()) {
                c.call("CLIENT", "UNPAUSE");
            }
        }
        try (RawConnection c = reference().connect()) {
            c.call("CLIENT", "UNPAUSE");
        }
    }

    @AllConfigurationsBothProtocols
    void errorsAndReplies(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CLIENT", "PAUSE", "abc");
            d.same("CLIENT", "PAUSE", "-1");
            d.same("CLIENT", "PAUSE", "10", "foo");
            d.same("CLIENT", "PAUSE", "abc", "foo"); // the mode is checked first
            d.same("CLIENT", "PAUSE", "10", "write", "extra");
            d.same("CLIENT", "PAUSE", "99999999999999999999");
            d.same("CLIENT", "PAUSE");
            d.same("CLIENT", "UNPAUSE", "x");
            d.same("CLIENT", "PAUSE", "0");
            d.same("SET", "k", "v"); // a 0 timeout pauses nothing
            d.same("CLIENT", "UNPAUSE");
            d.same("CLIENT", "UNPAUSE"); // nothing to end: still OK
        }
    }

    @AllConfigurationsBothProtocols
    void writePauseHoldsWritesUntilUnpause(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.same("SET", "k", "before");
            c.same("CLIENT", "PAUSE", "20000", "WRITE");
            a.same("GET", "k"); // reads run
            a.same("PING");
            byte[] pipeline = Bytes.concat(Bytes.command("SET", "k", "during"), Bytes.command("GET", "k"),
                    Bytes.command("PUBLISH", "ch", "m"), Bytes.command("PING"));
            a.reference().send(pipeline);
            a.ours().send(pipeline);
            Differential.settle();
            a.noReplyYet("a paused SET and what follows it");
            c.same(Normalize.infoField("blocked_clients"), "INFO", "clients");
            c.same("GET", "k"); // the paused SET has not run
            c.same("CLIENT", "UNPAUSE");
            for (int i = 0; i < 4; i++) {
                a.sameNextReply("reply " + i + " after UNPAUSE");
            }
            c.same(Normalize.infoField("blocked_clients"), "INFO", "clients");
        }
    }

    @AllConfigurationsBothProtocols
    void writePauseHoldsPublishAndExecOfWrites(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.same("MULTI");
            a.same("INCR", "n");
            c.same("CLIENT", "PAUSE", "20000", "WRITE");
            a.sendBlocking("EXEC");
            a.noReplyYet("EXEC of a write");
            c.same("GET", "n");
            c.same("CLIENT", "UNPAUSE");
            a.sameNextReply("EXEC after UNPAUSE");
            // a read-only transaction runs; a write inside MULTI waits even to be queued
            c.same("CLIENT", "PAUSE", "20000", "WRITE");
            a.same("MULTI");
            a.same("GET", "n");
            a.sendBlocking("SET", "n", "x");
            a.noReplyYet("a write waits before it is queued");
            c.same("CLIENT", "UNPAUSE");
            a.sameNextReply("QUEUED after UNPAUSE");
            a.same("EXEC");
            c.same("CLIENT", "PAUSE", "20000", "WRITE");
            a.same("MULTI");
            a.same("GET", "n");
            a.same("EXEC");
            a.sendBlocking("PUBLISH", "ch", "x");
            a.noReplyYet("PUBLISH may replicate");
            c.same("CLIENT", "UNPAUSE");
            a.sameNextReply("PUBLISH after UNPAUSE");
        }
    }

    @AllConfigurations
    void clientListShowsThePausedClientBlocked(String config) {
        try (Differential a = Differential.open(config, 2); Differential c = Differential.open(config, 2)) {
            String refId = a.reference().call("CLIENT", "ID").text();
            String ourId = a.ours().call("CLIENT", "ID").text();
            c.same("CLIENT", "PAUSE", "20000", "WRITE");
            a.sendBlocking("SET", "k", "v");
            String ref = c.reference().call("CLIENT", "LIST", "ID", refId).text();
            String ours = c.ours().call("CLIENT", "LIST", "ID", ourId).text();
            assertEquals(mask(ref), mask(ours), "CLIENT LIST of a paused client");
            c.same("CLIENT", "UNPAUSE");
            a.sameNextReply("SET after UNPAUSE");
        }
    }

    /** CLIENT LIST line with the socket-, clock- and memory-dependent values masked. */
    private static String mask(String line) {
        StringBuilder sb = new StringBuilder();
        for (String field : line.trim().split(" ")) {
            int eq = field.indexOf('=');
            String name = eq < 0 ? field : field.substring(0, eq);
            sb.append(Normalize.CLIENT_VOLATILE.contains(name) ? name + "=*" : field).append(' ');
        }
        return sb.toString();
    }

    @AllConfigurationsBothProtocols
    void allPauseHoldsEveryCommandUntilItsTimeout(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            c.same("CLIENT", "PAUSE", "1500", "ALL");
            a.sendBlocking("GET", "k");
            c.sendBlocking("CLIENT", "UNPAUSE"); // held back too: only the timeout ends an ALL pause
            a.noReplyYet("GET under an ALL pause");
            c.noReplyYet("CLIENT UNPAUSE under an ALL pause");
            a.sameNextReply("GET after the timeout");
            c.sameNextReply("UNPAUSE after the timeout");
            a.same("SET", "k", "v");
        }
    }

    @AllConfigurations
    void noActiveExpiryWhilePaused(String config) throws InterruptedException {
        try (Differential a = Differential.open(config, 2); Differential c = Differential.open(config, 2)) {
            a.same("SET", "k", "v", "PX", "100");
            c.same("CLIENT", "PAUSE", "20000", "WRITE");
            Thread.sleep(400); // several active expiry cycles would have removed it
            a.same("DBSIZE");
            c.same("CLIENT", "UNPAUSE");
        }
    }

    /** A read of an expired key during a pause answers nil but keeps the key, until the pause ends. */
    @AllConfigurationsBothProtocols
    void lazilyExpiredKeysStayWhilePaused(String config, int resp) throws InterruptedException {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.same("SET", "k", "v", "PX", "150");
            a.same("SET", "other", "v", "PX", "150");
            c.same("CLIENT", "PAUSE", "20000", "WRITE"); // no active expiry from here on
            Thread.sleep(300);
            a.same("GET", "k");
            a.same("EXISTS", "k");
            a.same("TTL", "k");
            a.same("TYPE", "other");
            a.same("DBSIZE"); // still 2: the reads did not remove them
            // Every key expired and kept: redis-server 7.0.15 would draw forever, so only ours is
            // asked (it gives up after 100 draws as Redis 7.2 does and answers one of them).
            String drawn = a.ours().call("RANDOMKEY").rawText();
            org.junit.jupiter.api.Assertions.assertTrue(drawn.equals("$1\r\nk\r\n") || drawn.equals("$5\r\nother\r\n"), drawn);
            c.same("CLIENT", "UNPAUSE");
            a.same("GET", "k"); // removes it now (DBSIZE would race with the active expiry of "other")
            a.same("EXISTS", "k");
        }
    }
}
