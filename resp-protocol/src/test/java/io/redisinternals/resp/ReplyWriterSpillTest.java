package io.redisinternals.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Big replies leave the writer through its sink instead of growing its buffer (finding 6 of the
 * hardening issue: 100 GETs of an 8 MB value left ~3x its size of garbage each).
 */
class ReplyWriterSpillTest {

    /** Records what reached the sink, and which arrays it was handed. */
    static final class Recorder implements ReplyWriter.Sink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<byte[]> arrays = new ArrayList<>();

        @Override
        public void write(byte[] b, int off, int n) {
            arrays.add(b);
            bytes.write(b, off, n);
        }
    }

    private static String all(Recorder r, ReplyWriter w) {
        return new String(r.bytes.toByteArray(), StandardCharsets.ISO_8859_1)
                + new String(w.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aBigBulkGoesToTheSinkFromTheValueItselfInOrder() {
        ReplyWriter w = new ReplyWriter();
        Recorder r = new Recorder();
        w.sink(r);
        byte[] value = new byte[8 * 1024 * 1024];
        Arrays.fill(value, (byte) 'v');
        w.simpleString("OK");
        w.bulk(value);
        w.integer(7);
        // the value array itself was handed over (no intermediate copy) and the buffer did not grow
        assertSame(value, r.arrays.get(1));
        assertTrue(w.capacity() <= 64 * 1024, "capacity " + w.capacity());
        String expected = "+OK\r\n$" + value.length + "\r\n" + "v".repeat(value.length) + "\r\n:7\r\n";
        assertEquals(expected, all(r, w));
        assertEquals(expected.length(), w.size());
    }

    @Test
    void aLongAggregateIsHandedOverInPiecesAndTheBufferStaysBounded() {
        ReplyWriter w = new ReplyWriter();
        Recorder r = new Recorder();
        w.sink(r);
        StringBuilder expected = new StringBuilder("*100000\r\n");
        w.arrayHeader(100_000);
        for (int i = 0; i < 100_000; i++) {
            w.bulk(("element-" + i).getBytes(StandardCharsets.US_ASCII));
            expected.append("$").append(("element-" + i).length()).append("\r\nelement-").append(i).append("\r\n");
        }
        assertEquals(expected.toString(), all(r, w));
        assertTrue(w.capacity() <= 2 * ReplyWriter.SPILL_BUFFER, "capacity " + w.capacity());
    }

    @Test
    void withoutASinkOrWhileHeldEverythingStaysInTheBufferAndCanBeTruncated() {
        byte[] value = new byte[ReplyWriter.SPILL_BULK * 2];
        ReplyWriter plain = new ReplyWriter();
        plain.bulk(value);
        assertEquals(value.length + 11, plain.toByteArray().length); // "$131072\r\n" + value + CRLF

        ReplyWriter held = new ReplyWriter();
        Recorder r = new Recorder();
        held.sink(r);
        held.holdSpill(true);
        int mark = held.size();
        held.bulk(value);
        assertEquals(0, r.bytes.size());
        assertTrue(held.canTruncate(mark));
        held.truncate(mark);
        assertEquals(0, held.size());
    }

    @Test
    void bytesAlreadySentCannotBeTruncated() {
        ReplyWriter w = new ReplyWriter();
        Recorder r = new Recorder();
        w.sink(r);
        int mark = w.size();
        w.bulk(new byte[ReplyWriter.SPILL_BULK]);
        assertFalse(w.canTruncate(mark));
        assertThrows(IllegalStateException.class, () -> w.truncate(mark));
        int after = w.size();
        w.integer(1);
        assertTrue(w.canTruncate(after));
        w.truncate(after);
        assertEquals(after, w.size());
        w.clear();
        assertEquals(0, w.size());
    }

    @Test
    void aSmallBulkIsCopiedIntoTheBufferNotHandedOverItself() {
        ReplyWriter w = new ReplyWriter();
        Recorder r = new Recorder();
        w.sink(r);
        byte[] value = new byte[1000];
        w.bulk(value);
        assertEquals(0, r.bytes.size());
        byte[] medium = new byte[ReplyWriter.SPILL_BULK - 1];
        w.bulk(medium);
        assertFalse(r.arrays.contains(medium), "below the threshold a value goes through the buffer");
        assertEquals(1000 + 9 + medium.length + 10, r.bytes.size() + w.toByteArray().length);
    }

    /** The reply budget: the hard limit when one is set, else (and at most) the server-wide cap. */
    @Test
    void theReplyBudgetIsTheHardLimitCappedAtTheServerMaximum() {
        ReplyWriter w = new ReplyWriter();
        assertEquals(ReplyWriter.MAX_REPLY_BYTES, w.replyBudget());
        w.replyBudget(1024 * 1024);
        assertEquals(1024 * 1024, w.replyBudget());
        w.replyBudget(0);
        assertEquals(ReplyWriter.MAX_REPLY_BYTES, w.replyBudget(), "0 is no hard limit");
        w.replyBudget(8L << 30);
        assertEquals(ReplyWriter.MAX_REPLY_BYTES, w.replyBudget());
        assertThrows(IllegalArgumentException.class, () -> w.replyBudget(-1));
    }

    /**
     * A reply streamed past the budget is dropped, earlier replies stay, and the writer reports it
     * until cleared; what already went to the sink stays there (the owner drops it with the client).
     */
    @Test
    void aReplyPastTheBudgetIsDroppedAndReported() {
        ReplyWriter w = new ReplyWriter();
        w.replyBudget(100);
        w.simpleString("OK");
        int mark = w.size();
        w.arrayHeader(1000);
        int written = 0;
        while (!w.exceedsBudget(mark)) {
            w.bulk("member");
            written++;
        }
        assertEquals(8, written, "12 bytes a member after a 7-byte header: the 8th passes 100");
        assertEquals("+OK\r\n", new String(w.toByteArray(), StandardCharsets.ISO_8859_1));
        assertTrue(w.budgetExceeded());
        w.clear();
        assertFalse(w.budgetExceeded());

        Recorder r = new Recorder();
        w.sink(r);
        w.replyBudget(1024 * 1024);
        mark = w.size();
        w.arrayHeader(1_000_000);
        while (!w.exceedsBudget(mark)) {
            w.bulk("member");
        }
        assertTrue(r.bytes.size() > 0, "part of it was handed over before the budget was passed");
        assertTrue(w.budgetExceeded());
        assertTrue(w.size() - mark > 1024 * 1024);
    }
}
