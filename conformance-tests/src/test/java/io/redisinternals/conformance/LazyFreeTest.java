package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Lazy freeing against redis-server 7.0.15 (cases after Redis's tests/unit/lazyfree.tcl): the
 * {@code lazyfree-lazy-*} settings through CONFIG GET/SET, and INFO's {@code lazyfreed_objects}
 * after the same commands: UNLINK of values above and below Redis's 64-allocation threshold in
 * every encoding, DEL under lazyfree-lazy-user-del, server-side deletes and overwrites under
 * lazyfree-lazy-server-del, expiry (a past EXPIRE, lazy and active) under lazyfree-lazy-expire,
 * eviction under lazyfree-lazy-eviction, FLUSHDB/FLUSHALL ASYNC and lazyfree-lazy-user-flush, the
 * client-tracking table an ASYNC flush drops, and CONFIG RESETSTAT.
 *
 * <p>The reference frees on a background thread, so its counter is read once it has settled (no
 * object pending, the same value twice in a row); ours counts synchronously. Both servers are
 * dedicated to this class (its settings and counters touch nobody else's tests), in the first
 * configuration: lazy freeing is the engine's, the transport plays no part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LazyFreeTest {

    private static final List<String> SETTINGS = List.of("lazyfree-lazy-eviction", "lazyfree-lazy-expire",
            "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "replica-lazy-flush");

    private ReferenceRedis.Instance reference;
    private ServerUnderTest.Running ours;

    @AfterAll
    void stop() {
        if (ours != null) {
            ours.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    private Differential open() {
        if (reference == null) {
            reference = ReferenceRedis.startDedicated("--enable-debug-command", "yes");
            ours = ServerUnderTest.startDedicated(ServerUnderTest.configurations().findFirst().orElseThrow(),
                    "--enable-debug-command", "yes");
        }
        return Differential.open(reference.endpoint(), ours.endpoint(), 2);
    }

    /** Every test starts with no keys, every setting at its default and the counter at 0. */
    @BeforeEach
    void reset() {
        try (Differential d = open()) {
            d.same("FLUSHALL", "SYNC");
            for (String s : SETTINGS) {
                d.same("CONFIG", "SET", s, "no");
            }
            d.same("CONFIG", "SET", "maxmemory", "0");
            d.same("CONFIG", "SET", "maxmemory-policy", "noeviction");
            d.same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
            settled(d.reference());
            d.same("CONFIG", "RESETSTAT");
            assertSameFreed(d, 0);
        }
    }

    // ---- reading the counter -------------------------------------------------------------------

    private static Map<String, String> memory(RawConnection c) {
        return ServerCommandsTest.parseInfo(c.call("INFO", "memory")).get("Memory");
    }

    /**
     * lazyfreed_objects once nothing is pending and two reads in a row agree (the reference's thread
     * decrements pending just before it increments freed).
     */
    private static long settled(RawConnection c) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long previous = -1;
        while (true) {
            Map<String, String> m = memory(c);
            long freed = Long.parseLong(m.get("lazyfreed_objects"));
            if (m.get("lazyfree_pending_objects").equals("0") && freed == previous) {
                return freed;
            }
            previous = freed;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("lazy freeing did not settle: " + m.get("lazyfree_pending_objects")
                        + " pending, " + freed + " freed");
            }
            Differential.pause(5);
        }
    }


    /** Both servers' settled lazyfreed_objects equal {@code expected}, and nothing is pending on ours. */
    private static void assertSameFreed(Differential d, long expected) {
        long ref = settled(d.reference());
        long us = settled(d.ours());
        assertEquals(expected, ref, "the reference's lazyfreed_objects (the test's expectation is off)");
        assertEquals(ref, us, "lazyfreed_objects");
        assertEquals("0", memory(d.ours()).get("lazyfree_pending_objects"));
    }

    // ---- building values ---------------------------------------------------------------------

    /** {@code command key} followed by {@code n} members {@code prefix0 ...}, each with a score for ZADD. */
    private static void fill(Differential d, String command, String key, int n, String prefix) {
        for (int from = 0; from < n; from += 1000) {
            List<String> args = new ArrayList<>(List.of(command, key));
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                if (command.equals("ZADD")) {
                    args.add(String.valueOf(i));
                } else if (command.equals("HSET")) {
                    args.add("f" + i);
                }
                args.add(prefix + i);
            }
            d.same(Normalize.anyInteger(), args.toArray(new String[0]));
        }
    }

    /** A hashtable set of {@code n} members (strings, so never an intset). */
    private static void set(Differential d, String key, int n) {
        fill(d, "SADD", key, n, "member-");
    }

    // ---- settings ----------------------------------------------------------------------------

    @Test
    void everySettingThroughConfigGetAndSet() {
        try (Differential d = open()) {
            for (String s : SETTINGS) {
                d.same("CONFIG", "GET", s);
                d.same("CONFIG", "SET", s, "YES");
                d.same("CONFIG", "GET", s);
                d.same("CONFIG", "SET", s, "maybe");
                d.same("CONFIG", "SET", s, "");
                d.same("CONFIG", "SET", s, "no");
                d.same("CONFIG", "GET", s);
            }
            d.same("CONFIG", "SET", "slave-lazy-flush", "yes");
            d.same("CONFIG", "GET", "slave-lazy-flush");
            d.same("CONFIG", "GET", "replica-lazy-flush");
            d.same(Normalize.unorderedMap(), "CONFIG", "GET", "lazyfree-*");
            d.same(Normalize.unorderedMap(), "CONFIG", "GET", "*lazy*");
        }
    }

    // ---- what counts ---------------------------------------------------------------------------

    @Test
    void unlinkCountsValuesOfMoreThanSixtyFourAllocations() {
        try (Differential d = open()) {
            set(d, "set-64", 64);
            set(d, "set-65", 65);
            fill(d, "SADD", "intset", 500, ""); // 500 integers: one intset allocation
            fill(d, "HSET", "hash-listpack", 500, "v");
            fill(d, "HSET", "hash-table", 600, "v");
            fill(d, "ZADD", "zset-listpack", 128, "m");
            fill(d, "ZADD", "zset-skiplist", 129, "m");
            fill(d, "RPUSH", "list-small", 1000, "element-");
            fill(d, "RPUSH", "list-big", 100_000, "element-"); // about 190 nodes of 8 KB
            d.same("SET", "string", "x".repeat(100_000));
            for (String key : List.of("set-64", "intset", "hash-listpack", "zset-listpack", "list-small", "string")) {
                d.same("UNLINK", key);
            }
            assertSameFreed(d, 0);
            d.same("UNLINK", "set-65", "hash-table", "zset-skiplist", "list-big", "nosuchkey");
            assertSameFreed(d, 4);
        }
    }

    @Test
    void delIsLazyUnderLazyfreeLazyUserDel() {
        try (Differential d = open()) {
            set(d, "a", 100);
            d.same("DEL", "a");
            assertSameFreed(d, 0);
            d.same("CONFIG", "SET", "lazyfree-lazy-user-del", "yes");
            set(d, "a", 100);
            set(d, "b", 10);
            d.same("DEL", "a", "b");
            assertSameFreed(d, 1);
        }
    }

    @Test
    void serverSideDeletesAndOverwritesUnderLazyfreeLazyServerDel() {
        try (Differential d = open()) {
            set(d, "s", 100);
            d.same("SET", "s", "v");
            assertSameFreed(d, 0);
            d.same("CONFIG", "SET", "lazyfree-lazy-server-del", "yes");
            set(d, "s2", 100);
            d.same("SET", "s2", "v"); // SET over a big set
            set(d, "src", 100);
            d.same("RENAME", "src", "dst"); // the value moves: nothing freed
            assertSameFreed(d, 1);
            set(d, "src", 100);
            d.same("RENAME", "src", "dst"); // the old destination goes
            set(d, "other", 100);
            d.same("SUNIONSTORE", "dst", "other"); // a STORE over a big destination
            d.same("COPY", "other", "dst", "REPLACE");
            assertSameFreed(d, 4);
            d.same(Normalize.unorderedArray(), "SUNION", "other"); // the reply's temporary set
            d.same(Normalize.unorderedArray(), "SDIFF", "other", "nosuchkey");
            assertSameFreed(d, 6);
            d.same(Normalize.shape(), "SPOP", "other", "1000"); // SUNION's set, then the key
            assertSameFreed(d, 8);
            set(d, "p", 100);
            d.same(Normalize.shape(), "SPOP", "p", "90"); // the old set, 90 left, replaced by the 10 kept
            assertSameFreed(d, 9);
            fill(d, "RPUSH", "l", 100_000, "element-");
            d.same(Normalize.anyInteger(), "SORT", "l", "ALPHA", "STORE", "l"); // SORT holds its source
            assertSameFreed(d, 9);
            d.same(Normalize.anyInteger(), "SORT", "l", "ALPHA", "STORE", "l2");
            d.same(Normalize.anyInteger(), "SORT", "l", "ALPHA", "STORE", "l2");
            assertSameFreed(d, 10);
        }
    }

    @Test
    void expiryIsLazyUnderLazyfreeLazyExpire() {
        try (Differential d = open()) {
            set(d, "a", 100);
            d.same("EXPIRE", "a", "-1");
            assertSameFreed(d, 0);
            d.same("CONFIG", "SET", "lazyfree-lazy-expire", "yes");
            set(d, "a", 100);
            d.same("EXPIRE", "a", "-1"); // a time already past deletes at once
            set(d, "b", 100);
            d.same("PEXPIREAT", "b", "1");
            assertSameFreed(d, 2);
            // lazily, by a lookup of a key whose time has passed
            d.same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            set(d, "c", 100);
            d.same("PEXPIRE", "c", "1");
            Differential.pause(20);
            d.same("EXISTS", "c");
            assertSameFreed(d, 3);
            // actively, by the expiry cycle
            d.same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
            set(d, "e", 100);
            d.same("PEXPIRE", "e", "1");
            for (RawConnection c : List.of(d.reference(), d.ours())) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!c.call("DBSIZE").rawText().equals(":0\r\n")) {
                    assertTrue(System.nanoTime() < deadline, "the active cycle removes the key");
                    Differential.pause(10);
                }
            }
            assertSameFreed(d, 4);
        }
    }

    @Test
    void evictionIsLazyUnderLazyfreeLazyEviction() {
        try (Differential d = open()) {
            d.same("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            d.same("CONFIG", "SET", "lazyfree-lazy-eviction", "yes");
            set(d, "big", 100);
            d.same("SET", "small", "v");
            d.same("CONFIG", "SET", "maxmemory", "1"); // evicts every key at once
            d.same("CONFIG", "SET", "maxmemory", "0");
            d.same("DBSIZE");
            assertSameFreed(d, 1);
        }
    }

    @Test
    void asyncFlushesCountEveryKey() {
        try (Differential d = open()) {
            for (int i = 0; i < 100; i++) {
                d.same("SET", "k" + i, "v");
            }
            d.same("SELECT", "9");
            for (int i = 0; i < 30; i++) {
                d.same("SET", "k" + i, "v");
            }
            d.same("FLUSHDB", "ASYNC");
            assertSameFreed(d, 30);
            d.same("SET", "k", "v");
            d.same("FLUSHALL", "ASYNC");
            assertSameFreed(d, 131);
            d.same("SET", "k", "v");
            d.same("FLUSHALL", "SYNC");
            d.same("SET", "k", "v");
            d.same("FLUSHDB");
            assertSameFreed(d, 131);
        }
    }

    @Test
    void flushesWithoutModeFollowLazyfreeLazyUserFlush() {
        try (Differential d = open()) {
            d.same("CONFIG", "SET", "lazyfree-lazy-user-flush", "yes");
            for (int i = 0; i < 50; i++) {
                d.same("SET", "k" + i, "v");
            }
            d.same("FLUSHDB");
            d.same("SET", "k", "v");
            d.same("FLUSHALL");
            assertSameFreed(d, 51);
            d.same("SET", "k", "v");
            d.same("FLUSHALL", "SYNC");
            assertSameFreed(d, 51);
        }
    }

    /** FLUSHALL ASYNC also drops the client-tracking table, counting its keys (Redis: above 64 nodes). */
    @Test
    void anAsyncFlushCountsTheTrackedKeys() {
        try (Differential d = open(); Differential tracked = Differential.open(reference.endpoint(), ours.endpoint(), 3)) {
            tracked.same("CLIENT", "TRACKING", "ON");
            for (int i = 0; i < 100; i++) {
                d.same("SET", "key:" + i, "v");
                tracked.same("GET", "key:" + i);
            }
            d.same(Normalize.infoField("tracking_total_keys"), "INFO", "stats"); // 100 on both
            d.same("FLUSHALL", "ASYNC");
            assertSameFreed(d, 200);
        }
    }

    @Test
    void configResetstatClearsTheCounter() {
        try (Differential d = open()) {
            set(d, "a", 100);
            d.same("UNLINK", "a");
            assertSameFreed(d, 1);
            d.same("CONFIG", "RESETSTAT");
            assertSameFreed(d, 0);
        }
    }
}
