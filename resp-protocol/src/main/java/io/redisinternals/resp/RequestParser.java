package io.redisinternals.resp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Incremental parser of client requests: RESP multibulk ({@code *N\r\n$len\r\n...}) and inline
 * commands, with redis-server 7.0's limits and error texts.
 *
 * <p>Return contract of {@link #next}: {@code true} = one whole request is in the argv and the
 * buffer position is just past it; {@code false} = need more bytes (the buffer's unconsumed bytes
 * are the start of a partial frame, or its continuation if the parser already moved a big bulk out
 * of the buffer, to be passed again, with more appended); a malformed request throws
 * {@link ProtocolException}. Frames that carry no command ({@code *0}, {@code *-5}, empty inline
 * lines) are consumed silently.
 *
 * <p>Between calls the transport may move or compact the unconsumed bytes (keeping their order):
 * every offset kept for a partial frame is relative to {@code in.position()}, so nothing is
 * re-scanned and the total work for a frame is linear in its size however it is split. A partial
 * frame's arguments live in the {@link Argv} passed (one per connection, normally the same on
 * every call; another instance takes them over).
 *
 * <p>Memory: a bulk of at least {@link #BIG_BULK_THRESHOLD} bytes that has not fully arrived is
 * moved out of the read buffer (with the earlier arguments of its frame) and accumulated in chunks
 * of at most 256 KiB allocated as bytes arrive, then, once a good part has arrived, in one array of
 * its exact length that the command storing it adopts ({@link Argv#take}); what is reserved stays
 * within a small multiple of what has arrived, whatever length the client announced. Unlike redis-server 7.0 nothing is sized
 * from a declared length (CVE-2025-46686).
 *
 * <p>Fidelity notes, all measured against redis-server 7.0.15: header lines end at the first
 * {@code '\r'} and the byte after it is skipped unchecked; the two bytes after bulk data are
 * skipped unchecked too; a NUL byte before the line end hides the end of the line (Redis searches
 * with {@code strchr}), so such a request waits until the 64 KiB limit rejects it; inline lines are
 * split exactly like {@code sdssplitargs}.
 *
 * <p>One parser per connection; not thread-safe. After a {@link ProtocolException} the parser has
 * forgotten the frame and the connection must be closed.
 */
public final class RequestParser {

    /** Redis's PROTO_INLINE_MAX_SIZE: longest inline request, and longest *N / $N header line. */
    public static final int INLINE_MAX_SIZE = 64 * 1024;
    /** Bulks at least this long that have not fully arrived are accumulated outside the read buffer. */
    public static final int BIG_BULK_THRESHOLD = 32 * 1024;
    /** Limits for clients that have not authenticated (when a password is required). */
    public static final int UNAUTHENTICATED_MAX_MULTIBULK = 10;
    public static final int UNAUTHENTICATED_MAX_BULK = 16384;
    /** Largest chunk a big bulk is accumulated in. */
    /** Largest chunk: under half of G1's smallest region (1 MiB), so no chunk is a humongous object. */
    public static final int MAX_CHUNK = 256 * 1024;
    /**
     * From this declared length the bulk's final array is allocated on another thread: zeroing and
     * faulting in hundreds of MB takes hundreds of ms (3 ms per MB measured here with 4 KiB pages),
     * which must not stall the event loop that also serves other clients.
     */
    public static final long ASYNC_WHOLE_THRESHOLD = 4L * 1024 * 1024;

    /** First chunk of a big bulk; later chunks double up to {@link #MAX_CHUNK}. */
    private static final int MIN_CHUNK = 16 * 1024;
    /** A bulk must fit in one Java array. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;

    private static final String ERR_TOO_BIG_INLINE = "Protocol error: too big inline request";
    private static final String ERR_TOO_BIG_MBULK = "Protocol error: too big mbulk count string";
    private static final String ERR_TOO_BIG_BULK = "Protocol error: too big bulk count string";
    private static final String ERR_MBULK_LENGTH = "Protocol error: invalid multibulk length";
    private static final String ERR_BULK_LENGTH = "Protocol error: invalid bulk length";
    private static final String ERR_UNAUTH_MBULK = "Protocol error: unauthenticated multibulk length";
    private static final String ERR_UNAUTH_BULK = "Protocol error: unauthenticated bulk length";
    private static final String ERR_QUOTES = "Protocol error: unbalanced quotes in request";

    // What the frame in progress is waiting for.
    private static final int IDLE = 0;
    private static final int INLINE = 1;
    private static final int COUNT = 2;
    private static final int ARGS = 3;

    // Outcomes of one frame step.
    private static final int NEED_MORE = 0;
    private static final int READY = 1;
    private static final int NO_COMMAND = 2;

    private long maxBulkLength = 512L * 1024 * 1024;
    private boolean authenticated = true;
    // Fixed in production; tests shrink them so small inputs reach the big-bulk paths.
    private int bigBulkThreshold = BIG_BULK_THRESHOLD;
    private int minChunk = MIN_CHUNK;
    private int maxChunk = MAX_CHUNK;
    private boolean lastInline;

    // ---- the frame in progress; offsets are relative to in.position() ------------------------
    private int state = IDLE;
    /** in.position() when the last call returned: the frame start the argv slices were taken against. */
    private int framePosition;
    /** The argv holding the earlier arguments of the frame in progress. */
    private Argv pending;
    /** Start of the next unparsed header or bulk data. */
    private int cursor;
    /** Bytes before this offset were searched for the line end already and hold none. */
    private int scanned;
    /** Arguments still expected. */
    private int argsLeft;
    /** Declared length of the bulk whose header was read, or -1. */
    private long bulkLength = -1;
    /** Arguments [0, detachedUpTo) of the pending argv are owned copies. */
    private int detachedUpTo;
    private long detachedBytes;

    // ---- a big bulk being accumulated outside the read buffer -------------------------------
    private boolean big;
    private byte[][] chunks = new byte[0][];
    private int chunkCount;
    /** Bytes used in the last chunk. */
    private int chunkFill;
    private long bigStored;
    /** Trailer bytes (the CRLF after the data, unchecked) still to skip. */
    private int bigSkip;
    private long chunkCapacity;
    /** The exact-length array the bulk is completed in, once half of it has arrived; else null. */
    private byte[] whole;
    /** The exact-length array of a huge bulk, being allocated on another thread; else null. */
    private CompletableFuture<byte[]> wholeFuture;

    // ---- inline token being built ------------------------------------------------------------
    private byte[] scratch = new byte[64];

    /** Sets proto-max-bulk-len. */
    public void maxBulkLength(long bytes) {
        this.maxBulkLength = bytes;
    }

    /** The current proto-max-bulk-len. */
    public long maxBulkLength() {
        return maxBulkLength;
    }

    /** Whether the client is authenticated; unauthenticated clients get Redis's tight limits. */
    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /** Whether the client counts as authenticated (see {@link #authenticated(boolean)}). */
    public boolean authenticated() {
        return authenticated;
    }

    /**
     * Parses the next request from {@code in} (position..limit) into {@code argv}.
     *
     * @return true when a request is ready in {@code argv}; false when more bytes are needed
     * @throws ProtocolException on malformed input (reply "-ERR " + message, then close)
     */
    public boolean next(ByteBuffer in, Argv argv) throws ProtocolException {
        if (state != IDLE) {
            if (argv != pending) {
                argv.moveFrom(pending);
                pending = argv;
            }
            argv.rebase(in, in.position() - framePosition);
        }
        try {
            while (true) {
                if (state == IDLE) {
                    // Also drops the previous request's owned arguments (maybe a big bulk) at once.
                    argv.reset(in);
                    if (!in.hasRemaining()) {
                        return false;
                    }
                    pending = argv;
                    cursor = 0;
                    scanned = 0;
                    state = in.get(in.position()) == '*' ? COUNT : INLINE;
                }
                int outcome = state == INLINE ? inline(in, argv) : multibulk(in, argv);
                if (outcome == NEED_MORE) {
                    framePosition = in.position();
                    return false;
                }
                boolean wasInline = state == INLINE;
                endFrame();
                if (outcome == READY) {
                    lastInline = wasInline;
                    return true;
                }
            }
        } catch (ProtocolException e) {
            reset();
            throw e;
        }
    }

    /** Bytes this parser holds outside the read buffer (a big bulk in progress), for query-buffer limits. */
    public long bufferedBytes() {
        return chunkCapacity + detachedBytes;
    }

    /**
     * Bytes received of a big bulk in progress and held outside the read buffer (0 when there is
     * none): with the transport's unconsumed bytes, what Redis's CLIENT LIST calls {@code qbuf}.
     */
    public long bigBulkReceived() {
        return big ? bigStored : 0;
    }

    /**
     * Bytes reserved for a big bulk in progress and not filled yet (its chunks' or its
     * exact-length array's free space; Redis's {@code qbuf-free} for such a bulk).
     */
    public long bigBulkFree() {
        return big ? Math.max(0, chunkCapacity - bigStored) : 0;
    }

    /**
     * Lengths of the arguments of the frame in progress that were copied out of the read buffer
     * (the ones before, and completed after, a big bulk): Redis's {@code argv-mem} of a client
     * whose command has not fully arrived. Earlier arguments of a small partial frame stay in the
     * read buffer and count as its bytes.
     */
    public long partialArgvBytes() {
        return detachedBytes;
    }

    /** Whether the last request returned by {@link #next} was an inline one. */
    public boolean lastWasInline() {
        return lastInline;
    }

    /** Test hook: moves bulks out from {@code threshold} bytes, in chunks of {@code min}..{@code max} bytes. */
    void tune(int threshold, int min, int max) {
        this.bigBulkThreshold = threshold;
        this.minChunk = min;
        this.maxChunk = max;
    }

    /** Whether a partial frame is pending (bytes consumed or expected that did not make a request yet). */
    public boolean inFrame() {
        return state != IDLE;
    }

    /** Forgets any partial frame (connection reset). */
    public void reset() {
        endFrame();
    }

    private void endFrame() {
        state = IDLE;
        pending = null;
        cursor = 0;
        scanned = 0;
        argsLeft = 0;
        bulkLength = -1;
        detachedUpTo = 0;
        detachedBytes = 0;
        dropBig();
    }

    // ---- multibulk -----------------------------------------------------------------------

    private int multibulk(ByteBuffer in, Argv argv) throws ProtocolException {
        int start = in.position();
        int limit = in.limit();
        if (state == COUNT) {
            int cr = lineEnd(in, start, start, limit, '\r');
            if (cr < 0) {
                if (limit - start > INLINE_MAX_SIZE) {
                    throw new ProtocolException(ERR_TOO_BIG_MBULK);
                }
                return NEED_MORE;
            }
            if (cr + 1 >= limit) {
                // The byte after the CR (normally '\n') must be there, though it is not checked.
                return NEED_MORE;
            }
            long count;
            try {
                count = Numbers.parseStrictLong(in, start + 1, cr - start - 1);
            } catch (NumberFormatException e) {
                throw new ProtocolException(ERR_MBULK_LENGTH);
            }
            if (count > Integer.MAX_VALUE) {
                throw new ProtocolException(ERR_MBULK_LENGTH);
            }
            if (count > UNAUTHENTICATED_MAX_MULTIBULK && !authenticated) {
                throw new ProtocolException(ERR_UNAUTH_MBULK);
            }
            cursor = cr + 2 - start;
            scanned = cursor;
            if (count <= 0) {
                in.position(start + cursor);
                return NO_COMMAND;
            }
            argsLeft = (int) count;
            state = ARGS;
        }
        while (argsLeft > 0) {
            if (big) {
                if (!feedBig(in)) {
                    return NEED_MORE;
                }
                // The frame goes on right after the big bulk, which was consumed.
                start = in.position();
                cursor = 0;
                scanned = 0;
                continue;
            }
            if (bulkLength < 0) {
                int header = start + cursor;
                int cr = lineEnd(in, start, header, limit, '\r');
                if (cr < 0) {
                    if (limit - header > INLINE_MAX_SIZE) {
                        throw new ProtocolException(ERR_TOO_BIG_BULK);
                    }
                    return NEED_MORE;
                }
                if (cr + 1 >= limit) {
                    return NEED_MORE;
                }
                byte marker = in.get(header);
                if (marker != '$') {
                    throw new ProtocolException("Protocol error: expected '$', got '" + printable(marker) + "'");
                }
                long length;
                try {
                    length = Numbers.parseStrictLong(in, header + 1, cr - header - 1);
                } catch (NumberFormatException e) {
                    throw new ProtocolException(ERR_BULK_LENGTH);
                }
                if (length < 0 || length > maxBulkLength || length > MAX_ARRAY_LENGTH) {
                    throw new ProtocolException(ERR_BULK_LENGTH);
                }
                if (length > UNAUTHENTICATED_MAX_BULK && !authenticated) {
                    throw new ProtocolException(ERR_UNAUTH_BULK);
                }
                cursor = cr + 2 - start;
                scanned = cursor;
                bulkLength = length;
            }
            int data = start + cursor;
            if (limit - data >= bulkLength + 2) {
                // The two bytes after the data are skipped unchecked, as redis-server does.
                argv.addSlice(data, (int) bulkLength);
                cursor += (int) bulkLength + 2;
                scanned = cursor;
                bulkLength = -1;
                argsLeft--;
            } else if (bulkLength >= bigBulkThreshold) {
                moveOut(in, argv, data);
                start = in.position();
            } else {
                return NEED_MORE;
            }
        }
        in.position(start + cursor);
        return READY;
    }

    /**
     * Starts accumulating the current bulk outside the buffer: the frame's earlier arguments
     * become owned copies and every byte up to the bulk data is consumed.
     */
    private void moveOut(ByteBuffer in, Argv argv, int data) {
        for (int i = detachedUpTo; i < argv.count(); i++) {
            argv.detach(i);
            detachedBytes += argv.length(i);
        }
        detachedUpTo = argv.count();
        in.position(data);
        cursor = 0;
        scanned = 0;
        big = true;
        bigStored = 0;
        bigSkip = 2;
        chunkCount = 0;
        chunkFill = 0;
        chunkCapacity = 0;
    }

    /**
     * Takes what has arrived of the big bulk; true once it and its trailer are complete (then added
     * to the argv). The bytes go to 16..256 KiB chunks while less than half of the declared
     * length has arrived (an eighth, for a huge bulk whose array is allocated on another thread);
     * from then on into one array of the exact length (the chunks are copied into it once), which
     * becomes the argument itself: a value is accumulated once and a command
     * can adopt it ({@link Argv#take}) with no further copy. Reserved memory stays within about
     * twice what arrived (eight times for a huge bulk), whatever was announced.
     */
    private boolean feedBig(ByteBuffer in) {
        while (bigStored < bulkLength && in.hasRemaining()) {
            if (whole == null) {
                prepareWhole();
            }
            if (whole != null) {
                int n = (int) Math.min(in.remaining(), bulkLength - bigStored);
                in.get(whole, (int) bigStored, n);
                bigStored += n;
                continue;
            }
            if (chunkCount == 0 || chunkFill == chunks[chunkCount - 1].length) {
                addChunk(in.remaining());
            }
            byte[] chunk = chunks[chunkCount - 1];
            int n = (int) Math.min(Math.min(chunk.length - chunkFill, in.remaining()), bulkLength - bigStored);
            in.get(chunk, chunkFill, n);
            chunkFill += n;
            bigStored += n;
        }
        while (bigSkip > 0 && in.hasRemaining()) {
            in.get();
            bigSkip--;
        }
        if (bigStored < bulkLength || bigSkip > 0) {
            return false;
        }
        byte[] value;
        if (whole != null) {
            value = whole;
        } else if (wholeFuture == null && chunkCount == 1 && chunks[0].length == bulkLength) {
            value = chunks[0];
        } else {
            // The last bytes came before the array was ready: wait for it (it was started a
            // eighth of the way in, so usually it is ready or nearly).
            adoptWhole(wholeFuture != null ? awaitWhole() : new byte[(int) bulkLength]);
            value = whole;
        }
        Argv argv = pending;
        argv.addOwned(value, value.length);
        detachedUpTo = argv.count();
        detachedBytes += value.length;
        dropBig();
        bulkLength = -1;
        argsLeft--;
        return true;
    }

    /**
     * Switches to the exact-length array once enough has arrived: at half of a small big bulk
     * (allocated here), or when the array an eighth of the way into a huge one started allocating
     * on another thread is ready.
     */
    private void prepareWhole() {
        if (bulkLength < ASYNC_WHOLE_THRESHOLD) {
            if (bigStored >= bulkLength - bigStored) {
                adoptWhole(new byte[(int) bulkLength]);
            }
            return;
        }
        if (wholeFuture == null) {
            if (bigStored * 8 >= bulkLength) {
                int n = (int) bulkLength;
                wholeFuture = CompletableFuture.supplyAsync(() -> new byte[n], ALLOCATOR);
            }
        } else if (wholeFuture.isDone()) {
            adoptWhole(awaitWhole());
        }
    }

    // A platform thread: zeroing a huge array does not yield, and on a virtual thread it would
    // pin a carrier that other connections' virtual threads (the blocking transport) need.
    private static final java.util.concurrent.Executor ALLOCATOR =
            task -> Thread.ofPlatform().daemon().name("bulk-allocation").start(task);

    /** The asynchronously allocated array; an allocation failure (OutOfMemoryError) is rethrown as is. */
    private byte[] awaitWhole() {
        try {
            return wholeFuture.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Moves the chunks received so far into {@code value}, the bulk's exact-length array, and drops them. */
    private void adoptWhole(byte[] value) {
        int p = 0;
        for (int i = 0; i < chunkCount; i++) {
            int n = i == chunkCount - 1 ? chunkFill : chunks[i].length;
            System.arraycopy(chunks[i], 0, value, p, n);
            p += n;
            chunks[i] = null;
        }
        chunkCount = 0;
        chunkFill = 0;
        chunkCapacity = bulkLength;
        whole = value;
        wholeFuture = null;
    }

    /**
     * Takes what has arrived of a big bulk in progress, if there is one, without running any
     * command: the connection calls this before it takes the engine's execution lock, so that
     * accumulating a large value (hundreds of MB) never holds up other clients.
     *
     * @return true when a big bulk is in progress and still incomplete: everything that arrived
     *         was taken and there is nothing to parse; false otherwise (call {@link #next})
     */
    public boolean absorb(ByteBuffer in) {
        if (state != ARGS || !big) {
            return false;
        }
        return !feedBig(in);
    }

    /** Allocates the next chunk: doubling from 16 KiB (or what is available) up to 256 KiB, never past the bulk's end. */
    private void addChunk(int available) {
        long previous = chunkCount == 0 ? 0 : chunks[chunkCount - 1].length;
        long size = Math.max(Math.max(minChunk, previous * 2), available);
        size = Math.min(Math.min(size, maxChunk), bulkLength - bigStored);
        if (chunkCount == chunks.length) {
            byte[][] grown = new byte[Math.max(8, chunkCount * 2)][];
            System.arraycopy(chunks, 0, grown, 0, chunkCount);
            chunks = grown;
        }
        chunks[chunkCount++] = new byte[(int) size];
        chunkFill = 0;
        chunkCapacity += size;
    }

    private void dropBig() {
        big = false;
        if (chunkCount > 0 || chunks.length > 8) {
            chunks = new byte[0][];
        }
        chunkCount = 0;
        chunkFill = 0;
        chunkCapacity = 0;
        bigStored = 0;
        bigSkip = 0;
        whole = null;
        wholeFuture = null; // an allocation still running is simply dropped when it ends
    }

    /**
     * Finds the first {@code terminator} at or after {@code from}, resuming after the bytes already
     * searched. Returns -1 if there is none yet, or if a NUL byte comes first: redis-server searches
     * with strchr, which stops at NUL, so the line end stays invisible for good (the caller's size
     * limit then rejects the request).
     */
    private int lineEnd(ByteBuffer in, int start, int from, int limit, char terminator) {
        int p = Math.max(from, start + scanned);
        while (p < limit) {
            byte b = in.get(p);
            if (b == terminator) {
                scanned = p - start;
                return p;
            }
            if (b == 0) {
                // Keep pointing at the NUL so every later call stops here at once.
                scanned = p - start;
                return -1;
            }
            p++;
        }
        scanned = p - start;
        return -1;
    }

    /** The offending byte as Redis prints it with %c, its newlines made spaces as in every error reply. */
    private static char printable(byte b) {
        return b == '\r' || b == '\n' ? ' ' : (char) (b & 0xff);
    }

    // ---- inline ---------------------------------------------------------------------------

    private int inline(ByteBuffer in, Argv argv) throws ProtocolException {
        int start = in.position();
        int limit = in.limit();
        int newline = lineEnd(in, start, start, limit, '\n');
        if (newline < 0) {
            if (limit - start > INLINE_MAX_SIZE) {
                throw new ProtocolException(ERR_TOO_BIG_INLINE);
            }
            return NEED_MORE;
        }
        int end = newline;
        if (end > start && in.get(end - 1) == '\r') {
            end--;
        }
        splitArgs(in, start, end, argv);
        in.position(newline + 1);
        return argv.count() == 0 ? NO_COMMAND : READY;
    }

    /**
     * Splits one line into arguments exactly as an inline request is split (Redis's
     * {@code sdssplitargs}), for the other users of that syntax, such as redis.conf lines.
     *
     * @param line the line without its line terminator
     * @return the arguments (empty for a blank line)
     * @throws ProtocolException on unbalanced quotes
     */
    public static List<byte[]> splitLine(byte[] line) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(line);
        Argv argv = new Argv();
        argv.reset(in);
        new RequestParser().splitArgs(in, 0, line.length, argv);
        List<byte[]> out = new ArrayList<>(argv.count());
        for (int i = 0; i < argv.count(); i++) {
            out.add(argv.bytes(i));
        }
        return out;
    }

    /**
     * Splits an inline line as Redis's sdssplitargs: tokens are separated by whitespace; a token
     * may contain "double quoted" parts (escapes \n \r \t \b \a \xHH, any other escaped char stands
     * for itself) and 'single quoted' parts (only \' is an escape); a closing quote must be followed
     * by whitespace or the end of the line. Plain tokens are slices of the buffer; tokens whose bytes
     * differ from the wire (escapes, quotes inside) are owned copies.
     */
    private void splitArgs(ByteBuffer in, int p, int end, Argv argv) throws ProtocolException {
        while (true) {
            while (p < end && isSpace(in.get(p))) {
                p++;
            }
            if (p >= end) {
                return;
            }
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            // The token is a slice [sliceStart, sliceStart + sliceLength) until a byte does not
            // follow on; then it is copied into scratch[0, ownedLength) and continues there.
            int sliceStart = p;
            int sliceLength = 0;
            boolean owned = false;
            int ownedLength = 0;
            while (!done) {
                int c = p < end ? in.get(p) & 0xff : 0;
                int literal = -1;
                int wire = -1;
                if (inDouble) {
                    if (c == '\\' && p + 3 < end && in.get(p + 1) == 'x'
                            && isHex(in.get(p + 2)) && isHex(in.get(p + 3))) {
                        literal = hex(in.get(p + 2)) * 16 + hex(in.get(p + 3));
                        p += 3;
                    } else if (c == '\\' && p + 1 < end) {
                        p++;
                        literal = unescape(in.get(p) & 0xff);
                    } else if (c == '"') {
                        if (p + 1 < end && !isSpace(in.get(p + 1))) {
                            throw new ProtocolException(ERR_QUOTES);
                        }
                        done = true;
                    } else if (p >= end) {
                        throw new ProtocolException(ERR_QUOTES);
                    } else {
                        wire = p;
                    }
                } else if (inSingle) {
                    if (c == '\\' && p + 1 < end && in.get(p + 1) == '\'') {
                        p++;
                        literal = '\'';
                    } else if (c == '\'') {
                        if (p + 1 < end && !isSpace(in.get(p + 1))) {
                            throw new ProtocolException(ERR_QUOTES);
                        }
                        done = true;
                    } else if (p >= end) {
                        throw new ProtocolException(ERR_QUOTES);
                    } else {
                        wire = p;
                    }
                } else if (p >= end || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    wire = p;
                }
                if (wire >= 0 && !owned && (sliceLength == 0 || wire == sliceStart + sliceLength)) {
                    if (sliceLength == 0) {
                        sliceStart = wire;
                    }
                    sliceLength++;
                } else if (wire >= 0 || literal >= 0) {
                    if (!owned) {
                        owned = true;
                        ownedLength = sliceLength;
                        ensureScratch(ownedLength + 1);
                        in.get(sliceStart, scratch, 0, sliceLength);
                    }
                    ensureScratch(ownedLength + 1);
                    scratch[ownedLength++] = wire >= 0 ? in.get(wire) : (byte) literal;
                }
                if (p < end) {
                    p++;
                }
            }
            if (owned) {
                byte[] copy = new byte[ownedLength];
                System.arraycopy(scratch, 0, copy, 0, ownedLength);
                argv.addOwned(copy, ownedLength);
            } else {
                argv.addSlice(sliceStart, sliceLength);
            }
        }
    }

    private void ensureScratch(int n) {
        if (n > scratch.length) {
            byte[] grown = new byte[Math.max(n, scratch.length * 2)];
            System.arraycopy(scratch, 0, grown, 0, scratch.length);
            scratch = grown;
        }
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }

    /** C's isspace in the "C" locale. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static int hex(byte b) {
        if (b <= '9') {
            return b - '0';
        }
        return (b | 0x20) - 'a' + 10;
    }
}
