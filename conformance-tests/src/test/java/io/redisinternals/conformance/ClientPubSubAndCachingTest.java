package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Real clients as subscribers and cache frontends, each run against the reference and against
 * ours with the same sequence: Lettuce's pub/sub listener (messages, pattern messages and
 * keyspace events, RESP2 and RESP3), Jedis's JedisPubSub, and Lettuce's client-side caching
 * frontend (ClientSideCaching over CLIENT TRACKING), whose cache must lose a key exactly when
 * another client changes it.
 */
class ClientPubSubAndCachingTest extends ConformanceTestBase {

    private static ClientResources resources;

    @BeforeAll
    static void resources() {
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    }

    @AfterAll
    static void shutdown() {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static RedisClient client(Endpoint ep, int resp) {
        RedisClient client = RedisClient.create(resources, RedisURI.builder().withHost(ep.host()).withPort(ep.port())
                .withTimeout(Duration.ofMillis(RawConnection.READ_TIMEOUT_MILLIS)).build());
        ClientOptions.Builder options = ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(RawConnection.READ_TIMEOUT_MILLIS)));
        if (resp == 2) {
            options.protocolVersion(ProtocolVersion.RESP2);
        }
        client.setOptions(options.build());
        return client;
    }

    private static List<String> drain(BlockingQueue<String> q, int n) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String m = q.poll(5, TimeUnit.SECONDS);
            got.add(m == null ? "<nothing within 5 s>" : m);
        }
        String extra = q.poll(100, TimeUnit.MILLISECONDS);
        if (extra != null) {
            got.add("unexpected: " + extra);
        }
        return got;
    }

    private static List<String> lettucePubSub(Endpoint ep, int resp) throws Exception {
        RedisClient client = client(ep, resp);
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub();
             StatefulRedisConnection<String, String> conn = client.connect()) {
            ps.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    q.add(channel + " " + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    q.add(pattern + " | " + channel + " " + message);
                }
            });
            RedisCommands<String, String> sync = conn.sync();
            sync.configSet("notify-keyspace-events", "E$g");
            ps.sync().subscribe("news", "__keyevent@0__:del");
            ps.sync().psubscribe("ne*", "__keyevent@0__:s*");
            List<String> seen = new ArrayList<>();
            seen.add(String.valueOf(sync.publish("news", "hello")));
            seen.add(String.valueOf(sync.publish("nest", "pattern only")));
            sync.set("k", "v");
            sync.del("k");
            seen.addAll(drain(q, 5));
            ps.sync().unsubscribe("news");
            seen.add(String.valueOf(sync.publish("news", "after")));
            seen.addAll(drain(q, 1));
            seen.add(String.valueOf(sync.pubsubNumpat()));
            return seen;
        } finally {
            try (StatefulRedisConnection<String, String> conn = client.connect()) {
                conn.sync().configSet("notify-keyspace-events", "");
            }
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @AllConfigurationsBothProtocols
    void lettuceSubscriberSeesWhatItSeesFromRedis(String config, int resp) throws Exception {
        assertEquals(lettucePubSub(reference(), resp), lettucePubSub(ours(config), resp));
    }

    private static List<String> jedisPubSub(Endpoint ep) throws Exception {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                q.add(channel + " " + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                q.add(pattern + " | " + channel + " " + message);
            }

            @Override
            public void onPSubscribe(String pattern, int subscribedChannels) {
                q.add("psubscribed " + pattern + " " + subscribedChannels);
            }
        };
        try (Jedis sub = new Jedis(ep.host(), ep.port()); Jedis pub = new Jedis(ep.host(), ep.port())) {
            Thread t = new Thread(() -> sub.psubscribe(listener, "orders.*"), "jedis-subscriber");
            t.start();
            List<String> seen = new ArrayList<>(drain(q, 1));
            seen.add(String.valueOf(pub.publish("orders.new", "42")));
            seen.add(String.valueOf(pub.publish("other", "x")));
            seen.addAll(drain(q, 1));
            listener.punsubscribe();
            t.join(5_000);
            seen.add(String.valueOf(t.isAlive()));
            return seen;
        }
    }

    @AllConfigurations
    void jedisSubscriberSeesWhatItSeesFromRedis(String config) throws Exception {
        assertEquals(jedisPubSub(reference()), jedisPubSub(ours(config)));
    }

    private static List<String> lettuceCaching(Endpoint ep) throws Exception {
        RedisClient client = client(ep, 3);
        Map<String, String> cache = new ConcurrentHashMap<>();
        List<String> seen = new ArrayList<>();
        try (StatefulRedisConnection<String, String> cached = client.connect();
             StatefulRedisConnection<String, String> other = client.connect()) {
            other.sync().set("user:1", "alice");
            CacheFrontend<String, String> frontend = ClientSideCaching.enable(CacheAccessor.forMap(cache), cached,
                    TrackingArgs.Builder.enabled());
            seen.add(frontend.get("user:1"));
            seen.add("cached=" + cache.containsKey("user:1"));
            seen.add(frontend.get("user:1"));
            other.sync().set("user:1", "bob");
            long deadline = System.currentTimeMillis() + 5_000;
            while (cache.containsKey("user:1") && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            seen.add("invalidated=" + !cache.containsKey("user:1"));
            seen.add(frontend.get("user:1"));
            other.sync().flushall();
            deadline = System.currentTimeMillis() + 500;
            while (!cache.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            seen.add("flushed=" + cache.isEmpty());
            frontend.close();
            return seen;
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @AllConfigurations
    void lettuceClientSideCachingInvalidatesAsWithRedis(String config) throws Exception {
        List<String> expected = lettuceCaching(reference());
        // the frontend cached, and lost the key when another client changed it (what it does with
        // FLUSHALL's null invalidation is Lettuce's business: compared, not assumed)
        assertEquals(List.of("alice", "cached=true", "alice", "invalidated=true", "bob"), expected.subList(0, 5));
        assertEquals(expected, lettuceCaching(ours(config)));
    }
}
