package io.redisinternals.persistence.aof;

import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.resp.Numbers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the dataset as commands, the AOF-format base file (Redis's rewriteAppendOnlyFileRio):
 * an optional {@code #TS:} annotation, FUNCTION LOAD per library, then SELECT whenever the
 * database changes and per key SET, or RPUSH/SADD/ZADD/HMSET in batches of 64 items
 * (AOF_REWRITE_ITEMS_PER_CMD), and PEXPIREAT for a key with a time to live.
 *
 * <p>As the sink of a snapshot, keys come under the execution lock, from the walk or from a
 * write's before-write hook (any database, hence the SELECT per change), and are encoded at once
 * into one buffer; {@link #endSlice} swaps it with a spare that {@link #drain} writes out without
 * the lock (the same double buffering as the RDB writer).
 */
final class AofRewriter implements BaseWriter {

    /** Redis's AOF_REWRITE_ITEMS_PER_CMD. */
    static final int ITEMS_PER_CMD = 64;
    /** A slice smaller than this stays in the buffer: few big writes. */
    private static final int CHUNK = 256 * 1024;

    private final Path temp;
    private final FileChannel channel;
    private RespOut out = new RespOut(CHUNK * 2);
    private RespOut spare = new RespOut(CHUNK * 2);
    private int currentDb = -1;

    /**
     * Opens {@code temp} (truncated) and writes the annotation and the function libraries; under
     * the execution lock.
     */
    AofRewriter(Path temp, boolean timestamp, List<byte[]> functionCodes) throws IOException {
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        if (timestamp) {
            out.raw("#TS:" + System.currentTimeMillis() / 1000 + "\r\n");
        }
        for (byte[] code : functionCodes) {
            out.arrayHeader(3);
            out.bulk("FUNCTION");
            out.bulk("LOAD");
            out.bulk(code);
        }
    }

    @Override
    public void database(int db, long keys, long expires) {
        select(db);
    }

    private void select(int db) {
        if (db != currentDb) {
            out.arrayHeader(2);
            out.bulk("SELECT");
            out.bulk(db);
            currentDb = db;
        }
    }

    @Override
    public void key(int db, byte[] key, Object value, long expireAtMillis, int accessStamp) {
        select(db);
        writeKey(key, value);
        if (expireAtMillis != -1) {
            out.arrayHeader(3);
            out.bulk("PEXPIREAT");
            out.bulk(key);
            out.bulk(expireAtMillis);
        }
    }

    @Override
    public void endSlice() {
        if (out.length() >= CHUNK && spare.length() == 0) {
            RespOut full = out;
            out = spare;
            spare = full;
        }
    }

    @Override
    public void drain() throws IOException {
        RespOut b = spare;
        ByteBuffer bb = b.view();
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        b.clear();
        b.shrinkIfLarge(CHUNK * 2);
    }

    @Override
    public void commit(Path target) throws IOException {
        drain();
        RespOut last = spare;
        spare = out;
        out = last;
        drain();
        channel.force(true);
        channel.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AofFiles.fsyncDir(target.getParent());
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a leftover temp file is ignored by loading and replaced by the next rewrite
        }
    }

    private void writeKey(byte[] key, Object value) {
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
            throw new IllegalStateException("cannot rewrite a value of " + value.getClass().getName());
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
}
