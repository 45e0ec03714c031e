package io.redisinternals.server;

import java.io.PrintStream;
import java.lang.System.Logger;
import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Routes every module's {@link System.Logger} to redis-server style log lines on stdout
 * ({@code pid:M 24 Nov 2026 05:00:00.123 * message}), so the server needs no logging library and
 * operators see the format they know. Registered with {@code provides System.LoggerFinder}.
 *
 * <p>The level follows the {@code loglevel} setting: debug, verbose, notice (default), warning,
 * nothing. System.Logger DEBUG/TRACE map to debug ('.'), INFO to notice ('*'), WARNING and ERROR
 * to warning ('#').
 */
public final class RedisLogFinder extends System.LoggerFinder {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);
    private static final long PID = ProcessHandle.current().pid();

    /** Minimum System.Logger level printed; volatile because CONFIG SET loglevel may change it. */
    private static volatile Logger.Level threshold = Logger.Level.INFO;
    private static volatile PrintStream sink = System.out;

    /**
     * Applies the {@code loglevel} and {@code logfile} settings ("" = stdout, as redis-server).
     *
     * @throws StartupException if the log file cannot be opened
     */
    static void configure(String level, String logfile) throws StartupException {
        loglevel(level);
        if (!logfile.isEmpty()) {
            try {
                sink = new PrintStream(new java.io.FileOutputStream(logfile, true), true, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new StartupException("Can't open the log file: " + e.getMessage(), e);
            }
        }
    }

    /** Applies a Redis {@code loglevel} value. */
    static void loglevel(String level) {
        threshold = switch (level) {
            case "debug" -> Logger.Level.DEBUG;
            case "verbose" -> Logger.Level.DEBUG;
            case "warning" -> Logger.Level.WARNING;
            case "nothing" -> Logger.Level.OFF;
            default -> Logger.Level.INFO;
        };
    }

    @Override
    public Logger getLogger(String name, Module module) {
        return new RedisLogger(name);
    }

    /**
     * A System.Logger message with its parameters, printed as redis-server's C-locale printf does:
     * a number as its plain digits (MessageFormat would group them, "6,719,727,900"), and nothing
     * taken from the JVM's default locale (a German one would print "0,5").
     */
    static String render(String format, Object... params) {
        if (params == null || params.length == 0) {
            return format;
        }
        Object[] plain = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            plain[i] = params[i] instanceof Number ? String.valueOf(params[i]) : params[i];
        }
        return new MessageFormat(format, Locale.ROOT).format(plain);
    }

    private record RedisLogger(String name) implements Logger {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            Level t = threshold;
            return t != Level.OFF && level != Level.OFF && level.getSeverity() >= t.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (!isLoggable(level)) {
                return;
            }
            emit(level, msg, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) {
                return;
            }
            emit(level, render(format, params), null);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            if (isLoggable(level)) {
                emit(level, msgSupplier.get(), null);
            }
        }

        private static void emit(Level level, String msg, Throwable thrown) {
            char mark = switch (level) {
                case ALL, TRACE, DEBUG -> '.';
                case INFO -> '*';
                default -> '#';
            };
            String line = PID + ":M " + TIME.format(ZonedDateTime.now()) + " " + mark + " " + msg;
            PrintStream out = sink;
            synchronized (out) {
                out.println(line);
                if (thrown != null) {
                    thrown.printStackTrace(out);
                }
            }
        }
    }
}
