package io.redisinternals.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyBuffersTest {

    @Test
    void aWriterGivenBackIsTheNextOneTaken() {
        ReplyBuffers pool = new ReplyBuffers();
        ReplyWriter a = pool.take();
        ReplyWriter b = pool.take();
        assertNotSame(a, b);
        pool.give(a);
        assertEquals(1, pool.pooled());
        assertSame(a, pool.take());
        assertEquals(0, pool.pooled());
    }

    @Test
    void thePoolKeepsAtMostItsBound() {
        ReplyBuffers pool = new ReplyBuffers();
        List<ReplyWriter> taken = new ArrayList<>();
        for (int i = 0; i < ReplyBuffers.MAX_POOLED + 10; i++) {
            taken.add(pool.take());
        }
        taken.forEach(pool::give);
        assertEquals(ReplyBuffers.MAX_POOLED, pool.pooled());
    }

    /** Threads taking and giving at once never share a writer and lose none below the bound. */
    @Test
    void concurrentTakersNeverShareAWriter() throws InterruptedException {
        ReplyBuffers pool = new ReplyBuffers();
        Set<ReplyWriter> inUse = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        ReplyWriter w = pool.take();
                        if (!inUse.add(w)) {
                            throw new AssertionError("a writer handed out twice");
                        }
                        inUse.remove(w);
                        pool.give(w);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(true, pool.pooled() >= 1 && pool.pooled() <= 4, "pooled " + pool.pooled());
    }
}
