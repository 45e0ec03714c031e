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

    @AllConfigurationsBothProtocols
    void sameResultsAsReference(String config, int resp) {
        List<Object> expected = sequence(reference(), resp);
        assertEquals(1000L, expected.get(expected.size() - 4), "reference pipelined sets");
        List<Object> actual = sequence(ours(config), resp);
        assertEquals(expected, actual);
    }
}
