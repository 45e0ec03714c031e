package io.redisinternals.engine;

import io.redisinternals.engine.config.ConfigException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generic checks every request goes through (Session.execute -> Dispatcher). */
class DispatcherTest {

    @Test
    void commandNamesAreCaseInsensitive() {
        TestClient c = TestClient.fresh();
        assertEquals("+PONG\r\n", c.call("PiNg"));
        assertEquals(":" + c.session.id() + "\r\n", c.call("cLiEnT", "Id"));
    }

    @Test
    void unknownCommandEchoesBinaryBytesExactly() {
        TestClient c = TestClient.fresh();
        byte[] name = {'f', (byte) 0xff, 'o'};
        String reply = c.call(Argv.of(name, "a\nb".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("-ERR unknown command 'f\u00ffo', with args beginning with: 'a b' \r\n", reply);
    }

    @Test
    void unknownCommandIsNotCounted() {
        TestClient c = TestClient.fresh();
        c.call("nosuch");
        c.call("ping");
        c.call("ping");
        assertEquals(2, c.engine.stats().commandsProcessed());
    }

    @Test
    void crossProtocolRequestClosesWithoutReply() {
        for (String first : new String[] {"POST", "post", "Host:", "HOST:"}) {
            TestClient c = TestClient.fresh();
            assertEquals("", c.call(first, "/", "HTTP/1.1"));
            assertTrue(c.session.closeRequested(), first);
        }
        TestClient c = TestClient.fresh();
        assertEquals("-ERR unknown command 'host', with args beginning with: \r\n", c.call("host"));
        assertFalse(c.session.closeRequested());
    }

    @Test
    void authenticationIsCheckedAfterExistenceAndArity() throws ConfigException {
        Engine e = TestClient.boot();
        e.config().set("requirepass", "pw");
        TestClient c = new TestClient(e);
        assertFalse(c.session.authenticated());
        assertEquals("-ERR unknown command 'foob', with args beginning with: \r\n", c.call("foob"));
        assertEquals("-ERR wrong number of arguments for 'client|setname' command\r\n", c.call("client", "setname"));
        assertEquals("-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n", c.call("client", "foo"));
        assertEquals("-NOAUTH Authentication required.\r\n", c.call("ping"));
        assertEquals("-NOAUTH Authentication required.\r\n", c.call("client", "id"));
        // NO_AUTH commands run.
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", c.call("auth", "x"));
        assertEquals("+OK\r\n", c.call("auth", "pw"));
        assertEquals("+PONG\r\n", c.call("ping"));
    }

    @Test
    void settingAPasswordDoesNotLogOutConnectedClients() throws ConfigException {
        Engine e = TestClient.boot();
        TestClient before = new TestClient(e);
        e.config().set("requirepass", "pw");
        TestClient after = new TestClient(e);
        assertEquals("+PONG\r\n", before.call("ping"));
        assertEquals("-NOAUTH Authentication required.\r\n", after.call("ping"));
        e.config().set("requirepass", "");
        assertEquals("+PONG\r\n", after.call("ping"));
    }

    @Test
    void lastCommandAndIdleAreTracked() {
        TestClient c = TestClient.fresh();
        c.call("ping");
        assertEquals("ping", c.session.lastCommand());
        c.call("config", "get", "timeout");
        assertEquals("config|get", c.session.lastCommand());
        c.call("nosuch");
        assertEquals(null, c.session.lastCommand());
        assertTrue(System.currentTimeMillis() - c.session.lastInteractionMillis() < 5_000);
    }

    @Test
    void emptyArgvIsIgnored() {
        TestClient c = TestClient.fresh();
        assertEquals("", c.call(new String[0]));
    }
}
