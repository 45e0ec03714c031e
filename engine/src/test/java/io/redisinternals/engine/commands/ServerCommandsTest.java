package io.redisinternals.engine.commands;

import io.redisinternals.engine.BuiltinCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.ServerHooks;
import io.redisinternals.engine.TestClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServerCommandsTest {

    @Test
    void timeIsSecondsAndMicroseconds() {
        TestClient c = TestClient.fresh();
        long before = System.currentTimeMillis() / 1000;
        Matcher m = Pattern.compile("\\*2\r\n\\$\\d+\r\n(\\d+)\r\n\\$\\d+\r\n(\\d+)\r\n").matcher(c.call("time"));
        assertTrue(m.matches());
        long secs = Long.parseLong(m.group(1));
        assertTrue(secs >= before && secs <= before + 2);
        assertTrue(Long.parseLong(m.group(2)) < 1_000_000);
    }

    @Test
    void dbsizeFlushdbFlushall() {
        TestClient c = TestClient.fresh();
        c.call("set", "a", "1");
        c.call("set", "b", "1");
        c.call("select", "1");
        c.call("set", "c", "1");
        assertEquals(":1\r\n", c.call("dbsize"));
        assertEquals("+OK\r\n", c.call("flushdb", "ASYNC"));
        assertEquals(":0\r\n", c.call("dbsize"));
        c.call("select", "0");
        assertEquals(":2\r\n", c.call("dbsize"));
        assertEquals("-ERR syntax error\r\n", c.call("flushall", "now"));
        assertEquals(":2\r\n", c.call("dbsize"));
        assertEquals("+OK\r\n", c.call("flushall"));
        assertEquals(":0\r\n", c.call("dbsize"));
    }

    @Test
    void shutdownAsksTheServerAndSendsNothing() {
        AtomicInteger calls = new AtomicInteger();
        ServerHooks hooks = new ServerHooks() {
            @Override public String transportName() { return "nio"; }
            @Override public String transportBackend() { return "epoll"; }
            @Override public int tcpPort() { return 7777; }
            @Override public String executable() { return "/bin/redis-internals"; }
            @Override public String configFile() { return "/etc/r.conf"; }
            @Override public void requestShutdown() { calls.incrementAndGet(); }
        };
        Engine e = Engine.boot(new Config(), hooks, List.of(new BuiltinCommands()));
        TestClient c = new TestClient(e);
        assertEquals("-ERR No shutdown in progress.\r\n", c.call("shutdown", "abort"));
        assertEquals("-ERR syntax error\r\n", c.call("shutdown", "nosave", "save"));
        assertEquals(0, calls.get());
        assertEquals("", c.call("shutdown", "NOSAVE", "now", "force"));
        assertEquals(1, calls.get());

        String info = infoBody(c.call("info", "server"));
        assertTrue(info.startsWith("# Server\r\nredis_version:7.0.15\r\n"), info);
        assertTrue(info.contains("\r\ntcp_port:7777\r\n"));
        assertTrue(info.contains("\r\ntransport:nio\r\ntransport_backend:epoll\r\n"));
        assertTrue(info.contains("\r\nexecutable:/bin/redis-internals\r\nconfig_file:/etc/r.conf\r\n"));
        assertTrue(info.contains("\r\nprocess_id:" + ProcessHandle.current().pid() + "\r\n"));
    }

    @Test
    void infoSectionsInRedisOrderWithBlankLinesBetween() {
        TestClient c = TestClient.fresh();
        c.call("set", "k", "v");
        c.call("select", "2");
        c.call("set", "k2", "v");
        String both = infoBody(c.call("info", "keyspace", "CLIENTS"));
        assertEquals("# Clients\r\nconnected_clients:1\r\ncluster_connections:0\r\nmaxclients:10000\r\n"
                + "client_recent_max_input_buffer:0\r\nclient_recent_max_output_buffer:0\r\nblocked_clients:0\r\n"
                + "tracking_clients:0\r\nclients_in_timeout_table:0\r\n\r\n"
                + "# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\ndb2:keys=1,expires=0,avg_ttl=0\r\n", both);
        assertEquals("$0\r\n\r\n", c.call("info", "nosuch"));
        for (String which : new String[] {null, "default", "all", "everything"}) {
            String all = infoBody(which == null ? c.call("info") : c.call("info", which));
            List<String> headers = Pattern.compile("(?m)^# \\w+").matcher(all).results().map(r -> r.group()).toList();
            boolean everything = "all".equals(which) || "everything".equals(which);
            assertEquals(everything
                    ? List.of("# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Replication",
                            "# CPU", "# Modules", "# Commandstats", "# Errorstats", "# Latencystats", "# Cluster",
                            "# Keyspace")
                    : List.of("# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Replication",
                            "# CPU", "# Modules", "# Errorstats", "# Cluster", "# Keyspace"), headers, which);
        }
    }

    @Test
    void infoStatsCountCommandsAndResetstatZeroesThem() {
        TestClient c = TestClient.fresh();
        c.engine.stats().addNetInput(100);
        c.engine.stats().connectionReceived();
        c.call("ping");
        c.call("ping");
        String stats = infoBody(c.call("info", "stats"));
        assertTrue(stats.contains("total_connections_received:1\r\n"), stats);
        assertTrue(stats.contains("total_commands_processed:2\r\n"), stats);
        assertTrue(stats.contains("total_net_input_bytes:100\r\n"), stats);
        assertEquals("+OK\r\n", c.call("config", "resetstat"));
        stats = infoBody(c.call("info", "stats"));
        assertTrue(stats.contains("total_commands_processed:1\r\n"), stats); // the CONFIG RESETSTAT itself
        assertTrue(stats.contains("total_net_input_bytes:0\r\n"), stats);
    }

    @Test
    void infoIsVerbatimInResp3() {
        TestClient c = TestClient.fresh();
        c.call("hello", "3");
        assertEquals("=16\r\ntxt:# Keyspace\r\n\r\n", c.call("info", "keyspace"));
        assertFalse(c.call("info").startsWith("$"));
    }

    @Test
    void bytesToHumanAsRedis() {
        assertEquals("1023B", InfoCommand.bytesToHuman(1023));
        assertEquals("1.00K", InfoCommand.bytesToHuman(1024));
        assertEquals("1.50M", InfoCommand.bytesToHuman(1024 * 1024 * 3 / 2));
    }

    private static String infoBody(String bulk) {
        return bulk.substring(bulk.indexOf("\r\n") + 2, bulk.length() - 2);
    }
}
