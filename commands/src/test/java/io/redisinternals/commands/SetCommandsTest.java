package io.redisinternals.commands;

import static io.redisinternals.commands.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import io.redisinternals.keyspace.types.SetValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies as bytes, as measured on redis-server 7.0.15; random replies by their properties. */
class SetCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";

    private final TestContext ctx = new TestContext(SetCommands.specs());

    private SetValue set(String key) {
        return (SetValue) ctx.db().get(b(key));
    }

    private String encoding(String key) {
        return set(key).encoding();
    }

    /** The bulk strings of a flat aggregate reply, in order. */
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
    void saddCountsNewMembersAndPicksTheEncodingFromTheFirst() {
        assertEquals(":3\r\n", ctx.run("SADD", "s", "3", "1", "2", "1"));
        assertEquals("intset", encoding("s"));
        assertEquals(":0\r\n", ctx.run("SADD", "s", "2"));
        assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", ctx.run("SMEMBERS", "s"));
        assertEquals(":1\r\n", ctx.run("SADD", "s", "x"));
        assertEquals("hashtable", encoding("s"));
        assertEquals(":2\r\n", ctx.run("SADD", "h", "a", "1"));
        assertEquals("hashtable", encoding("h"));
        assertEquals(":2\r\n", ctx.run("SADD", "i", "1", "a"));
        assertEquals("hashtable", encoding("i"));
    }

    @Test
    void intsetConvertsPastTheDefaultLimit() {
        String[] args = new String[2 + 512];
        args[0] = "SADD";
        args[1] = "s";
        for (int i = 0; i < 512; i++) {
            args[2 + i] = Integer.toString(i);
        }
        assertEquals(":512\r\n", ctx.run(args));
        assertEquals("intset", encoding("s"));
        assertEquals(":1\r\n", ctx.run("SADD", "s", "512"));
        assertEquals("hashtable", encoding("s"));
        assertEquals(":513\r\n", ctx.run("SCARD", "s"));
    }

    @Test
    void sremDeletesTheKeyWithItsLastMember() {
        ctx.run("SADD", "s", "1", "2");
        assertEquals(":0\r\n", ctx.run("SREM", "missing", "1"));
        assertEquals(":1\r\n", ctx.run("SREM", "s", "1", "1", "9", "+2"));
        assertEquals(":1\r\n", ctx.run("SREM", "s", "2", "3"));
        assertEquals(null, ctx.db().get(b("s")));
    }

    @Test
    void membershipQueries() {
        ctx.run("SADD", "s", "1", "a");
        assertEquals(":1\r\n", ctx.run("SISMEMBER", "s", "a"));
        assertEquals(":0\r\n", ctx.run("SISMEMBER", "s", "b"));
        assertEquals(":0\r\n", ctx.run("SISMEMBER", "missing", "b"));
        assertEquals(":2\r\n", ctx.run("SCARD", "s"));
        assertEquals(":0\r\n", ctx.run("SCARD", "missing"));
        assertEquals("*3\r\n:1\r\n:0\r\n:1\r\n", ctx.run("SMISMEMBER", "s", "1", "2", "a"));
        assertEquals("*2\r\n:0\r\n:0\r\n", ctx.run("SMISMEMBER", "missing", "1", "2"));
        ctx.resp3();
        assertEquals(":1\r\n", ctx.run("SISMEMBER", "s", "a"), "an integer, not a boolean, as Redis");
        assertEquals("~0\r\n", ctx.run("SMEMBERS", "missing"));
    }

    @Test
    void wrongTypeEverywhere() {
        ctx.run("SADD", "s", "1");
        ctx.db().put(b("str"), b("v"));
        for (String[] c : List.of(new String[] {"SADD", "str", "a"}, new String[] {"SREM", "str", "a"},
                new String[] {"SCARD", "str"}, new String[] {"SISMEMBER", "str", "a"},
                new String[] {"SMISMEMBER", "str", "a"}, new String[] {"SMEMBERS", "str"},
                new String[] {"SPOP", "str"}, new String[] {"SPOP", "str", "1"},
                new String[] {"SRANDMEMBER", "str"}, new String[] {"SRANDMEMBER", "str", "1"},
                new String[] {"SSCAN", "str", "0"}, new String[] {"SMOVE", "s", "str", "1"},
                new String[] {"SMOVE", "str", "s", "1"}, new String[] {"SINTER", "missing", "str"},
                new String[] {"SUNION", "s", "str"}, new String[] {"SDIFF", "missing", "str"},
                new String[] {"SINTERSTORE", "d", "s", "str"}, new String[] {"SINTERCARD", "2", "missing", "str"})) {
            assertEquals(WRONGTYPE, ctx.run(c), String.join(" ", c));
        }
        assertEquals(":0\r\n", ctx.run("SMOVE", "missing", "str", "1"), "a missing source wins");
    }

    @Test
    void smoveMovesCreatesAndDeletes() {
        ctx.run("SADD", "src", "1", "a");
        assertEquals(":1\r\n", ctx.run("SMOVE", "src", "src", "1"));
        assertEquals(":0\r\n", ctx.run("SMOVE", "src", "src", "9"));
        assertEquals(":0\r\n", ctx.run("SMOVE", "src", "dst", "9"));
        assertEquals(":1\r\n", ctx.run("SMOVE", "src", "dst", "1"));
        assertEquals("intset", encoding("dst"));
        assertEquals(":1\r\n", ctx.run("SMOVE", "src", "dst", "a"));
        assertEquals("hashtable", encoding("dst"));
        assertEquals(null, ctx.db().get(b("src")));
    }

    @Test
    void writesKeepTheTtl() {
        ctx.run("SADD", "s", "1", "2", "3");
        ctx.db().setExpire(Argv.of("s"), 0, ctx.now + 100_000);
        ctx.run("SADD", "s", "4");
        ctx.run("SREM", "s", "1");
        ctx.run("SPOP", "s");
        ctx.run("SMOVE", "s", "t", "2");
        assertEquals(ctx.now + 100_000, ctx.db().getExpire(b("s")));
    }

    @Test
    void spopShapesAndErrors() {
        assertEquals("$-1\r\n", ctx.run("SPOP", "missing"));
        assertEquals("*0\r\n", ctx.run("SPOP", "missing", "2"));
        String notPositive = "-ERR value is out of range, must be positive\r\n";
        assertEquals(notPositive, ctx.run("SPOP", "missing", "-1"));
        assertEquals(notPositive, ctx.run("SPOP", "missing", "x"));
        ctx.run("SADD", "s", "1", "2", "3");
        assertEquals(SYNTAX, ctx.run("SPOP", "s", "1", "2"));
        assertEquals("*0\r\n", ctx.run("SPOP", "s", "0"));
        ctx.resp3();
        assertEquals("_\r\n", ctx.run("SPOP", "missing"));
        assertEquals("~0\r\n", ctx.run("SPOP", "missing", "1"));
        assertEquals("~3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", ctx.run("SPOP", "s", "5"),
                "the whole set, as a union: in order");
        assertEquals(null, ctx.db().get(b("s")));
    }

    @Test
    void spopWithCountRemovesDistinctMembers() {
        for (int count : new int[] {1, 3, 8, 9}) {
            ctx.keyspace.db(0).remove(b("s"));
            for (int i = 0; i < 10; i++) {
                ctx.run("SADD", "s", "m" + i);
            }
            List<String> popped = bulks(ctx.run("SPOP", "s", Integer.toString(count)));
            assertEquals(count, popped.size());
            assertEquals(count, new HashSet<>(popped).size());
            SetValue rest = set("s");
            assertEquals(10 - count, rest.size());
            for (String m : popped) {
                assertFalse(rest.contains(b(m)));
            }
        }
    }

    @Test
    void spopRebuildPicksANewEncoding() {
        // A hashtable of integers: popping 18 of 20 keeps 2 in a freshly created (int) set.
        SetValue s = SetValue.newHashtable(ctx.keyspace.hasher());
        for (int i = 1; i <= 20; i++) {
            s.addInteger(i, 512);
        }
        ctx.db().put(b("s"), s);
        assertEquals(18, bulks(ctx.run("SPOP", "s", "18")).size());
        assertEquals("intset", encoding("s"));
        assertEquals(2, set("s").size());
    }

    @Test
    void srandmemberShapesAndCounts() {
        assertEquals("$-1\r\n", ctx.run("SRANDMEMBER", "missing"));
        assertEquals("*0\r\n", ctx.run("SRANDMEMBER", "missing", "3"));
        String range = "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n";
        assertEquals(range, ctx.run("SRANDMEMBER", "missing", "-9223372036854775808"));
        assertEquals(NOT_INT, ctx.run("SRANDMEMBER", "missing", "x"));
        for (int i = 0; i < 20; i++) {
            ctx.run("SADD", "s", Integer.toString(i));
            ctx.run("SADD", "w", "w" + i);
        }
        assertEquals(SYNTAX, ctx.run("SRANDMEMBER", "s", "1", "2"));
        assertEquals("*0\r\n", ctx.run("SRANDMEMBER", "s", "0"));
        for (String key : List.of("s", "w")) {
            SetValue v = set(key);
            for (int count : new int[] {1, 2, 6, 7, 19}) {
                List<String> got = bulks(ctx.run("SRANDMEMBER", key, Integer.toString(count)));
                assertEquals(count, got.size());
                assertEquals(count, new HashSet<>(got).size(), "distinct");
                got.forEach(m -> assertTrue(v.contains(b(m))));
            }
            List<String> repeated = bulks(ctx.run("SRANDMEMBER", key, "-50"));
            assertEquals(50, repeated.size());
            repeated.forEach(m -> assertTrue(v.contains(b(m))));
            assertEquals(20, bulks(ctx.run("SRANDMEMBER", key, "9223372036854775807")).size());
            assertEquals(20, v.size(), "nothing removed");
        }
        ctx.resp3();
        assertEquals("*0\r\n", ctx.run("SRANDMEMBER", "missing", "3"), "an array even in RESP3, as 7.0");
        assertTrue(ctx.run("SRANDMEMBER", "s", "3").startsWith("*3\r\n"));
    }

    @Test
    void hugeNegativeCountsAllocateNothing() {
        ctx.run("SADD", "s", "1");
        assertEquals("*0\r\n", ctx.run("SRANDMEMBER", "missing", "-9223372036854775807"));
        assertEquals("*1\r\n$1\r\n1\r\n", ctx.run("SRANDMEMBER", "s", "9223372036854775807"));
        assertEquals("*1\r\n$1\r\n1\r\n", ctx.run("SPOP", "s", "9223372036854775807"));
    }

    @Test
    void setAlgebraRepliesAndStores() {
        ctx.run("SADD", "a", "1", "2", "3", "4");
        ctx.run("SADD", "b", "3", "4", "5");
        ctx.run("SADD", "w", "4", "x");
        assertEquals("*2\r\n$1\r\n3\r\n$1\r\n4\r\n", ctx.run("SINTER", "a", "b"));
        assertEquals("*0\r\n", ctx.run("SINTER", "a", "missing"));
        assertEquals("*5\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n$1\r\n5\r\n", ctx.run("SUNION", "a", "b"));
        assertEquals("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", ctx.run("SDIFF", "a", "b"));
        assertEquals("*0\r\n", ctx.run("SDIFF", "a", "a"));
        assertEquals(":1\r\n", ctx.run("SINTERSTORE", "d", "a", "w"));
        assertEquals("intset", encoding("d"));
        assertEquals(":6\r\n", ctx.run("SUNIONSTORE", "d", "a", "b", "w"));
        assertEquals("hashtable", encoding("d"));
        assertEquals(":0\r\n", ctx.run("SDIFFSTORE", "d", "a", "a"));
        assertEquals(null, ctx.db().get(b("d")));
        ctx.db().put(b("str"), b("v"));
        assertEquals(":0\r\n", ctx.run("SINTERSTORE", "str", "a", "missing"));
        assertEquals(null, ctx.db().get(b("str")));
        ctx.resp3();
        assertEquals("~1\r\n$1\r\n4\r\n", ctx.run("SINTER", "a", "b", "w"));
    }

    @Test
    void sdiffAlgorithmDecidesTheStoredEncoding() {
        ctx.run("SADD", "wi", "1", "z");
        ctx.run("SADD", "z1", "z");
        assertEquals(":1\r\n", ctx.run("SDIFFSTORE", "r1", "wi", "z1"));
        assertEquals("intset", encoding("r1"));
        // Three sets: half of 3*6 = 9 exceeds 6+1+1, so algorithm 2 copies the first set (a
        // hashtable because of "z") and removes from it: a hashtable of integers remains.
        ctx.run("SADD", "first", "1", "2", "3", "4", "5", "z");
        ctx.run("SADD", "z2", "z");
        assertEquals(":5\r\n", ctx.run("SDIFFSTORE", "r2", "first", "z1", "z2"));
        assertEquals("hashtable", encoding("r2"));
        assertEquals(":5\r\n", ctx.run("SINTERSTORE", "r3", "r2"));
        assertEquals("intset", encoding("r3"));
    }

    @Test
    void sintercardParsesAsRedis() {
        ctx.run("SADD", "a", "1", "2", "3", "4");
        ctx.run("SADD", "b", "2", "3", "4", "5");
        assertEquals(":3\r\n", ctx.run("SINTERCARD", "2", "a", "b"));
        assertEquals(":2\r\n", ctx.run("SINTERCARD", "2", "a", "b", "LIMIT", "2"));
        assertEquals(":3\r\n", ctx.run("SINTERCARD", "2", "a", "b", "limit", "0"));
        assertEquals(":0\r\n", ctx.run("SINTERCARD", "2", "a", "missing"));
        String numkeys = "-ERR numkeys should be greater than 0\r\n";
        assertEquals(numkeys, ctx.run("SINTERCARD", "0", "a"));
        assertEquals(numkeys, ctx.run("SINTERCARD", "x", "a"));
        assertEquals("-ERR Number of keys can't be greater than number of args\r\n", ctx.run("SINTERCARD", "2", "a"));
        assertEquals("-ERR LIMIT can't be negative\r\n", ctx.run("SINTERCARD", "1", "a", "LIMIT", "-1"));
        assertEquals("-ERR LIMIT can't be negative\r\n", ctx.run("SINTERCARD", "1", "a", "LIMIT", "x"));
        assertEquals(SYNTAX, ctx.run("SINTERCARD", "1", "a", "LIMIT"));
        assertEquals(SYNTAX, ctx.run("SINTERCARD", "1", "a", "FOO", "1"));
    }

    @Test
    void sscanOfIntsetsAndHashtables() {
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", ctx.run("SSCAN", "missing", "0"));
        assertEquals("-ERR invalid cursor\r\n", ctx.run("SSCAN", "missing", "x"));
        ctx.run("SADD", "s", "3", "1", "2");
        assertEquals("*2\r\n$1\r\n0\r\n*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", ctx.run("SSCAN", "s", "99"));
        assertEquals("*2\r\n$1\r\n0\r\n*1\r\n$1\r\n2\r\n", ctx.run("SSCAN", "s", "0", "MATCH", "2"));
        assertEquals(SYNTAX, ctx.run("SSCAN", "s", "0", "COUNT", "0"));
        assertEquals(NOT_INT, ctx.run("SSCAN", "s", "0", "COUNT", "x"));
        assertEquals(SYNTAX, ctx.run("SSCAN", "s", "0", "TYPE", "set"));
        for (int i = 0; i < 300; i++) {
            ctx.run("SADD", "h", "m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            String reply = ctx.run("SSCAN", "h", cursor, "COUNT", "20");
            String[] lines = reply.split("\r\n");
            cursor = lines[2];
            List<String> members = bulks("*0\r\n" + reply.substring(reply.indexOf("\r\n*", 4) + 2));
            seen.addAll(members);
        } while (!cursor.equals("0"));
        assertEquals(300, seen.size());
    }

    @Test
    void metadataMatchesRedis() {
        var byName = new java.util.HashMap<String, io.redisinternals.command.CommandSpec>();
        SetCommands.specs().forEach(s -> byName.put(s.name(), s));
        assertEquals(Set.of("sadd", "srem", "scard", "sismember", "smismember", "smembers", "smove", "spop",
                "srandmember", "sscan", "sinter", "sintercard", "sinterstore", "sunion", "sunionstore", "sdiff",
                "sdiffstore"), byName.keySet());
        assertEquals(-3, byName.get("sintercard").arity());
        assertTrue(byName.get("sintercard").keySpecs().get(0).isKeynum());
        assertEquals(4, byName.get("smove").arity());
    }
}
