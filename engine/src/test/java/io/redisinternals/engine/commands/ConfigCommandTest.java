package io.redisinternals.engine.commands;

import io.redisinternals.engine.BuiltinCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.ServerHooks;
import io.redisinternals.engine.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    @Test
    void getIsAMapInResp3AndAFlatArrayInResp2() {
        TestClient c = TestClient.fresh();
        String resp2 = c.call("config", "get", "maxclients", "timeout", "maxc*");
        assertEquals("*4\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n$7\r\ntimeout\r\n$1\r\n0\r\n", resp2);
        c.call("hello", "3");
        assertEquals("%2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n$7\r\ntimeout\r\n$1\r\n0\r\n",
                c.call("config", "get", "maxclients", "timeout", "maxc*"));
        assertEquals("%0\r\n", c.call("config", "get", "nosuch"));
    }

    @Test
    void setManyIsAllOrNothing() {
        TestClient c = TestClient.fresh();
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be "
                + "parsed into an integer\r\n", c.call("config", "set", "timeout", "5", "maxclients", "x"));
        assertEquals("0", c.engine.config().get("timeout"));
        assertEquals("+OK\r\n", c.call("config", "set", "timeout", "5", "MAXCLIENTS", "20"));
        assertEquals("5", c.engine.config().get("timeout"));
        assertEquals("20", c.engine.config().get("maxclients"));
    }

    @Test
    void setReachesListenersAndDefinedSettings() {
        Config config = new Config();
        config.define("port", "6379", false, Config.integer(0, 65535));
        config.define("loglevel", "notice", true, Config.oneOf("debug", "verbose", "notice", "warning"));
        List<String> seen = new ArrayList<>();
        config.onChange("proto-max-bulk-len", seen::add);
        TestClient c = new TestClient(TestClient.boot(config));
        assertEquals("+OK\r\n", c.call("config", "set", "proto-max-bulk-len", "2mb"));
        assertEquals(List.of("2097152"), seen);
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'port') - can't set immutable config\r\n",
                c.call("config", "set", "port", "1"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'loglevel') - argument(s) must be one "
                + "of the following: debug, verbose, notice, warning\r\n", c.call("config", "set", "loglevel", "x"));
        assertEquals("*4\r\n$4\r\nport\r\n$4\r\n6379\r\n$8\r\nloglevel\r\n$6\r\nnotice\r\n",
                c.call("config", "get", "port", "log*"));
    }

    @Test
    void passwordSetAtRuntimeAppliesToNewClients() {
        TestClient admin = TestClient.fresh();
        assertEquals("+OK\r\n", admin.call("config", "set", "requirepass", "s3cret"));
        TestClient other = new TestClient(admin.engine);
        assertEquals("-NOAUTH Authentication required.\r\n", other.call("config", "get", "requirepass"));
        assertEquals("*2\r\n$11\r\nrequirepass\r\n$6\r\ns3cret\r\n", admin.call("config", "get", "requirepass"));
    }

    @Test
    void rewriteWithoutAConfigFile() {
        TestClient c = TestClient.fresh();
        assertEquals("-ERR The server is running without a config file\r\n", c.call("config", "rewrite"));
        assertEquals("-ERR wrong number of arguments for 'config|rewrite' command\r\n", c.call("config", "rewrite", "x"));
    }

    /** Hooks whose config file is {@code file}. */
    private static TestClient withConfigFile(Config config, Path file) {
        ServerHooks none = ServerHooks.none();
        ServerHooks hooks = new ServerHooks() {
            @Override public String transportName() { return none.transportName(); }
            @Override public String transportBackend() { return none.transportBackend(); }
            @Override public int tcpPort() { return 0; }
            @Override public String executable() { return ""; }
            @Override public String configFile() { return file.toString(); }
            @Override public void requestShutdown() { }
        };
        return new TestClient(Engine.boot(config, hooks, List.of(new BuiltinCommands())));
    }

    @Test
    void rewriteKeepsCommentsRewritesSettingLinesBlanksDuplicatesAndAppendsTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("redis.conf");
        Files.writeString(file, """
                # my settings
                timeout 100
                include /etc/other.conf

                maxclients 50
                maxclients 60
                proto-max-bulk-len 2mb
                """);
        Config config = new Config();
        config.define("port", "6379", false, Config.integer(0, 65535));
        config.applyStartup("timeout", List.of("100"));
        config.applyStartup("maxclients", List.of("60"));
        config.applyStartup("proto-max-bulk-len", List.of("2mb"));
        config.applyStartup("port", List.of("7000")); // from the command line: not in the file
        TestClient c = withConfigFile(config, file);
        assertEquals("+OK\r\n", c.call("config", "set", "timeout", "5", "requirepass", "a b"));
        assertEquals("+OK\r\n", c.call("config", "rewrite"));
        assertEquals("""
                # my settings
                timeout 5
                include /etc/other.conf

                maxclients 60

                proto-max-bulk-len 2mb
                # Generated by CONFIG REWRITE
                requirepass "a b"
                latency-tracking-info-percentiles 50 99 99.9
                port 7000
                """, Files.readString(file));
        // A second rewrite with nothing changed is stable and does not sign twice.
        assertEquals("+OK\r\n", c.call("config", "rewrite"));
        assertTrue(Files.readString(file).endsWith("# Generated by CONFIG REWRITE\nrequirepass \"a b\"\n"
                + "latency-tracking-info-percentiles 50 99 99.9\nport 7000\n"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void rewriteFailureNamesTheReason(@TempDir Path dir) {
        TestClient c = withConfigFile(new Config(), dir.resolve("missing-dir").resolve("redis.conf"));
        c.call("config", "set", "timeout", "5");
        assertEquals("-ERR Rewriting config file: No such file or directory\r\n", c.call("config", "rewrite"));
    }
}
