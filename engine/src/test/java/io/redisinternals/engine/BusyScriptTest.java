package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.config.Config;
import io.redisinternals.resp.Argv;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The busy-script mechanics without a script: a "script" is this test's thread holding the
 * execution lock between {@link BusyScript#begin} and {@link BusyScript#end}, calling
 * {@link BusyScript#interrupt} as the instruction hook would. Other threads' requests are handed
 * to it and answered BUSY but for the allow-busy commands. Every wait is for a condition.
 */
class BusyScriptTest {

    private static final String EVAL_BUSY = "-" + io.redisinternals.command.RunningScript.EVAL_BUSY + "\r\n";

    private static Engine engine(String threshold) throws Exception {
        Config config = new Config();
        Engine engine = TestClient.boot(config);
        config.set("busy-reply-threshold", threshold);
        return engine;
    }

    @Test
    void beforeTheThresholdNothingIsBusy() throws Exception {
        Engine engine = engine("3600000");
        TestClient script = new TestClient(engine);
        ReentrantLock lock = (ReentrantLock) engine.executionLock();
        lock.lock();
        try {
            BusyScript.Run run = engine.busyScript().begin(script.session, Argv.of("EVAL", "x", "0"), true, "sha");
            assertFalse(engine.busyScript().interrupt(run));
            assertFalse(engine.busyScript().busy());
            assertEquals(null, engine.busyScript().running());
            engine.busyScript().end(run);
        } finally {
            lock.unlock();
        }
    }

    @Test
    void otherThreadsAreServedOnTheScriptThreadUntilItIsKilled() throws Exception {
        Engine engine = engine("0");
        BusyScript busy = engine.busyScript();
        TestClient script = new TestClient(engine);
        TestClient other = new TestClient(engine);
        ReentrantLock lock = (ReentrantLock) engine.executionLock();
        lock.lock();
        try {
            BusyScript.Run run = busy.begin(script.session, Argv.of("EVAL", "x", "0"), true, "sha");
            assertFalse(busy.interrupt(run));
            assertTrue(busy.busy());
            AtomicReference<String> ping = new AtomicReference<>();
            AtomicReference<String> multi = new AtomicReference<>();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            Thread client = new Thread(() -> busy.runLocked(() -> {
                ranOn.set(Thread.currentThread());
                ping.set(other.call("PING"));
                multi.set(other.call("MULTI"));
            }));
            client.start();
            while (client.isAlive()) {
                busy.interrupt(run); // the hook, until the hand-off has run
                Thread.onSpinWait();
            }
            assertEquals(Thread.currentThread(), ranOn.get(), "ran on the script's thread");
            assertEquals(EVAL_BUSY, ping.get());
            assertEquals("+OK\r\n", multi.get(), "MULTI is allow-busy");
            assertEquals("sha", busy.running().name());
            run.kill();
            assertTrue(busy.interrupt(run));
            busy.end(run);
            assertFalse(busy.busy());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aFunctionGetsTheFunctionText() throws Exception {
        Engine engine = engine("0");
        TestClient script = new TestClient(engine);
        TestClient other = new TestClient(engine);
        ReentrantLock lock = (ReentrantLock) engine.executionLock();
        lock.lock();
        try {
            BusyScript.Run run = engine.busyScript().begin(script.session, Argv.of("FCALL", "f", "0"), false, "f");
            engine.busyScript().interrupt(run);
            // the re-entrant case (an epoll loop serving its connections from the hook): nested, no lock taken
            assertEquals(BusyScript.Access.NESTED, engine.busyScript().acquire());
            assertEquals("-" + io.redisinternals.command.RunningScript.FUNCTION_BUSY + "\r\n", other.call("GET", "k"));
            engine.busyScript().end(run);
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aHandOffTheScriptNeverTookIsRunUnderTheLockAfterIt() throws Exception {
        Engine engine = engine("0");
        BusyScript busy = engine.busyScript();
        TestClient script = new TestClient(engine);
        TestClient other = new TestClient(engine);
        ReentrantLock lock = (ReentrantLock) engine.executionLock();
        AtomicReference<String> ping = new AtomicReference<>();
        AtomicBoolean held = new AtomicBoolean();
        lock.lock();
        BusyScript.Run run = busy.begin(script.session, Argv.of("EVAL", "x", "0"), true, "sha");
        busy.interrupt(run);
        Thread client = new Thread(() -> busy.runLocked(() -> {
            held.set(lock.isHeldByCurrentThread());
            ping.set(other.call("PING"));
        }));
        client.start();
        busy.end(run); // ends without another interrupt: whatever was handed over is not taken
        lock.unlock();
        client.join();
        assertTrue(held.get(), "ran holding the lock itself");
        assertEquals("+PONG\r\n", ping.get());
    }
}
