package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/**
 * The call path's statistics against the reference: INFO commandstats (calls, rejected and failed
 * calls per command and subcommand; the microseconds differ by nature and are left out),
 * INFO errorstats and the error and command totals of INFO stats, after the same mix of commands:
 * successes, runtime errors (WRONGTYPE, not an integer), rejections (arity, unknown command and
 * subcommand, a no-multi command inside MULTI), EXEC aborted and EXEC with failing commands, a
 * blocking command that times out.
 */
class CommandStatsTest extends ConformanceTestBase {

    private static final String[][] MIX = {
        {"SET", "a", "1"}, {"GET", "a"}, {"INCR", "a"}, {"LPUSH", "a", "x"}, {"GET"}, {"FOO", "bar"},
        {"SET", "s", "abc"}, {"INCR", "s"}, {"CLIENT", "NOSUCH"}, {"CONFIG", "GET", "maxmemory"},
        {"MULTI"}, {"SET", "b", "1"}, {"INCR"}, {"EXEC"},
        {"MULTI"}, {"SET", "c", "1"}, {"LPUSH", "a", "y"}, {"INCR", "s"}, {"GET", "c"}, {"EXEC"},
        {"EXEC"}, {"DISCARD"}, {"MULTI"}, {"WATCH", "a"}, {"DISCARD"},
        {"HSET", "h", "f", "v"}, {"HGET", "a", "f"}, {"BLPOP", "empty", "0.01"}, {"OBJECT", "ENCODING", "h"},
        {"SELECT", "99"}, {"EXISTS", "a", "b", "zz"},
    };

    @AllConfigurations
    void commandAndErrorStatsMatchTheReference(String config) {
        assertEquals(stats(reference()), stats(ours(config)));
    }

    private static List<String> stats(Endpoint ep) {
        try (RawConnection c = ep.connect()) {
            assertEquals("+OK\r\n", c.call("CONFIG", "RESETSTAT").rawText());
            for (String[] command : MIX) {
                c.call(command);
            }
            List<String> lines = new ArrayList<>();
            for (String line : c.call("INFO", "commandstats").text().split("\r\n")) {
                lines.add(line.replaceAll("usec=\\d+,usec_per_call=[0-9.]+,", ""));
            }
            lines.sort(null); // Redis lists commands in its dictionary's order
            lines.addAll(List.of(c.call("INFO", "errorstats").text().split("\r\n")));
            for (String line : c.call("INFO", "stats").text().split("\r\n")) {
                if (line.startsWith("total_error_replies:") || line.startsWith("total_commands_processed:")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
