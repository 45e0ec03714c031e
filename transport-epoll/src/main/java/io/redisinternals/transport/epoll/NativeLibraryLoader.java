package io.redisinternals.transport.epoll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Loads the JNI library by trying a list of steps in order until one works: the library path
 * first ({@code System.loadLibrary}, which in a jlink image finds {@code <image>/lib}), then the
 * copy bundled in this module's jar, extracted to a temporary file. Every failure is kept: the
 * final error carries the earlier ones as suppressed exceptions, so an unavailable backend says
 * exactly why each way failed.
 *
 * <p>Both UnsatisfiedLinkError and IllegalCallerException are failures of a step (the latter is
 * what JDK 24+ throws under {@code --illegal-native-access=deny} without
 * {@code --enable-native-access} for this module); so is SecurityException.
 *
 * <p>The steps call System.load/loadLibrary from this class, which is in the same class loader as
 * {@link Native}, so the library binds to Native's native methods.
 */
final class NativeLibraryLoader {

    /** Base name of the library: {@code lib<NAME>.so}. Must match the antrun output in pom.xml. */
    static final String LIBRARY_NAME = "redisinternals_epoll";

    /** One way to load the library; throws on failure. */
    interface Step {
        void load() throws Exception;

        /** For the error message: where this step looked. */
        String description();
    }

    private NativeLibraryLoader() {
    }

    /** The production order: library path, then the jar's copy. */
    static List<Step> defaultSteps() {
        return List.of(fromLibraryPath(LIBRARY_NAME), fromResource(bundledResourcePath()));
    }

    /**
     * Runs the steps in order and returns at the first that works.
     *
     * @throws UnsatisfiedLinkError when none works, with each step's failure suppressed in it
     */
    static void load(List<Step> steps) {
        UnsatisfiedLinkError failure = new UnsatisfiedLinkError("could not load lib" + LIBRARY_NAME
                + ".so; tried: " + steps.stream().map(Step::description).toList());
        for (Step step : steps) {
            try {
                step.load();
                return;
            } catch (Exception | UnsatisfiedLinkError e) {
                // IllegalCallerException and SecurityException are RuntimeExceptions: caught here.
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    /** {@code META-INF/native/linux-<arch>/lib<name>.so}, the arch named as the pom's antrun names it. */
    static String bundledResourcePath() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64")) {
            arch = "x86_64";
        }
        return "META-INF/native/linux-" + arch + "/lib" + LIBRARY_NAME + ".so";
    }

    static Step fromLibraryPath(String name) {
        return new Step() {
            @Override
            public void load() {
                System.loadLibrary(name);
            }

            @Override
            public String description() {
                return "System.loadLibrary(\"" + name + "\")";
            }
        };
    }

    /**
     * Copies a resource of this module (META-INF is not an encapsulated package, and the module
     * reads its own resources anyway) to a temporary file and System.load()s it. The file is
     * deleted at exit; Linux keeps the mapping valid after the unlink.
     */
    static Step fromResource(String resource) {
        return new Step() {
            @Override
            public void load() throws IOException {
                Path file;
                try (InputStream in = NativeLibraryLoader.class.getModule().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("resource " + resource + " is not in the jar (built without gcc, or another OS/arch)");
                    }
                    file = Files.createTempFile("lib" + LIBRARY_NAME, ".so");
                    file.toFile().deleteOnExit();
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                System.load(file.toAbsolutePath().toString());
            }

            @Override
            public String description() {
                return "jar resource " + resource;
            }
        };
    }
}
