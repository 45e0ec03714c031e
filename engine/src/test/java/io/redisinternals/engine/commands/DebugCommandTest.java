package io.redisinternals.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.redisinternals.engine.TestClient;
import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.config.ConfigException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * DEBUG's C-compatible argument parsing and its switches on the engine (the replies themselves are
 * compared with redis-server in the conformance suite).
 */
class DebugCommandTest {

    private static TestClient enabled() {
        Config config = new Config();
        try {
            config.applyStartup("enable-debug-command", java.util.List.of("yes"));
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
        return new TestClient(TestClient.boot(config));
    }

    @Test
    void strtodReadsTheLongestNumberAtTheStart() {
        assertEquals(0.5, DebugCommand.strtod("0.5"));
        assertEquals(0.5, DebugCommand.strtod("  .5s"));
        assertEquals(1.0, DebugCommand.strtod("1."));
        assertEquals(1.0, DebugCommand.strtod("1e"));
        assertEquals(-1e-3, DebugCommand.strtod("-1e-3xyz"));
        assertEquals(1.5, DebugCommand.strtod("0x1.8"));
        assertEquals(3.0, DebugCommand.strtod("0x1.8p1"));
        assertEquals(0.0, DebugCommand.strtod("0x"));
        assertEquals(0.0, DebugCommand.strtod("abc"));
        assertEquals(0.0, DebugCommand.strtod(""));
        assertEquals(Double.POSITIVE_INFINITY, DebugCommand.strtod("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, DebugCommand.strtod("-inf"));
        assertEquals(Double.NaN, DebugCommand.strtod("nan(123)"));
    }

    @Test
    void atoiIsStrtolCastToInt() {
        assertEquals(0, DebugCommand.atoi(bytes("abc")));
        assertEquals(2, DebugCommand.atoi(bytes(" +2x")));
        assertEquals(-7, DebugCommand.atoi(bytes("-7")));
        assertEquals(0, DebugCommand.atoi(bytes("4294967296")));
        assertEquals(1, DebugCommand.atoi(bytes("4294967297")));
        assertEquals(-1, DebugCommand.atoi(bytes("99999999999999999999999"))); // LONG_MAX's low 32 bits
        assertEquals(0, DebugCommand.atoi(bytes("-99999999999999999999999"))); // LONG_MIN's
        assertEquals(1, DebugCommand.atoi(new byte[] {'1', 0, '2'}));
    }

    @Test
    void twoDecimalsRoundsTheBinaryValueAsGlibc() {
        assertEquals("3.00", DebugCommand.twoDecimals(3));
        assertEquals("2.12", DebugCommand.twoDecimals(2.125)); // an exact tie: to even
        assertEquals("2.67", DebugCommand.twoDecimals(2.675)); // 2.67499999... in binary
        assertEquals("0.33", DebugCommand.twoDecimals(1.0 / 3));
    }

    @Test
    void refusedUnlessEnabled() {
        TestClient c = TestClient.fresh();
        assertEquals("-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can"
                + " run it from a local connection, otherwise you need to set this option in the configuration file,"
                + " and then restart the server.\r\n", c.call("debug", "sleep", "0"));
        assertEquals("-ERR wrong number of arguments for 'debug' command\r\n", c.call("debug"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'enable-debug-command') - can't set"
                + " immutable config\r\n", c.call("config", "set", "enable-debug-command", "yes"));
        assertEquals("+OK\r\n", enabled().call("debug", "sleep", "0"));
    }

    @Test
    void setActiveExpireZeroLeavesExpiredKeysToLazyExpiry() throws InterruptedException {
        TestClient c = enabled();
        assertEquals("+OK\r\n", c.call("debug", "set-active-expire", "0"));
        c.call("set", "k", "v", "px", "1");
        Thread.sleep(5);
        c.engine.cron(System.currentTimeMillis());
        assertEquals(":1\r\n", c.call("dbsize"));
        assertEquals("+OK\r\n", c.call("debug", "set-active-expire", "1"));
        c.engine.cron(System.currentTimeMillis());
        assertEquals(":0\r\n", c.call("dbsize"));
    }

    @Test
    void pauseCronSkipsEveryTick() throws InterruptedException {
        TestClient c = enabled();
        c.call("set", "k", "v", "px", "1");
        Thread.sleep(5);
        assertEquals("+OK\r\n", c.call("debug", "pause-cron", "1"));
        c.engine.cron(System.currentTimeMillis());
        assertEquals(":1\r\n", c.call("dbsize"));
        assertEquals("+OK\r\n", c.call("debug", "pause-cron", "0"));
        c.engine.cron(System.currentTimeMillis());
        assertEquals(":0\r\n", c.call("dbsize"));
    }

    @Test
    void changeReplIdDrawsANewId() {
        TestClient c = enabled();
        String before = c.engine.replicationId();
        assertEquals("+OK\r\n", c.call("debug", "change-repl-id"));
        assertNotEquals(before, c.engine.replicationId());
        assertEquals(40, c.engine.replicationId().length());
    }

    @Test
    void objectReadsTheTableWithoutTouchingTheKey() throws InterruptedException {
        TestClient c = enabled();
        c.call("debug", "set-active-expire", "0");
        c.call("rpush", "l", "a", "b", "c");
        c.call("set", "gone", "v", "px", "1");
        Thread.sleep(5);
        String list = c.call("debug", "object", "l");
        assertEquals(true, list.matches("\\+Value at:0x[0-9a-f]+ refcount:1 encoding:quicklist serializedlength:0"
                + " lru:\\d+ lru_seconds_idle:\\d+ ql_nodes:1 ql_avg_node:3\\.00 ql_listpack_max:-2 ql_compressed:0"
                + " ql_uncompressed_size:\\d+\r\n"), list);
        assertEquals(list.substring(0, list.indexOf(' ')), c.call("debug", "object", "l").substring(0, list.indexOf(' ')),
                "the same value prints the same stand-in address");
        assertEquals(true, c.call("debug", "object", "gone").startsWith("+Value at:0x"));
        assertEquals(":2\r\n", c.call("dbsize"));
        assertEquals("-ERR no such key\r\n", c.call("debug", "object", "nosuchkey"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
