package io.redisinternals.commands;

import static io.redisinternals.commands.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.keyspace.types.ListValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SORT's parsing, ordering rules and STORE, on the engine-less test context. */
class SortCommandTest {

    private final TestContext ctx;

    SortCommandTest() {
        List<io.redisinternals.command.CommandSpec> specs = new ArrayList<>(SortCommand.specs());
        specs.addAll(ListCommands.specs());
        specs.addAll(SetCommands.specs());
        specs.addAll(HashCommands.specs());
        specs.addAll(StringCommands.specs());
        specs.addAll(SortedSetCommands.specs());
        ctx = new TestContext(specs);
    }

    @Test
    void numericSortBreaksTiesByTheElementsBytes() {
        ctx.run("RPUSH", "l", "2", "b", "1");
        assertEquals("-ERR One or more scores can't be converted into double\r\n", ctx.run("SORT", "l"));
        ctx.run("RPUSH", "n", "10", "2", "2.0", "-1", "+2");
        assertEquals("*5\r\n$2\r\n-1\r\n$2\r\n+2\r\n$1\r\n2\r\n$3\r\n2.0\r\n$2\r\n10\r\n", ctx.run("SORT", "n"));
        assertEquals("*5\r\n$2\r\n10\r\n$3\r\n2.0\r\n$1\r\n2\r\n$2\r\n+2\r\n$2\r\n-1\r\n", ctx.run("SORT", "n", "DESC"));
    }

    @Test
    void limitIsClampedAndNeverAllocatesBeyondTheSource() {
        ctx.run("RPUSH", "l", "3", "1", "2");
        assertEquals("*2\r\n$1\r\n2\r\n$1\r\n3\r\n", ctx.run("SORT", "l", "LIMIT", "1", "9223372036854775807"));
        assertEquals("*0\r\n", ctx.run("SORT", "l", "LIMIT", "9223372036854775807", "5"));
        assertEquals("*1\r\n$1\r\n1\r\n", ctx.run("SORT", "l", "LIMIT", "-9223372036854775808", "1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("SORT", "l", "LIMIT", "x", "1"));
        assertEquals("-ERR syntax error\r\n", ctx.run("SORT", "l", "LIMIT", "1"));
    }

    @Test
    void byAndGetPatternsReadStringsAndHashFields() {
        ctx.run("RPUSH", "ids", "1", "2");
        ctx.run("SET", "w_1", "5");
        ctx.run("SET", "w_2", "3");
        ctx.run("HSET", "h_1", "name", "one");
        assertEquals("*2\r\n$1\r\n2\r\n$1\r\n1\r\n", ctx.run("SORT", "ids", "BY", "w_*"));
        assertEquals("*4\r\n$1\r\n2\r\n$-1\r\n$1\r\n1\r\n$3\r\none\r\n",
                ctx.run("SORT", "ids", "BY", "w_*", "GET", "#", "GET", "h_*->name"));
        assertEquals("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", ctx.run("SORT", "ids", "BY", "constant"), "no '*': list order");
    }

    @Test
    void storeWritesAListAndAnEmptyResultDeletes() {
        ctx.run("SADD", "s", "b", "a", "c");
        ctx.run("SET", "dst", "x");
        assertEquals(":3\r\n", ctx.run("SORT", "s", "BY", "nosort", "STORE", "dst"));
        ListValue stored = (ListValue) ctx.db().get(b("dst"));
        assertEquals(3, stored.size());
        assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", ctx.run("LRANGE", "dst", "0", "-1"),
                "a set stored without sorting is sorted ALPHA, so the stored list is deterministic");
        assertEquals(":0\r\n", ctx.run("SORT", "missing", "STORE", "dst"));
        assertEquals(null, ctx.db().get(b("dst")));
        assertEquals("-ERR syntax error\r\n", ctx.run("SORT_RO", "s", "STORE", "dst"));
    }

    @Test
    void onlyListsSetsAndSortedSetsSort() {
        ctx.run("SET", "str", "1");
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", ctx.run("SORT", "str"));
        ctx.run("HSET", "h", "f", "v");
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", ctx.run("SORT", "h"));
        ctx.run("ZADD", "z", "2", "b", "1", "a");
        assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", ctx.run("SORT", "z", "BY", "nosort"));
    }
}
