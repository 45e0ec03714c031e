package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * Lettuce's scripting API against the reference and ours, RESP2 and RESP3: every ScriptOutputType
 * decoding the same replies, SCRIPT LOAD/EXISTS/FLUSH, EVAL_RO, script errors as Lettuce surfaces
 * them, and Spring Data Redis's DefaultScriptExecutor pattern (EVALSHA, on NOSCRIPT fall back to EVAL)
 * written here with Lettuce alone. Redis's documented rate limiters run through that pattern: the
 * fixed window (INCR + EXPIRE) and the sliding window over a sorted set.
 */
class LettuceScriptingTest extends ConformanceTestBase {

    /** Sliding window: drop entries older than the window, count, admit (ZADD) when under the limit. */
    static final String SLIDING_WINDOW = "local now = tonumber(ARGV[1]) local window = tonumber(ARGV[2]) "
            + "redis.call('zremrangebyscore', KEYS[1], '-inf', now - window) "
            + "local count = redis.call('zcard', KEYS[1]) "
            + "if count < tonumber(ARGV[3]) then redis.call('zadd', KEYS[1], now, ARGV[4]) "
            + "redis.call('pexpire', KEYS[1], window) return 1 end return 0";

    private static ClientResources resources;

    @BeforeAll
    static void resources() {
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    }

    @AfterAll
    static void shutdown() {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** What Spring Data Redis does: EVALSHA, and EVAL with the same script when the server says NOSCRIPT. */
    static <T> T evalshaOrEval(RedisCommands<String, String> sync, String script, ScriptOutputType type,
            String[] keys, List<Object> seen, String... args) {
        try {
            return sync.evalsha(sync.digest(script), type, keys, args);
        } catch (RedisNoScriptException e) {
            seen.add("NOSCRIPT: " + e.getMessage());
            return sync.eval(script, type, keys, args);
        }
    }

    private static Object error(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (RedisCommandExecutionException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @FunctionalInterface
    interface Scenario {
        void run(RedisCommands<String, String> sync, List<Object> seen);
    }

    private static List<Object> run(Endpoint ep, int resp, Scenario scenario) {
        RedisURI uri = RedisURI.builder().withHost(ep.host()).withPort(ep.port())
                .withTimeout(Duration.ofMillis(RawConnection.READ_TIMEOUT_MILLIS)).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .protocolVersion(resp == 2 ? ProtocolVersion.RESP2 : ProtocolVersion.RESP3)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(RawConnection.READ_TIMEOUT_MILLIS)))
                .build());
        List<Object> seen = new ArrayList<>();
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> sync = conn.sync();
            seen.add(sync.scriptFlush());
            scenario.run(sync, seen);
            seen.add(sync.flushdb());
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        return seen;
    }

    private static void sameOnBoth(String config, int resp, Scenario scenario) {
        List<Object> expected = run(reference(), resp, scenario);
        assertEquals(expected, run(ours(config), resp, scenario));
    }

