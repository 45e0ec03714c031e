package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** redis-benchmark (redis-tools 7.0.x) runs cleanly against ours as against the reference. */
class RedisBenchmarkTest extends ConformanceTestBase {

    private static final Pattern RESULT = Pattern.compile("^([A-Z_]+): ([0-9.]+) requests per second", Pattern.MULTILINE);

    /** Test name to requests per second, from -q output (progress lines end with CR, results with LF). */
    private static Map<String, Double> run(Path bench, Endpoint ep) {
        Tools.Result r = Tools.run(List.of(bench.toString(), "-h", ep.host(), "-p", String.valueOf(ep.port()),
                "-t", "ping,set,get", "-n", "20000", "-q"), null, 120);
        assertEquals(0, r.exitCode(), ep + ": " + r.output());
        String finalLines = r.output().replaceAll("[^\n]*\r", "");
        String lower = finalLines.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("error") || lower.contains("err ") || lower.contains("warning"),
                ep + ": " + finalLines);
        Map<String, Double> rps = new LinkedHashMap<>();
        Matcher m = RESULT.matcher(finalLines);
        while (m.find()) {
            rps.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        System.out.println("redis-benchmark " + ep + ": " + rps);
        return rps;
    }

    @AllConfigurations
    void pingSetGet(String config) {
        Path bench = Tools.require("redis-benchmark");
        Map<String, Double> ref = run(bench, reference());
        assertEquals(List.of("PING_INLINE", "PING_MBULK", "SET", "GET"), List.copyOf(ref.keySet()));
        Map<String, Double> ours = run(bench, ours(config));
        assertEquals(ref.keySet(), ours.keySet());
        ours.forEach((test, value) -> assertTrue(value > 0, test + " " + value));
    }
}
