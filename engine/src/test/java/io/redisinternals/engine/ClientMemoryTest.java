package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-client figures of CLIENT LIST/INFO and the clients' total ({@link ClientMemory}, {@link ClientEviction}). */
class ClientMemoryTest {

    /** One CLIENT LIST line as field -> value. */
    private static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : line.trim().split(" ")) {
            int eq = f.indexOf('=');
            m.put(f.substring(0, eq), f.substring(eq + 1));
        }
        return m;
    }

    /** The bulk text of a CLIENT INFO / CLIENT LIST reply. */
    private static String text(String reply) {
        return reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
    }

    private static Map<String, String> listed(TestClient observer, TestClient c) {
        return fields(text(observer.call("CLIENT", "LIST", "ID", Long.toString(c.session.id()))));
    }

    @Test
    void multiMemCountsQueuedArgumentsAsRedis() {
        Engine engine = TestClient.boot();
        TestClient c = new TestClient(engine);
        TestClient observer = new TestClient(engine);
        c.call("MULTI");
        c.call("SET", "a", "bbbbbbbbbb");
        c.call("SET", "c", "dddddddddd");
        // As redis-server 7.0.15 for the same commands: (3 + 1 + 10 + 3 * 8) * 2
        assertEquals("76", listed(observer, c).get("multi-mem"));
        assertEquals("2", listed(observer, c).get("multi"));
        c.call("EXEC");
        assertEquals("0", listed(observer, c).get("multi-mem"));
        c.call("MULTI");
        c.call("SET", "a", "b");
        c.call("DISCARD");
        assertEquals("0", listed(observer, c).get("multi-mem"));
    }

    @Test
    void theRunningCommandsArgumentsAndReplyBufferAreTheCallersOwn() {
        Engine engine = TestClient.boot();
        TestClient c = new TestClient(engine);
        Map<String, String> own = fields(text(c.call("CLIENT", "INFO")));
        assertEquals("10", own.get("argv-mem")); // "client" + "info", as Redis
        assertTrue(Long.parseLong(own.get("rbs")) > 0, own.toString());
        // seen from another client, nothing runs and no reply buffer is held
        Map<String, String> other = listed(new TestClient(engine), c);
        assertEquals("0", other.get("argv-mem"));
        assertEquals("0", other.get("rbs"));
        assertEquals("0", other.get("obl"));
    }

    @Test
    void queryBufferAndOutputFiguresComeFromTheConnection() {
        Engine engine = TestClient.boot();
        TestClient c = new TestClient(engine);
        TestClient observer = new TestClient(engine);
        c.channel.qbuf = 600_000;
        c.channel.qbufFree = 400_000;
        c.channel.partialArgv = 4;
        c.channel.pending = 50_000;
        Map<String, String> f = listed(observer, c);
        assertEquals("600000", f.get("qbuf"));
        assertEquals("400000", f.get("qbuf-free"));
        assertEquals("4", f.get("argv-mem"));
        assertEquals("50000", f.get("omem"));
        assertEquals("4", f.get("oll")); // 50,000 bytes in Redis's 16 KiB reply blocks
        assertEquals("rw", f.get("events"));
        assertEquals(ClientMemory.FIXED_BYTES + 600_000 + 400_000 + 4 + 50_000, Long.parseLong(f.get("tot-mem")));
        c.channel.pending = 0;
        assertEquals("r", listed(observer, c).get("events"));
    }

    @Test
    void theCronSumsEveryClientIntoMemClientsNormal() {
        Engine engine = TestClient.boot();
        TestClient a = new TestClient(engine);
        TestClient b = new TestClient(engine);
        a.channel.qbuf = 100_000;
        b.channel.pending = 30_000;
        engine.cron(System.currentTimeMillis());
        assertEquals(2 * ClientMemory.FIXED_BYTES + 130_000, engine.clientEviction().total());
        assertEquals(engine.clientEviction().total(), engine.memory().clients());
        assertEquals(100_000, engine.clientEviction().recentMaxInput());
        assertEquals(30_000, engine.clientEviction().recentMaxOutput());
        a.session.kill();
        assertEquals(ClientMemory.FIXED_BYTES + 30_000, engine.clientEviction().total());
    }

    @Test
    void limitIsBytesOrAPercentOfMaxmemoryAtLeast128Kb() throws Exception {
        Config config = new Config();
        config.set("maxmemory-clients", "0");
        assertEquals(0, ClientEviction.limitOf(config));
        config.set("maxmemory-clients", "1000");
        assertEquals(128 * 1024, ClientEviction.limitOf(config));
        config.set("maxmemory-clients", "3mb");
        assertEquals(3 * 1024 * 1024, ClientEviction.limitOf(config));
        config.set("maxmemory-clients", "10%");
        assertEquals(0, ClientEviction.limitOf(config)); // no maxmemory: no limit
        config.set("maxmemory", "10mb");
        assertEquals(1024 * 1024, ClientEviction.limitOf(config));
    }

    @Test
    void evictsTheBiggestEvictableClientsUntilUnderTheLimit() {
        Engine engine = TestClient.boot();
        TestClient admin = new TestClient(engine);
        TestClient kept = new TestClient(engine);
        TestClient big = new TestClient(engine);
        TestClient small = new TestClient(engine);
        kept.call("CLIENT", "NO-EVICT", "ON");
        kept.channel.qbuf = 700_000;
        big.channel.qbuf = 600_000;
        small.channel.qbuf = 200_000;
        admin.call("CONFIG", "SET", "maxmemory-clients", "1mb");
        engine.afterBatch(); // a changed setting applies at the end of the batch, as Redis's beforeSleep
        assertTrue(big.session.isClosed());
        assertTrue(big.channel.closedNow);
        assertFalse(kept.session.isClosed()); // the biggest, but NO-EVICT
        assertFalse(small.session.isClosed()); // the total went under the limit without it
        assertFalse(admin.session.isClosed());
        assertEquals(1, engine.clientEviction().evictedClients());
        assertTrue(admin.call("INFO", "stats").contains("evicted_clients:1\r\n"));
        // growing again: the next command of the grown client evicts it before it runs
        small.channel.qbuf = 900_000;
        assertEquals("", small.call("PING"));
        assertTrue(small.session.isClosed());
        assertEquals(2, engine.clientEviction().evictedClients());
        admin.call("CONFIG", "RESETSTAT");
        assertEquals(0, engine.clientEviction().evictedClients());
    }

    @Test
    void debugClientEvictionShowsRedisBuckets() throws Exception {
        Config config = new Config();
        config.applyStartup("enable-debug-command", java.util.List.of("yes"));
        Engine engine = TestClient.boot(config);
        TestClient admin = new TestClient(engine);
        TestClient big = new TestClient(engine);
        assertEquals("-ERR maxmemory-clients is disabled.\r\n", admin.call("DEBUG", "CLIENT-EVICTION"));
        admin.call("CONFIG", "SET", "maxmemory-clients", "10mb");
        admin.call("CLIENT", "NO-EVICT", "ON");
        big.channel.qbuf = 100_000;
        engine.cron(System.currentTimeMillis());
        String report = admin.call("DEBUG", "CLIENT-EVICTION");
        String[] lines = report.substring(report.indexOf("\r\n") + 2).split("\n"); // RESP2: the verbatim as a bulk
        assertEquals("bucket          0 -      32767: tot-mem:          0, clients: 0", lines[0]);
        // 102,048 bytes: the bucket of 65,536..131,071, the only evictable client (the admin is NO-EVICT)
        assertEquals("bucket      65536 -     131071: tot-mem:     " + (100_000 + ClientMemory.FIXED_BYTES) + ", clients: 1", lines[2]);
        assertEquals("bucket 4294967296+            : tot-mem:          0, clients: 0", lines[18]);
        assertEquals(20, lines.length); // 19 buckets and the verbatim's end
    }

    @Test
    void noLimitNoEviction() {
        Engine engine = TestClient.boot();
        TestClient c = new TestClient(engine);
        c.channel.qbuf = 500_000_000;
        engine.cron(System.currentTimeMillis());
        assertEquals("+PONG\r\n", c.call("PING"));
        assertFalse(c.session.isClosed());
        assertEquals(0, engine.clientEviction().evictedClients());
    }

    /**
     * The reply buffer lent to the client running a command is not its own: counting it made that
     * client the biggest of many idle ones, so an admin lifting a too-low limit was evicted first
     * and the limit could never be lifted.
     */
    @Test
    void theClientRunningACommandIsNotTheBiggestForItsLentReplyBuffer() {
        Engine engine = TestClient.boot();
        TestClient admin = new TestClient(engine);
        java.util.List<TestClient> idle = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestClient c = new TestClient(engine);
            c.channel.qbuf = 8_000; // ~10 KB each with the fixed part: 200 KB in all
            idle.add(c);
        }
        assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "maxmemory-clients", "5")); // 128 KB
        engine.afterBatch();
        assertFalse(admin.session.isClosed());
        assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "maxmemory-clients", "0"));
        assertFalse(admin.session.isClosed());
        long evicted = idle.stream().filter(c -> c.session.isClosed()).count();
        assertTrue(evicted >= 8 && evicted < 20, "idle clients evicted until under 128 KB: " + evicted);
        assertEquals(evicted, engine.clientEviction().evictedClients());
    }
}
