package io.redisinternals.conformance;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import io.redisinternals.server.RedisServer;
import io.redisinternals.server.StartupException;
import io.redisinternals.transport.spi.TransportProvider;

/**
 * Our server, once per available transport, started in-process through the real embedding API
 * ({@link RedisServer#start}) with the same arguments as the command line. Transports are
 * discovered with {@link ServiceLoader}, so a new transport on the test classpath joins every
 * suite without an edit.
 *
 * <p>{@code -Dconformance.sut=reference} replaces our server with a second reference redis-server:
 * every suite must then pass, which validates the harness itself.
 */
public final class ServerUnderTest {

    private static final System.Logger LOG = System.getLogger(ServerUnderTest.class.getName());
    static final String REFERENCE_AS_SUT = "reference-as-sut";

    private static final Map<String, Running> RUNNING = new LinkedHashMap<>();
    private static List<String> transports;

    private ServerUnderTest() {
    }

    /** Whether the harness self-check mode is on (our server replaced by a reference). */
    public static boolean isReferenceSelfCheck() {
        return "reference".equals(System.getProperty("conformance.sut", ""));
    }

    /** Names of the available transports; the JUnit source behind {@link AllTransports}. */
    public static synchronized List<String> transportNames() {
        if (transports == null) {
            List<String> names = new ArrayList<>();
            if (isReferenceSelfCheck()) {
                names.add(REFERENCE_AS_SUT);
            } else {
                for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
                    if (p.availability().available()) {
                        names.add(p.name());
                    } else {
                        LOG.log(Level.INFO, "transport " + p.name() + " unavailable here: "
                                + p.availability().unavailabilityCause().map(Throwable::toString).orElse("?"));
                    }
                }
            }
            if (names.isEmpty()) {
                throw new AssertionError("no available TransportProvider found with ServiceLoader on the test classpath");
            }
            LOG.log(Level.INFO, "servers under test: " + names);
            transports = List.copyOf(names);
        }
        return transports;
    }

    static Stream<String> transports() {
        return transportNames().stream();
    }

    static Stream<Arguments> transportsAndProtocols() {
        return transportNames().stream().flatMap(t -> Stream.of(Arguments.of(t, 2), Arguments.of(t, 3)));
    }

    /** The shared server for a transport, started on first use and kept for the JVM. */
    public static synchronized Endpoint get(String transport) {
        Running r = RUNNING.get(transport);
        if (r == null) {
            r = startDedicated(transport);
            RUNNING.put(transport, r);
            Running stop = r;
            Runtime.getRuntime().addShutdownHook(new Thread(stop::close, "sut-stop-" + transport));
        }
        return r.endpoint();
    }

    /** Whether the shared server for {@code transport} runs in this JVM (its heap is ours to measure). */
    public static synchronized boolean isInProcess(String transport) {
        get(transport);
        return RUNNING.get(transport).inProcess();
    }

    static synchronized Collection<Endpoint> started() {
        return RUNNING.values().stream().map(Running::endpoint).toList();
    }

    /** A separate server (the caller closes it), e.g. with {@code --requirepass}. */
    public static Running startDedicated(String transport, String... extraArgs) {
        if (REFERENCE_AS_SUT.equals(transport)) {
            ReferenceRedis.Instance ref = ReferenceRedis.startDedicated(extraArgs);
            Endpoint ep = new Endpoint(REFERENCE_AS_SUT, ref.endpoint().host(), ref.endpoint().port());
            return new Running(ep, null, ref);
        }
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind", "127.0.0.1", "--transport", transport));
        args.addAll(List.of(extraArgs));
        try {
            RedisServer server = RedisServer.start(args);
            if (!transport.equals(server.transportName())) {
                server.close();
                throw new AssertionError("asked for transport " + transport + ", server runs " + server.transportName());
            }
            return new Running(new Endpoint(transport, "127.0.0.1", server.port()), server, null);
        } catch (StartupException e) {
            throw new AssertionError("our server did not start with " + args + ": " + e.getMessage(), e);
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
