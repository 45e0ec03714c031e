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
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * Lettuce: the default handshake (HELLO 3), and RESP2 forced through ClientOptions; sync and async
 * APIs; the same sequence against the reference and ours.
 */
class LettuceClientTest extends ConformanceTestBase {

    private static ClientResources resources;

    @BeforeAll
    static void resources() {
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    }

    @AfterAll
    static void shutdown() {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static List<Object> sequence(Endpoint ep, int resp) throws Exception {
        RedisURI uri = RedisURI.builder().withHost(ep.host()).withPort(ep.port())
                .withTimeout(Duration.ofMillis(RawConnection.READ_TIMEOUT_MILLIS)).build();
        RedisClient client = RedisClient.create(resources, uri);
        ClientOptions.Builder options = ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(RawConnection.READ_TIMEOUT_MILLIS)));
        if (resp == 2) {
            options.protocolVersion(ProtocolVersion.RESP2);
        }
        client.setOptions(options.build());
        List<Object> seen = new ArrayList<>();
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> sync = conn.sync();
            // The protocol the handshake settled on, as the server sees it.
            String info = sync.clientInfo();
            seen.add(info.substring(info.indexOf(" resp=") + 1).strip());
            seen.add(sync.ping());
            seen.add(sync.echo("hello"));
            seen.add(sync.set("k", "v"));
            seen.add(sync.get("k"));
            seen.add(sync.get("missing"));
            seen.add(sync.exists("k", "k", "missing"));
            seen.add(sync.del("k"));
            seen.add(sync.clientSetname("lettuce-conn"));
            seen.add(sync.clientGetname());
            seen.add(sync.configGet("databases"));
            seen.add(sync.info("server").contains("redis_version:7.0.15"));
            seen.add(sync.dbsize());

            RedisAsyncCommands<String, String> async = conn.async();
            List<RedisFuture<String>> sets = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sets.add(async.set("a:" + i, "v" + i));
            }
            RedisFuture<String> get = async.get("a:499");
            RedisFuture<Long> exists = async.exists("a:0", "a:1", "nope");
            long ok = 0;
            for (RedisFuture<String> f : sets) {
                if ("OK".equals(f.get(5, TimeUnit.SECONDS))) {
                    ok++;
                }
            }
            seen.add(ok);
            seen.add(get.get(5, TimeUnit.SECONDS));
            seen.add(exists.get(5, TimeUnit.SECONDS));
            seen.add(async.dbsize().get(5, TimeUnit.SECONDS));
            seen.add(sync.flushdb());
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        return seen;
    }

    @AllConfigurationsBothProtocols
    void sameResultsAsReference(String config, int resp) throws Exception {
        List<Object> expected = sequence(reference(), resp);
        assertEquals("resp=" + resp, expected.get(0));
        List<Object> actual = sequence(ours(config), resp);
        assertEquals(expected, actual);
    }
}
