package io.redisinternals.keyspace.types;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The ordered half of a large sorted set, shaped like Redis's {@code zskiplist}: nodes ordered by
 * (score, member bytes unsigned), a backward link on level 0, and on every level the span (number
 * of level-0 steps) of each forward link, so that a rank is the sum of the spans walked: rank
 * lookups, rank-of-member and range bounds all cost O(log n).
 *
 * <h2>Layout</h2>
 * Nodes are records in one {@code long[]} arena, named by their offset in it (an {@code int};
 * 0 is the header, which is never anyone's successor, so 0 also means "none"):
 * <pre>
 *   a[p]         score (raw double bits)
 *   a[p + 1]     backward offset (high 32 bits) | level (low 32 bits)
 *   a[p + 2 + i] forward offset on level i (high 32 bits) | span of that link (low 32 bits)
 * </pre>
 * so a node of level 1 is 24 bytes, and one step of a search (read the link, read the next node's
 * score) costs the two loads Redis's {@code zskiplistNode} costs, instead of the node, its forward
 * array, its span array and the next node of an object graph. Members live beside the arena in
 * {@code members[p / 3]}: a record is at least 3 longs, so two records never share an index. The
 * span of a level-i link is the number of level-0 steps to its target (to the end of the list when
 * there is none), as in Redis.
 *
 * <p>Records freed by a removal go to a free list per level (linked through their backward word)
 * and are reused by the next insert of that level; when the list has shrunk to a quarter of its
 * arena, {@link #compactIfSparse} rebuilds the arena in order (node offsets change: the caller
 * re-reads them). An offset is otherwise stable for the node's whole life, including score
 * updates, which re-link the same record.
 *
 * <p>Ranks in this class are 1-based as in Redis (the header is rank 0). Members are unique; the
 * member-to-node map lives in {@link SortedSetValue}. Not thread-safe.
 */
final class SkipList {

    static final int MAX_LEVEL = 32;
    /** The header's offset, and "no node". */
    static final int NIL = 0;
    /** Longs of a record before its levels (score, backward|level). */
    private static final int FIXED = 2;
    /** The smallest record (level 1): member slots are {@code offset / MIN_RECORD}. */
    private static final int MIN_RECORD = FIXED + 1;
    private static final int HEADER_SIZE = FIXED + MAX_LEVEL;
    private static final long SPAN_MASK = 0xFFFF_FFFFL;

    /** Ordering of the sorted set: by score, then member bytes compared unsigned (memcmp). */
    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        if (s1 < s2) {
            return -1;
        }
        if (s1 > s2) {
            return 1;
        }
        return Arrays.compareUnsigned(m1, m2);
    }

    private long[] a;
    private byte[][] members;
    /** First long of the arena never handed out. */
    private int top;
    /** Longs held by the header and live nodes (the rest of {@code top} is on the free lists). */
    private int live;
    /** freeHeads[l]: first free record of level l, or NIL. */
    private final int[] freeHeads = new int[MAX_LEVEL + 1];
    /**
     * Scratch for searches that remember a node per level (Redis's update[] and rank[] on the C
     * stack): reused by every insert/delete/update, which run one at a time under the execution
     * lock, so a write allocates nothing (a new node only when the arena must grow).
     */
    private final int[] update = new int[MAX_LEVEL];
    private final int[] rankScratch = new int[MAX_LEVEL];
    /** The second search of a score update (the new place), beside {@link #update}/{@link #rankScratch} (the old one). */
    private final int[] update2 = new int[MAX_LEVEL];
    private final int[] rank2 = new int[MAX_LEVEL];
    int tail = NIL;
    int length;
    int level = 1;

    SkipList() {
        this(0);
    }

    /** An empty list with room for about {@code expected} nodes before its arena grows. */
    SkipList(int expected) {
        a = new long[HEADER_SIZE + Math.max(8, expected) * 4];
        members = new byte[a.length / MIN_RECORD + 1][];
        a[1] = MAX_LEVEL;
        top = HEADER_SIZE;
        live = HEADER_SIZE;
    }

    /**
     * This object (header, seven references, five ints) and its fixed arrays (the free-list heads,
     * the four scratch arrays).
     */
    private static final long FIXED_BYTES = 64 + ObjectLayout.intArray(MAX_LEVEL + 1) + 4 * ObjectLayout.intArray(MAX_LEVEL);

    /** Heap bytes of the list without its member arrays (the owner counts those): O(1). */
    long memoryUsage() {
        return FIXED_BYTES + ObjectLayout.longArray(a.length) + ObjectLayout.refArray(members.length);
    }

    // ---- record access ----------------------------------------------------------------------

    double score(int node) {
        return Double.longBitsToDouble(a[node]);
    }

    byte[] member(int node) {
        return members[node / MIN_RECORD];
    }

    /** The next node in ascending order, or NIL. */
    int next(int node) {
        return (int) (a[node + FIXED] >>> 32);
    }

    /** The previous node, or NIL for the first. */
    int prev(int node) {
        return (int) (a[node + 1] >>> 32);
    }

    /** The first node, or NIL when empty. */
    int first() {
        return next(NIL);
    }

    /** Levels of node {@code node} (the header has {@link #MAX_LEVEL}). */
    int levelOf(int node) {
        return (int) a[node + 1];
    }

    /** The target of {@code node}'s link on level {@code i} (below its level), or NIL. */
    int forward(int node, int i) {
        return (int) (a[node + FIXED + i] >>> 32);
    }

    /** The span of {@code node}'s link on level {@code i}. */
    int span(int node, int i) {
        return (int) a[node + FIXED + i];
    }

    private static long link(int forward, long span) {
        return ((long) forward << 32) | (span & SPAN_MASK);
    }

    private void setBackward(int node, int backward) {
        a[node + 1] = ((long) backward << 32) | (a[node + 1] & SPAN_MASK);
    }

    /** Whether node {@code n} orders before (score, member). */
    private boolean before(int n, double score, byte[] member) {
        double s = Double.longBitsToDouble(a[n]);
        return s < score || (s == score && Arrays.compareUnsigned(members[n / MIN_RECORD], member) < 0);
    }

    /** Redis's level distribution: each further level with probability 1/4. */
    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && (rnd.nextInt() & 0xFFFF) < 0xFFFF / 4) {
            lvl++;
        }
        return lvl;
    }

    /** A record of {@code lvl} levels: a free one of that level, else fresh arena space. */
    private int allocate(int lvl) {
        int size = FIXED + lvl;
        int p = freeHeads[lvl];
        if (p != NIL) {
            freeHeads[lvl] = prev(p);
        } else {
            if (top + size > a.length) {
                int cap = Math.max(top + size, a.length + (a.length >> 1));
                a = Arrays.copyOf(a, cap);
                members = Arrays.copyOf(members, cap / MIN_RECORD + 1);
            }
            p = top;
            top += size;
        }
        a[p + 1] = lvl;
        live += size;
        return p;
    }

    private void free(int p) {
        int lvl = levelOf(p);
        members[p / MIN_RECORD] = null;
        a[p + 1] = ((long) freeHeads[lvl] << 32) | lvl;
        freeHeads[lvl] = p;
        live -= FIXED + lvl;
    }

    // ---- writes -----------------------------------------------------------------------------

    /** Inserts a member that is not present; returns its node. */
    int insert(double score, byte[] member) {
        int p = allocate(randomLevel());
        a[p] = Double.doubleToRawLongBits(score);
        members[p / MIN_RECORD] = member;
        link(p);
        return p;
    }

    /** Links node {@code p} (score, member and level set; not in the list) at its place. */
    private void link(int p) {
        long[] a = this.a;
        double score = score(p);
        byte[] member = member(p);
        int[] update = this.update;
        int[] rank = rankScratch;
        int x = NIL;
        for (int i = level - 1; i >= 0; i--) {
            int r = i == level - 1 ? 0 : rank[i + 1];
            long l;
            int nx;
            while ((nx = (int) ((l = a[x + FIXED + i]) >>> 32)) != NIL && before(nx, score, member)) {
                r += (int) l;
                x = nx;
            }
            rank[i] = r;
            update[i] = x;
        }
        linkAt(p, update, rank);
    }

    /**
     * The second half of {@link #link}: links node {@code p} after {@code update[i]} on each of
     * its levels, {@code rank[i]} being the rank of {@code update[i]} (valid below {@link #level}).
     */
    private void linkAt(int p, int[] update, int[] rank) {
        long[] a = this.a;
        int lvl = levelOf(p);
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = NIL;
                a[NIL + FIXED + i] = link(NIL, length);
            }
            level = lvl;
        }
        for (int i = 0; i < lvl; i++) {
            int u = update[i] + FIXED + i;
            long ul = a[u];
            int d = rank[0] - rank[i];
            a[p + FIXED + i] = link((int) (ul >>> 32), (int) ul - d);
            a[u] = link(p, d + 1);
        }
        for (int i = lvl; i < level; i++) {
            a[update[i] + FIXED + i]++; // span + 1 (never carries into the offset)
        }
        a[p + 1] = ((long) update[0] << 32) | lvl; // the header as backward reads as NIL
        int next = next(p);
        if (next != NIL) {
            setBackward(next, p);
        } else {
            tail = p;
        }
        length++;
    }

    /** Unlinks node {@code x} given its predecessors on every level (the record stays allocated). */
    private void unlink(int x, int[] update) {
        long[] a = this.a;
        for (int i = 0; i < level; i++) {
            int u = update[i] + FIXED + i;
            long ul = a[u];
            if ((int) (ul >>> 32) == x) {
                long xl = a[x + FIXED + i];
                a[u] = link((int) (xl >>> 32), (int) ul + (int) xl - 1);
            } else {
                a[u] = ul - 1;
            }
        }
        int next = next(x);
        if (next != NIL) {
            setBackward(next, prev(x));
        } else {
            tail = prev(x);
        }
        while (level > 1 && (int) (a[NIL + FIXED + level - 1] >>> 32) == NIL) {
            level--;
        }
        length--;
    }

    /** The predecessors of (score, member) on every level, into {@link #update}. */
    private int[] predecessors(double score, byte[] member) {
        long[] a = this.a;
        int[] update = this.update;
        int x = NIL;
        for (int i = level - 1; i >= 0; i--) {
            int nx;
            while ((nx = (int) (a[x + FIXED + i] >>> 32)) != NIL && before(nx, score, member)) {
                x = nx;
            }
            update[i] = x;
        }
        return update;
    }

    /** Removes node {@code x} (in the list) and frees its record. */
    void delete(int x) {
        unlink(x, predecessors(score(x), member(x)));
        free(x);
    }

    /**
     * Changes a node's score; the node keeps its offset. When it keeps its place (new score still
     * between its neighbours) only the score is written, as Redis does; otherwise the same record
     * is unlinked and linked again at its new place (its level was drawn at random, independent of
     * its place).
     */
    void updateScore(int x, double newScore) {
        updateScore(x, newScore, member(x));
    }

    /**
     * {@link #updateScore(int, double)} given the node's member bytes (equal to the stored ones,
     * e.g. the member-table key, which is the stored array): the member slot is then not read.
     */
    void updateScore(int x, double newScore, byte[] member) {
        moveTo(x, newScore, member);
    }

    /**
     * Moves node {@code x} to the place of {@code newScore}: the search for its old place (the
     * predecessors to unlink it from) and the one for its new place run interleaved, one step of
     * each per turn, so the processor overlaps their cache misses (each search is a chain of
     * dependent loads through a structure larger than the cache; done one after the other, as
     * Redis's zslUpdateScore does, they cost twice the latency). Both walk the list with
     * {@code x} still in it; the new place's predecessors and ranks are then corrected for its
     * removal: where the new search stopped at {@code x} itself, the predecessor is x's own
     * predecessor on that level, and ranks after x drop by one. When the new place is x's own
     * (the new search ends at x or at its predecessor on level 0), only the score is written:
     * the neighbours were read by the searches, so this check costs no extra load (checking
     * them first, as a shortcut, would cost two misses on every update that does move).
     */
    private void moveTo(int x, double newScore, byte[] m) {
        long[] a = this.a;
        double oldScore = score(x);
        int[] uo = update;
        int[] ro = rankScratch;
        int[] un = update2;
        int[] rn = rank2;
        int xo = NIL;
        int xn = NIL;
        int rOld = 0;
        int rNew = 0;
        for (int i = level - 1; i >= 0; i--) {
            boolean goOld = true;
            boolean goNew = true;
            while (goOld | goNew) {
                if (goOld) {
                    long l = a[xo + FIXED + i];
                    int nx = (int) (l >>> 32);
                    if (nx != NIL && before(nx, oldScore, m)) {
                        rOld += (int) l;
                        xo = nx;
                    } else {
                        goOld = false;
                    }
                }
                if (goNew) {
                    long l = a[xn + FIXED + i];
                    int nx = (int) (l >>> 32);
                    if (nx != NIL && before(nx, newScore, m)) { // passes x itself when its old score is lower
                        rNew += (int) l;
                        xn = nx;
                    } else {
                        goNew = false;
                    }
                }
            }
            uo[i] = xo;
            ro[i] = rOld;
            un[i] = xn;
            rn[i] = rNew;
        }
        if (un[0] == x || un[0] == uo[0]) {
            a[x] = Double.doubleToRawLongBits(newScore); // between the same neighbours: in place
            return;
        }
        int rankOfX = ro[0] + 1;
        for (int i = level - 1; i >= 0; i--) {
            if (un[i] == x) {
                un[i] = uo[i];
                rn[i] = ro[i];
            } else if (rn[i] > rankOfX) {
                rn[i]--;
            }
        }
        unlink(x, uo);
        a[x] = Double.doubleToRawLongBits(newScore);
        linkAt(x, un, rn);
    }

    // ---- queries ----------------------------------------------------------------------------

    /** 1-based rank of node {@code node} (in the list). */
    long rank(int node) {
        long[] a = this.a;
        double score = score(node);
        byte[] member = member(node);
        long rank = 0;
        int x = NIL;
        for (int i = level - 1; i >= 0; i--) {
            long l;
            int nx;
            while ((nx = (int) ((l = a[x + FIXED + i]) >>> 32)) != NIL
                    && (nx == node || before(nx, score, member))) {
                rank += (int) l;
                x = nx;
            }
            if (x == node) {
                return rank;
            }
        }
        throw new IllegalStateException("node not in the list");
    }

    /** The node at 1-based {@code rank}, or NIL when out of range. */
    int byRank(long rank) {
        if (rank < 1 || rank > length) {
            return NIL;
        }
        long[] a = this.a;
        long traversed = 0;
        int x = NIL;
        for (int i = level - 1; i >= 0; i--) {
            long l;
            int nx;
            while ((nx = (int) ((l = a[x + FIXED + i]) >>> 32)) != NIL && traversed + (int) l <= rank) {
                traversed += (int) l;
                x = nx;
            }
            if (traversed == rank) {
                return x;
            }
        }
        return NIL;
    }

    /**
     * The number of leading nodes for which {@code before} holds, walking the levels as Redis's
     * range searches do ({@code before} must be monotonic over the order for an exact answer).
     */
    long countWhile(SortedSetValue.Bound before) {
        long[] a = this.a;
        long rank = 0;
        int x = NIL;
        for (int i = level - 1; i >= 0; i--) {
            long l;
            int nx;
            while ((nx = (int) ((l = a[x + FIXED + i]) >>> 32)) != NIL && before.test(score(nx), member(nx))) {
                rank += (int) l;
                x = nx;
            }
        }
        return rank;
    }

    /**
     * Removes the nodes of 1-based ranks {@code start..end} (inclusive, valid), handing each
     * removed member to {@code removed}.
     */
    long deleteRankRange(long start, long end, Consumer<byte[]> removed) {
        long[] a = this.a;
        int[] update = this.update;
        long traversed = 0;
        int x = NIL;
        for (int i = level - 1; i >= 0; i--) {
            long l;
            int nx;
            while ((nx = (int) ((l = a[x + FIXED + i]) >>> 32)) != NIL && traversed + (int) l < start) {
                traversed += (int) l;
                x = nx;
            }
            update[i] = x;
        }
        traversed++;
        x = next(x);
        long deleted = 0;
        while (x != NIL && traversed <= end) {
            int next = next(x);
            byte[] member = member(x);
            unlink(x, update);
            free(x);
            removed.accept(member);
            deleted++;
            traversed++;
            x = next;
        }
        return deleted;
    }

    // ---- memory -----------------------------------------------------------------------------

    /** Longs of arena handed out (header, live and free records). */
    int arenaUsed() {
        return top;
    }

    /** Longs of the header and the live records. */
    int arenaLive() {
        return live;
    }

    /**
     * Rebuilds the arena with the nodes in ascending order and no free records when at most a
     * quarter of what it handed out is live (after removals). Node offsets change.
     *
     * @return whether it rebuilt (the caller's node offsets are then stale)
     */
    boolean compactIfSparse() {
        if (top < 256 || live > top / 4) {
            return false;
        }
        long[] old = a;
        byte[][] oldMembers = members;
        // Pass 1: the new offset of every node, parked in its backward word (rebuilt below).
        int p = HEADER_SIZE;
        for (int x = first(); x != NIL; x = next(x)) {
            int lvl = levelOf(x);
            old[x + 1] = ((long) p << 32) | lvl;
            p += FIXED + lvl;
        }
        long[] b = new long[Math.max(p + (p >> 1), HEADER_SIZE + 8 * 4)];
        byte[][] m = new byte[b.length / MIN_RECORD + 1][];
        b[1] = MAX_LEVEL;
        for (int i = 0; i < MAX_LEVEL; i++) {
            b[FIXED + i] = relocated(old, old[FIXED + i]);
        }
        // Pass 2: copy each record to its new place, forward offsets translated.
        int prev = NIL;
        int newTail = NIL;
        for (int x = first(); x != NIL; ) {
            int q = (int) (old[x + 1] >>> 32);
            int lvl = levelOf(x);
            b[q] = old[x];
            b[q + 1] = ((long) prev << 32) | lvl;
            for (int i = 0; i < lvl; i++) {
                b[q + FIXED + i] = relocated(old, old[x + FIXED + i]);
            }
            m[q / MIN_RECORD] = oldMembers[x / MIN_RECORD];
            prev = q;
            newTail = q;
            x = (int) (old[x + FIXED] >>> 32);
        }
        a = b;
        members = m;
        top = p;
        live = p;
        tail = newTail;
        Arrays.fill(freeHeads, NIL);
        return true;
    }

    /** A link of the old arena with its target's offset replaced by the new one (pass 1's). */
    private static long relocated(long[] old, long l) {
        int target = (int) (l >>> 32);
        return target == NIL ? l : link((int) (old[target + 1] >>> 32), (int) l);
    }
}
