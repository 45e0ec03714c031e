package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.redisinternals.transport.spi.TransportProvider;

/**
 * The configurations the suites run on are the ones we mean to test, and each really runs the
 * transport and I/O backend its name promises (INFO server {@code transport:} and
 * {@code transport_backend:}), so a backend that silently falls back cannot pass as the other.
 */
class ServerConfigurationTest extends ConformanceTestBase {

    @Test
    void everyShippedTransportIsAvailableAndGetsItsConfigurations() {
        Assumptions.assumeFalse(ServerUnderTest.isReferenceSelfCheck(), "no transports in the self-check");
        Map<String, String> unavailable = ServerUnderTest.discoveredProviders().stream()
                .filter(p -> !p.availability().available())
                .collect(Collectors.toMap(TransportProvider::name,
                        p -> p.availability().unavailabilityCause().map(Throwable::toString).orElse("no cause given")));
        // Both ship with the server; epoll falls back to java.nio, so it can run on any OS.
        assertEquals(Map.of(), unavailable, "transports on the test classpath that report unavailable");
        assertEquals(List.of("blocking", "epoll", "epoll-nio"), ServerUnderTest.configurationNames());
    }

    @Test
    void epollConfigurationForcesJniWhereTheBuildCompiledIt() {
        Assumptions.assumeFalse(ServerUnderTest.isReferenceSelfCheck(), "no transports in the self-check");
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        boolean gcc = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d.isEmpty() ? "." : d, "gcc")));
        // transport-epoll's build compiles the library exactly when it runs on Linux with gcc.
        assertEquals(linux && gcc, ServerConfiguration.epollLibraryBundled(),
                "JNI library " + ServerConfiguration.epollLibraryResource() + " on the test classpath (linux=" + linux + ", gcc=" + gcc + ")");
        ServerConfiguration epoll = ServerUnderTest.configuration("epoll");
        if (linux && gcc) {
            assertTrue(epoll.args().containsAll(List.of("--epoll-native", "yes")), epoll.args().toString());
            assertEquals(Optional.of(ServerConfiguration.JNI_EPOLL_BACKEND), epoll.expectedBackend());
        }
        assertEquals(Optional.of(ServerConfiguration.NIO_SELECTOR_BACKEND), ServerUnderTest.configuration("epoll-nio").expectedBackend());
    }

    @AllConfigurations
    void infoServerReportsTheConfiguredTransportAndBackend(String config) {
        Assumptions.assumeFalse(ServerUnderTest.isReferenceSelfCheck(), "the reference has no transport fields");
        ServerConfiguration c = ServerUnderTest.configuration(config);
        Map<String, String> server;
        try (RawConnection conn = ours(config).connect()) {
            server = ServerCommandsTest.parseInfo(conn.call("INFO", "server")).get("Server");
            // The settings that define the configuration took effect: CONFIG GET echoes each one.
            for (int i = 0; i + 1 < c.args().size(); i += 2) {
                String name = c.args().get(i).substring(2);
                String value = c.args().get(i + 1);
                assertEquals("*2\r\n$" + name.length() + "\r\n" + name + "\r\n$" + value.length() + "\r\n" + value + "\r\n",
                        conn.call("CONFIG", "GET", name).rawText(), config + ": CONFIG GET " + name);
            }
        }
        assertEquals(c.transport(), server.get("transport"), config + ": INFO transport");
        String backend = server.get("transport_backend");
        assertTrue(backend != null && !backend.isEmpty(), config + ": INFO transport_backend present: " + server);
        c.expectedBackend().ifPresent(expected -> assertEquals(expected, backend, config + ": INFO transport_backend"));
    }
}
