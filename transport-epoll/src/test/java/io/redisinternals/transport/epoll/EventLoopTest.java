package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.Connection;
import io.redisinternals.transport.spi.ConnectionHandler;
import io.redisinternals.transport.spi.TransportConfig;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's hot path allocates nothing per request, and an idle loop blocks after its bounded
 * spin. Runs on both backends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventLoopTest {

    /** GET/SET-sized traffic: a 40-byte request, a 5-byte reply. */
    private static final byte[] REQUEST = "SET key:000000000123 value-0123456789ab\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] REPLY = "+OK\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** Answers every line with REPLY from a reused buffer: allocates nothing itself. */
    private static final class AllocationFreeHandler implements ConnectionHandler {
        private final Connection connection;
        private final ByteBuffer reply = ByteBuffer.allocateDirect(REPLY.length).put(REPLY);

        AllocationFreeHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onRead(ByteBuffer in) {
            int start = in.position();
            for (int i = start; i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    reply.clear();
                    connection.write(reply);
                    in.position(i + 1);
                }
            }
        }

        @Override
        public void onClose() {
        }
    }

    private static EpollTransport start(boolean jni, int spin) throws IOException {
        if (jni) {
            assertTrue(Native.isAvailable(), () -> "JNI epoll unavailable: " + Native.unavailabilityCause());
        }
        TransportConfig config = new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 128, Map.of());
        EpollTransport t = EpollTransportProvider.create(config, AllocationFreeHandler::new, jni, 1, spin,
                EpollTransportProvider.HIGH_WATER, EpollTransportProvider.LOW_WATER, Duration.ofSeconds(1));
        t.start();
        return t;
    }

    @ParameterizedTest(name = "jni={0}")
    @ValueSource(booleans = {false, true})
    void requestsAllocateNothingOnTheLoopThreadInSteadyState(boolean jni) throws Exception {
        EpollTransport t = start(jni, 10);
        try (TestClient c = new TestClient(t.localAddresses().get(0))) {
            long loopId = t.loopThreads().get(0).threadId();
            byte[] pipeline = new byte[REQUEST.length * 10];
            for (int i = 0; i < 10; i++) {
                System.arraycopy(REQUEST, 0, pipeline, i * REQUEST.length, REQUEST.length);
            }
            byte[] replies = new byte[REPLY.length * 10];
            for (int i = 0; i < 10; i++) {
                System.arraycopy(REPLY, 0, replies, i * REPLY.length, REPLY.length);
            }
            // Warm up: JIT, the chunk pool, selector internals, lazily created iovec arrays.
            roundTrips(c, 20_000, pipeline, replies);
            long before = allocatedBytes(loopId);
            int requests = roundTrips(c, 20_000, pipeline, replies);
            long allocated = allocatedBytes(loopId) - before;
            // Zero per request; a few hundred bytes of slack for one-off JDK housekeeping.
            assertTrue(allocated < 2_048, allocated + " bytes allocated on the loop thread for " + requests + " requests");
        } finally {
            t.close(Duration.ofSeconds(1));
        }
    }

    /** Alternates single requests and pipelines of ten; returns the number of requests. */
    private static int roundTrips(TestClient c, int rounds, byte[] pipeline, byte[] replies) throws IOException {
        int requests = 0;
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                c.send(REQUEST);
                assertArrayEquals(REPLY, c.readExactly(REPLY.length));
                requests++;
            } else {
                c.send(pipeline);
                assertArrayEquals(replies, c.readExactly(replies.length));
                requests += 10;
            }
        }
        return requests;
    }

    @ParameterizedTest(name = "jni={0}")
    @ValueSource(booleans = {false, true})
    void anIdleLoopBlocksAfterItsBoundedSpin(boolean jni) throws Exception {
        EpollTransport t = start(jni, 1_000);
        try (TestClient c = new TestClient(t.localAddresses().get(0))) {
            c.send(REQUEST);
            assertArrayEquals(REPLY, c.readExactly(REPLY.length));
            long loopId = t.loopThreads().get(0).threadId();
            Thread.sleep(50);
            long cpuBefore = cpuNanos(loopId);
            Thread.sleep(500);
            long cpu = cpuNanos(loopId) - cpuBefore;
            assertTrue(cpu < TimeUnit.MILLISECONDS.toNanos(50), "idle loop used " + cpu / 1_000_000 + " ms of CPU in 500 ms");
            // And it still wakes up for the next request.
            c.send(REQUEST);
            assertArrayEquals(REPLY, c.readExactly(REPLY.length));
        } finally {
            t.close(Duration.ofSeconds(1));
        }
    }

    /**
     * epoll-spin auto on a lightly loaded loop: requests 2 ms apart close the window, so the loop
     * blocks instead of spinning through the gaps (a fixed spin of this length would spin them all).
     */
    @ParameterizedTest(name = "jni={0}")
    @ValueSource(booleans = {false, true})
    void theAdaptiveSpinStopsSpinningWhenRequestsComeRarely(boolean jni) throws Exception {
        EpollTransport t = start(jni, EpollTransport.SPIN_AUTO);
        try (TestClient c = new TestClient(t.localAddresses().get(0))) {
            long loopId = t.loopThreads().get(0).threadId();
            for (int i = 0; i < 20; i++) { // short gaps first: the window opens
                c.send(REQUEST);
                assertArrayEquals(REPLY, c.readExactly(REPLY.length));
            }
            long cpuBefore = cpuNanos(loopId);
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                Thread.sleep(2);
                c.send(REQUEST);
                assertArrayEquals(REPLY, c.readExactly(REPLY.length));
            }
            long elapsed = System.nanoTime() - start;
            long cpu = cpuNanos(loopId) - cpuBefore;
            // Spinning through every gap would take about all of the elapsed time.
            assertTrue(cpu < elapsed / 4, "loop used " + cpu / 1_000_000 + " ms of CPU in " + elapsed / 1_000_000 + " ms");
        } finally {
            t.close(Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest(name = "spin={0}")
    @ValueSource(ints = {0, 1, 100_000, EpollTransport.SPIN_AUTO})
    void anySpinServesRequests(int spin) throws Exception {
        EpollTransport t = start(false, spin);
        try (TestClient c = new TestClient(t.localAddresses().get(0))) {
            for (int i = 0; i < 100; i++) {
                c.send(REQUEST);
                assertArrayEquals(REPLY, c.readExactly(REPLY.length));
            }
            assertEquals(spin, t.spin());
        } finally {
            t.close(Duration.ofSeconds(1));
        }
    }

    // The test module does not read java.management; reach the platform MXBean reflectively.

    private static long allocatedBytes(long threadId) throws Exception {
        return (long) threadBeanMethod("com.sun.management.ThreadMXBean", "getThreadAllocatedBytes")
                .invoke(threadBean(), threadId);
    }

    private static long cpuNanos(long threadId) throws Exception {
        return (long) threadBeanMethod("java.lang.management.ThreadMXBean", "getThreadCpuTime")
                .invoke(threadBean(), threadId);
    }

    private static Object threadBean() throws Exception {
        return Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    }

    private static Method threadBeanMethod(String type, String name) throws Exception {
        return Class.forName(type).getMethod(name, long.class);
    }
}
