package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOF's durability promises with real processes killed by SIGKILL (the server's image, as
 * users run it): with appendfsync always no acknowledged write is ever lost (20 kills during
 * sustained writes from several connections on the epoll transport, 8 on the blocking one); with everysec what is lost is at most the last
 * two seconds; a kill during BGREWRITEAOF leaves a directory that loads with all acknowledged data.
 *
 * <p>Each writer appends 0, 1, 2... to its own list and counts a number acknowledged once its
 * reply arrived; after the restart the list must hold 0..n-1 in order with n at least the count.
 */
class AofCrashTest {

    private static final int WRITERS = 3;

    @TempDir
    Path tmp;

    /** The default transport (epoll: the fsync happens in its beforeSend, once per loop turn). */
    private static String config() {
        List<String> names = ServerUnderTest.configurationNames();
        return names.contains("epoll") ? "epoll" : names.get(0);
    }

    private static ServerProcess start(Path dir, String... extra) throws Exception {
        return start(config(), dir, extra);
    }

    private static ServerProcess start(String config, Path dir, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--save", "", "--dir", dir.toString(), "--appendonly", "yes"));
        args.addAll(List.of(extra));
        return ServerProcess.start(config, List.of(), args.toArray(String[]::new));
    }

    /** The epoll transport with 20 kills; the blocking one (which fsyncs per batch) with 8. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> transports() {
        return ServerUnderTest.configurationNames().stream().filter(n -> n.equals("epoll") || n.equals("blocking"))
                .map(n -> org.junit.jupiter.params.provider.Arguments.of(n, n.equals("epoll") ? 20 : 8));
    }

    /** Appends to list {@code l<w>} from {@code from[w]} on, until the server dies. */
    private static final class Writers {
        final AtomicLongArray acked = new AtomicLongArray(WRITERS);
        /** Acknowledgement times (nanoTime) by value, for the everysec bound. */
        final long[][] ackTimes = new long[WRITERS][1 << 20];
        final List<Thread> threads = new ArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();

        Writers(Endpoint ep, long[] from) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                acked.set(w, from[w]);
                threads.add(Thread.ofPlatform().start(() -> {
                    try (RawConnection c = ep.connect()) {
                        for (long v = from[writer]; !stop.get() && v < ackTimes[writer].length; v++) {
                            Reply r = c.call("RPUSH", "l" + writer, Long.toString(v));
                            if (r.isError()) {
                                return;
                            }
                            ackTimes[writer][(int) v] = System.nanoTime();
                            acked.set(writer, v + 1);
                        }
                    } catch (Throwable dead) {
                        // the server was killed: what was acknowledged is counted
                    }
                }));
            }
        }

        void join() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    /** Checks each list is 0..n-1 with n >= the acknowledged count; returns the lengths. */
    private static long[] verify(Endpoint ep, long[] acked) {
        long[] lengths = new long[WRITERS];
        try (RawConnection c = ep.connect()) {
            for (int w = 0; w < WRITERS; w++) {
                long n = Long.parseLong(c.call("LLEN", "l" + w).rawText().trim().substring(1));
                assertTrue(n >= acked[w], "writer " + w + ": " + acked[w] + " acknowledged, " + n + " after the restart");
                if (n > 0) {
                    assertEquals("0", c.call("LINDEX", "l" + w, "0").text());
                    assertEquals(Long.toString(n - 1), c.call("LINDEX", "l" + w, "-1").text(), "writer " + w);
                    assertEquals(Long.toString(n / 2), c.call("LINDEX", "l" + w, Long.toString(n / 2)).text(), "writer " + w);
                }
                lengths[w] = n;
            }
        }
        return lengths;
    }

    private static long[] snapshot(AtomicLongArray a) {
        long[] out = new long[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    private static void kill(ServerProcess s) throws InterruptedException {
        s.process().destroyForcibly(); // SIGKILL
        s.process().waitFor(10, TimeUnit.SECONDS);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("transports")
    void appendfsyncAlwaysLosesNoAcknowledgedWrite(String transport, int kills) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("always-" + transport));
        Random rnd = new Random(13);
        long[] acked = new long[WRITERS];
        long total = 0;
        for (int trial = 0; trial <= kills; trial++) {
            try (ServerProcess s = start(transport, d, "--appendfsync", "always")) {
                long[] lengths = verify(s.endpoint(), acked);
                if (trial == kills) {
                    break;
                }
                Writers writers = new Writers(s.endpoint(), lengths);
                Thread.sleep(100 + rnd.nextInt(300));
                kill(s);
                writers.join();
                acked = snapshot(writers.acked);
                total += acked[0] - lengths[0];
            }
        }
        assertTrue(total > 0, "writes were acknowledged between the kills");
    }

    @Test
    void appendfsyncEverysecLosesAtMostTheLastTwoSeconds() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("everysec"));
        long[] from = new long[WRITERS];
        Writers writers;
        long killedAt;
        try (ServerProcess s = start(d, "--appendfsync", "everysec")) {
            writers = new Writers(s.endpoint(), from);
            Thread.sleep(2500);
            killedAt = System.nanoTime();
            kill(s);
            writers.join();
        }
        try (ServerProcess s = start(d)) {
            long[] bound = new long[WRITERS];
            long[] acked = snapshot(writers.acked);
            for (int w = 0; w < WRITERS; w++) {
                // every value acknowledged more than two seconds before the kill
                long v = 0;
                while (v < acked[w] && writers.ackTimes[w][(int) v] < killedAt - TimeUnit.SECONDS.toNanos(2)) {
                    v++;
                }
                bound[w] = v;
            }
            long[] lengths = verify(s.endpoint(), bound);
            for (int w = 0; w < WRITERS; w++) {
                System.out.println("everysec kill: writer " + w + " acknowledged " + acked[w] + ", found " + lengths[w]);
            }
        }
    }

    @Test
    void aKillDuringBgrewriteaofLeavesALoadableDirectoryWithAllAcknowledgedData() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("rewrite"));
        int keys = 200_000;
        try (ServerProcess s = start(d, "--appendfsync", "everysec"); RawConnection c = s.endpoint().connect()) {
            for (int i = 0; i < keys; i += 1000) {
                String[] mset = new String[1 + 2 * 1000];
                mset[0] = "MSET";
                for (int j = 0; j < 1000; j++) {
                    mset[1 + 2 * j] = "key:" + (i + j);
                    mset[2 + 2 * j] = "value-" + (i + j);
                }
                c.send(Bytes.command(mset));
            }
            c.read(keys / 1000);
            c.call("SHUTDOWN");
        } catch (RuntimeException closedByShutdown) {
            // SHUTDOWN's connection closes without a reply
        }
        Random rnd = new Random(7);
        long[] acked = new long[WRITERS];
        for (int trial = 0; trial <= 5; trial++) {
            try (ServerProcess s = start(d, "--appendfsync", "always")) {
                long[] lengths = verify(s.endpoint(), acked);
                try (RawConnection c = s.endpoint().connect()) {
                    long lists = java.util.Arrays.stream(lengths).filter(n -> n > 0).count();
                    assertEquals(keys, Long.parseLong(c.call("DBSIZE").rawText().trim().substring(1)) - lists);
                    if (trial == 5) {
                        break;
                    }
                    Writers writers = new Writers(s.endpoint(), lengths);
                    Thread.sleep(50);
                    c.send(Bytes.command("BGREWRITEAOF"));
                    Thread.sleep(rnd.nextInt(150));
                    kill(s);
                    writers.join();
                    acked = snapshot(writers.acked);
                }
            }
        }
    }
}