    @AllConfigurationsBothProtocols
    void outputTypesAndScriptCache(String config, int resp) {
        sameOnBoth(config, resp, (sync, seen) -> {
            // Every output type over replies of the matching shape.
            seen.add(sync.eval("return 42", ScriptOutputType.INTEGER));
            seen.add(sync.eval("return 'text'", ScriptOutputType.VALUE));
            seen.add(sync.eval("return redis.status_reply('FINE')", ScriptOutputType.STATUS));
            seen.add(sync.eval("return true", ScriptOutputType.BOOLEAN));
            seen.add(sync.eval("return false", ScriptOutputType.BOOLEAN));
            seen.add(sync.eval("return {1, 'two', {3, 'four'}, false}", ScriptOutputType.MULTI));
            seen.add(sync.eval("return {1, 'two', {3}, redis.status_reply('S')}", ScriptOutputType.OBJECT));
            seen.add(sync.eval("return nil", ScriptOutputType.VALUE));
            seen.add(sync.eval("return 3.99", ScriptOutputType.INTEGER));
            seen.add(sync.eval("return {KEYS[1], ARGV[1], #KEYS, #ARGV}", ScriptOutputType.MULTI,
                    new String[] {"key-a", "key-b"}, "arg-1"));
            seen.add(sync.eval("redis.setresp(3) return redis.call('hgetall', KEYS[1])", ScriptOutputType.OBJECT,
                    new String[] {"missing-hash"}));
            // Writes through scripts, read back through plain commands.
            seen.add(sync.eval("return redis.call('set', KEYS[1], ARGV[1])", ScriptOutputType.STATUS,
                    new String[] {"greeting"}, "hello"));
            seen.add(sync.get("greeting"));
            seen.add(sync.evalReadOnly("return redis.call('get', KEYS[1])", ScriptOutputType.VALUE,
                    new String[] {"greeting"}));
            // The script cache.
            String sha = sync.scriptLoad("return redis.call('incr', KEYS[1])");
            seen.add(sha);
            seen.add(sha.equals(sync.digest("return redis.call('incr', KEYS[1])")));
            seen.add(sync.scriptExists(sha, "ffffffffffffffffffffffffffffffffffffffff"));
            seen.add(sync.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"counter"}));
            seen.add(sync.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"counter"}));
            seen.add(sync.evalshaReadOnly(sync.scriptLoad("return redis.call('get', KEYS[1])"),
                    ScriptOutputType.VALUE, new String[] {"counter"}));
            seen.add(sync.scriptFlush());
            seen.add(sync.scriptExists(sha));
            seen.add(error(() -> sync.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"counter"})));
        });
    }

    @AllConfigurationsBothProtocols
    void springDataNoscriptFallbackAndRateLimiters(String config, int resp) {
        sameOnBoth(config, resp, (sync, seen) -> {
            // Spring Data Redis's pattern: the first call falls back, the second hits the cache EVAL filled.
            seen.add(evalshaOrEval(sync, JedisScriptingTest.RATE_LIMIT, ScriptOutputType.INTEGER,
                    new String[] {"rate:fixed"}, seen, "60", "2"));
            for (int i = 0; i < 3; i++) {
                seen.add(evalshaOrEval(sync, JedisScriptingTest.RATE_LIMIT, ScriptOutputType.INTEGER,
                        new String[] {"rate:fixed"}, seen, "60", "2"));
            }
            seen.add(sync.get("rate:fixed"));
            seen.add(sync.ttl("rate:fixed") > 0);
            // The sliding window, with explicit timestamps so the outcome is deterministic.
            long base = 1_000_000;
            for (int i = 0; i < 5; i++) {
                seen.add(evalshaOrEval(sync, SLIDING_WINDOW, ScriptOutputType.INTEGER, new String[] {"rate:sliding"},
                        seen, Long.toString(base + i * 100L), "1000", "3", "req-" + i));
            }
            // 1000 ms later the first requests have left the window.
            seen.add(evalshaOrEval(sync, SLIDING_WINDOW, ScriptOutputType.INTEGER, new String[] {"rate:sliding"},
                    seen, Long.toString(base + 1150), "1000", "3", "req-late"));
            seen.add(sync.zrange("rate:sliding", 0, -1));
            seen.add(sync.pttl("rate:sliding") > 0);
        });
    }

    /** Errors as Lettuce raises them, texts included. */
    @AllConfigurationsBothProtocols
    void errorsAsLettuceRaisesThem(String config, int resp) {
        sameOnBoth(config, resp, (sync, seen) -> {
            seen.add(sync.set("greeting", "hello"));
            seen.add(error(() -> sync.eval("return redis.call('incr', 'greeting')", ScriptOutputType.INTEGER)));
            seen.add(error(() -> sync.eval("error('boom')", ScriptOutputType.VALUE)));
            seen.add(error(() -> sync.eval("return {err='CUSTOM failure'}", ScriptOutputType.VALUE)));
            seen.add(error(() -> sync.eval("return +", ScriptOutputType.VALUE)));
            seen.add(error(() -> sync.evalReadOnly("return redis.call('del', KEYS[1])", ScriptOutputType.INTEGER,
                    new String[] {"greeting"})));
            seen.add(error(() -> sync.eval("return redis.call('get', KEYS[1])", ScriptOutputType.VALUE, new String[0])));
        });
    }
}
