package io.redisinternals.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.Keyspace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Loading keys into a keyspace: a key twice in one database is refused, unless duplicates are allowed. */
class RdbFileLoaderTest {

    /** A version-10 file with string keys {@code k}=a, {@code k}=b, {@code other}=c in db 0, checksum 0 (not checked). */
    private static byte[] fileWithDuplicate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("REDIS0010".getBytes(StandardCharsets.US_ASCII));
        out.write(RdbTypes.RDB_OPCODE_SELECTDB);
        out.write(0);
        for (String[] kv : new String[][] {{"k", "a"}, {"k", "b"}, {"other", "c"}}) {
            out.write(0); // RDB_TYPE_STRING
            for (String s : kv) {
                out.write(s.length());
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write(RdbTypes.RDB_OPCODE_EOF);
        out.writeBytes(new byte[8]);
        return out.toByteArray();
    }

    private static RdbFileLoader loader(Keyspace ks, boolean allowDuplicates) {
        return new RdbFileLoader(ks, new ReentrantLock(), List.of(), db -> RdbReadOptions.defaults(ks.db(db).hasher(), true),
                true, 0, 0, new RdbFileLoader.Progress(), allowDuplicates);
    }

    @Test
    void aDuplicateKeyRefusesTheLoad() {
        Keyspace ks = new Keyspace(16, 1);
        RdbFormatException e = assertThrows(RdbFormatException.class,
                () -> loader(ks, false).load(RdbInput.of(fileWithDuplicate())));
        assertTrue(e.getMessage().startsWith("Duplicate key 'k' in DB 0"), e.getMessage());
        assertArrayEquals("a".getBytes(StandardCharsets.US_ASCII), (byte[]) ks.db(0).peek("k".getBytes(StandardCharsets.US_ASCII)),
                "the first value is not replaced");
    }

    @Test
    void withDuplicatesAllowedTheLastValueWins() {
        Keyspace ks = new Keyspace(16, 1);
        loader(ks, true).load(RdbInput.of(fileWithDuplicate()));
        assertEquals(2, ks.db(0).size());
        assertArrayEquals("b".getBytes(StandardCharsets.US_ASCII), (byte[]) ks.db(0).peek("k".getBytes(StandardCharsets.US_ASCII)));
    }
}
