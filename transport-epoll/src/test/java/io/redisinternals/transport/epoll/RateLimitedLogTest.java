package io.redisinternals.transport.epoll;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A storm of one failure costs one line an interval, the next line counting the rest. */
class RateLimitedLogTest {

    /** Collects lines (message, and whether a stack trace came with it) at every level. */
    static final class Recorder implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<Level> levels = new CopyOnWriteArrayList<>();

        @Override public String getName() { return "test"; }
        @Override public boolean isLoggable(Level level) { return true; }
        @Override public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg + (thrown == null ? "" : " [stack]"));
            levels.add(level);
        }
        @Override public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
            levels.add(level);
        }
        @Override public void log(Level level, Supplier<String> msg) {
            log(level, null, msg.get(), (Throwable) null);
        }
    }

    @Test
    void oneLineAnIntervalWithTheCountOfTheOthersAndTheStackAtDebugOnly() throws Exception {
        Recorder r = new Recorder();
        RateLimitedLog log = new RateLimitedLog(r, 200_000_000L);
        IllegalStateException cause = new IllegalStateException("x");
        for (int i = 0; i < 10_000; i++) {
            log.log(System.Logger.Level.WARNING, "Accepting client connection: Too many open files", cause);
        }
        assertEquals(List.of("Accepting client connection: Too many open files",
                "Accepting client connection: Too many open files [stack]"), r.lines);
        assertEquals(List.of(System.Logger.Level.WARNING, System.Logger.Level.DEBUG), r.levels);
        assertEquals(9_999, log.suppressed());
        Thread.sleep(250);
        assertTrue(log.log(System.Logger.Level.WARNING, "Accepting client connection: Too many open files", null));
        assertEquals("Accepting client connection: Too many open files (9999 more suppressed)", r.lines.get(2));
        assertEquals(0, log.suppressed());
    }
}
