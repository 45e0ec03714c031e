package io.redisinternals.persistence.rdb;

import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Loads every value type redis-server 7.0 loads into our value classes, each taking the encoding
 * our commands would give it under the current settings (as Redis converts on load). A blob is
 * always walked with every bound checked and duplicates refused (our structures cannot hold a
 * duplicate, and Redis's sanitiser refuses them too); {@code deepSanitize} adds the checks that
 * only cost time (listpack backlens and counts).
 */
final class RdbValueReader {

    private RdbValueReader() {
    }

    private static RdbFormatException at(RdbInput in, long offset, RdbFormatException e) {
        return e.offset() >= 0 ? e : new RdbFormatException(e.getMessage(), offset);
    }

    // ---- lists ----------------------------------------------------------------------------------

    static ListValue readListOfStrings(RdbInput in, RdbReadOptions o) {
        long len = in.readLength();
        if (len == 0) {
            throw new RdbEmptyValueException("empty list", in.offset());
        }
        ListValue list = new ListValue();
        for (long i = 0; i < len; i++) {
            list.push(false, in.readString(), o.listFill());
        }
        return list;
    }

    static ListValue readQuicklist(RdbInput in, RdbReadOptions o, boolean v2) {
        long nodes = in.readLength();
        if (nodes == 0) {
            throw new RdbEmptyValueException("empty list", in.offset());
        }
        ListValue list = new ListValue();
        Listpack.Visitor push = pusher(list, o.listFill());
        for (long i = 0; i < nodes; i++) {
            long container = RdbTypes.QUICKLIST_NODE_CONTAINER_PACKED;
            if (v2) {
                container = in.readLength();
                if (container != RdbTypes.QUICKLIST_NODE_CONTAINER_PACKED
                        && container != RdbTypes.QUICKLIST_NODE_CONTAINER_PLAIN) {
                    throw in.corrupt("quicklist node of unknown container " + container);
                }
            }
            long blobAt = in.offset();
            byte[] data = in.readString();
            if (data.length == 0) {
                throw new RdbFormatException("empty quicklist node", blobAt);
            }
            try {
                if (container == RdbTypes.QUICKLIST_NODE_CONTAINER_PLAIN) {
                    list.push(false, data, o.listFill());
                } else if (v2) {
                    Listpack.read(data, o.deepSanitize(), push);
                } else {
                    Ziplist.read(data, push);
                }
            } catch (RdbFormatException e) {
                throw at(in, blobAt, e);
            }
        }
        if (list.size() == 0) {
            throw new RdbEmptyValueException("empty list", in.offset());
        }
        return list;
    }

    static ListValue readZiplistList(RdbInput in, RdbReadOptions o) {
        long blobAt = in.offset();
        byte[] data = in.readString();
        ListValue list = new ListValue();
        try {
            Ziplist.read(data, pusher(list, o.listFill()));
        } catch (RdbFormatException e) {
            throw at(in, blobAt, e);
        }
        if (list.size() == 0) {
            throw new RdbEmptyValueException("empty list", in.offset());
        }
        return list;
    }

    private static Listpack.Visitor pusher(ListValue list, int fill) {
        return new Listpack.Visitor() {
            @Override
            public void string(byte[] blob, int off, int len) {
                list.push(false, blob, off, len, fill);
            }

            @Override
            public void integer(long v) {
                list.push(false, Listpack.bytesOf(v), fill);
            }
        };
    }

    // ---- sets -----------------------------------------------------------------------------------

    static SetValue readSet(RdbInput in, RdbReadOptions o) {
        long len = in.readLength();
        if (len == 0) {
            throw new RdbEmptyValueException("empty set", in.offset());
        }
        long max = Math.min(o.setMaxIntsetEntries(), 1L << 30);
        SetValue set = len > max ? SetValue.newHashtable(o.hasher()) : SetValue.newIntset(o.hasher());
        for (long i = 0; i < len; i++) {
            long at = in.offset();
            byte[] member = in.readString();
            if (!set.add(member, o.setMaxIntsetEntries())) {
                throw new RdbFormatException("duplicate set member", at);
            }
        }
        return set;
    }

    static SetValue readIntset(RdbInput in, RdbReadOptions o) {
        long blobAt = in.offset();
        byte[] blob = in.readString();
        int width;
        try {
            width = Intset.validate(blob);
        } catch (RdbFormatException e) {
            throw at(in, blobAt, e);
        }
        int count = Intset.count(blob);
        if (count <= o.setMaxIntsetEntries()) {
            return SetValue.ofIntset(o.hasher(), width, blob, Intset.HEADER, count);
        }
        SetValue set = SetValue.newHashtable(o.hasher());
        for (int i = 0; i < count; i++) {
            set.add(Listpack.bytesOf(Intset.get(blob, width, i)), 0);
        }
        return set;
    }

    // ---- hashes ---------------------------------------------------------------------------------

    static HashValue readHash(RdbInput in, RdbReadOptions o) {
        long len = in.readLength();
        if (len == 0) {
            throw new RdbEmptyValueException("empty hash", in.offset());
        }
        HashValue hash = new HashValue();
        if (len > o.hashMaxEntries()) {
            hash.convert();
        }
        int maxEntries = clampInt(o.hashMaxEntries());
        int maxValue = clampInt(o.hashMaxValue());
        for (long i = 0; i < len; i++) {
            long at = in.offset();
            byte[] field = in.readString();
            byte[] value = in.readString();
            if (!hash.set(field, value, maxEntries, maxValue)) {
                throw new RdbFormatException("duplicate hash field", at);
            }
        }
        return hash;
    }

    /** HASH_LISTPACK (listpack), HASH_ZIPLIST (ziplist) or HASH_ZIPMAP (zipmap) pairs. */
    static HashValue readPackedHash(RdbInput in, RdbReadOptions o, int type) {
        long blobAt = in.offset();
        byte[] blob = in.readString();
        HashValue hash = new HashValue();
        int[] maxLen = new int[1];
        try {
            if (type == RdbTypes.RDB_TYPE_HASH_ZIPMAP) {
                Zipmap.read(blob, (zm, fo, fl, vo, vl) -> {
                    maxLen[0] = Math.max(maxLen[0], Math.max(fl, vl));
                    if (!hash.set(Arrays.copyOfRange(zm, fo, fo + fl), Arrays.copyOfRange(zm, vo, vo + vl),
                            Integer.MAX_VALUE, Integer.MAX_VALUE)) {
                        throw Listpack.bad("hash zipmap with duplicate fields");
                    }
                });
            } else {
                Pairs pairs = new Pairs((f, v) -> {
                    if (!hash.set(f, v, Integer.MAX_VALUE, Integer.MAX_VALUE)) {
                        throw Listpack.bad("hash listpack with duplicate fields");
                    }
                });
                if (type == RdbTypes.RDB_TYPE_HASH_LISTPACK) {
                    Listpack.read(blob, o.deepSanitize(), pairs);
                } else {
                    Ziplist.read(blob, pairs);
                }
                pairs.finish();
            }
        } catch (RdbFormatException e) {
            throw at(in, blobAt, e);
        }
        if (hash.size() == 0) {
            throw new RdbEmptyValueException("empty hash", in.offset());
        }
        if (hash.size() > o.hashMaxEntries()
                || (type == RdbTypes.RDB_TYPE_HASH_ZIPMAP && maxLen[0] > o.hashMaxValue())) {
            hash.convert();
        }
        return hash;
    }

    // ---- sorted sets ----------------------------------------------------------------------------

    static SortedSetValue readSortedSet(RdbInput in, RdbReadOptions o, boolean binaryScores) {
        long len = in.readLength();
        if (len == 0) {
            throw new RdbEmptyValueException("empty sorted set", in.offset());
        }
        SortedSetValue zset = new SortedSetValue(false);
        for (long i = 0; i < len; i++) {
            long at = in.offset();
            byte[] member = in.readString();
            double score = binaryScores ? in.readBinaryDouble() : in.readStringDouble();
            if (Double.isNaN(score)) {
                throw new RdbFormatException("sorted set score is NaN", at);
            }
            if (!Double.isNaN(zset.score(member))) {
                throw new RdbFormatException("duplicate sorted set member", at);
            }
            zset.add(member, score, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        zset.compactIfFits(o.zsetMaxEntries(), o.zsetMaxValue());
        return zset;
    }

    /** ZSET_LISTPACK or ZSET_ZIPLIST: member, score pairs. */
    static SortedSetValue readPackedSortedSet(RdbInput in, RdbReadOptions o, boolean listpack) {
        long blobAt = in.offset();
        byte[] blob = in.readString();
        SortedSetValue zset = new SortedSetValue(true);
        try {
            Pairs pairs = new Pairs((m, s) -> {
                double score = parseScore(s);
                if (!Double.isNaN(zset.score(m))) {
                    throw Listpack.bad("sorted set listpack with duplicate members");
                }
                zset.add(m, score, Long.MAX_VALUE, Long.MAX_VALUE);
            });
            if (listpack) {
                Listpack.read(blob, o.deepSanitize(), pairs);
            } else {
                Ziplist.read(blob, pairs);
            }
            pairs.finish();
        } catch (RdbFormatException e) {
            throw at(in, blobAt, e);
        }
        if (zset.size() == 0) {
            throw new RdbEmptyValueException("empty sorted set", in.offset());
        }
        if (zset.size() > o.zsetMaxEntries()) {
            zset.convertToSkipList();
        }
        return zset;
    }

    /** A listpack score's text as zzlStrtod reads it (strtod of at most 127 bytes); NaN refused. */
    private static double parseScore(byte[] s) {
        String text = new String(s, 0, Math.min(s.length, 127), StandardCharsets.US_ASCII);
        double d;
        switch (text) {
            case "inf", "+inf" -> d = Double.POSITIVE_INFINITY;
            case "-inf" -> d = Double.NEGATIVE_INFINITY;
            default -> {
                if (text.isEmpty() || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-' || c == '+'
                        || c == '.' || c == 'e' || c == 'E')) {
                    throw Listpack.bad("sorted set listpack score is not a number");
                }
                try {
                    d = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw Listpack.bad("sorted set listpack score is not a number");
                }
            }
        }
        return d;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static int clampInt(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** Receives a packed blob's elements two by two; an odd count is corrupt. */
    private static final class Pairs implements Listpack.Visitor {
        interface PairSink {
            void pair(byte[] first, byte[] second);
        }

        private final PairSink sink;
        private byte[] first;

        Pairs(PairSink sink) {
            this.sink = sink;
        }

        @Override
        public void string(byte[] blob, int off, int len) {
            element(Arrays.copyOfRange(blob, off, off + len));
        }

        @Override
        public void integer(long v) {
            element(Listpack.bytesOf(v));
        }

        private void element(byte[] e) {
            if (first == null) {
                first = e;
            } else {
                sink.pair(first, e);
                first = null;
            }
        }

        void finish() {
            if (first != null) {
                throw Listpack.bad("packed pairs with an odd number of elements");
            }
        }
    }
}
