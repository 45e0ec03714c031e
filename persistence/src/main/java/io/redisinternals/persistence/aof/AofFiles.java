package io.redisinternals.persistence.aof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations whose order makes the AOF crash-safe (Redis's writeAofManifestFile,
 * fsyncFileDir): a manifest replaces the old one only once it is complete and on disk, and the
 * directory entry of a rename or a new file is made durable before anything relies on it.
 */
final class AofFiles {

    private AofFiles() {
    }

    static Path manifestPath(Path aofDir, String appendFilename) {
        return aofDir.resolve(appendFilename + ".manifest");
    }

    /**
     * Writes the manifest durably: to {@code temp-<name>.manifest}, fsync, rename over the manifest,
     * fsync the directory. A crash at any point leaves either the old manifest or the new one.
     */
    static void writeManifest(Path aofDir, String appendFilename, AofManifest manifest) throws IOException {
        Path target = manifestPath(aofDir, appendFilename);
        Path temp = aofDir.resolve("temp-" + appendFilename + ".manifest");
        byte[] text = manifest.format().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDir(aofDir);
    }

    /** Makes the directory's entries (created, renamed files) durable. */
    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Reads the manifest if the directory and the file exist (Redis's aofLoadManifestFromDisk), else an empty one. */
    static AofManifest readManifest(Path aofDir, String appendFilename) throws IOException, AofManifest.ManifestException {
        Path p = manifestPath(aofDir, appendFilename);
        if (!Files.isDirectory(aofDir) || !Files.exists(p)) {
            return new AofManifest();
        }
        return AofManifest.parse(Files.readAllBytes(p));
    }
}
