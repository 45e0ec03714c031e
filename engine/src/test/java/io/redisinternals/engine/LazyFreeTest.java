package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.Removal;
import org.junit.jupiter.api.Test;

/**
 * Lazy freeing through the engine's commands: which removals count in lazyfreed_objects (a lazy one
 * of a value of more than 64 allocations, every key of an ASYNC flush), the settings that make
 * DEL, expiry, eviction, server-side deletes and flushes lazy, and CONFIG RESETSTAT.
 */
class LazyFreeTest {

    private final Engine engine = TestClient.boot();
    private final TestClient c = new TestClient(engine);

    private long freed() {
        return engine.lazyFree().freedObjects();
    }

    /** A hashtable-encoded set of {@code n} members (non-integers, so never an intset). */
    private void bigSet(String key, int n) {
        String[] args = new String[n + 2];
        args[0] = "SADD";
        args[1] = key;
        for (int i = 0; i < n; i++) {
            args[i + 2] = "m" + i;
        }
        c.call(args);
    }

    @Test
    void unlinkCountsOnlyValuesOfMoreThanSixtyFourAllocations() {
        bigSet("s64", 64);
        bigSet("s65", 65);
        c.call("SET", "str", "x".repeat(100_000));
        assertEquals(":3\r\n", c.call("UNLINK", "s64", "s65", "str"));
        assertEquals(1, freed());
        // a big intset or listpack is one allocation
        for (int i = 0; i < 500; i++) {
            c.call("SADD", "ints", String.valueOf(i));
            c.call("HSET", "h", "f" + i, "v");
        }
        assertEquals("$8\r\nlistpack\r\n", c.call("OBJECT", "ENCODING", "h"));
        c.call("UNLINK", "ints", "h");
        assertEquals(1, freed());
        for (int i = 0; i < 600; i++) {
            c.call("HSET", "h", "f" + i, "v");
        }
        assertEquals("$9\r\nhashtable\r\n", c.call("OBJECT", "ENCODING", "h"));
        c.call("UNLINK", "h");
        assertEquals(2, freed());
    }

    @Test
    void delIsLazyOnlyUnderLazyfreeLazyUserDel() {
        bigSet("a", 100);
        c.call("DEL", "a");
        assertEquals(0, freed());
        c.call("CONFIG", "SET", "lazyfree-lazy-user-del", "yes");
        bigSet("a", 100);
        c.call("DEL", "a");
        assertEquals(1, freed());
    }

    @Test
    void serverSideDeletesAndOverwritesFollowLazyfreeLazyServerDel() {
        c.call("CONFIG", "SET", "lazyfree-lazy-server-del", "yes");
        bigSet("a", 100);
        c.call("SET", "a", "v"); // SET over a big set: dbOverwrite
        assertEquals(1, freed());
        bigSet("src", 100);
        c.call("RENAME", "src", "dst"); // the value moves: nothing freed
        assertEquals(1, freed());
        bigSet("src", 100);
        c.call("RENAME", "src", "dst"); // the old destination is freed
        assertEquals(2, freed());
        c.call("SUNION", "dst"); // the reply's temporary set
        assertEquals(3, freed());
        c.call("CONFIG", "SET", "lazyfree-lazy-server-del", "no");
        c.call("SET", "dst", "v");
        assertEquals(3, freed());
    }

    @Test
    void expiryIsLazyUnderLazyfreeLazyExpire() {
        c.call("CONFIG", "SET", "lazyfree-lazy-expire", "yes");
        bigSet("a", 100);
        assertEquals(":1\r\n", c.call("EXPIRE", "a", "-1"));
        assertEquals(1, freed());
        bigSet("b", 100);
        c.call("PEXPIRE", "b", "1");
        long later = System.currentTimeMillis() + 1_000;
        for (int tick = 0; tick < 20 && engine.keyspace().db(0).size() > 0; tick++) {
            engine.cron(later);
        }
        assertEquals(0, engine.keyspace().db(0).size());
        assertEquals(2, freed());
        assertTrue(engine.keyspace().lazy(Removal.EXPIRE));
    }

    @Test
    void evictionIsLazyUnderLazyfreeLazyEviction() {
        c.call("CONFIG", "SET", "lazyfree-lazy-eviction", "yes");
        c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
        bigSet("a", 100);
        c.call("CONFIG", "SET", "maxmemory", "1");
        assertEquals(0, engine.keyspace().db(0).size());
        assertEquals(1, freed());
    }

    @Test
    void flushesCountEveryKeyWhenAsync() {
        for (int i = 0; i < 10; i++) {
            c.call("SET", "k" + i, "v");
        }
        c.call("SELECT", "1");
        c.call("SET", "other", "v");
        c.call("FLUSHDB", "ASYNC");
        assertEquals(1, freed());
        c.call("FLUSHALL", "SYNC");
        assertEquals(1, freed());
        c.call("SET", "k", "v");
        c.call("CONFIG", "SET", "lazyfree-lazy-user-flush", "yes");
        c.call("FLUSHALL");
        assertEquals(2, freed());
        c.call("SET", "k", "v");
        c.call("FLUSHDB", "SYNC");
        assertEquals(2, freed());
    }

    @Test
    void infoReportsTheCounterAndConfigResetstatClearsIt() {
        bigSet("a", 100);
        c.call("UNLINK", "a");
        String info = c.call("INFO", "memory");
        assertTrue(info.contains("lazyfree_pending_objects:0\r\n"), info);
        assertTrue(info.contains("lazyfreed_objects:1\r\n"), info);
        c.call("CONFIG", "RESETSTAT");
        assertTrue(c.call("INFO", "memory").contains("lazyfreed_objects:0\r\n"));
    }

    @Test
    void settingsAreYesNoAndDefaultNo() {
        for (String name : new String[] {"lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
                "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "replica-lazy-flush"}) {
            assertTrue(c.call("CONFIG", "GET", name).endsWith("$2\r\nno\r\n"), name);
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", name, "YES"), name);
            assertTrue(c.call("CONFIG", "GET", name).endsWith("$3\r\nyes\r\n"), name);
            assertTrue(c.call("CONFIG", "SET", name, "maybe").startsWith("-ERR"), name);
        }
        assertTrue(c.call("CONFIG", "GET", "slave-lazy-flush").endsWith("$3\r\nyes\r\n"), "the old name of replica-lazy-flush");
    }
}
