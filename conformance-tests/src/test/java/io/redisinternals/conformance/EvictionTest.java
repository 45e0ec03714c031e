package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * maxmemory and eviction. The bytes that are the contract (the -OOM error, EXECABORT, MEMORY's
 * help, errors and reply shapes, INFO memory's field names in order) are compared with the
 * reference; which keys a policy evicts depends on each server's own memory figures, so that is
 * checked on ours for plausibility: volatile-* never evicts a key without a TTL, volatile-ttl
 * evicts the nearest expiry first, allkeys-lru keeps the keys just touched, noeviction evicts
 * nothing; {@code evicted} events and {@code evicted_keys} are observed. Every test puts
 * maxmemory back to 0 and the policy to noeviction on both servers.
 */
class EvictionTest extends ConformanceTestBase {

    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";

    private static void restore(String config) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                c.call("CONFIG", "SET", "maxmemory", "0");
                c.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
                c.call("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    private static void maxmemoryOnBoth(String config, String value) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                assertEquals("+OK\r\n", c.call("CONFIG", "SET", "maxmemory", value).rawText());
            }
        }
    }

    /** Under noeviction over the limit: -OOM for DENYOOM commands, reads and DEL still run, in MULTI EXECABORT. */
    @AllConfigurationsBothProtocols
    void noevictionAnswersOomAsRedis(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "a", "1");
            d.same("CONFIG", "SET", "maxmemory", "1");
            Reply r = d.same("SET", "k", "v");
            assertEquals(OOM, r.rawText());
            d.same("GET", "a");
            d.same("INCR", "a");
            d.same("LPUSH", "l", "x");
            d.same("DEL", "a");
            d.same("MULTI");
            d.same("GET", "a");
            d.same("EXEC");
            d.same("MULTI");
            d.same("DISCARD");
            d.same("CONFIG", "SET", "maxmemory", "0");
            // queued while there was memory, refused at EXEC when there is not (set from another connection)
            d.same("MULTI");
            d.same("SET", "q", "1");
            maxmemoryOnBoth(config, "1");
            d.same("EXEC");
            maxmemoryOnBoth(config, "0");
            d.same("MULTI");
            d.same("GET", "q");
            maxmemoryOnBoth(config, "1");
            d.same("EXEC");
            d.assertNoMismatches();
        } finally {
            restore(config);
        }
    }

    @AllConfigurationsBothProtocols
    void memoryCommandShapesAndErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("MEMORY", "HELP");
            d.same("MEMORY");
            d.same("MEMORY", "FOO");
            d.same("MEMORY", "DOCTOR", "x");
            d.same("MEMORY", "USAGE");
            d.same("MEMORY", "USAGE", "nokey");
            d.same("SET", "foo", "bar");
            d.same(Normalize.anyInteger(), "MEMORY", "USAGE", "foo");
            d.same(Normalize.anyInteger(), "MEMORY", "USAGE", "foo", "SAMPLES", "0");
            d.same("MEMORY", "USAGE", "foo", "SAMPLES");
            d.same("MEMORY", "USAGE", "foo", "SAMPLES", "-1");
            d.same("MEMORY", "USAGE", "foo", "SAMPLES", "x");
            d.same("MEMORY", "USAGE", "foo", "bar");
            d.same("MEMORY", "USAGE", "nokey", "SAMPLES", "x");
            d.same("MEMORY", "PURGE");
            // an empty instance: Redis's "very little memory" report on both
            d.same("FLUSHALL");
            d.same("MEMORY", "DOCTOR");
            d.same(Normalize.shape(), "MEMORY", "STATS");
            d.same("SET", "foo", "bar");
            d.same(Normalize.shape(), "MEMORY", "STATS");
            d.assertNoMismatches();
        }
    }

    /** INFO memory: every field name of 7.0.15's section, in its order. */
    @AllConfigurations
    void infoMemoryFieldNamesInOrder(String config) {
        try (RawConnection ref = reference().connect(); RawConnection us = ours(config).connect()) {
            assertEquals(names(ref.call("INFO", "memory").text()), names(us.call("INFO", "memory").text()));
        }
    }

    private static List<String> names(String info) {
        return java.util.Arrays.stream(info.split("\r\n")).map(l -> l.contains(":") ? l.substring(0, l.indexOf(':')) : l)
                .toList();
    }

    /** Fills ours past a limit a little above what it uses now, with the given policy. */
    private static void limitAbove(RawConnection c, String policy, long headroom) {
        assertEquals("+OK\r\n", c.call("CONFIG", "SET", "maxmemory-policy", policy).rawText());
        long used = c.infoLong("used_memory");
        assertEquals("+OK\r\n", c.call("CONFIG", "SET", "maxmemory", String.valueOf(used + headroom)).rawText());
    }

    private static final String VALUE = "x".repeat(200);

    @AllConfigurations
    void volatilePoliciesNeverEvictKeysWithoutTtl(String config) {
        for (String policy : List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl")) {
            try (RawConnection c = ours(config).connect()) {
                c.call("FLUSHALL");
                for (int i = 0; i < 200; i++) {
                    c.call("SET", "persist:" + i, VALUE);
                }
                limitAbove(c, policy, 100_000);
                long before = c.infoLong("evicted_keys");
                for (int i = 0; i < 2000; i++) {
                    Reply r = c.call("SET", "vol:" + i, VALUE, "EX", String.valueOf(1000 + i));
                    assertFalse(r.isError(), policy + ": " + r.rawText());
                }
                assertTrue(c.infoLong("evicted_keys") > before, policy + " evicted nothing");
                for (int i = 0; i < 200; i++) {
                    assertEquals(VALUE, c.call("GET", "persist:" + i).text(), policy + " evicted a key without TTL");
                }
                assertTrue(c.infoLong("used_memory") <= c.infoLong("maxmemory"), policy + ": over the limit");
            } finally {
                restore(config);
            }
        }
    }

    @AllConfigurations
    void volatileTtlEvictsTheNearestExpiryFirst(String config) {
        try (RawConnection c = ours(config).connect()) {
            limitAbove(c, "volatile-ttl", 200_000);
            // TTLs grow with i: the survivors must be the late (far) ones
            int n = 3000;
            for (int i = 0; i < n; i++) {
                c.call("SET", "t:" + i, VALUE, "EX", String.valueOf(10_000 + i));
            }
            long evicted = c.infoLong("evicted_keys");
            assertTrue(evicted > 0, "nothing evicted");
            assertEquals(":1\r\n", c.call("EXISTS", "t:" + (n - 1)).rawText(), "the farthest expiry was evicted");
            int earlySurvivors = 0;
            for (int i = 0; i < n / 10; i++) {
                earlySurvivors += c.call("EXISTS", "t:" + i).text().equals("1") ? 1 : 0;
            }
            assertTrue(earlySurvivors < n / 20, "most of the nearest expiries survived: " + earlySurvivors);
        } finally {
            restore(config);
        }
    }

    @AllConfigurations
    void allkeysLruKeepsTouchedKeysAndRaisesEvictedEvents(String config) throws Exception {
        try (RawConnection c = ours(config).connect(); RawConnection sub = ours(config).connect()) {
            c.call("CONFIG", "SET", "notify-keyspace-events", "Ee");
            sub.call("SUBSCRIBE", "__keyevent@0__:evicted");
            limitAbove(c, "allkeys-lru", 300_000);
            long before = c.infoLong("evicted_keys");
            for (int i = 0; i < 100; i++) {
                c.call("SET", "hot:" + i, VALUE);
            }
            for (int i = 0; i < 700; i++) {
                c.call("SET", "cold:" + i, VALUE);
            }
            assertEquals(before, c.infoLong("evicted_keys"), "the limit was meant to hold the first 800 keys");
            // The LRU clock has a resolution of one second: the touch must be a second newer than
            // the cold keys' writes, so that the cold keys are the idlest.
            Thread.sleep(1100);
            // The server's LRU clock advances on its cron tick, which a loaded machine can delay:
            // wait until the cold keys look idle to the server itself (bounded).
            for (int wait = 0; wait < 100 && Long.parseLong(c.call("OBJECT", "IDLETIME", "cold:699").text()) < 1; wait++) {
                Thread.sleep(50);
            }
            for (int h = 0; h < 100; h++) {
                c.call("GET", "hot:" + h);
            }
            for (int i = 0; i < 500; i++) {
                c.call("SET", "new:" + i, VALUE);
            }
            assertTrue(c.infoLong("evicted_keys") > before);
            int hot = 0;
            for (int h = 0; h < 100; h++) {
                hot += c.call("EXISTS", "hot:" + h).text().equals("1") ? 1 : 0;
            }
            assertTrue(hot == 100, "allkeys-lru evicted recently touched keys: " + hot + " of 100 kept");
            Reply event = sub.read();
            assertEquals("__keyevent@0__:evicted", event.child(1).text());
        } finally {
            restore(config);
        }
    }

    @AllConfigurations
    void configSetMaxmemoryLowerEvictsAtOnceAndNoevictionEvictsNothing(String config) {
        try (RawConnection c = ours(config).connect()) {
            for (int i = 0; i < 1000; i++) {
                c.call("SET", "k:" + i, VALUE);
            }
            long used = c.infoLong("used_memory");
            long before = c.infoLong("evicted_keys");
            c.call("CONFIG", "SET", "maxmemory", String.valueOf(used - 50_000));
            assertEquals(before, c.infoLong("evicted_keys"), "noeviction evicted");
            assertEquals(":1000\r\n", c.call("DBSIZE").rawText());
            c.call("CONFIG", "SET", "maxmemory", "0");
            c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
            c.call("CONFIG", "SET", "maxmemory", String.valueOf(used - 50_000));
            assertTrue(c.infoLong("evicted_keys") > before, "lowering maxmemory evicted nothing");
            // A pass stops after its time limit (tenacity) with RUNNING; every command goes on with it.
            for (int i = 0; i < 1000 && c.infoLong("used_memory") > used - 50_000; i++) {
                c.call("PING");
            }
            assertTrue(c.infoLong("used_memory") <= used - 50_000);
        } finally {
            restore(config);
        }
    }

    /** Sustained writes under allkeys-lru: used_memory is at or under the limit after every write. */
    @AllConfigurations
    void sustainedWritesStayUnderTheLimit(String config) {
        try (RawConnection c = ours(config).connect()) {
            limitAbove(c, "allkeys-lru", 2_000_000);
            long limit = c.infoLong("maxmemory");
            String value = "v".repeat(1000);
            for (int i = 0; i < 20_000; i++) { // about 20 MB written into a 2 MB headroom
                assertFalse(c.call("SET", "s:" + i, value).isError());
                if (i % 500 == 0) {
                    long used = c.infoLong("used_memory");
                    assertTrue(used <= limit, "used_memory " + used + " > maxmemory " + limit + " after " + i + " writes");
                }
            }
            assertTrue(c.infoLong("evicted_keys") > 0);
        } finally {
            restore(config);
        }
    }

    /**
     * Redis's maxmemory warnings, same text as the reference: a limit under 1MB at startup, and a
     * CONFIG SET below the memory in use (the figures differ: used_memory is each server's own).
     * Ours adds its JVM heap advice: a 100kb limit on a 512 MB heap lets the heap grow far past it.
     */
    @AllConfigurations
    void maxmemoryWarningsAsRedisPlusTheHeapAdvice(String config) throws Exception {
        String d = ReferenceRedis.description();
        assertTrue(d.endsWith(")"), "the reference must be a redis-server binary here: " + d);
        java.nio.file.Path refLog = java.nio.file.Files.createTempFile("eviction-ref", ".log");
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--maxmemory", "100kb", "--logfile", refLog.toString());
                ServerProcess ours = ServerProcess.start(config, List.of("-Xmx512m"), "--maxmemory", "100kb")) {
            for (Endpoint ep : List.of(ref.endpoint(), ours.endpoint())) {
                try (RawConnection c = ep.connect()) {
                    c.call("CONFIG", "SET", "maxmemory", "0");
                    for (int i = 0; i < 100; i++) {
                        c.call("SET", "k" + i, "x".repeat(100));
                    }
                    assertEquals("+OK\r\n", c.call("CONFIG", "SET", "maxmemory", "1024").rawText());
                    c.call("CONFIG", "SET", "maxmemory", "0");
                }
            }
            List<String> refWarnings = maxmemoryWarnings(java.nio.file.Files.readString(refLog));
            List<String> ourWarnings = maxmemoryWarnings(ours.log());
            for (int i = 0; i < 100 && ourWarnings.size() < refWarnings.size() + 2; i++) {
                Thread.sleep(50); // our log is read by another thread
                ourWarnings = maxmemoryWarnings(ours.log());
            }
            assertEquals(2, refWarnings.size(), "reference log: " + java.nio.file.Files.readString(refLog));
            String heapAdvice = "WARNING: maxmemory is %d bytes but the JVM may grow its heap to 512mb: under sustained writes"
                    + " the process can use several times maxmemory. Start it with REDIS_INTERNALS_JAVA_OPTS=-Xmx256m to bound it.";
            assertEquals(List.of(refWarnings.get(0), heapAdvice.formatted(102400), refWarnings.get(1), heapAdvice.formatted(1024)),
                    ourWarnings, "ours: " + ours.log());
        }
    }

    private static List<String> maxmemoryWarnings(String log) {
        return log.lines().filter(l -> l.contains(" # ") && l.contains("maxmemory"))
                .map(l -> l.substring(l.indexOf(" # ") + 3).replaceAll("usage \\(\\d+\\)", "usage (N)")).toList();
    }

    /**
     * Collections of big elements count their bytes: 1,000 fields (or elements) of 1 KB grow
     * used_memory by at least the 1,000,000 payload bytes, and under allkeys-lru a load of such
     * hashes and lists far past the limit keeps used_memory at or under it (a fixed cost per element
     * used to let them hold several times maxmemory).
     */
    @AllConfigurations
    void bigElementCollectionsAreCountedAndBounded(String config) {
        try (RawConnection c = ours(config).connect()) {
            String kb = "e".repeat(1000);
            long before = c.infoLong("used_memory");
            for (int i = 0; i < 1000; i++) {
                assertFalse(c.call("HSET", "bigh", "f" + i, kb).isError());
            }
            long hashGrowth = c.infoLong("used_memory") - before;
            assertTrue(hashGrowth >= 1_000_000, "1,000 fields of 1 KB grew used_memory by " + hashGrowth);
            before = c.infoLong("used_memory");
            for (int i = 0; i < 1000; i++) {
                assertFalse(c.call("RPUSH", "bigl", kb).isError());
            }
            long listGrowth = c.infoLong("used_memory") - before;
            assertTrue(listGrowth >= 1_000_000, "1,000 elements of 1 KB grew used_memory by " + listGrowth);
            c.call("DEL", "bigh", "bigl");

            limitAbove(c, "allkeys-lru", 2_000_000);
            long limit = c.infoLong("maxmemory");
            for (int i = 0; i < 8_000; i++) { // about 8 MB of elements into a 2 MB headroom
                String key = (i % 2 == 0 ? "bh:" : "bl:") + (i / 100);
                Reply r = i % 2 == 0 ? c.call("HSET", key, "f" + i, kb) : c.call("LPUSH", key, kb);
                assertFalse(r.isError(), r.rawText());
                if (i % 250 == 0) {
                    long used = c.infoLong("used_memory");
                    assertTrue(used <= limit, "used_memory " + used + " > maxmemory " + limit + " after " + i + " writes");
                }
            }
            assertTrue(c.infoLong("evicted_keys") > 0, "the collections were evicted");
        } finally {
            restore(config);
        }
    }
}
