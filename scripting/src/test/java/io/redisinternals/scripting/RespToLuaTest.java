package io.redisinternals.scripting;

import static io.redisinternals.scripting.LuaValues.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Command replies as redis.call hands them to scripts (Redis's redisProtocolToLuaType). */
class RespToLuaTest {

    private static String convert(String reply) {
        return show(RespToLua.convert(reply.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void resp2() {
        assertEquals("42", convert(":42\r\n"));
        assertEquals("-7", convert(":-7\r\n"));
        assertEquals("'hello'", convert("$5\r\nhello\r\n"));
        assertEquals("''", convert("$0\r\n\r\n"));
        assertEquals("'a\r\nb'", convert("$4\r\na\r\nb\r\n"));
        assertEquals("false", convert("$-1\r\n"));
        assertEquals("false", convert("*-1\r\n"));
        assertEquals("{ok='OK'}", convert("+OK\r\n"));
        assertEquals("{}", convert("*0\r\n"));
        assertEquals("{[1]='a', [2]=1, [3]=false, [4]={[1]='b'}}", convert("*4\r\n$1\r\na\r\n:1\r\n$-1\r\n*1\r\n$1\r\nb\r\n"));
    }

    @Test
    void errorsCarryTheirCodeAndAreNotCountedTwice() {
        assertEquals("{err='WRONGTYPE Operation against a key', ignore_error_stats_update=true}",
                convert("-WRONGTYPE Operation against a key\r\n"));
        assertEquals("{err='ERR value is not an integer', ignore_error_stats_update=true}",
                convert("-ERR value is not an integer\r\n"));
        // one word: the code is ERR (Redis's luaPushErrorBuff)
        assertEquals("{err='ERR NOPE', ignore_error_stats_update=true}", convert("-NOPE\r\n"));
        // inside an array an error is an element, as in Redis
        assertEquals("{[1]={err='ERR x', ignore_error_stats_update=true}}", convert("*1\r\n-ERR x\r\n"));
    }

    @Test
    void resp3() {
        assertEquals("{map={f='v'}}", convert("%1\r\n$1\r\nf\r\n$1\r\nv\r\n"));
        assertEquals("{set={m=true}}", convert("~1\r\n$1\r\nm\r\n"));
        assertNull(RespToLua.convert("_\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("true", convert("#t\r\n"));
        assertEquals("false", convert("#f\r\n"));
        assertEquals("{double=1.5}", convert(",1.5\r\n"));
        assertEquals("{double=Infinity}", convert(",inf\r\n"));
        assertEquals("{double=-Infinity}", convert(",-inf\r\n"));
        assertEquals("{big_number='1234567890123456789012'}", convert("(1234567890123456789012\r\n"));
        assertEquals("{verbatim_string={format='txt', string='hello'}}", convert("=9\r\ntxt:hello\r\n"));
        // attributes are skipped
        assertEquals("42", convert("|1\r\n+key\r\n+value\r\n:42\r\n"));
        // a null inside an array leaves a hole (the array's length stops before it)
        assertEquals("{[1]=1, [3]=3}", convert("*3\r\n:1\r\n_\r\n:3\r\n"));
    }
}
