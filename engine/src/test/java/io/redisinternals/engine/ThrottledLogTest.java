package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    /** Records what would have been logged. */
    static final class RecordingLogger implements System.Logger {
        record Line(Level level, String message, Throwable thrown) {
        }

        final List<Line> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(new Line(level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(level, format, null));
        }
    }

    @Test
    void oneLinePerIntervalSayingHowManyWereSuppressed() {
        RecordingLogger logger = new RecordingLogger();
        AtomicLong clock = new AtomicLong(1_000_000);
        ThrottledLog log = new ThrottledLog(logger, 60_000, clock::get);
        RuntimeException first = new RuntimeException("first");
        assertTrue(log.log(System.Logger.Level.WARNING, "command failed", first));
        for (int i = 0; i < 1000; i++) {
            clock.addAndGet(10);
            assertFalse(log.log(System.Logger.Level.WARNING, "command failed", new RuntimeException()));
        }
        assertEquals(1, logger.lines.size(), "a flood costs one line");
        assertSame(first, logger.lines.get(0).thrown());
        clock.addAndGet(60_000);
        RuntimeException later = new RuntimeException("later");
        assertTrue(log.log(System.Logger.Level.ERROR, "command failed", later));
        assertEquals(2, logger.lines.size());
        assertEquals("command failed (1000 similar failures not logged since the previous line)",
                logger.lines.get(1).message());
        assertEquals(System.Logger.Level.ERROR, logger.lines.get(1).level());
        clock.addAndGet(60_001);
        assertTrue(log.log(System.Logger.Level.WARNING, "command failed", later));
        assertEquals("command failed", logger.lines.get(2).message(), "nothing suppressed: no count");
    }
}
