package io.redisinternals.keyspace;

import io.redisinternals.keyspace.dict.KeyTable;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.RequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    private final Keyspace keyspace = new Keyspace(16, 99);
    private final Database db = keyspace.db(0);

    @Test
    void keyspaceHasNumberedDatabases() {
        assertEquals(16, keyspace.databaseCount());
        for (int i = 0; i < 16; i++) {
            assertEquals(i, keyspace.db(i).index());
        }
        assertThrows(IllegalArgumentException.class, () -> new Keyspace(0, 1));
    }

    @Test
    void putGetRemoveByArgvAndBytes() {
        Argv set = Argv.of("SET", "k", "v");
        db.put(set, 1, b("v"));
        assertArrayEquals(b("v"), (byte[]) db.get(b("k")));
        assertArrayEquals(b("v"), (byte[]) db.get(Argv.of("GET", "k"), 1));
        assertTrue(db.containsKey(Argv.of("EXISTS", "k"), 1));
        assertEquals(1, db.size());
        assertTrue(db.remove(Argv.of("DEL", "k"), 1));
        assertFalse(db.remove(Argv.of("DEL", "k"), 1));
        assertEquals(0, db.size());
    }

    @Test
    void putByteArrayTakesTheArray() {
        byte[] key = b("owned");
        db.put(key, b("1"));
        assertSame(key, db.entry(Argv.of("X", "owned"), 1).key());
        assertTrue(db.remove(b("owned")));
    }

    @Test
    void databasesAreIndependentAndFlushAllEmptiesAll() {
        keyspace.db(0).put(b("a"), b("0"));
        keyspace.db(3).put(b("a"), b("3"));
        assertArrayEquals(b("3"), (byte[]) keyspace.db(3).get(b("a")));
        assertNull(keyspace.db(1).get(b("a")));
        keyspace.db(3).flush();
        assertEquals(0, keyspace.db(3).size());
        assertEquals(1, keyspace.db(0).size());
        keyspace.db(5).put(b("b"), b("5"));
        keyspace.flushAll();
        for (int i = 0; i < 16; i++) {
            assertEquals(0, keyspace.db(i).size());
        }
    }

    @Test
    void expiresShareTheKeyArrayAndFollowTheKey() {
        Argv a = Argv.of("SET", "k", "v");
        db.put(a, 1, b("v"));
        assertEquals(-1, db.getExpire(a, 1));
        db.setExpire(a, 1, 1000);
        assertEquals(1, db.expiresCount());
        assertEquals(1000, db.getExpire(b("k")));
        assertSame(db.entry(a, 1).key(), db.expiresTable().entry(b("k")).key());

        // overwrite keeps the TTL, put (SET semantics) drops it
        db.overwrite(a, 1, b("w"));
        assertEquals(1000, db.getExpire(a, 1));
        db.put(a, 1, b("x"));
        assertEquals(-1, db.getExpire(a, 1));
        assertEquals(0, db.expiresCount());

        db.setExpire(a, 1, 2000);
        assertTrue(db.remove(a, 1));
        assertEquals(0, db.expiresCount());

        db.put(a, 1, b("v"));
        db.setExpire(a, 1, 3000);
        assertTrue(db.removeExpire(a, 1));
        assertFalse(db.removeExpire(a, 1));
        db.setExpire(a, 1, 3000);
        db.flush();
        assertEquals(0, db.expiresCount());
        assertThrows(IllegalStateException.class, () -> db.setExpire(a, 1, 1));
    }

    @Test
    void expireIfNeededRemovesOnlyWhenNowIsPastTheExpiry() {
        Argv a = Argv.of("GET", "k");
        db.put(b("k"), b("v"));
        assertFalse(db.expireIfNeeded(a, 1, 5000));
        db.setExpire(a, 1, 5000);
        assertFalse(db.expireIfNeeded(a, 1, 5000)); // now == when: still alive, as Redis
        assertTrue(db.containsKey(a, 1));
        assertTrue(db.expireIfNeeded(a, 1, 5001));
        assertFalse(db.containsKey(a, 1));
        assertEquals(0, db.expiresCount());
        assertEquals(0, db.size());
    }

    @Test
    void randomKeyAndRandomExpiringKey() {
        Random rnd = new Random(1);
        assertNull(db.randomKey(rnd));
        assertNull(db.randomExpiringKey(rnd));
        db.put(b("a"), b("1"));
        db.put(b("b"), b("2"));
        Argv a = Argv.of("X", "b");
        db.setExpire(a, 1, 42);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(new String(db.randomKey(rnd)));
            KeyTable.Entry<Long> e = db.randomExpiringKey(rnd);
            assertArrayEquals(b("b"), e.key());
            assertEquals(42L, e.value());
        }
        assertEquals(Set.of("a", "b"), seen);
    }

    @Test
    void scanVisitsEveryKey() {
        for (int i = 0; i < 500; i++) {
            db.put(b("key:" + i), b("v"));
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, k -> seen.add(new String(k)));
        } while (cursor != 0);
        assertEquals(500, seen.size());
    }

    @Test
    void keysAreCopiedOutOfTheRequestBuffer() throws Exception {
        byte[] frame = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$1\r\nv\r\n".getBytes(StandardCharsets.US_ASCII);
        Argv a = new Argv();
        assertTrue(new RequestParser().next(ByteBuffer.wrap(frame), a));
        db.put(a, 1, a.bytes(2));
        // the connection reuses its read buffer for the next request
        Arrays.fill(frame, (byte) 'X');
        assertArrayEquals(b("v"), (byte[]) db.get(b("key")));
        assertEquals(1, db.size());
    }

    @Test
    void rehashStepsFinishesResizes() {
        for (int i = 0; i < 129; i++) {
            db.put(b("k" + i), b("v"));
        }
        assertTrue(db.keyTable().isRehashing());
        while (db.rehashSteps(10)) {
        }
        assertFalse(db.keyTable().isRehashing());
        assertEquals(256, db.keyTable().bucketCount());
    }

    // ---- access stamps: LRU and LFU ---------------------------------------------------------------

    private static final long T0 = 1_700_000_000_000L;

    private int meta(String key) {
        return db.peekEntry(Argv.of("X", key), 1).meta();
    }

    @Test
    void lruStampsFollowTheClockOnLookupsAndWritesOnly() {
        keyspace.clock(T0);
        db.put(b("k"), b("v"));
        assertEquals(Keyspace.lruClock(T0), meta("k"));
        keyspace.clock(T0 + 5000);
        db.peek(Argv.of("X", "k"), 1);
        db.containsKey(b("k"));
        assertEquals(Keyspace.lruClock(T0), meta("k"));
        assertEquals(5, keyspace.idleSeconds(meta("k")));
        db.get(b("k"));
        assertEquals(Keyspace.lruClock(T0 + 5000), meta("k"));
        keyspace.clock(T0 + 9000);
        db.entry(Argv.of("X", "k"), 1);
        assertEquals(0, keyspace.idleSeconds(meta("k")));
    }

    @Test
    void lfuNewKeysStartAtTheInitialCounterAndGrowLogarithmically() {
        keyspace.clock(T0);
        keyspace.evictionSettings(0, "allkeys-lfu", 10, 1);
        assertTrue(keyspace.lfu());
        db.put(b("k"), b("v"));
        assertEquals(Keyspace.LFU_INIT_VAL, keyspace.lfuCounter(meta("k")));
        assertEquals((int) ((T0 / 60_000) & 0xFFFF), meta("k") >>> 8);
        db.get(b("k"));
        assertEquals(Keyspace.LFU_INIT_VAL + 1, keyspace.lfuCounter(meta("k"))); // certain up to the initial value
        for (int i = 0; i < 100_000; i++) {
            db.get(b("k"));
        }
        int counter = keyspace.lfuCounter(meta("k"));
        assertTrue(counter > 30 && counter < 255, "counter " + counter);
        // lfu-log-factor 0: every access counts, up to 255.
        keyspace.evictionSettings(0, "allkeys-lfu", 0, 1);
        for (int i = 0; i < 300; i++) {
            db.get(b("k"));
        }
        assertEquals(255, keyspace.lfuCounter(meta("k")));
    }

    @Test
    void lfuCountersDecayPerPeriodAndWrapWithTheMinuteClock() {
        keyspace.clock(T0);
        keyspace.evictionSettings(0, "volatile-lfu", 10, 2);
        db.put(b("k"), b("v"));
        int stamp = meta("k");
        keyspace.clock(T0 + 3 * 60_000);
        assertEquals(Keyspace.LFU_INIT_VAL - 1, keyspace.lfuCounter(stamp)); // 3 minutes = 1 whole period
        keyspace.clock(T0 + 60 * 60_000);
        assertEquals(0, keyspace.lfuCounter(stamp));
        keyspace.evictionSettings(0, "volatile-lfu", 10, 0);
        assertEquals(Keyspace.LFU_INIT_VAL, keyspace.lfuCounter(stamp)); // decay time 0: no decay
        // A stamp from "later" minutes is one from before the 16-bit minute clock wrapped.
        keyspace.evictionSettings(0, "volatile-lfu", 10, 1);
        keyspace.clock(0);
        assertEquals(20 - 5, keyspace.lfuCounter((65530 << 8) | 20)); // 65535 - 65530 + 0 minutes
    }

    @Test
    void lfuOverwriteKeepsTheCounterAndRemoveForgetsIt() {
        keyspace.clock(T0);
        keyspace.evictionSettings(0, "allkeys-lfu", 10, 0);
        Argv set = Argv.of("SET", "k", "v");
        db.put(set, 1, b("v"));
        db.peekEntry(set, 1).meta((meta("k") & ~0xFF) | 50);
        db.put(set, 1, b("w"));
        int c = keyspace.lfuCounter(meta("k"));
        assertTrue(c == 50 || c == 51, "counter " + c);
        db.overwrite(set, 1, b("x"));
        assertTrue(keyspace.lfuCounter(meta("k")) >= 50);
        db.put(b("k"), b("y"));
        assertTrue(keyspace.lfuCounter(meta("k")) >= 50);
        db.remove(set, 1);
        db.put(set, 1, b("z"));
        assertEquals(Keyspace.LFU_INIT_VAL, keyspace.lfuCounter(meta("k")));
        // Back to LRU: new writes are LRU stamps again; nothing is converted.
        keyspace.evictionSettings(0, "noeviction", 10, 1);
        assertFalse(keyspace.lfu());
        db.put(set, 1, b("z"));
        assertEquals(Keyspace.lruClock(T0), meta("k"));
    }

    @Test
    void sharedIntegersDependOnMemoryLimitAndPolicy() {
        assertTrue(keyspace.sharedIntegers());
        keyspace.evictionSettings(1, "allkeys-lru", 10, 1);
        assertFalse(keyspace.sharedIntegers());
        keyspace.evictionSettings(1, "volatile-lfu", 10, 1);
        assertFalse(keyspace.sharedIntegers());
        keyspace.evictionSettings(1, "allkeys-random", 10, 1);
        assertTrue(keyspace.sharedIntegers());
        keyspace.evictionSettings(0, "allkeys-lru", 10, 1);
        assertTrue(keyspace.sharedIntegers());
    }
}
