package io.redisinternals.server;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.ServerHooks;
import io.redisinternals.engine.ThrottledLog;
import io.redisinternals.persistence.PersistenceService;
import io.redisinternals.persistence.PersistenceSettings;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;
import io.redisinternals.transport.spi.TransportProvider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

/**
 * A running redis-internals server, embeddable: started with the same arguments as the command
 * line ({@code [config-file] [--name value ...]}), through the real ServiceLoader boot path.
 *
 * <p>Assembly order: configuration (file, then command line) into the engine's {@link Config};
 * the transport chosen by {@link TransportSelector}; the engine booted with every
 * {@code CommandProvider} found; the transport started with {@link ClientConnection} as the
 * per-connection handler.
 */
public final class RedisServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.redisinternals.server");

    /**
     * How long a graceful stop lets replies already produced reach their clients before the
     * connections are cut. Short, because a client that does not read (or waits in BLPOP) must
     * not hold the process up: redis-server exits at once, after one last write attempt.
     */
    static final Duration SHUTDOWN_GRACE = Duration.ofMillis(1000);

    /** 100 ms: Redis's default hz of 10. */
    static final long CRON_PERIOD_MILLIS = 100;

    private final Transport transport;
    private final TransportProvider provider;
    private final Engine engine;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService cron;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private RedisServer(Transport transport, TransportProvider provider, Engine engine) {
        this.transport = transport;
        this.provider = provider;
        this.engine = engine;
        this.port = transport.localAddresses().isEmpty() ? 0 : transport.localAddresses().get(0).getPort();
        this.cron = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cron");
            t.setDaemon(true);
            return t;
        });
        // Redis's serverCron at its default hz (10): idle-client timeouts, incremental rehashing.
        cron.scheduleAtFixedRate(this::cronTick, CRON_PERIOD_MILLIS, CRON_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A tick that fails every time logs one line a minute, with the count of the others. */
    private static final ThrottledLog CRON_FAILURES = new ThrottledLog(LOG, 60_000);

    /**
     * One cron tick. Nothing may escape: a ScheduledExecutorService cancels, silently and for
     * good, a periodic task that throws, which would end expiry, idle timeouts and rehashing while
     * the server keeps serving. So every throwable is caught, Errors included. VirtualMachineErrors
     * are not rethrown either: rethrowing reaches nobody (it only cancels the schedule); an
     * OutOfMemoryError or StackOverflowError has unwound by now and the next tick may well
     * succeed; and a VM that is truly broken (InternalError) is no better served by a server
     * without a cron. They are logged at ERROR instead of WARNING; all failures at a bounded rate.
     */
    private void cronTick() {
        Lock lock = engine.executionLock();
        lock.lock();
        try {
            engine.cron(System.currentTimeMillis());
        } catch (Throwable t) {
            CRON_FAILURES.log(t instanceof VirtualMachineError ? Level.ERROR : Level.WARNING,
                    "cron tick failed with " + t + "; the next tick runs as usual", t);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a server. {@code --port 0} picks a free port ({@link #port()} tells which).
     *
     * @throws StartupException with a message naming the bad directive or the unavailable transport
     */
    public static RedisServer start(List<String> args) throws StartupException {
        Config config = new Config();
        ServerSettings.define(config);
        PersistenceSettings.define(config);
        List<TransportProvider> providers = TransportSelector.discover();
        Set<String> transportSettingNames = ServerSettings.defineTransportSettings(config, providers);
        ConfigLoader.Loaded loaded = ConfigLoader.load(args, config);
        RedisLogFinder.configure(config.get(ServerSettings.LOGLEVEL), config.get(ServerSettings.LOGFILE));
        OpenFilesLimit.adjust(config, OpenFilesLimit::processLimit);
        TransportProvider provider = TransportSelector.select(config.get(ServerSettings.TRANSPORT), providers);

        Hooks hooks = new Hooks(provider.name(), loaded.configFile());
        Engine engine;
        PersistenceService persistence;
        try {
            engine = Engine.boot(config, hooks);
            persistence = PersistenceService.install(engine);
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
        Map<String, String> transportSettings = new HashMap<>();
        for (String name : transportSettingNames) {
            transportSettings.put(name, config.get(name));
        }
        TransportConfig tc = new TransportConfig(ServerSettings.bindAddresses(config.get(ServerSettings.BIND)),
                config.intValue(ServerSettings.PORT), config.intValue(ServerSettings.TCP_BACKLOG), transportSettings);
        Transport transport;
        try {
            ClientLimits limits = new ClientLimits(config);
            ReplyBuffers replyBuffers = new ReplyBuffers();
            transport = provider.create(tc, new io.redisinternals.transport.spi.ConnectionAcceptor() {
                @Override
                public io.redisinternals.transport.spi.ConnectionHandler accept(io.redisinternals.transport.spi.Connection connection) {
                    return ClientConnection.accept(connection, engine, limits, replyBuffers);
                }

                @Override
                public void beforeSend() {
                    engine.persistence().beforeSend(); // the AOF's fsync before acknowledged writes leave
                }
            });
        } catch (IllegalArgumentException e) {
            throw new StartupException("Invalid transport setting: " + e.getMessage(), e);
        }
        persistence.beginStartupLoad(); // -LOADING from the first client on, until the dataset is in
        try {
            transport.start();
        } catch (IOException e) {
            transport.close(Duration.ZERO);
            throw new StartupException("Could not create server TCP listening socket " + describe(tc) + ": " + e.getMessage(), e);
        }
        RedisServer server = new RedisServer(transport, provider, engine);
        hooks.server = server;
        // As Redis: listening first, then the dataset loads while clients get -LOADING.
        try {
            persistence.loadAtStartup();
        } catch (IllegalStateException e) {
            server.closed.set(true);
            server.cron.shutdownNow();
            transport.close(Duration.ZERO);
            throw new StartupException(e.getMessage(), e);
        }
        LOG.log(Level.INFO, "redis-internals {0} (redis_version {1}) pid={2} port={3} transport={4} backend={5} ready to accept connections",
                Version.product(), Version.REDIS_VERSION, Long.toString(ProcessHandle.current().pid()),
                Integer.toString(server.port), provider.name(), transport.backend());
        HeapAdvice.watch(config, Runtime.getRuntime().maxMemory());
        return server;
    }

    private static String describe(TransportConfig tc) {
        return tc.bindAddresses().get(0).getHostAddress() + ":" + tc.port();
    }

    /** The bound TCP port. */
    /**
     * The engine this server runs: for embedders that plug into it, e.g. register
     * {@link io.redisinternals.engine.Effects} sinks (under {@link Engine#executionLock()}).
     */
    public Engine engine() {
        return engine;
    }

    public int port() {
        return port;
    }

    /** Name of the transport in use ({@code blocking}, ...). */
    public String transportName() {
        return provider.name();
    }

    /** The transport's I/O backend ({@code virtual-threads}, ...). */
    public String transportBackend() {
        return transport.backend();
    }

    /** Every bound address. */
    public List<InetSocketAddress> localAddresses() {
        return transport.localAddresses();
    }

    /**
     * SIGTERM / SIGINT: Redis's prepareForShutdown without flags (the final save when save points
     * exist), then {@link #close()}. A save that fails is logged and the process exits anyway.
     */
    public void stopOnSignal() {
        if (!closed.get()) {
            Lock lock = engine.executionLock();
            lock.lock();
            try {
                String refused = engine.persistence().prepareShutdown(false, false, true);
                if (refused != null) {
                    LOG.log(Level.WARNING, refused);
                }
            } finally {
                lock.unlock();
            }
        }
        close();
    }

    /** Graceful stop: stop accepting, finish in-flight replies, close connections. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "User requested shutdown...");
            cron.shutdownNow();
            transport.close(SHUTDOWN_GRACE);
            // No save here (SHUTDOWN and SIGTERM decided that already), but no background save may
            // outlive the server: it is stopped and its temp file removed.
            Lock lock = engine.executionLock();
            lock.lock();
            try {
                engine.persistence().prepareShutdown(false, true, true);
            } finally {
                lock.unlock();
            }
            LOG.log(Level.INFO, "Redis is now ready to exit, bye bye...");
            terminated.countDown();
        } else {
            awaitTermination();
        }
    }

    /** Blocks until the server has stopped (SHUTDOWN, {@link #close()}). */
    public void awaitTermination() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** As {@link #awaitTermination()}, giving up after {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the engine may learn of and ask from the server process. */
    private static final class Hooks implements ServerHooks {
        private final String transportName;
        private final String configFile;
        volatile RedisServer server;

        Hooks(String transportName, String configFile) {
            this.transportName = transportName;
            this.configFile = configFile;
        }

        @Override
        public String transportName() {
            return transportName;
        }

        @Override
        public String transportBackend() {
            RedisServer s = server;
            return s == null ? "" : s.transport.backend();
        }

        @Override
        public int tcpPort() {
            RedisServer s = server;
            return s == null ? 0 : s.port;
        }

        @Override
        public String executable() {
            return ProcessHandle.current().info().command().orElse("");
        }

        @Override
        public String configFile() {
            return configFile;
        }

        @Override
        public void requestShutdown() {
            RedisServer s = server;
            if (s != null) {
                // Not on the calling (connection) thread: it holds the execution lock and closing
                // waits for connections to finish their current read.
                Thread.ofPlatform().name("shutdown").start(s::close);
            }
        }
    }
}
