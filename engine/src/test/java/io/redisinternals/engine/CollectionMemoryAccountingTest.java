package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.HeapLayout;
import io.redisinternals.keyspace.types.ObjectLayout;
import io.redisinternals.keyspace.dict.KeyTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * used_memory follows the collections' element bytes through every write command: each command
 * that changes a collection in place must end with its key entry charged again (Database.modified),
 * or a stored value must be charged as stored. The first test runs every kind of collection write
 * and, after each, compares every key's stored charge with the charge computed afresh; the others
 * check that single writes move used_memory (and MEMORY USAGE) by about the bytes they add or drop.
 */
class CollectionMemoryAccountingTest {

    private static String big(int len, char c) {
        return String.valueOf(c).repeat(len);
    }

    /** used_memory without the clients' part (counted by the cron, not by these writes). */
    private static long used(TestClient c) {
        Memory m = c.engine.memory();
        return m.used() - m.clients();
    }

    /** Every key of db 0 whose stored charge differs from the charge computed from its current value. */
    private static List<String> staleCharges(TestClient c) {
        Database db = c.engine.keyspace().db(0);
        List<String> stale = new ArrayList<>();
        long sum = 0;
        List<byte[]> keys = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, keys::add);
        } while (cursor != 0);
        for (byte[] k : keys) {
            KeyTable.Entry<Object> e = db.peekEntry(k);
            long fresh = HeapLayout.keyEntry(e.key(), e.value());
            sum += e.charge();
            if (e.charge() != fresh) {
                stale.add(new String(k) + " charged " + e.charge() + " holds " + fresh);
            }
            String usage = c.call("MEMORY", "USAGE", new String(k, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (!usage.equals(":" + fresh + "\r\n")) {
                stale.add(new String(k) + ": MEMORY USAGE " + usage.trim() + " for " + fresh);
            }
        }
        if (sum != db.datasetBytes()) {
            stale.add("dataset " + db.datasetBytes() + " for charges summing to " + sum);
        }
        return stale;
    }

    @Test
    void everyCollectionWriteLeavesTheKeysChargedForWhatTheyHold() {
        TestClient c = TestClient.fresh();
        String b1 = big(100, 'b');
        String b2 = big(2000, 'c');
        String[][] writes = {
            {"HSET", "h", "a", "1", "b", "2"}, {"HSET", "h", "c", b1}, {"HSETNX", "h", "d", b1},
            {"HINCRBY", "h", "n", "5"}, {"HINCRBY", "h", "n", "5000000000"},
            {"HINCRBYFLOAT", "h", "f", "1.5"}, {"HINCRBYFLOAT", "h", "f", "1000000.125"}, {"HDEL", "h", "a", "zz"},
            {"HMSET", "hs", "a", "1"}, {"HINCRBYFLOAT", "hs", "a", "0.125"}, {"HSET", "hs", "a", b1.substring(0, 60)},
            {"RPUSH", "l", "x", "1", "2", "3", "4", "5"}, {"LPUSH", "l", b1}, {"LPUSHX", "l", "x"}, {"RPUSHX", "l", "y"},
            {"LSET", "l", "1", b2}, {"LINSERT", "l", "BEFORE", "x", b1}, {"LINSERT", "l", "AFTER", "y", b2},
            {"LREM", "l", "0", "x"}, {"LTRIM", "l", "1", "-2"}, {"LPOP", "l"}, {"RPOP", "l", "2"},
            {"RPOPLPUSH", "l", "l2"}, {"LMOVE", "l", "l2", "LEFT", "RIGHT"}, {"BLMOVE", "l2", "l", "RIGHT", "LEFT", "0"},
            {"LMPOP", "2", "l", "l2", "LEFT", "COUNT", "1"}, {"BLPOP", "l", "0"}, {"BRPOP", "l", "0"},
            {"RPUSH", "l3", "a", b2, "c"}, {"BLMPOP", "0", "1", "l3", "RIGHT"}, {"BRPOPLPUSH", "l3", "l", "0"},
            {"SADD", "s", "1", "2", "3"}, {"SADD", "si", "1", "2", "3", "4"}, {"SADD", "s", b1}, {"SREM", "s", "1"},
            {"SPOP", "s"}, {"SPOP", "s", "1"}, {"SMOVE", "si", "s", "4"}, {"SMOVE", "si", "s9", "3"},
            {"SADD", "s", "7", "8", "9", b2}, {"SINTERSTORE", "d1", "s", "si"}, {"SUNIONSTORE", "d2", "s", "si"},
            {"SDIFFSTORE", "d3", "s", "si"}, {"SDIFFSTORE", "s", "s", "si"},
            {"ZADD", "z", "1", "a", "2", "b"}, {"ZADD", "z", "3", b1}, {"ZINCRBY", "z", "5", "a"},
            {"ZADD", "z", "INCR", "1", "b"}, {"ZREM", "z", "b"}, {"ZADD", "z", "1", "c", "2", "d", "3", "e", "0.5", b2},
            {"ZREMRANGEBYSCORE", "z", "1", "2"}, {"ZREMRANGEBYRANK", "z", "0", "0"},
            {"ZADD", "zl", "0", "a", "0", "b", "0", "c"}, {"ZREMRANGEBYLEX", "zl", "[a", "[b"},
            {"ZPOPMIN", "z"}, {"ZPOPMAX", "z"}, {"ZADD", "z", "9", "p", "10", "q", "11", "r"}, {"BZPOPMIN", "z", "0"},
            {"BZPOPMAX", "z", "0"}, {"ZMPOP", "1", "z", "MIN"}, {"BZMPOP", "0", "1", "zl", "MAX"},
            {"ZADD", "z2", "1", b1, "2", "m"}, {"ZUNIONSTORE", "zu", "2", "z", "z2"}, {"ZINTERSTORE", "zi", "2", "z", "z2"},
            {"ZDIFFSTORE", "zd", "2", "z2", "z"}, {"ZRANGESTORE", "zr", "z2", "0", "-1"},
            {"SORT", "si", "STORE", "sorted"}, {"COPY", "h", "hcopy"}, {"RENAME", "hcopy", "hren"},
            {"HSET", "hren", "new", b2}, {"SET", "str", b1}, {"APPEND", "str", b2},
        };
        for (String[] w : writes) {
            String reply = c.call(w);
            assertTrue(!reply.startsWith("-"), String.join(" ", w) + ": " + reply);
            List<String> stale = staleCharges(c);
            assertTrue(stale.isEmpty(), String.join(" ", w).replace(b1, "<100 bytes>").replace(b2, "<2000 bytes>")
                    + " left stale charges: " + stale);
        }
    }

    @Test
    void hashWritesMoveUsedMemoryByTheirBytes() {
        TestClient c = TestClient.fresh();
        for (int i = 0; i < 600; i++) { // past hash-max-listpack-entries (512): a hashtable of 1,024 buckets
            c.call("HSET", "h", "f" + i, "v" + i);
        }
        long before = used(c);
        c.call("HSET", "h", "big", big(10_240, 'x'));
        long grown = used(c) - before;
        assertTrue(grown >= 10_240 && grown <= 10_240 + 256, "HSET of a new 10 KB field: " + grown);
        long usage = Long.parseLong(c.call("MEMORY", "USAGE", "h").trim().substring(1));
        assertTrue(usage >= 10_240 + 600 * 4, "MEMORY USAGE counts the fields: " + usage);

        before = used(c);
        c.call("HDEL", "h", "big");
        long dropped = before - used(c);
        assertTrue(dropped >= 10_240 && dropped <= 10_240 + 256, "HDEL of the 10 KB field: " + dropped);

        c.call("HSET", "h", "fl", "1.000000000000000000000000000000"); // 32 bytes
        before = used(c);
        assertEquals("$3\r\n2.5\r\n", c.call("HINCRBYFLOAT", "h", "fl", "1.5"));
        assertEquals(ObjectLayout.byteArray(3) - ObjectLayout.byteArray(32), used(c) - before,
                "HINCRBYFLOAT: the value's array shrank from 32 to 3 bytes");
    }

    @Test
    void listWritesMoveUsedMemoryByTheirBytes() {
        TestClient c = TestClient.fresh();
        String hundred = big(100, 'e');
        for (int i = 0; i < 1000; i++) {
            c.call("RPUSH", "l", hundred);
        }
        long before = used(c);
        c.call("LSET", "l", "500", big(5000, 'f'));
        long grown = used(c) - before;
        assertTrue(grown >= 4_900 && grown <= 2 * 5_000 + 8_192, "LSET 100 -> 5,000 bytes: " + grown);

        before = used(c);
        c.call("LINSERT", "l", "BEFORE", hundred, big(3000, 'g'));
        grown = used(c) - before;
        assertTrue(grown >= 3_000 && grown <= 3_000 + 2 * 8_192, "LINSERT of 3,000 bytes: " + grown);

        before = used(c);
        c.call("LTRIM", "l", "0", "99");
        long dropped = before - used(c);
        assertTrue(dropped >= 800 * 102 - 16_384, "LTRIM dropping 900 elements of 100 bytes: " + dropped);
    }

    @Test
    void setAndSortedSetWritesMoveUsedMemoryByTheirBytes() {
        TestClient c = TestClient.fresh();
        for (int i = 0; i < 1000; i++) {
            String member = i + big(96, 'm');
            c.call("SADD", "s", member);
            c.call("ZADD", "z", String.valueOf(i), member);
        }
        long perMember = 32 + ObjectLayout.byteArray(99);
        long before = used(c);
        c.call("SPOP", "s", "100");
        long dropped = before - used(c);
        assertTrue(dropped >= 100 * perMember, "SPOP of 100 members of ~99 bytes: " + dropped);

        before = used(c);
        c.call("ZREMRANGEBYSCORE", "z", "0", "99");
        dropped = before - used(c);
        assertTrue(dropped >= 100 * perMember, "ZREMRANGEBYSCORE of 100 members of ~99 bytes: " + dropped);
    }
}
