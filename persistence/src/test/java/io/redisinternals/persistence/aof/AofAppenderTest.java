package io.redisinternals.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOF's appender: a batch's bytes are handed off at its end and written by the next send;
 * whoever returns from {@code beforeSend} finds every batch handed off before it in the file (the
 * promise that lets a transport thread send replies), from many threads at once; without a
 * transport hook each batch writes itself; a rotation puts what was handed off in the old file.
 */
class AofAppenderTest {

    @TempDir
    Path dir;

    private static byte[] command(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        RespOut out = new RespOut(16);
        out.command(argv);
        return java.util.Arrays.copyOf(out.array(), out.length());
    }

    private FileChannel open(String name) throws Exception {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void aBatchIsWrittenByTheNextSendNotAtItsEnd() throws Exception {
        AofAppender a = new AofAppender(() -> "no", () -> false);
        a.open(open("incr"), 0);
        a.beforeSend(); // the transport announces itself
        a.buffer().command(new byte[][] {"SET".getBytes(), "k".getBytes(), "v".getBytes()});
        a.endBatch();
        assertEquals(0, Files.size(dir.resolve("incr")), "written at the batch's end");
        assertEquals(command("SET", "k", "v").length, a.bufferLength());
        a.beforeSend();
        assertArrayEquals(command("SET", "k", "v"), Files.readAllBytes(dir.resolve("incr")));
        assertEquals(0, a.bufferLength());
        assertEquals(command("SET", "k", "v").length, a.currentSize());
        assertNull(a.writeRefusal());
    }

    @Test
    void withoutATransportHookEachBatchWritesItself() throws Exception {
        AofAppender a = new AofAppender(() -> "always", () -> false);
        a.open(open("incr"), 0);
        a.buffer().command(new byte[][] {"INCR".getBytes(), "n".getBytes()});
        a.endBatch();
        assertArrayEquals(command("INCR", "n"), Files.readAllBytes(dir.resolve("incr")));
    }

    @Test
    void aRotationWritesWhatWasHandedOffToTheOldFile() throws Exception {
        // "no": with everysec the write would wait while the old file's background fsync runs
        AofAppender a = new AofAppender(() -> "no", () -> false);
        a.open(open("incr.1"), 0);
        a.beforeSend();
        a.buffer().command(new byte[][] {"DEL".getBytes(), "a".getBytes()});
        a.endBatch(); // handed off, no send yet
        a.buffer().command(new byte[][] {"DEL".getBytes(), "b".getBytes()});
        a.rotate(open("incr.2")); // the batch under way too: the rotation happens between batches
        a.buffer().command(new byte[][] {"DEL".getBytes(), "c".getBytes()});
        a.endBatch();
        a.beforeSend();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.write(command("DEL", "a"));
        first.write(command("DEL", "b"));
        assertArrayEquals(first.toByteArray(), Files.readAllBytes(dir.resolve("incr.1")));
        assertArrayEquals(command("DEL", "c"), Files.readAllBytes(dir.resolve("incr.2")));
        assertEquals(command("DEL", "c").length, a.incrSize());
        a.close();
    }

    /**
     * Four threads run batches under one lock (the execution lock) and, after each, call
     * beforeSend as a transport does before sending that batch's reply: each time, the file must
     * already hold the batch (checked by its end offset), whichever thread wrote it.
     */
    @Test
    void everySenderFindsItsBatchesOnDiskWhicheverThreadWroteThem() throws Exception {
        AofAppender a = new AofAppender(() -> "always", () -> false);
        Path file = dir.resolve("incr");
        a.open(open("incr"), 0);
        a.beforeSend();
        ReentrantLock executionLock = new ReentrantLock();
        long[] appended = new long[1];
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500 && failures.isEmpty(); i++) {
                    long end;
                    executionLock.lock();
                    try {
                        byte[][] argv = {"SET".getBytes(), ("k" + id).getBytes(), Integer.toString(i).getBytes()};
                        a.buffer().command(argv);
                        appended[0] += command("SET", "k" + id, Integer.toString(i)).length;
                        end = appended[0];
                        a.endBatch();
                    } finally {
                        executionLock.unlock();
                    }
                    a.beforeSend();
                    try {
                        long size = Files.size(file);
                        if (size < end) {
                            failures.add("thread " + id + " batch " + i + ": file has " + size + " bytes, batch ends at " + end);
                        }
                    } catch (java.io.IOException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(appended[0], Files.size(file));
        assertEquals(appended[0], a.currentSize());
        a.close();
    }
}
