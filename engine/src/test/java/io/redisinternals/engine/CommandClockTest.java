package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandClockTest {

    @Test
    void theDerivedWallClockAgreesWithTheSystemClock() {
        CommandClock clock = new CommandClock();
        long before = System.currentTimeMillis();
        long derived = clock.wallMillis(clock.start());
        long after = System.currentTimeMillis();
        // One millisecond of slack each side: the anchor is read at microsecond precision, the
        // system clock's millisecond is truncated.
        assertTrue(derived >= before - 1 && derived <= after + 1, before + " <= " + derived + " <= " + after);
    }

    @Test
    void withinABatchACallStartsWhereThePreviousReadingEnded() throws InterruptedException {
        CommandClock clock = new CommandClock();
        clock.beginBatch();
        long first = clock.start();
        Thread.sleep(2);
        assertEquals(first, clock.start(), "no reading of its own");
        long end = clock.mark();
        assertTrue(end - first >= 2_000_000, "the mark is a fresh reading");
        assertEquals(end, clock.start(), "the next call starts at the previous call's end");
        clock.endBatch();
        Thread.sleep(2);
        long outside = clock.start();
        assertNotEquals(end, outside);
        assertTrue(outside - end >= 2_000_000, "outside a batch every start is a fresh reading");
    }

    @Test
    void calibrationFollowsTheSystemClock() throws InterruptedException {
        CommandClock clock = new CommandClock();
        Thread.sleep(20);
        clock.calibrate();
        long now = System.currentTimeMillis();
        assertTrue(Math.abs(clock.wallMillis(clock.start()) - now) <= 1);
    }

    @Test
    void aCommandsTimeIsMeasuredThroughTheCallPathWithinABatch() throws Exception {
        io.redisinternals.engine.config.Config config = new io.redisinternals.engine.config.Config();
        config.applyStartup("enable-debug-command", java.util.List.of("yes"));
        TestClient c = new TestClient(TestClient.boot(config));
        c.engine.beginBatch();
        try {
            c.call("PING");
            c.call("DEBUG", "SLEEP", "0.03");
            c.call("PING");
        } finally {
            c.engine.endBatch();
        }
        String stats = c.call("INFO", "commandstats");
        assertTrue(usec(stats, "debug") >= 30_000, stats);
        assertTrue(usec(stats, "ping") < 30_000, "the sleep is DEBUG's, not the next command's: " + stats);
    }

    private static long usec(String stats, String command) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_" + command + ":calls=\\d+,usec=(\\d+)").matcher(stats);
        assertTrue(m.find(), stats);
        return Long.parseLong(m.group(1));
    }
}
