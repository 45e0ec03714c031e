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

    static void writeList(RdbOutput out, ListValue list, int rawFill) {
        int fill = ListValue.clampFill(rawFill);
        // Cut the nodes first (their count precedes them), then write them.
        java.util.ArrayList<Object> nodes = new java.util.ArrayList<>();
        Listpack.Writer node = null;
        if (list.size() > 0) {
            ListValue.Cursor c = list.cursorAtEnd(true);
            do {
                byte[] a = c.array();
                int off = c.offset();
                int len = c.length();
                if (len >= PACKED_THRESHOLD) {
                    if (node != null) {
                        nodes.add(node);
                        node = null;
                    }
                    nodes.add(c.value());
                    continue;
                }
                if (node == null || !allowInsert(node, fill, len)) {
                    if (node != null) {
                        nodes.add(node);
                    }
                    node = new Listpack.Writer(Math.min(len + 16, OPTIMIZATION_LEVEL[1]));
                }
                node.append(a, off, len);
            } while (c.next());
        }
        if (node != null) {
            nodes.add(node);
        }
        out.writeLength(nodes.size());
        for (Object n : nodes) {
            if (n instanceof byte[] plain) {
                out.writeLength(RdbTypes.QUICKLIST_NODE_CONTAINER_PLAIN);
                out.writeString(plain);
            } else {
                out.writeLength(RdbTypes.QUICKLIST_NODE_CONTAINER_PACKED);
                out.writeString(((Listpack.Writer) n).finish());
            }
        }
    }

    /** quicklist's _quicklistNodeAllowInsert for an element of {@code sz} bytes. */
    private static boolean allowInsert(Listpack.Writer node, int fill, int sz) {
        long newSize = (long) node.bytes() + sz + SIZE_ESTIMATE_OVERHEAD;
        if (fill < 0 && newSize <= OPTIMIZATION_LEVEL[-fill - 1]) {
            return true;
        }
        if (newSize > SIZE_SAFETY_LIMIT) {
            return false;
        }
        return node.count() < fill;
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
