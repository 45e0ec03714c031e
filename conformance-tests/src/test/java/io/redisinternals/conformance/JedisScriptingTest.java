package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Jedis's scripting API as applications use it, against the reference and ours: the
 * EVALSHA-then-EVAL-on-NOSCRIPT pattern of Spring Data Redis, SCRIPT LOAD/EXISTS/FLUSH, a
 * compare-and-delete unlock, Redis's documented fixed-window rate limiter, and script errors.
 */
class JedisScriptingTest extends ConformanceTestBase {

    static final String UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) "
            + "else return 0 end";
    static final String RATE_LIMIT = "local current = redis.call('incr', KEYS[1]) "
            + "if current == 1 then redis.call('expire', KEYS[1], ARGV[1]) end "
            + "if current > tonumber(ARGV[2]) then return 0 end return 1";

    private static Jedis jedis(Endpoint ep, int resp) {
        return new Jedis(new HostAndPort(ep.host(), ep.port()), DefaultJedisClientConfig.builder()
                .protocol(resp == 3 ? RedisProtocol.RESP3 : RedisProtocol.RESP2)
                .socketTimeoutMillis(RawConnection.READ_TIMEOUT_MILLIS)
                .connectionTimeoutMillis(RawConnection.READ_TIMEOUT_MILLIS)
                .build());
    }

    /** EVALSHA, and EVAL when the server says NOSCRIPT (what Spring Data Redis does). */
    private static Object evalshaOrEval(Jedis j, String script, List<String> keys, List<String> args, List<Object> seen) {
        String sha = sha1(script);
        try {
            return j.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            seen.add("NOSCRIPT: " + e.getMessage());
            return j.eval(script, keys, args);
        }
    }

    static String sha1(String script) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object> sequence(Endpoint ep, int resp) {
        List<Object> seen = new ArrayList<>();
        try (Jedis j = jedis(ep, resp)) {
            seen.add(j.scriptFlush());
            seen.add(j.set("lock", "owner-1"));
            seen.add(evalshaOrEval(j, UNLOCK, List.of("lock"), List.of("someone-else"), seen));
            seen.add(evalshaOrEval(j, UNLOCK, List.of("lock"), List.of("owner-1"), seen)); // cached now
            seen.add(j.exists("lock"));
            String sha = j.scriptLoad(RATE_LIMIT);
            seen.add(sha);
            seen.add(j.scriptExists(sha, "ffffffffffffffffffffffffffffffffffffffff"));
            for (int i = 0; i < 5; i++) {
                seen.add(j.evalsha(sha, List.of("rate:user"), List.of("60", "3")));
            }
            seen.add(j.ttl("rate:user") > 0);
            seen.add(j.eval("return {1, 'two', {3}}"));
            seen.add(j.eval("return redis.call('ping')"));
            seen.add(j.flushDB());
        }
        return seen;
    }

    @AllConfigurationsBothProtocols
    void sameResultsAsReference(String config, int resp) {
        List<Object> expected = sequence(reference(), resp);
        assertEquals(expected, sequence(ours(config), resp));
    }

    private static List<Object> errors(Endpoint ep, int resp) {
        List<Object> seen = new ArrayList<>();
        try (Jedis j = jedis(ep, resp)) {
            try {
                j.eval("return redis.call('incr', 'lock-missing', 'extra')");
            } catch (JedisDataException e) {
                seen.add(e.getMessage());
            }
            try {
                j.eval("error('boom')");
            } catch (JedisDataException e) {
                seen.add(e.getMessage());
            }
        }
        return seen;
    }


    @AllConfigurationsBothProtocols
    void scriptErrorsAsJedisRaisesThem(String config, int resp) {
        assertEquals(errors(reference(), resp), errors(ours(config), resp));
    }
}
