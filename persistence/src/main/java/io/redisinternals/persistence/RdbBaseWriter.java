package io.redisinternals.persistence;

import io.redisinternals.persistence.aof.BaseWriter;
import io.redisinternals.persistence.rdb.RdbFileWriter;
import java.io.IOException;
import java.nio.file.Path;

/** An RDB file writer seen by the AOF as the writer of an RDB-preamble base file. */
record RdbBaseWriter(RdbFileWriter w) implements BaseWriter {

    @Override
    public void database(int db, long keys, long expires) {
        w.database(db, keys, expires);
    }

    @Override
    public void key(int db, byte[] key, Object value, long expireAtMillis, int accessStamp) {
        w.key(db, key, value, expireAtMillis, accessStamp);
    }

    @Override
    public void endSlice() {
        w.endSlice();
    }

    @Override
    public void drain() throws IOException {
        w.drain();
    }

    @Override
    public void commit(Path target) throws IOException {
        w.commit(target);
    }

    @Override
    public void close() {
        w.close();
    }
}
