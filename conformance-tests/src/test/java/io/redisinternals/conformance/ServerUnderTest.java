package io.redisinternals.conformance;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import io.redisinternals.server.RedisServer;
import io.redisinternals.server.StartupException;
import io.redisinternals.transport.spi.TransportProvider;

/**
 * Our server, once per {@link ServerConfiguration}, started in-process through the real embedding
 * API ({@link RedisServer#start}) with the same arguments as the command line. The configurations
 * are derived from the transports found with {@link ServiceLoader} ({@link ServerConfiguration#derive}),
 * so a new transport on the test classpath joins every suite without an edit.
 *
 * <p>{@code -Dconformance.sut=reference} replaces our server with a second reference redis-server:
 * every suite must then pass, which validates the harness itself.
 */
public final class ServerUnderTest {

    private static final System.Logger LOG = System.getLogger(ServerUnderTest.class.getName());
    static final String REFERENCE_AS_SUT = "reference-as-sut";

    private static final Map<String, Running> RUNNING = new LinkedHashMap<>();
    private static List<TransportProvider> discovered;
    private static Map<String, ServerConfiguration> configurations;

    private ServerUnderTest() {
    }

    /** Whether the harness self-check mode is on (our server replaced by a reference). */
    public static boolean isReferenceSelfCheck() {
        return "reference".equals(System.getProperty("conformance.sut", ""));
    }

    /** Every TransportProvider on the test classpath, available or not. */
    static synchronized List<TransportProvider> discoveredProviders() {
        if (discovered == null) {
            List<TransportProvider> all = new ArrayList<>();
            ServiceLoader.load(TransportProvider.class).forEach(all::add);
            discovered = List.copyOf(all);
        }
        return discovered;
    }

    /**
     * The configurations under test, by name. An unavailable provider is left out with its cause
     * logged (a transport may legitimately not run on some platform); ServerConfigurationTest fails
     * when the expected set is not there, so a broken transport cannot pass by vanishing.
     */
    static synchronized Map<String, ServerConfiguration> configurationsByName() {
        if (configurations == null) {
            Map<String, ServerConfiguration> byName = new LinkedHashMap<>();
            if (isReferenceSelfCheck()) {
                byName.put(REFERENCE_AS_SUT, new ServerConfiguration(REFERENCE_AS_SUT, REFERENCE_AS_SUT, List.of(), Optional.empty()));
            } else {
                List<TransportProvider> available = new ArrayList<>();
                for (TransportProvider p : discoveredProviders()) {
                    if (p.availability().available()) {
                        available.add(p);
                    } else {
                        LOG.log(Level.WARNING, "transport " + p.name() + " unavailable here, its configurations are not tested: "
                                + p.availability().unavailabilityCause().map(Throwable::toString).orElse("?"));
                    }
                }
                for (ServerConfiguration c : ServerConfiguration.derive(available)) {
                    byName.put(c.name(), c);
                }
            }
            if (byName.isEmpty()) {
                throw new AssertionError("no available TransportProvider found with ServiceLoader on the test classpath");
            }
            LOG.log(Level.INFO, "server configurations under test: " + byName.values().stream()
                    .map(c -> c.name() + " " + c.args()).toList());
            configurations = byName;
        }
        return configurations;
    }

    /** Names of the configurations under test; the JUnit source behind {@link AllConfigurations}. */
    public static List<String> configurationNames() {
        return List.copyOf(configurationsByName().keySet());
    }

    static ServerConfiguration configuration(String name) {
        ServerConfiguration c = configurationsByName().get(name);
        if (c == null) {
            throw new IllegalArgumentException("no server configuration " + name + "; have " + configurationNames());
        }
        return c;
    }

    static Stream<String> configurations() {
        return configurationNames().stream();
    }

    static Stream<Arguments> configurationsAndProtocols() {
        return configurations().flatMap(c -> Stream.of(Arguments.of(c, 2), Arguments.of(c, 3)));
    }

    /** The shared server for a configuration, started on first use and kept for the JVM. */
    public static synchronized Endpoint get(String config) {
        Running r = RUNNING.get(config);
        if (r == null) {
            r = startDedicated(config);
            RUNNING.put(config, r);
            Running stop = r;
            Runtime.getRuntime().addShutdownHook(new Thread(stop::close, "sut-stop-" + config));
        }
        return r.endpoint();
    }

    /** Whether the shared server for {@code config} runs in this JVM (its heap and fds are ours to measure). */
    public static synchronized boolean isInProcess(String config) {
        get(config);
        return RUNNING.get(config).inProcess();
    }

    static synchronized Collection<Endpoint> started() {
        return RUNNING.values().stream().map(Running::endpoint).toList();
    }

    /** A separate server (the caller closes it) in configuration {@code config}, e.g. with {@code --requirepass}. */
    public static Running startDedicated(String config, String... extraArgs) {
        ServerConfiguration c = configuration(config);
        if (REFERENCE_AS_SUT.equals(c.name())) {
            ReferenceRedis.Instance ref = ReferenceRedis.startDedicated(extraArgs);
            Endpoint ep = new Endpoint(REFERENCE_AS_SUT, ref.endpoint().host(), ref.endpoint().port());
            return new Running(ep, null, ref);
        }
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind", "127.0.0.1"));
        args.addAll(ServerDirs.isolation());
        args.addAll(c.args());
        args.addAll(List.of(extraArgs));
        try {
            RedisServer server = RedisServer.start(args);
            if (!c.transport().equals(server.transportName())) {
                server.close();
                throw new AssertionError("asked for transport " + c.transport() + ", server runs " + server.transportName());
            }
            LOG.log(Level.DEBUG, "configuration " + c.name() + " runs backend " + server.transportBackend());
            return new Running(new Endpoint(c.name(), "127.0.0.1", server.port()), server, null);
        } catch (StartupException e) {
            throw new AssertionError("our server did not start in configuration " + c.name() + " with " + args
                    + ": " + e.getMessage(), e);
        }
    }

    /** A started server under test; {@link #inProcess()} is true when it shares this JVM's heap. */
    public record Running(Endpoint endpoint, RedisServer server, AutoCloseable other) implements AutoCloseable {

        public boolean inProcess() {
            return server != null;
        }

        @Override
        public void close() {
            try {
                if (server != null) {
                    server.close();
                }
                if (other != null) {
                    other.close();
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping " + endpoint + " failed", e);
            }
        }
    }
}
