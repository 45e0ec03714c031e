package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sorted-set group (ZADD ... ZSCAN, BZPOPMIN ...) against the reference. Zsets are ordered, so
 * almost every reply is compared byte for byte; a skiplist's ZSCAN follows hash order and is
 * compared unordered, ZRANDMEMBER by its properties ({@link #randomSample}) and its distribution
 * ({@link #zrandmemberIsUniform}).
 */
class SortedSetCommandsTest extends ConformanceTestBase {

    private static String[] cmd(String name, String key, List<String> rest) {
        List<String> args = new ArrayList<>(List.of(name, key));
        args.addAll(rest);
        return args.toArray(String[]::new);
    }

    /** "score member" pairs for members m0..m(n-1) with score i. */
    private static List<String> pairs(int n, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
            out.add(prefix + i);
        }
        return out;
    }

    @AllConfigurationsBothProtocols
    void zaddOptionsAndErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("ZADD", "z", "1", "a", "2", "b", "3", "c");
            d.same("ZADD", "z", "NX", "XX", "1", "a");
            d.same("ZADD", "z", "GT", "LT", "1", "a");
            d.same("ZADD", "z", "GT", "NX", "1", "a");
            d.same("ZADD", "z", "INCR", "1", "a", "2", "b");
            d.same("ZADD", "z", "INCR", "1");
            d.same("ZADD", "z", "NX", "XX", "1");
            d.same("ZADD", "z", "1");
            d.same("ZADD", "z", "nan", "a");
            d.same("ZADD", "z", "1", "a", "x", "b");
            d.same("ZADD", "z", "CH", "5", "a", "2", "b", "0", "new");
            d.same("ZADD", "z", "GT", "CH", "1", "a", "10", "b");
            d.same("ZADD", "z", "LT", "CH", "1", "a", "10", "c");
            d.same("ZADD", "z", "XX", "CH", "7", "a", "8", "zz");
            d.same("ZADD", "z", "NX", "CH", "7", "a", "8", "zz");
            d.same("ZADD", "z", "1", "dup", "2", "dup");
            d.same("ZADD", "z", "INCR", "GT", "-1", "dup");
            d.same("ZADD", "z", "INCR", "LT", "-1", "dup");
            d.same("ZADD", "z", "INCR", "XX", "1", "nope");
            d.same("ZADD", "z", "INCR", "NX", "1", "dup");
            d.same("ZADD", "z", "gt", "xx", "ch", "100", "a");
            d.same("ZADD", "nokey", "XX", "1", "a");
            d.same("ZADD", "nokey", "XX", "INCR", "1", "a");
            d.same("EXISTS", "nokey");
            d.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
            d.same("ZADD", "inf", "+inf", "a", "-inf", "b", "inF", "c", "-0", "d", "Infinity", "e");
            d.same("ZRANGE", "inf", "0", "-1", "WITHSCORES");
            d.same("ZADD", "inf", "INCR", "-inf", "a");
            d.same("ZINCRBY", "inf", "-inf", "a");
            d.same("ZINCRBY", "inf", "abc", "a");
            d.same("ZINCRBY", "inf", "1", "fresh");
            d.same("ZINCRBY", "q", "1e308", "a");
            d.same("ZINCRBY", "q", "1e308", "a");
            for (String odd : List.of("1e400", " 1", "1 ", "0x10", "", "1.", ".5", ".", "1e", "0x", "+1.5e+2",
                    "-.5e-1", "0x1p-1074", "1e-400", "nan(12)", "(1")) {
                d.same("ZADD", "odd", odd, "m");
                d.same("ZSCORE", "odd", "m");
            }
            d.same("SET", "str", "x");
            d.same("ZADD", "str", "1", "a");
            d.same("ZADD", "str", "x", "a");
            d.same("ZINCRBY", "str", "1", "a");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void singleMemberReads(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("ZADD", "z", "1.5", "a", "2", "b", "-3", "c");
            d.same("ZCARD", "z");
            d.same("ZCARD", "nokey");
            d.same("ZSCORE", "z", "a");
            d.same("ZSCORE", "z", "nope");
            d.same("ZSCORE", "nokey", "a");
            d.same("ZMSCORE", "z", "a", "nope", "c");
            d.same("ZMSCORE", "nokey", "a", "b");
            d.same("ZRANK", "z", "a");
            d.same("ZRANK", "z", "nope");
            d.same("ZREVRANK", "z", "a");
            d.same("ZREVRANK", "nokey", "a");
            d.same("ZREM", "z", "a", "nope", "a");
            d.same("ZREM", "nokey", "a");
            d.same("ZREM", "z", "b", "c");
            d.same("EXISTS", "z");
            d.same("SET", "str", "x");
            for (String c : List.of("ZCARD", "ZSCORE", "ZMSCORE", "ZRANK", "ZREVRANK", "ZREM")) {
                if (c.equals("ZCARD")) {
                    d.same(c, "str");
                } else {
                    d.same(c, "str", "a");
                }
            }
            d.same("ZSCORE", "z");
            d.same("ZMSCORE", "z");
            d.same("ZRANK", "z", "a", "WITHSCORE");
            d.same("TYPE", "z");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void rangesByRankScoreAndLex(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
            String[][] cases = {
                {"ZRANGE", "z", "0", "-1", "WITHSCORES"}, {"ZRANGE", "z", "-100", "100"}, {"ZRANGE", "z", "5", "1"},
                {"ZRANGE", "z", "-2", "-1", "REV", "WITHSCORES"},
                {"ZRANGE", "z", "9223372036854775807", "-9223372036854775808"},
                {"ZRANGE", "z", "-9223372036854775808", "9223372036854775807"},
                {"ZRANGE", "z", "0", "-1", "REV", "REV"}, {"ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX"},
                {"ZRANGE", "z", "0", "1", "LIMIT", "0", "1"}, {"ZRANGE", "z", "0", "-1", "LIMIT", "0", "-1"},
                {"ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"}, {"ZRANGE", "z", "0", "1", "BYLEX"},
                {"ZRANGE", "z", "a", "b"}, {"ZRANGE", "z", "0", "-1", "LIMIT", "a", "b", "BYSCORE"},
                {"ZRANGE", "z", "(1", "+inf", "BYSCORE", "REV"},
                {"ZRANGE", "z", "+inf", "(1", "BYSCORE", "REV", "LIMIT", "0", "2", "WITHSCORES"},
                {"ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "0", "9223372036854775807"},
                {"ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "9223372036854775807", "1"},
                {"ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "2", "-1"},
                {"ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "-1"},
                {"ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1"},
                {"ZRANGEBYSCORE", "z", " 1", "3"}, {"ZRANGEBYSCORE", "z", "", "3"}, {"ZRANGEBYSCORE", "z", "(", "3"},
                {"ZRANGEBYSCORE", "z", "1e400", "3"}, {"ZRANGEBYSCORE", "z", "-1e400", "3"},
                {"ZRANGEBYSCORE", "z", "nan", "3"}, {"ZRANGEBYSCORE", "z", "x", "3"},
                {"ZRANGEBYSCORE", "z", "1", "3 "}, {"ZRANGEBYSCORE", "z", "(1", "(3"},
                {"ZRANGEBYSCORE", "z", "[1", "3"}, {"ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "1", "x"},
                {"ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "1", "-5", "WITHSCORES"},
                {"ZRANGEBYSCORE", "z", "1", "3", "LIMIT", "0", "0"}, {"ZRANGEBYSCORE", "z", "1", "3", "WITHSCORES", "x"},
                {"ZRANGEBYSCORE", "z", "1", "2", "REV"}, {"ZRANGEBYSCORE", "z", "(inf", "+inf"},
                {"ZRANGEBYSCORE", "z", "+inf", "+inf"}, {"ZRANGEBYSCORE", "z", "(0x1", "0x10"},
                {"ZREVRANGE", "z", "0", "1", "WITHSCORES"}, {"ZREVRANGE", "z", "0", "-1", "REV"},
                {"ZREVRANGEBYSCORE", "z", "3", "1"}, {"ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "1", "2"},
                {"ZREVRANGEBYSCORE", "z", "(3", "(1"},
                {"ZRANGEBYLEX", "z", "a", "b"}, {"ZRANGEBYLEX", "z", "-", "+"}, {"ZRANGEBYLEX", "z", "[a", "(c"},
                {"ZRANGEBYLEX", "z", "-", "+", "WITHSCORES"}, {"ZRANGEBYLEX", "z", "-", "+", "BYLEX"},
                {"ZREVRANGEBYLEX", "z", "+", "-", "LIMIT", "1", "2"},
                {"ZRANGE", "nokey", "a", "b"}, {"ZRANGE", "nokey", "0", "1", "BYLEX"}, {"ZRANGE", "nokey", "a", "b", "BYSCORE"},
                {"ZRANGE", "nokey", "0", "-1"},
                {"ZCOUNT", "z", "-inf", "+inf"}, {"ZCOUNT", "z", "a", "b"}, {"ZCOUNT", "z", "(1", "(2"},
                {"ZCOUNT", "z", "2", "1"}, {"ZCOUNT", "z", "(2", "2"}, {"ZCOUNT", "nokey", "a", "b"},
                {"ZCOUNT", "nokey", "1", "2"},
            };
            for (String[] c : cases) {
                d.same(c);
            }
            d.same("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "", "0", "\u00e9");
            String[][] lex = {
                {"ZRANGEBYLEX", "l", "(b", "[d"}, {"ZRANGEBYLEX", "l", "[b", "+", "LIMIT", "1", "1"},
                {"ZREVRANGEBYLEX", "l", "[d", "(b"}, {"ZRANGE", "l", "[d", "(b", "BYLEX", "REV"},
                {"ZRANGE", "l", "(b", "[d", "BYLEX", "LIMIT", "1", "5"}, {"ZLEXCOUNT", "l", "-", "+"},
                {"ZLEXCOUNT", "l", "+", "-"}, {"ZLEXCOUNT", "l", "[c", "[c"}, {"ZLEXCOUNT", "l", "(c", "[c"},
                {"ZLEXCOUNT", "l", "[a", "x"}, {"ZLEXCOUNT", "nokey", "a", "b"}, {"ZLEXCOUNT", "nokey", "-", "+"},
                {"ZRANGEBYLEX", "l", "[", "+"}, {"ZRANGEBYLEX", "l", "(", "+"}, {"ZRANGEBYLEX", "l", "+a", "+"},
                {"ZRANGEBYLEX", "l", "-", "-"}, {"ZRANGEBYLEX", "l", "+", "+"}, {"ZRANGEBYLEX", "l", "[z", "+"},
                {"ZRANGEBYLEX", "l", "[\u00e9", "+"},
            };
            for (String[] c : lex) {
                d.same(c);
            }
            // Lex ranges over unequal scores are undefined in Redis, but a listpack answers them
            // deterministically (linear scans from either end).
            d.same("ZADD", "mixed", "-1", "a", "5", "", "2", "d", "3", "b", "4", "zz");
            for (String[] c : new String[][] {
                {"ZRANGE", "mixed", "(c", "(", "BYLEX", "REV"}, {"ZRANGE", "mixed", "[b", "[e", "BYLEX"},
                {"ZRANGE", "mixed", "[e", "[b", "BYLEX", "REV", "LIMIT", "1", "5"}, {"ZLEXCOUNT", "mixed", "[", "[e"},
                {"ZLEXCOUNT", "mixed", "[b", "+"}, {"ZRANGEBYLEX", "mixed", "-", "(c", "LIMIT", "1", "-1"},
                {"ZREVRANGEBYLEX", "mixed", "+", "[b"}, {"ZREMRANGEBYLEX", "mixed", "[b", "[d"},
                {"ZRANGE", "mixed", "0", "-1", "WITHSCORES"},
            }) {
                d.same(c);
            }
            d.same("SET", "str", "x");
            d.same("ZRANGE", "str", "0", "1");
            d.same("ZRANGE", "str", "a", "1");
            d.same("ZRANGEBYLEX", "str", "-", "+");
            d.same("ZCOUNT", "str", "0", "1");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void rangeStoreAndRemovals(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
            d.same("ZRANGESTORE", "d", "z", "0", "-1", "REV");
            d.same("ZRANGE", "d", "0", "-1", "WITHSCORES");
            d.same("ZRANGESTORE", "d", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "0", "2");
            d.same("ZRANGE", "d", "0", "-1", "WITHSCORES");
            d.same("ZRANGESTORE", "d", "z", "(a", "+", "BYLEX");
            d.same("ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES");
            d.same("ZRANGESTORE", "d", "z", "5", "1");
            d.same("EXISTS", "d");
            d.same("SET", "d", "string");
            d.same("ZRANGESTORE", "d", "nokey", "0", "-1");
            d.same("EXISTS", "d");
            d.same("SET", "d", "string");
            d.same("PEXPIRE", "d", "100000");
            d.same("ZRANGESTORE", "d", "z", "0", "0");
            d.same("TYPE", "d");
            d.same("TTL", "d");
            d.same("ZREMRANGEBYRANK", "z", "a", "b");
            d.same("ZREMRANGEBYSCORE", "z", "a", "b");
            d.same("ZREMRANGEBYLEX", "z", "a", "b");
            d.same("ZREMRANGEBYRANK", "nokey", "a", "b");
            d.same("ZREMRANGEBYRANK", "nokey", "0", "1");
            d.same("ZREMRANGEBYSCORE", "nokey", "0", "1");
            d.same("ZREMRANGEBYLEX", "nokey", "-", "+");
            d.same("PEXPIRE", "z", "100000");
            d.same("ZREMRANGEBYRANK", "z", "-1", "-1");
            d.same("ZREMRANGEBYRANK", "z", "5", "9");
            d.same("ZREMRANGEBYSCORE", "z", "(1", "2");
            d.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
            d.same("TTL", "z");
            d.same("ZREMRANGEBYSCORE", "z", "-inf", "+inf");
            d.same("EXISTS", "z");
            d.same("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d");
            d.same("ZREMRANGEBYLEX", "l", "[b", "(d");
            d.same("ZRANGE", "l", "0", "-1");
            d.same("ZREMRANGEBYLEX", "l", "-", "+");
            d.same("EXISTS", "l");
            d.same("SET", "str", "x");
            d.same("ZREMRANGEBYRANK", "str", "0", "1");
            d.same("ZRANGESTORE", "d2", "str", "0", "1");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void unionInterDiff(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("ZADD", "z", "1", "a", "2", "b", "3", "c");
            d.same("ZADD", "y", "10", "b", "inf", "c", "5", "d");
            d.same("SADD", "s", "a", "d", "e");
            d.same("SADD", "ints", "1", "2");
            d.same("SET", "str", "x");
            d.same("ZADD", "A", "inf", "m");
            d.same("ZADD", "B", "-inf", "m", "1", "n");
            d.same("ZADD", "C", "5", "m", "1", "o", "2", "p");
            String[][] cases = {
                {"ZUNION", "2", "z", "y", "WITHSCORES"}, {"ZINTER", "2", "z", "y", "WITHSCORES"},
                {"ZDIFF", "2", "z", "y", "WITHSCORES"}, {"ZUNION", "3", "z", "y", "s", "WITHSCORES"},
                {"ZINTER", "2", "z", "s", "WITHSCORES"}, {"ZDIFF", "2", "s", "z", "WITHSCORES"},
                {"ZUNION", "2", "z", "ints", "WITHSCORES"}, {"ZUNION", "1", "ints"},
                {"ZUNION", "2", "z", "y", "WEIGHTS", "1", "-inf", "WITHSCORES"},
                {"ZINTER", "2", "y", "y", "WEIGHTS", "1", "-1", "WITHSCORES"},
                {"ZUNION", "2", "y", "y", "WEIGHTS", "inf", "-inf", "WITHSCORES"},
                {"ZUNION", "2", "y", "y", "WEIGHTS", "inf", "-inf", "AGGREGATE", "MAX", "WITHSCORES"},
                {"ZINTER", "2", "y", "z", "WEIGHTS", "0", "1", "AGGREGATE", "min", "WITHSCORES"},
                {"ZUNION", "2", "z", "y", "WEIGHTS", "1"}, {"ZUNION", "2", "z", "y", "WEIGHTS", "1", "x"},
                {"ZUNION", "2", "z", "y", "WEIGHTS", "1", "nan"}, {"ZUNION", "2", "z", "y", "AGGREGATE", "foo"},
                {"ZUNION", "2", "z", "y", "AGGREGATE"}, {"ZUNION", "0", "z"}, {"ZUNION", "-1", "z"},
                {"ZUNION", "x", "z"}, {"ZUNION", "3", "z", "y"}, {"ZUNION", "2", "z", "str"},
                {"ZUNION", "2", "str", "nokey", "WEIGHTS", "x"}, {"ZDIFF", "2", "z", "y", "WEIGHTS", "1", "1"},
                {"ZDIFF", "2", "z", "y", "AGGREGATE", "SUM"}, {"ZUNIONSTORE", "d", "0", "z"},
                {"ZUNIONSTORE", "d", "2", "z", "y", "WITHSCORES"}, {"ZDIFFSTORE", "d", "0", "z"},
                {"ZUNION", "2", "z", "y", "AGGREGATE", "MIN", "WITHSCORES"},
                {"ZINTER", "2", "z", "y", "AGGREGATE", "MAX", "WITHSCORES"},
                {"ZUNION", "2", "z", "y", "WEIGHTS", "2", "3", "WEIGHTS", "1", "1", "WITHSCORES"},
                {"ZUNION", "1", "z", "WEIGHTS", "0x10", "WITHSCORES"}, {"ZUNION", "1", "z", "WEIGHTS", " 2"},
                {"ZUNION", "1", "z", "WITHSCORES", "WITHSCORES"}, {"ZINTER", "3", "z", "y", "nokey"},
                {"ZUNION", "3", "C", "A", "B", "WITHSCORES"}, {"ZINTER", "3", "C", "A", "B", "WITHSCORES"},
                {"ZDIFF", "3", "C", "A", "B", "WITHSCORES"}, {"ZDIFF", "2", "B", "C", "WITHSCORES"},
                {"ZDIFF", "2", "nokey", "C"}, {"ZDIFF", "1", "C"},
                {"ZINTERCARD", "1", "z"}, {"ZINTERCARD", "0", "z"}, {"ZINTERCARD", "2", "z", "z", "LIMIT", "-1"},
                {"ZINTERCARD", "2", "z", "y", "LIMIT", "1"}, {"ZINTERCARD", "2", "z", "y", "LIMIT", "0"},
                {"ZINTERCARD", "1", "z", "LIMIT", "x"}, {"ZINTERCARD", "1", "z", "foo"}, {"ZINTERCARD", "3", "z"},
                {"ZINTERCARD", "1", "nokey"}, {"ZINTERCARD", "2", "z", "str"}, {"ZINTERCARD", "2", "z", "s"},
                {"ZINTERCARD", "1", "z", "WITHSCORES"},
            };
            for (String[] c : cases) {
                d.same(c);
            }
            d.same("SET", "d", "x");
            d.same("PEXPIRE", "d", "100000");
            d.same("ZUNIONSTORE", "d", "2", "z", "y", "WEIGHTS", "2", "1");
            d.same("ZRANGE", "d", "0", "-1", "WITHSCORES");
            d.same("TTL", "d");
            d.same("ZINTERSTORE", "d", "2", "z", "s", "AGGREGATE", "MAX");
            d.same("ZRANGE", "d", "0", "-1", "WITHSCORES");
            d.same("ZDIFFSTORE", "d", "2", "z", "s");
            d.same("ZRANGE", "d", "0", "-1", "WITHSCORES");
            d.same("ZINTERSTORE", "d", "2", "z", "nokey");
            d.same("EXISTS", "d");
            d.same("ZUNIONSTORE", "z", "2", "z", "z");
            d.same("ZRANGE", "z", "0", "-1", "WITHSCORES");
            d.same("ZDIFFSTORE", "d", "1", "str");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void pops(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
            d.same("SET", "str", "x");
            String[][] cases = {
                {"ZPOPMIN", "z"}, {"ZPOPMIN", "z", "1"}, {"ZPOPMAX", "z", "2"}, {"ZPOPMIN", "z", "0"},
                {"ZPOPMIN", "z", "-1"}, {"ZPOPMIN", "nokey"}, {"ZPOPMIN", "nokey", "2"}, {"ZPOPMIN", "z", "x"},
                {"ZPOPMIN", "z", "1", "2"}, {"ZPOPMIN", "str", "0"}, {"ZPOPMIN", "str", "-1"}, {"ZPOPMAX", "str"},
                {"ZMPOP", "1", "z", "MIN"}, {"ZMPOP", "1", "z", "max", "COUNT", "2"}, {"ZMPOP", "1", "nokey", "MIN"},
                {"ZMPOP", "0", "z", "MIN"}, {"ZMPOP", "2", "z", "MIN"}, {"ZMPOP", "1", "z", "foo"},
                {"ZMPOP", "1", "z", "MIN", "COUNT", "0"}, {"ZMPOP", "1", "z", "MIN", "COUNT", "-1"},
                {"ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1"}, {"ZMPOP", "1", "z", "MIN", "COUNT"},
                {"ZMPOP", "x", "z", "MIN"}, {"ZMPOP", "-1", "z", "MIN"}, {"ZMPOP", "1", "str", "MIN"},
                {"ZMPOP", "2", "nokey", "str", "MIN"}, {"ZMPOP", "2", "z", "str", "MAX", "COUNT", "100"},
                {"EXISTS", "z"}, {"ZADD", "z", "1", "a"}, {"ZPOPMAX", "z", "100"}, {"EXISTS", "z"},
                {"BZPOPMIN", "str", "0"}, {"BZPOPMIN", "nokey", "str", "0"}, {"BZPOPMIN", "z", "x"},
                {"BZPOPMIN", "str", "x"}, {"BZPOPMIN", "z", "-1"}, {"BZMPOP", "x", "1", "z", "MIN"},
                {"BZMPOP", "0", "1", "str", "MIN"}, {"BZMPOP", "x", "1", "z", "foo"}, {"BZMPOP", "-1", "1", "z", "MIN"},
                {"BZMPOP", "0", "0", "z", "MIN"}, {"ZADD", "z", "1", "a", "2", "b"}, {"BZPOPMAX", "nokey", "z", "0"},
                {"BZMPOP", "0", "2", "nokey", "z", "MIN", "COUNT", "3"}, {"EXISTS", "z"},
            };
            for (String[] c : cases) {
                d.same(c);
            }
            d.assertNoMismatches();
        }
    }

    /**
     * A ZRANDMEMBER reply as its properties: for a bulk whether it is a member; for an array its
     * type, how many elements, whether each is a member with its real score (WITHSCORES, flat in
     * RESP2, pairs in RESP3) and, when {@code distinct}, whether none repeats.
     */
    private static Function<Reply, String> randomSample(Map<String, String> set, boolean withScores,
                                                        boolean distinct) {
        return r -> {
            if (r.type() == '$' && r.payload() != null) {
                return "member: " + set.containsKey(r.text());
            }
            if (r.children() == null) {
                return r.rawText();
            }
            List<String[]> items = new ArrayList<>();
            List<Reply> c = r.children();
            if (!withScores) {
                c.forEach(x -> items.add(new String[] {x.text(), null}));
            } else if (!c.isEmpty() && c.get(0).children() != null) {
                c.forEach(x -> items.add(new String[] {x.child(0).text(), x.child(1).rawText()}));
            } else {
                for (int i = 0; i + 1 < c.size(); i += 2) {
                    items.add(new String[] {c.get(i).text(), c.get(i + 1).rawText()});
                }
            }
            boolean valid = true;
            Set<String> seen = new HashSet<>();
            for (String[] it : items) {
                valid &= set.containsKey(it[0]) && (it[1] == null || it[1].contains(set.get(it[0])));
                seen.add(it[0]);
            }
            return r.type() + " " + c.size() + " valid:" + valid
                    + (distinct ? " distinct:" + (seen.size() == items.size()) : "");
        };
    }

    @AllConfigurationsBothProtocols
    void zrandmember(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "str", "x");
            for (int size : new int[] {5, 200}) {
                String key = "z" + size;
                d.same(cmd("ZADD", key, pairs(size, "m")));
                Map<String, String> set = new HashMap<>();
                for (int i = 0; i < size; i++) {
                    set.put("m" + i, Integer.toString(i));
                }
                d.same(randomSample(set, false, true), "ZRANDMEMBER", key);
                for (String count : List.of("1", "3", "4", "5", "6", "150", "199", "200", "1000")) {
                    d.same(randomSample(set, false, true), "ZRANDMEMBER", key, count);
                    d.same(randomSample(set, true, true), "ZRANDMEMBER", key, count, "WITHSCORES");
                }
                for (String count : List.of("-1", "-5", "-300")) {
                    d.same(randomSample(set, false, false), "ZRANDMEMBER", key, count);
                    d.same(randomSample(set, true, false), "ZRANDMEMBER", key, count, "withscores");
                }
            }
            String[][] cases = {
                {"ZRANDMEMBER", "z5", "-9223372036854775808"}, {"ZRANDMEMBER", "z5", "-9223372036854775807", "WITHSCORES"},
                {"ZRANDMEMBER", "z5", "-4611686018427387904", "WITHSCORES"},
                {"ZRANDMEMBER", "z5", "9223372036854775807", "WITHSCORES"}, {"ZRANDMEMBER", "z5", "0"},
                {"ZRANDMEMBER", "z5", "0", "WITHSCORES"}, {"ZRANDMEMBER", "z5", "1", "foo"}, {"ZRANDMEMBER", "z5", "x"},
                {"ZRANDMEMBER", "z5", "1", "WITHSCORES", "x"}, {"ZRANDMEMBER", "nokey", "-9223372036854775808"},
                {"ZRANDMEMBER", "nokey", "-5", "WITHSCORES"}, {"ZRANDMEMBER", "nokey"}, {"ZRANDMEMBER", "nokey", "x"},
                {"ZRANDMEMBER", "str"}, {"ZRANDMEMBER", "str", "0"}, {"ZRANDMEMBER", "str", "-3"},
                {"ZRANDMEMBER", "z5", "9223372036854775807"},
            };
            for (String[] c : cases) {
                d.same(c);
            }
            d.assertNoMismatches();
        }
    }

    /**
     * ZRANDMEMBER is uniform for every count and both encodings, measured as Redis's own test
     * ("ZRANDMEMBER with <count>" in tests/unit/type/zset.tcl): ten members, 1000 draws per case, a
     * chi-square below 40 (9 degrees of freedom: a chance of 0.00001 for a fair draw). The reference
     * is measured too, as a check of the measure itself.
     */
    @AllConfigurations
    void zrandmemberIsUniform(String config) {
        String longMember = "x".repeat(80); // longer than zset-max-listpack-value (64): a skiplist
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                for (String last : List.of(longMember, "j")) {
                    c.call("DEL", "z");
                    c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f", "7", "g", "7", "h",
                            "9", "i", "10", last);
                    String encoding = c.call("OBJECT", "ENCODING", "z").text();
                    String where = ep + " " + encoding + ": ";
                    Map<String, List<String>> cases = new LinkedHashMap<>();
                    cases.put("ZRANDMEMBER z -1000", Uniformity.draws(c, 1, "ZRANDMEMBER", "z", "-1000"));
                    cases.put("1000 x ZRANDMEMBER z", Uniformity.draws(c, 1000, "ZRANDMEMBER", "z"));
                    for (int size : new int[] {1, 2, 3, 8}) {
                        cases.put((1000 / size) + " x ZRANDMEMBER z " + size,
                                Uniformity.draws(c, 1000 / size, "ZRANDMEMBER", "z", Integer.toString(size)));
                    }
                    cases.forEach((what, members) -> Uniformity.assertUniform(members, 10, where + what));
                }
            }
        }
    }

    /** An array of (cursor, flat pairs) as its cursor and sorted "member=score" texts. */
    private static String scanUnordered(Reply r) {
        if (r.children() == null) {
            return r.rawText();
        }
        List<String> items = new ArrayList<>();
        List<Reply> c = r.child(1).children();
        for (int i = 0; i + 1 < c.size(); i += 2) {
            items.add(c.get(i).text() + "=" + c.get(i + 1).rawText());
        }
        items.sort(null);
        return r.child(0).rawText() + items;
    }

    @AllConfigurationsBothProtocols
    void zscan(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("ZADD", "l", "1e17", "m0", "0.1", "m1", "1e-5", "m2", "1e300", "m3", "-0", "m4", "inf", "m5",
                    "-inf", "m6", "123456789012345678", "m7", "1.5", "m8", "-2.25", "m9", "9007199254740993", "m10",
                    "1e18", "m11", "1e19", "m12", "3e-320", "m13", "4611686018427387904", "m14");
            d.same("ZSCAN", "l", "0");
            d.same("ZSCAN", "l", "0", "MATCH", "m1*");
            d.same("ZSCAN", "l", "0", "COUNT", "0");
            d.same("ZSCAN", "l", "x");
            d.same("ZSCAN", "l", "0", "NOVALUES");
            d.same("ZSCAN", "l", "0", "COUNT");
            d.same("ZSCAN", "nokey", "0");
            d.same("SET", "str", "x");
            d.same("ZSCAN", "str", "0");
            d.same("ZSCAN", "str", "x");
            // the key is looked at before the options, as in Redis
            d.same("ZSCAN", "str", "0", "COUNT", "x");
            d.same("ZSCAN", "nokey", "0", "COUNT", "x");
            d.same("ZSCAN", "nokey", "0", "NOSUCHOPTION");
            d.same("SSCAN", "nokey", "0", "COUNT", "0");
            d.same("HSCAN", "str", "0", "MATCH");
            List<String> big = pairs(300, "k");
            big.addAll(List.of("1e17", "big", "0.1", "frac", "-0", "negzero"));
            d.same(cmd("ZADD", "s", big));
            d.same("OBJECT", "ENCODING", "s");
            d.same(SortedSetCommandsTest::scanUnordered, "ZSCAN", "s", "0", "COUNT", "1000");
            d.same(SortedSetCommandsTest::scanUnordered, "ZSCAN", "s", "0", "COUNT", "1000", "MATCH", "*1");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void encodingsFollowTheListpackLimits(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            try {
                d.same("CONFIG", "SET", "zset-max-listpack-entries", "2");
                d.same("ZADD", "a", "1", "x", "2", "y");
                d.same("OBJECT", "ENCODING", "a");
                d.same("ZADD", "a", "3", "z");
                d.same("OBJECT", "ENCODING", "a");
                d.same("ZREM", "a", "x", "y");
                d.same("OBJECT", "ENCODING", "a");
                d.same("ZADD", "b", "1", "x", "2", "y", "3", "z");
                d.same("OBJECT", "ENCODING", "b");
                d.same("ZADD", "c", "1", "x", "2", "y");
                d.same("ZRANGESTORE", "d", "c", "0", "-1");
                d.same("OBJECT", "ENCODING", "d");
                d.same("ZRANGESTORE", "f", "b", "0", "-1");
                d.same("OBJECT", "ENCODING", "f");
                d.same("ZRANGESTORE", "f2", "b", "0", "1");
                d.same("OBJECT", "ENCODING", "f2");
                d.same("ZUNIONSTORE", "g", "1", "b");
                d.same("OBJECT", "ENCODING", "g");
                d.same("ZUNIONSTORE", "g2", "1", "c");
                d.same("OBJECT", "ENCODING", "g2");
                d.same("ZINTERSTORE", "g3", "2", "b", "b");
                d.same("OBJECT", "ENCODING", "g3");
                d.same("ZDIFFSTORE", "g4", "1", "c");
                d.same("OBJECT", "ENCODING", "g4");
                d.same("CONFIG", "SET", "zset-max-listpack-entries", "0");
                d.same("ZADD", "h", "1", "x");
                d.same("OBJECT", "ENCODING", "h");
                d.same("ZINCRBY", "h2", "1", "x");
                d.same("OBJECT", "ENCODING", "h2");
                d.same("CONFIG", "SET", "zset-max-ziplist-entries", "128", "zset-max-listpack-value", "3");
                d.same("ZADD", "i", "1", "abcd", "2", "a");
                d.same("OBJECT", "ENCODING", "i");
                d.same("ZADD", "j", "1", "abc", "2", "abcd");
                d.same("OBJECT", "ENCODING", "j");
                d.same("ZADD", "k", "1", "abc");
                d.same("OBJECT", "ENCODING", "k");
                d.same("ZADD", "k", "2", "abcd");
                d.same("OBJECT", "ENCODING", "k");
                d.same("ZUNIONSTORE", "l", "1", "i");
                d.same("OBJECT", "ENCODING", "l");
                d.same("ZADD", "m", "-0", "a");
                d.same("ZSCORE", "m", "a");
                d.same("ZADD", "m2", "1", "abcde", "-0", "a");
                d.same("ZSCORE", "m2", "a");
                d.same("ZINCRBY", "n", "1", "abcdef");
                d.same("OBJECT", "ENCODING", "n");
                d.same("COPY", "k", "k2");
                d.same("OBJECT", "ENCODING", "k2");
                d.same("ZRANGE", "k2", "0", "-1", "WITHSCORES");
                d.same("TYPE", "k2");
            } finally {
                d.same("CONFIG", "SET", "zset-max-listpack-entries", "128", "zset-max-listpack-value", "64");
            }
            d.same(cmd("ZADD", "big", pairs(128, "m")));
            d.same("OBJECT", "ENCODING", "big");
            d.same("ZADD", "big", "5", "m5");
            d.same("OBJECT", "ENCODING", "big");
            d.same("ZADD", "big", "500", "new");
            d.same("OBJECT", "ENCODING", "big");
            d.same("ZRANGE", "big", "120", "-1", "WITHSCORES");
            d.same("ZRANK", "big", "m77");
            d.same("ZREVRANK", "big", "m77");
            d.same("ZRANGE", "big", "(5", "10", "BYSCORE", "LIMIT", "1", "3");
            d.same("ZADD", "long", "1", "x".repeat(65));
            d.same("OBJECT", "ENCODING", "long");
            d.same("ZADD", "long64", "1", "x".repeat(64));
            d.same("OBJECT", "ENCODING", "long64");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void watchSeesZsetWrites(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft();
                Differential other = Differential.open(config, resp)) {
            String[][] writes = {
                {"ZADD", "w", "5", "x"}, {"ZINCRBY", "w", "1", "a"}, {"ZREM", "w", "a"}, {"ZPOPMIN", "w"},
                {"ZREMRANGEBYRANK", "w", "0", "0"}, {"ZREMRANGEBYSCORE", "w", "1", "1"}, {"ZREMRANGEBYLEX", "w", "-", "+"},
                {"ZMPOP", "1", "w", "MAX"}, {"ZUNIONSTORE", "w", "1", "w"}, {"ZRANGESTORE", "w", "w", "0", "0"},
            };
            for (String[] write : writes) {
                d.same("DEL", "w");
                d.same("ZADD", "w", "1", "a", "2", "b");
                d.same("WATCH", "w");
                other.same(write);
                d.same("MULTI");
                d.same("PING");
                d.same("EXEC");
            }
            // No-op writes do not touch the key.
            d.same("DEL", "w");
            d.same("ZADD", "w", "1", "a");
            d.same("WATCH", "w");
            other.same("ZADD", "w", "1", "a");
            other.same("ZREM", "w", "nope");
            other.same("ZADD", "w", "NX", "5", "a");
            d.same("MULTI");
            d.same("PING");
            d.same("EXEC");
            d.assertNoMismatches();
        }
    }

    // ---- blocking -----------------------------------------------------------------------------

    @AllConfigurationsBothProtocols
    void blockingPopsFirstComeFirstServed(String config, int resp) {
        try (Differential a = Differential.open(config, resp);
                Differential b = Differential.open(config, resp);
                Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BZPOPMIN", "k1", "k2", "0");
            b.sendBlocking("BZMPOP", "0", "2", "k2", "k1", "MAX", "COUNT", "5");
            c.same("ZADD", "k2", "1", "x", "2", "y", "3", "z");
            a.sameNextReply("first waiter served first");
            b.sameNextReply("second waiter gets the rest");
            c.same("EXISTS", "k2");
            a.sendBlocking("BZPOPMAX", "k4", "0");
            b.sendBlocking("BZPOPMAX", "k4", "0");
            c.same("ZADD", "k4", "1", "one");
            a.sameNextReply("one element: the first waiter");
            b.noReplyYet("the second waiter waits on");
            c.same("ZADD", "k4", "2", "two");
            b.sameNextReply("then the second");
            a.sendBlocking("BZPOPMIN", "k3", "0");
            c.same("SET", "k3", "str");
            a.noReplyYet("a string does not serve a zset waiter");
            c.same("DEL", "k3");
            c.same("ZADD", "k3", "5", "m");
            a.sameNextReply("served once a zset arrives");
        }
    }

    /** A client waiting on several keys is served from the key that became ready, not the first listed. */
    @AllConfigurationsBothProtocols
    void blockedClientServedFromTheKeyThatBecameReady(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BZPOPMIN", "k1", "k2", "0");
            c.same("SET", "k1", "a string");
            a.noReplyYet("a string is nothing to pop");
            c.same("ZADD", "k2", "1", "v");
            a.sameNextReply("served from k2 although k1 (a string) comes first");
            a.sendBlocking("BZMPOP", "0", "2", "k3", "k4", "MAX", "COUNT", "2");
            c.same("MULTI");
            c.same("ZADD", "k4", "4", "four");
            c.same("ZADD", "k3", "3", "three");
            c.same("EXEC");
            a.sameNextReply("served from k4, the first key written in the transaction");
            c.same("ZRANGE", "k3", "0", "-1");
            a.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void blockingPopsTimeOutAndActNonBlockingInMulti(String config, int resp) {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.sendBlocking("BZPOPMIN", "missing", "0.05");
            Differential.settle();
            a.sameNextReply("BZPOPMIN timeout");
            a.sendBlocking("BZMPOP", "0.05", "2", "missing", "other", "MIN", "COUNT", "3");
            Differential.settle();
            a.sameNextReply("BZMPOP timeout");
            a.same("ZADD", "k1", "1", "x");
            a.same("MULTI");
            a.same("BZPOPMIN", "nokey", "0");
            a.same("BZMPOP", "0", "1", "nokey", "MIN");
            a.same("BZPOPMAX", "k1", "0");
            a.same("BZPOPMAX", "k1", "0");
            a.same("EXEC");
            a.sendBlocking("BZPOPMIN", "k5", "0");
            c.same("MULTI");
            c.same("ZADD", "k5", "1", "a");
            c.same("ZREM", "k5", "a");
            c.same("ZADD", "k5", "2", "b");
            a.noReplyYet("nothing served while queued");
            c.same("EXEC");
            a.sameNextReply("served after EXEC with the set as EXEC left it");
            c.same("EXISTS", "k5");
        }
    }
}
