package io.redisinternals.keyspace;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A sorted set (TYPE "zset"): unique members, each with a double score, ordered by score then by
 * member bytes compared unsigned (memcmp). Scores are never NaN.
 *
 * <h2>Encodings</h2>
 * <ul>
 * <li><b>listpack</b> (compact): two parallel arrays, members and scores, kept in order; lookups
 *     by member scan linearly, as Redis's listpack does, which is cheap while the set is small.
 *     Like Redis's listpack, which stores a score as text and an integral one as an integer, it
 *     cannot hold -0: a zero score is stored as 0.</li>
 * <li><b>skiplist</b>: a {@link SkipList} (order, ranks in O(log n)) plus a {@link KeyTable}
 *     from member to skip-list node (score lookup in O(1), ZSCAN cursors).</li>
 * </ul>
 * The commands create a compact set unless zset-max-listpack-entries is 0 or the first member is
 * longer than zset-max-listpack-value, and convert it (once, never back) when an insertion would
 * pass either limit; see {@link #add}. Only a freshly built result (ZUNIONSTORE, ...) may start as
 * a skip list and become compact, see {@link #compactIfFits}.
 *
 * <p>Ranks are 0-based here. Not thread-safe.
 */
public final class SortedSetValue implements TypedValue {

    /** A seeded hash for the member tables of all sorted sets (hash flooding). */
    private static final KeyHash HASH = new KeyHash(new SecureRandom().nextLong());
    private static final byte[][] NO_MEMBERS = new byte[0][];
    private static final double[] NO_SCORES = new double[0];

    /** Receives one (member, score) pair. The member array must not be modified. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(byte[] member, double score);
    }

    /** A monotonic predicate over the order (range bounds): true for a prefix of the elements. */
    @FunctionalInterface
    public interface Bound {
        boolean test(double score, byte[] member);
    }

    // compact form (list == null)
    private byte[][] members;
    private double[] scores;
    private int count;
    // full form
    private SkipList list;
    private KeyTable<SkipList.Node> dict;

    /** An empty set in the compact encoding, or the skip-list one when {@code compact} is false. */
    public SortedSetValue(boolean compact) {
        if (compact) {
            members = NO_MEMBERS;
            scores = NO_SCORES;
        } else {
            list = new SkipList();
            dict = new KeyTable<>(HASH);
        }
    }

    @Override
    public String typeName() {
        return "zset";
    }

    @Override
    public String encoding() {
        return list == null ? "listpack" : "skiplist";
    }

    public boolean isCompact() {
        return list == null;
    }

    @Override
    public long size() {
        return list == null ? count : list.length;
    }

    @Override
    public SortedSetValue duplicate() {
        SortedSetValue copy = new SortedSetValue(list == null);
        if (list == null) {
            copy.members = Arrays.copyOf(members, count);
            copy.scores = Arrays.copyOf(scores, count);
            copy.count = count;
        } else {
            forEach(copy::insertFull);
        }
        return copy;
    }

    // ---- lookups ----------------------------------------------------------------------------

    private int indexOf(byte[] member) {
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(members[i], member)) {
                return i;
            }
        }
        return -1;
    }

    /** The member's score, or NaN when it is not a member (a stored score is never NaN). */
    public double score(byte[] member) {
        if (list == null) {
            int i = indexOf(member);
            return i < 0 ? Double.NaN : scores[i];
        }
        KeyTable.Entry<SkipList.Node> e = dict.entry(member);
        lastFound = e;
        return e == null ? Double.NaN : e.value().score;
    }

    /**
     * The member-table entry the last {@link #score} call found (ZADD/ZINCRBY read a score and then
     * set it: the second lookup is saved). Cleared by every removal, since a removed entry must not
     * be reused; entries are otherwise stable (rehashing relinks them).
     */
    private KeyTable.Entry<SkipList.Node> lastFound;

    /** The member's 0-based rank in ascending order, or -1 when it is not a member. */
    public long rank(byte[] member) {
        if (list == null) {
            return indexOf(member);
        }
        SkipList.Node n = dict.get(member);
        return n == null ? -1 : list.rank(n.score, n.member) - 1;
    }

    /**
     * The number of leading elements (in ascending order) for which {@code bound} holds. For the
     * compact form a linear scan, for the skip list Redis's level walk; equal answers when the
     * bound is monotonic over the order (score bounds always are; lex bounds when all scores are
     * equal, the only case Redis defines).
     */
    public long countWhile(Bound bound) {
        if (list == null) {
            int i = 0;
            while (i < count && bound.test(scores[i], members[i])) {
                i++;
            }
            return i;
        }
        return list.countWhile(bound);
    }

    /**
     * The rank of the first element (ascending) for which {@code bound} holds, or {@link #size()}
     * when none does: Redis's range-start search, a linear scan of the compact form and a level
     * walk of the skip list (the same answer for a monotonic bound).
     */
    public long firstWhere(Bound bound) {
        if (list == null) {
            int i = 0;
            while (i < count && !bound.test(scores[i], members[i])) {
                i++;
            }
            return i;
        }
        return list.countWhile((sc, m) -> !bound.test(sc, m));
    }

    /**
     * The rank of the last element for which {@code bound} holds, or -1: the compact form scans
     * back from its end, the skip list walks its levels (Redis's range-end search).
     */
    public long lastWhere(Bound bound) {
        if (list == null) {
            int i = count - 1;
            while (i >= 0 && !bound.test(scores[i], members[i])) {
                i--;
            }
            return i;
        }
        return list.countWhile(bound) - 1;
    }

    /** Whether {@code bound} holds for the element at a 0-based rank (valid). */
    public boolean testAt(long rank, Bound bound) {
        if (list == null) {
            return bound.test(scores[(int) rank], members[(int) rank]);
        }
        SkipList.Node n = list.byRank(rank + 1);
        return bound.test(n.score, n.member);
    }

    /**
     * How many consecutive elements from {@code rank} (ascending, or descending when
     * {@code reverse}) satisfy {@code bound}, at most {@code max}.
     */
    public long countFrom(long rank, boolean reverse, Bound bound, long max) {
        long n = 0;
        if (rank < 0 || rank >= size()) {
            return 0;
        }
        if (list == null) {
            for (int i = (int) rank; n < max && i >= 0 && i < count && bound.test(scores[i], members[i]);
                    i += reverse ? -1 : 1) {
                n++;
            }
            return n;
        }
        for (SkipList.Node x = list.byRank(rank + 1); n < max && x != null && bound.test(x.score, x.member);
                x = reverse ? x.backward : x.forward[0]) {
            n++;
        }
        return n;
    }

    /**
     * Visits ranks {@code from..to} (0-based, inclusive, clamped to the set), ascending or, when
     * {@code reverse}, from {@code to} down to {@code from}.
     */
    public void forEachInRanks(long from, long to, boolean reverse, EntryVisitor visitor) {
        from = Math.max(from, 0);
        to = Math.min(to, size() - 1);
        if (from > to) {
            return;
        }
        if (list == null) {
            if (reverse) {
                for (int i = (int) to; i >= from; i--) {
                    visitor.visit(members[i], scores[i]);
                }
            } else {
                for (int i = (int) from; i <= to; i++) {
                    visitor.visit(members[i], scores[i]);
                }
            }
            return;
        }
        long n = to - from + 1;
        SkipList.Node x = list.byRank((reverse ? to : from) + 1);
        for (; n > 0 && x != null; n--) {
            visitor.visit(x.member, x.score);
            x = reverse ? x.backward : x.forward[0];
        }
    }

    /** Every (member, score) in ascending order (SORT, COPY, conversions). */
    public void forEach(EntryVisitor visitor) {
        forEachInRanks(0, size() - 1, false, visitor);
    }

    /** The member at a 0-based rank (valid). */
    public byte[] memberAt(long rank) {
        if (list == null) {
            return members[(int) rank];
        }
        return list.byRank(rank + 1).member;
    }

    /** The score at a 0-based rank (valid). */
    public double scoreAt(long rank) {
        if (list == null) {
            return scores[(int) rank];
        }
        return list.byRank(rank + 1).score;
    }

    /**
     * A uniformly random element, or nothing when empty. The skip list draws a rank (O(log n) through
     * its spans) rather than sampling its member table, whose bucket-then-chain draw favours members
     * in short chains (the bias Redis's dictGetFairRandomKey softens; ranks remove it).
     */
    public void randomEntry(RandomGenerator rnd, EntryVisitor visitor) {
        long size = size();
        if (size == 0) {
            return;
        }
        long rank = rnd.nextLong(size);
        visitor.visit(memberAt(rank), scoreAt(rank));
    }

    /**
     * One ZSCAN step: the compact form returns everything at once (cursor 0 next), as Redis does
     * for a listpack; the skip list scans its member table with Redis's reverse-binary cursor.
     *
     * @return the next cursor
     */
    public long scan(long cursor, EntryVisitor visitor) {
        if (list == null) {
            forEach(visitor);
            return 0;
        }
        return dict.scan(cursor, (member, node) -> visitor.visit(node.member, node.score));
    }

    // ---- writes -----------------------------------------------------------------------------

    /**
     * Adds a member that is not present, converting the compact form first when the set would
     * then have more than {@code maxEntries} elements or the member is longer than
     * {@code maxValue} bytes (zset-max-listpack-entries / -value).
     */
    public void add(byte[] member, double score, long maxEntries, long maxValue) {
        if (list == null && (count + 1L > maxEntries || member.length > maxValue)) {
            convertToSkipList();
        }
        if (list == null) {
            insertCompact(member, score);
        } else {
            insertFull(member, score);
        }
    }

    private void insertCompact(byte[] member, double score) {
        if (score == 0) {
            score = 0.0; // no -0 in a listpack
        }
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (SkipList.compare(scores[mid], members[mid], score, member) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (count == members.length) {
            int cap = Math.max(4, count + (count >> 1));
            members = Arrays.copyOf(members, cap);
            scores = Arrays.copyOf(scores, cap);
        }
        System.arraycopy(members, lo, members, lo + 1, count - lo);
        System.arraycopy(scores, lo, scores, lo + 1, count - lo);
        members[lo] = member;
        scores[lo] = score;
        count++;
    }

    private void insertFull(byte[] member, double score) {
        dict.put(member, list.insert(score, member));
    }

    /** Changes the score of an existing member (keeps the encoding). */
    public void setScore(byte[] member, double score) {
        if (list == null) {
            int i = indexOf(member);
            byte[] stored = members[i];
            removeCompactAt(i);
            insertCompact(stored, score);
            return;
        }
        KeyTable.Entry<SkipList.Node> e = lastFound != null && Arrays.equals(lastFound.key(), member)
                ? lastFound : dict.entry(member);
        e.setValue(list.updateScore(e.value(), score));
    }

    /** Removes a member; returns whether it was one. */
    public boolean remove(byte[] member) {
        if (list == null) {
            int i = indexOf(member);
            if (i < 0) {
                return false;
            }
            removeCompactAt(i);
            return true;
        }
        lastFound = null;
        SkipList.Node n = dict.remove(member);
        if (n == null) {
            return false;
        }
        list.delete(n.score, n.member);
        return true;
    }

    private void removeCompactAt(int i) {
        System.arraycopy(members, i + 1, members, i, count - i - 1);
        System.arraycopy(scores, i + 1, scores, i, count - i - 1);
        count--;
        members[count] = null;
        if (count == 0) {
            members = NO_MEMBERS;
            scores = NO_SCORES;
        } else if (members.length > 16 && count < members.length / 4) {
            members = Arrays.copyOf(members, count * 2);
            scores = Arrays.copyOf(scores, count * 2);
        }
    }

    /**
     * Removes ranks {@code from..to} (0-based, inclusive, clamped to the set).
     *
     * @return the number removed
     */
    public long removeRanks(long from, long to) {
        from = Math.max(from, 0);
        to = Math.min(to, size() - 1);
        if (from > to) {
            return 0;
        }
        if (list == null) {
            int f = (int) from;
            int n = (int) (to - from + 1);
            System.arraycopy(members, f + n, members, f, count - f - n);
            System.arraycopy(scores, f + n, scores, f, count - f - n);
            Arrays.fill(members, count - n, count, null);
            count -= n;
            return n;
        }
        lastFound = null;
        return list.deleteRankRange(from + 1, to + 1, dict::remove);
    }

    /** Converts the compact form to the skip list (Redis's zsetConvert). */
    public void convertToSkipList() {
        if (list != null) {
            return;
        }
        byte[][] m = members;
        double[] s = scores;
        int n = count;
        list = new SkipList();
        dict = new KeyTable<>(HASH);
        lastFound = null;
        members = null;
        scores = null;
        count = 0;
        for (int i = 0; i < n; i++) {
            insertFull(m[i], s[i]);
        }
    }

    /**
     * For a freshly built result (ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE): becomes compact when it
     * has at most {@code maxEntries} elements none longer than {@code maxValue} bytes, as Redis's
     * zsetConvertToListpackIfNeeded.
     */
    public void compactIfFits(long maxEntries, long maxValue) {
        if (list == null || list.length > maxEntries) {
            return;
        }
        int n = list.length;
        byte[][] m = new byte[n][];
        double[] s = new double[n];
        int[] i = {0};
        boolean[] fits = {true};
        forEach((member, score) -> {
            fits[0] &= member.length <= maxValue;
            m[i[0]] = member;
            s[i[0]++] = score == 0 ? 0.0 : score;
        });
        if (!fits[0]) {
            return;
        }
        list = null;
        dict = null;
        lastFound = null;
        members = n == 0 ? NO_MEMBERS : m;
        scores = n == 0 ? NO_SCORES : s;
        count = n;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("zset[").append(encoding()).append(':');
        forEach((m, s) -> b.append(' ').append(new String(m, java.nio.charset.StandardCharsets.ISO_8859_1))
                .append('=').append(s));
        return b.append(']').toString();
    }
}
