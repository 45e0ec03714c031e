package io.redisinternals.persistence.aof;

import io.redisinternals.resp.Argv;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that encodes commands as the AOF stores them: RESP arrays of bulk
 * strings (Redis's catAppendOnlyGenericCommand). Owned by one thread at a time.
 */
final class RespOut {

    private byte[] buf;
    private int len;
    /**
     * What {@link #view()} hands out, wrapped again only when {@link #buf} is replaced (and dropped
     * then, so it never keeps an old big array alive): a wrap per write(2) was garbage on every
     * event-loop turn that appended.
     */
    private ByteBuffer view;

    RespOut(int capacity) {
        buf = new byte[capacity];
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    /** The buffered bytes as a buffer at position 0: valid until the next change, the same object while the array is. */
    ByteBuffer view() {
        ByteBuffer v = view;
        if (v == null) {
            v = view = ByteBuffer.wrap(buf);
        }
        return v.limit(len).position(0);
    }

    void clear() {
        len = 0;
    }

    /** Drops the first {@code n} bytes (a partial write that could not be undone). */
    void consume(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    /** Gives the array back to a small size when a burst made it big (Redis reuses under 4 KB). */
    void shrinkIfLarge(int keep) {
        if (len == 0 && buf.length > keep) {
            buf = new byte[keep];
            view = null;
        }
    }

    void command(byte[][] argv) {
        arrayHeader(argv.length);
        for (byte[] a : argv) {
            bulk(a);
        }
    }

    /** A request's arguments, copied from the request straight into the buffer. */
    void command(Argv argv) {
        arrayHeader(argv.count());
        for (int i = 0; i < argv.count(); i++) {
            int n = argv.length(i);
            bulkHeader(n);
            argv.copyTo(i, buf, len);
            len += n;
            crlf();
        }
    }

    void arrayHeader(int n) {
        ensure(24);
        buf[len++] = '*';
        number(n);
        crlf();
    }

    void bulk(byte[] a) {
        bulk(a, 0, a.length);
    }

    void bulk(byte[] a, int off, int n) {
        bulkHeader(n);
        System.arraycopy(a, off, buf, len, n);
        len += n;
        crlf();
    }

    /** "$n\r\n", with room ensured for the {@code n} bytes and the CRLF that follow. */
    private void bulkHeader(int n) {
        ensure(n + 24);
        buf[len++] = '$';
        number(n);
        crlf();
    }

    void bulk(String s) {
        bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    void bulk(long v) {
        bulk(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void raw(String ascii) {
        raw(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** The lengths and counts of the headers: written in place, no string per argument (callers ensured the room). */
    private void number(long v) {
        if (v < 0) {
            byte[] d = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(d, 0, buf, len, d.length);
            len += d.length;
            return;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    /** Appends what {@code other} holds (the AOF's hand-off of a batch to a buffer still being written). */
    void append(RespOut other) {
        ensure(other.len);
        System.arraycopy(other.buf, 0, buf, len, other.len);
        len += other.len;
    }

    private void crlf() {
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) len + more);
            buf = Arrays.copyOf(buf, (int) Math.min(want, Integer.MAX_VALUE - 8));
            view = null;
        }
    }
}
