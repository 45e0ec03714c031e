package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.ObjectLayout;
import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The eviction pool's ordering and bounds (evict.c's evictionPoolPopulate), and the memory accounting. */
class EvictionPoolTest {

    private static byte[] k(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void keepsTheSixteenBestInAscendingOrder() {
        EvictionPool pool = new EvictionPool();
        for (int i = 0; i < 40; i++) {
            pool.offer(0, k("k" + i), (i * 7919L) % 40); // every score 0..39 once, shuffled
        }
        assertEquals(EvictionPool.SIZE, pool.size());
        for (int j = 0; j < EvictionPool.SIZE; j++) {
            assertEquals(24 + j, pool.score(j), "slot " + j);
        }
        // a key worse than all of a full pool is not taken
        pool.offer(0, k("bad"), 1);
        assertEquals(24, pool.score(0));
        // the best is taken from the right; slots stay packed
        int best = pool.best();
        assertEquals(39, pool.score(best));
        pool.take(best);
        assertEquals(EvictionPool.SIZE - 1, pool.size());
        assertEquals(38, pool.score(pool.best()));
    }

    @Test
    void aKeyOfferedAgainIsPooledOnceWithItsNewScore() {
        EvictionPool pool = new EvictionPool();
        pool.offer(0, k("a"), 5);
        pool.offer(1, k("a"), 6); // another database: another key
        pool.offer(0, k("a"), 9);
        assertEquals(2, pool.size());
        assertArrayEquals(k("a"), pool.key(pool.best()));
        assertEquals(0, pool.db(pool.best()));
        assertEquals(9, pool.score(pool.best()));
    }

    @Test
    void timeLimitFollowsRedisTenacity() {
        assertEquals(0, Eviction.timeLimitNanos(0));
        assertEquals(500_000, Eviction.timeLimitNanos(10));
        assertEquals(Long.MAX_VALUE, Eviction.timeLimitNanos(100));
    }

    @Test
    void datasetBytesFollowWritesInPlaceChangesAndDeletes() {
        Engine engine = TestClient.boot();
        Database db = engine.keyspace().db(0);
        long empty = engine.memory().used();
        Argv set = Argv.of(new byte[][] {k("SET"), k("key"), k("value")});
        db.put(set, 1, k("value"));
        long one = ObjectLayout.TABLE_ENTRY + ObjectLayout.byteArray(3) + ObjectLayout.byteArray(5);
        assertEquals(one, db.datasetBytes());
        db.put(set, 1, new byte[100]);
        assertEquals(ObjectLayout.TABLE_ENTRY + ObjectLayout.byteArray(3) + ObjectLayout.byteArray(100), db.datasetBytes());
        assertEquals(db.datasetBytes(), db.chargeOf(set, 1));
        db.remove(k("key"));
        assertEquals(0, db.datasetBytes());
        assertEquals(empty + db.mainTableBytes(), engine.memory().used()); // the emptied table keeps its bucket array
        for (int i = 0; i < 1000; i++) {
            db.put(k("k" + i), k("v"));
        }
        long used = engine.memory().used();
        db.flush();
        assertEquals(0, db.datasetBytes());
        assertEquals(used, engine.memory().peak());
    }
}
