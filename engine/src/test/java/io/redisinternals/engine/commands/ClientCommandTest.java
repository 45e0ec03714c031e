package io.redisinternals.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.TestClient;
import java.net.InetAddress;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClientCommandTest {

    /** redis-server 7.0.15's CLIENT LIST fields, in order. */
    private static final Pattern LINE = Pattern.compile("id=\\d+ addr=\\S+ laddr=\\S+ fd=-?\\d+ name=\\S* age=\\d+ "
            + "idle=\\d+ flags=N db=\\d+ sub=0 psub=0 ssub=0 multi=-1 qbuf=\\d+ qbuf-free=\\d+ argv-mem=\\d+ "
            + "multi-mem=\\d+ rbs=\\d+ rbp=\\d+ obl=\\d+ oll=\\d+ omem=\\d+ tot-mem=\\d+ events=r cmd=\\S+ "
            + "user=default redir=-1 resp=[23]\n");

    @Test
    void idAndNames() {
        Engine e = TestClient.boot();
        TestClient a = new TestClient(e);
        TestClient b = new TestClient(e);
        assertEquals(":1\r\n", a.call("client", "id"));
        assertEquals(":2\r\n", b.call("client", "id"));
        assertEquals("$-1\r\n", a.call("client", "getname"));
        assertEquals("+OK\r\n", a.call("client", "setname", "worker-1"));
        assertEquals("$8\r\nworker-1\r\n", a.call("client", "getname"));
        assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                a.call("client", "setname", "bad\nname"));
        assertEquals("+OK\r\n", a.call("client", "setname", ""));
        assertEquals("$-1\r\n", a.call("client", "getname"));
    }

    @Test
    void infoLineFormatInBothProtocols() {
        TestClient c = new TestClient(TestClient.boot(), 50123);
        c.call("client", "setname", "me");
        c.call("select", "3");
        String bulk = c.call("client", "info");
        // the caller's own figures: its arguments ("client" "info", as Redis) and the reply buffer it holds
        long rbs = c.writer().capacity();
        long totMem = io.redisinternals.engine.ClientMemory.FIXED_BYTES + 10 + 2 * 8 + rbs;
        String body = "id=1 addr=127.0.0.1:50123 laddr=127.0.0.1:6379 fd=-1 name=me age=0 idle=0 flags=N db=3 "
                + "sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=10 multi-mem=0 rbs=" + rbs + " rbp=0 obl=0 oll=0 "
                + "omem=0 tot-mem=" + totMem + " events=r cmd=client|info user=default redir=-1 resp=2\n";
        assertEquals("$" + body.length() + "\r\n" + body + "\r\n", bulk);
        c.call("hello", "3");
        String verbatim = c.call("client", "info");
        String body3 = body.replace("resp=2", "resp=3");
        assertEquals("=" + (body3.length() + 4) + "\r\ntxt:" + body3 + "\r\n", verbatim);
    }

    @Test
    void listAllTypeAndIds() {
        Engine e = TestClient.boot();
        TestClient a = new TestClient(e);
        TestClient b = new TestClient(e);
        b.call("ping");
        String all = body(a.call("client", "list"));
        String[] lines = all.split("(?<=\n)");
        assertEquals(2, lines.length);
        for (String l : lines) {
            assertTrue(LINE.matcher(l).matches(), l);
        }
        assertTrue(lines[0].startsWith("id=1 ") && lines[0].contains(" cmd=client|list "));
        assertTrue(lines[1].startsWith("id=2 ") && lines[1].contains(" cmd=ping "));
        // the same clients (the caller's argv-mem and tot-mem follow its own, longer, command)
        assertEquals(ids(all), ids(body(a.call("client", "list", "TYPE", "normal"))));
        assertEquals("$0\r\n\r\n", a.call("client", "list", "type", "pubsub"));
        String byId = body(a.call("client", "list", "id", "2", "99", "1"));
        assertTrue(byId.startsWith("id=2 ") && byId.contains("\nid=1 "), byId);
        assertEquals("-ERR Invalid client ID\r\n", a.call("client", "list", "id", "0"));
        assertEquals("-ERR syntax error\r\n", a.call("client", "list", "id"));
    }

    private static java.util.List<String> ids(String list) {
        return list.lines().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    @Test
    void killOthersByFiltersAndOldForm() {
        Engine e = TestClient.boot();
        TestClient a = new TestClient(e, 50001);
        TestClient b = new TestClient(e, 50002);
        TestClient c = new TestClient(e, 50003);
        assertEquals(":1\r\n", a.call("client", "kill", "id", "2"));
        assertTrue(b.channel.closed);
        assertTrue(b.session.closeRequested());
        assertEquals(2, e.clientCount());
        assertEquals("+OK\r\n", a.call("client", "kill", "127.0.0.1:50003"));
        assertTrue(c.channel.closed);
        assertEquals("-ERR No such client\r\n", a.call("client", "kill", "127.0.0.1:50003"));
        assertEquals(1, e.clientCount());
    }

    @Test
    void killSkipsTheCallerUnlessSkipmeNo() {
        Engine e = TestClient.boot();
        TestClient a = new TestClient(e, 50001);
        assertEquals(":0\r\n", a.call("client", "kill", "laddr", "127.0.0.1:6379"));
        assertFalse(a.session.closeRequested());
        assertEquals(":1\r\n", a.call("client", "kill", "laddr", "127.0.0.1:6379", "skipme", "no"));
        // The caller gets its reply and is closed after it, not before.
        assertTrue(a.session.closeRequested());
        assertFalse(a.channel.closed);
    }

    @Test
    void ipv6AddressesAsRedisFormatsThem() throws Exception {
        assertEquals("::1", ClientCommand.compressIpv6(InetAddress.getByName("::1").getAddress()));
        assertEquals("fe80::1:0:0:2", ClientCommand.compressIpv6(
                InetAddress.getByName("fe80:0:0:0:1:0:0:2").getAddress()));
        assertEquals("2001:db8:0:1:1:1:1:1", ClientCommand.compressIpv6(
                InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()));
    }

    private static String body(String bulk) {
        return bulk.substring(bulk.indexOf("\r\n") + 2, bulk.length() - 2);
    }
}
