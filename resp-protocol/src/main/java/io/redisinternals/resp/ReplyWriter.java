package io.redisinternals.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes replies for one connection into a growable byte buffer, in RESP2 or RESP3.
 *
 * <p>RESP3 types are downgraded for RESP2 clients exactly as redis-server does: null becomes
 * {@code $-1} (bulk) or {@code *-1} (array), a map a flat array of 2n elements, a set an array,
 * a double a bulk string, a boolean an integer 1/0, a big number a bulk string, a verbatim string
 * a plain bulk string; push frames become arrays; attributes are dropped.
 *
 * <p>Not thread-safe: owned by the connection's thread. Replies accumulate until the owner takes
 * them ({@link #pending()}, then {@link #clear()}); allocation happens only when the buffer grows.
 *
 * <p>Big replies do not grow the buffer: with a {@link Sink} set (the connection's output), a bulk
 * of {@value #SPILL_BULK} bytes or more is handed to the sink straight from the value's array,
 * after the bytes before it, so a GET of 8 MB is copied once (into the transport's output)
 * instead of into a buffer doubled up to 16 MB; and a buffer that reached {@value #SPILL_BUFFER}
 * bytes is handed over before it would grow, which bounds it for long aggregate replies. What
 * went to the sink can no longer be truncated: a caller that may discard the reply it is writing
 * ({@code CLIENT REPLY OFF}) holds spilling with {@link #holdSpill}.
 *
 * <p>A reply whose size the client chooses (HRANDFIELD, SRANDMEMBER, ZRANDMEMBER with a negative
 * count: up to 2^63 elements) is streamed under the {@linkplain #replyBudget(long) reply budget}:
 * the command asks {@link #exceedsBudget} as it writes and stops once the reply passed it; the
 * writer then drops the partial reply and reports {@link #budgetExceeded()}, and the owner closes
 * the client as for its output-buffer limit. That is the one policy for replies too large to send.
 */
public final class ReplyWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int INITIAL_CAPACITY = 16 * 1024;

    /** Smallest bulk written to the sink directly instead of through the buffer. */
    public static final int SPILL_BULK = 64 * 1024;
    /** Buffer size from which pending bytes go to the sink before the buffer would grow. */
    public static final int SPILL_BUFFER = 64 * 1024;

    /**
     * The server-wide cap on one reply's size, and the budget of a writer nobody set one for:
     * 512 MiB, as the default {@code proto-max-bulk-len}. Redis has no such cap (with its default
     * {@code client-output-buffer-limit normal 0 0 0} a huge random draw grows until memory runs
     * out); ours closes the client at this size instead.
     */
    public static final long MAX_REPLY_BYTES = 512L * 1024 * 1024;

    /** Where replies too big to keep go: the connection's output (which copies them). */
    @FunctionalInterface
    public interface Sink {
        /** Sends (or queues, copying) {@code n} bytes of {@code b} from {@code off}. */
        void write(byte[] b, int off, int n);
    }

    private RespVersion version = RespVersion.RESP2;
    private byte[] buf;
    private int len;
    /**
     * What {@link #pending()} hands out, wrapped again only when {@link #buf} is replaced (and
     * dropped then, so it never keeps a big old array alive): a wrap per send was 48 bytes of
     * garbage on every reply.
     */
    private ByteBuffer view;
    private Sink sink;
    /** Bytes handed to the sink since the last {@link #clear()}; {@link #size()} counts them. */
    private long sent;
    private boolean spillHeld;
    private long replyBudget = MAX_REPLY_BYTES;
    private boolean budgetExceeded;

    public ReplyWriter() {
        this(INITIAL_CAPACITY);
    }

    public ReplyWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    public RespVersion version() {
        return version;
    }

    public void version(RespVersion v) {
        this.version = v;
    }

    public boolean isResp3() {
        return version == RespVersion.RESP3;
    }

    /**
     * Bytes written since the last {@link #clear()}, those already handed to the sink included: a
     * mark for {@link #truncate} and for measuring a reply.
     */
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, sent + len);
    }

    /** Sets (or, with null, removes) where big replies go; see the class comment. */
    public void sink(Sink s) {
        this.sink = s;
    }

    /** While held, nothing goes to the sink (the reply being written may still be discarded). */
    public void holdSpill(boolean hold) {
        this.spillHeld = hold;
    }

    /**
     * A view of the pending bytes not yet handed to the sink (position 0); valid until the next
     * write, and the same buffer object on every call while the buffer is not replaced.
     */
    public ByteBuffer pending() {
        ByteBuffer v = view;
        if (v == null || v.array() != buf) {
            v = view = ByteBuffer.wrap(buf);
        }
        return v.limit(len).position(0);
    }

    /** Bytes pending in the buffer (not yet handed to the sink). */
    public int pendingSize() {
        return len;
    }

    /** Forgets the pending bytes (after they were handed to the transport), and a passed budget. */
    public void clear() {
        len = 0;
        sent = 0;
        budgetExceeded = false;
    }

    /**
     * Sets the most bytes one reply may take before the client is closed (see the class comment):
     * the owner passes the client's output-buffer hard limit, or 0 for none; the budget is that,
     * capped at {@link #MAX_REPLY_BYTES}.
     */
    public void replyBudget(long hardLimitBytes) {
        if (hardLimitBytes < 0) {
            throw new IllegalArgumentException("hard limit " + hardLimitBytes);
        }
        replyBudget = hardLimitBytes == 0 ? MAX_REPLY_BYTES : Math.min(hardLimitBytes, MAX_REPLY_BYTES);
    }

    public long replyBudget() {
        return replyBudget;
    }

    /**
     * For a command streaming a reply whose size the client chose: whether the reply begun at
     * {@code mark} (a {@link #size()} taken before its first byte) has passed the reply budget. When
     * it has, the partial reply is dropped (what did not go to the sink yet; the owner drops the
     * rest with the connection), {@link #budgetExceeded()} turns true, and the command must write
     * nothing more.
     */
    public boolean exceedsBudget(int mark) {
        if (size() - (long) mark <= replyBudget) {
            return false;
        }
        if (canTruncate(mark)) {
            truncate(mark);
        }
        budgetExceeded = true;
        return true;
    }

    /** Whether a command stopped on {@link #exceedsBudget} since the last {@link #clear()}: close the client. */
    public boolean budgetExceeded() {
        return budgetExceeded;
    }

    /** Whether {@link #truncate} can go back to {@code mark}: nothing after it was handed to the sink. */
    public boolean canTruncate(int mark) {
        return mark >= sent && mark <= sent + len;
    }

    /**
     * Truncates the reply back to {@code mark} (a value {@link #size()} returned).
     *
     * @throws IllegalStateException if bytes after {@code mark} already went to the sink
     */
    public void truncate(int mark) {
        if (mark < 0 || mark > sent + len) {
            throw new IllegalArgumentException("mark " + mark);
        }
        if (mark < sent) {
            throw new IllegalStateException("reply bytes after mark " + mark + " were already sent");
        }
        len = (int) (mark - sent);
    }

    /**
     * The byte at position {@code pos} (a {@link #size()} mark) if it is still pending, else -1:
     * lets the engine read the start of a reply it just ran (is it an error, with which code).
     */
    public int byteAt(int pos) {
        long i = pos - sent;
        return i >= 0 && i < len ? buf[(int) i] & 0xff : -1;
    }

    /** Copy of the pending bytes not yet handed to the sink (tests, blocked replies). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Shrinks the buffer back to its initial size if a huge reply grew it. */
    public void trim() {
        if (len == 0 && buf.length > 4 * INITIAL_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
            view = null;
        }
    }

    /** Capacity of the buffer (tests and pools). */
    public int capacity() {
        return buf.length;
    }

    // ---- raw -----------------------------------------------------------------------------

    /** Appends pre-encoded bytes verbatim (see {@link Replies}). */
    public ReplyWriter raw(byte[] encoded) {
        return raw(encoded, 0, encoded.length);
    }

    public ReplyWriter raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    // ---- scalars --------------------------------------------------------------------------

    /** {@code +text}. The text must not contain CR or LF. */
    public ReplyWriter simpleString(String text) {
        return line('+', text);
    }

    /** {@code -ERR ...}: {@code message} is the full text including its code (e.g. "ERR syntax error"). */
    public ReplyWriter error(String message) {
        // Redis replaces newlines in error texts so the reply stays one line.
        return line('-', message.replace('\r', ' ').replace('\n', ' '));
    }

    public ReplyWriter integer(long v) {
        ensure(1 + Numbers.MAX_LONG_CHARS + 2);
        buf[len++] = ':';
        len = Numbers.writeDecimal(v, buf, len);
        crlf();
        return this;
    }

    public ReplyWriter bulk(byte[] value) {
        return bulk(value, 0, value.length);
    }

    public ReplyWriter bulk(byte[] value, int off, int n) {
        header('$', n);
        if (n >= SPILL_BULK && spilling()) {
            spill();
            sink.write(value, off, n);
            sent += n;
        } else {
            raw(value, off, n);
        }
        crlf();
        return this;
    }

    /** A bulk string from the bytes position..limit of {@code value} (not consumed). */
    public ReplyWriter bulk(ByteBuffer value) {
        int n = value.remaining();
        header('$', n);
        ensure(n + 2);
        value.get(value.position(), buf, len, n);
        len += n;
        crlf();
        return this;
    }

    /** A bulk string holding argument {@code i} of {@code argv} (ECHO). */
    public ReplyWriter bulk(Argv argv, int i) {
        int n = argv.length(i);
        header('$', n);
        ensure(n + 2);
        argv.copyTo(i, buf, len);
        len += n;
        crlf();
        return this;
    }

    /** A bulk string of the UTF-8 bytes of {@code s}. */
    public ReplyWriter bulk(String s) {
        return bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A bulk string holding the decimal form of {@code v}. */
    public ReplyWriter bulk(long v) {
        int n = Numbers.decimalLength(v);
        header('$', n);
        ensure(n + 2);
        len = Numbers.writeDecimal(v, buf, len);
        crlf();
        return this;
    }

    /** RESP2 {@code $-1}; RESP3 {@code _}. */
    public ReplyWriter nullBulk() {
        return raw(isResp3() ? Replies.RESP3_NULL : Replies.NULL_BULK);
    }

    /** RESP2 {@code *-1}; RESP3 {@code _}. */
    public ReplyWriter nullArray() {
        return raw(isResp3() ? Replies.RESP3_NULL : Replies.NULL_ARRAY);
    }

    /** RESP3 {@code ,<%.17g>}; RESP2 a bulk string of the same text; infinities as {@code inf}/{@code -inf}. */
    public ReplyWriter doubleValue(double d) {
        String text = Numbers.formatDouble17g(d);
        if (isResp3()) {
            return line(',', text);
        }
        return bulk(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** RESP3 {@code #t}/{@code #f}; RESP2 {@code :1}/{@code :0}. */
    public ReplyWriter bool(boolean b) {
        if (isResp3()) {
            return raw(b ? Replies.RESP3_TRUE : Replies.RESP3_FALSE);
        }
        return raw(b ? Replies.ONE : Replies.ZERO);
    }

    /** RESP3 {@code (digits}; RESP2 a bulk string. {@code digits} is an optionally signed decimal. */
    public ReplyWriter bigNumber(String digits) {
        if (isResp3()) {
            return line('(', digits);
        }
        return bulk(digits.getBytes(StandardCharsets.US_ASCII));
    }

    /** RESP3 {@code =len\r\nfmt:text}; RESP2 a bulk string of {@code text}. {@code format} is 3 chars ("txt"). */
    public ReplyWriter verbatim(String format, byte[] text) {
        if (!isResp3()) {
            return bulk(text);
        }
        if (format.length() != 3) {
            throw new IllegalArgumentException("verbatim format must be 3 characters: " + format);
        }
        header('=', text.length + 4);
        byte[] f = format.getBytes(StandardCharsets.US_ASCII);
        raw(f);
        ensure(1);
        buf[len++] = ':';
        raw(text);
        crlf();
        return this;
    }

    // ---- aggregates ----------------------------------------------------------------------

    public ReplyWriter arrayHeader(long n) {
        return header('*', n);
    }

    /** RESP3 {@code %n} (n key/value pairs); RESP2 {@code *2n}. */
    public ReplyWriter mapHeader(long pairs) {
        return isResp3() ? header('%', pairs) : header('*', pairs * 2);
    }

    /** RESP3 {@code ~n}; RESP2 {@code *n}. */
    public ReplyWriter setHeader(long n) {
        return isResp3() ? header('~', n) : header('*', n);
    }

    /** RESP3 {@code >n}; RESP2 {@code *n} (as Redis sends pub/sub messages to RESP2 clients). */
    public ReplyWriter pushHeader(long n) {
        return isResp3() ? header('>', n) : header('*', n);
    }

    /**
     * RESP3 {@code |n} followed by n key/value pairs, then the reply they annotate. RESP2 has no
     * attributes: returns false and writes nothing, and the caller must skip the pairs.
     */
    public boolean attributeHeader(long pairs) {
        if (!isResp3()) {
            return false;
        }
        header('|', pairs);
        return true;
    }

    // ---- internals -----------------------------------------------------------------------

    private ReplyWriter line(char marker, String text) {
        int n = text.length();
        ensure(n + 3);
        buf[len++] = (byte) marker;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Encode the rest as a whole so surrogate pairs become one 4-byte sequence.
                raw(text.substring(i).getBytes(StandardCharsets.UTF_8));
                break;
            }
            buf[len++] = (byte) c;
        }
        crlf();
        return this;
    }

    private ReplyWriter header(char marker, long n) {
        ensure(1 + Numbers.MAX_LONG_CHARS + 2);
        buf[len++] = (byte) marker;
        len = Numbers.writeDecimal(n, buf, len);
        buf[len++] = '\r';
        buf[len++] = '\n';
        return this;
    }

    private void crlf() {
        ensure(2);
        buf[len++] = CRLF[0];
        buf[len++] = CRLF[1];
    }

    private boolean spilling() {
        return sink != null && !spillHeld;
    }

    /** Hands the pending bytes to the sink. */
    private void spill() {
        if (len > 0) {
            sink.write(buf, 0, len);
            sent += len;
            len = 0;
        }
    }

    private void ensure(int extra) {
        long needed = (long) len + extra;
        if (needed > buf.length && len >= SPILL_BUFFER && spilling()) {
            spill();
            needed = extra;
        }
        if (needed > buf.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("reply buffer over 2 GB");
            }
            long cap = Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16));
            buf = Arrays.copyOf(buf, (int) cap);
            view = null;
        }
    }
}
