package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.redisson.Redisson;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RLock;
import org.redisson.api.RMapCache;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RSemaphore;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.Protocol;

/**
 * Redisson's Lua-backed objects against the reference and ours, RESP2 and RESP3: the same scenario
 * on each, the same observations. Redisson names lock owners by a random client id, so the
 * observations are outcomes (acquired or not, counts, whether a TTL is set), never raw values.
 */
class RedissonTest extends ConformanceTestBase {

    @FunctionalInterface
    interface Scenario {
        List<Object> run(RedissonClient redisson, Endpoint ep) throws Exception;
    }

    private static List<Object> run(Endpoint ep, int resp, Scenario scenario) throws Exception {
        Config config = new Config();
        config.setProtocol(resp == 3 ? Protocol.RESP3 : Protocol.RESP2);
        config.setNettyThreads(2);
        config.setThreads(2);
        config.useSingleServer().setAddress("redis://" + ep.host() + ":" + ep.port())
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(2)
                .setTimeout(RawConnection.READ_TIMEOUT_MILLIS).setRetryAttempts(0);
        RedissonClient redisson = Redisson.create(config);
        try {
            return scenario.run(redisson, ep);
        } finally {
            redisson.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static void sameOnBoth(String config, int resp, Scenario scenario) throws Exception {
        List<Object> expected = run(reference(), resp, scenario);
        assertEquals(expected, run(ours(config), resp, scenario));
    }

    /** Runs a call on another thread: Redisson's locks belong to threads. */
    private static <T> T elsewhere(Callable<T> call) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            return other.submit(call).get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }

    /** Polls PUBSUB NUMSUB until someone listens on the channel (bounded; no timing is asserted). */
    private static void awaitSubscriber(Endpoint ep, String channel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (RawConnection c = ep.connect()) {
            while (System.nanoTime() < deadline) {
                Reply r = c.call("PUBSUB", "NUMSUB", channel);
                if (!"0".equals(r.child(1).text())) {
                    return;
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("nobody subscribed to " + channel);
    }

    @AllConfigurationsBothProtocols
    void lockReentrancyLeaseAndForcedUnlock(String config, int resp) throws Exception {
        sameOnBoth(config, resp, (redisson, ep) -> {
            List<Object> seen = new ArrayList<>();
            RLock lock = redisson.getLock("lock:orders");
            lock.lock();
            seen.add(lock.isLocked());
            seen.add(lock.isHeldByCurrentThread());
            lock.lock();
            seen.add(lock.getHoldCount());
            seen.add(elsewhere(lock::tryLock));
            seen.add(elsewhere(() -> {
                try {
                    lock.unlock();
                    return "unlocked by a stranger";
                } catch (IllegalMonitorStateException e) {
                    return "refused: not the owner";
                }
            }));
            lock.unlock();
            seen.add(lock.isLocked());
            lock.unlock();
            seen.add(lock.isLocked());
            // A lease: the lock expires by itself; nobody else gets it meanwhile.
            seen.add(lock.tryLock(0, 10, TimeUnit.SECONDS));
            long ttl = lock.remainTimeToLive();
            seen.add(ttl > 0 && ttl <= 10_000);
            seen.add(elsewhere(() -> lock.tryLock(0, 10, TimeUnit.SECONDS)));
            seen.add(lock.forceUnlock());
            seen.add(lock.isLocked());
            seen.add(lock.forceUnlock());
            seen.add(elsewhere(() -> {
                boolean got = lock.tryLock(0, 10, TimeUnit.SECONDS);
                lock.unlock();
                return got;
            }));
            seen.add(lock.isLocked());
            return seen;
        });
    }

    @AllConfigurationsBothProtocols
    void unlockMessageWakesWaiter(String config, int resp) throws Exception {
        sameOnBoth(config, resp, (redisson, ep) -> {
            List<Object> seen = new ArrayList<>();
            RLock lock = redisson.getLock("lock:wake");
            // No lease: the watchdog keeps it for 30 s, longer than the waiter waits (20 s), so only
            // the unlock's pub/sub message can let the waiter in.
            lock.lock();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> waiter = other.submit(() -> {
                    boolean got = lock.tryLock(20, 10, TimeUnit.SECONDS);
                    if (got) {
                        lock.unlock();
                    }
                    return got;
                });
                awaitSubscriber(ep, "redisson_lock__channel:{lock:wake}");
                seen.add(waiter.isDone());
                lock.unlock();
                seen.add(waiter.get(15, TimeUnit.SECONDS));
            } finally {
                other.shutdownNow();
            }
            seen.add(lock.isLocked());
            return seen;
        });
    }

    @AllConfigurationsBothProtocols
    void semaphore(String config, int resp) throws Exception {
        sameOnBoth(config, resp, (redisson, ep) -> {
            List<Object> seen = new ArrayList<>();
            RSemaphore sem = redisson.getSemaphore("sem:pool");
            seen.add(sem.trySetPermits(3));
            seen.add(sem.trySetPermits(5));
            seen.add(sem.availablePermits());
            seen.add(sem.tryAcquire());
            seen.add(sem.tryAcquire(2));
            seen.add(sem.tryAcquire());
            seen.add(sem.availablePermits());
            sem.release(2);
            seen.add(sem.availablePermits());
            sem.acquire(2);
            seen.add(sem.availablePermits());
            sem.addPermits(4);
            seen.add(sem.drainPermits());
            seen.add(sem.availablePermits());
            seen.add(sem.tryAcquire(1, Duration.ZERO));
            return seen;
        });
    }

    @AllConfigurationsBothProtocols
    void rateLimiter(String config, int resp) throws Exception {
        sameOnBoth(config, resp, (redisson, ep) -> {
            List<Object> seen = new ArrayList<>();
            RRateLimiter limiter = redisson.getRateLimiter("limiter:api");
            seen.add(limiter.trySetRate(RateType.OVERALL, 3, Duration.ofMinutes(1)));
            seen.add(limiter.trySetRate(RateType.OVERALL, 10, Duration.ofMinutes(1)));
            for (int i = 0; i < 5; i++) {
                seen.add(limiter.tryAcquire());
            }
            seen.add(limiter.availablePermits());
            seen.add(limiter.getConfig().getRate());
            seen.add(limiter.getConfig().getRateInterval());
            limiter.setRate(RateType.OVERALL, 5, Duration.ofMinutes(1));
            seen.add(limiter.tryAcquire(2));
            seen.add(limiter.availablePermits());
            return seen;
        });
    }

    @AllConfigurationsBothProtocols
    void mapCacheWithTtls(String config, int resp) throws Exception {
        sameOnBoth(config, resp, (redisson, ep) -> {
            List<Object> seen = new ArrayList<>();
            RMapCache<String, String> map = redisson.getMapCache("cache:users", StringCodec.INSTANCE);
            seen.add(map.put("alice", "1", 10, TimeUnit.MINUTES));
            seen.add(map.put("bob", "2"));
            seen.add(map.fastPut("carol", "3", 100, TimeUnit.MILLISECONDS));
            seen.add(map.putIfAbsent("alice", "other", 10, TimeUnit.MINUTES));
            seen.add(map.get("alice"));
            seen.add(map.get("bob"));
            long ttl = map.remainTimeToLive("alice");
            seen.add(ttl > 0 && ttl <= 600_000);
            seen.add(map.remainTimeToLive("bob"));
            seen.add(map.remainTimeToLive("nobody"));
            seen.add(map.put("alice", "4", 10, TimeUnit.MINUTES));
            seen.add(map.containsKey("bob"));
            // carol's 100 ms TTL: poll until the entry reads as gone (bounded; no timing asserted).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (map.get("carol") != null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            seen.add(map.get("carol"));
            seen.add(map.containsKey("carol"));
            seen.add(new java.util.TreeMap<>(map.getAll(java.util.Set.of("alice", "bob", "carol"))));
            seen.add(map.remove("bob"));
            seen.add(map.fastRemove("alice", "nobody"));
            seen.add(map.isEmpty() || map.keySet().equals(java.util.Set.of("carol")));
            return seen;
        });
    }

    @AllConfigurationsBothProtocols
    void atomicLongCompareAndSet(String config, int resp) throws Exception {
        sameOnBoth(config, resp, (redisson, ep) -> {
            List<Object> seen = new ArrayList<>();
            RAtomicLong counter = redisson.getAtomicLong("counter:seq");
            seen.add(counter.compareAndSet(0, 5));
            seen.add(counter.compareAndSet(0, 6));
            seen.add(counter.get());
            seen.add(counter.compareAndSet(5, 10));
            seen.add(counter.incrementAndGet());
            seen.add(counter.getAndAdd(4));
            seen.add(counter.getAndSet(100));
            seen.add(counter.addAndGet(-1));
            seen.add(counter.getAndDelete());
            seen.add(counter.isExists());
            seen.add(counter.compareAndSet(0, 1));
            return seen;
        });
    }

    @AllConfigurations
    void lockWorksWithEveryTransportUnderContention(String config) throws Exception {
        // Four threads each take the lock 25 times and increment an unguarded counter inside it:
        // the final count proves mutual exclusion on our server.
        List<Object> seen = run(ours(config), 2, (redisson, ep) -> {
            RLock lock = redisson.getLock("lock:contended");
            int[] counter = {0};
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    all.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            lock.lock();
                            try {
                                int before = counter[0];
                                Thread.yield(); // widens the window a broken lock would let another thread into
                                counter[0] = before + 1;
                            } finally {
                                lock.unlock();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            return List.of(counter[0], lock.isLocked());
        });
        assertEquals(List.of(100, false), seen);
    }
}
