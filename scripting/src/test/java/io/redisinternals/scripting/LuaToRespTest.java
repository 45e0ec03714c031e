package io.redisinternals.scripting;

import static io.redisinternals.scripting.LuaValues.array;
import static io.redisinternals.scripting.LuaValues.s;
import static io.redisinternals.scripting.LuaValues.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Script return values as replies (Redis's luaReplyToRedisReply). */
class LuaToRespTest {

    static String reply(Object value, RespVersion client, boolean resp3Script) {
        ReplyWriter out = new ReplyWriter();
        out.version(client);
        LuaToResp.write(out, value, resp3Script);
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    static String reply(Object value) {
        return reply(value, RespVersion.RESP2, false);
    }

    @Test
    void scalars() {
        assertEquals(":3\r\n", reply(3.99));
        assertEquals(":-3\r\n", reply(-3.99));
        assertEquals(":0\r\n", reply(-0.0));
        assertEquals(":1000000000000000\r\n", reply(1e15));
        assertEquals("$2\r\nhi\r\n", reply(s("hi")));
        assertEquals("$3\r\na\0b\r\n", reply(LuaString.wrap(new byte[] {'a', 0, 'b'})));
        assertEquals("$-1\r\n", reply(null));
        assertEquals("_\r\n", reply(null, RespVersion.RESP3, false));
        assertEquals("$-1\r\n", reply(LuaFunction.of("f", (st, a) -> a)));
    }

    @Test
    void booleansDependOnTheScriptsProtocolNullsOnTheClients() {
        assertEquals(":1\r\n", reply(true));
        assertEquals("$-1\r\n", reply(false));
        assertEquals(":1\r\n", reply(true, RespVersion.RESP3, false));
        assertEquals("_\r\n", reply(false, RespVersion.RESP3, false));
        assertEquals("#t\r\n", reply(true, RespVersion.RESP3, true));
        assertEquals("#f\r\n", reply(false, RespVersion.RESP3, true));
        assertEquals(":1\r\n", reply(true, RespVersion.RESP2, true));
        assertEquals(":0\r\n", reply(false, RespVersion.RESP2, true));
    }

    @Test
    void arraysStopAtTheFirstNil() {
        assertEquals("*2\r\n:1\r\n:2\r\n", reply(array(1.0, 2.0, null, 4.0)));
        assertEquals("*0\r\n", reply(new LuaTable()));
        assertEquals("*0\r\n", reply(table("a", 1.0)));
        assertEquals("*2\r\n:1\r\n*2\r\n:2\r\n*1\r\n:3\r\n", reply(array(1.0, array(2.0, array(3.0)))));
        assertEquals("*5\r\n:1\r\n+a\r\n-b\r\n:1\r\n$-1\r\n",
                reply(array(1.0, table("ok", s("a")), table("err", s("b")), true, false)));
    }

    @Test
    void statusAndErrorTables() {
        assertEquals("+fine\r\n", reply(table("ok", s("fine"))));
        assertEquals("+a  b\r\n", reply(table("ok", s("a\r\nb"))));
        assertEquals("+a\r\n", reply(table("ok", LuaString.wrap(new byte[] {'a', 0, 'b'}))));
        assertEquals("-My Error\r\n", reply(table("err", s("My Error"))));
        assertEquals("-  x\r\n", reply(table("err", s("\r\nx\r\n"))));
        assertEquals("-a  b\r\n", reply(table("err", s("a\r\nb"))));
        assertEquals("-\r\n", reply(table("err", s(""))));
        // err wins over ok; a non-string err is no error
        assertEquals("-e\r\n", reply(table("ok", s("o"), "err", s("e"))));
        assertEquals("+o\r\n", reply(table("ok", s("o"), "err", 1.0)));
        // a number ok is not a status: the table is an (empty) array
        assertEquals("*0\r\n", reply(table("ok", 1.0)));
    }

    @Test
    void resp3Tables() {
        assertEquals(",1.5\r\n", reply(table("double", 1.5), RespVersion.RESP3, false));
        assertEquals("$3\r\n1.5\r\n", reply(table("double", 1.5)));
        assertEquals("(123\r\n", reply(table("big_number", s("123")), RespVersion.RESP3, false));
        assertEquals("$3\r\n123\r\n", reply(table("big_number", s("123"))));
        LuaTable verbatim = table("verbatim_string", table("format", s("txt"), "string", s("hi")));
        assertEquals("=6\r\ntxt:hi\r\n", reply(verbatim, RespVersion.RESP3, false));
        assertEquals("$2\r\nhi\r\n", reply(verbatim));
        assertEquals("%1\r\n$1\r\na\r\n:1\r\n", reply(table("map", table("a", 1.0)), RespVersion.RESP3, false));
        assertEquals("*2\r\n$1\r\na\r\n:1\r\n", reply(table("map", table("a", 1.0))));
        assertEquals("~1\r\n$1\r\nb\r\n", reply(table("set", table("b", true)), RespVersion.RESP3, false));
        assertEquals("*1\r\n$1\r\nb\r\n", reply(table("set", table("b", true))));
    }

    @Test
    void aTableContainingItselfEndsWithRedisStackLimitError() {
        LuaTable t = new LuaTable();
        t.rawset(1, t);
        String r = reply(t);
        assertTrue(r.endsWith("*1\r\n-ERR reached lua stack limit\r\n"), r.substring(r.length() - 60));
        assertEquals(LuaToResp.MAX_DEPTH, r.split("\\*1\r\n", -1).length - 1);
    }
}
