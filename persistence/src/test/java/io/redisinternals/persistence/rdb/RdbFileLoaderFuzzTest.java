package io.redisinternals.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fuzzes the RDB file loader: the input is a whole file. A plain {@code mvn test} replays the seeds
 * under src/test/resources/io/redisinternals/persistence/rdb/RdbFileLoaderFuzzTestInputs/load/
 * (files redis-server 7.0.15 and we wrote: every type, TTLs, two databases, a function library);
 * with {@code JAZZER_FUZZ=1} Jazzer generates inputs for real.
 *
 * <p>Invariants: only {@link RdbFormatException} escapes (anything else, OutOfMemoryError included,
 * fails); a file that loads into a keyspace is also accepted by the checker (check-rdb), which
 * counts the same keys; and what loaded, written back by {@link RdbFileWriter} and loaded again,
 * has the same keys, values and TTLs.
 */
class RdbFileLoaderFuzzTest {

    private static final int MAX_INPUT = 64 * 1024;
    /** Far in the future, so no TTL of the file is "already expired" differently between the loads. */
    private static final long NOW = 0;

    @FuzzTest(maxDuration = "5m")
    void load(byte[] input) throws IOException {
        if (input.length > MAX_INPUT) {
            return;
        }
        RdbFileLoader.Progress checked = new RdbFileLoader.Progress();
        boolean checkerOk = run(RdbFileLoader.checker(NOW, checked), input);
        Keyspace ks = new Keyspace(16, 42);
        RdbFileLoader.Progress loaded = new RdbFileLoader.Progress();
        if (!run(loader(ks, loaded), input)) {
            return;
        }
        assertEquals(true, checkerOk, "the checker refuses a file that loads");
        assertEquals(checked.keysLoaded, loaded.keysLoaded + loaded.keysExpired);
        TreeMap<String, String> first = contents(ks);
        Path file = Files.createTempFile("rdb-fuzz-", ".rdb");
        try {
            RdbFileWriter w = new RdbFileWriter(file, true, true, false, RdbFileWriter.Stamps.NONE, s -> 0);
            w.header(List.<Object[]>of(new Object[] {"redis-ver", "7.0.15"}), List.of());
            ks.beginSnapshot();
            for (int i = 0; i < ks.databaseCount(); i++) {
                Database db = ks.db(i);
                if (db.size() == 0) {
                    continue;
                }
                w.database(i, db.size(), db.expiresCount());
                int index = i;
                long cursor = 0;
                do {
                    cursor = db.snapshotScan(cursor, (k, v, when, stamp) -> w.key(index, k, v, when, stamp));
                } while (cursor != 0);
            }
            Path target = file.resolveSibling(file.getFileName() + ".final");
            w.commit(target);
            Keyspace again = new Keyspace(16, 42);
            byte[] written = Files.readAllBytes(target);
            Files.delete(target);
            boolean ok = run(loader(again, new RdbFileLoader.Progress()), written);
            assertEquals(true, ok, "our own file of what loaded does not load");
            assertEquals(first, contents(again));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static RdbFileLoader loader(Keyspace ks, RdbFileLoader.Progress p) {
        return new RdbFileLoader(ks, new ReentrantLock(), List.of(), db -> RdbReadOptions.defaults(ks.db(db).hasher(), true),
                true, 0, NOW, p, false);
    }

    private static boolean run(RdbFileLoader loader, byte[] input) {
        try {
            loader.load(RdbInput.of(input));
            return true;
        } catch (RdbFormatException e) {
            assertNotNull(e.getMessage());
            return false;
        }
    }

    private static TreeMap<String, String> contents(Keyspace ks) {
        TreeMap<String, String> all = new TreeMap<>();
        for (int i = 0; i < ks.databaseCount(); i++) {
            Database db = ks.db(i);
            int index = i;
            long cursor = 0;
            do {
                cursor = db.scan(cursor, k -> all.put(index + " " + java.util.HexFormat.of().formatHex(k),
                        db.getExpire(k) + " " + Samples.describe(db.peek(k))));
            } while (cursor != 0);
        }
        return all;
    }
}
