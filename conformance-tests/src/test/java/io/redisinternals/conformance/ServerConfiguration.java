package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.redisinternals.transport.spi.TransportProvider;

/**
 * One way of running our server that the suites must pass on: a transport plus the settings that
 * pick its I/O backend. Every wire-level suite runs once per configuration, and the configuration
 * name is what the test display names show ({@code [epoll-nio, RESP3]}).
 *
 * @param name            display name and key of the shared server
 * @param transport       the provider name passed as {@code --transport} (INFO {@code transport:})
 * @param args            the arguments that select this configuration, {@code --transport} included
 * @param expectedBackend what INFO {@code transport_backend:} must say, when this configuration
 *                        forces one backend; empty when the transport may choose
 */
public record ServerConfiguration(String name, String transport, List<String> args, Optional<String> expectedBackend) {

    /** The epoll transport's provider name; it gets a second configuration, forced onto java.nio. */
    static final String EPOLL = "epoll";
    /** Suffix of the configuration that forbids the epoll transport's JNI library. */
    static final String NIO_SUFFIX = "-nio";
    /** INFO backend names of the epoll transport (contract with transport-epoll). */
    static final String JNI_EPOLL_BACKEND = "jni-epoll";
    static final String NIO_SELECTOR_BACKEND = "nio-selector";

    public ServerConfiguration {
        args = List.copyOf(args);
    }

    /**
     * Where transport-epoll's jar carries its JNI library for this platform. Its presence on the
     * test classpath means the build compiled it (Linux with gcc), so the JNI backend must then be
     * what the {@code epoll} configuration tests: {@code --epoll-native yes} turns a library that
     * fails to load into a startup failure instead of a silent fallback to java.nio.
     */
    static String epollLibraryResource() {
        String arch = System.getProperty("os.arch", "");
        String nativeArch = "amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : arch;
        return "META-INF/native/linux-" + nativeArch + "/libredisinternals_epoll.so";
    }

    static boolean epollLibraryBundled() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        return linux && ServerConfiguration.class.getClassLoader().getResource(epollLibraryResource()) != null;
    }

    /**
     * The configurations for these providers: one per provider, named after it, and for the epoll
     * provider a second one, {@code epoll-nio}, on the java.nio Selector backend. Sorted by
     * provider name so runs list them in a stable order whatever the classpath order.
     */
    static List<ServerConfiguration> derive(List<TransportProvider> providers) {
        List<TransportProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(TransportProvider::name));
        List<ServerConfiguration> configs = new ArrayList<>();
        for (TransportProvider p : sorted) {
            String t = p.name();
            if (EPOLL.equals(t)) {
                boolean jni = epollLibraryBundled();
                configs.add(new ServerConfiguration(t, t, List.of("--transport", t, "--epoll-native", jni ? "yes" : "auto"),
                        jni ? Optional.of(JNI_EPOLL_BACKEND) : Optional.empty()));
                configs.add(new ServerConfiguration(t + NIO_SUFFIX, t, List.of("--transport", t, "--epoll-native", "no"),
                        Optional.of(NIO_SELECTOR_BACKEND)));
            } else {
                configs.add(new ServerConfiguration(t, t, List.of("--transport", t), Optional.empty()));
            }
        }
        return configs;
    }

    @Override
    public String toString() {
        return name;
    }
}
