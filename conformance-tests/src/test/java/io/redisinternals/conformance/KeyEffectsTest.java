package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * What the generic key commands (db.c, expire.c, sort.c: DEL, RENAME, MOVE, COPY, the EXPIRE
 * family, SORT ... STORE, SWAPDB, FLUSHDB/FLUSHALL) propagate and which keyspace events they send,
 * against redis-server 7.0.15 (see {@link EffectsProbe}). Each test starts from empty databases.
 */
class KeyEffectsTest extends EffectsTestBase {

    @Test
    void delAndUnlink() {
        probe.given("FLUSHALL", "RPUSH l x");
        probe.assertSame("SET a 1", "SET b 2", "DEL a b nokey", "DEL a", "DEL nokey",
                "UNLINK l b", "UNLINK l", "SET a 1", "DEL a a");
        probe.assertSame("SET a 1", "EXISTS a nokey a", "TOUCH a nokey", "TYPE a", "TYPE nokey", "KEYS a*",
                "SCAN 0 MATCH a", "SCAN 0 MATCH a TYPE string", "SCAN 0 MATCH a TYPE list", "OBJECT ENCODING a");
    }

    @Test
    void renameAndRenamenx() {
        probe.assertSame("FLUSHALL", "SET a 1", "RENAME a b", "RENAME b b", "RENAME missing x", "RENAME missing missing",
                "SET c 3", "RENAMENX b c", "RENAMENX b d", "RENAMENX d d", "RENAME d c", "EXPIRE c 100",
                "RENAME c e", "TTL e");
        probe.given("RPUSH l x");
        probe.assertSame("RENAME l e", "TYPE e", "RENAMENX e l");
    }

    @Test
    void expireFamily() {
        probe.assertSame("FLUSHALL", "SET k v", "EXPIRE k 100", "PEXPIRE k 100000", "EXPIREAT k 4102444800",
                "PEXPIREAT k 4102444800000", "EXPIRE k 100 NX", "EXPIRE k 200 XX", "EXPIRE k 50 GT",
                "EXPIRE k 300 GT", "PEXPIRE k 1000 LT", "PEXPIREAT k 4102444800000 LT", "EXPIRE missing 10",
                "EXPIRE k abc", "EXPIRE k 10 foo", "EXPIRE k 10 NX XX", "EXPIRE k 9223372036854775807");
        probe.assertSame("PERSIST k", "PERSIST k", "PERSIST missing", "EXPIRE k 10 XX", "EXPIRE k 10 GT",
                "EXPIRE k 10 LT", "PERSIST k", "EXPIRE k 0", "EXISTS k");
        probe.assertSame("SET k v", "PEXPIREAT k 1", "SET k v", "EXPIREAT k -5", "SET k v", "PEXPIRE k -1",
                "SET k v", "EXPIRE k -10 NX");
        probe.given("RPUSH l x");
        probe.assertSame("EXPIRE l 100", "TTL l", "EXPIRE l 0");
    }

    @Test
    void moveAndCopy() {
        probe.assertSame("FLUSHALL", "SET m 1", "MOVE m 1", "MOVE m 1", "SET m 2", "MOVE m 1", "MOVE m 0",
                "MOVE nokey 1", "MOVE m 99", "MOVE m x", "EXPIRE m 100", "SELECT 1", "DEL m", "SELECT 0",
                "MOVE m 1", "SELECT 1", "TTL m", "SELECT 0");
        probe.assertSame("SET c1 v", "COPY c1 c2", "COPY c1 c2", "COPY c1 c2 REPLACE", "COPY c1 c2 DB 2",
                "COPY c1 c2 DB 2", "COPY c1 c1", "COPY nokey x", "EXPIRE c1 100", "COPY c1 c3", "COPY c1 c3 BAD",
                "COPY c1 c2 DB 0 REPLACE");
        probe.given("SADD s a b");
        probe.assertSame("COPY s c1 REPLACE", "TYPE c1", "SCARD c1", "MOVE s 4");
    }

    @Test
    void databases() {
        probe.assertSame("FLUSHALL", "SET s 1", "SWAPDB 0 3", "SWAPDB 0 3", "SWAPDB 0 99", "SWAPDB x 0",
                "SWAPDB 2 2");
        probe.assertSame("SELECT 5", "FLUSHDB", "SET x 1", "SET y 2", "FLUSHDB", "FLUSHDB SYNC", "FLUSHDB BAD",
                "SELECT 0");
        probe.assertSame("SET a 1", "FLUSHALL", "FLUSHALL", "FLUSHALL ASYNC", "FLUSHALL BAD");
        probe.assertSame("MULTI", "SET a 1", "FLUSHDB", "SET b 2", "EXEC");
    }

    @Test
    void sortStore() {
        probe.given("FLUSHALL", "RPUSH src 3 1 2");
        probe.assertSame("SORT src STORE dst", "SORT src", "SORT_RO src",
                "SORT src DESC LIMIT 0 2 STORE dst", "SORT nosrc STORE dst", "SORT nosrc STORE dst",
                "SORT src BY nosort GET # GET nokey_* STORE dst2", "SET str x", "SORT str STORE dst",
                "SORT src STORE str", "TYPE str", "SORT src BAD");
        probe.given("SADD set b a c");
        probe.assertSame("SORT set ALPHA STORE dst", "LRANGE dst 0 -1", "SORT set STORE dst");
    }
}
