package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The persistence commands side by side with redis-server 7.0.15, each with a temp dir of its own:
 * replies of SAVE, BGSAVE (options, inside MULTI), LASTSAVE's type, the names and order of every
 * INFO persistence field, the rdb counters' values after a save, the persistence settings' CONFIG
 * GET/SET answers.
 */
class PersistenceCommandsDifferentialTest {

    @Test
    void sameRepliesAndInfoFields() {
        Path refDir = ServerDirs.newDir("pcmd-ref");
        Path ourDir = ServerDirs.newDir("pcmd-ours");
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--dir", refDir.toString(), "--enable-debug-command", "yes");
             ServerUnderTest.Running ours = RdbFilesTest.ours(ourDir);
             Differential d = Differential.open(ref.endpoint(), ours.endpoint(), 2)) {
            d.same("SET", "a", "1");
            d.same("SET", "b", "2");
            d.same("BGSAVE", "NOW");
            d.same("BGSAVE", "SCHEDULE", "X");
            d.same("SAVE", "extra");
            d.same("SAVE");
            d.same("DEBUG", "RELOAD", "BADOPTION");
            d.same("CONFIG", "GET", "save");
            d.same("CONFIG", "SET", "save", "100 10 20");
            d.same("CONFIG", "GET", "save");
            d.same("CONFIG", "SET", "save", "10");
            d.same("CONFIG", "SET", "save", "");
            d.same("CONFIG", "GET", "save");
            d.same("CONFIG", "GET", "dbfilename");
            d.same("CONFIG", "GET", "rdbcompression");
            d.same("CONFIG", "GET", "rdbchecksum");
            d.same("CONFIG", "GET", "stop-writes-on-bgsave-error");
            d.same("CONFIG", "GET", "rdb-save-incremental-fsync");
            d.same("CONFIG", "GET", "rdb-del-sync-files");
            d.same("CONFIG", "GET", "rdb-key-save-delay");
            d.same("CONFIG", "GET", "key-load-delay");
            d.same("MULTI");
            d.same("BGSAVE");
            d.same("EXEC");
        }
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--dir", refDir.toString(), "--enable-debug-command", "yes");
             ServerUnderTest.Running ours = RdbFilesTest.ours(ourDir);
             RawConnection r = ref.endpoint().connect(); RawConnection o = ours.endpoint().connect()) {
            assertEquals(fields(r), fields(o));
            for (RawConnection c : List.of(r, o)) {
                c.call("SET", "x", "1");
                c.call("SET", "y", "1");
                assertEquals(2, c.infoLong("rdb_changes_since_last_save"));
                assertEquals("+OK\r\n", c.call("SAVE").rawText());
                assertEquals(0, c.infoLong("rdb_changes_since_last_save"));
                assertEquals(':', c.call("LASTSAVE").type());
                assertEquals(2, c.infoLong("rdb_last_load_keys_loaded"));
            }
        }
    }

    /** The field names of INFO persistence, in order. */
    private static List<String> fields(RawConnection c) {
        List<String> names = new ArrayList<>();
        for (String line : c.call("INFO", "persistence").text().split("\r\n")) {
            int colon = line.indexOf(':');
            names.add(colon < 0 ? line : line.substring(0, colon));
        }
        return names;
    }
}
