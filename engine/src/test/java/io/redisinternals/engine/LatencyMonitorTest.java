package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The latency monitor with a clock of our own. The GRAPH and DOCTOR texts are the ones
 * redis-server 7.0.15 produced for the same samples (DEBUG SLEEP 0.02, 0.05 and 0.01 two seconds
 * apart with latency-monitor-threshold 5 and slowlog-log-slower-than 0).
 */
class LatencyMonitorTest {

    private static final long T = 1_796_531_466L;

    private final AtomicLong clock = new AtomicLong(T - 4);
    private final LatencyMonitor monitor = new LatencyMonitor(clock::get);

    /** The reference's three "command" samples: 20 ms, 50 ms two seconds later, 10 ms two seconds after that. */
    private void referenceSamples() {
        monitor.add("command", 20);
        clock.set(T - 2);
        monitor.add("command", 50);
        clock.set(T);
        monitor.add("command", 10);
    }

    @Test
    void oneSamplePerSecondItsWorstAndTheAllTimeMaximum() {
        monitor.add("command", 7);
        monitor.add("command", 3);
        monitor.add("command", 9);
        clock.set(T);
        monitor.add("command", 2);
        assertEquals(List.of(new LatencyMonitor.Sample(T - 4, 9), new LatencyMonitor.Sample(T, 2)), monitor.history("command"));
        assertEquals(List.of(new LatencyMonitor.Latest("command", T, 2, 9)), monitor.latest());
        assertEquals(List.of(), monitor.history("Command"), "HISTORY names the event exactly");
    }

    @Test
    void keepsTheLatest160Seconds() {
        for (int i = 0; i < 200; i++) {
            clock.set(T + i);
            monitor.add("expire-cycle", i);
        }
        List<LatencyMonitor.Sample> h = monitor.history("expire-cycle");
        assertEquals(160, h.size());
        assertEquals(new LatencyMonitor.Sample(T + 40, 40), h.get(0));
        assertEquals(new LatencyMonitor.Sample(T + 199, 199), h.get(159));
        assertEquals(199, monitor.latest().get(0).max());
    }

    @Test
    void resetByNameIgnoringCaseOrAll() {
        monitor.add("command", 5);
        monitor.add("fast-command", 5);
        monitor.add("expire-cycle", 5);
        assertEquals(1, monitor.reset("COMMAND"));
        assertEquals(0, monitor.reset("command"));
        assertEquals(List.of("fast-command", "expire-cycle"),
                monitor.latest().stream().map(LatencyMonitor.Latest::event).toList());
        assertEquals(2, monitor.reset(null));
        assertTrue(monitor.isEmpty());
    }

    @Test
    void graphAsTheReferenceDrawsIt() {
        referenceSamples();
        assertEquals("command - high 50 ms, low 10 ms (all time high 50 ms)\n"
                + "-".repeat(80) + "\n"
                + " # \n"
                + " | \n"
                + "_| \n"
                + "||_\n"
                + "   \n"
                + "420\n"
                + "sss\n", monitor.graph("command"));
        assertNull(monitor.graph("nosuch"));
    }

    @Test
    void graphOfEqualSamplesLabelsAndBlocksOf80Columns() {
        for (int i = 0; i < 100; i++) {
            clock.set(T + i * 70L); // 70 s apart: labels in minutes, hours
            monitor.add("command", 5);
        }
        clock.set(T + 99 * 70L + 90_000);
        String g = monitor.graph("command");
        String[] lines = g.split("\n", -1);
        assertEquals("command - high 5 ms, low 5 ms (all time high 5 ms)", lines[0]);
        // all equal: level 0 in the bottom row of each block, the rows above empty
        assertEquals(" ".repeat(80), lines[2]);
        assertEquals("_".repeat(80), lines[5]);
        assertEquals(" ".repeat(80), lines[6]);
        assertEquals("1", lines[7].substring(79, 80), "the newest of the first block: 1d old");
        assertTrue(g.contains("\n\n" + " ".repeat(20) + "\n"), "a blank line starts the second block of 20: " + g);
        assertEquals("", lines[lines.length - 1], "ends with a newline");
        assertEquals("1d", LatencyMonitor.age(90_000));
        assertEquals("23h", LatencyMonitor.age(86_399));
        assertEquals("59m", LatencyMonitor.age(3599));
        assertEquals("59s", LatencyMonitor.age(59));
    }

    private static final String ADVICE_SLOWLOG = "- Check your Slow Log to understand what are the commands you are "
            + "running which are too slow to execute. Please check https://redis.io/commands/slowlog for more "
            + "information.\n";
    private static final String ADVICE_LARGE_OBJECTS = "- Deleting, expiring or evicting (because of maxmemory "
            + "policy) large objects is a blocking operation. If you have very large objects that are often "
            + "deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n";

    @Test
    void doctorAsTheReferenceWritesIt() {
        referenceSamples();
        assertEquals("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, "
                + "do you Dave?\n\n"
                + "1. command: 3 latency spikes (average 26ms, mean deviation 15ms, period 1.33 sec). Worst all "
                + "time event 50ms.\n"
                + "\nI have a few advices for you:\n\n"
                + ADVICE_SLOWLOG + ADVICE_LARGE_OBJECTS,
                monitor.doctor(new LatencyMonitor.DoctorContext(5, 0, false)));
    }

    @Test
    void doctorTextsWithoutEventsAndSlowLogAdvice() {
        assertTrue(monitor.doctor(new LatencyMonitor.DoctorContext(0, 10000, false))
                .startsWith("I'm sorry, Dave, I can't do that. Latency monitoring is disabled"));
        assertEquals("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things "
                + "over.\n", monitor.doctor(new LatencyMonitor.DoctorContext(5, 10000, false)));
        assertTrue(monitor.doctor(new LatencyMonitor.DoctorContext(5, 10000, true))
                .contains("- I detected a non zero amount of anonymous huge pages"));
        clock.set(T);
        monitor.add("command", 20);
        String disabled = monitor.doctor(new LatencyMonitor.DoctorContext(5, -1, false));
        assertTrue(disabled.contains("1. command: 1 latency spikes (average 20ms, mean deviation 0ms, period 1.00 "
                + "sec). Worst all time event 20ms.\n"), disabled);
        assertTrue(disabled.contains("'CONFIG SET slowlog-log-slower-than 5000'. If the Slow log is disabled"), disabled);
        String tuning = monitor.doctor(new LatencyMonitor.DoctorContext(5, 10000, false));
        assertTrue(tuning.contains("Please use 'CONFIG SET slowlog-log-slower-than 5000'.\n"), tuning);
        monitor.reset(null);
        monitor.add("command-unblocking", 20);
        assertTrue(monitor.doctor(new LatencyMonitor.DoctorContext(5, 10000, false))
                .endsWith("\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use "
                        + "the Redis community to get some help, providing this report in your help request.\n"));
    }
}
