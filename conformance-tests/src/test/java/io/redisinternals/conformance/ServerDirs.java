package io.redisinternals.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where test servers keep their files. Saving is on by default (Redis's save points), and a server's
 * {@code dir} defaults to the working directory, which under Maven is the module's source folder: so
 * every server a test starts, ours and the reference, gets {@code --save ""} and a fresh temp
 * {@code --dir} of its own, removed when the JVM exits. A test about persistence overrides either
 * by passing its own {@code --save}/{@code --dir} after these (the last occurrence wins, as in Redis).
 */
final class ServerDirs {

    private ServerDirs() {
    }

    /** {@code --save "" --dir <new temp dir>}, to put before a test's own arguments. */
    static List<String> isolation() {
        return List.of("--save", "", "--dir", newDir("server").toString());
    }

    /** A new empty temp directory, deleted with its content when the JVM exits. */
    static Path newDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("ri-" + prefix + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "rm-" + dir.getFileName()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prepends {@link #isolation()} to {@code args}. */
    static List<String> isolated(List<String> args) {
        List<String> all = new ArrayList<>(isolation());
        all.addAll(args);
        return all;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temp directory left behind harms nobody
        }
    }
}
