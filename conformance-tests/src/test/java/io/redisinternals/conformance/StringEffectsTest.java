package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * What the string commands propagate (the replication stream) and which keyspace events they
 * send, against redis-server 7.0.15 (see {@link EffectsProbe}).
 */
class StringEffectsTest extends EffectsTestBase {

    @Test
    void setAndItsRewrites() {
        probe.assertSame("SET k v", "SET k v2 KEEPTTL", "SET k v3 XX GET", "SET n v NX", "SET n v NX",
                "SET k v EX 100", "SET k v PX 100000", "SET k v EXAT 4102444800", "SET k v PXAT 4102444800000",
                "SET k v NX EX 10", "SET k vv XX GET EX 10", "SET missing v XX", "SET k v EX 0");
        probe.assertSame("SETNX a 1", "SETNX a 2", "SETEX b 100 v", "PSETEX c 100000 v", "MSET x 1 y 2",
                "MSETNX x 1 z 3", "MSETNX z 3 w 4", "GETSET x 9", "GETDEL y", "GETDEL y");
    }

    @Test
    void inPlaceWrites() {
        probe.assertSame("SET k 10", "INCR k", "DECR k", "INCRBY k 5", "DECRBY k 2", "INCRBYFLOAT k 1.5",
                "INCRBYFLOAT k 1e3", "APPEND k xyz", "APPEND new abc", "SETRANGE k 1 QQ", "SETRANGE k 0 \"\"",
                "SETRANGE e 0 \"\"", "INCR k", "STRLEN k", "GETRANGE k 0 1");
        probe.assertSame("SET k v", "SET k same", "SET k same");
    }

    @Test
    void getexAndExpiry() {
        probe.assertSame("SET k v", "GETEX k EX 100", "GETEX k PX 100000", "GETEX k EXAT 4102444800",
                "GETEX k PXAT 4102444800000", "GETEX k PERSIST", "GETEX k", "GETEX missing EX 10", "GETEX k EX 0");
    }

    @Test
    void transactionsPropagateAsOneUnit() {
        probe.assertSame("MULTI", "SET a 1", "INCR a", "GET a", "EXEC");
        probe.assertSame("MULTI", "SET a 1", "EXEC");
        probe.assertSame("MULTI", "GET a", "EXEC");
        probe.assertSame("SELECT 3", "MULTI", "SET a 1", "SELECT 4", "SET b 2", "EXEC", "SELECT 0");
    }
}
