package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Connection group: PING, ECHO, HELLO, AUTH, QUIT, RESET, SELECT and CLIENT, against the reference. */
class ConnectionCommandsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void pingAndEcho(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("PING");
            d.same("ping", "hello world");
            d.same("PING", "a", "b");
            d.same("ECHO", "x");
            d.same("ECHO", "");
            d.same("ECHO", "bin\r\n\u0000ary");
            d.same("ECHO");
            d.same("ECHO", "a", "b");
            d.sameRaw(Bytes.ascii("PING\r\nping  x\r\necho 'single quoted'\r\n"), 3);
        }
    }

    @AllConfigurationsBothProtocols
    void helloErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("HELLO", "4");
            d.same("HELLO", "1");
            d.same("HELLO", "abc");
            d.same("HELLO", "3", "SETNAME");
            d.same("HELLO", "3", "AUTH", "default");
            d.same("HELLO", "2", "SETNAME", "a b");
            d.same("HELLO", "3", "FOO");
            d.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void helloSwitchesProtocolAndSetsName(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same(Normalize.mapMasking("id"), "HELLO");
            d.same(Normalize.mapMasking("id"), "HELLO", "3", "AUTH", "default", "anything", "SETNAME", "conn-a");
            d.same("CLIENT", "GETNAME");
            d.same("CONFIG", "GET", "databases");
            d.same(Normalize.mapMasking("id"), "HELLO", "2");
            d.same("CONFIG", "GET", "databases");
            d.same(Normalize.mapMasking("id"), "hello", "3", "setname", "conn-b");
            d.same("CLIENT", "GETNAME");
        }
    }

    @AllConfigurationsBothProtocols
    void quitRepliesOkThenCloses(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            assertEquals("'+OK\\r\\n' +close", d.sameOutcome(Bytes.command("QUIT")).toString());
        }
        try (Differential d = Differential.open(config, resp)) {
            // Replies pipelined before QUIT are all delivered; what follows it is not executed.
            d.sameOutcome(Bytes.ascii(new String(Bytes.command("SET", "q", "1")) + "PING\r\nQUIT\r\nSET q 2\r\n"));
        }
        try (Differential d = Differential.open(config, 2)) {
            d.same("GET", "q");
        }
    }

    @AllConfigurationsBothProtocols
    void resetRestoresConnectionDefaults(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("SELECT", "3");
            d.same("SET", "in3", "v");
            d.same("CLIENT", "SETNAME", "named");
            d.same("RESET");
            d.same("CLIENT", "GETNAME");
            d.same("GET", "in3");
            d.same("CONFIG", "GET", "databases"); // RESET goes back to RESP2: a flat array, not a map
            d.same("RESET", "extra");
        }
    }

    @AllConfigurationsBothProtocols
    void select(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("SELECT", "0");
            d.same("SET", "k", "db0");
            d.same("SELECT", "15");
            d.same("GET", "k");
            d.same("SET", "k", "db15");
            d.same("SELECT", "16");
            d.same("SELECT", "-1");
            d.same("SELECT", "abc");
            d.same("SELECT", "1.5");
            d.same("SELECT", "99999999999999999999");
            d.same("SELECT");
            d.same("SELECT", "1", "2");
            d.same("GET", "k"); // failed SELECTs keep db 15
            d.same("SELECT", "0");
            d.same("GET", "k");
        }
    }

    @AllConfigurationsBothProtocols
    void clientNameAndErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CLIENT", "GETNAME");
            d.same("CLIENT", "SETNAME", "my-conn");
            d.same("CLIENT", "GETNAME");
            d.same("CLIENT", "SETNAME", "a b");
            d.same("CLIENT", "SETNAME", "new\nline");
            d.same("CLIENT", "GETNAME");
            d.same("CLIENT", "SETNAME", "");
            d.same("CLIENT", "GETNAME");
            d.same("CLIENT", "SETNAME");
            d.same("CLIENT", "SETNAME", "a", "b");
            d.same("CLIENT", "GETNAME", "x");
            d.same("CLIENT", "NOSUCHSUB");
            d.same("CLIENT");
            d.same("client", "id", "x");
        }
    }

    @AllConfigurationsBothProtocols
    void clientIdInfoAndListShape(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same(Normalize.anyInteger(), "CLIENT", "ID");
            d.same("CLIENT", "SETNAME", "shape");
            d.same("SELECT", "2");
            d.same(Normalize.clientList(), "CLIENT", "INFO");
            long refId = Long.parseLong(d.reference().call("CLIENT", "ID").text());
            long ourId = Long.parseLong(d.ours().call("CLIENT", "ID").text());
            Reply refLine = d.reference().call("CLIENT", "LIST", "ID", String.valueOf(refId));
            Reply ourLine = d.ours().call("CLIENT", "LIST", "ID", String.valueOf(ourId));
            assertEquals(Normalize.clientList().apply(refLine), Normalize.clientList().apply(ourLine),
                    "CLIENT LIST ID\n  reference: " + refLine + "\n  ours:      " + ourLine);
            Reply refAll = d.reference().call("CLIENT", "LIST");
            Reply ourAll = d.ours().call("CLIENT", "LIST");
            assertEquals(refAll.type(), ourAll.type());
            assertTrue(ourAll.text().contains("id=" + ourId + " "), "CLIENT LIST lists this connection: " + ourAll);
            assertTrue(ourAll.text().endsWith("\n"), "CLIENT LIST ends each line with \\n: " + ourAll);
            d.same("CLIENT", "LIST", "TYPE", "bogus");
            d.same("CLIENT", "LIST", "ID", "abc");
            d.same("CLIENT", "INFO", "x");
        }
    }

    @AllConfigurations
    void clientIdsAreDistinctAndIncreasing(String config) {
        try (RawConnection a = ours(config).connect(); RawConnection b = ours(config).connect()) {
            long idA = Long.parseLong(a.call("CLIENT", "ID").text());
            long idB = Long.parseLong(b.call("CLIENT", "ID").text());
            assertNotEquals(idA, idB);
            assertTrue(idB > idA, "ids grow with each new connection: " + idA + ", " + idB);
        }
    }

    @AllConfigurations
    void clientKill(String config) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection killer = ep.connect(); RawConnection victim = ep.connect()) {
                String victimId = victim.call("CLIENT", "ID").text();
                assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "ID", victimId).rawText(), ep.toString());
                assertTrue(victim.isClosedByPeer(), ep + ": killed client is disconnected");
                assertEquals(":0\r\n", killer.call("CLIENT", "KILL", "ID", victimId).rawText(), ep.toString());
                assertEquals(":0\r\n", killer.call("CLIENT", "KILL", "ID", victimId, "SKIPME", "yes").rawText(), ep.toString());
            }
        }
        try (Differential d = Differential.open(config, 2)) {
            d.same("CLIENT", "KILL", "127.0.0.1:1");
            d.same("CLIENT", "KILL", "ID", "abc");
            d.same("CLIENT", "KILL", "BOGUS", "x");
            d.same("CLIENT", "KILL");
        }
    }

    @AllConfigurationsBothProtocols
    void authWithoutPasswordConfigured(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("AUTH", "x");
            d.same("AUTH", "default", "x");
            d.same("AUTH", "nobody", "x");
            d.same("AUTH");
            d.same("AUTH", "a", "b", "c");
            d.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void authWithPassword(String config, int resp) {
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--requirepass", TEST_PASSWORD);
             ServerUnderTest.Running ours = ServerUnderTest.startDedicated(config, "--requirepass", TEST_PASSWORD);
             Differential d = Differential.open(ref.endpoint(), ours.endpoint(), 2)) {
            d.same("PING");
            d.same("GET", "k");
            d.same("HELLO", String.valueOf(resp));
            d.same("AUTH", "wrong");
            d.same("AUTH", "default", "wrong");
            d.same("HELLO", String.valueOf(resp), "AUTH", "default", "wrong");
            d.same("CLIENT", "ID");
            d.same("AUTH", TEST_PASSWORD);
            d.same("PING");
            d.same(Normalize.mapMasking("id"), "HELLO", String.valueOf(resp), "AUTH", "default", TEST_PASSWORD);
            d.same("RESET");
            d.same("GET", "k"); // RESET also de-authenticates
        }
    }

    private static byte[] pipeline(String[]... commands) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (String[] c : commands) {
            b.writeBytes(Bytes.command(c));
        }
        return b.toByteArray();
    }

    private static String[] cmd(String... args) {
        return args;
    }

    /** CLIENT REPLY OFF/SKIP/ON on one pipelined connection: what each server sends back, and nothing more. */
    @AllConfigurationsBothProtocols
    void clientReplyOffSkipOn(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.sameOutcome(pipeline(cmd("PING", "a"), cmd("CLIENT", "REPLY", "OFF"), cmd("PING", "b"),
                    cmd("GET", "nosuch"), cmd("BADCMD"), cmd("CLIENT", "REPLY", "SKIP"), cmd("PING", "c"),
                    cmd("CLIENT", "REPLY", "ON"), cmd("PING", "d")));
            d.sameOutcome(pipeline(cmd("CLIENT", "REPLY", "SKIP"), cmd("PING", "a"), cmd("PING", "b"),
                    cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "SKIP"), cmd("PING", "c"), cmd("PING", "d"),
                    cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "ON"), cmd("PING", "e"),
                    cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "OFF"), cmd("PING", "f"),
                    cmd("CLIENT", "REPLY", "ON")));
            d.sameOutcome(pipeline(cmd("CLIENT", "REPLY", "SKIP"), cmd("NOSUCHCMD"), cmd("PING", "x"),
                    cmd("CLIENT", "REPLY", "SKIP"), cmd("CLIENT", "REPLY", "bad"), cmd("PING", "y"),
                    cmd("CLIENT", "REPLY", "OFF"), cmd("CLIENT", "REPLY", "bad"), cmd("CLIENT", "REPLY", "ON")));
            d.same("CLIENT", "REPLY", "foo");
            d.same("CLIENT", "REPLY");
            d.same("CLIENT", "REPLY", "on", "x");
            d.same("CLIENT", "REPLY", "ON");
        }
        // RESET turns replies back on (its own +RESET is sent), but a pending SKIP still hides it.
        try (Differential d = Differential.open(config, resp)) {
            d.sameOutcome(pipeline(cmd("CLIENT", "REPLY", "OFF"), cmd("RESET"), cmd("PING", "a")));
        }
        try (Differential d = Differential.open(config, resp)) {
            d.sameOutcome(pipeline(cmd("CLIENT", "REPLY", "SKIP"), cmd("RESET"), cmd("PING", "a")));
        }
        // Redis closes "after the reply" only once one is written: QUIT under OFF leaves the connection
        // open but deaf to further commands.
        try (Differential d = Differential.open(config, resp)) {
            assertEquals("'' (open)", d.sameOutcome(pipeline(cmd("CLIENT", "REPLY", "OFF"), cmd("QUIT"),
                    cmd("CLIENT", "REPLY", "ON"), cmd("PING"))).toString());
        }
    }

    @AllConfigurationsBothProtocols
    void clientNoEvict(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CLIENT", "NO-EVICT", "on");
            d.same(Normalize.clientList(), "CLIENT", "INFO");
            d.same("RESET");
            d.same(Normalize.clientList(), "CLIENT", "INFO");
            d.same("CLIENT", "no-evict", "OFF");
            d.same(Normalize.clientList(), "CLIENT", "INFO");
            d.same("CLIENT", "NO-EVICT", "maybe");
            d.same("CLIENT", "NO-EVICT");
            d.same("CLIENT", "NO-EVICT", "on", "x");
        }
    }

    /** Tracking is never enabled on our server: the replies Redis gives a client without tracking. */
    @AllConfigurationsBothProtocols
    void clientTrackingQueriesWithoutTracking(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CLIENT", "GETREDIR");
            d.same("CLIENT", "GETREDIR", "x");
            d.same("CLIENT", "TRACKINGINFO");
            d.same("CLIENT", "TRACKINGINFO", "x");
            d.same("CLIENT", "CACHING", "yes");
            d.same("CLIENT", "CACHING", "NO");
            d.same("CLIENT", "CACHING", "maybe");
            d.same("CLIENT", "CACHING");
        }
    }

    @AllConfigurationsBothProtocols
    void clientUnblock(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CLIENT", "UNBLOCK", "5");
            d.same("CLIENT", "UNBLOCK", "5", "TIMEOUT");
            d.same("CLIENT", "UNBLOCK", "5", "error");
            d.same("CLIENT", "UNBLOCK", "-1");
            d.same("CLIENT", "UNBLOCK", "abc");
            d.same("CLIENT", "UNBLOCK", "abc", "foo");
            d.same("CLIENT", "UNBLOCK", "5", "foo");
            d.same("CLIENT", "UNBLOCK", "99999999999999999999");
            d.same("CLIENT", "unBlock", "5", "timeout", "x");
            d.same("CLIENT", "UNBLOCK");
        }
    }
}
