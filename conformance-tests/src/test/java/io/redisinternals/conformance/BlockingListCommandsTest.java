package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP with several clients against the reference: first
 * come first served, timeouts, chains of BLMOVE into lists others wait on, a disconnect while
 * blocked, pushes inside MULTI/EXEC served after EXEC, and destinations of the wrong type. A
 * blocked client's reply is read later from both servers and compared byte for byte.
 */
class BlockingListCommandsTest extends ConformanceTestBase {

    /** Time for a server to take a sent blocking command before another client writes. */
    private static final int SETTLE_MILLIS = 60;

    /** Sends a command to both servers without reading its reply (the client blocks). */
    private static void send(Differential d, String... command) {
        byte[] bytes = Bytes.command(command);
        d.reference().send(bytes);
        d.ours().send(bytes);
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the next reply of both servers (a blocked command's) and compares the bytes. */
    private static void sameReply(Differential d, String what) {
        Reply expected = d.reference().read();
        Reply actual = d.ours().read();
        assertEquals(expected.rawText(), actual.rawText(), what);
    }

    /** Neither server has sent anything more: the client is still blocked. */
    private static void stillBlocked(Differential d, String what) {
        assertEquals("", d.reference().observe(100).text(), "reference: " + what);
        assertEquals("", d.ours().observe(100).text(), "ours: " + what);
    }

    @AllConfigurationsBothProtocols
    void firstComeFirstServed(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential b = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            send(a, "BLPOP", "k", "0");
            send(b, "BRPOP", "k", "other", "0");
            c.same("RPUSH", "k", "x");
            sameReply(a, "first waiter served first");
            stillBlocked(b, "the second waiter waits on");
            c.same("RPUSH", "other", "y", "z");
            sameReply(b, "second waiter served from its other key");
            c.same("LRANGE", "other", "0", "-1");
            send(a, "BLPOP", "k", "0");
            send(b, "BLPOP", "k", "0");
            c.same("RPUSH", "k", "1", "2", "3");
            sameReply(a, "one element each, in order");
            sameReply(b, "one element each, in order");
            c.same("LRANGE", "k", "0", "-1");
        }
    }

    /** A client waiting on several keys is served from the key that became ready, not the first listed. */
    @AllConfigurationsBothProtocols
    void servedFromTheKeyThatBecameReady(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            send(a, "BLPOP", "k1", "k2", "0");
            c.same("SET", "k1", "a string");
            stillBlocked(a, "a string is nothing to pop");
            c.same("RPUSH", "k2", "v");
            sameReply(a, "served from k2 although k1 (a string) comes first");
            send(a, "BLMPOP", "0", "2", "k3", "k4", "RIGHT");
            c.same("MULTI");
            c.same("RPUSH", "k4", "four");
            c.same("RPUSH", "k3", "three");
            c.same("EXEC");
            sameReply(a, "served from k4, the first key written in the transaction");
            c.same("LRANGE", "k3", "0", "-1");
            a.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void timeoutsReplyNull(String config, int resp) {
        try (Differential a = Differential.open(config, resp)) {
            send(a, "BLPOP", "missing", "0.1");
            sameReply(a, "BLPOP timeout");
            send(a, "BRPOPLPUSH", "missing", "d", "0.1");
            sameReply(a, "BRPOPLPUSH timeout");
            send(a, "BLMOVE", "missing", "d", "LEFT", "RIGHT", "0.1");
            sameReply(a, "BLMOVE timeout");
            send(a, "BLMPOP", "0.1", "2", "missing", "other", "LEFT", "COUNT", "3");
            sameReply(a, "BLMPOP timeout");
            a.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void blmoveChainsServeEachWaiterInTurn(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential b = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            send(a, "BLMOVE", "src", "mid", "LEFT", "RIGHT", "0");
            send(b, "BLPOP", "mid", "0");
            c.same("RPUSH", "src", "v");
            sameReply(a, "BLMOVE served");
            sameReply(b, "BLPOP served by the BLMOVE's push");
            c.same("EXISTS", "src", "mid");
            send(a, "BRPOPLPUSH", "src", "src2", "0");
            send(b, "BLMPOP", "0", "1", "src2", "RIGHT", "COUNT", "5");
            c.same("LPUSH", "src", "1", "2");
            sameReply(a, "BRPOPLPUSH served");
            sameReply(b, "BLMPOP served");
            c.same("LRANGE", "src", "0", "-1");
        }
    }

    @AllConfigurationsBothProtocols
    void blmpopServesUpToCount(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            send(a, "BLMPOP", "0", "2", "k1", "k2", "LEFT", "COUNT", "2");
            c.same("RPUSH", "k2", "1", "2", "3");
            sameReply(a, "BLMPOP with COUNT");
            c.same("LRANGE", "k2", "0", "-1");
            send(a, "BLMPOP", "0", "1", "k3", "RIGHT");
            c.same("RPUSH", "k3", "1", "2");
            sameReply(a, "BLMPOP without COUNT");
        }
    }

    @AllConfigurationsBothProtocols
    void disconnectWhileBlocked(String config, int resp) {
        try (Differential c = Differential.open(config, resp)) {
            try (Differential a = Differential.open(config, resp)) {
                send(a, "BLPOP", "k", "0");
            }
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.same("RPUSH", "k", "x");
            c.same("LRANGE", "k", "0", "-1");
        }
    }

    @AllConfigurationsBothProtocols
    void pushInsideMultiServesAfterExec(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            send(a, "BLPOP", "k", "0");
            c.same("MULTI");
            c.same("RPUSH", "k", "x");
            c.same("LPUSH", "k", "y");
            stillBlocked(a, "nothing served while queued");
            c.same("EXEC");
            sameReply(a, "served after EXEC with the list as EXEC left it");
            c.same("LRANGE", "k", "0", "-1");
            send(a, "BLPOP", "k2", "0");
            c.same("MULTI");
            c.same("RPUSH", "k2", "x");
            c.same("DEL", "k2");
            c.same("EXEC");
            stillBlocked(a, "the list was gone again by the end of EXEC");
            c.same("RPUSH", "k2", "z");
            sameReply(a, "served by the later push");
        }
    }

    @AllConfigurationsBothProtocols
    void wrongTypesWhileBlocked(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            send(a, "BLPOP", "k", "0.3");
            c.same("SET", "k", "string");
            stillBlocked(a, "a string does not serve a list waiter");
            sameReply(a, "and it times out");
            send(a, "BRPOPLPUSH", "src", "str", "0");
            c.same("SET", "str", "x");
            c.same("RPUSH", "src", "v");
            sameReply(a, "destination of the wrong type");
            c.same("LRANGE", "src", "0", "-1");
        }
    }

    @AllConfigurationsBothProtocols
    void blockingInsideMultiActsAtOnce(String config, int resp) {
        try (Differential a = Differential.open(config, resp).soft()) {
            a.same("MULTI");
            a.same("BLPOP", "missing", "0");
            a.same("BLMOVE", "missing", "d", "LEFT", "LEFT", "0");
            a.same("BLMPOP", "0", "1", "missing", "LEFT");
            a.same("RPUSH", "missing", "now");
            a.same("BRPOP", "missing", "0");
            a.same("EXEC");
            a.assertNoMismatches();
        }
    }
}
