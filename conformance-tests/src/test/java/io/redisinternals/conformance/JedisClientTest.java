package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/** Jedis 8, RESP2 and RESP3: the same client-level sequence against the reference and ours. */
class JedisClientTest extends ConformanceTestBase {

    private static Jedis jedis(Endpoint ep, int resp) {
        return new Jedis(new HostAndPort(ep.host(), ep.port()), DefaultJedisClientConfig.builder()
                .protocol(resp == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2)
                .socketTimeoutMillis(RawConnection.READ_TIMEOUT_MILLIS)
                .connectionTimeoutMillis(RawConnection.READ_TIMEOUT_MILLIS)
                .build());
    }

    /** Runs the sequence and returns what the application sees, in order. */
    private static List<Object> sequence(Endpoint ep, int resp) {
        List<Object> seen = new ArrayList<>();
        try (Jedis j = jedis(ep, resp)) {
            seen.add(j.ping());
            seen.add(j.ping("hi"));
            seen.add(j.set("k", "v"));
            seen.add(j.get("k"));
            seen.add(j.get("missing"));
            seen.add(j.exists("k"));
            seen.add(j.exists("k", "missing", "k"));
            seen.add(j.del("k", "missing"));
            seen.add(j.exists("k"));
            seen.add(j.select(2));
            seen.add(j.set("in2", "x"));
            seen.add(j.dbSize());
            seen.add(j.select(0));
            seen.add(j.dbSize());
            seen.add(j.clientGetname());
            seen.add(j.clientSetname("jedis-conn"));
            seen.add(j.clientGetname());
            Map<String, String> cfg = j.configGet("databases");
            seen.add(cfg);
            seen.add(j.configGet("maxclients"));
            String info = j.info("server");
            seen.add(info.contains("redis_version:7.0.15"));
            seen.add(info.startsWith("# Server\r\n"));
            Pipeline p = j.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sets.add(p.set("p:" + i, "value-" + i));
            }
            Response<String> last = p.get("p:999");
            p.sync();
            seen.add(sets.stream().filter(r -> "OK".equals(r.get())).count());
            seen.add(last.get());
            seen.add(j.dbSize());
            seen.add(j.flushDB());
        }
        return seen;
    }

    /** Jedis's Transaction API: MULTI/EXEC results, and WATCH broken by a second connection. */
    private static List<Object> transactions(Endpoint ep, int resp) {
        List<Object> seen = new ArrayList<>();
        try (Jedis j = jedis(ep, resp); Jedis other = jedis(ep, resp)) {
            seen.add(j.set("counter", "10"));
            Transaction t = j.multi();
            Response<Long> incr = t.incrBy("counter", 5);
            Response<String> get = t.get("counter");
            t.set("s", "x");
            Response<Long> bad = t.incr("s");
            List<Object> results = t.exec();
            seen.add(incr.get());
            seen.add(get.get());
            seen.add(results.size());
            seen.add(String.valueOf(results.get(3)).contains("not an integer"));
            try {
                bad.get();
                seen.add("no error");
            } catch (JedisDataException e) {
                seen.add(e.getMessage());
            }
            seen.add(j.watch("counter"));
            seen.add(other.incr("counter"));
            Transaction failed = j.multi();
            failed.set("counter", "0");
            seen.add(failed.exec()); // null: the watched key changed
            seen.add(j.get("counter"));
            Transaction discarded = j.multi();
            discarded.set("counter", "0");
            seen.add(discarded.discard());
            seen.add(j.get("counter"));
            seen.add(j.flushDB());
        }
        return seen;
    }

    @AllConfigurationsBothProtocols
    void transactionsSameAsReference(String config, int resp) {
        List<Object> expected = transactions(reference(), resp);
        assertEquals(15L, expected.get(1), "reference INCRBY inside MULTI");
        assertEquals(expected, transactions(ours(config), resp));
    }

    @AllConfigurationsBothProtocols
    void sameResultsAsReference(String config, int resp) {
        List<Object> expected = sequence(reference(), resp);
        assertEquals(1000L, expected.get(expected.size() - 4), "reference pipelined sets");
        List<Object> actual = sequence(ours(config), resp);
        assertEquals(expected, actual);
    }
}
