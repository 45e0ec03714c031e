package io.redisinternals.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's parsers, on output recorded from redis-benchmark 7.0.15 and Linux /proc; runs no benchmark. */
class SideBySideParsingTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = SideBySideParsingTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void csvGivesOneResultPerTestWithRpsAndP50() throws IOException {
        List<SideBySide.CsvResult> r = SideBySide.parseCsv(resource("redis-benchmark-set-get.csv"));
        assertEquals(List.of(new SideBySide.CsvResult("SET", 55555.55, 0.575),
                new SideBySide.CsvResult("GET", 55710.31, 0.543)), r);
    }

    @Test
    void csvIgnoresProgressLinesBeforeTheHeader() throws IOException {
        // On a terminal redis-benchmark overwrites a progress line with '\r' before the CSV header.
        List<SideBySide.CsvResult> r = SideBySide.parseCsv(resource("redis-benchmark-get-progress.csv"));
        assertEquals(List.of(new SideBySide.CsvResult("GET", 40733.20, 0.023)), r);
    }

    @Test
    void csvFindsColumnsByHeaderName() {
        String reordered = "\"rps\",\"p50_latency_ms\",\"test\"\n\"1000.50\",\"0.100\",\"PING_INLINE\"\n";
        assertEquals(List.of(new SideBySide.CsvResult("PING_INLINE", 1000.50, 0.100)), SideBySide.parseCsv(reordered));
    }

    @Test
    void csvWithoutHeaderGivesNothing() {
        assertTrue(SideBySide.parseCsv("\"GET\",\"1.0\"\n").isEmpty());
    }

    @Test
    void procStatCpuIsUtimePlusStime() throws IOException {
        // fields 14 and 15 of the recorded line are 7 and 45
        assertEquals(52, SideBySide.cpuTicks(resource("proc-stat-redis.txt").strip()));
    }

    @Test
    void procStatCommandNameMayHoldSpacesAndParentheses() {
        String line = "4242 (my (odd) name) R 1 2 3 4 5 6 7 8 9 10 111 222 0 0 20 0 1 0 100 200 300";
        assertEquals(333, SideBySide.cpuTicks(line));
    }

    @Test
    void procStatRejectsOtherText() {
        assertThrows(IllegalArgumentException.class, () -> SideBySide.cpuTicks("no parens here"));
    }

    @Test
    void vmRssIsReadInKibibytes() {
        String status = "Name:\tjava\nVmHWM:\t   17524 kB\nVmRSS:\t   14356 kB\nRssAnon:\t 1 kB\n";
        assertEquals(14356L * 1024, SideBySide.vmRssBytes(status));
    }

    @Test
    void infoFieldIsReadByExactName() {
        String info = "# Memory\r\nused_memory:1092824\r\nused_memory_human:1.04M\r\nused_memory_rss:7860224\r\n";
        assertEquals(1092824, SideBySide.infoField(info, "used_memory"));
        assertEquals(7860224, SideBySide.infoField(info, "used_memory_rss"));
        assertThrows(IllegalArgumentException.class, () -> SideBySide.infoField(info, "used_memory_peak"));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, SideBySide.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, SideBySide.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertTrue(Double.isNaN(SideBySide.median(List.of())));
    }

    @Test
    void setStreamIsRespWithSixteenByteKeys() {
        String s = new String(SideBySide.setStream(2), StandardCharsets.US_ASCII);
        assertEquals("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000000\r\n$3\r\nxxx\r\n"
                + "*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$3\r\nxxx\r\n", s);
    }

    @Test
    void smallSortedSetStreamIsOneZaddOfFiveMembersPerKey() {
        String s = new String(SideBySide.commandStream(1, SideBySide.MEMORY.get("S11").command()), StandardCharsets.US_ASCII);
        assertEquals("*12\r\n$4\r\nZADD\r\n$16\r\nkey:000000000000\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n"
                + "$1\r\n3\r\n$1\r\nc\r\n$1\r\n4\r\n$1\r\nd\r\n$1\r\n5\r\n$1\r\ne\r\n", s);
        assertEquals(100_000, SideBySide.MEMORY.get("S11").keys());
    }

    @Test
    void scenarioArgumentsMatchTheIssue() {
        assertEquals(List.of("-t", "zadd", "-c", "50", "-n", "1000000", "-r", "100000", "-P", "16"),
                SideBySide.SCENARIOS.get("S10").args("zadd", 1_000_000));
        assertEquals(List.of("-t", "set", "-c", "50", "-n", "2000000", "-r", "100000", "-P", "16", "-d", "1024"),
                SideBySide.SCENARIOS.get("S5").args("set", 2_000_000));
        assertEquals(List.of("-t", "get", "-c", "1", "-n", "200000"), SideBySide.SCENARIOS.get("S3").args("get", 200_000));
    }

    /** S15/S16: custom commands (no -t), the script's SHA-1 as SCRIPT LOAD answers it, the functions by name. */
    @Test
    void scriptedScenariosSendEvalshaAndFcall() {
        String incrSha = SideBySide.Scripts.sha1(SideBySide.Scripts.INCR);
        assertEquals(40, incrSha.length());
        assertEquals(List.of("-c", "50", "-n", "500000", "-r", "100000", "-P", "16", "evalsha", incrSha, "1", "sc:__rand_int__"),
                SideBySide.SCENARIOS.get("S15").args("evalsha_incr", 500_000));
        assertEquals(List.of("-c", "50", "-n", "200000", "-r", "100000", "fcall", "mix10", "4", "sc:__rand_int__",
                "ss:__rand_int__", "sh:__rand_int__", "sl:__rand_int__", "value-16-bytes.."),
                SideBySide.SCENARIOS.get("S16").args("fcall_mix10", 200_000));
        // SHA-1 of the empty string: the digest is the standard one (what SCRIPT LOAD answers)
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", SideBySide.Scripts.sha1(""));
        assertTrue(SideBySide.Scripts.LIBRARY.startsWith("#!lua name=bench\n"));
    }

    /** Round i of one server is compared with round i of the other. */
    @Test
    void thePairedRatioIsTheMedianOfThePerRoundRatios() {
        List<Double> redis = List.of(40_000.0, 30_000.0, 50_000.0);
        List<Double> ours = List.of(41_000.0, 31_500.0, 49_000.0);
        // per round 1.025, 1.05, 0.98: the median is 1.025
        assertEquals(1.025, SideBySide.pairedRatio(ours, redis), 1e-9);
        assertEquals(1.0, SideBySide.pairedRatio(List.of(30_000.0, 50_000.0), List.of(30_000.0, 50_000.0)), 1e-9);
        assertTrue(Double.isNaN(SideBySide.pairedRatio(List.of(), List.of())));
    }
}
