package io.redisinternals.persistence.rdb;

import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.resp.Numbers;
import java.nio.charset.StandardCharsets;

/**
 * Serialises our collections into the bytes redis-server 7.0's rdbSaveObject writes for the same
 * value: our in-memory encodings differ from Redis's, so the listpack and intset blobs are built
 * here from our structures.
 *
 * <p>Byte equality holds wherever Redis's bytes are a function of the value: strings, listpack
 * hashes (insertion order, as ours), intsets (the width only grows, as ours), listpack and skiplist
 * sorted sets (rank order), and lists whose quicklist nodes Redis filled by tail pushes (the
 * nodes are re-cut here by quicklist's insert rule, so a list built by RPUSH gets Redis's exact
 * node boundaries; one shaped by LPUSH or LINSERT may be cut differently and still loads to the
 * same list). Hashtable hashes and sets follow a dict's iteration order: equal after RESTORE, not
 * byte for byte.
 */
final class RdbValueWriter {

    /** quicklist's packed_threshold: an element this big gets a PLAIN node of its own. */
    static final int PACKED_THRESHOLD = 1 << 30;
    /** quicklist's SIZE_ESTIMATE_OVERHEAD and SIZE_SAFETY_LIMIT, and its optimization_level. */
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;
    private static final int SIZE_SAFETY_LIMIT = 8192;
    private static final int[] OPTIMIZATION_LEVEL = {4096, 8192, 16384, 32768, 65536};

    private RdbValueWriter() {
    }

    /**
     * A list as QUICKLIST_2: the node count, then per node its container and blob. Two passes over
     * the list (the count comes first): one measures the cuts, one builds and writes each node in
     * turn, so only one node's listpack is held at a time.
     */
    static void writeList(RdbOutput out, ListValue list, int rawFill) {
        int fill = ListValue.clampFill(rawFill);
        out.writeLength(list.size() == 0 ? 0 : cut(list, fill, null));
        if (list.size() > 0) {
            cut(list, fill, out);
        }
    }

    /**
     * Walks the list cutting nodes by quicklist's insert rule; with {@code out}, writes each node.
     *
     * @return the number of nodes
     */
    private static long cut(ListValue list, int fill, RdbOutput out) {
        long nodes = 0;
        int nodeBytes = 0; // lpBytes of the open node, 0 when none is open
        int nodeCount = 0;
        Listpack.Writer node = null;
        ListValue.Cursor c = list.cursorAtEnd(true);
        do {
            byte[] a = c.array();
            int off = c.offset();
            int len = c.length();
            if (len >= PACKED_THRESHOLD) {
                if (nodeBytes > 0) {
                    flush(out, node);
                    nodeBytes = 0;
                }
                nodes++;
                if (out != null) {
                    out.writeLength(RdbTypes.QUICKLIST_NODE_CONTAINER_PLAIN);
                    out.writeString(a, off, len);
                }
                continue;
            }
            if (nodeBytes == 0 || !allowInsert(nodeBytes, nodeCount, fill, len)) {
                if (nodeBytes > 0) {
                    flush(out, node);
                }
                nodes++;
                nodeBytes = Listpack.HEADER + 1;
                nodeCount = 0;
                node = out == null ? null : new Listpack.Writer(Math.min(len + 16, OPTIMIZATION_LEVEL[1]));
            }
            nodeBytes += Listpack.entrySize(a, off, len);
            nodeCount++;
            if (node != null) {
                node.append(a, off, len);
            }
        } while (c.next());
        if (nodeBytes > 0) {
            flush(out, node);
        }
        return nodes;
    }

    private static void flush(RdbOutput out, Listpack.Writer node) {
        if (out != null) {
            out.writeLength(RdbTypes.QUICKLIST_NODE_CONTAINER_PACKED);
            out.writeString(node.finish());
        }
    }

    /** quicklist's _quicklistNodeAllowInsert for an element of {@code sz} bytes. */
    private static boolean allowInsert(int nodeBytes, int nodeCount, int fill, int sz) {
        long newSize = (long) nodeBytes + sz + SIZE_ESTIMATE_OVERHEAD;
        if (fill < 0 && newSize <= OPTIMIZATION_LEVEL[-fill - 1]) {
            return true;
        }
        if (newSize > SIZE_SAFETY_LIMIT) {
            return false;
        }
        return nodeCount < fill;
    }

    static void writeHash(RdbOutput out, HashValue hash) {
        if (hash.isCompact()) {
            Listpack.Writer lp = new Listpack.Writer(64);
            hash.forEach((f, v) -> {
                lp.append(f);
                lp.append(v);
            });
            out.writeString(lp.finish());
            return;
        }
        out.writeLength(hash.size());
        hash.forEach((f, v) -> {
            out.writeString(f);
            out.writeString(v);
        });
    }

    static void writeSet(RdbOutput out, SetValue set) {
        if (set.isIntset()) {
            int width = set.intsetWidth();
            int count = (int) set.size();
            byte[] blob = new byte[Intset.HEADER + count * width];
            put(blob, 0, width, 4);
            put(blob, 4, count, 4);
            for (int i = 0; i < count; i++) {
                put(blob, Intset.HEADER + i * width, set.intAt(i), width);
            }
            out.writeString(blob);
            return;
        }
        out.writeLength(set.size());
        set.forEach(out::writeString);
    }

    static void writeSortedSet(RdbOutput out, SortedSetValue zset) {
        if (zset.isCompact()) {
            Listpack.Writer lp = new Listpack.Writer(64);
            zset.forEach((m, s) -> {
                lp.append(m);
                lp.append(scoreText(s));
            });
            out.writeString(lp.finish());
            return;
        }
        // Redis writes the skiplist from its tail, so loading inserts each element at the head.
        out.writeLength(zset.size());
        zset.forEachInRanks(0, zset.size() - 1, true, (m, s) -> {
            out.writeString(m);
            out.writeBinaryDouble(s);
        });
    }

    /**
     * Redis's d2string, the text a listpack holds for a score: an integral value within
     * +-LLONG_MAX/2 as an integer, zero as "0" or "-0", the rest as %.17g.
     */
    static byte[] scoreText(double d) {
        String s;
        if (d == 0) {
            s = Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
        } else if (!Double.isNaN(d) && d >= (double) (Long.MAX_VALUE / 2) * -1 && d <= (double) (Long.MAX_VALUE / 2)
                && d == (long) d) {
            s = Long.toString((long) d);
        } else {
            s = Numbers.formatDouble17g(d);
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
