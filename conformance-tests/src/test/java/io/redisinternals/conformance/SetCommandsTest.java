package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Set group (SADD ... SSCAN) against the reference. Intsets list their members in ascending order
 * in Redis and here, so replies of integer sets are compared byte for byte; hashtable order cannot
 * match, so those replies are compared as multisets ({@link #unordered()}), and random replies
 * (SPOP, SRANDMEMBER) by their properties ({@link #sample}).
 */
class SetCommandsTest extends ConformanceTestBase {

    /**
     * An aggregate as its type, size and sorted element normal forms (so nested aggregates are
     * unordered too: SSCAN's member array); anything else as its bytes.
     */
    static Function<Reply, String> unordered() {
        return SetCommandsTest::unorderedText;
    }

    private static String unorderedText(Reply r) {
        if (r.children() == null) {
            return r.rawText();
        }
        List<String> items = new ArrayList<>();
        for (Reply c : r.children()) {
            items.add(unorderedText(c));
        }
        items.sort(null);
        return r.type() + "" + r.children().size() + items;
    }

    /**
     * A random reply as its properties: a bulk string as whether it is one of {@code universe}; an
     * aggregate as its type, size, whether every element is in {@code universe} and (when
     * {@code distinct}) whether no element repeats. Errors and nulls stay bytes.
     */
    static Function<Reply, String> sample(Set<String> universe, boolean distinct) {
        return r -> {
            if (r.type() == '$' && r.payload() != null) {
                return "member of the set: " + universe.contains(r.text());
            }
            if (r.children() == null) {
                return r.rawText();
            }
            boolean allIn = true;
            Set<String> seen = new HashSet<>();
            for (Reply c : r.children()) {
                allIn &= c.type() == '$' && universe.contains(c.text());
                seen.add(c.text());
            }
            return r.type() + "" + r.children().size() + " members:" + allIn
                    + (distinct ? " distinct:" + (seen.size() == r.children().size()) : "");
        };
    }

    private static Set<String> range(int from, int to) {
        Set<String> s = new TreeSet<>();
        for (int i = from; i <= to; i++) {
            s.add(Integer.toString(i));
        }
        return s;
    }

    private static String[] cmd(String name, String key, Iterable<String> members) {
        List<String> args = new ArrayList<>(List.of(name, key));
        members.forEach(args::add);
        return args.toArray(String[]::new);
    }

    @AllConfigurationsBothProtocols
    void saddSremScardSismember(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "s", "3", "1", "2", "1");
            d.same("SADD", "s", "2", "4");
            d.same("SCARD", "s");
            d.same("SMEMBERS", "s");
            d.same("OBJECT", "ENCODING", "s");
            d.same("SISMEMBER", "s", "4");
            d.same("SISMEMBER", "s", "5");
            d.same("SISMEMBER", "s", "04");
            d.same("SISMEMBER", "s", "x");
            d.same("SISMEMBER", "missing", "x");
            d.same("SCARD", "missing");
            d.same("SREM", "s", "1", "1", "9", "x", "+2");
            d.same("SMEMBERS", "s");
            d.same("SREM", "missing", "a");
            d.same("SREM", "s", "2", "3", "4", "5");
            d.same("EXISTS", "s");
            d.same("SADD", "t", "a", "b", "", "a");
            d.same("OBJECT", "ENCODING", "t");
            d.same("SCARD", "t");
            d.same("SISMEMBER", "t", "");
            d.same(unordered(), "SMEMBERS", "t");
            d.same("SREM", "t", "a", "b", "");
            d.same("EXISTS", "t");
            d.same("TYPE", "t");
            d.same("SADD", "u", "x");
            d.same("TYPE", "u");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void intsetHoldsOnlyCanonicalIntegers(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "a", "-9223372036854775808", "9223372036854775807", "0", "-1", "70000", "-70000",
                    "5000000000", "-5000000000", "32767", "-32768", "32768");
            d.same("OBJECT", "ENCODING", "a");
            d.same("SMEMBERS", "a");
            d.same("SISMEMBER", "a", "-9223372036854775808");
            d.same("SISMEMBER", "a", "9223372036854775808");
            d.same("SREM", "a", "70000", "-32768");
            d.same("SMEMBERS", "a");
            for (String odd : List.of("+1", "01", "-0", " 1", "1 ", "9223372036854775808", "-9223372036854775809",
                    "1.0", "0x1", "")) {
                d.same("DEL", "b");
                d.same("SADD", "b", "1", "2");
                d.same("SISMEMBER", "b", odd);
                d.same("SADD", "b", odd);
                d.same("OBJECT", "ENCODING", "b");
                d.same(unordered(), "SMEMBERS", "b");
                d.same("SADD", "c" + odd, odd);
                d.same("OBJECT", "ENCODING", "c" + odd);
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void intsetConvertsPastSetMaxIntsetEntries(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            try {
                d.same("CONFIG", "SET", "set-max-intset-entries", "4");
                d.same("SADD", "s", "4", "3", "2", "1");
                d.same("OBJECT", "ENCODING", "s");
                d.same("SMEMBERS", "s");
                d.same("SADD", "s", "3");
                d.same("OBJECT", "ENCODING", "s");
                d.same("SADD", "s", "5");
                d.same("OBJECT", "ENCODING", "s");
                d.same(unordered(), "SMEMBERS", "s");
                // Never converted back, even when small again.
                d.same("SREM", "s", "1", "2", "3");
                d.same("OBJECT", "ENCODING", "s");
                d.same(unordered(), "SMEMBERS", "s");
                // The limit read at each add; the ziplist-era alias is the same setting.
                d.same("SADD", "big", "1", "2", "3", "4", "5", "6");
                d.same("OBJECT", "ENCODING", "big");
                d.same("CONFIG", "SET", "set-max-intset-entries", "0");
                d.same("SADD", "zero", "1");
                d.same("OBJECT", "ENCODING", "zero");
                d.same("CONFIG", "GET", "set-max-intset-entries");
                // Results of set operations follow the limit too.
                d.same("CONFIG", "SET", "set-max-intset-entries", "3");
                d.same("SADD", "x", "1", "2");
                d.same("SADD", "y", "3", "4");
                d.same("SUNIONSTORE", "u", "x", "y");
                d.same("OBJECT", "ENCODING", "u");
                d.same("SUNIONSTORE", "u2", "x");
                d.same("OBJECT", "ENCODING", "u2");
            } finally {
                d.same("CONFIG", "SET", "set-max-intset-entries", "512");
            }
            d.same(cmd("SADD", "m", range(1, 512)));
            d.same("OBJECT", "ENCODING", "m");
            d.same("SADD", "m", "513");
            d.same("OBJECT", "ENCODING", "m");
            d.same("SCARD", "m");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void smismemberAndSmembers(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SMISMEMBER", "missing", "a", "b");
            d.same("SMEMBERS", "missing");
            d.same("SADD", "s", "10", "-5", "7");
            d.same("SMISMEMBER", "s", "10", "x", "7", "7", "-5");
            d.same("SMEMBERS", "s");
            d.same("SADD", "h", "a", "b", "c");
            d.same("SMISMEMBER", "h", "a", "x", "c");
            d.same(unordered(), "SMEMBERS", "h");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void smove(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "src", "1", "2", "a");
            d.same("SET", "str", "x");
            d.same("SMOVE", "missing", "str", "1");
            d.same("SMOVE", "src", "str", "1");
            d.same("SMOVE", "str", "src", "1");
            d.same("SMOVE", "str", "missing", "1");
            d.same("SMOVE", "src", "src", "1");
            d.same("SMOVE", "src", "src", "9");
            d.same("SMOVE", "src", "dst", "9");
            d.same("EXISTS", "dst");
            d.same("SMOVE", "src", "dst", "1");
            d.same("OBJECT", "ENCODING", "dst");
            d.same("SMOVE", "src", "dst2", "a");
            d.same("OBJECT", "ENCODING", "dst2");
            d.same("SADD", "dst", "2");
            d.same("SMOVE", "src", "dst", "2");
            d.same("EXISTS", "src");
            d.same("SMEMBERS", "dst");
            d.same("SADD", "ints", "5", "6");
            d.same("SMOVE", "dst2", "ints", "a");
            d.same("OBJECT", "ENCODING", "ints");
            d.same(unordered(), "SMEMBERS", "ints");
            d.same("EXISTS", "dst2");
            d.same("SADD", "ttl", "1", "2");
            d.same("PEXPIRE", "ttl", "100000");
            d.same("SMOVE", "ttl", "other", "1");
            d.same(r -> r.rawText().startsWith(":") ? "positive " + (Long.parseLong(r.text()) > 0) : r.rawText(),
                    "PTTL", "ttl");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void spop(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            Set<String> ints = range(1, 10);
            d.same("SPOP", "missing");
            d.same("SPOP", "missing", "3");
            d.same("SPOP", "missing", "0");
            d.same("SPOP", "missing", "-1");
            d.same("SPOP", "missing", "x");
            d.same(cmd("SADD", "s", ints));
            d.same("SPOP", "s", "-1");
            d.same("SPOP", "s", "abc");
            d.same("SPOP", "s", "1.5");
            d.same("SPOP", "s", "1", "2");
            d.same("SPOP", "s", "0");
            d.same(sample(ints, true), "SPOP", "s");
            d.same(sample(ints, true), "SPOP", "s", "1");
            d.same(sample(ints, true), "SPOP", "s", "2");
            d.same("SCARD", "s");
            // Taking almost everything: the remainder is rebuilt (Redis's third strategy).
            d.same(sample(ints, true), "SPOP", "s", "5");
            d.same("SCARD", "s");
            d.same("OBJECT", "ENCODING", "s");
            // Whole set: returned as a union (an intset in order, here byte for byte) and deleted.
            d.same(cmd("SADD", "w", ints));
            d.same("SPOP", "w", "10");
            d.same("EXISTS", "w");
            d.same(cmd("SADD", "w", ints));
            d.same("SPOP", "w", "9223372036854775807");
            d.same("SADD", "h", "a", "b", "c");
            d.same(unordered(), "SPOP", "h", "3");
            d.same("EXISTS", "h");
            d.same("SADD", "one", "x");
            d.same("SPOP", "one");
            d.same("EXISTS", "one");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void spopRebuildChoosesTheEncodingAfresh(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            Set<String> ints = range(1, 20);
            try {
                d.same("CONFIG", "SET", "set-max-intset-entries", "10");
                d.same(cmd("SADD", "s", ints));
                d.same("OBJECT", "ENCODING", "s");
                d.same("CONFIG", "SET", "set-max-intset-entries", "512");
                // A hashtable of integers popped whole comes back as a union: an intset, in order.
                d.same("SPOP", "s", "20");
                d.same("CONFIG", "SET", "set-max-intset-entries", "10");
                d.same(cmd("SADD", "s", ints));
                d.same("CONFIG", "SET", "set-max-intset-entries", "512");
                // 2 left, 2*5 <= 18: the two kept members go into a new set, an intset.
                d.same(sample(ints, true), "SPOP", "s", "18");
                d.same("SCARD", "s");
                d.same("OBJECT", "ENCODING", "s");
                d.same("PEXPIRE", "s", "100000");
                d.same(sample(ints, true), "SPOP", "s", "1");
                d.same(r -> r.rawText().startsWith(":") ? "positive " + (Long.parseLong(r.text()) > 0) : r.rawText(),
                        "PTTL", "s");
                d.same("CONFIG", "SET", "set-max-intset-entries", "10");
                d.same(cmd("SADD", "t", ints));
                d.same("CONFIG", "SET", "set-max-intset-entries", "512");
                // 15 left, 15*5 > 5: popped one by one, the set stays a hashtable.
                d.same(sample(ints, true), "SPOP", "t", "5");
                d.same("OBJECT", "ENCODING", "t");
            } finally {
                d.same("CONFIG", "SET", "set-max-intset-entries", "512");
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void srandmember(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            Set<String> ints = range(1, 30);
            Set<String> words = Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
            d.same("SRANDMEMBER", "missing");
            d.same("SRANDMEMBER", "missing", "3");
            d.same("SRANDMEMBER", "missing", "-3");
            d.same("SRANDMEMBER", "missing", "0");
            d.same("SRANDMEMBER", "missing", "x");
            d.same("SRANDMEMBER", "missing", "-9223372036854775808");
            d.same("SRANDMEMBER", "missing", "-9223372036854775807");
            d.same(cmd("SADD", "s", ints));
            d.same(cmd("SADD", "w", words));
            for (String key : List.of("s", "w")) {
                Set<String> u = key.equals("s") ? ints : words;
                d.same("SRANDMEMBER", key, "-9223372036854775808");
                d.same("SRANDMEMBER", key, "9223372036854775808");
                d.same("SRANDMEMBER", key, "1", "2");
                d.same("SRANDMEMBER", key, "0");
                d.same(sample(u, true), "SRANDMEMBER", key);
                d.same(sample(u, true), "SRANDMEMBER", key, "1");
                d.same(sample(u, true), "SRANDMEMBER", key, "-1");
                d.same(sample(u, true), "SRANDMEMBER", key, "2");
                d.same(sample(u, true), "SRANDMEMBER", key, "5");
                d.same(sample(u, true), "SRANDMEMBER", key, "8");
                d.same(sample(u, true), "SRANDMEMBER", key, Integer.toString(u.size() - 1));
                d.same(sample(u, false), "SRANDMEMBER", key, "-5");
                d.same(sample(u, false), "SRANDMEMBER", key, "-100");
                d.same(unordered(), "SRANDMEMBER", key, Integer.toString(u.size()));
                d.same(unordered(), "SRANDMEMBER", key, "9223372036854775807");
                d.same("SCARD", key);
            }
            // A whole intset comes back in its order.
            d.same("SRANDMEMBER", "s", "100");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void intersections(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "a", "1", "2", "3", "4", "5");
            d.same("SADD", "b", "3", "4", "5", "6");
            d.same("SADD", "c", "5", "4", "x");
            d.same("SADD", "w1", "p", "q", "r", "s");
            d.same("SADD", "w2", "q", "s", "t");
            d.same("SINTER", "a");
            d.same("SINTER", "a", "b");
            d.same("SINTER", "b", "a", "a");
            d.same(unordered(), "SINTER", "a", "c");
            d.same(unordered(), "SINTER", "w1", "w2");
            d.same("SINTER", "a", "w1");
            d.same("SINTER", "a", "missing");
            d.same("SINTER", "missing");
            d.same("SINTERSTORE", "d", "a", "b");
            d.same("OBJECT", "ENCODING", "d");
            d.same("SMEMBERS", "d");
            d.same("SINTERSTORE", "d", "a", "c");
            d.same("OBJECT", "ENCODING", "d");
            d.same("SINTERSTORE", "d2", "w1", "w2");
            d.same("OBJECT", "ENCODING", "d2");
            d.same(unordered(), "SMEMBERS", "d2");
            // An empty result deletes the destination, whatever it held.
            d.same("SINTERSTORE", "d2", "w1", "a");
            d.same("EXISTS", "d2");
            d.same("SET", "str", "v");
            d.same("SINTERSTORE", "str", "a", "missing");
            d.same("EXISTS", "str");
            d.same("SET", "str", "v");
            d.same("PEXPIRE", "str", "100000");
            d.same("SINTERSTORE", "str", "a", "b");
            d.same("TYPE", "str");
            d.same("PTTL", "str");
            d.same("SINTERSTORE", "a", "a", "b");
            d.same("SMEMBERS", "a");
            d.same("SINTERSTORE", "nothing", "missing");
            d.same("EXISTS", "nothing");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void sintercard(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "a", "1", "2", "3", "4", "5");
            d.same("SADD", "b", "3", "4", "5", "6");
            d.same("SADD", "w", "3", "4", "5", "x");
            d.same("SET", "str", "v");
            d.same("SINTERCARD", "1", "a");
            d.same("SINTERCARD", "2", "a", "b");
            d.same("SINTERCARD", "3", "a", "b", "w");
            d.same("SINTERCARD", "2", "w", "b");
            d.same("SINTERCARD", "2", "a", "b", "LIMIT", "0");
            d.same("SINTERCARD", "2", "a", "b", "LIMIT", "2");
            d.same("SINTERCARD", "2", "w", "b", "limit", "1");
            d.same("SINTERCARD", "2", "a", "b", "LIMIT", "10");
            d.same("SINTERCARD", "2", "a", "b", "LIMIT", "1", "LIMIT", "3");
            d.same("SINTERCARD", "2", "a", "missing");
            d.same("SINTERCARD", "2", "missing", "str");
            d.same("SINTERCARD", "1", "str");
            d.same("SINTERCARD", "0", "a");
            d.same("SINTERCARD", "-1", "a");
            d.same("SINTERCARD", "x", "a");
            d.same("SINTERCARD", "3", "a", "b");
            d.same("SINTERCARD", "9223372036854775807", "a");
            d.same("SINTERCARD", "99999999999999999999", "a");
            d.same("SINTERCARD", "1", "a", "LIMIT");
            d.same("SINTERCARD", "1", "a", "LIMIT", "-1");
            d.same("SINTERCARD", "1", "a", "LIMIT", "x");
            d.same("SINTERCARD", "1", "a", "FOO", "1");
            d.same("SINTERCARD", "1", "missing", "LIMIT", "-1");
            d.same("SINTERCARD", "1");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void unionsAndDifferences(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "a", "5", "1", "3");
            d.same("SADD", "b", "2", "3", "4");
            d.same("SADD", "w", "x", "y", "3");
            d.same("SUNION", "a", "b");
            d.same("SUNION", "a", "missing", "b");
            d.same("SUNION", "missing");
            d.same(unordered(), "SUNION", "a", "w");
            d.same("SDIFF", "a", "b");
            d.same("SDIFF", "a", "a");
            d.same("SDIFF", "a", "missing");
            d.same("SDIFF", "missing", "a");
            d.same(unordered(), "SDIFF", "w", "a", "b");
            d.same("SDIFF", "a", "w");
            d.same("SUNIONSTORE", "u", "a", "b");
            d.same("OBJECT", "ENCODING", "u");
            d.same("SMEMBERS", "u");
            d.same("SUNIONSTORE", "u", "a", "w");
            d.same("OBJECT", "ENCODING", "u");
            d.same("SUNIONSTORE", "u", "missing");
            d.same("EXISTS", "u");
            d.same("SDIFFSTORE", "df", "a", "b");
            d.same("OBJECT", "ENCODING", "df");
            d.same("SMEMBERS", "df");
            d.same("SDIFFSTORE", "df", "a", "a");
            d.same("EXISTS", "df");
            // Algorithm 1 (iterate the first set) keeps an intset result...
            d.same("SADD", "wi", "1", "z");
            d.same("SADD", "z1", "z");
            d.same("SDIFFSTORE", "r1", "wi", "z1");
            d.same("OBJECT", "ENCODING", "r1");
            // ...algorithm 2 (copy the first set, remove the others) leaves a hashtable of integers.
            d.same("SADD", "first", "1", "2", "3", "4", "5", "z");
            d.same("SADD", "z2", "z");
            d.same("SDIFFSTORE", "r2", "first", "z1", "z2");
            d.same("OBJECT", "ENCODING", "r2");
            d.same(unordered(), "SMEMBERS", "r2");
            d.same(unordered(), "SDIFF", "first", "z1", "z2");
            d.same("SET", "str", "v");
            d.same("PEXPIRE", "str", "100000");
            d.same("SUNIONSTORE", "str", "a");
            d.same("TYPE", "str");
            d.same("PTTL", "str");
            d.same("SUNIONSTORE", "a", "a", "b");
            d.same("SMEMBERS", "a");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void sscan(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SSCAN", "missing", "0");
            d.same("SSCAN", "missing", "x");
            d.same("SSCAN", "missing", "0", "FOO");
            d.same(cmd("SADD", "s", range(1, 40)));
            d.same("SSCAN", "s", "0");
            d.same("SSCAN", "s", "12345");
            d.same("SSCAN", "s", "0", "COUNT", "1");
            d.same("SSCAN", "s", "0", "MATCH", "1*");
            d.same("SSCAN", "s", "0", "MATCH", "*", "COUNT", "5");
            d.same("SSCAN", "s", "0", "COUNT", "0");
            d.same("SSCAN", "s", "0", "COUNT", "-1");
            d.same("SSCAN", "s", "0", "COUNT", "x");
            d.same("SSCAN", "s", "0", "COUNT");
            d.same("SSCAN", "s", "0", "TYPE", "set");
            d.same("SSCAN", "s", "0", "MATCH");
            d.same("SSCAN", "s", "-1");
            d.same("SSCAN", "s", "18446744073709551616");
            d.same("SSCAN", "s", "abc");
            d.same("SSCAN", "s", " 1");
            d.same("SADD", "h", "a", "b", "c");
            d.same(unordered(), "SSCAN", "h", "0", "COUNT", "100");
            d.same("SSCAN", "h", "0", "MATCH", "zz*", "COUNT", "100");
            d.assertNoMismatches();
        }
    }

    /** Every member an SSCAN iteration returns, cursor to cursor; also checks it ends at 0 within bounds. */
    private static List<String> fullScan(RawConnection c, String key, String... options) {
        List<String> members = new ArrayList<>();
        String cursor = "0";
        for (int round = 0; round < 100_000; round++) {
            List<String> args = new ArrayList<>(List.of("SSCAN", key, cursor));
            args.addAll(Arrays.asList(options));
            Reply r = c.call(args.toArray(String[]::new));
            cursor = r.child(0).text();
            for (Reply m : r.child(1).children()) {
                members.add(m.text());
            }
            if (cursor.equals("0")) {
                return members;
            }
        }
        throw new AssertionError("SSCAN did not finish");
    }

    private static Set<String> smembers(RawConnection c, String key) {
        Set<String> out = new TreeSet<>();
        for (Reply m : c.call("SMEMBERS", key).children()) {
            out.add(m.text());
        }
        return out;
    }

    @AllConfigurationsBothProtocols
    void sscanFullIterationEqualsSmembers(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                members.add("m:" + i);
            }
            d.same(cmd("SADD", "big", members));
            d.same(cmd("SADD", "ints", range(1, 300)));
            for (RawConnection c : List.of(d.reference(), d.ours())) {
                for (String key : List.of("big", "ints")) {
                    for (String[] opts : List.of(new String[0], new String[] {"COUNT", "7"},
                            new String[] {"COUNT", "1000"})) {
                        List<String> scanned = fullScan(c, key, opts);
                        Set<String> distinct = new TreeSet<>(scanned);
                        assertEquals(smembers(c, key), distinct, key + " " + Arrays.toString(opts));
                        assertEquals(scanned.size(), distinct.size(), "no rehash here, so no repeats");
                    }
                }
                List<String> matched = fullScan(c, "big", "MATCH", "m:1?", "COUNT", "50");
                assertEquals(new TreeSet<>(range(10, 19).stream().map(s -> "m:" + s).toList()),
                        new TreeSet<>(matched));
            }
            // An intset scan is a single step in ascending order: the same bytes.
            d.same("SSCAN", "ints", "0");
        }
    }

    @AllConfigurationsBothProtocols
    void wrongTypeAndArity(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "str", "v");
            d.same("SADD", "s", "1");
            for (String[] c : List.of(
                    new String[] {"SADD", "str", "a"}, new String[] {"SREM", "str", "a"},
                    new String[] {"SCARD", "str"}, new String[] {"SISMEMBER", "str", "a"},
                    new String[] {"SMISMEMBER", "str", "a"}, new String[] {"SMEMBERS", "str"},
                    new String[] {"SPOP", "str"}, new String[] {"SPOP", "str", "2"}, new String[] {"SPOP", "str", "0"},
                    new String[] {"SRANDMEMBER", "str"}, new String[] {"SRANDMEMBER", "str", "2"},
                    new String[] {"SRANDMEMBER", "str", "-2"}, new String[] {"SSCAN", "str", "0"},
                    new String[] {"SSCAN", "str", "x"}, new String[] {"SSCAN", "str", "0", "BAD"},
                    new String[] {"SINTER", "s", "str"}, new String[] {"SINTER", "missing", "str"},
                    new String[] {"SINTERSTORE", "d", "missing", "str"}, new String[] {"SINTERSTORE", "str", "s"},
                    new String[] {"SUNION", "str", "s"}, new String[] {"SUNIONSTORE", "d", "s", "str"},
                    new String[] {"SDIFF", "s", "str"}, new String[] {"SDIFF", "missing", "str"},
                    new String[] {"SDIFFSTORE", "d", "missing", "str"}, new String[] {"SMOVE", "s", "str", "1"})) {
                d.same(c);
            }
            d.same("GET", "str");
            d.same("EXISTS", "d");
            d.same("GET", "s");
            for (String[] c : List.of(
                    new String[] {"SADD", "s"}, new String[] {"SREM", "s"}, new String[] {"SCARD"},
                    new String[] {"SCARD", "s", "t"}, new String[] {"SISMEMBER", "s"},
                    new String[] {"SISMEMBER", "s", "a", "b"}, new String[] {"SMISMEMBER", "s"},
                    new String[] {"SMEMBERS"}, new String[] {"SMEMBERS", "s", "t"}, new String[] {"SMOVE", "s", "t"},
                    new String[] {"SPOP"}, new String[] {"SRANDMEMBER"}, new String[] {"SINTER"},
                    new String[] {"SINTERSTORE", "d"}, new String[] {"SUNION"}, new String[] {"SUNIONSTORE", "d"},
                    new String[] {"SDIFF"}, new String[] {"SDIFFSTORE", "d"}, new String[] {"SSCAN", "s"},
                    new String[] {"SINTERCARD", "1"})) {
                d.same(c);
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void genericCommandsSeeSets(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "i", "3", "1", "2");
            d.same("SADD", "h", "a", "b");
            d.same("TYPE", "i");
            d.same("TYPE", "h");
            d.same("COPY", "i", "i2");
            d.same("COPY", "h", "h2");
            d.same("OBJECT", "ENCODING", "i2");
            d.same("OBJECT", "ENCODING", "h2");
            d.same("SADD", "i2", "4");
            d.same("SREM", "h2", "a");
            d.same("SMEMBERS", "i");
            d.same("SMEMBERS", "i2");
            d.same(unordered(), "SMEMBERS", "h");
            d.same(unordered(), "SMEMBERS", "h2");
            d.same("SET", "str", "v");
            d.same(unordered(), "SCAN", "0", "TYPE", "set", "COUNT", "100");
            d.same("RENAME", "i", "j");
            d.same("SMEMBERS", "j");
            d.same("DEL", "j", "h");
            d.same("EXISTS", "j", "h");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void writesSignalWatchers(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            String[][] writes = {
                    {"SADD", "k", "9"}, {"SREM", "k", "1"}, {"SPOP", "k"}, {"SMOVE", "k", "other", "1"},
                    {"SMOVE", "other", "k", "2"}, {"SINTERSTORE", "k", "k"}, {"SUNIONSTORE", "k", "k", "o2"},
                    {"SDIFFSTORE", "k", "k", "o2"}, {"SPOP", "k", "1"}, {"SPOP", "k", "5"},
            };
            for (String[] w : writes) {
                d.same("DEL", "k", "other", "o2");
                d.same("SADD", "k", "1", "2", "3");
                d.same("SADD", "other", "2");
                d.same("SADD", "o2", "3");
                d.same("WATCH", "k");
                d.same(w[0].equals("SPOP") ? sample(Set.of("1", "2", "3"), true) : Normalize.bytes(), w);
                d.same("MULTI");
                d.same("PING");
                d.same("EXEC");
            }
            // Writes that change nothing leave watchers alone.
            String[][] noops = {{"SADD", "k", "1"}, {"SREM", "k", "9"}, {"SMOVE", "k", "other", "9"},
                    {"SISMEMBER", "k", "1"}, {"SPOP", "k", "0"}};
            for (String[] w : noops) {
                d.same("DEL", "k", "other");
                d.same("SADD", "k", "1", "2", "3");
                d.same("WATCH", "k");
                d.same(w);
                d.same("MULTI");
                d.same("PING");
                d.same("EXEC");
            }
            d.assertNoMismatches();
        }
    }

    /**
     * SRANDMEMBER (single, negative count, positive counts) and SPOP draw every member equally
     * often, in both encodings, as Redis's "SRANDMEMBER histogram distribution" test measures it
     * (see {@link Uniformity}). SPOP is measured over 1000 rounds of SADD, SPOP, DEL.
     */
    @AllConfigurations
    void randomMembersAreUniform(String config) {
        List<String> ints = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<String> words = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                for (List<String> members : List.of(ints, words)) {
                    c.call("DEL", "s");
                    c.call(cmd("SADD", "s", members));
                    String where = ep + " " + c.call("OBJECT", "ENCODING", "s").text() + ": ";
                    Map<String, List<String>> cases = new LinkedHashMap<>();
                    cases.put("SRANDMEMBER s -1000", Uniformity.draws(c, 1, "SRANDMEMBER", "s", "-1000"));
                    cases.put("1000 x SRANDMEMBER s", Uniformity.draws(c, 1000, "SRANDMEMBER", "s"));
                    for (int size : new int[] {8, 2}) {
                        cases.put((1000 / size) + " x SRANDMEMBER s " + size,
                                Uniformity.draws(c, 1000 / size, "SRANDMEMBER", "s", Integer.toString(size)));
                    }
                    String[] add = cmd("SADD", "p", members);
                    cases.put("1000 x SPOP p", Uniformity.rounds(c, 1000, 1, add, new String[] {"SPOP", "p"},
                            new String[] {"DEL", "p"}));
                    cases.put("500 x SPOP p 2", Uniformity.rounds(c, 500, 1, add, new String[] {"SPOP", "p", "2"},
                            new String[] {"DEL", "p"}));
                    cases.forEach((what, drawn) -> Uniformity.assertUniform(drawn, 10, where + what));
                }
            }
        }
    }
}
