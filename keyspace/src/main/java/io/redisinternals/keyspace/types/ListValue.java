package io.redisinternals.keyspace.types;

import java.util.Arrays;

/**
 * A list value, Redis's quicklist: a sequence of chunks, each a packed byte array of entries (the
 * listpack analogue). A small list is one chunk (its compact form: one object and one array, two
 * bytes of overhead per short element); a big one is many chunks, each bounded by
 * list-max-listpack-size, so an element costs its bytes plus two to a few bytes instead of an
 * object per element.
 *
 * <p>Entry layout: {@code [len varint][data][len varint, bytes reversed]}. The forward varint
 * lets a cursor step to the next entry, the reversed copy ending just before the following entry
 * lets it step back, so both ends and indexes near either end are reached without scanning the
 * whole list. Each chunk keeps free room at both ends of its array, so pushes and pops at either
 * end are O(1) amortized; inserting in the middle moves at most one chunk's bytes.
 *
 * <p>OBJECT ENCODING answers "quicklist" whatever the size, as redis-server 7.0 does (listpack
 * lists came with 7.2). Not thread-safe: owned by the engine's execution lock like every value.
 */
public final class ListValue implements TypedValue {

    /** Redis's SIZE_SAFETY_LIMIT: a chunk of a count-limited list (positive fill) stays under 8 KB. */
    private static final int SIZE_SAFETY_LIMIT = 8192;
    /** Redis's optimization_level: byte limits of fills -1 .. -5. */
    private static final int[] BYTE_LIMITS = {4096, 8192, 16384, 32768, 65536};
    /** list-max-listpack-size's default (8 KB chunks). */
    public static final int DEFAULT_FILL = -2;
    /** Redis's FILL_MAX (quicklist's 16-bit fill field): the largest count per chunk. */
    private static final int FILL_MAX = 32767;

    /**
     * The fill a list uses for list-max-listpack-size, as Redis's quicklistSetFill: the setting
     * takes any int, a list clamps it to -5 .. 32767 (so -2147483648 means -5, not an overflow).
     */
    public static int clampFill(int fill) {
        return Math.max(-BYTE_LIMITS.length, Math.min(fill, FILL_MAX));
    }

    private Chunk[] chunks;
    private int chunkCount;
    private long size;
    /**
     * Heap bytes of every chunk, object and array (the array's whole capacity, free room
     * included): kept by {@link #insertChunk}, {@link #removeChunk} and {@link Chunk#setBuf}, the
     * only places that add, drop or reallocate a chunk, so {@link #memoryUsage} is O(1).
     */
    private long chunkBytes;

