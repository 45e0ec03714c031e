package io.redisinternals.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.command.CommandSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hash command replies as bytes, as measured on redis-server 7.0.15 (unit-test contexts use the default limits). */
class HashCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";

    private final TestContext ctx = new TestContext(specs());

    private static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(HashCommands.specs());
        all.addAll(StringCommands.specs());
        return all;
    }

    @Test
    void setGetAndInsertionOrder() {
        assertEquals(":2\r\n", ctx.run("HSET", "h", "a", "1", "b", "2"));
        assertEquals(":1\r\n", ctx.run("HSET", "h", "c", "3", "a", "x"));
        assertEquals("+OK\r\n", ctx.run("HMSET", "h", "d", "4"));
        assertEquals("$1\r\nx\r\n", ctx.run("HGET", "h", "a"));
        assertEquals("$-1\r\n", ctx.run("HGET", "h", "nope"));
        assertEquals("$-1\r\n", ctx.run("HGET", "missing", "a"));
        assertEquals("*3\r\n$1\r\nx\r\n$-1\r\n$1\r\n4\r\n", ctx.run("HMGET", "h", "a", "z", "d"));
        assertEquals("*8\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n",
                ctx.run("HGETALL", "h"));
        assertEquals("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", ctx.run("HKEYS", "h"));
        assertEquals("*4\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n", ctx.run("HVALS", "h"));
        assertEquals(":4\r\n", ctx.run("HLEN", "h"));
        assertEquals(":1\r\n", ctx.run("HEXISTS", "h", "b"));
        assertEquals(":0\r\n", ctx.run("HEXISTS", "h", "z"));
        assertEquals(":1\r\n", ctx.run("HSTRLEN", "h", "b"));
        assertEquals(":0\r\n", ctx.run("HSTRLEN", "missing", "b"));
        assertEquals(":0\r\n", ctx.run("HSETNX", "h", "a", "y"));
        assertEquals(":1\r\n", ctx.run("HSETNX", "h", "e", "5"));
        assertEquals("*0\r\n", ctx.run("HGETALL", "missing"));
        assertEquals("*0\r\n", ctx.run("HKEYS", "missing"));
    }

    @Test
    void resp3MapAndEmptyMap() {
        ctx.resp3();
        ctx.run("HSET", "h", "a", "1");
        assertEquals("%1\r\n$1\r\na\r\n$1\r\n1\r\n", ctx.run("HGETALL", "h"));
        assertEquals("%0\r\n", ctx.run("HGETALL", "missing"));
        assertEquals("*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", ctx.run("HRANDFIELD", "h", "5", "WITHVALUES"));
        assertEquals("*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
                ctx.run("HRANDFIELD", "h", "-2", "WITHVALUES"));
    }

    @Test
    void hdelRemovesTheEmptiedKey() {
        ctx.run("HSET", "h", "a", "1", "b", "2");
        assertEquals(":0\r\n", ctx.run("HDEL", "missing", "a"));
        assertEquals(":1\r\n", ctx.run("HDEL", "h", "a", "a", "z"));
        assertEquals(":1\r\n", ctx.run("HDEL", "h", "b", "a"));
        assertEquals(null, ctx.db().peek(Argv.of("h"), 0));
    }

    @Test
    void arityAndWrongType() {
        assertEquals("-ERR wrong number of arguments for 'hset' command\r\n", ctx.run("HSET", "h", "a", "1", "b"));
        assertEquals("-ERR wrong number of arguments for 'hmset' command\r\n", ctx.run("HMSET", "h", "a", "1", "b"));
        ctx.run("SET", "s", "x");
        for (String[] cmd : new String[][] {{"HSET", "s", "a", "1"}, {"HSETNX", "s", "a", "1"}, {"HGET", "s", "a"},
            {"HMGET", "s", "a"}, {"HGETALL", "s"}, {"HDEL", "s", "a"}, {"HEXISTS", "s", "a"}, {"HLEN", "s"},
            {"HKEYS", "s"}, {"HVALS", "s"}, {"HSTRLEN", "s", "a"}, {"HINCRBY", "s", "a", "1"},
            {"HINCRBYFLOAT", "s", "a", "1"}, {"HRANDFIELD", "s"}, {"HRANDFIELD", "s", "2"}, {"HSCAN", "s", "0"}}) {
            assertEquals(WRONGTYPE, ctx.run(cmd), String.join(" ", cmd));
        }
        assertEquals(NOT_INT, ctx.run("HINCRBY", "s", "a", "x"));
        assertEquals("-ERR value is not a valid float\r\n", ctx.run("HINCRBYFLOAT", "s", "a", "x"));
        assertEquals("-ERR value is NaN or Infinity\r\n", ctx.run("HINCRBYFLOAT", "s", "a", "inf"));
        assertEquals("-ERR invalid cursor\r\n", ctx.run("HSCAN", "s", "x"));
    }

    @Test
    void counters() {
        assertEquals(":5\r\n", ctx.run("HINCRBY", "h", "n", "5"));
        assertEquals(":-2\r\n", ctx.run("HINCRBY", "h", "n", "-7"));
        ctx.run("HSET", "h", "s", "01", "max", "9223372036854775807");
        assertEquals("-ERR hash value is not an integer\r\n", ctx.run("HINCRBY", "h", "s", "1"));
        assertEquals("-ERR increment or decrement would overflow\r\n", ctx.run("HINCRBY", "h", "max", "1"));
        assertEquals(NOT_INT, ctx.run("HINCRBY", "h", "n", "1.5"));
        assertEquals("$4\r\n10.5\r\n", ctx.run("HINCRBYFLOAT", "f", "x", "10.5"));
        assertEquals("$4\r\n10.6\r\n", ctx.run("HINCRBYFLOAT", "f", "x", "0.1"));
        assertEquals("$2\r\n-2\r\n", ctx.run("HINCRBYFLOAT", "h", "n", "0"));
        ctx.run("HSET", "f", "bad", "abc", "inf", "inf");
        assertEquals("-ERR hash value is not a float\r\n", ctx.run("HINCRBYFLOAT", "f", "bad", "1"));
        assertEquals("-ERR increment would produce NaN or Infinity\r\n", ctx.run("HINCRBYFLOAT", "f", "inf", "1"));
        assertEquals("-ERR value is not a valid float\r\n", ctx.run("HINCRBYFLOAT", "f", "x", "nan"));
    }

    @Test
    void encodingFollowsTheLimits() {
        ctx.run("HSET", "v", "a", "x".repeat(64));
        assertEquals("listpack", hash("v").encoding());
        ctx.run("HSET", "v", "b", "x".repeat(65));
        assertEquals("hashtable", hash("v").encoding());
        ctx.run("HINCRBY", "i", "f".repeat(65), "1");
        assertEquals("hashtable", hash("i").encoding());
        ctx.run("HSET", "n", "a", "1");
        ctx.run("HSETNX", "n", "a", "x".repeat(100));
        assertEquals("listpack", hash("n").encoding());
        for (int i = 0; i < 512; i++) {
            ctx.run("HSET", "big", "f" + i, "v");
        }
        assertEquals("listpack", hash("big").encoding());
        ctx.run("HSET", "big", "one-more", "v");
        assertEquals("hashtable", hash("big").encoding());
        assertEquals(":513\r\n", ctx.run("HLEN", "big"));
    }

    @Test
    void hrandfieldCountsAndErrors() {
        assertEquals("$-1\r\n", ctx.run("HRANDFIELD", "missing"));
        assertEquals("*0\r\n", ctx.run("HRANDFIELD", "missing", "5"));
        assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
                ctx.run("HRANDFIELD", "missing", "-9223372036854775808"));
        assertEquals("-ERR value is out of range\r\n",
                ctx.run("HRANDFIELD", "missing", "-4611686018427387904", "WITHVALUES"));
        assertEquals("*0\r\n", ctx.run("HRANDFIELD", "missing", "-4611686018427387903", "WITHVALUES"));
        assertEquals("-ERR syntax error\r\n", ctx.run("HRANDFIELD", "missing", "4611686018427387904", "withvalue"));
        assertEquals(NOT_INT, ctx.run("HRANDFIELD", "missing", "x", "withvalue"));
        for (int limit : new int[] {0, 1}) {
            String key = "h" + limit;
            for (int i = 0; i < 50; i++) {
                ctx.run("HSET", key, "f" + i, "v" + i);
            }
            if (limit == 0) {
                hash(key).convert();
            }
            assertEquals("*0\r\n", ctx.run("HRANDFIELD", key, "0"));
            for (int count : new int[] {1, 3, 20, 49, 50, 80}) {
                List<String> picks = elements(ctx.run("HRANDFIELD", key, Integer.toString(count)));
                assertEquals(Math.min(count, 50), picks.size());
                assertEquals(picks.size(), new HashSet<>(picks).size(), "distinct for count " + count);
                picks.forEach(p -> assertTrue(p.matches("f\\d+"), p));
            }
            List<String> repeated = elements(ctx.run("HRANDFIELD", key, "-200", "WITHVALUES"));
            assertEquals(400, repeated.size());
            for (int i = 0; i < repeated.size(); i += 2) {
                assertEquals("v" + repeated.get(i).substring(1), repeated.get(i + 1));
            }
        }
    }

    @Test
    void hscan() {
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", ctx.run("HSCAN", "missing", "0"));
        ctx.run("HSET", "h", "f1", "v1", "g1", "w1", "f2", "v2");
        assertEquals("*2\r\n$1\r\n0\r\n*4\r\n$2\r\nf1\r\n$2\r\nv1\r\n$2\r\nf2\r\n$2\r\nv2\r\n",
                ctx.run("HSCAN", "h", "77", "MATCH", "f*", "COUNT", "1"));
        assertEquals("-ERR syntax error\r\n", ctx.run("HSCAN", "h", "0", "COUNT", "0"));
        assertEquals("-ERR syntax error\r\n", ctx.run("HSCAN", "h", "0", "TYPE", "hash"));
        assertEquals(NOT_INT, ctx.run("HSCAN", "h", "0", "COUNT", "x"));
        for (int i = 0; i < 600; i++) {
            ctx.run("HSET", "big", "k" + i, "v" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            String reply = ctx.run("HSCAN", "big", cursor, "COUNT", "20");
            List<String> parts = elements(reply);
            cursor = parts.get(0);
            for (int i = 1; i < parts.size(); i += 2) {
                assertEquals("v" + parts.get(i).substring(1), parts.get(i + 1));
                seen.add(parts.get(i));
            }
        } while (!cursor.equals("0"));
        assertEquals(600, seen.size());
    }

    private HashValue hash(String key) {
        return (HashValue) ctx.db().peek(Argv.of(key), 0);
    }

    /** The bulk strings of a reply, in order, whatever the nesting. */
    private static List<String> elements(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$") && !lines[i].equals("$-1")) {
                out.add(lines[++i]);
            }
        }
        return out;
    }
}
