package io.redisinternals.keyspace.dict;

import io.redisinternals.keyspace.TestBytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashTest {

    @Test
    void argvSliceAndByteArrayHashTheSameForEveryLengthClass() {
        Random rnd = new Random(42);
        KeyHash h = new KeyHash(0x1234_5678_9abcL);
        for (int len = 0; len <= 130; len++) {
            byte[] key = new byte[len];
            rnd.nextBytes(key);
            Argv argv = Argv.slices(TestBytes.b("x"), key);
            assertEquals(h.hash(key), h.hash(argv, 1), "length " + len);
            assertEquals(h.hash(key), h.hash(Argv.of(TestBytes.b("x"), key), 1), "owned, length " + len);
        }
    }

    @Test
    void differentSeedsGiveDifferentFunctions() {
        KeyHash a = new KeyHash(1);
        KeyHash b = new KeyHash(2);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] k = TestBytes.b("key:" + i);
            if (a.hash(k) == b.hash(k)) {
                same++;
            }
        }
        assertEquals(0, same);
        // and the bucket (low bits) a key lands in differs too, for most keys
        int sameBucket = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] k = TestBytes.b("key:" + i);
            if ((a.hash(k) & 1023) == (b.hash(k) & 1023)) {
                sameBucket++;
            }
        }
        assertTrue(sameBucket < 20, "same bucket for " + sameBucket + " keys");
    }

    @Test
    void sameSeedIsDeterministic() {
        assertEquals(new KeyHash(7).hash(TestBytes.b("abc")), new KeyHash(7).hash(TestBytes.b("abc")));
    }

    @Test
    void lowBitsSpreadSequentialKeys() {
        KeyHash h = new KeyHash(99);
        int buckets = 1 << 12;
        int[] counts = new int[buckets];
        for (int i = 0; i < buckets * 4; i++) {
            counts[(int) h.hash(TestBytes.b("key:" + String.format("%012d", i))) & (buckets - 1)]++;
        }
        int max = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        // Poisson(4): a bucket above 20 would be astronomically unlikely with a decent hash.
        assertTrue(max <= 20, "longest chain " + max);
    }

    @Test
    void nearbyInputsDiffer() {
        KeyHash h = new KeyHash(5);
        Set<Long> seen = new HashSet<>();
        for (int len = 0; len < 40; len++) {
            assertTrue(seen.add(h.hash(new byte[len])), "zero key of length " + len);
        }
        assertNotEquals(h.hash(TestBytes.b("ab")), h.hash(TestBytes.b("ba")));
    }
}
