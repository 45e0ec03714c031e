package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.Database;
import io.redisinternals.resp.Argv;
import org.junit.jupiter.api.Test;

/** The engine's side of expiry: the cron's active cycle and INFO expired_keys. */
class EngineExpiryTest {

    @Test
    void engineCronFreesExpiredKeysOfAnIdleServerAndCountsThem() {
        Engine engine = TestClient.boot();
        TestClient c = new TestClient(engine);
        c.call("SELECT", "3");
        for (int i = 0; i < 500; i++) {
            c.call("SET", "k" + i, "v", "PX", "1");
        }
        long later = System.currentTimeMillis() + 1_000;
        for (int tick = 0; tick < 20 && engine.keyspace().db(3).size() > 0; tick++) {
            engine.cron(later);
        }
        assertEquals(0, engine.keyspace().db(3).size());
        assertEquals(500, engine.keyspace().stats().expiredKeys());
        assertTrue(c.call("INFO", "stats").contains("expired_keys:500\r\n"));
    }

    @Test
    void lazyExpiryCountsToo() {
        Engine engine = TestClient.boot();
        TestClient c = new TestClient(engine);
        Database db = engine.keyspace().db(0);
        Argv a = Argv.of("SET", "k", "v");
        db.put(a, 1, "v".getBytes());
        db.setExpire(a, 1, 1); // 1970
        assertEquals("$-1\r\n", c.call("GET", "k"));
        assertEquals(1, engine.keyspace().stats().expiredKeys());
    }
}
