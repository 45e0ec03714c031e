package io.redisinternals.keyspace;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key signals the storage sends: the before-write signal carries the value about to change
 * (what a snapshot must still see), for write lookups and for every replacing or removing mutator;
 * reads send none; new keys and expiries are signalled with their key.
 */
class KeySignalsTest {

    private final Keyspace keyspace = new Keyspace(16, 7);
    private final Database db = keyspace.db(0);
    private final List<String> signals = new ArrayList<>();

    KeySignalsTest() {
        db.keyListener(new KeyListener() {
            @Override
            public void keyModified(Database d, Argv argv, int i) {
                signals.add("modified " + argv.string(i));
            }

            @Override
            public void keyModified(Database d, byte[] key) {
                signals.add("modified " + text(key));
            }

            @Override
            public void flushing(Database d) {
                signals.add("flushing");
            }

            @Override
            public void swapped(Database a, Database b) {
                signals.add("swapped");
            }

            @Override
            public void beforeWrite(Database d, byte[] key, Object value) {
                signals.add("before " + text(key) + "=" + text((byte[]) value));
            }

            @Override
            public void keyAdded(Database d, byte[] key) {
                signals.add("new " + text(key));
            }

            @Override
            public void expired(Database d, byte[] key) {
                signals.add("expired " + text(key));
            }
        });
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesAnnounceTheOldValueFirstAndReadsAnnounceNothing() {
        Argv set = Argv.of("SET", "k", "v1");
        db.put(set, 1, b("v1"));
        db.put(Argv.of("SET", "k", "v2"), 1, b("v2"));
        db.lookup(set, 1, Lookup.READ, 0);
        db.lookup(set, 1, Lookup.NO_TOUCH, 0);
        db.lookup(set, 1, Lookup.WRITE, 0);
        db.overwrite(set, 1, b("v3"));
        db.remove(set, 1);
        db.remove(set, 1); // gone: no signal
        assertEquals(List.of("modified k", "new k", "before k=v1", "modified k", "before k=v2",
                "before k=v2", "modified k", "before k=v3", "modified k"), signals);
    }

    @Test
    void arrayKeyedMutatorsSignalAsTheArgvOnes() {
        db.put(b("x"), b("1"));
        db.put(b("x"), b("2"));
        db.lookup(b("x"), Lookup.WRITE, 0);
        db.remove(b("x"));
        assertEquals(List.of("modified x", "new x", "before x=1", "modified x", "before x=2", "before x=2",
                "modified x"), signals);
    }

    @Test
    void aLoadedKeyIsSignalledAsANewOneAndADuplicateChangesNothing() {
        byte[] stored = b("1");
        assertEquals(true, db.addLoaded(b("x"), stored));
        assertEquals(List.of("modified x", "new x"), signals, "what put gives a new key");
        signals.clear();
        assertEquals(false, db.addLoaded(b("x"), b("2")));
        assertEquals(List.of(), signals);
        assertSame(stored, db.peek(b("x")));
        assertEquals(1, db.size());
    }

    @Test
    void aLookupOfAnExpiredKeyRemovesItWithItsSignalsUnlessNoExpire() {
        Argv k = Argv.of("GET", "k");
        db.put(k, 1, b("v"));
        db.setExpire(k, 1, 1000);
        signals.clear();
        assertNull(db.lookup(k, 1, Lookup.NO_EXPIRE, 2000));
        assertEquals(List.of(), signals, "NO_EXPIRE reports it missing and leaves it");
        assertEquals(1, db.size());
        assertNull(db.lookup(k, 1, Lookup.READ, 2000));
        assertEquals(List.of("before k=v", "modified k", "expired k"), signals);
        assertEquals(0, db.size());
        assertEquals(1, keyspace.stats().expiredKeys());
    }

    @Test
    void writeLookupsCountNoHitsOrMisses() {
        Argv k = Argv.of("GET", "k");
        db.lookup(k, 1, Lookup.WRITE, 0);
        db.lookup(k, 1, Lookup.NO_STATS, 0);
        assertEquals(0, keyspace.stats().misses());
        db.lookup(k, 1, Lookup.READ, 0);
        assertEquals(1, keyspace.stats().misses());
        db.put(k, 1, b("v"));
        db.lookup(k, 1, Lookup.WRITE, 0);
        assertEquals(0, keyspace.stats().hits());
        db.lookup(k, 1, Lookup.READ, 0);
        assertEquals(1, keyspace.stats().hits());
    }
}
