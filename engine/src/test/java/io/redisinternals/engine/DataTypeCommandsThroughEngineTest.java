package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Data-type commands run through a whole engine (the command set's own unit tests in the commands
 * module call functions directly): WATCH signals of in-place writes, settings changed with CONFIG
 * SET, and the metadata as COMMAND renders it.
 */
class DataTypeCommandsThroughEngineTest {

    private static final String BAD_OFFSET = "-ERR bit offset is not an integer or out of range\r\n";

    private static String ints(long... values) {
        StringBuilder sb = new StringBuilder("*" + values.length + "\r\n");
        for (long v : values) {
            sb.append(':').append(v).append("\r\n");
        }
        return sb.toString();
    }

    private static String bulks(String... values) {
        StringBuilder sb = new StringBuilder("*" + values.length + "\r\n");
        for (String v : values) {
            sb.append('$').append(v.length()).append("\r\n").append(v).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void onlyRealChangesDisturbWatchers() {
        TestClient a = TestClient.fresh();
        TestClient b = new TestClient(a.engine);
        a.call("SET", "k", "a"); // 0x61 = 0110 0001
        String[][] untouched = {
            {"SETBIT", "k", "1", "1"}, {"SETBIT", "k", "0", "0"}, {"BITFIELD", "k", "SET", "u8", "0", "97"},
            {"BITFIELD", "k", "INCRBY", "u8", "0", "0"}, {"BITFIELD", "k", "OVERFLOW", "FAIL", "SET", "u8", "0", "300"},
            {"BITFIELD", "k", "GET", "u8", "0"}, {"GETBIT", "k", "0"}, {"BITOP", "AND", "d", "missing"},
        };
        for (String[] cmd : untouched) {
            a.call("WATCH", "k", "d");
            a.call("MULTI");
            b.call(cmd);
            assertEquals("*0\r\n", a.call("EXEC"), String.join(" ", cmd) + " must not signal");
        }
        String[][] touching = {
            {"SETBIT", "k", "0", "1"}, {"SETBIT", "k", "100", "0"}, {"BITFIELD", "k", "SET", "u8", "0", "1"},
            {"BITFIELD", "k", "SET", "u8", "200", "0"}, {"BITOP", "OR", "k", "k"},
        };
        for (String[] cmd : touching) {
            a.call("WATCH", "k");
            a.call("MULTI");
            b.call(cmd);
            assertEquals("*-1\r\n", a.call("EXEC"), String.join(" ", cmd) + " must signal");
        }
    }

    @Test
    void offsetLimitFollowsProtoMaxBulkLen() {
        TestClient c = TestClient.fresh();
        assertEquals("+OK\r\n", c.call("CONFIG", "SET", "proto-max-bulk-len", "1mb"));
        assertEquals(":0\r\n", c.call("SETBIT", "a", "8388607", "1"));
        assertEquals(":1048576\r\n", c.call("STRLEN", "a"));
        assertEquals(BAD_OFFSET, c.call("SETBIT", "a", "8388608", "1"));
        assertEquals(ints(0), c.call("BITFIELD", "b", "SET", "i64", "8388600", "1"));
        assertEquals(":1048583\r\n", c.call("STRLEN", "b"), "a field may end past the limit, as in Redis");
        assertEquals("+OK\r\n", c.call("CONFIG", "SET", "proto-max-bulk-len", "8gb"));
        assertEquals(":0\r\n", c.call("GETBIT", "a", "34359738368"));
        assertEquals("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n",
                c.call("SETBIT", "a", "34359738368", "1"), "more than a Java array holds: refused before allocating");
        assertEquals(":1048576\r\n", c.call("STRLEN", "a"));
    }
    @Test
    void listMetadataAsCommandRendersIt() {
        TestClient c = TestClient.fresh();
        String info = c.call("COMMAND", "INFO", "LMPOP");
        assertTrue(info.startsWith("*1\r\n*10\r\n$5\r\nlmpop\r\n:-4\r\n*2\r\n+write\r\n+movablekeys\r\n:0\r\n:0\r\n:0\r\n"), info);
        assertTrue(info.contains("$6\r\nkeynum\r\n$4\r\nspec\r\n*6\r\n$9\r\nkeynumidx\r\n:0\r\n$8\r\nfirstkey\r\n:1\r\n"), info);
        assertEquals(bulks("a", "b"), c.call("COMMAND", "GETKEYS", "LMPOP", "2", "a", "b", "LEFT"));
        assertEquals("-ERR Invalid arguments specified for command\r\n", c.call("COMMAND", "GETKEYS", "LMPOP", "3", "a", "LEFT"));
        assertEquals("-ERR Invalid arguments specified for command\r\n", c.call("COMMAND", "GETKEYS", "LMPOP", "0", "a", "LEFT"));
        assertEquals(bulks("a", "b"), c.call("COMMAND", "GETKEYS", "BLPOP", "a", "b", "0"));
    }

    @Test
    void objectEncodingIsQuicklist() {
        TestClient c = TestClient.fresh();
        c.call("RPUSH", "l", "1");
        assertEquals("$9\r\nquicklist\r\n", c.call("OBJECT", "ENCODING", "l"));
        assertEquals("+list\r\n", c.call("TYPE", "l"));
    }
}
