package io.redisinternals.transport.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The lazy probe and the library loader: available on this Linux build machine, and every way of
 * not being available keeps its cause. Probes other than the cached one run through
 * {@link Native#probe} (or a child JVM), so they never poison the process-wide answer.
 */
class NativeAvailabilityTest {

    /** Whether this build put the library in the module (no gcc or not Linux: it did not). */
    static boolean libraryBuilt() throws IOException {
        try (var in = NativeLibraryLoader.class.getModule().getResourceAsStream(NativeLibraryLoader.bundledResourcePath())) {
            return in != null;
        }
    }

    @Test
    void availableExactlyWhenTheLibraryWasBuilt() throws IOException {
        if (libraryBuilt()) {
            assertNull(Native.unavailabilityCause(), () -> "cause: " + Native.unavailabilityCause());
            assertTrue(Native.isAvailable());
            Native.ensureAvailability();
        } else {
            // A build without gcc: unavailable, saying why, and the provider falls back.
            assertFalse(Native.isAvailable());
            UnsatisfiedLinkError cause = assertInstanceOf(UnsatisfiedLinkError.class, Native.unavailabilityCause());
            assertEquals(2, cause.getSuppressed().length);
            assertTrue(cause.getSuppressed()[1].getMessage().contains("not in the jar"), cause.getSuppressed()[1].getMessage());
            UnsatisfiedLinkError thrown = assertThrows(UnsatisfiedLinkError.class, Native::ensureAvailability);
            assertEquals(cause, thrown.getCause());
        }
    }

    @Test
    void forcedUnavailabilityGivesTheReasonWithoutLoading() {
        AtomicInteger loads = new AtomicInteger();
        Native.ProbeResult result = Native.probe("testing the fallback", List.of(countingStep(loads)));
        assertNull(result.layout());
        assertInstanceOf(UnsupportedOperationException.class, result.cause());
        assertTrue(result.cause().getMessage().contains("testing the fallback"), result.cause().getMessage());
        assertTrue(result.cause().getMessage().contains(Native.FORCE_UNAVAILABLE_PROPERTY));
        assertEquals(0, loads.get(), "the kill switch must not load the library");
    }

    @Test
    void everyFailedLoadStepIsKeptAsSuppressed() {
        Native.ProbeResult result = Native.probe(null, List.of(
                NativeLibraryLoader.fromLibraryPath("no_such_library_redisinternals"),
                failing(new IllegalCallerException("native access denied")),
                NativeLibraryLoader.fromResource("META-INF/native/nowhere/libnothing.so")));
        assertNull(result.layout());
        UnsatisfiedLinkError cause = assertInstanceOf(UnsatisfiedLinkError.class, result.cause());
        Throwable[] suppressed = cause.getSuppressed();
        assertEquals(3, suppressed.length);
        assertInstanceOf(UnsatisfiedLinkError.class, suppressed[0]);
        assertInstanceOf(IllegalCallerException.class, suppressed[1]);
        assertInstanceOf(IOException.class, suppressed[2]);
        assertTrue(suppressed[2].getMessage().contains("nowhere"), suppressed[2].getMessage());
        assertTrue(cause.getMessage().contains("System.loadLibrary(\"no_such_library_redisinternals\")"), cause.getMessage());
    }

    @Test
    void extractionFromTheJarIsUsedWhenTheLibraryPathFails() throws IOException {
        Assumptions.assumeTrue(libraryBuilt(), "built without gcc: nothing to extract");
        // The first step fails the way System.loadLibrary does off java.library.path; the bundled
        // .so (target/classes here, the jar in production) must then be extracted and loaded.
        List<NativeLibraryLoader.Step> steps = new ArrayList<>();
        steps.add(failing(new UnsatisfiedLinkError("no redisinternals_epoll in java.library.path")));
        steps.add(NativeLibraryLoader.fromResource(NativeLibraryLoader.bundledResourcePath()));
        Native.ProbeResult result = Native.probe(null, steps);
        assertNull(result.cause(), () -> "cause: " + result.cause());
        assertNotNull(result.layout());
        assertEquals("META-INF/native/linux-x86_64/libredisinternals_epoll.so", NativeLibraryLoader.bundledResourcePath());
    }

    @Test
    void loaderStopsAtTheFirstWorkingStep() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        NativeLibraryLoader.load(List.of(countingStep(first), countingStep(second)));
        assertEquals(1, first.get());
        assertEquals(0, second.get());
        UnsatisfiedLinkError none = assertThrows(UnsatisfiedLinkError.class, () -> NativeLibraryLoader.load(List.of()));
        assertEquals(0, none.getSuppressed().length);
    }

    @Test
    void killSwitchPropertyInAFreshJvm() throws Exception {
        // The cached probe reads the property once per JVM: check it in a child JVM running Probe.
        String output = runProbe("--enable-native-access=ALL-UNNAMED", "-D" + Native.FORCE_UNAVAILABLE_PROPERTY + "=ops said no");
        assertTrue(output.contains("available=false"), output);
        assertTrue(output.contains("ops said no"), output);
    }

    @Test
    void deniedNativeAccessIsACauseNotACrash() throws Exception {
        Assumptions.assumeTrue(libraryBuilt(), "built without gcc: nothing to deny");
        Assumptions.assumeTrue(Runtime.version().feature() >= 24, "--illegal-native-access is JDK 24+");
        // Without --enable-native-access, deny makes System.load throw IllegalCallerException.
        String output = runProbe("--illegal-native-access=deny");
        assertTrue(output.contains("available=false"), output);
        assertTrue(output.contains("suppressed=java.lang.IllegalCallerException"), output);
        // And granting access to the code that loads (here the unnamed module) makes it work.
        String granted = runProbe("--illegal-native-access=deny", "--enable-native-access=ALL-UNNAMED");
        assertTrue(granted.contains("available=true"), granted);
    }

    /** Runs {@link Probe} in a child JVM on the classpath with {@code options}; returns its output. */
    private static String runProbe(String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(options));
        command.add("-cp");
        command.add(String.join(File.pathSeparator,
                System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", "")));
        command.add(Probe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child JVM timed out");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** Child JVM entry point: prints the cached probe's answer and its suppressed causes. */
    static final class Probe {
        public static void main(String[] args) {
            Throwable cause = Native.unavailabilityCause();
            System.out.println("available=" + Native.isAvailable() + " cause=" + cause);
            if (cause != null) {
                for (Throwable s : cause.getSuppressed()) {
                    System.out.println("suppressed=" + s);
                }
            }
        }
    }

    private static NativeLibraryLoader.Step countingStep(AtomicInteger counter) {
        return new NativeLibraryLoader.Step() {
            @Override
            public void load() {
                counter.incrementAndGet();
            }

            @Override
            public String description() {
                return "counting";
            }
        };
    }

    private static NativeLibraryLoader.Step failing(Throwable failure) {
        return new NativeLibraryLoader.Step() {
            @Override
            public void load() throws Exception {
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (Exception) failure;
            }

            @Override
            public String description() {
                return "failing with " + failure;
            }
        };
    }
}
