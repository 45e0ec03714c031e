package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.Availability;
import io.redisinternals.transport.spi.ConnectionAcceptor;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;
import io.redisinternals.transport.spi.TransportProvider;
import io.redisinternals.transport.spi.TransportSetting;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The event-loop transport: {@code io-threads} loops, each over Linux epoll through JNI, or over a
 * java.nio Selector where the JNI library cannot load. Since the Selector works wherever java.nio
 * does, the transport is available everywhere and, with priority 20, is the default over the
 * blocking transport (10).
 *
 * <p>Settings (fixed at startup):
 * <ul>
 *   <li>{@code epoll-native auto|yes|no} (auto): auto uses JNI when {@link Native#isAvailable()}
 *       and otherwise the Selector, logging the cause once; yes refuses to create the transport
 *       without JNI; no always uses the Selector.</li>
 *   <li>{@code io-threads 1..128} (1): event loops; each connection stays on one for life.</li>
 *   <li>{@code epoll-spin auto|0..}{@value #MAX_SPIN} ({@value #DEFAULT_SPIN}): how long a loop
 *       with nothing to do polls before it blocks. {@code auto}: a window of up to 50 µs that
 *       follows the idle gaps the loop sees ({@link SpinWindow}), yielding the core between polls,
 *       so an idle or lightly loaded server blocks at once and a busy one saves the sleep and
 *       wake-up per request; a number: that many empty polls after every turn; 0: block at once,
 *       as redis-server does (docs/ARCHITECTURE.md, threading model).</li>
 * </ul>
 *
 * <p>Construction does nothing: no native loading, no threads. {@link #availability()} probes the
 * JNI library once, only to report why the preferred backend would not be used.
 */
public final class EpollTransportProvider implements TransportProvider {

    private static final System.Logger LOG = System.getLogger(EpollTransportProvider.class.getName());

    static final String EPOLL_NATIVE = "epoll-native";
    static final String IO_THREADS = "io-threads";
    static final String EPOLL_SPIN = "epoll-spin";

    /**
     * The adaptive spin. A fixed count is a poor default: 100 polls cost up to 30% at 50 clients
     * and 1000 halved single-client throughput (the spinning loop took the core the client needed),
     * and any fixed spin burns its length after every turn of a lightly loaded server. The adaptive
     * window beat no spin at S1, S3, S12 and S14 side by side (docs/PERFORMANCE.md, "The adaptive
     * spin"); its price is CPU while a client keeps the loop busy (S3: 42 against 28 µs per request).
     */
    static final String DEFAULT_SPIN = "auto";
    static final int MAX_SPIN = 100_000;

    /**
     * Pending output beyond which a connection is no longer read. Redis itself has no limit for
     * normal clients; we stop reading a peer that pipelines requests without reading replies, so
     * its memory is bounded by TCP flow control instead. 8 MiB is twice the largest default
     * autotuned send buffer (tcp_wmem max 4 MiB), so a client that reads at any normal pace never
     * meets it, and it stays below Redis's pub/sub soft limit so the two never fight.
     */
    static final long HIGH_WATER = 8L * 1024 * 1024;
    /** Reading resumes below this: a quarter of the high mark, so interest does not flap per write. */
    static final long LOW_WATER = 2L * 1024 * 1024;
    /** How long closing a connection may spend sending its queued output before the socket is cut. */
    static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private static final List<TransportSetting> SETTINGS = List.of(
            new TransportSetting(EPOLL_NATIVE, "auto", EpollTransportProvider::normalizeNativeMode),
            new TransportSetting(IO_THREADS, "1", v -> normalizeInt(v, 1, 128)),
            new TransportSetting(EPOLL_SPIN, DEFAULT_SPIN, EpollTransportProvider::normalizeSpin));

    private volatile Availability availability;

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public int priority() {
        return 20;
    }

    /**
     * Always available (the Selector backend needs only java.nio); the cause, when present, says
     * why the JNI backend is not usable here. Probes the JNI library on first call.
     */
    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = new Availability(true, Native.unavailabilityCause());
            availability = a;
        }
        return a;
    }

    @Override
    public List<TransportSetting> settings() {
        return SETTINGS;
    }

    /**
     * Chooses the backend (probing JNI unless {@code epoll-native no}) and creates an unstarted
     * transport.
     *
     * @throws IllegalArgumentException if a setting is invalid, or epoll-native is yes and the JNI
     *                                  backend is unavailable (the message carries the cause)
     */
    @Override
    public Transport create(TransportConfig config, ConnectionAcceptor handlers) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handlers, "handlers");
        if (config.backlog() < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + config.backlog());
        }
        String mode = setting(config, EPOLL_NATIVE, "auto", EpollTransportProvider::normalizeNativeMode);
        int ioThreads = Integer.parseInt(setting(config, IO_THREADS, "1", v -> normalizeInt(v, 1, 128)));
        String spinSetting = setting(config, EPOLL_SPIN, DEFAULT_SPIN, EpollTransportProvider::normalizeSpin);
        int spin = spinSetting.equals("auto") ? EpollTransport.SPIN_AUTO : Integer.parseInt(spinSetting);
        boolean jni = switch (mode) {
            case "no" -> false;
            case "yes" -> {
                Throwable cause = Native.unavailabilityCause();
                if (cause != null) {
                    throw new IllegalArgumentException(
                            "epoll-native is yes but the JNI epoll backend is unavailable: " + cause, cause);
                }
                yield true;
            }
            default -> {
                Throwable cause = Native.unavailabilityCause();
                if (cause != null) {
                    LOG.log(System.Logger.Level.WARNING,
                            "JNI epoll unavailable, using the java.nio Selector backend: " + cause);
                }
                yield cause == null;
            }
        };
        return create(config, handlers, jni, ioThreads, spin, HIGH_WATER, LOW_WATER, CLOSE_FLUSH_TIMEOUT);
    }

    /** With every knob explicit (tests use small backpressure bounds). */
    static EpollTransport create(TransportConfig config, ConnectionAcceptor handlers, boolean jni, int ioThreads,
                                 int spin, long highWater, long lowWater, Duration closeFlushTimeout) {
        EpollTransport.PollerFactory pollers = jni ? EpollPoller::new : SelectorPoller::new;
        return new EpollTransport(config, handlers, pollers, jni ? "jni-epoll" : "nio-selector",
                ioThreads, spin, highWater, lowWater, closeFlushTimeout);
    }

    private static String setting(TransportConfig config, String name, String dflt,
                                  java.util.function.UnaryOperator<String> normalizer) {
        String raw = config.setting(name).orElse(dflt);
        try {
            return normalizer.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + raw + "': " + e.getMessage(), e);
        }
    }

    /** auto, yes or no in any case, printed lower case; Redis's enum-config reason text otherwise. */
    static String normalizeNativeMode(String raw) {
        String v = raw.toLowerCase(Locale.ROOT);
        if (v.equals("auto") || v.equals("yes") || v.equals("no")) {
            return v;
        }
        throw new IllegalArgumentException("argument(s) must be one of the following: auto, yes, no");
    }

    /** {@code auto} (any case) or a count of polls. */
    static String normalizeSpin(String raw) {
        return raw.equalsIgnoreCase("auto") ? "auto" : normalizeInt(raw, 0, MAX_SPIN);
    }

    /** An integer in [min, max], printed canonically; Redis's numeric-config reason texts otherwise. */
    static String normalizeInt(String raw, long min, long max) {
        long v;
        try {
            if (raw.startsWith("+")) {
                throw new NumberFormatException(); // string2ll takes no sign but '-'
            }
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return Long.toString(v);
    }
}
