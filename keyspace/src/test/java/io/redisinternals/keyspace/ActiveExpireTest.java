package io.redisinternals.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The active expiry cycle and the expired_keys accounting of both expiry paths. */
class ActiveExpireTest {

    private static final long NOW = 1_700_000_000_000L;

    private static void fill(Database db, int n, String prefix, long expireAt) {
        for (int i = 0; i < n; i++) {
            Argv a = Argv.of("SET", prefix + i, "v");
            db.put(a, 1, "v".getBytes());
            if (expireAt > 0) {
                db.setExpire(a, 1, expireAt);
            }
        }
    }

    @Test
    void cycleRepeatsWhileManySampledKeysAreExpired() {
        Keyspace ks = new Keyspace(1, 7);
        Database db = ks.db(0);
        fill(db, 10_000, "dead", NOW - 1);
        fill(db, 100, "live", NOW + 60_000);
        long removed = db.activeExpireCycle(NOW, System.nanoTime() + 10_000_000_000L, new Random(1));
        // Rounds go on while > 10% of a sample is expired: nearly all dead keys go in one call.
        assertTrue(removed > 9_000, "removed " + removed);
        assertEquals(removed, ks.stats().expiredKeys());
        assertEquals(10_100 - removed, db.size());
        assertEquals(100 + (10_000 - removed), db.expiresCount());
    }

    @Test
    void cycleStopsAfterOneRoundWhenFewKeysAreExpired() {
        Keyspace ks = new Keyspace(1, 7);
        Database db = ks.db(0);
        fill(db, 1_000, "live", NOW + 60_000);
        fill(db, 1, "dead", NOW - 1);
        long removed = db.activeExpireCycle(NOW, System.nanoTime() + 10_000_000_000L, new Random(2));
        assertTrue(removed <= 1, "one round of 20 samples at most finds the one dead key");
        assertEquals(1_001 - removed, db.size());
    }

    @Test
    void cycleRespectsItsDeadline() {
        Keyspace ks = new Keyspace(1, 7);
        Database db = ks.db(0);
        fill(db, 5_000, "dead", NOW - 1);
        long removed = db.activeExpireCycle(NOW, System.nanoTime() - 1, new Random(3));
        assertEquals(Database.EXPIRE_SAMPLES_PER_ROUND, removed, "a passed deadline still allows one round");
    }

    @Test
    void keyExpiringExactlyNowIsStillAlive() {
        Keyspace ks = new Keyspace(1, 7);
        Database db = ks.db(0);
        fill(db, 50, "edge", NOW);
        assertEquals(0, db.activeExpireCycle(NOW, System.nanoTime() + 1_000_000_000L, new Random(4)));
        assertEquals(50, db.activeExpireCycle(NOW + 1, System.nanoTime() + 1_000_000_000L, new Random(4)));
    }
}
