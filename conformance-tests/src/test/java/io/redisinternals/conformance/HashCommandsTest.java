package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The hash group (HSET ... HSCAN), byte for byte against the reference wherever Redis's order is
 * defined: a listpack hash replies in insertion order. A hashtable hash replies in its dict's
 * order, which no other implementation can reproduce, so those replies are compared with the
 * order-insensitive normal forms below; random replies (HRANDFIELD) are checked by their
 * properties (count, membership, distinctness, shape).
 */
class HashCommandsTest extends ConformanceTestBase {

    /** An aggregate compared as a sorted list of its elements (HKEYS, HVALS, RESP3 HRANDFIELD pairs). */
    static Function<Reply, String> unordered() {
        return r -> {
            if (r.children() == null) {
                return r.rawText();
            }
            List<String> items = new ArrayList<>();
            for (Reply c : r.children()) {
                items.add(c.rawText());
            }
            items.sort(null);
            return r.type() + "" + items.size() + items;
        };
    }

    /**
     * An aggregate of field/value pairs (HGETALL: RESP3 map or RESP2 flat array; RESP3 HRANDFIELD
     * WITHVALUES: an array of pairs) as a sorted list of pairs.
     */
    static Function<Reply, String> unorderedPairs() {
        return r -> {
            if (r.children() != null && !r.children().isEmpty() && r.child(0).children() != null) {
                return unordered().apply(r); // RESP3 HRANDFIELD WITHVALUES: already one element per pair
            }
            if (r.children() == null || r.children().size() % 2 != 0) {
                return r.rawText();
            }
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < r.children().size(); i += 2) {
                pairs.add(r.child(i).rawText() + "=>" + r.child(i + 1).rawText());
            }
            pairs.sort(null);
            return r.type() + "" + r.children().size() + pairs;
        };
    }

    /** An HSCAN reply [cursor, [f, v, ...]] with its pairs sorted (the cursor compared as is). */
    static Function<Reply, String> unorderedScan() {
        return r -> {
            if (r.children() == null || r.children().size() != 2) {
                return r.rawText();
            }
            return r.child(0).rawText() + unorderedPairs().apply(r.child(1));
        };
    }

    @AllConfigurationsBothProtocols
    void ordinary(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("HSET", "h", "f1", "v1");
            d.same("HSET", "h", "f2", "v2", "f3", "v3", "f1", "v1b");
            d.same("HGET", "h", "f1");
            d.same("HGET", "h", "nope");
            d.same("HGET", "missing", "f1");
            d.same("HMGET", "h", "f1", "nope", "f3", "f1");
            d.same("HMGET", "missing", "a", "b");
            d.same("HGETALL", "h");
            d.same("HGETALL", "missing");
            d.same("HKEYS", "h");
            d.same("HVALS", "h");
            d.same("HKEYS", "missing");
            d.same("HVALS", "missing");
            d.same("HLEN", "h");
            d.same("HLEN", "missing");
            d.same("HEXISTS", "h", "f2");
            d.same("HEXISTS", "h", "nope");
            d.same("HEXISTS", "missing", "f2");
            d.same("HSTRLEN", "h", "f1");
            d.same("HSTRLEN", "h", "nope");
            d.same("HSTRLEN", "missing", "f");
            d.same("HSETNX", "h", "f1", "other");
            d.same("HSETNX", "h", "f4", "v4");
            d.same("HSETNX", "fresh", "a", "b");
            d.same("HMSET", "h", "f5", "v5", "f2", "v2b");
            d.same("HGETALL", "h");
            // a removed field closes the gap; an updated one keeps its place
            d.same("HDEL", "h", "f2", "nope", "f2");
            d.same("HGETALL", "h");
            d.same("HSET", "h", "f2", "again");
            d.same("HGETALL", "h");
            d.same("HDEL", "missing", "a");
            d.same("HDEL", "h", "f1", "f3", "f4", "f5", "f2", "after-empty");
            d.same("EXISTS", "h");
            d.same("TYPE", "fresh");
            d.same("OBJECT", "ENCODING", "fresh");
            // binary, empty and integer-looking fields and values
            d.same("HSET", "bin", "", "", "a\r\nb\u0000", "\u00ff\u0000", "123", "-0", "01", "9223372036854775808");
            d.same("HGETALL", "bin");
            d.same("HGET", "bin", "");
            d.same("HSTRLEN", "bin", "a\r\nb\u0000");
            d.same("HSTRLEN", "bin", "01");
            d.same("hset", "lower", "Case", "x");
            d.same("hGetAll", "lower");
            d.same("HGET", "lower", "case");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void keepsTtlAndWorksWithGenericCommands(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("HSET", "h", "a", "1");
            d.same("EXPIRE", "h", "1000");
            d.same("HSET", "h", "b", "2");
            d.same("HINCRBY", "h", "a", "1");
            d.same("HINCRBYFLOAT", "h", "a", "1.5");
            d.same("HDEL", "h", "b");
            d.same("TTL", "h");
            d.same("COPY", "h", "h2");
            d.same("HSET", "h2", "c", "3");
            d.same("HGETALL", "h");
            d.same("HGETALL", "h2");
            d.same("OBJECT", "ENCODING", "h2");
            d.same("RENAME", "h2", "h3");
            d.same("HGETALL", "h3");
            d.same(r -> r.child(0).rawText() + unordered().apply(r.child(1)), "SCAN", "0", "TYPE", "hash");
            d.same("PEXPIRE", "h3", "1");
            sleep(20);
            d.same("HGET", "h3", "a");
            d.same("HLEN", "h3");
            d.same("HSET", "h3", "z", "1");
            d.same("TTL", "h3");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void counters(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("HINCRBY", "h", "n", "5");
            d.same("HINCRBY", "h", "n", "-7");
            d.same("HINCRBY", "h", "n", "0");
            d.same("HGET", "h", "n");
            for (String v : new String[] {" 1", "01", "-0", "+5", "1.0", "", "18446744073709551616", "1x"}) {
                d.same("HSET", "h", "bad", v);
                d.same("HINCRBY", "h", "bad", "1");
                d.same("HINCRBYFLOAT", "h", "bad", "1");
            }
            d.same("HINCRBY", "h", "n", "x");
            d.same("HINCRBY", "h", "n", "+1");
            d.same("HINCRBY", "h", "n", "1.5");
            d.same("HSET", "h", "max", "9223372036854775807", "min", "-9223372036854775808");
            d.same("HINCRBY", "h", "max", "1");
            d.same("HINCRBY", "h", "max", "-9223372036854775808");
            d.same("HINCRBY", "h", "min", "-1");
            d.same("HINCRBY", "h", "min", "9223372036854775807");
            d.same("HGETALL", "h");
            // floats: long-double arithmetic, %.17Lf-like output, Redis's checks and their order
            d.same("HINCRBYFLOAT", "f", "x", "10.5");
            d.same("HINCRBYFLOAT", "f", "x", "0.1");
            d.same("HINCRBYFLOAT", "f", "x", "-5.0e3");
            d.same("HINCRBYFLOAT", "f", "x", "3.0e3");
            d.same("HINCRBYFLOAT", "f", "y", "1e4932");
            d.same("HINCRBYFLOAT", "f", "y", "1e4932");
            d.same("HINCRBYFLOAT", "f", "z", "0x1p3");
            d.same("HINCRBYFLOAT", "f", "z", "1.00000000000000000001");
            d.same("HINCRBY", "f", "z", "1");
            d.same("HINCRBYFLOAT", "f", "i", "5");
            d.same("HINCRBY", "f", "i", "1");
            for (String inc : new String[] {"inf", "-inf", "+inf", "infinity", "nan", "-nan", "x", "", " 1", "1 ",
                "1e99999", "0x", "1e"}) {
                d.same("HINCRBYFLOAT", "f", "x", inc);
            }
            d.same("HINCRBYFLOAT", "f", "x", "1".repeat(6000));
            d.same("HSET", "f", "inf", "inf", "sp", " 1", "long", "1".repeat(5200));
            d.same("HINCRBYFLOAT", "f", "inf", "1");
            d.same("HINCRBYFLOAT", "f", "sp", "1");
            d.same("HINCRBYFLOAT", "f", "long", "1");
            d.same("OBJECT", "ENCODING", "f"); // the 5200-byte value made it a hashtable
            d.same(unorderedPairs(), "HGETALL", "f");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void errorsArityAndWrongType(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("HSET", "h", "a");
            d.same("HSET", "h", "a", "1", "b");
            d.same("HMSET", "h", "a", "1", "b");
            d.same("HSET", "h");
            d.same("HSETNX", "h", "a");
            d.same("HGET", "h");
            d.same("HMGET", "h");
            d.same("HGETALL");
            d.same("HDEL", "h");
            d.same("HEXISTS", "h");
            d.same("HLEN");
            d.same("HKEYS", "h", "x");
            d.same("HVALS");
            d.same("HSTRLEN", "h");
            d.same("HINCRBY", "h", "a");
            d.same("HINCRBYFLOAT", "h", "a");
            d.same("HRANDFIELD");
            d.same("HSCAN", "h");
            d.same("EXISTS", "h");
            d.same("SET", "s", "string");
            d.same("HSET", "s", "a", "1");
            d.same("HSET", "s", "a"); // arity is checked first
            d.same("HMSET", "s", "a", "1");
            d.same("HSETNX", "s", "a", "1");
            d.same("HGET", "s", "a");
            d.same("HMGET", "s", "a");
            d.same("HGETALL", "s");
            d.same("HDEL", "s", "a");
            d.same("HEXISTS", "s", "a");
            d.same("HLEN", "s");
            d.same("HKEYS", "s");
            d.same("HVALS", "s");
            d.same("HSTRLEN", "s", "a");
            d.same("HINCRBY", "s", "a", "1");
            d.same("HINCRBY", "s", "a", "x"); // the increment is checked before the type
            d.same("HINCRBYFLOAT", "s", "a", "1");
            d.same("HINCRBYFLOAT", "s", "a", "x");
            d.same("HINCRBYFLOAT", "s", "a", "inf");
            d.same("HRANDFIELD", "s");
            d.same("HRANDFIELD", "s", "1");
            d.same("HRANDFIELD", "s", "x");
            d.same("HSCAN", "s", "0");
            d.same("HSCAN", "s", "x");
            d.same("GET", "s");
            d.same("HSET", "h", "a", "1");
            d.same("GET", "h");
            d.same("APPEND", "h", "x");
            d.same("INCR", "h");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void hrandfieldArgumentsAndDeterministicCases(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String count : new String[] {"-9223372036854775808", "-9223372036854775807", "9223372036854775807",
                "-9223372036854775809", "x", "", "1.0", "0", "-1", "1", "3"}) {
                d.same("HRANDFIELD", "missing", count);
                d.same("HRANDFIELD", "missing", count, "WITHVALUES");
                d.same("HRANDFIELD", "missing", count, "withvalue");
            }
            for (String count : new String[] {"-4611686018427387904", "-4611686018427387903", "4611686018427387903",
                "4611686018427387904"}) {
                d.same("HRANDFIELD", "missing", count, "withvalues");
            }
            d.same("HRANDFIELD", "missing", "1", "withvalues", "x");
            d.same("HRANDFIELD", "missing");
            d.same("HSET", "h", "a", "1", "b", "2", "c", "3");
            d.same("HRANDFIELD", "h", "0");
            d.same("HRANDFIELD", "h", "0", "WITHVALUES");
            d.same("HRANDFIELD", "h", "-9223372036854775808");
            d.same("HRANDFIELD", "h", "1", "nope");
            // a count at least the size returns the whole hash, in listpack order
            d.same("HRANDFIELD", "h", "3");
            d.same("HRANDFIELD", "h", "4", "WITHVALUES");
            d.same("HRANDFIELD", "h", "9223372036854775807");
            d.same("HRANDFIELD", "h", "4611686018427387903", "withvalues");
            d.same("HSET", "one", "only", "v");
            d.same("HRANDFIELD", "one");
            d.same("HRANDFIELD", "one", "1");
            d.same("HRANDFIELD", "one", "-3");
            d.same("HRANDFIELD", "one", "-3", "WITHVALUES");
            d.same("HRANDFIELD", "one", "1", "WITHVALUES");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void hrandfieldRandomReplies(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            String[][] saved = setLimits(d, "128", "64");
            try {
                hrandfieldRandomReplies(d, resp);
            } finally {
                restoreLimits(d, saved);
            }
        }
    }

    private static void hrandfieldRandomReplies(Differential d, int resp) {
        Map<String, String> small = fill(d, "small", 10);
        Map<String, String> big = fill(d, "big", 300);
        d.same("OBJECT", "ENCODING", "small");
        d.same("OBJECT", "ENCODING", "big");
        for (String[] key : new String[][] {{"small", "10"}, {"big", "300"}}) {
            Map<String, String> contents = key[0].equals("small") ? small : big;
            for (long count : new long[] {1, 2, 5, 9, 50, 120, 250, 299, -1, -5, -700}) {
                checkRandom(d, key[0], contents, count, false, resp);
                checkRandom(d, key[0], contents, count, true, resp);
            }
        }
        for (String key : new String[] {"small", "big"}) {
            Map<String, String> contents = key.equals("small") ? small : big;
            for (int i = 0; i < 5; i++) {
                Reply r = d.ours().call("HRANDFIELD", key);
                assertEquals('$', r.type(), r.visible());
                assertTrue(contents.containsKey(r.text()), r.visible());
                assertEquals('$', d.reference().call("HRANDFIELD", key).type());
            }
        }
        d.same(unorderedPairs(), "HRANDFIELD", "big", "300", "WITHVALUES");
        d.same(unordered(), "HRANDFIELD", "big", "1000");
    }

    @AllConfigurationsBothProtocols
    void hscan(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("HSCAN", "missing", "0");
            d.same("HSCAN", "missing", "x");
            d.same("HSCAN", "missing", "0", "COUNT", "0");
            d.same("HSET", "h", "f1", "v1", "f2", "v2", "g1", "w1", "f10", "v10");
            d.same("HSCAN", "h", "0");
            d.same("HSCAN", "h", "123"); // a listpack is returned whole whatever the cursor
            d.same("HSCAN", "h", "0", "MATCH", "f*");
            d.same("HSCAN", "h", "0", "MATCH", "f1*", "COUNT", "1");
            d.same("HSCAN", "h", "0", "match", "*");
            d.same("HSCAN", "h", "0", "MATCH", "nothing");
            d.same("HSCAN", "h", "0", "COUNT", "0");
            d.same("HSCAN", "h", "0", "COUNT", "-1");
            d.same("HSCAN", "h", "0", "COUNT", "x");
            d.same("HSCAN", "h", "0", "COUNT");
            d.same("HSCAN", "h", "0", "MATCH");
            d.same("HSCAN", "h", "0", "TYPE", "hash");
            d.same("HSCAN", "h", "0", "FOO", "bar");
            for (String cursor : new String[] {"x", "-1", " 1", "1 ", "+5", "18446744073709551615",
                "18446744073709551616", ""}) {
                d.same("HSCAN", "h", cursor);
            }
            d.assertNoMismatches();
        }
        try (Differential d = Differential.open(config, resp)) {
            String[][] saved = setLimits(d, "128", "64");
            try {
                fullScans(d);
            } finally {
                restoreLimits(d, saved);
            }
        }
    }

    private static void fullScans(Differential d) {
        fill(d, "big", 500);
        d.same("OBJECT", "ENCODING", "big");
        for (String[] options : new String[][] {{}, {"COUNT", "3"}, {"COUNT", "1000"}, {"MATCH", "field:1*"},
            {"MATCH", "field:4?", "COUNT", "7"}}) {
            assertEquals(fullScan(d.reference(), "big", options), fullScan(d.ours(), "big", options),
                    "HSCAN big " + String.join(" ", options));
        }
        // the final page of a scan of a small table may be all of it: compare whole-table pages
        d.same(unorderedScan(), "HSCAN", "big", "0", "COUNT", "100000");
    }

    @AllConfigurationsBothProtocols
    void encodingConversions(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            String[][] saved = setLimits(d, "4", "8");
            try {
                for (int i = 1; i <= 4; i++) {
                    d.same("HSET", "h", "f" + i, "v" + i);
                    d.same("OBJECT", "ENCODING", "h");
                }
                d.same("HGETALL", "h");
                d.same("HSET", "h", "f5", "v5");
                d.same("OBJECT", "ENCODING", "h");
                d.same(unorderedPairs(), "HGETALL", "h");
                d.same(unordered(), "HKEYS", "h");
                d.same(unordered(), "HVALS", "h");
                d.same(unorderedScan(), "HSCAN", "h", "0", "COUNT", "100");
                d.same("HDEL", "h", "f1", "f2", "f3", "f4");
                d.same("OBJECT", "ENCODING", "h"); // never converted back
                d.same("HGETALL", "h");
                // several new fields in one HSET past the limit
                d.same("HSET", "m", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6");
                d.same("OBJECT", "ENCODING", "m");
                d.same(unorderedPairs(), "HGETALL", "m");
                // value and field lengths: 8 bytes stay, 9 convert
                d.same("HSET", "v", "a", "12345678");
                d.same("OBJECT", "ENCODING", "v");
                d.same("HSET", "v", "12345678", "b");
                d.same("OBJECT", "ENCODING", "v");
                d.same("HSET", "v", "b", "123456789");
                d.same("OBJECT", "ENCODING", "v");
                d.same("HSET", "fl", "123456789", "x");
                d.same("OBJECT", "ENCODING", "fl");
                // HSETNX of an existing field with a long value converts nothing
                d.same("HSET", "nx", "a", "1");
                d.same("HSETNX", "nx", "a", "a-long-value");
                d.same("OBJECT", "ENCODING", "nx");
                d.same("HSETNX", "nx", "b", "a-long-value");
                d.same("OBJECT", "ENCODING", "nx");
                // counters writing a long field or result
                d.same("HINCRBY", "i1", "long-field", "1");
                d.same("OBJECT", "ENCODING", "i1");
                d.same("HSET", "i2", "a", "1");
                d.same("HINCRBYFLOAT", "i2", "a", "1.123456");
                d.same("OBJECT", "ENCODING", "i2");
                d.same("HINCRBY", "i3", "a", "123456789");
                d.same("OBJECT", "ENCODING", "i3");
                d.same("COPY", "v", "vcopy");
                d.same("OBJECT", "ENCODING", "vcopy");
                d.same(unorderedPairs(), "HGETALL", "vcopy");
                // the *-ziplist-* aliases, and a limit of 0
                d.same("CONFIG", "SET", "hash-max-ziplist-entries", "0");
                d.same("CONFIG", "GET", "hash-max-listpack-entries");
                d.same("HSET", "z", "a", "1");
                d.same("OBJECT", "ENCODING", "z");
                d.same("CONFIG", "SET", "hash-max-ziplist-entries", "128");
                d.same("CONFIG", "SET", "hash-max-ziplist-value", "0");
                d.same("HSET", "e", "", "");
                d.same("OBJECT", "ENCODING", "e");
                d.same("HSET", "e2", "a", "");
                d.same("OBJECT", "ENCODING", "e2");
            } finally {
                restoreLimits(d, saved);
            }
            // at 128 entries (zsets' default, not hashes')
            saved = setLimits(d, "128", "64");
            try {
                for (int i = 1; i <= 128; i++) {
                    d.ours().call("HSET", "d", "f" + i, "v");
                    d.reference().call("HSET", "d", "f" + i, "v");
                }
                d.same("OBJECT", "ENCODING", "d");
                d.same("HGETALL", "d");
                d.same("HSCAN", "d", "0");
                d.same("HSET", "d", "f129", "v");
                d.same("OBJECT", "ENCODING", "d");
            } finally {
                restoreLimits(d, saved);
            }
            // the default value limit: 64 bytes
            d.same("HSET", "d64", "x", "y".repeat(64));
            d.same("OBJECT", "ENCODING", "d64");
            d.same("HSET", "d64", "x", "y".repeat(65));
            d.same("OBJECT", "ENCODING", "d64");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void scanSetsAcrossConversion(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            String[][] saved = setLimits(d, "16", "64");
            try {
                fill(d, "h", 16);
                d.same("OBJECT", "ENCODING", "h");
                Set<String> before = fullScan(d.reference(), "h");
                assertEquals(before, fullScan(d.ours(), "h"));
                d.same("HSET", "h", "extra", "x");
                d.same("OBJECT", "ENCODING", "h");
                Set<String> after = fullScan(d.reference(), "h");
                assertEquals(after, fullScan(d.ours(), "h"));
                assertTrue(after.containsAll(before));
                assertEquals(before.size() + 1, after.size());
                d.same("HDEL", "h", "extra");
                assertEquals(before, fullScan(d.ours(), "h"));
                assertEquals(before, fullScan(d.reference(), "h"));
            } finally {
                restoreLimits(d, saved);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static final String ENTRIES = "hash-max-listpack-entries";
    private static final String VALUE = "hash-max-listpack-value";

    /**
     * Sets both hash limits on both servers; returns each server's previous values for
     * {@link #restoreLimits}, so a test restores what it found rather than assuming the defaults.
     */
    private static String[][] setLimits(Differential d, String entries, String value) {
        String[][] saved = {limits(d.reference()), limits(d.ours())};
        d.same("CONFIG", "SET", ENTRIES, entries);
        d.same("CONFIG", "SET", VALUE, value);
        return saved;
    }

    private static String[] limits(RawConnection c) {
        return new String[] {c.call("CONFIG", "GET", ENTRIES).child(1).text(),
            c.call("CONFIG", "GET", VALUE).child(1).text()};
    }

    private static void restoreLimits(Differential d, String[][] saved) {
        RawConnection[] servers = {d.reference(), d.ours()};
        for (int i = 0; i < 2; i++) {
            assertEquals("+OK\r\n", servers[i].call("CONFIG", "SET", ENTRIES, saved[i][0]).rawText());
            assertEquals("+OK\r\n", servers[i].call("CONFIG", "SET", VALUE, saved[i][1]).rawText());
        }
    }

    /** HSET key field:i value:i for i in 0..n-1 on both servers; returns the contents. */
    private static Map<String, String> fill(Differential d, String key, int n) {
        Map<String, String> contents = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of("HSET", key));
        for (int i = 0; i < n; i++) {
            contents.put("field:" + i, "value:" + i);
            args.add("field:" + i);
            args.add("value:" + i);
        }
        d.same(args.toArray(new String[0]));
        return contents;
    }

    /** Every field=value pair a full HSCAN iteration returns (each page's pairs are checked well-formed). */
    private static Set<String> fullScan(RawConnection c, String key, String... options) {
        Set<String> seen = new TreeSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<String> args = new ArrayList<>(List.of("HSCAN", key, cursor));
            args.addAll(List.of(options));
            Reply r = c.call(args.toArray(new String[0]));
            assertNotNull(r.children(), r.visible());
            assertEquals(2, r.children().size(), r.visible());
            cursor = r.child(0).text();
            List<Reply> items = r.child(1).children();
            assertEquals(0, items.size() % 2, r.visible());
            for (int i = 0; i < items.size(); i += 2) {
                seen.add(items.get(i).text() + "=" + items.get(i + 1).text());
            }
            assertTrue(++calls < 10_000, "HSCAN does not end");
        } while (!cursor.equals("0"));
        return seen;
    }

    /**
     * HRANDFIELD key count [WITHVALUES] on both servers: same shape rules, the expected number of
     * picks, every pick a field of the hash with its value, distinct picks for a positive count.
     */
    private static void checkRandom(Differential d, String key, Map<String, String> contents, long count,
                                     boolean withValues, int resp) {
        String[] cmd = withValues
                ? new String[] {"HRANDFIELD", key, Long.toString(count), "WITHVALUES"}
                : new String[] {"HRANDFIELD", key, Long.toString(count)};
        long expected = count < 0 ? -count : Math.min(count, contents.size());
        for (RawConnection c : List.of(d.reference(), d.ours())) {
            Reply r = c.call(cmd);
            String label = String.join(" ", cmd) + " -> " + r.visible();
            assertEquals('*', r.type(), label);
            List<String[]> picks = new ArrayList<>();
            if (withValues && resp == 3) {
                for (Reply pair : r.children()) {
                    assertEquals('*', pair.type(), label);
                    assertEquals(2, pair.children().size(), label);
                    picks.add(new String[] {pair.child(0).text(), pair.child(1).text()});
                }
            } else if (withValues) {
                assertEquals(0, r.children().size() % 2, label);
                for (int i = 0; i < r.children().size(); i += 2) {
                    picks.add(new String[] {r.child(i).text(), r.child(i + 1).text()});
                }
            } else {
                for (Reply f : r.children()) {
                    assertEquals('$', f.type(), label);
                    picks.add(new String[] {f.text(), null});
                }
            }
            assertEquals(expected, picks.size(), label);
            Set<String> distinct = new HashSet<>();
            for (String[] p : picks) {
                assertTrue(contents.containsKey(p[0]), label);
                if (withValues) {
                    assertEquals(contents.get(p[0]), p[1], label);
                }
                distinct.add(p[0]);
            }
            if (count > 0) {
                assertEquals(picks.size(), distinct.size(), "repeated field: " + label);
            }
            assertFalse(picks.isEmpty(), label);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * HRANDFIELD (single, negative count, positive counts) draws every field equally often, in
     * both encodings, as Redis's "HRANDFIELD with <count>" distribution test (see
     * {@link Uniformity}).
     */
    @AllConfigurations
    void hrandfieldIsUniform(String config) {
        String longValue = "v".repeat(80); // longer than hash-max-listpack-value (64): a hashtable
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                for (String last : List.of("v", longValue)) {
                    c.call("DEL", "h");
                    c.call("HSET", "h", "a", "v", "b", "v", "c", "v", "d", "v", "e", "v", "f", "v", "g", "v", "h", "v",
                            "i", "v", "j", last);
                    String where = ep + " " + c.call("OBJECT", "ENCODING", "h").text() + ": ";
                    Map<String, List<String>> cases = new LinkedHashMap<>();
                    cases.put("HRANDFIELD h -1000", Uniformity.draws(c, 1, "HRANDFIELD", "h", "-1000"));
                    cases.put("1000 x HRANDFIELD h", Uniformity.draws(c, 1000, "HRANDFIELD", "h"));
                    for (int size : new int[] {8, 2}) {
                        cases.put((1000 / size) + " x HRANDFIELD h " + size,
                                Uniformity.draws(c, 1000 / size, "HRANDFIELD", "h", Integer.toString(size)));
                    }
                    cases.forEach((what, drawn) -> Uniformity.assertUniform(drawn, 10, where + what));
                }
            }
        }
    }
}
