package io.redisinternals.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * redis-cli and redis-benchmark from the system (Debian's redis-tools). When missing, a test is
 * reported as skipped with the reason, unless {@code -Dconformance.requireTools=true}: then it fails.
 */
final class Tools {

    private Tools() {
    }

    static Path require(String name) {
        String pathVar = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = name + " not found on PATH; install it with: apt-get install redis-tools";
        if (Boolean.getBoolean("conformance.requireTools")) {
            throw new AssertionError(why + " (conformance.requireTools=true)");
        }
        Assumptions.abort(why);
        throw new IllegalStateException("unreachable");
    }

    /** Output (stdout and stderr merged) and exit code of a finished process. */
    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, byte[] stdin, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("conformance-tool-", ".out");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin);
                    }
                }
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s; output: "
                            + Files.readString(out, StandardCharsets.ISO_8859_1));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
