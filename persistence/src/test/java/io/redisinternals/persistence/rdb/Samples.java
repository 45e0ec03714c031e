package io.redisinternals.persistence.rdb;

import static io.redisinternals.persistence.rdb.Blobs.b;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One value of every type and encoding, and their DUMP payloads (the corrupt tests' and the fuzzer's seeds). */
final class Samples {

    static final KeyHash HASHER = new KeyHash(42);

    private Samples() {
    }

    static List<Object> values() {
        List<Object> v = new ArrayList<>();
        v.add(b("hello"));
        v.add(b("12345"));
        v.add(b("ab".repeat(40)));
        ListValue list = new ListValue();
        for (String s : new String[] {"a", "1", "-300", "70000", "x".repeat(70), "9999999999"}) {
            list.push(false, b(s), -2);
        }
        v.add(list);
        HashValue small = new HashValue();
        small.set(b("f"), b("v"), 512, 64);
        small.set(b("n"), b("17"), 512, 64);
        v.add(small);
        HashValue table = new HashValue();
        table.set(b("f"), b("v"), 512, 64);
        table.convert();
        table.set(b("g"), b("w".repeat(65)), 512, 64); // over hash-max-listpack-value: stays a table on load
        v.add(table);
        SetValue ints = SetValue.newIntset(HASHER);
        ints.add(b("5"), 512);
        ints.add(b("-70000"), 512);
        v.add(ints);
        SetValue strings = SetValue.newHashtable(HASHER);
        strings.add(b("a"), 512);
        strings.add(b("b"), 512);
        v.add(strings);
        SortedSetValue compact = new SortedSetValue(true);
        compact.add(b("a"), 1.5, 128, 64);
        compact.add(b("b"), Double.NEGATIVE_INFINITY, 128, 64);
        compact.add(b("c"), 3, 128, 64);
        v.add(compact);
        SortedSetValue skiplist = new SortedSetValue(false);
        skiplist.add(b("a"), 0.25, 128, 64);
        skiplist.add(b("b".repeat(65)), 2, 128, 64); // over zset-max-listpack-value: a skiplist on load too
        v.add(skiplist);
        return v;
    }

    static List<byte[]> payloads() {
        List<byte[]> p = new ArrayList<>();
        for (Object v : values()) {
            p.add(DumpRestore.payload(v, true, -2));
        }
        return p;
    }

    /** A canonical text of a value's contents (hashtable orders removed), to compare loads. */
    static String describe(Object v) {
        StringBuilder sb = new StringBuilder(io.redisinternals.keyspace.types.ValueType.of(v).name()).append(':');
        List<String> parts = new ArrayList<>();
        if (v instanceof ListValue l) {
            if (l.size() > 0) {
                ListValue.Cursor c = l.cursorAtEnd(true);
                do {
                    sb.append(java.util.HexFormat.of().formatHex(c.value())).append(',');
                } while (c.next());
            }
        } else if (v instanceof HashValue h) {
            h.forEach((f, x) -> parts.add(java.util.HexFormat.of().formatHex(f) + "=" + java.util.HexFormat.of().formatHex(x)));
        } else if (v instanceof SetValue s) {
            s.forEach(m -> parts.add(java.util.HexFormat.of().formatHex(m)));
        } else if (v instanceof SortedSetValue z) {
            z.forEach((m, score) -> sb.append(java.util.HexFormat.of().formatHex(m)).append('=').append(score).append(','));
        } else {
            sb.append(java.util.HexFormat.of().formatHex(io.redisinternals.keyspace.types.StringValue.bytes(v)));
        }
        java.util.Collections.sort(parts);
        return sb.append(parts).toString();
    }

    /** A big list: many quicklist nodes. */
    static ListValue bigList() {
        ListValue l = new ListValue();
        Random r = new Random(9);
        for (int i = 0; i < 3000; i++) {
            l.push(false, b(r.nextBoolean() ? Integer.toString(r.nextInt()) : "s" + i), -2);
        }
        return l;
    }
}
