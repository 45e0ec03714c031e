package io.redisinternals.scripting;

import static io.redisinternals.scripting.LuaValues.array;
import static io.redisinternals.scripting.LuaValues.s;
import static io.redisinternals.scripting.LuaValues.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversions against redis-server 7.0's own, byte for byte, for RESP2 and RESP3 clients and
 * scripts with and without redis.setresp(3):
 * <ul>
 * <li>return values: a Lua value built here, written by {@link LuaToResp}, against
 *     {@code EVAL "return <the same value as Lua source>"};</li>
 * <li>both directions at once: a command's reply bytes from the reference, read by
 *     {@link RespToLua} then written by {@link LuaToResp}, against
 *     {@code EVAL "return redis.pcall(unpack(ARGV))"} of the same command.</li>
 * </ul>
 * Maps and sets hold one entry: with more, the order is the Lua table's traversal order, which is
 * the interpreter's business (the lua module reproduces Lua 5.1's).
 */
class ConversionDifferentialTest {

    private static ReferenceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ReferenceServer.start();
        try (ReferenceServer.Connection c = server.connect()) {
            c.call("SET", "str", "hello");
            c.call("RPUSH", "list", "a", "b", "c");
            c.call("HSET", "hash", "f", "v");
            c.call("SADD", "set", "m");
            c.call("ZADD", "zset", "1.5", "z");
            c.call("SET", "int", "12");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Literal(String lua, Object value) {
    }

    private static final List<Literal> LITERALS = List.of(
            new Literal("3.99", 3.99),
            new Literal("-3.99", -3.99),
            new Literal("1e15", 1e15),
            new Literal("0", 0.0),
            new Literal("'hi'", s("hi")),
            new Literal("'a\\0b'", LuaString.wrap(new byte[] {'a', 0, 'b'})),
            new Literal("''", LuaString.EMPTY),
            new Literal("nil", null),
            new Literal("true", true),
            new Literal("false", false),
            new Literal("{1,2,nil,4}", array(1.0, 2.0, null, 4.0)),
            new Literal("{}", new LuaTable()),
            new Literal("{a=1}", table("a", 1.0)),
            new Literal("{1,{2,{3,'x'}}}", array(1.0, array(2.0, array(3.0, s("x"))))),
            new Literal("{1,{ok='a'},{err='b'},true,false}",
                    array(1.0, table("ok", s("a")), table("err", s("b")), true, false)),
            new Literal("{ok='fine'}", table("ok", s("fine"))),
            new Literal("{ok='a\\r\\nb'}", table("ok", s("a\r\nb"))),
            new Literal("{ok='a\\0b'}", table("ok", LuaString.wrap(new byte[] {'a', 0, 'b'}))),
            new Literal("{err='My Error'}", table("err", s("My Error"))),
            new Literal("{err='\\r\\nx\\r\\n'}", table("err", s("\r\nx\r\n"))),
            new Literal("{err=''}", table("err", LuaString.EMPTY)),
            new Literal("{ok='o', err='e'}", table("ok", s("o"), "err", s("e"))),
            new Literal("{ok=1}", table("ok", 1.0)),
            new Literal("{double=1.5}", table("double", 1.5)),
            new Literal("{double=1/0}", table("double", Double.POSITIVE_INFINITY)),
            new Literal("{double=0.1}", table("double", 0.1)),
            new Literal("{big_number='123456789012345678901234567890'}",
                    table("big_number", s("123456789012345678901234567890"))),
            new Literal("{big_number='1\\r\\n2'}", table("big_number", s("1\r\n2"))),
            new Literal("{verbatim_string={format='txt',string='hi'}}",
                    table("verbatim_string", table("format", s("txt"), "string", s("hi")))),
            new Literal("{verbatim_string={format='txt'}}", table("verbatim_string", table("format", s("txt")))),
            new Literal("{map={a=1}}", table("map", table("a", 1.0))),
            new Literal("{map={a={1,true}}}", table("map", table("a", array(1.0, true)))),
            new Literal("{set={b=true}}", table("set", table("b", true))),
            new Literal("{map=1}", table("map", 1.0)));

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String ours(Object value, RespVersion client, boolean resp3Script) {
        ReplyWriter out = new ReplyWriter();
        out.version(client);
        LuaToResp.write(out, value, resp3Script);
        return text(out.toByteArray());
    }

    @Test
    void returnValuesAsRedis() throws Exception {
        for (RespVersion client : RespVersion.values()) {
            try (ReferenceServer.Connection c = server.connect()) {
                c.call("HELLO", client == RespVersion.RESP3 ? "3" : "2");
                for (boolean resp3Script : new boolean[] {false, true}) {
                    for (Literal l : LITERALS) {
                        String script = (resp3Script ? "redis.setresp(3) " : "") + "return " + l.lua;
                        assertEquals(text(c.call("EVAL", script, "0")), ours(l.value, client, resp3Script),
                                script + " for a " + client + " client");
                    }
                }
            }
        }
    }

    private static final List<List<String>> COMMANDS = List.of(
            List.of("GET", "str"), List.of("GET", "nokey"), List.of("INCRBY", "int", "0"), List.of("PING"),
            List.of("SET", "k", "v"), List.of("LRANGE", "list", "0", "-1"), List.of("LRANGE", "nokey", "0", "-1"),
            List.of("LPOP", "nokey", "1"), List.of("GET", "list"), List.of("HGETALL", "hash"),
            List.of("SMEMBERS", "set"), List.of("ZSCORE", "zset", "z"), List.of("ZRANGE", "zset", "0", "-1", "WITHSCORES"),
            List.of("OBJECT", "ENCODING", "nokey"), List.of("MEMORY", "DOCTOR"), List.of("INCR", "str"),
            List.of("HRANDFIELD", "hash", "1", "WITHVALUES"), List.of("ECHO", "a\r\nb"));

    @Test
    void commandRepliesThroughBothConversionsAsRedis() throws Exception {
        for (RespVersion client : RespVersion.values()) {
            for (boolean resp3Script : new boolean[] {false, true}) {
                try (ReferenceServer.Connection c = server.connect();
                     ReferenceServer.Connection asScript = server.connect()) {
                    c.call("HELLO", client == RespVersion.RESP3 ? "3" : "2");
                    asScript.call("HELLO", resp3Script ? "3" : "2");
                    for (List<String> command : COMMANDS) {
                        String[] eval = new String[command.size() + 3];
                        eval[0] = "EVAL";
                        eval[1] = (resp3Script ? "redis.setresp(3) " : "") + "return redis.pcall(unpack(ARGV))";
                        eval[2] = "0";
                        for (int i = 0; i < command.size(); i++) {
                            eval[3 + i] = command.get(i);
                        }
                        String expected = text(c.call(eval));
                        Object value = RespToLua.convert(asScript.call(command.toArray(String[]::new)));
                        assertEquals(expected, ours(value, client, resp3Script),
                                command + " for a " + client + " client, script resp3=" + resp3Script);
                    }
                }
            }
        }
    }
}
