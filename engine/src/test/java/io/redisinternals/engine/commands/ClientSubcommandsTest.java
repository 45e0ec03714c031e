package io.redisinternals.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.TestClient;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CLIENT NO-EVICT / REPLY / UNBLOCK / GETREDIR / TRACKINGINFO / CACHING, bytes from redis-server 7.0.15. */
class ClientSubcommandsTest {

    /** Runs the commands as one pipeline into one writer, as a connection does, and returns all the bytes. */
    private static String pipeline(TestClient c, String[]... commands) {
        ReplyWriter out = new ReplyWriter();
        for (String[] cmd : commands) {
            c.session.execute(Argv.of(cmd), out);
        }
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static String[] cmd(String... args) {
        return args;
    }

    @Test
    void replyOffSuppressesEverythingUntilOn() {
        TestClient c = TestClient.fresh();
        assertEquals("$1\r\na\r\n+OK\r\n$1\r\nd\r\n", pipeline(c,
                cmd("PING", "a"), cmd("CLIENT", "REPLY", "OFF"), cmd("PING", "b"), cmd("GET", "nosuch"),
                cmd("BADCMD"), cmd("CLIENT", "REPLY", "SKIP"), cmd("PING", "c"), cmd("CLIENT", "REPLY", "ON"),
                cmd("PING", "d")));
    }

    @Test
    void replySkipHidesOnlyTheNextReply() {
        TestClient c = TestClient.fresh();
        assertEquals("$1\r\nb\r\n$1\r\nd\r\n+OK\r\n$1\r\ne\r\n+OK\r\n", pipeline(c,
                cmd("CLIENT", "REPLY", "SKIP"), cmd("PING", "a"), cmd("PING", "b"),
                cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "SKIP"), cmd("PING", "c"), cmd("PING", "d"),
                cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "ON"), cmd("PING", "e"),
                cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "OFF"), cmd("PING", "f"),
                cmd("CLIENT", "REPLY", "ON")));
        // Errors (dispatch errors included) are replies like any other.
        assertEquals("$1\r\nx\r\n$1\r\ny\r\n+OK\r\n", pipeline(c,
                cmd("CLIENT", "REPLY", "SKIP"), cmd("NOSUCHCMD"), cmd("PING", "x"),
                cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "bad"), cmd("PING", "y"),
                cmd("CLIENT", "REPLY", "OFF"), cmd("CLIENT", "REPLY", "bad"), cmd("CLIENT", "REPLY", "ON")));
    }

    @Test
    void resetTurnsRepliesBackOnButAPendingSkipHidesItsReply() {
        TestClient c = TestClient.fresh();
        assertEquals("+RESET\r\n$1\r\na\r\n", pipeline(c, cmd("CLIENT", "REPLY", "OFF"), cmd("RESET"), cmd("PING", "a")));
        assertEquals("$1\r\na\r\n", pipeline(c, cmd("CLIENT", "REPLY", "SKIP"), cmd("RESET"), cmd("PING", "a")));
    }

    /** Redis closes after QUIT's reply; with the reply discarded it never closes but reads nothing more. */
    @Test
    void quitWithRepliesOffLeavesADeafConnection() {
        TestClient c = TestClient.fresh();
        assertEquals("", pipeline(c, cmd("CLIENT", "REPLY", "OFF"), cmd("QUIT"), cmd("CLIENT", "REPLY", "ON"),
                cmd("PING")));
        assertFalse(c.session.closeRequested());
        TestClient skip = TestClient.fresh();
        assertEquals("", pipeline(skip, cmd("CLIENT", "REPLY", "SKIP"), cmd("QUIT"), cmd("PING")));
        assertFalse(skip.session.closeRequested());
        // A cross-protocol attack is closed whatever CLIENT REPLY says.
        TestClient attacked = TestClient.fresh();
        assertEquals("", pipeline(attacked, cmd("CLIENT", "REPLY", "OFF"), cmd("POST", "/", "HTTP/1.1")));
        assertTrue(attacked.session.closeRequested());
    }

    @Test
    void replyArgumentErrors() {
        TestClient c = TestClient.fresh();
        assertEquals("+OK\r\n", c.call("CLIENT", "REPLY", "on"));
        assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "REPLY", "foo"));
        assertEquals("-ERR wrong number of arguments for 'client|reply' command\r\n", c.call("CLIENT", "REPLY"));
    }

    @Test
    void noEvictShowsAsFlagEAndSurvivesReset() {
        TestClient c = TestClient.fresh();
        assertTrue(c.call("CLIENT", "INFO").contains(" flags=N "));
        assertEquals("+OK\r\n", c.call("CLIENT", "NO-EVICT", "on"));
        assertTrue(c.call("CLIENT", "INFO").contains(" flags=e "));
        assertTrue(c.call("CLIENT", "LIST").contains(" flags=e "));
        c.call("RESET");
        assertTrue(c.call("CLIENT", "INFO").contains(" flags=e "));
        assertEquals("+OK\r\n", c.call("CLIENT", "no-evict", "OFF"));
        assertTrue(c.call("CLIENT", "INFO").contains(" flags=N "));
        assertEquals("-ERR syntax error\r\n", c.call("CLIENT", "NO-EVICT", "maybe"));
        assertEquals("-ERR wrong number of arguments for 'client|no-evict' command\r\n",
                c.call("CLIENT", "NO-EVICT", "on", "x"));
    }

    @Test
    void trackingIsNeverOn() {
        TestClient c = TestClient.fresh();
        assertEquals(":-1\r\n", c.call("CLIENT", "GETREDIR"));
        assertEquals("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
                c.call("CLIENT", "TRACKINGINFO"));
        String caching = "-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or "
                + "OPTOUT mode enabled\r\n";
        assertEquals(caching, c.call("CLIENT", "CACHING", "yes"));
        assertEquals(caching, c.call("CLIENT", "CACHING", "maybe"));
        c.call("HELLO", "3");
        assertEquals("%3\r\n$5\r\nflags\r\n~1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
                c.call("CLIENT", "TRACKINGINFO"));
    }

    @Test
    void unblockFindsNoBlockedClientAndChecksArguments() {
        TestClient c = TestClient.fresh();
        assertEquals(":0\r\n", c.call("CLIENT", "UNBLOCK", "1"));
        assertEquals(":0\r\n", c.call("CLIENT", "UNBLOCK", "-1", "error"));
        assertEquals(":0\r\n", c.call("CLIENT", "UNBLOCK", "5", "TIMEOUT"));
        assertEquals("-ERR value is not an integer or out of range\r\n", c.call("CLIENT", "UNBLOCK", "abc"));
        // The reason is checked before the id.
        assertEquals("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n",
                c.call("CLIENT", "UNBLOCK", "abc", "foo"));
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'unBlock'. Try CLIENT HELP.\r\n",
                c.call("client", "unBlock", "1", "timeout", "x"));
    }
}
