package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.ConnectionHandler;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportProvider;
import io.redisinternals.transport.spi.TransportSetting;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpollTransportProviderTest {

    private static final ConnectionHandler NOTHING = new ConnectionHandler() {
        @Override
        public void onRead(ByteBuffer in) {
        }

        @Override
        public void onClose() {
        }
    };

    private final EpollTransportProvider provider = new EpollTransportProvider();

    @Test
    void nameAndPriorityOutrankTheBlockingTransport() {
        assertEquals("epoll", provider.name());
        assertEquals(20, provider.priority());
        assertTrue(provider.priority() > 10);
    }

    @Test
    void isFoundByServiceLoader() {
        // Tests run inside this module, which provides but does not use the service.
        getClass().getModule().addUses(TransportProvider.class);
        assertTrue(java.util.ServiceLoader.load(TransportProvider.class).stream()
                .anyMatch(p -> p.type() == EpollTransportProvider.class));
    }

    @Test
    void isAvailableWhereverJavaNioWorks() {
        assertTrue(provider.availability().available());
        // The cause, if any, says why JNI is not used; on this Linux build machine there is none.
        assertEquals(Native.isAvailable(), provider.availability().cause() == null);
        assertTrue(provider.availability() == provider.availability(), "probed once and cached");
    }

    @Test
    void declaresItsSettingsWithDefaults() {
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        for (TransportSetting s : provider.settings()) {
            defaults.put(s.name(), s.defaultValue());
            assertEquals(s.defaultValue(), s.normalizer().apply(s.defaultValue()), s.name());
        }
        assertEquals(Map.of("epoll-native", "auto", "io-threads", "1",
                "epoll-spin", EpollTransportProvider.DEFAULT_SPIN), defaults);
    }

    @Test
    void settingValidatorsUseRedisReasonTexts() {
        UnaryOperator<String> nativeMode = normalizer("epoll-native");
        assertEquals("yes", nativeMode.apply("YES"));
        assertEquals("no", nativeMode.apply("no"));
        assertEquals("argument(s) must be one of the following: auto, yes, no",
                assertThrows(IllegalArgumentException.class, () -> nativeMode.apply("maybe")).getMessage());

        UnaryOperator<String> ioThreads = normalizer("io-threads");
        assertEquals("4", ioThreads.apply("4"));
        assertEquals("128", ioThreads.apply("128"));
        assertEquals("argument couldn't be parsed into an integer",
                assertThrows(IllegalArgumentException.class, () -> ioThreads.apply("four")).getMessage());
        assertEquals("argument couldn't be parsed into an integer",
                assertThrows(IllegalArgumentException.class, () -> ioThreads.apply("+4")).getMessage());
        assertEquals("argument must be between 1 and 128 inclusive",
                assertThrows(IllegalArgumentException.class, () -> ioThreads.apply("0")).getMessage());
        assertEquals("argument must be between 1 and 128 inclusive",
                assertThrows(IllegalArgumentException.class, () -> ioThreads.apply("129")).getMessage());

        UnaryOperator<String> spin = normalizer("epoll-spin");
        assertEquals("0", spin.apply("0"));
        assertEquals("auto", spin.apply("AUTO"));
        assertEquals("argument must be between 0 and " + EpollTransportProvider.MAX_SPIN + " inclusive",
                assertThrows(IllegalArgumentException.class, () -> spin.apply("-1")).getMessage());
    }

    @Test
    void createRejectsBadSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.create(ProviderProbeMain.config(Map.of("io-threads", "200")), c -> NOTHING));
        assertEquals("io-threads '200': argument must be between 1 and 128 inclusive", e.getMessage());
    }

    @Test
    void createStartsNothingAndHonoursEpollNative() throws IOException {
        int before = Thread.activeCount();
        Transport nio = provider.create(ProviderProbeMain.config(Map.of("epoll-native", "no", "io-threads", "3")),
                c -> NOTHING);
        Transport auto = provider.create(ProviderProbeMain.config(Map.of()), c -> NOTHING);
        assertEquals(before, Thread.activeCount());
        assertTrue(nio.localAddresses().isEmpty());
        assertEquals("nio-selector", nio.backend());
        assertEquals(Native.isAvailable() ? "jni-epoll" : "nio-selector", auto.backend());
        assertTrue(Native.isAvailable(), "this Linux build machine compiles the JNI library");
        assertEquals("jni-epoll",
                provider.create(ProviderProbeMain.config(Map.of("epoll-native", "yes")), c -> NOTHING).backend());
        assertEquals(3, ((EpollTransport) nio).ioThreads());
        nio.start();
        assertEquals(3, ((EpollTransport) nio).loopThreads().stream().filter(Thread::isAlive).count());
        nio.close();
        auto.close(); // never started: nothing to do
        assertTrue(((EpollTransport) nio).loopThreads().stream().noneMatch(Thread::isAlive));
    }

    @Test
    void constructionStartsNoThreadAndLoadsNoNativeLibrary() throws Exception {
        Map<String, String> facts = fork(List.of(), "construct").facts;
        assertEquals("0", facts.get("threadsAdded"));
        assertEquals("false", facts.get("loadedAfterConstruct"));
        assertEquals("true", facts.get("available"));
        // availability() is where the probe may load the library (it does on this Linux machine).
        assertEquals(Boolean.toString(Native.isAvailable()), facts.get("loadedAfterAvailability"));
    }

    @Test
    void epollNativeYesRefusesToStartWhenJniIsUnavailable() throws Exception {
        Forked r = fork(List.of("-D" + Native.FORCE_UNAVAILABLE_PROPERTY + "=testing the kill switch"), "create", "yes");
        String refused = r.facts.get("refused");
        assertTrue(refused != null && refused.startsWith("epoll-native is yes but the JNI epoll backend is unavailable")
                && refused.contains("testing the kill switch"), String.valueOf(r.facts));
        assertFalse(r.facts.containsKey("started"));
    }

    @Test
    void epollNativeAutoFallsBackToTheSelectorWithOneLogLine() throws Exception {
        Forked r = fork(List.of("-D" + Native.FORCE_UNAVAILABLE_PROPERTY + "=testing the kill switch"), "create", "auto");
        assertEquals("nio-selector", r.facts.get("backend"));
        assertEquals("true", r.facts.get("started"));
        long lines = r.stderr.lines().filter(l -> l.contains("JNI epoll unavailable, using the java.nio Selector backend")).count();
        assertEquals(1, lines, r.stderr);
        assertTrue(r.stderr.contains("testing the kill switch"), r.stderr);
        assertTrue(r.stderr.contains("WARNING"), r.stderr);
    }

    @Test
    void epollNativeNoUsesTheSelectorEvenWithJni() throws Exception {
        Forked r = fork(List.of(), "create", "no");
        assertEquals("nio-selector", r.facts.get("backend"));
        assertEquals("true", r.facts.get("started"));
        assertFalse(r.stderr.contains("JNI epoll unavailable"), r.stderr);
    }

    private static UnaryOperator<String> normalizer(String name) {
        return new EpollTransportProvider().settings().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow().normalizer();
    }

    record Forked(Map<String, String> facts, String stderr) {
    }

    /** Runs {@link ProviderProbeMain} in a fresh JVM on the class path (fresh JNI probe). */
    private static Forked fork(List<String> jvmArgs, String... args) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String spi = Path.of(TransportProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String classPath = String.join(File.pathSeparator, Path.of("target", "classes").toAbsolutePath().toString(),
                Path.of("target", "test-classes").toAbsolutePath().toString(), spi);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xshare:off");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(ProviderProbeMain.class.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String stdout = new String(out, StandardCharsets.UTF_8);
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stdout + stderr);
        Map<String, String> facts = new java.util.HashMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Forked(facts, stderr);
    }
}
