package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command metadata resource (command-api's redis-7.0.15-commands.txt, the single source of
 * every command's COMMAND INFO and COMMAND DOCS) is exactly what the reference server reports:
 * runs {@code tools/CaptureCommandMetadata.java --check} against it, so the resource can never
 * silently differ from redis-server 7.0.15.
 */
class CommandMetadataCaptureTest {

    @Test
    void resourceMatchesTheReferenceServer() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("tools/CaptureCommandMetadata.java"))) {
            root = root.getParent();
            assertTrue(root != null, "tools/CaptureCommandMetadata.java not found above " + Path.of("").toAbsolutePath());
        }
        Endpoint ref = ReferenceRedis.shared();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Tools.Result r = Tools.run(List.of(java.toString(),
                root.resolve("tools/CaptureCommandMetadata.java").toString(), "--check",
                "--file", root.resolve("command-api/src/main/resources/io/redisinternals/command/redis-7.0.15-commands.txt")
                        .toString(),
                ref.host() + ":" + ref.port()), null, 120);
        assertEquals(0, r.exitCode(), "reference: " + ReferenceRedis.description() + "\n" + r.output());
        assertTrue(r.output().contains("240 commands, 126 subcommands"), r.output());
    }
}