    public ListValue() {
        chunks = new Chunk[1];
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public ListValue duplicate() {
        ListValue copy = new ListValue();
        copy.chunks = new Chunk[Math.max(1, chunkCount)];
        for (int i = 0; i < chunkCount; i++) {
            copy.insertChunk(i, chunks[i].copy(copy));
        }
        copy.size = size;
        return copy;
    }

    @Override
    public long size() {
        return size;
    }

    /** This object: header, a reference, an int and two longs. */
    private static final int SELF = 40;
    /** A {@link Chunk} object: header, two references, three ints. */
    private static final int CHUNK = 32;

    /** This object, the chunk array and every chunk with its whole byte array. */
    @Override
    public long memoryUsage() {
        return SELF + ObjectLayout.refArray(chunks.length) + chunkBytes;
    }

    /** {@link #memoryUsage} counted by walking the chunks (tests check the running total against it). */
    long memoryUsageByWalk() {
        long total = SELF + ObjectLayout.refArray(chunks.length);
        for (int i = 0; i < chunkCount; i++) {
            total += CHUNK + ObjectLayout.byteArray(chunks[i].buf.length);
        }
        return total;
    }

    /** Number of chunks (quicklist nodes); for tests and DEBUG-like introspection. */
    public int chunkCount() {
        return chunkCount;
    }

    /**
     * The number of chunks, as Redis counts a quicklist's nodes (not its elements): a list of short
     * elements costs one unit per 8 KB chunk. Our chunks are bounded as Redis's nodes are, but our
     * entry headers are not listpack's byte for byte, so near a boundary the counts may differ by one.
     */
    @Override
    public long freeEffort() {
        return chunkCount;
    }

    /** Bytes of entries held by all chunks, free room excluded (DEBUG OBJECT's ql_uncompressed_size). */
    public long packedBytes() {
        long total = 0;
        for (int i = 0; i < chunkCount; i++) {
            total += chunks[i].bytes();
        }
        return total;
    }

    // ---- ends --------------------------------------------------------------------------------

    /** Adds {@code value} (not copied, not kept: its bytes are packed) at the head or the tail. */
    public void push(boolean head, byte[] value, int fill) {
        push(head, value, 0, value.length, fill);
    }

    /** Adds {@code len} bytes of {@code src} from {@code off} at the head or the tail. */
    public void push(boolean head, byte[] src, int off, int len, int fill) {
        int need = Chunk.entrySize(len);
        Chunk c = chunkCount == 0 ? null : chunks[head ? 0 : chunkCount - 1];
        if (c == null || !c.allows(need, fill)) {
            c = new Chunk(this, need, head);
            insertChunk(head ? 0 : chunkCount, c);
        }
        if (head) {
            c.pushHead(src, off, len);
        } else {
            c.pushTail(src, off, len);
        }
        size++;
    }

    /** Removes and returns the head or tail element; the list must not be empty. */
    public byte[] pop(boolean head) {
        int ci = head ? 0 : chunkCount - 1;
        Chunk c = chunks[ci];
        byte[] v = head ? c.popHead() : c.popTail();
        size--;
        if (c.count == 0) {
            removeChunk(ci);
        }
        return v;
    }

    /** Removes {@code n} elements (at most the size) from the head or the tail. */
    public void drop(boolean head, long n) {
        n = Math.min(n, size);
        while (n > 0) {
            int ci = head ? 0 : chunkCount - 1;
            Chunk c = chunks[ci];
            if (c.count <= n) {
                n -= c.count;
                size -= c.count;
                removeChunk(ci);
            } else {
                c.drop(head, (int) n);
                size -= n;
                n = 0;
            }
        }
    }

    // ---- positions -----------------------------------------------------------------------------

    /**
     * A cursor on the element at {@code index} (0-based from the head; the caller has already
     * turned negative indexes into this form and checked the range). Walks from the nearer end.
     */
    public Cursor cursor(long index) {
        Cursor cur = new Cursor();
        if (index < size - index) {
            int ci = 0;
            while (index >= chunks[ci].count) {
                index -= chunks[ci].count;
                ci++;
            }
            cur.at(ci, chunks[ci].position((int) index));
        } else {
            long fromEnd = size - 1 - index;
            int ci = chunkCount - 1;
            while (fromEnd >= chunks[ci].count) {
                fromEnd -= chunks[ci].count;
                ci--;
            }
            cur.at(ci, chunks[ci].position(chunks[ci].count - 1 - (int) fromEnd));
        }
        return cur;
    }

    /** A cursor on the head (forward iteration) or the tail (backward); the list must not be empty. */
    public Cursor cursorAtEnd(boolean head) {
        Cursor cur = new Cursor();
        if (head) {
            cur.at(0, chunks[0].start);
        } else {
            Chunk c = chunks[chunkCount - 1];
            cur.at(chunkCount - 1, c.lastPosition());
        }
        return cur;
    }

    /**
     * Position in the list: the chunk index and the byte offset of one entry. Valid until the list
     * is changed other than through this cursor's own {@link #remove}/{@link #replace}.
     */
    public final class Cursor {
        private int ci;
        private int pos;
        private int len;
        private int data;

        private void at(int chunk, int position) {
            ci = chunk;
            pos = position;
            len = Varint.read(chunks[ci].buf, position);
            data = position + Varint.size(len);
        }

        /** The array holding the element's bytes (valid until the next change). */
        public byte[] array() {
            return chunks[ci].buf;
        }

        /** Offset of the element's first byte in {@link #array()}. */
        public int offset() {
            return data;
        }

        public int length() {
            return len;
        }

        /** A copy of the element. */
        public byte[] value() {
            return Arrays.copyOfRange(chunks[ci].buf, data, data + len);
        }

        /** Whether the element equals {@code v}. */
        public boolean matches(byte[] v) {
            return v.length == len && Arrays.equals(chunks[ci].buf, data, data + len, v, 0, len);
        }

        /** Moves to the next element; false (and the cursor unusable) past the tail. */
        public boolean next() {
            int nextPos = data + len + Varint.size(len);
            if (nextPos < chunks[ci].end) {
                at(ci, nextPos);
                return true;
            }
            if (ci + 1 >= chunkCount) {
                return false;
            }
            at(ci + 1, chunks[ci + 1].start);
            return true;
        }

        /** Moves to the previous element; false (and the cursor unusable) past the head. */
        public boolean previous() {
            Chunk c = chunks[ci];
            if (pos > c.start) {
                at(ci, c.previousPosition(pos));
                return true;
            }
            if (ci == 0) {
                return false;
            }
            at(ci - 1, chunks[ci - 1].lastPosition());
            return true;
        }

        /**
         * Removes the element; the cursor moves to the element that followed it. Returns false
         * (cursor unusable) when there was none.
         */
        public boolean remove() {
            Chunk c = chunks[ci];
            int rel = pos - c.start;
            c.removeAt(pos);
            size--;
            if (c.count == 0) {
                removeChunk(ci);
                if (ci >= chunkCount) {
                    return false;
                }
                at(ci, chunks[ci].start);
                return true;
            }
            if (c.start + rel < c.end) {
                at(ci, c.start + rel);
                return true;
            }
            if (ci + 1 >= chunkCount) {
                return false;
            }
            at(ci + 1, chunks[ci + 1].start);
            return true;
        }

        /** Removes the element and moves to the one before it; false (cursor unusable) if there is none. */
        public boolean removeAndStepBack() {
            Chunk c = chunks[ci];
            boolean first = pos == c.start;
            int prevRel = first ? -1 : c.previousPosition(pos) - c.start;
            c.removeAt(pos);
            size--;
            if (!first) {
                at(ci, c.start + prevRel);
                return true;
            }
            if (c.count == 0) {
                removeChunk(ci);
            }
            if (ci == 0) {
                return false;
            }
            at(ci - 1, chunks[ci - 1].lastPosition());
            return true;
        }

        /** Replaces the element by {@code v}; the cursor stays on it. */
        public void replace(byte[] v, int fill) {
            Chunk c = chunks[ci];
            int p = c.replaceAt(pos, v);
            at(ci, p);
            splitIfNeeded(fill);
        }

        /** Inserts {@code v} before or after the element; the cursor is then unusable. */
        public void insert(boolean after, byte[] v, int fill) {
            Chunk c = chunks[ci];
            int at = after ? data + len + Varint.size(len) : pos;
            c.insertAt(at, v);
            size++;
            pos = -1;
            splitIfNeeded(fill);
        }

        private void splitIfNeeded(int fill) {
            Chunk c = chunks[ci];
            if (c.count > 1 && c.exceeds(fill)) {
                insertChunk(ci + 1, c.splitHalf());
            }
        }
    }

    // ---- chunk array ---------------------------------------------------------------------------

    private void insertChunk(int at, Chunk c) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(2, chunkCount * 2));
        }
        System.arraycopy(chunks, at, chunks, at + 1, chunkCount - at);
        chunks[at] = c;
        chunkCount++;
        chunkBytes += CHUNK + ObjectLayout.byteArray(c.buf.length);
    }

    private void removeChunk(int at) {
        chunkBytes -= CHUNK + ObjectLayout.byteArray(chunks[at].buf.length);
        System.arraycopy(chunks, at + 1, chunks, at, chunkCount - at - 1);
        chunks[--chunkCount] = null;
        if (chunks.length > 8 && chunkCount < chunks.length / 4) {
            chunks = Arrays.copyOf(chunks, chunks.length / 2);
        }
    }

    /**
     * One packed chunk: entries live in {@code buf[start, end)}; the room before start and after
     * end takes pushes at either end without moving the entries.
     */
    static final class Chunk {
        /** The list whose {@link ListValue#chunkBytes} this chunk's array counts in (fills padding: still 32 bytes). */
        private final ListValue owner;
        byte[] buf;
        int start;
        int end;
        int count;

        /**
         * An empty chunk with room for a first entry of {@code need} bytes pushed at the head or
         * the tail (only a little slack: a huge element must not cost twice its size).
         */
        Chunk(ListValue owner, int need, boolean head) {
            this.owner = owner;
            buf = new byte[need + 16];
            start = end = head ? buf.length : 0;
        }

        private Chunk(ListValue owner, byte[] buf, int start, int end, int count) {
            this.owner = owner;
            this.buf = buf;
            this.start = start;
            this.end = end;
            this.count = count;
        }

        /** A compacted copy of this chunk, for {@code owner} (which accounts for it when inserting it). */
        Chunk copy(ListValue owner) {
            return new Chunk(owner, Arrays.copyOfRange(buf, start, end), 0, end - start, count);
        }

        /** Swaps in a reallocated array; the owner's byte total follows by the difference. */
        private void setBuf(byte[] n) {
            owner.chunkBytes += ObjectLayout.byteArray(n.length) - ObjectLayout.byteArray(buf.length);
            buf = n;
        }

        int bytes() {
            return end - start;
        }

        static int entrySize(int len) {
            return len + 2 * Varint.size(len);
        }

        /** Whether an entry of {@code need} bytes may join this chunk under fill (Redis's _quicklistNodeAllowInsert). */
        boolean allows(int need, int rawFill) {
            int fill = clampFill(rawFill);
            long after = (long) bytes() + need;
            if (fill >= 0) {
                return count + 1 <= Math.max(fill, 0) && after <= SIZE_SAFETY_LIMIT
                        || count == 0;
            }
            return after <= BYTE_LIMITS[-fill - 1] || count == 0;
        }

        boolean exceeds(int rawFill) {
            int fill = clampFill(rawFill);
            if (fill >= 0) {
                return count > fill || bytes() > SIZE_SAFETY_LIMIT;
            }
            return bytes() > BYTE_LIMITS[-fill - 1];
        }

        /** Writes the entry of {@code len} bytes at {@code p}; returns the position after it. */
        private int write(int p, byte[] src, int off, int len) {
            p = Varint.write(buf, p, len);
            System.arraycopy(src, off, buf, p, len);
            p += len;
            // The reversed copy: its last byte holds the low 7 bits, earlier bytes the higher ones.
            int k = Varint.size(len);
            for (int i = k - 1; i >= 0; i--) {
                int group = (len >>> (7 * i)) & 0x7f;
                buf[p++] = (byte) (i == k - 1 ? group : group | 0x80);
            }
            return p;
        }

        /** Ensures {@code before} free bytes before start and {@code after} after end, moving the entries once. */
        private void room(int before, int after) {
            if (start >= before && buf.length - end >= after) {
                return;
            }
            int used = bytes();
            int spare = Math.min(Math.max(used / 2, 16), 4096);
            int front = start >= before ? Math.min(start, spare) : before + spare;
            int back = buf.length - end >= after ? Math.min(buf.length - end, spare) : after + spare;
            byte[] n = new byte[front + used + back];
            System.arraycopy(buf, start, n, front, used);
            setBuf(n);
            start = front;
            end = front + used;
        }

        void pushHead(byte[] src, int off, int len) {
            int need = entrySize(len);
            room(need, 0);
            start -= need;
            write(start, src, off, len);
            count++;
        }

        void pushTail(byte[] src, int off, int len) {
            int need = entrySize(len);
            room(0, need);
            end = write(end, src, off, len);
            count++;
        }

        /** Length stored in the forward varint at p. */
        private int lengthAt(int p) {
            return Varint.read(buf, p);
        }

        /** Start of the entry that ends just before {@code p}. */
        int previousPosition(int p) {
            int q = p - 1;
            int x = buf[q];
            int v = x & 0x7f;
            int shift = 7;
            while ((x & 0x80) != 0) {
                x = buf[--q];
                v |= (x & 0x7f) << shift;
                shift += 7;
            }
            return p - entrySize(v);
        }

        int lastPosition() {
            return previousPosition(end);
        }

        /** Byte position of entry {@code i}, walking from the nearer end. */
        int position(int i) {
            if (i <= count / 2) {
                int p = start;
                for (int k = 0; k < i; k++) {
                    p += entrySize(lengthAt(p));
                }
                return p;
            }
            int p = end;
            for (int k = count; k > i; k--) {
                p = previousPosition(p);
            }
            return p;
        }

        byte[] popHead() {
            int len = lengthAt(start);
            int d = start + Varint.size(len);
            byte[] v = Arrays.copyOfRange(buf, d, d + len);
            start += entrySize(len);
            count--;
            compactIfSparse();
            return v;
        }

        byte[] popTail() {
            int p = lastPosition();
            int len = lengthAt(p);
            int d = p + Varint.size(len);
            byte[] v = Arrays.copyOfRange(buf, d, d + len);
            end = p;
            count--;
            compactIfSparse();
            return v;
        }

        void drop(boolean head, int n) {
            if (head) {
                int p = start;
                for (int k = 0; k < n; k++) {
                    p += entrySize(lengthAt(p));
                }
                start = p;
            } else {
                int p = end;
                for (int k = 0; k < n; k++) {
                    p = previousPosition(p);
                }
                end = p;
            }
            count -= n;
            compactIfSparse();
        }

        /** Gives back memory once the entries use under a quarter of a large array. */
        private void compactIfSparse() {
            if (count == 0) {
                start = end = buf.length / 2;
                return;
            }
            if (buf.length > 256 && bytes() < buf.length / 4) {
                int used = bytes();
                int spare = Math.max(used / 4, 8);
                byte[] n = new byte[spare + used + spare];
                System.arraycopy(buf, start, n, spare, used);
                setBuf(n);
                start = spare;
                end = spare + used;
            }
        }

        /** Removes the entry at p; the entries after it move back (compaction may then move them all). */
        void removeAt(int p) {
            int size = entrySize(lengthAt(p));
            System.arraycopy(buf, p + size, buf, p, end - p - size);
            end -= size;
            count--;
            compactIfSparse();
        }

        /** Inserts an entry at byte position p (start <= p <= end) by moving the tail part. */
        void insertAt(int p, byte[] v) {
            int need = entrySize(v.length);
            int rel = p - start;
            room(0, need);
            p = start + rel;
            System.arraycopy(buf, p, buf, p + need, end - p);
            write(p, v, 0, v.length);
            end += need;
            count++;
        }

        /** Replaces the entry at p by v; returns v's position (the array may have moved). */
        int replaceAt(int p, byte[] v) {
            int old = entrySize(lengthAt(p));
            int need = entrySize(v.length);
            int rel = p - start;
            if (need > old) {
                room(0, need - old);
                p = start + rel;
            }
            System.arraycopy(buf, p + old, buf, p + need, end - p - old);
            end += need - old;
            write(p, v, 0, v.length);
            return p;
        }

        /** Moves the second half of the entries into a new chunk, which it returns. */
        Chunk splitHalf() {
            int keep = count / 2;
            int p = position(keep);
            byte[] tail = Arrays.copyOfRange(buf, p, end);
            Chunk second = new Chunk(owner, tail, 0, tail.length, count - keep);
            end = p;
            count = keep;
            compactIfSparse();
            return second;
        }
    }
}
