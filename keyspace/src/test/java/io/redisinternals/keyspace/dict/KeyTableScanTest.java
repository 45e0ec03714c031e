package io.redisinternals.keyspace.dict;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * SCAN's guarantee, checked as a property over random histories: every key present for the whole
 * scan is returned at least once, while keys are added and removed between steps so the table
 * grows, shrinks and is caught mid-rehash; and the cursor gets back to 0.
 */
class KeyTableScanTest {

    @Test
    void emptyTableScanEndsAtOnce() {
        KeyTable<String> t = new KeyTable<>(new KeyHash(1));
        assertEquals(0, t.scan(0, (k, v) -> { throw new AssertionError(); }));
    }

    @Test
    void stableTableReturnsEveryKeyExactlyOnce() {
        KeyTable<String> t = new KeyTable<>(new KeyHash(2));
        for (int i = 0; i < 1000; i++) {
            t.put(b("k" + i), "v");
        }
        while (t.rehashSteps(100)) {
        }
        List<String> seen = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = t.scan(cursor, (k, v) -> seen.add(new String(k)));
        } while (cursor != 0);
        assertEquals(1000, seen.size());
        assertEquals(1000, new HashSet<>(seen).size());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyKeyPresentThroughoutIsReturnedAcrossGrowsAndShrinks(long seed) {
        Random rnd = new Random(seed);
        KeyTable<String> t = new KeyTable<>(new KeyHash(seed * 31));
        int initial = 20 + rnd.nextInt(500);
        // stable keys: present before the scan starts and never removed during it
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < initial; i++) {
            String k = "s" + i;
            t.put(b(k), "v");
            stable.add(k);
        }
        List<String> volatileKeys = new ArrayList<>();
        int nextVolatile = 0;
        Set<String> returned = new HashSet<>();
        long cursor = 0;
        int steps = 0;
        boolean sawRehashDuringScan = false;
        int peakBuckets = 0;
        int troughAfterPeak = Integer.MAX_VALUE;
        // Grow hard, then shrink hard, with the scan spread over both.
        do {
            cursor = t.scan(cursor, (k, v) -> returned.add(new String(k)));
            steps++;
            // alternate 40 growing steps and 40 shrinking ones (which remove twice as fast)
            boolean growPhase = (steps / 40) % 2 == 0;
            int churn = rnd.nextInt(256) * (growPhase ? 1 : 2);
            for (int c = 0; c < churn; c++) {
                if (growPhase || volatileKeys.isEmpty()) {
                    String k = "x" + nextVolatile++;
                    t.put(b(k), "v");
                    volatileKeys.add(k);
                } else {
                    int victim = rnd.nextInt(volatileKeys.size());
                    String k = volatileKeys.get(victim);
                    volatileKeys.set(victim, volatileKeys.get(volatileKeys.size() - 1));
                    volatileKeys.remove(volatileKeys.size() - 1);
                    t.remove(b(k));
                }
            }
            sawRehashDuringScan |= t.isRehashing();
            if (!t.isRehashing()) {
                if (t.bucketCount() > peakBuckets) {
                    peakBuckets = t.bucketCount();
                    troughAfterPeak = Integer.MAX_VALUE;
                }
                troughAfterPeak = Math.min(troughAfterPeak, t.bucketCount());
            }
            assertTrue(steps < 1_000_000, "scan does not terminate");
        } while (cursor != 0);
        for (String k : stable) {
            assertTrue(returned.contains(k), "missed " + k + " (seed " + seed + ")");
        }
        assertTrue(sawRehashDuringScan, "the history should include a resize");
        assertTrue(troughAfterPeak < peakBuckets, "the history should include a shrink");
    }

    @Test
    void shrinkDuringScanDoesNotLoseKeys() {
        KeyTable<String> t = new KeyTable<>(new KeyHash(77));
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            t.put(b("s" + i), "v");
            stable.add("s" + i);
        }
        for (int i = 0; i < 5000; i++) {
            t.put(b("x" + i), "v");
        }
        while (t.rehashSteps(100)) {
        }
        int bucketsBefore = t.bucketCount();
        Set<String> returned = new HashSet<>();
        long cursor = 0;
        int removed = 0;
        boolean sawShrinkMidScan = false;
        do {
            cursor = t.scan(cursor, (k, v) -> returned.add(new String(k)));
            // remove the bulk a slice at a time: the table shrinks (incrementally) mid-scan
            for (int i = 0; i < 40 && removed < 5000; i++) {
                t.remove(b("x" + removed++));
            }
            sawShrinkMidScan |= t.isRehashing() && cursor != 0;
        } while (cursor != 0);
        assertTrue(sawShrinkMidScan);
        while (t.rehashSteps(100)) {
        }
        assertTrue(t.bucketCount() < bucketsBefore, t.bucketCount() + " buckets");
        assertTrue(returned.containsAll(stable));
    }

    @Test
    void visitorMayDeleteTheKeyItIsGiven() {
        KeyTable<String> t = new KeyTable<>(new KeyHash(8));
        for (int i = 0; i < 3000; i++) {
            t.put(b("k" + i), "v");
        }
        Set<String> returned = new HashSet<>();
        long cursor = 0;
        do {
            cursor = t.scan(cursor, (k, v) -> {
                returned.add(new String(k));
                t.remove(k);
            });
        } while (cursor != 0);
        assertEquals(3000, returned.size());
        assertEquals(0, t.size());
    }
}
