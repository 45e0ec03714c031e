package io.redisinternals.conformance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The reference redis-server 7.0.x that defines correct behaviour. Resolution order (first that
 * works wins; {@code -Dconformance.reference=container|path|embedded} forces one):
 * <ol>
 *   <li>a Testcontainers {@code redis:7.0.15} container, when Docker is available;</li>
 *   <li>a {@code redis-server} binary from {@code $REDIS_SERVER} or {@code PATH}, if it reports v=7.0.x;</li>
 *   <li>the static 7.0.15 binary shipped inside the test dependency {@code org.signal:embedded-redis};</li>
 *   <li>otherwise the tests fail (never skip): without a reference nothing is being checked.</li>
 * </ol>
 * The shared instance starts once per JVM and is stopped by a shutdown hook.
 */
public final class ReferenceRedis {

    private static final System.Logger LOG = System.getLogger(ReferenceRedis.class.getName());
    private static final String IMAGE = "redis:7.0.15";
    private static final String EMBEDDED_VERSION = "7.0.15";

    private static Instance shared;
    private static Source source;
    private static Path binary;
    private static AssertionError unavailable;

    private ReferenceRedis() {
    }

    /** The shared reference instance (started on first use). */
    public static synchronized Endpoint shared() {
        if (shared == null) {
            shared = start(List.of());
            Instance s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "reference-redis-stop"));
        }
        return shared.endpoint();
    }

    /** Which source the reference came from (for logs and reports). */
    public static synchronized String description() {
        shared();
        return source + (binary != null ? " (" + binary + ")" : "");
    }

    /**
     * Whether the reference is the static embedded-redis build, which is linked against musl, not
     * glibc as Debian's package and the redis:7.0.15 image are. The C library shows through in a
     * few places Redis leaves to it (strtold of a hexadecimal float beyond long double's range:
     * glibc reports ERANGE, musl rounds to infinity; qsort's order of equal elements; strtoull of
     * ""), so the tests of such inputs compare with the glibc builds, the reference of record, and
     * pin the glibc answer otherwise ({@link Differential#sameAsGlibc}).
     */
    public static synchronized boolean isMuslBuild() {
        shared();
        return source == Source.EMBEDDED;
    }

    /** A separate reference instance with extra arguments (e.g. {@code --requirepass}); the caller closes it. */
    public static synchronized Instance startDedicated(String... extraArgs) {
        shared();
        return start(List.of(extraArgs));
    }

    /** A started reference server. */
    public interface Instance extends AutoCloseable {
        Endpoint endpoint();

        @Override
        void close();
    }

    enum Source { CONTAINER, PATH, EMBEDDED }

    private static Instance start(List<String> extraArgs) {
        if (unavailable != null) {
            throw unavailable; // resolved once per JVM, failure included
        }
        if (source == null) {
            try {
                resolve();
            } catch (AssertionError e) {
                unavailable = e;
                throw e;
            }
        }
        if (source == Source.CONTAINER) {
            return startContainer(extraArgs);
        }
        return startProcess(binary, extraArgs);
    }

    private static void resolve() {
        String forced = System.getProperty("conformance.reference", "").trim().toLowerCase(Locale.ROOT);
        List<String> tried = new ArrayList<>();
        if (forced.isEmpty() || forced.equals("container")) {
            if (dockerAvailable()) {
                source = Source.CONTAINER;
                LOG.log(Level.INFO, "reference redis: Testcontainers image " + IMAGE);
                return;
            }
            tried.add("container: Docker is not available");
        }
        if (forced.isEmpty() || forced.equals("path")) {
            Optional<Path> p = fromPath(tried);
            if (p.isPresent()) {
                source = Source.PATH;
                binary = p.get();
                LOG.log(Level.INFO, "reference redis: binary " + binary);
                return;
            }
        }
        if (forced.isEmpty() || forced.equals("embedded")) {
            Optional<Path> p = fromEmbeddedJar(tried);
            if (p.isPresent()) {
                source = Source.EMBEDDED;
                binary = p.get();
                LOG.log(Level.INFO, "reference redis: embedded-redis binary extracted to " + binary);
                return;
            }
        }
        throw new AssertionError("No reference redis-server 7.0.x found"
                + (forced.isEmpty() ? "" : " (forced source '" + forced + "')") + ": " + String.join("; ", tried)
                + ". Install one (apt-get install redis-server), point REDIS_SERVER=/path/to/redis-server at a 7.0.x"
                + " binary, make Docker available for Testcontainers, or keep org.signal:embedded-redis on the test"
                + " classpath.");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static Optional<Path> fromPath(List<String> tried) {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("REDIS_SERVER");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String pathVar = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "redis-server"));
            }
        }
        for (Path c : candidates) {
            if (!Files.isExecutable(c)) {
                continue;
            }
            String version = version(c);
            if (version.contains("v=7.0.")) {
                return Optional.of(c);
            }
            tried.add("path: " + c + " is not 7.0.x (" + version.strip() + ")");
        }
        if (tried.stream().noneMatch(t -> t.startsWith("path:"))) {
            tried.add("path: no redis-server in $REDIS_SERVER or PATH");
        }
        return Optional.empty();
    }

    private static String version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Optional<Path> fromEmbeddedJar(List<String> tried) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") ? "darwin" : os.contains("linux") ? "linux" : null;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> null;
        };
        if (osPart == null || archPart == null) {
            tried.add("embedded: no binary for " + os + "/" + arch);
            return Optional.empty();
        }
        String entry = "redis-server-" + EMBEDDED_VERSION + "-" + osPart + "-" + archPart;
        try (InputStream in = ReferenceRedis.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                tried.add("embedded: resource " + entry + " not on the classpath (org.signal:embedded-redis:0.9.1)");
                return Optional.empty();
            }
            Path file = Files.createTempFile("conformance-" + entry + "-", "");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            if (!file.toFile().setExecutable(true)) {
                tried.add("embedded: cannot chmod +x " + file);
                return Optional.empty();
            }
            String version = version(file);
            if (!version.contains("v=" + EMBEDDED_VERSION)) {
                tried.add("embedded: " + file + " does not run here (" + version.strip() + ")");
                return Optional.empty();
            }
            return Optional.of(file);
        } catch (IOException e) {
            tried.add("embedded: extraction failed: " + e);
            return Optional.empty();
        }
    }

    private static Instance startContainer(List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--save", "", "--appendonly", "no"));
        cmd.addAll(extraArgs);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(6379)
                .withCommand(cmd.toArray(String[]::new));
        c.start();
        Endpoint ep = new Endpoint("reference", c.getHost(), c.getMappedPort(6379));
        awaitPing(ep, null);
        return new Instance() {
            @Override
            public Endpoint endpoint() {
                return ep;
            }

            @Override
            public void close() {
                c.stop();
            }
        };
    }

    private static Instance startProcess(Path bin, List<String> extraArgs) {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--dir", ServerDirs.newDir("reference").toString()));
            cmd.addAll(extraArgs);
            try {
                Path log = Files.createTempFile("conformance-reference-redis-", ".log");
                log.toFile().deleteOnExit();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Endpoint ep = new Endpoint("reference", "127.0.0.1", port);
                if (awaitPing(ep, p)) {
                    return new Instance() {
                        @Override
                        public Endpoint endpoint() {
                            return ep;
                        }

                        @Override
                        public void close() {
                            p.destroy();
                            try {
                                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                                    p.destroyForcibly();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    };
                }
                p.destroyForcibly();
                last = new IOException("reference redis-server did not answer PING on port " + port + "; log: "
                        + Files.readString(log, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("cannot start reference redis-server " + bin, last);
    }

    /** Polls PING until +PONG, up to 10 s; false if the process died or never answered. */
    private static boolean awaitPing(Endpoint ep, Process p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (p != null && !p.isAlive()) {
                return false;
            }
            try (RawConnection c = new RawConnection(ep)) {
                Reply r = c.call("PING");
                // A password-protected instance answers NOAUTH: it is up all the same.
                if ("PONG".equals(r.text()) || (r.isError() && r.text().startsWith("NOAUTH"))) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
