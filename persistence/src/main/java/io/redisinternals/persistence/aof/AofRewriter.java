package io.redisinternals.persistence.aof;

import io.redisinternals.command.spi.FunctionStore;
import io.redisinternals.engine.Engine;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.resp.Numbers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the dataset as commands, the AOF-format base file (Redis's rewriteAppendOnlyFileRio):
 * an optional {@code #TS:} annotation, FUNCTION LOAD per library, then per non-empty database a
 * SELECT and per key SET, or RPUSH/SADD/ZADD/HMSET in batches of 64 items
 * (AOF_REWRITE_ITEMS_PER_CMD), and PEXPIREAT for a key with a time to live. Runs under the
 * execution lock (the dataset must not change while it is walked).
 */
final class AofRewriter {

    /** Redis's AOF_REWRITE_ITEMS_PER_CMD. */
    static final int ITEMS_PER_CMD = 64;
    /** Output is handed to the stream whenever this much is buffered. */
    private static final int CHUNK = 64 * 1024;

    private final OutputStream sink;
    private final RespOut out = new RespOut(CHUNK * 2);

    private AofRewriter(OutputStream sink) {
        this.sink = sink;
    }

    static void write(Engine engine, OutputStream sink, boolean timestamp) throws IOException {
        new AofRewriter(sink).writeAll(engine, timestamp);
    }

    private void writeAll(Engine engine, boolean timestamp) throws IOException {
        if (timestamp) {
            out.raw("#TS:" + System.currentTimeMillis() / 1000 + "\r\n");
        }
        for (FunctionStore store : engine.functionStores()) {
            for (byte[] code : store.codes()) {
                out.arrayHeader(3);
                out.bulk("FUNCTION");
                out.bulk("LOAD");
                out.bulk(code);
            }
        }
        Keyspace keyspace = engine.keyspace();
        for (int j = 0; j < keyspace.databaseCount(); j++) {
            Database db = keyspace.db(j);
            if (db.size() == 0) {
                continue;
            }
            out.arrayHeader(2);
            out.bulk("SELECT");
            out.bulk(j);
            List<byte[]> keys = new ArrayList<>((int) Math.min(db.size(), 1 << 20));
            long cursor = 0;
            do {
                cursor = db.scan(cursor, keys::add);
            } while (cursor != 0);
            for (byte[] key : keys) {
                Object value = db.peek(key);
                if (value == null) {
                    continue;
                }
                writeKey(key, value);
                long expire = db.getExpire(key);
                if (expire != -1) {
                    out.arrayHeader(3);
                    out.bulk("PEXPIREAT");
                    out.bulk(key);
                    out.bulk(expire);
                }
                drain(false);
            }
        }
        drain(true);
    }

    private void writeKey(byte[] key, Object value) throws IOException {
        if (StringValue.isString(value)) {
            out.arrayHeader(3);
            out.bulk("SET");
            out.bulk(key);
            out.bulk(StringValue.array(value), 0, StringValue.length(value));
        } else if (value instanceof ListValue list) {
            Batch b = new Batch("RPUSH", key, list.size(), 1);
            ListValue.Cursor c = list.cursorAtEnd(true);
            do {
                b.item();
                out.bulk(c.array(), c.offset(), c.length());
            } while (c.next());
        } else if (value instanceof SetValue set) {
            Batch b = new Batch("SADD", key, set.size(), 1);
            for (byte[] m : set.members()) {
                b.item();
                out.bulk(m);
            }
        } else if (value instanceof SortedSetValue zset) {
            Batch b = new Batch("ZADD", key, zset.size(), 2);
            zset.forEach((member, score) -> {
                b.item();
                out.bulk(Numbers.formatDouble17g(score));
                out.bulk(member);
            });
        } else if (value instanceof HashValue hash) {
            Batch b = new Batch("HMSET", key, hash.size(), 2);
            hash.forEach((field, v) -> {
                b.item();
                out.bulk(field);
                out.bulk(v);
            });
        } else {
            throw new IOException("cannot rewrite a value of " + value.getClass().getName());
        }
    }

    /** Commands of at most 64 items for one key: each starts with its header when its first item comes. */
    private final class Batch {
        private final String command;
        private final byte[] key;
        private long left;
        private final int width;
        private int inCommand;

        Batch(String command, byte[] key, long items, int width) {
            this.command = command;
            this.key = key;
            this.left = items;
            this.width = width;
        }

        void item() {
            if (inCommand == 0) {
                int n = (int) Math.min(left, ITEMS_PER_CMD);
                out.arrayHeader(2 + n * width);
                out.bulk(command);
                out.bulk(key);
            }
            inCommand++;
            left--;
            if (inCommand == ITEMS_PER_CMD) {
                inCommand = 0;
            }
        }
    }

    private void drain(boolean all) throws IOException {
        if (all || out.length() >= CHUNK) {
            sink.write(out.array(), 0, out.length());
            out.clear();
        }
    }
}
