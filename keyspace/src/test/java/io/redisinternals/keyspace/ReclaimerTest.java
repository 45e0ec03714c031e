package io.redisinternals.keyspace;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage's freeing seam: every value that leaves a key, by whatever mutator, is reported once
 * to the keyspace's {@link Reclaimer} with the reason given (a plain delete or replacement is a
 * server-side one), and a flush reports its key count and mode; a value replaced by itself is not.
 */
class ReclaimerTest {

    private final Keyspace keyspace = new Keyspace(2, 7);
    private final Database db = keyspace.db(0);
    private final List<String> heard = new ArrayList<>();

    ReclaimerTest() {
        keyspace.reclaimer(new Reclaimer() {
            @Override
            public boolean lazy(Removal why) {
                return why == Removal.EXPIRE;
            }

            @Override
            public void released(Object value, Removal why) {
                heard.add(new String((byte[]) value) + ":" + why);
            }

            @Override
            public void flushed(long keys, boolean async) {
                heard.add("flush " + keys + (async ? " async" : " sync"));
            }
        });
    }

    private static Argv key(String k) {
        return Argv.of("X", k);
    }

    @Test
    void everyWayAValueLeavesIsReportedWithItsReason() {
        db.put(key("a"), 1, b("a1"));
        db.put(key("a"), 1, b("a2")); // SET over a key: a server-side overwrite
        db.overwrite(key("a"), 1, b("a3")); // SET KEEPTTL
        db.remove(key("a"), 1, Removal.UNLINK);
        db.put(key("b"), 1, b("b1"));
        db.remove(key("b"), 1); // a command's own delete: dbDelete
        db.put(key("c"), 1, b("c1"));
        db.remove(b("c"), Removal.EVICTION);
        db.put(key("d"), 1, b("d1"));
        db.put(key("d"), 1, b("d2"), Removal.RETAINED);
        assertEquals(List.of("a1:SERVER", "a2:SERVER", "a3:UNLINK", "b1:SERVER", "c1:EVICTION", "d1:RETAINED"), heard);
        assertTrue(keyspace.lazy(Removal.EXPIRE));
    }

    @Test
    void nothingIsReportedForAMissingKeyOrAValueStoredOverItself() {
        db.remove(key("none"), 1, Removal.USER_DEL);
        byte[] v = b("v");
        db.put(key("k"), 1, v);
        db.put(key("k"), 1, v);
        db.overwrite(key("k"), 1, v);
        assertEquals(List.of(), heard);
    }

    @Test
    void expiredKeysAreReportedAsExpiry() {
        db.put(key("e"), 1, b("e1"));
        db.setExpire(key("e"), 1, 1);
        db.put(key("f"), 1, b("f1"));
        db.setExpire(key("f"), 1, 1);
        assertEquals(null, db.lookup(key("e"), 1, Lookup.READ, 10));
        db.activeExpireCycle(10, System.nanoTime() + 1_000_000_000L, new java.util.Random(1));
        assertEquals(List.of("e1:EXPIRE", "f1:EXPIRE"), heard);
    }

    @Test
    void aFlushReportsItsKeysAndMode() {
        db.put(key("a"), 1, b("1"));
        db.put(key("b"), 1, b("2"));
        keyspace.db(1).put(key("c"), 1, b("3"));
        db.flush(true);
        keyspace.flushAll(false);
        assertEquals(List.of("flush 2 async", "flush 0 sync", "flush 1 sync"), heard);
    }

    @Test
    void aListenerSeesTheSameReports() {
        db.keyListener(new KeyListener() {
            @Override
            public void keyModified(Database d, Argv argv, int i) {
            }

            @Override
            public void keyModified(Database d, byte[] k) {
            }

            @Override
            public void flushing(Database d) {
            }

            @Override
            public void swapped(Database a, Database b2) {
            }
        });
        db.put(key("a"), 1, b("a1"));
        db.put(key("a"), 1, b("a2"));
        db.overwrite(key("a"), 1, b("a3"));
        db.remove(key("a"), 1, Removal.USER_DEL);
        assertEquals(List.of("a1:SERVER", "a2:SERVER", "a3:USER_DEL"), heard);
    }
}
