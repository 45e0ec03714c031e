package io.redisinternals.conformance;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP with several clients against the reference: first
 * come first served, timeouts, chains of BLMOVE into lists others wait on, a disconnect while
 * blocked, pushes inside MULTI/EXEC served after EXEC, and destinations of the wrong type. A
 * blocked client's reply is read later from both servers and compared byte for byte.
 */
class BlockingListCommandsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void firstComeFirstServed(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential b = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BLPOP", "k", "0");
            b.sendBlocking("BRPOP", "k", "other", "0");
            c.same("RPUSH", "k", "x");
            a.sameNextReply("first waiter served first");
            b.noReplyYet("the second waiter waits on");
            c.same("RPUSH", "other", "y", "z");
            b.sameNextReply("second waiter served from its other key");
            c.same("LRANGE", "other", "0", "-1");
            a.sendBlocking("BLPOP", "k", "0");
            b.sendBlocking("BLPOP", "k", "0");
            c.same("RPUSH", "k", "1", "2", "3");
            a.sameNextReply("one element each, in order");
            b.sameNextReply("one element each, in order");
            c.same("LRANGE", "k", "0", "-1");
        }
    }

    /** A client waiting on several keys is served from the key that became ready, not the first listed. */
    @AllConfigurationsBothProtocols
    void servedFromTheKeyThatBecameReady(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BLPOP", "k1", "k2", "0");
            c.same("SET", "k1", "a string");
            a.noReplyYet("a string is nothing to pop");
            c.same("RPUSH", "k2", "v");
            a.sameNextReply("served from k2 although k1 (a string) comes first");
            a.sendBlocking("BLMPOP", "0", "2", "k3", "k4", "RIGHT");
            c.same("MULTI");
            c.same("RPUSH", "k4", "four");
            c.same("RPUSH", "k3", "three");
            c.same("EXEC");
            a.sameNextReply("served from k4, the first key written in the transaction");
            c.same("LRANGE", "k3", "0", "-1");
            a.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void timeoutsReplyNull(String config, int resp) {
        try (Differential a = Differential.open(config, resp)) {
            a.sendBlocking("BLPOP", "missing", "0.1");
            a.sameNextReply("BLPOP timeout");
            a.sendBlocking("BRPOPLPUSH", "missing", "d", "0.1");
            a.sameNextReply("BRPOPLPUSH timeout");
            a.sendBlocking("BLMOVE", "missing", "d", "LEFT", "RIGHT", "0.1");
            a.sameNextReply("BLMOVE timeout");
            a.sendBlocking("BLMPOP", "0.1", "2", "missing", "other", "LEFT", "COUNT", "3");
            a.sameNextReply("BLMPOP timeout");
            a.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void blmoveChainsServeEachWaiterInTurn(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential b = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BLMOVE", "src", "mid", "LEFT", "RIGHT", "0");
            b.sendBlocking("BLPOP", "mid", "0");
            c.same("RPUSH", "src", "v");
            a.sameNextReply("BLMOVE served");
            b.sameNextReply("BLPOP served by the BLMOVE's push");
            c.same("EXISTS", "src", "mid");
            a.sendBlocking("BRPOPLPUSH", "src", "src2", "0");
            b.sendBlocking("BLMPOP", "0", "1", "src2", "RIGHT", "COUNT", "5");
            c.same("LPUSH", "src", "1", "2");
            a.sameNextReply("BRPOPLPUSH served");
            b.sameNextReply("BLMPOP served");
            c.same("LRANGE", "src", "0", "-1");
        }
    }

    @AllConfigurationsBothProtocols
    void blmpopServesUpToCount(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BLMPOP", "0", "2", "k1", "k2", "LEFT", "COUNT", "2");
            c.same("RPUSH", "k2", "1", "2", "3");
            a.sameNextReply("BLMPOP with COUNT");
            c.same("LRANGE", "k2", "0", "-1");
            a.sendBlocking("BLMPOP", "0", "1", "k3", "RIGHT");
            c.same("RPUSH", "k3", "1", "2");
            a.sameNextReply("BLMPOP without COUNT");
        }
    }

    @AllConfigurationsBothProtocols
    void disconnectWhileBlocked(String config, int resp) {
        try (Differential c = Differential.open(config, resp)) {
            try (Differential a = Differential.open(config, resp)) {
                a.sendBlocking("BLPOP", "k", "0");
            }
            try {
                Thread.sleep(Differential.SETTLE_MILLIS);
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
            a.sendBlocking("BLPOP", "k", "0");
            c.same("MULTI");
            c.same("RPUSH", "k", "x");
            c.same("LPUSH", "k", "y");
            a.noReplyYet("nothing served while queued");
            c.same("EXEC");
            a.sameNextReply("served after EXEC with the list as EXEC left it");
            c.same("LRANGE", "k", "0", "-1");
            a.sendBlocking("BLPOP", "k2", "0");
            c.same("MULTI");
            c.same("RPUSH", "k2", "x");
            c.same("DEL", "k2");
            c.same("EXEC");
            a.noReplyYet("the list was gone again by the end of EXEC");
            c.same("RPUSH", "k2", "z");
            a.sameNextReply("served by the later push");
        }
    }

    @AllConfigurationsBothProtocols
    void wrongTypesWhileBlocked(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BLPOP", "k", "0.3");
            c.same("SET", "k", "string");
            a.noReplyYet("a string does not serve a list waiter");
            a.sameNextReply("and it times out");
            a.sendBlocking("BRPOPLPUSH", "src", "str", "0");
            c.same("SET", "str", "x");
            c.same("RPUSH", "src", "v");
            a.sameNextReply("destination of the wrong type");
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
