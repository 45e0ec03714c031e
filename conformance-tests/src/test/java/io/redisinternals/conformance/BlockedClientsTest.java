package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Blocked clients beyond the list commands themselves: CLIENT UNBLOCK, INFO blocked_clients,
 * CLIENT LIST's b flag, requests pipelined behind a blocking command, which must wait for it
 * and then run in order, and SWAPDB bringing the awaited key into a waiter's database.
 */
class BlockedClientsTest extends ConformanceTestBase {

    private static String id(RawConnection c) {
        return c.call("CLIENT", "ID").text();
    }

    @AllConfigurationsBothProtocols
    void clientUnblockAsTimeoutAndAsError(String config, int resp) throws InterruptedException {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            String refId = id(a.reference());
            String ourId = id(a.ours());
            a.sendBlocking("BLPOP", "k", "0");
            c.same(Normalize.infoField("blocked_clients"), "INFO", "clients");
            assertEquals(":1\r\n", c.reference().call("CLIENT", "UNBLOCK", refId).rawText());
            assertEquals(":1\r\n", c.ours().call("CLIENT", "UNBLOCK", ourId).rawText());
            a.sameNextReply("CLIENT UNBLOCK = timeout");
            a.sendBlocking("BRPOP", "k", "0");
            assertEquals(":1\r\n", c.reference().call("CLIENT", "UNBLOCK", refId, "ERROR").rawText());
            assertEquals(":1\r\n", c.ours().call("CLIENT", "UNBLOCK", ourId, "error").rawText());
            a.sameNextReply("CLIENT UNBLOCK ERROR");
            assertEquals(c.reference().call("CLIENT", "UNBLOCK", refId).rawText(),
                    c.ours().call("CLIENT", "UNBLOCK", ourId).rawText(), "not blocked: 0");
            c.same(Normalize.infoField("blocked_clients"), "INFO", "clients");
            a.same("PING");
        }
    }

    @AllConfigurations
    void clientListFlagsABlockedClient(String config) throws InterruptedException {
        try (Differential a = Differential.open(config, 2); Differential c = Differential.open(config, 2)) {
            String refId = id(a.reference());
            String ourId = id(a.ours());
            a.sendBlocking("BLPOP", "k", "0");
            String ref = c.reference().call("CLIENT", "LIST", "ID", refId).text();
            String ours = c.ours().call("CLIENT", "LIST", "ID", ourId).text();
            assertEquals(listField(ref, "flags"), listField(ours, "flags"));
            assertEquals(listField(ref, "cmd"), listField(ours, "cmd"));
            c.same("RPUSH", "k", "v");
            a.sameNextReply("served");
        }
    }

    private static String listField(String line, String name) {
        for (String f : line.trim().split(" ")) {
            if (f.startsWith(name + "=")) {
                return f;
            }
        }
        return name + " absent";
    }

    @AllConfigurationsBothProtocols
    void pipelinedRequestsWaitForTheBlockingCommand(String config, int resp) throws InterruptedException {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            byte[] pipeline = Bytes.concat(Bytes.command("BLPOP", "k", "0"), Bytes.command("RPUSH", "k", "mine"),
                    Bytes.command("LRANGE", "k", "0", "-1"), Bytes.command("PING"));
            a.reference().send(pipeline);
            a.ours().send(pipeline);
            Thread.sleep(60);
            assertEquals("", a.reference().observe(100).text());
            assertEquals("", a.ours().observe(100).text(), "nothing after a blocking command runs before it ends");
            c.same("RPUSH", "k", "pushed");
            for (int i = 0; i < 4; i++) {
                a.sameNextReply("reply " + i + " of the pipeline");
            }
            // and after a timeout
            byte[] timed = Bytes.concat(Bytes.command("BLPOP", "none", "0.05"), Bytes.command("PING", "after"));
            a.reference().send(timed);
            a.ours().send(timed);
            a.sameNextReply("timeout");
            a.sameNextReply("the request behind it");
        }
    }

    /**
     * Waiters stay with their database number across SWAPDB, so a swap that brings the awaited key
     * into their database serves them at once, in both databases (Redis's scanDatabaseForReadyKeys);
     * a key of the wrong type, or one a second swap in the same transaction took away again, does not.
     */
    @AllConfigurationsBothProtocols
    void swapdbServesTheKeysItMakesReady(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential b = Differential.open(config, resp);
                Differential d = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            a.same("SELECT", "9");
            b.same("SELECT", "1");
            d.same("SELECT", "9");
            c.same("SELECT", "9");
            c.same("ZADD", "z", "1", "one", "2", "two");
            c.same("SELECT", "1");
            a.sendBlocking("BRPOP", "k", "0");
            b.sendBlocking("BZPOPMIN", "z", "0");
            d.sendBlocking("BLPOP", "s", "0");
            c.same("RPUSH", "k", "hello");
            c.same("SET", "s", "a string");
            a.noReplyYet("k is in another database");
            c.same("SWAPDB", "1", "9");
            a.sameNextReply("BRPOP served from the list the swap brought into db 9");
            b.sameNextReply("BZPOPMIN served from the sorted set the swap brought into db 1");
            d.noReplyYet("a string does not serve a list waiter");
            c.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
            c.same("EXISTS", "k");

            a.sendBlocking("BLPOP", "k", "0");
            c.same("RPUSH", "k", "back");
            c.same("MULTI");
            c.same("SWAPDB", "9", "1");
            c.same("SWAPDB", "1", "9");
            c.same("EXEC");
            a.noReplyYet("swapped there and back within one transaction");
            c.same("MULTI");
            c.same("SWAPDB", "1", "9");
            c.same("EXEC");
            a.sameNextReply("served after EXEC");
            d.noReplyYet("still a string");
            c.same("SELECT", "9");
            c.same("DEL", "s");
            c.same("RPUSH", "s", "x");
            d.sameNextReply("served by a push");
        }
    }
}
