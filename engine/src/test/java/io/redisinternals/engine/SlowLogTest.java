package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slow log's bounds: entries, arguments per entry, bytes per argument; and what goes in it. */
class SlowLogTest {

    private static List<String> args(SlowLog.Entry e) {
        List<String> out = new ArrayList<>();
        for (byte[] a : e.args()) {
            out.add(new String(a, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static List<Long> ids(SlowLog log) {
        return log.newest(Long.MAX_VALUE).stream().map(SlowLog.Entry::id).toList();
    }

    @Test
    void keepsTheNewestEntriesUpToTheMaximumNewestFirst() {
        TestClient c = TestClient.fresh();
        SlowLog log = new SlowLog(0, 3);
        for (int i = 0; i < 5; i++) {
            log.offer(c.session, Argv.of("SET", "k" + i, "v"), null, i, 1_700_000_000_123L);
        }
        assertEquals(3, log.size());
        assertEquals(List.of(4L, 3L, 2L), ids(log));
        SlowLog.Entry newest = log.newest(1).get(0);
        assertEquals(List.of("SET", "k4", "v"), args(newest));
        assertEquals(1_700_000_000L, newest.time());
        assertEquals(4, newest.micros());
        assertEquals(c.channel.remoteAddress(), newest.client());
        assertEquals("", newest.name());
        assertEquals(List.of(4L, 3L), log.newest(2).stream().map(SlowLog.Entry::id).toList());
        // RESET empties it; ids go on
        log.reset();
        assertEquals(0, log.size());
        log.offer(c.session, Argv.of("PING"), null, 0, 0);
        assertEquals(List.of(5L), ids(log));
    }

    @Test
    void logsOnlyCallsAtLeastTheThresholdAndNothingWhileDisabled() {
        TestClient c = TestClient.fresh();
        SlowLog log = new SlowLog(100, 10);
        log.offer(c.session, Argv.of("GET", "a"), null, 99, 0);
        log.offer(c.session, Argv.of("GET", "b"), null, 100, 0);
        assertEquals(1, log.size());
        assertEquals(List.of("GET", "b"), args(log.newest(10).get(0)));
        // disabled: nothing is added, and (as Redis) a lowered maximum does not trim either
        log.offer(c.session, Argv.of("GET", "c"), null, 1000, 0);
        log.offer(c.session, Argv.of("GET", "d"), null, 1000, 0);
        assertEquals(3, log.size());
        log.slowerThan(-1);
        log.maxLen(1);
        log.offer(c.session, Argv.of("GET", "e"), null, 1_000_000, 0);
        assertEquals(3, log.size());
        // enabled again: the next call trims, whether or not it is logged itself
        log.slowerThan(1_000_000_000);
        log.offer(c.session, Argv.of("GET", "f"), null, 5, 0);
        assertEquals(1, log.size());
        assertEquals(List.of("GET", "d"), args(log.newest(10).get(0)));
        log.maxLen(0);
        log.offer(c.session, Argv.of("GET", "g"), null, 5, 0);
        assertEquals(0, log.size());
    }

    @Test
    void atMost32ArgumentsTheLastSayingHowManyMore() {
        String[] a = new String[42];
        a[0] = "RPUSH";
        for (int i = 1; i < a.length; i++) {
            a[i] = String.valueOf(i);
        }
        byte[][] kept = SlowLog.copyArgs(Argv.of(a), null);
        assertEquals(32, kept.length);
        assertEquals("30", new String(kept[30], StandardCharsets.US_ASCII));
        assertEquals("... (11 more arguments)", new String(kept[31], StandardCharsets.US_ASCII));
        assertEquals(32, SlowLog.copyArgs(Argv.of(java.util.Arrays.copyOf(a, 32)), null).length);
        assertEquals("31", new String(SlowLog.copyArgs(Argv.of(java.util.Arrays.copyOf(a, 32)), null)[31],
                StandardCharsets.US_ASCII), "exactly 32 are all kept");
        assertEquals("... (2 more arguments)", new String(SlowLog.copyArgs(Argv.of(java.util.Arrays.copyOf(a, 33)),
                null)[31], StandardCharsets.US_ASCII));
    }

    @Test
    void argumentsCutAt128BytesSayingHowManyMore() {
        byte[] big = new byte[200];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i; // binary bytes are kept as they are
        }
        byte[][] kept = SlowLog.copyArgs(Argv.of("SET".getBytes(), "k".getBytes(), big, new byte[128]), null);
        byte[] expected = new byte[128 + "... (72 more bytes)".length()];
        System.arraycopy(big, 0, expected, 0, 128);
        System.arraycopy("... (72 more bytes)".getBytes(), 0, expected, 128, 19);
        assertArrayEquals(expected, kept[2]);
        assertEquals(128, kept[3].length, "128 bytes are kept whole");
    }

    @Test
    void redactedArgumentsShowAsRedacted() {
        BitSet redacted = new BitSet();
        redacted.set(1);
        redacted.set(40); // beyond what is kept: no effect
        byte[][] kept = SlowLog.copyArgs(Argv.of("AUTH", "x".repeat(300)), redacted);
        assertEquals("(redacted)", new String(kept[1], StandardCharsets.US_ASCII));
    }

    @Test
    void anEntryHoldsCopiesNotViewsOfTheRequest() {
        TestClient c = TestClient.fresh();
        SlowLog log = new SlowLog(0, 10);
        byte[] key = "key".getBytes();
        log.offer(c.session, Argv.of("GET".getBytes(), key), null, 0, 0);
        key[0] = 'X'; // the connection reuses its buffer for the next request
        assertEquals(List.of("GET", "key"), args(log.newest(1).get(0)));
        assertTrue(log.newest(0).isEmpty());
    }
}
