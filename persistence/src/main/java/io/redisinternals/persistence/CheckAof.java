package io.redisinternals.persistence;

import io.redisinternals.command.spi.FunctionStore;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.persistence.aof.AofCheck;
import io.redisinternals.persistence.rdb.RdbFileLoader;
import io.redisinternals.persistence.rdb.RdbFormatException;
import io.redisinternals.persistence.rdb.RdbInput;
import io.redisinternals.persistence.rdb.RdbReadOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The launcher's {@code check-aof} tool (redis-check-aof 7.0): {@code redis-internals check-aof
 * [--fix] DIR|MANIFEST|FILE}. Reports on standard output; returns the exit status. An RDB base
 * or preamble is checked by loading it into a scratch keyspace with the RDB loader (structure,
 * every value, the CRC); its report is two lines, not redis-check-rdb's listing.
 */
public final class CheckAof {

    private CheckAof() {
    }

    public static int run(List<String> args) {
        return AofCheck.run(args, System.out, System.in, CheckAof::checkRdb);
    }

    /** Loads the RDB at the start of {@code file} into nothing that lasts; its length, or -1 if bad. */
    static long checkRdb(Path file, PrintStream out) throws IOException {
        out.println("[offset 0] Checking RDB file " + file.getFileName());
        Keyspace scratch = new Keyspace(16, 0);
        FunctionStore acceptAll = new FunctionStore() {
            @Override
            public List<byte[]> codes() {
                return List.of();
            }

            @Override
            public String load(byte[] code, boolean replace) {
                return null; // a library's code is not compiled here, only read
            }

            @Override
            public void flush() {
            }
        };
        RdbFileLoader.Progress progress = new RdbFileLoader.Progress();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            RdbInput in = RdbInput.of(ch);
            new RdbFileLoader(scratch, new ReentrantLock(), List.of(acceptAll),
                    db -> RdbReadOptions.defaults(scratch.db(db).hasher(), true), true, 0, 0, progress, true).load(in);
            out.println("[offset " + in.offset() + "] \\o/ RDB looks OK! \\o/");
            out.println("[info] " + progress.keysLoaded + " keys read");
            return in.offset();
        } catch (RdbFormatException e) {
            out.println("--- RDB ERROR DETECTED ---");
            out.println("[offset " + Math.max(0, e.offset()) + "] " + e.getMessage());
            return -1;
        } catch (UncheckedIOException e) {
            out.println("--- RDB ERROR DETECTED ---");
            out.println(e.getCause().getMessage());
            return -1;
        }
    }
}
