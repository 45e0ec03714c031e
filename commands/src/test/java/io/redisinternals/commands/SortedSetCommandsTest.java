package io.redisinternals.commands;

import static io.redisinternals.commands.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.types.SortedSetValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies as bytes, as measured on redis-server 7.0.15; random replies by their properties. */
class SortedSetCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";

    private final TestContext ctx = new TestContext(SortedSetCommands.specs());

    private SortedSetValue zset(String key) {
        return (SortedSetValue) ctx.db().get(b(key));
    }

    private static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n", -1);
        for (int i = 1; i < lines.length - 1; i++) {
            if (lines[i].startsWith("$")) {
                out.add(lines[++i]);
            }
        }
        return out;
    }

    @Test
    void specsCoverTheWholeGroup() {
        Set<String> names = new HashSet<>();
        SortedSetCommands.specs().forEach(s -> names.add(s.name()));
        assertEquals(Set.of("zadd", "zincrby", "zcard", "zscore", "zmscore", "zrank", "zrevrank", "zrem", "zrandmember",
                "zscan", "zcount", "zlexcount", "zrange", "zrangestore", "zrangebyscore", "zrangebylex", "zrevrange",
                "zrevrangebyscore", "zrevrangebylex", "zremrangebyrank", "zremrangebyscore", "zremrangebylex", "zunion",
                "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore", "zintercard", "zpopmin", "zpopmax",
                "zmpop", "bzpopmin", "bzpopmax", "bzmpop"), names);
    }

    @Test
    void zaddOptionsConflictsAndReplies() {
        assertEquals(":3\r\n", ctx.run("ZADD", "z", "1", "a", "2", "b", "3", "c"));
        assertEquals("-ERR XX and NX options at the same time are not compatible\r\n",
                ctx.run("ZADD", "z", "NX", "XX", "1", "a"));
        assertEquals("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n",
                ctx.run("ZADD", "z", "GT", "LT", "1", "a"));
        assertEquals("-ERR INCR option supports a single increment-element pair\r\n",
                ctx.run("ZADD", "z", "INCR", "1", "a", "2", "b"));
        assertEquals(SYNTAX, ctx.run("ZADD", "z", "NX", "XX", "1"));
        assertEquals(NOT_FLOAT, ctx.run("ZADD", "z", "nan", "a"));
        assertEquals(NOT_FLOAT, ctx.run("ZADD", "z", "1", "a", " 2", "b"));
        assertEquals(":2\r\n", ctx.run("ZADD", "z", "CH", "5", "a", "2", "b", "0", "new"));
        assertEquals(":1\r\n", ctx.run("ZADD", "z", "GT", "CH", "1", "a", "10", "b"));
        assertEquals("$-1\r\n", ctx.run("ZADD", "z", "LT", "INCR", "1", "a"));
        assertEquals("$1\r\n4\r\n", ctx.run("ZADD", "z", "INCR", "-1", "a"));
        assertEquals("$3\r\ninf\r\n", ctx.run("ZINCRBY", "z", "inf", "a"));
        assertEquals("-ERR resulting score is not a number (NaN)\r\n", ctx.run("ZINCRBY", "z", "-inf", "a"));
        assertEquals(":0\r\n", ctx.run("ZADD", "missing", "XX", "1", "a"));
        assertNull(ctx.db().get(b("missing")));
        assertEquals("$2\r\n16\r\n", ctx.run("ZINCRBY", "hex", "0x10", "m"));
        ctx.db().put(b("str"), b("x"));
        assertEquals(WRONGTYPE, ctx.run("ZADD", "str", "1", "a"));
        assertEquals(NOT_FLOAT, ctx.run("ZADD", "str", "x", "a")); // scores are checked before the type
    }

    @Test
    void readsAndRanks() {
        ctx.run("ZADD", "z", "1.5", "a", "2", "b", "-3", "c");
        assertEquals(":3\r\n", ctx.run("ZCARD", "z"));
        assertEquals("$3\r\n1.5\r\n", ctx.run("ZSCORE", "z", "a"));
        assertEquals("*3\r\n$3\r\n1.5\r\n$-1\r\n$2\r\n-3\r\n", ctx.run("ZMSCORE", "z", "a", "x", "c"));
        assertEquals(":1\r\n", ctx.run("ZRANK", "z", "a"));
        assertEquals(":1\r\n", ctx.run("ZREVRANK", "z", "a"));
        assertEquals("$-1\r\n", ctx.run("ZRANK", "z", "x"));
        ctx.resp3();
        assertEquals(",1.5\r\n", ctx.run("ZSCORE", "z", "a"));
        assertEquals("_\r\n", ctx.run("ZSCORE", "z", "x"));
        assertEquals("*1\r\n*2\r\n$1\r\nc\r\n,-3\r\n", ctx.run("ZRANGE", "z", "0", "0", "WITHSCORES"));
    }

    @Test
    void zrangeFormsAndErrors() {
        ctx.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertEquals(List.of("a", "1", "b", "2"), bulks(ctx.run("ZRANGE", "z", "0", "1", "WITHSCORES")));
        assertEquals(List.of("d", "c"), bulks(ctx.run("ZRANGE", "z", "0", "1", "REV")));
        assertEquals(List.of("c", "b"), bulks(ctx.run("ZRANGE", "z", "+inf", "(1", "BYSCORE", "REV", "LIMIT", "1", "2")));
        assertEquals(List.of("b", "c"), bulks(ctx.run("ZRANGEBYSCORE", "z", "(1", "3")));
        assertEquals(List.of("c", "b", "a"), bulks(ctx.run("ZREVRANGEBYSCORE", "z", "3", "-inf")));
        assertEquals(List.of("b", "c"), bulks(ctx.run("ZRANGEBYLEX", "z", "(a", "[c")));
        assertEquals(List.of("c"), bulks(ctx.run("ZREVRANGEBYLEX", "z", "+", "-", "LIMIT", "1", "1")));
        assertEquals("*0\r\n", ctx.run("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "5"));
        assertEquals(List.of("b", "c", "d"), bulks(ctx.run("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "-1")));
        assertEquals("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n",
                ctx.run("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"));
        assertEquals("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n",
                ctx.run("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"));
        assertEquals("-ERR min or max is not a float\r\n", ctx.run("ZRANGEBYSCORE", "z", "[1", "2"));
        assertEquals("-ERR min or max not valid string range item\r\n", ctx.run("ZRANGEBYLEX", "z", "a", "b"));
        assertEquals(SYNTAX, ctx.run("ZRANGEBYSCORE", "z", "1", "2", "REV"));
        assertEquals(SYNTAX, ctx.run("ZRANGESTORE", "d", "z", "0", "1", "WITHSCORES"));
        assertEquals(":2\r\n", ctx.run("ZCOUNT", "z", "(1", "3"));
        assertEquals(":4\r\n", ctx.run("ZLEXCOUNT", "z", "-", "+"));
        assertEquals(List.of("a", "b", "c"), bulks(ctx.run("ZRANGEBYSCORE", "z", " 1", "3"))); // strtod skips spaces
    }

    @Test
    void storesAndRemovalsDeleteEmptiedKeys() {
        ctx.run("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertEquals(":2\r\n", ctx.run("ZRANGESTORE", "d", "z", "1", "-1"));
        assertEquals(List.of("b", "c"), bulks(ctx.run("ZRANGE", "d", "0", "-1")));
        assertEquals(":0\r\n", ctx.run("ZRANGESTORE", "d", "z", "5", "9"));
        assertNull(ctx.db().get(b("d")));
        assertEquals(":1\r\n", ctx.run("ZREMRANGEBYRANK", "z", "-1", "-1"));
        assertEquals(":1\r\n", ctx.run("ZREMRANGEBYSCORE", "z", "(1", "+inf"));
        assertEquals(":1\r\n", ctx.run("ZREMRANGEBYLEX", "z", "-", "+"));
        assertNull(ctx.db().get(b("z")));
        ctx.run("ZADD", "z", "1", "a");
        assertEquals(":1\r\n", ctx.run("ZREM", "z", "a", "b"));
        assertNull(ctx.db().get(b("z")));
    }

    @Test
    void algebraWithWeightsAggregatesAndPlainSets() {
        ctx.run("ZADD", "z", "1", "a", "2", "b", "3", "c");
        ctx.run("ZADD", "y", "10", "b", "inf", "c", "5", "d");
        assertEquals(List.of("a", "1", "d", "5", "b", "12", "c", "inf"),
                bulks(ctx.run("ZUNION", "2", "z", "y", "WITHSCORES")));
        assertEquals(List.of("b", "0", "c", "0", "d", "0"),
                bulks(ctx.run("ZUNION", "2", "y", "y", "WEIGHTS", "inf", "-inf", "WITHSCORES")));
        assertEquals(List.of("b", "10", "c", "inf"),
                bulks(ctx.run("ZINTER", "2", "z", "y", "AGGREGATE", "MAX", "WITHSCORES")));
        assertEquals(List.of("a"), bulks(ctx.run("ZDIFF", "2", "z", "y")));
        assertEquals(":2\r\n", ctx.run("ZINTERCARD", "2", "z", "y"));
        assertEquals(":1\r\n", ctx.run("ZINTERCARD", "2", "z", "y", "LIMIT", "1"));
        assertEquals("-ERR LIMIT can't be negative\r\n", ctx.run("ZINTERCARD", "1", "z", "LIMIT", "-1"));
        assertEquals("-ERR at least 1 input key is needed for 'zunionstore' command\r\n",
                ctx.run("ZUNIONSTORE", "d", "0", "z"));
        assertEquals("-ERR weight value is not a float\r\n", ctx.run("ZUNION", "1", "z", "WEIGHTS", "x"));
        assertEquals(SYNTAX, ctx.run("ZDIFF", "1", "z", "WEIGHTS", "1"));
        assertEquals(":4\r\n", ctx.run("ZUNIONSTORE", "d", "2", "z", "y"));
        assertEquals("listpack", zset("d").encoding());
        assertEquals(":0\r\n", ctx.run("ZINTERSTORE", "d", "2", "z", "nokey"));
        assertNull(ctx.db().get(b("d")));
        ctx.db().put(b("str"), b("x"));
        assertEquals(WRONGTYPE, ctx.run("ZUNION", "2", "z", "str", "WEIGHTS", "x")); // types before options
    }

    @Test
    void popsAndNonBlockingBlockingForms() {
        ctx.run("ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertEquals("*2\r\n$1\r\na\r\n$1\r\n1\r\n", ctx.run("ZPOPMIN", "z"));
        assertEquals("*2\r\n$1\r\nc\r\n$1\r\n3\r\n", ctx.run("ZPOPMAX", "z", "1"));
        assertEquals("-ERR value is out of range, must be positive\r\n", ctx.run("ZPOPMIN", "z", "-1"));
        assertEquals("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
                ctx.run("ZMPOP", "2", "nokey", "z", "MIN", "COUNT", "10"));
        assertNull(ctx.db().get(b("z")));
        assertEquals("*-1\r\n", ctx.run("ZMPOP", "1", "z", "MIN"));
        assertEquals("-ERR numkeys should be greater than 0\r\n", ctx.run("ZMPOP", "0", "z", "MIN"));
        assertEquals("-ERR count should be greater than 0\r\n", ctx.run("ZMPOP", "1", "z", "MIN", "COUNT", "0"));
        // A test context cannot block: the blocking forms answer as inside MULTI.
        assertEquals("*-1\r\n", ctx.run("BZPOPMIN", "z", "0"));
        assertEquals("*-1\r\n", ctx.run("BZMPOP", "0", "1", "z", "MAX"));
        assertEquals("-ERR timeout is negative\r\n", ctx.run("BZPOPMIN", "z", "-1"));
        ctx.run("ZADD", "z", "1", "a", "2", "b");
        assertEquals("*3\r\n$1\r\nz\r\n$1\r\nb\r\n$1\r\n2\r\n", ctx.run("BZPOPMAX", "nokey", "z", "0"));
        ctx.resp3();
        assertEquals("*1\r\n*2\r\n$1\r\na\r\n,1\r\n", ctx.run("ZPOPMIN", "z", "5"));
        assertEquals("_\r\n", ctx.run("BZPOPMIN", "z", "0"));
    }

    @Test
    void zrandmemberCountsAreBoundedAndDistinctWhenPositive() {
        String[] args = new String[2 + 400];
        args[0] = "ZADD";
        args[1] = "z";
        for (int i = 0; i < 200; i++) {
            args[2 + 2 * i] = Integer.toString(i);
            args[3 + 2 * i] = "m" + i;
        }
        ctx.run(args);
        for (String count : List.of("1", "5", "70", "150", "199")) {
            List<String> got = bulks(ctx.run("ZRANDMEMBER", "z", count));
            assertEquals(Integer.parseInt(count), got.size());
            assertEquals(got.size(), new HashSet<>(got).size());
        }
        List<String> all = bulks(ctx.run("ZRANDMEMBER", "z", "1000"));
        assertEquals("m199", all.get(0)); // the whole set, highest first
        assertEquals(300, bulks(ctx.run("ZRANDMEMBER", "z", "-300")).size());
        List<String> ws = bulks(ctx.run("ZRANDMEMBER", "z", "-3", "WITHSCORES"));
        for (int i = 0; i < ws.size(); i += 2) {
            assertEquals(ws.get(i), "m" + ws.get(i + 1));
        }
        assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
                ctx.run("ZRANDMEMBER", "z", "-9223372036854775808"));
        assertEquals("-ERR value is out of range\r\n", ctx.run("ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES"));
        ctx.reply.replyBudget(64 * 1024); // streamed up to the reply budget, then dropped (ReplyBudgetTest)
        assertEquals("", ctx.run("ZRANDMEMBER", "z", "-4611686018427387903"));
        assertTrue(ctx.reply.budgetExceeded());
        assertEquals("*0\r\n", ctx.run("ZRANDMEMBER", "z", "0"));
        assertEquals("$-1\r\n", ctx.run("ZRANDMEMBER", "nokey"));
    }

    @Test
    void zscanOfACompactSetShowsListpackScoreText() {
        ctx.run("ZADD", "z", "1e17", "a", "1e19", "b", "0.5", "c");
        assertEquals("*2\r\n$1\r\n0\r\n*6\r\n$1\r\nc\r\n$3\r\n0.5\r\n$1\r\na\r\n$18\r\n100000000000000000\r\n"
                + "$1\r\nb\r\n$5\r\n1e+19\r\n", ctx.run("ZSCAN", "z", "0"));
        assertEquals("-ERR invalid cursor\r\n", ctx.run("ZSCAN", "z", "x"));
        assertEquals(SYNTAX, ctx.run("ZSCAN", "z", "0", "COUNT", "0"));
    }

    @Test
    void newKeysPickTheirEncodingFromTheFirstMember() {
        ctx.run("ZADD", "small", "1", "a");
        assertEquals("listpack", zset("small").encoding());
        ctx.run("ZADD", "big", "1", "x".repeat(65), "2", "a");
        assertEquals("skiplist", zset("big").encoding());
        String[] args = new String[2 + 2 * 129];
        args[0] = "ZADD";
        args[1] = "many";
        for (int i = 0; i < 129; i++) {
            args[2 + 2 * i] = Integer.toString(i);
            args[3 + 2 * i] = "m" + i;
        }
        ctx.run(args);
        assertEquals("skiplist", zset("many").encoding());
        assertFalse(zset("many").isCompact());
    }

    @Test
    void scoreTextIsReadAsCStrtod() {
        assertEquals(16.0, SortedSetScores.parseDouble(b("0x10")));
        assertEquals(0.75, SortedSetScores.parseDouble(b("0x1.8p-1")));
        assertEquals(Double.POSITIVE_INFINITY, SortedSetScores.parseDouble(b("+Infinity")));
        assertEquals(Double.NEGATIVE_INFINITY, SortedSetScores.parseDouble(b("-inf")));
        assertEquals(150.0, SortedSetScores.parseDouble(b("+1.5e+2")));
        assertEquals(Double.MIN_VALUE, SortedSetScores.parseDouble(b("0x1p-1074"))); // subnormal: accepted
        for (String bad : List.of("", " 1", "1 ", "nan", "nan(1)", "1e400", "1e-400", ".", "1e", "0x", "inf1", "1\u0000")) {
            assertTrue(Double.isNaN(SortedSetScores.parseDouble(b(bad))), bad);
        }
        boolean[] ex = new boolean[1];
        assertEquals(1.0, SortedSetScores.parseScoreBound(b(" 1"), ex)); // bounds allow leading spaces
        assertFalse(ex[0]);
        assertEquals(0.0, SortedSetScores.parseScoreBound(b("("), ex)); // and an empty number is 0
        assertTrue(ex[0]);
        assertEquals(Double.POSITIVE_INFINITY, SortedSetScores.parseScoreBound(b("1e400"), ex));
        assertEquals(2.0, SortedSetScores.parseScoreBound(b("2\u0000junk"), ex)); // C strings end at NUL
        assertTrue(Double.isNaN(SortedSetScores.parseScoreBound(b("[1"), ex)));
        assertEquals("100000000000000000", SortedSetScores.listpackScoreText(1e17));
        assertEquals("1e+19", SortedSetScores.listpackScoreText(1e19));
        assertEquals("0.10000000000000001", SortedSetScores.listpackScoreText(0.1));
    }
}
