package io.redisinternals.keyspace;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The snapshot marks (Database "snapshots"): a walk with SCAN steps, interleaved with writes that
 * save a key's old state through the before-write signal, adds, removals, TTL changes and the
 * rehashing they cause, hands over every key that existed at the start exactly once, as it was at
 * the start, and nothing created afterwards; access stamps keep working beside the mark.
 */
class SnapshotMarksTest {

    private final Keyspace keyspace = new Keyspace(16, 11);
    private final Database db = keyspace.db(0);
    /** What the snapshot received: key -> value@expire, and how often. */
    private final Map<String, String> saved = new HashMap<>();
    private final Map<String, Integer> times = new HashMap<>();

    SnapshotMarksTest() {
        db.keyListener(new KeyListener() {
            @Override
            public void keyModified(Database d, Argv argv, int i) {
            }

            @Override
            public void keyModified(Database d, byte[] key) {
            }

            @Override
            public void flushing(Database d) {
                d.snapshotRest(SnapshotMarksTest.this::save);
            }

            @Override
            public void swapped(Database a, Database c) {
            }

            @Override
            public void beforeWrite(Database d, byte[] key, Object value) {
                d.snapshotKey(key, SnapshotMarksTest.this::save);
            }
        });
    }

    private void save(byte[] key, Object value, long when, int stamp) {
        String k = new String(key, StandardCharsets.UTF_8);
        saved.put(k, new String((byte[]) value, StandardCharsets.UTF_8) + "@" + when);
        times.merge(k, 1, Integer::sum);
    }

    @Test
    void everyKeyOfTheStartExactlyOnceWhateverTheWritesDo() {
        for (int round = 0; round < 3; round++) {
            Random rnd = new Random(round);
            Map<String, String> atStart = new HashMap<>();
            int n = 3000;
            for (int i = 0; i < n; i++) {
                db.put(b("k" + round + ":" + i), b("v" + i));
                if (i % 7 == 0) {
                    db.setExpire(b("k" + round + ":" + i), 1_000_000L + i);
                }
            }
            long[] cursor = {0};
            for (long c = 0;;) { // the state at the start, by a full walk of our own
                c = db.scan(c, k -> atStart.put(new String(k, StandardCharsets.UTF_8),
                        new String((byte[]) db.peek(k), StandardCharsets.UTF_8) + "@" + db.getExpire(k)));
                if (c == 0) {
                    break;
                }
            }
            saved.clear();
            times.clear();
            keyspace.beginSnapshot();
            int added = 0;
            do {
                cursor[0] = db.snapshotScan(cursor[0], this::save);
                for (int w = 0; w < 5; w++) {
                    String key = "k" + round + ":" + rnd.nextInt(n);
                    switch (rnd.nextInt(5)) {
                        case 0 -> db.put(b(key), b("changed"));
                        case 1 -> db.remove(b(key));
                        case 2 -> {
                            if (db.containsKey(b(key))) {
                                db.setExpire(b(key), 42);
                            }
                        }
                        case 3 -> db.put(b("new" + round + ":" + added++), b("new")); // grows the table: rehashing
                        default -> db.get(b(key)); // a read: touches the stamp, saves nothing
                    }
                }
            } while (cursor[0] != 0);
            keyspace.snapshotCompleted();
            assertEquals(atStart, saved, "round " + round);
            times.forEach((k, t) -> assertEquals(1, t, k));
            for (String k : saved.keySet()) {
                assertEquals(false, k.startsWith("new"), k);
            }
            db.flush();
        }
    }

    @Test
    void flushDuringAWalkHandsOverTheRestFirst() {
        for (int i = 0; i < 500; i++) {
            db.put(b("k" + i), b("v" + i));
        }
        keyspace.beginSnapshot();
        long c = db.snapshotScan(0, this::save);
        c = db.snapshotScan(c, this::save);
        db.flush();
        assertEquals(0, db.snapshotScan(c, this::save));
        assertEquals(500, saved.size());
        times.forEach((k, t) -> assertEquals(1, t, k));
    }

    @Test
    void theMarkLeavesTheAccessStampAlone() {
        keyspace.clock(5_000_000L);
        db.put(b("a"), b("1"));
        keyspace.beginSnapshot();
        db.snapshotScan(0, this::save);
        int stamp = db.peekEntry(b("a")).meta();
        assertEquals(Keyspace.lruClock(5_000_000L), stamp & Keyspace.LRU_CLOCK_MAX);
        keyspace.clock(9_000_000L);
        db.get(b("a"));
        assertEquals(Keyspace.lruClock(9_000_000L), db.peekEntry(b("a")).meta() & Keyspace.LRU_CLOCK_MAX);
        assertEquals(0, keyspace.idleSeconds(db.peekEntry(b("a")).meta()));
        // still marked saved: a second pass of the same snapshot hands nothing over
        saved.clear();
        db.snapshotScan(0, this::save);
        assertNull(saved.get("a"));
    }

    @Test
    void aSaveUnderTheLockInTheMiddleOfAWalkSeesEverythingAndLeavesTheMarksAlone() {
        for (int i = 0; i < 2000; i++) {
            db.put(b("k" + i), b("v" + i));
            if (i % 5 == 0) {
                db.setExpire(b("k" + i), 2_000_000L + i);
            }
        }
        keyspace.beginSnapshot();
        long c = db.snapshotScan(0, this::save);
        c = db.snapshotScan(c, this::save);
        db.put(b("k1"), b("changed")); // its old state goes to the snapshot first
        db.put(b("created"), b("new"));
        Map<String, String> locked = new HashMap<>();
        db.forEachForSave((k, v, when, stamp) -> locked.merge(new String(k, StandardCharsets.UTF_8),
                new String((byte[]) v, StandardCharsets.UTF_8) + "@" + when, (x, y) -> "twice"));
        assertEquals(2001, locked.size());
        assertEquals("changed@-1", locked.get("k1"));
        assertEquals("v5@2000005", locked.get("k5"));
        assertEquals("new@-1", locked.get("created"));
        do {
            c = db.snapshotScan(c, this::save);
        } while (c != 0);
        // the background walk still hands over each key of its start exactly once, as it was
        assertEquals(2000, saved.size());
        assertEquals("v1@-1", saved.get("k1"));
        assertNull(saved.get("created"));
        times.forEach((k, t) -> assertEquals(1, t, k));
    }
}
