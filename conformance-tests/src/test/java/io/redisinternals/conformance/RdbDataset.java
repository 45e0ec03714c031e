package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset with every type and every encoding redis-server 7.0 writes (strings int/raw/long and
 * compressible, lists small and of many nodes, hashes listpack and table, sets intset and table,
 * sorted sets listpack and skiplist with infinite scores), TTLs, two databases and a function
 * library; and a readout of a server's whole dataset without DUMP (TYPE, OBJECT ENCODING, the
 * value, PEXPIRETIME), to compare servers and files key by key.
 */
final class RdbDataset {

    private RdbDataset() {
    }

    static final String LIBRARY = "#!lua name=rdblib\nredis.register_function('rdbf', function(keys, args) return 'lib' end)";

    /** Writes the dataset through {@code c} (database 0 selected on return). */
    static void write(RawConnection c) {
        ok(c.call("SELECT", "0"));
        ok(c.call("SET", "s:int", "12345"));
        ok(c.call("SET", "s:neg", "-9223372036854775808"));
        ok(c.call("SET", "s:raw", "hello world"));
        ok(c.call("SET", "s:long", "x".repeat(300)));
        ok(c.call("SET", "s:rand", "ab01cd23ef45gh67ij89kl".repeat(7)));
        ok(c.call("SET", "s:empty", ""));
        ok(c.call("SET", "s:ttl", "expiring", "PX", "987654321"));
        c.call("RPUSH", "l:small", "a", "b", "1", "-2", "300000", "x".repeat(40));
        List<String> big = new ArrayList<>(List.of("RPUSH", "l:big"));
        for (int i = 0; i < 700; i++) {
            big.add(i % 3 == 0 ? Integer.toString(i) : "elem-" + i);
        }
        c.call(big.toArray(String[]::new));
        c.call("HSET", "h:small", "f", "v", "n", "7", "e", "");
        List<String> hash = new ArrayList<>(List.of("HSET", "h:big"));
        for (int i = 0; i < 600; i++) {
            hash.add("field" + i);
            hash.add(i % 2 == 0 ? Integer.toString(i) : "value-" + i);
        }
        c.call(hash.toArray(String[]::new));
        c.call("HSET", "h:longvalue", "f", "v".repeat(100));
        c.call("SADD", "set:int", "1", "2", "3", "-70000", "5000000000");
        c.call("SADD", "set:str", "a", "b", "c");
        List<String> ints = new ArrayList<>(List.of("SADD", "set:bigint"));
        for (int i = 0; i < 600; i++) {
            ints.add(Integer.toString(i * 7));
        }
        c.call(ints.toArray(String[]::new));
        c.call("ZADD", "z:small", "1", "a", "2.5", "b", "-3", "c", "inf", "d", "-inf", "e");
        List<String> zs = new ArrayList<>(List.of("ZADD", "z:big"));
        for (int i = 0; i < 300; i++) {
            zs.add(i % 10 == 0 ? "1.5e300" : Double.toString(i / 3.0));
            zs.add("member-" + i);
        }
        c.call(zs.toArray(String[]::new));
        c.call("PEXPIRE", "h:small", "876543210");
        c.call("PEXPIRE", "z:big", "765432100");
        ok(c.call("SELECT", "5"));
        ok(c.call("SET", "db5:key", "five"));
        c.call("RPUSH", "db5:list", "x", "y");
        ok(c.call("SELECT", "0"));
        Reply lib = c.call("FUNCTION", "LOAD", "REPLACE", LIBRARY);
        if (lib.isError()) {
            throw new AssertionError(lib.visible());
        }
    }

    private static void ok(Reply r) {
        if (!"OK".equals(r.text())) {
            throw new AssertionError(r.visible());
        }
    }

    /** Every key of every database: "db key" -> type, encoding, value (collections in a canonical order), PEXPIRETIME. */
    static Map<String, String> read(RawConnection c) {
        Map<String, String> all = new TreeMap<>();
        for (int db = 0; db < 16; db++) {
            c.call("SELECT", Integer.toString(db));
            for (Reply k : c.call("KEYS", "*").children()) {
                String key = k.text();
                String type = c.call("TYPE", key).text();
                String value = switch (type) {
                    case "string" -> c.call("GET", key).text();
                    case "list" -> texts(c.call("LRANGE", key, "0", "-1"), false);
                    case "hash" -> pairs(c.call("HGETALL", key));
                    case "set" -> texts(c.call("SMEMBERS", key), true);
                    case "zset" -> texts(c.call("ZRANGE", key, "0", "-1", "WITHSCORES"), false);
                    default -> "?";
                };
                all.put(db + " " + key, type + " " + c.call("OBJECT", "ENCODING", key).text() + " "
                        + c.call("PEXPIRETIME", key).rawText().strip() + " " + value);
            }
        }
        c.call("SELECT", "0");
        all.put("functions", c.call("FUNCTION", "DUMP").isError() ? "?" : texts(c.call("FUNCTION", "LIST", "WITHCODE"), false));
        return all;
    }

    private static String texts(Reply r, boolean sort) {
        List<String> out = new ArrayList<>();
        for (Reply e : r.children()) {
            out.add(e.isAggregate() ? texts(e, false) : e.text());
        }
        if (sort) {
            out.sort(null);
        }
        return out.toString();
    }

    private static String pairs(Reply r) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < r.children().size(); i += 2) {
            m.put(r.child(i).text(), r.child(i + 1).text());
        }
        return m.toString();
    }
}
