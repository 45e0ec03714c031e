package io.redisinternals.persistence;

import io.redisinternals.persistence.rdb.RdbFileLoader;
import io.redisinternals.persistence.rdb.RdbFormatException;
import io.redisinternals.persistence.rdb.RdbInput;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code redis-internals check-rdb FILE}: reads a whole RDB file, every value checked deeply, and
 * reports as redis-check-rdb does: "[offset N] ..." lines for the AUX fields, database switches and
 * the checksum, the first error with its offset, then the counts of keys read, expires and keys
 * already expired. Exit status 0 when the file is good, 1 otherwise.
 */
public final class RdbCheck {

    private RdbCheck() {
    }

    /** Checks {@code file}, printing to {@code out}; returns the exit status. */
    public static int run(Path file, PrintStream out) {
        out.println("[offset 0] Checking RDB file " + file);
        RdbFileLoader.Progress progress = new RdbFileLoader.Progress();
        RdbFileLoader loader = RdbFileLoader.checker(System.currentTimeMillis(), progress);
        loader.listener(new RdbFileLoader.Listener() {
            @Override
            public void aux(long offset, byte[] name, byte[] value) {
                out.println("[offset " + offset + "] AUX FIELD " + text(name) + " = '" + text(value) + "'");
            }

            @Override
            public void selectDb(long offset, int db) {
                out.println("[offset " + offset + "] Selecting DB ID " + db);
            }

            @Override
            public void checksum(long offset, boolean verified) {
                out.println("[offset " + offset + "] " + (verified ? "Checksum OK" : "RDB file was saved with checksum disabled: no check performed."));
                out.println("[offset " + offset + "] \\o/ RDB looks OK! \\o/");
            }
        });
        int status = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            loader.load(RdbInput.of(ch));
        } catch (RdbFormatException e) {
            out.println("--- RDB ERROR DETECTED ---");
            out.println("[offset " + Math.max(0, e.offset()) + "] " + e.getMessage());
            status = 1;
        } catch (IOException | UncheckedIOException e) {
            out.println("--- RDB ERROR DETECTED ---");
            out.println("[offset 0] Cannot check RDB that is a FIFO / cannot open the file: " + e.getMessage());
            status = 1;
        }
        out.println("[info] " + progress.keysLoaded + " keys read");
        out.println("[info] " + loader.expires() + " expires");
        out.println("[info] " + progress.keysExpired + " already expired");
        return status;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
