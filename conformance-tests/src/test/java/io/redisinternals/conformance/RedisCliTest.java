package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** redis-cli (redis-tools 7.0.x): one-shot commands and --pipe mass insertion, ours vs the reference. */
class RedisCliTest extends ConformanceTestBase {

    private static Tools.Result cli(Path cli, Endpoint ep, byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "-h", ep.host(), "-p", String.valueOf(ep.port())));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, stdin, 60);
    }

    private static List<String> oneShots(Path cli, Endpoint ep) {
        List<String> seen = new ArrayList<>();
        for (String[] args : List.of(new String[] {"ping"}, new String[] {"set", "k", "hello world"},
                new String[] {"get", "k"}, new String[] {"get", "missing"}, new String[] {"exists", "k", "k"},
                new String[] {"del", "k"}, new String[] {"nosuch", "x"}, new String[] {"select", "99"},
                new String[] {"-n", "3", "set", "k3", "v"}, new String[] {"-n", "3", "dbsize"}, new String[] {"dbsize"},
                new String[] {"--no-raw", "echo", "x"}, new String[] {"-3", "ping"})) {
            Tools.Result r = cli(cli, ep, null, args);
            seen.add(String.join(" ", args) + " -> exit " + r.exitCode() + ": " + r.output());
        }
        return seen;
    }

    @AllConfigurations
    void oneShotCommandsLikeReference(String config) {
        Path cli = Tools.require("redis-cli");
        List<String> expected = oneShots(cli, reference());
        assertEquals("ping -> exit 0: PONG\n", expected.get(0));
        assertEquals(expected, oneShots(cli, ours(config)));
    }

    @AllConfigurations
    void pipeMassInsertion(String config) {
        Path cli = Tools.require("redis-cli");
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            in.writeBytes(Bytes.command("SET", "key:" + i, "value:" + i));
        }
        for (Endpoint ep : List.of(reference(), ours(config))) {
            Tools.Result r = cli(cli, ep, in.toByteArray(), "--pipe");
            assertEquals(0, r.exitCode(), ep + ": " + r.output());
            assertTrue(r.output().contains("errors: 0, replies: 10000"), ep + ": " + r.output());
            Tools.Result size = cli(cli, ep, null, "dbsize");
            assertEquals("10000\n", size.output(), ep + " DBSIZE");
            assertEquals("value:4242\n", cli(cli, ep, null, "get", "key:4242").output(), ep.toString());
        }
    }
}
