package io.redisinternals.keyspace;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ordered half of a large sorted set, shaped like Redis's {@code zskiplist}: nodes ordered by
 * (score, member bytes unsigned), a backward link on level 0, and on every level the span (number
 * of level-0 steps) of each forward link, so that a rank is the sum of the spans walked: rank
 * lookups, rank-of-member and range bounds all cost O(log n).
 *
 * <p>Ranks in this class are 1-based as in Redis (the header is rank 0). Members are unique; the
 * member-to-node map lives in {@link SortedSetValue}. Not thread-safe.
 */
final class SkipList {

    static final int MAX_LEVEL = 32;

    /** One element. The member is never modified; the score only through {@link #updateScore}. */
    static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] forward;
        /** span[i]: level-0 steps from this node to forward[i] (to the end of the list when forward[i] is null). */
        final int[] span;

        Node(byte[] member, double score, int level) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new int[level];
        }
    }

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

    final Node header = new Node(null, 0, MAX_LEVEL);
    /**
     * Scratch for searches that remember a node per level (Redis's update[] and rank[] on the C
     * stack): reused by every insert/delete/update, which run one at a time under the execution
     * lock, so a write allocates nothing but its new node (ZADD updates: not even that).
     */
    private final Node[] update = new Node[MAX_LEVEL];
    private final int[] rankScratch = new int[MAX_LEVEL];
    Node tail;
    int length;
    int level = 1;

    /** Redis's level distribution: each further level with probability 1/4. */
    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && (rnd.nextInt() & 0xFFFF) < 0xFFFF / 4) {
            lvl++;
        }
        return lvl;
    }

    /** Inserts a member that is not present. */
    Node insert(double score, byte[] member) {
        return link(new Node(member, score, randomLevel()));
    }

    /** Links {@code node} (its member, score and level set; not in the list) at its place. */
    private Node link(Node node) {
        double score = node.score;
        byte[] member = node.member;
        Node[] update = this.update;
        int[] rank = rankScratch;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = node.forward.length;
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = lvl;
        }
        x = node;
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
        return x;
    }

    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i] -= 1;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
    }

    /** The predecessors of (score, member) on every level. */
    private Node[] predecessors(double score, byte[] member) {
        Node[] update = this.update;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        return update;
    }

    /** Removes the node of (score, member); returns whether it was there. */
    boolean delete(double score, byte[] member) {
        Node[] update = predecessors(score, member);
        Node x = update[0].forward[0];
        if (x != null && x.score == score && Arrays.equals(x.member, member)) {
            unlink(x, update);
            return true;
        }
        return false;
    }

    /**
     * Changes a node's score. When the node keeps its place (new score still between its
     * neighbours) it is updated in place, as Redis does; otherwise it is removed and a new node
     * inserted.
     *
     * @return the node now holding the member
     */
    Node updateScore(Node node, double newScore) {
        Node prev = node.backward;
        Node next = node.forward[0];
        if ((prev == null || compare(prev.score, prev.member, newScore, node.member) < 0)
                && (next == null || compare(next.score, next.member, newScore, node.member) > 0)) {
            node.score = newScore;
            return node;
        }
        Node[] update = predecessors(node.score, node.member);
        unlink(node, update);
        // Re-link the same node (its level was drawn at random, independent of its place): no
        // garbage, and the member table keeps pointing at it.
        node.score = newScore;
        return link(node);
    }

    /** 1-based rank of (score, member), or 0 when absent. */
    long rank(double score, byte[] member) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) <= 0) {
                rank += x.span[i];
                x = x.forward[i];
            }
            if (x != header && x.score == score && Arrays.equals(x.member, member)) {
                return rank;
            }
        }
        return 0;
    }

    /** The node at 1-based {@code rank}, or null when out of range. */
    Node byRank(long rank) {
        if (rank < 1 || rank > length) {
            return null;
        }
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= rank) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == rank) {
                return x;
            }
        }
        return null;
    }

    /**
     * The number of leading nodes for which {@code before} holds, walking the levels as Redis's
     * range searches do ({@code before} must be monotonic over the order for an exact answer).
     */
    long countWhile(SortedSetValue.Bound before) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && before.test(x.forward[i].score, x.forward[i].member)) {
                rank += x.span[i];
                x = x.forward[i];
            }
        }
        return rank;
    }

    /**
     * Removes the nodes of 1-based ranks {@code start..end} (inclusive, valid), handing each
     * removed member to {@code removed}.
     */
    long deleteRankRange(long start, long end, java.util.function.Consumer<byte[]> removed) {
        Node[] update = this.update;
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] < start) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        traversed++;
        x = x.forward[0];
        long deleted = 0;
        while (x != null && traversed <= end) {
            Node next = x.forward[0];
            unlink(x, update);
            removed.accept(x.member);
            deleted++;
            traversed++;
            x = next;
        }
        return deleted;
    }
}
