package io.redisinternals.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.config.ConfigException;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.TestClient;
import io.redisinternals.resp.RespVersion;
import org.junit.jupiter.api.Test;

class ConnectionCommandsTest {

    private static String helloReply(String header, int proto, long id) {
        return header + "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:" + proto
                + "\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                + "$7\r\nmodules\r\n*0\r\n";
    }

    @Test
    void pingAndEcho() {
        TestClient c = TestClient.fresh();
        assertEquals("+PONG\r\n", c.call("ping"));
        assertEquals("$3\r\na b\r\n", c.call("ping", "a b"));
        assertEquals("$0\r\n\r\n", c.call("echo", ""));
        c.call("hello", "3");
        assertEquals("+PONG\r\n", c.call("ping"));
    }

    @Test
    void helloSwitchesProtocolAndRepliesInTheNewOne() {
        TestClient c = TestClient.fresh();
        long id = c.session.id();
        assertEquals(helloReply("%7\r\n", 3, id), c.call("HELLO", "3"));
        assertEquals(RespVersion.RESP3, c.session.protocol());
        assertEquals(RespVersion.RESP3, c.writer().version());
        assertEquals("_\r\n", c.call("client", "getname"));
        assertEquals(helloReply("%7\r\n", 3, id), c.call("hello"));
        assertEquals(helloReply("*14\r\n", 2, id), c.call("hello", "2", "setname", "abc"));
        assertEquals("$3\r\nabc\r\n", c.call("client", "getname"));
    }

    @Test
    void helloErrorsLeaveTheProtocolAlone() {
        TestClient c = TestClient.fresh();
        assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("hello", "4"));
        assertEquals("-ERR Protocol version is not an integer or out of range\r\n", c.call("hello", "03"));
        assertEquals("-ERR Syntax error in HELLO option 'auth'\r\n", c.call("hello", "3", "auth", "default"));
        assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                c.call("hello", "3", "setname", "a b"));
        assertEquals(RespVersion.RESP2, c.session.protocol());
    }

    @Test
    void helloAuthenticates() throws ConfigException {
        Engine e = TestClient.boot();
        e.config().set("requirepass", "secret");
        TestClient c = new TestClient(e);
        assertEquals("-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO "
                + "AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol "
                + "version at the same time\r\n", c.call("hello", "3"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                c.call("hello", "3", "auth", "default", "nope"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                c.call("hello", "3", "auth", "admin", "secret"));
        assertEquals(helloReply("%7\r\n", 3, c.session.id()), c.call("hello", "3", "AUTH", "default", "secret"));
        assertTrue(c.session.authenticated());
    }

    @Test
    void authForms() throws ConfigException {
        Engine e = TestClient.boot();
        TestClient open = new TestClient(e);
        assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?\r\n", open.call("auth", "x"));
        assertEquals("+OK\r\n", open.call("auth", "default", "anything"));
        assertEquals("-ERR syntax error\r\n", open.call("auth", "a", "b", "c"));
        e.config().set("requirepass", "pw");
        TestClient c = new TestClient(e);
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", c.call("auth", "pw2"));
        assertEquals("+OK\r\n", c.call("auth", "default", "pw"));
        assertEquals("+PONG\r\n", c.call("ping"));
    }

    @Test
    void quitRepliesThenCloses() {
        TestClient c = TestClient.fresh();
        assertFalse(c.session.closeRequested());
        assertEquals("+OK\r\n", c.call("quit"));
        assertTrue(c.session.closeRequested());
    }

    @Test
    void resetRestoresAFreshConnection() throws ConfigException {
        Engine e = TestClient.boot();
        e.config().set("requirepass", "pw");
        TestClient c = new TestClient(e);
        c.call("auth", "pw");
        c.call("hello", "3", "setname", "me");
        c.call("select", "5");
        assertEquals("+RESET\r\n", c.call("reset"));
        assertEquals(RespVersion.RESP2, c.session.protocol());
        assertEquals(0, c.session.dbIndex());
        assertEquals(null, c.session.name());
        assertFalse(c.session.authenticated());
        assertEquals("-NOAUTH Authentication required.\r\n", c.call("ping"));
    }

    @Test
    void selectChangesTheDatabase() {
        TestClient c = TestClient.fresh();
        assertEquals("+OK\r\n", c.call("set", "k", "v"));
        assertEquals("+OK\r\n", c.call("select", "15"));
        assertEquals(15, c.session.dbIndex());
        assertEquals(":0\r\n", c.call("dbsize"));
        assertEquals("-ERR DB index is out of range\r\n", c.call("select", "16"));
        assertEquals("+OK\r\n", c.call("select", "0"));
        assertEquals(":1\r\n", c.call("dbsize"));
    }
}
