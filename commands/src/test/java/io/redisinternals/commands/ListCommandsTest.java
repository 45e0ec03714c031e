package io.redisinternals.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The list commands' replies (non-blocking paths; blocking is covered by the conformance suite). */
class ListCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private final TestContext ctx = new TestContext(specs());

    private static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(ListCommands.specs());
        all.addAll(StringCommands.specs());
        return all;
    }

    private static CommandSpec spec(String name) {
        return ListCommands.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static String bulks(String... values) {
        StringBuilder sb = new StringBuilder("*" + values.length + "\r\n");
        for (String v : values) {
            sb.append('$').append(v.length()).append("\r\n").append(v).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void lpushReversesItsArgumentsAndRpushKeepsThem() {
        assertEquals(":3\r\n", ctx.run("LPUSH", "l", "a", "b", "c"));
        assertEquals(":5\r\n", ctx.run("RPUSH", "l", "d", "e"));
        assertEquals(bulks("c", "b", "a", "d", "e"), ctx.run("LRANGE", "l", "0", "-1"));
        assertEquals(":0\r\n", ctx.run("LPUSHX", "missing", "a"));
        assertNull(ctx.db().get("missing".getBytes()));
        assertEquals(":6\r\n", ctx.run("RPUSHX", "l", "f"));
    }

    @Test
    void popNullShapesDependOnCountAndProtocol() {
        assertEquals("$-1\r\n", ctx.run("LPOP", "missing"));
        assertEquals("*-1\r\n", ctx.run("LPOP", "missing", "0"));
        assertEquals("-ERR value is out of range, must be positive\r\n", ctx.run("RPOP", "missing", "-1"));
        ctx.run("RPUSH", "l", "a", "b");
        assertEquals("*0\r\n", ctx.run("LPOP", "l", "0"));
        assertEquals(bulks("b", "a"), ctx.run("RPOP", "l", "9223372036854775807"));
        assertNull(ctx.db().get("l".getBytes()), "an emptied list is deleted");
        ctx.resp3();
        assertEquals("_\r\n", ctx.run("LPOP", "missing"));
        assertEquals("_\r\n", ctx.run("LPOP", "missing", "2"));
    }

    @Test
    void rangesClipHugeAndNegativeIndexes() {
        ctx.run("RPUSH", "l", "a", "b", "c");
        assertEquals(bulks("a", "b", "c"), ctx.run("LRANGE", "l", "-9223372036854775808", "9223372036854775807"));
        assertEquals("*0\r\n", ctx.run("LRANGE", "l", "2", "1"));
        assertEquals(bulks("c"), ctx.run("LRANGE", "l", "-1", "100"));
        assertEquals("$1\r\nc\r\n", ctx.run("LINDEX", "l", "-1"));
        assertEquals("$-1\r\n", ctx.run("LINDEX", "l", "3"));
        assertEquals("+OK\r\n", ctx.run("LTRIM", "l", "1", "1"));
        assertEquals(bulks("b"), ctx.run("LRANGE", "l", "0", "-1"));
        assertEquals("+OK\r\n", ctx.run("LTRIM", "l", "5", "1"));
        assertNull(ctx.db().get("l".getBytes()));
    }

    @Test
    void insertSetAndRemove() {
        assertEquals(":0\r\n", ctx.run("LINSERT", "l", "BEFORE", "p", "x"));
        ctx.run("RPUSH", "l", "a", "p", "a");
        assertEquals(":-1\r\n", ctx.run("LINSERT", "l", "BEFORE", "nope", "x"));
        assertEquals(":4\r\n", ctx.run("LINSERT", "l", "AFTER", "p", "q"));
        assertEquals("-ERR syntax error\r\n", ctx.run("LINSERT", "l", "MIDDLE", "p", "q"));
        assertEquals("+OK\r\n", ctx.run("LSET", "l", "-1", "z"));
        assertEquals("-ERR index out of range\r\n", ctx.run("LSET", "l", "4", "z"));
        assertEquals("-ERR no such key\r\n", ctx.run("LSET", "missing", "x", "z"));
        assertEquals(bulks("a", "p", "q", "z"), ctx.run("LRANGE", "l", "0", "-1"));
        assertEquals(":1\r\n", ctx.run("LREM", "l", "-5", "q"));
        assertEquals(":0\r\n", ctx.run("LREM", "l", "0", "q"));
        assertEquals(bulks("a", "p", "z"), ctx.run("LRANGE", "l", "0", "-1"));
    }

    @Test
    void lposOptionsAndErrors() {
        ctx.run("RPUSH", "l", "a", "b", "c", "b", "a", "b");
        assertEquals(":1\r\n", ctx.run("LPOS", "l", "b"));
        assertEquals(":3\r\n", ctx.run("LPOS", "l", "b", "RANK", "-2"));
        assertEquals("*3\r\n:1\r\n:3\r\n:5\r\n", ctx.run("LPOS", "l", "b", "COUNT", "0"));
        assertEquals("*1\r\n:1\r\n", ctx.run("LPOS", "l", "b", "COUNT", "0", "MAXLEN", "2"));
        assertEquals("*3\r\n:5\r\n:3\r\n:1\r\n", ctx.run("LPOS", "l", "b", "RANK", "-9223372036854775808", "COUNT", "1"));
        assertTrue(ctx.run("LPOS", "l", "b", "RANK", "0").startsWith("-ERR RANK can't be zero"));
        assertEquals("-ERR COUNT can't be negative\r\n", ctx.run("LPOS", "l", "b", "COUNT", "x"));
        assertEquals("-ERR MAXLEN can't be negative\r\n", ctx.run("LPOS", "l", "b", "MAXLEN", "-1"));
        assertEquals("-ERR syntax error\r\n", ctx.run("LPOS", "l", "b", "RANK"));
        assertEquals("*0\r\n", ctx.run("LPOS", "missing", "b", "COUNT", "1"));
        assertEquals("$-1\r\n", ctx.run("LPOS", "missing", "b"));
    }

    @Test
    void movesRotateAndCheckTheDestinationFirst() {
        ctx.run("RPUSH", "l", "only");
        assertEquals("$4\r\nonly\r\n", ctx.run("LMOVE", "l", "l", "LEFT", "RIGHT"));
        assertEquals(bulks("only"), ctx.run("LRANGE", "l", "0", "-1"));
        ctx.run("SET", "s", "x");
        assertEquals(WRONGTYPE, ctx.run("RPOPLPUSH", "l", "s"));
        assertEquals(bulks("only"), ctx.run("LRANGE", "l", "0", "-1"));
        assertEquals("$-1\r\n", ctx.run("RPOPLPUSH", "missing", "s"));
        assertEquals("$4\r\nonly\r\n", ctx.run("RPOPLPUSH", "l", "d"));
        assertNull(ctx.db().get("l".getBytes()));
        assertEquals(bulks("only"), ctx.run("LRANGE", "d", "0", "-1"));
    }

    @Test
    void lmpopParsesInRedisOrder() {
        assertEquals("-ERR numkeys should be greater than 0\r\n", ctx.run("LMPOP", "0", "l", "LEFT"));
        assertEquals("-ERR syntax error\r\n", ctx.run("LMPOP", "2", "l", "LEFT"));
        assertEquals("-ERR syntax error\r\n", ctx.run("LMPOP", "1", "l", "middle", "COUNT", "0"));
        assertEquals("-ERR count should be greater than 0\r\n", ctx.run("LMPOP", "1", "l", "LEFT", "COUNT", "0"));
        assertEquals("-ERR syntax error\r\n", ctx.run("LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "1"));
        assertEquals("*-1\r\n", ctx.run("LMPOP", "1", "l", "LEFT"));
        ctx.run("RPUSH", "l", "a", "b", "c");
        assertEquals("*2\r\n$1\r\nl\r\n" + bulks("c", "b"), ctx.run("LMPOP", "2", "x", "l", "RIGHT", "COUNT", "2"));
    }

    @Test
    void blockingCommandsOutsideAnEngineActAtOnce() {
        assertEquals("*-1\r\n", ctx.run("BLPOP", "a", "b", "0"));
        assertEquals("$-1\r\n", ctx.run("BLMOVE", "a", "b", "LEFT", "LEFT", "0"));
        assertEquals("-ERR timeout is negative\r\n", ctx.run("BRPOP", "a", "-1"));
        assertEquals("-ERR numkeys should be greater than 0\r\n", ctx.run("BLMPOP", "-1", "0", "a", "LEFT"));
        ctx.run("RPUSH", "b", "x");
        assertEquals("*2\r\n$1\r\nb\r\n$1\r\nx\r\n", ctx.run("BLPOP", "a", "b", "0"));
    }

    @Test
    void wrongTypeEverywhere() {
        ctx.run("SET", "s", "x");
        assertEquals(WRONGTYPE, ctx.run("LPUSH", "s", "a"));
        assertEquals(WRONGTYPE, ctx.run("LLEN", "s"));
        assertEquals(WRONGTYPE, ctx.run("LINDEX", "s", "x"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("LRANGE", "s", "x", "0"));
        assertEquals(WRONGTYPE, ctx.run("LMPOP", "2", "missing", "s", "LEFT"));
        assertEquals(WRONGTYPE, ctx.run("BLPOP", "missing", "s", "0"));
    }

    @Test
    void keynumKeySpecsAndMovableKeys() {
        assertEquals(List.of(KeySpec.keynum(1, 0, 1, 1, "RW", "access", "delete")), spec("lmpop").keySpecs());
        assertEquals(List.of(KeySpec.keynum(2, 0, 1, 1, "RW", "access", "delete")), spec("blmpop").keySpecs());
        assertEquals(List.of(new KeySpec(Set.of("RW", "access", "delete"), 1, -2, 1, 0)), spec("blpop").keySpecs());
        assertTrue(spec("blmove").has(CommandFlag.BLOCKING));
    }

}
