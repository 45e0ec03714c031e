package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * What lazy freeing changes in the replication stream, against redis-server 7.0.15: under
 * lazyfree-lazy-expire an expired key (lazily, or by EXPIRE or GETEX to a past time) propagates as
 * UNLINK instead of DEL; under lazyfree-lazy-user-del GETDEL propagates as UNLINK while DEL stays
 * DEL; under lazyfree-lazy-eviction an evicted key propagates as UNLINK; a FLUSHALL without a mode
 * propagates as sent whatever lazyfree-lazy-user-flush says. Each test sets its setting back.
 */
class LazyFreeEffectsTest extends EffectsTestBase {

    @Override
    protected String notifyClasses() {
        return "KEA";
    }

    @Test
    void expiryPropagatesUnlinkUnderLazyfreeLazyExpire() {
        probe.given("CONFIG SET lazyfree-lazy-expire yes", "DEBUG SET-ACTIVE-EXPIRE 0", "SET x1 v", "SET x2 v",
                "SADD x3 a b", "SET x4 v PX 1", "SET x5 v PX 1");
        try {
            Thread.sleep(20); // x4 and x5 have expired
            probe.assertSame("EXPIRE x1 -1", "GETEX x2 PXAT 1", "PEXPIREAT x3 1", "GET x4", "SET x5 w");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            probe.given("CONFIG SET lazyfree-lazy-expire no", "DEBUG SET-ACTIVE-EXPIRE 1");
        }
    }

    @Test
    void getdelPropagatesUnlinkUnderLazyfreeLazyUserDel() {
        probe.given("CONFIG SET lazyfree-lazy-user-del yes", "SET d1 v", "SET d2 v", "SET d3 v");
        try {
            probe.assertSame("GETDEL d1", "DEL d2", "UNLINK d3", "GETDEL nosuchkey");
        } finally {
            probe.given("CONFIG SET lazyfree-lazy-user-del no");
        }
    }

    @Test
    void withoutTheSettingsDeletionsPropagateDel() {
        probe.given("SET n1 v", "SET n2 v", "SET n3 v");
        probe.assertSame("GETDEL n1", "EXPIRE n2 -1", "GETEX n3 EXAT 1", "UNLINK nosuchkey");
    }

    @Test
    void evictionPropagatesUnlinkUnderLazyfreeLazyEviction() {
        // volatile-lru: only the key with a TTL may go, not the probe's own marker key
        probe.given("FLUSHALL", "CONFIG SET lazyfree-lazy-eviction yes", "CONFIG SET maxmemory-policy volatile-lru",
                "SET victim v EX 1000");
        try {
            probe.assertSame("CONFIG SET maxmemory 1", "CONFIG SET maxmemory 0", "DBSIZE");
        } finally {
            probe.given("CONFIG SET maxmemory 0", "CONFIG SET maxmemory-policy noeviction",
                    "CONFIG SET lazyfree-lazy-eviction no");
        }
    }

    @Test
    void aFlushPropagatesAsSentUnderLazyfreeLazyUserFlush() {
        probe.given("CONFIG SET lazyfree-lazy-user-flush yes", "SET f1 v");
        try {
            probe.assertSame("FLUSHALL", "SET f2 v", "FLUSHDB", "FLUSHALL ASYNC");
        } finally {
            probe.given("CONFIG SET lazyfree-lazy-user-flush no");
        }
    }
}
