package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What a key that expired and was never removed causes when a command touches it: the lazy
 * expiry path (Redis's expireIfNeeded), against redis-server 7.0.15. Both servers run with the
 * active expiry cycle off (DEBUG SET-ACTIVE-EXPIRE 0), so a key set with PX 1 is certainly still
 * in the key table when the commands run and nothing but the command removes it. Compared: the
 * replies, the keyspace events ({@code expired}, and {@code keymiss} for reads that miss) and the
 * replication stream: a read propagates the expired key's DEL alone, a write propagates that DEL
 * and itself wrapped in MULTI/EXEC, a transaction its DELs inside its own MULTI/EXEC.
 */
class LazyExpiryEffectsTest extends EffectsTestBase {

    /** Long enough for a 1 ms TTL to have passed on both servers' clocks. */
    private static final long WAIT_MILLIS = 20;

    @Override
    protected String notifyClasses() {
        return "KEAm";
    }

    /** Sets each key with PX 1 (active expiry off) and waits until all have expired. */
    private void expiredKeys(String... keys) {
        String[] setup = new String[keys.length + 1];
        setup[0] = "DEBUG SET-ACTIVE-EXPIRE 0";
        for (int i = 0; i < keys.length; i++) {
            setup[i + 1] = "SET " + keys[i] + " 10 PX 1";
        }
        probe.given(setup);
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void expiredKeysStayUntilTouched() {
        expiredKeys("stay1", "stay2");
        // DBSIZE counts keys in the table, expired or not; neither server has removed them
        probe.assertSame("DBSIZE", "GET stay1", "DBSIZE", "EXISTS stay2", "DBSIZE");
    }

    @Test
    void readsPropagateTheDelAlone() {
        expiredKeys("r1", "r2", "r3", "r4", "r5", "r6", "r7");
        probe.assertSame("GET r1", "EXISTS r2", "TYPE r3", "TTL r4", "PTTL r5", "STRLEN r6", "MGET r7 r7", "GET r1");
    }

    @Test
    void writesPropagateTheDelAndThemselvesInATransaction() {
        expiredKeys("w1", "w2", "w3", "w4", "w5", "w6");
        probe.assertSame("SET w1 v", "INCR w2", "APPEND w3 x", "LPUSH w4 a", "DEL w5", "EXPIRE w6 100");
    }

    @Test
    void aWriteThatFailsStillRemovesTheExpiredKey() {
        expiredKeys("f1", "f2");
        // the lookup expires the key before the command checks anything else
        probe.assertSame("INCRBY f1 notanumber", "SET f2 v NX GET", "GET f2");
    }

    @Test
    void aTransactionPropagatesItsDelsInsideItsOwnMultiExec() {
        expiredKeys("m1", "m2", "m3");
        probe.assertSame("MULTI", "SET m1 x", "GET m2", "INCR m3", "EXEC");
    }

    @Test
    void aReadOnlyTransactionPropagatesOnlyTheDels() {
        expiredKeys("t1", "t2");
        probe.assertSame("MULTI", "GET t1", "EXISTS t2", "EXEC");
    }

    @Test
    void activeExpiryOnAgainRemovesKeysWithoutAccess() {
        expiredKeys("a1");
        String before = probe.reference("DBSIZE").replies().get(0);
        assertEquals(before, probe.ours("DBSIZE").replies().get(0), "DBSIZE with a1 expired but present");
        String after = ":" + (Long.parseLong(before.substring(1, before.length() - 2)) - 1) + "\r\n";
        probe.given("DEBUG SET-ACTIVE-EXPIRE 1");
        // DBSIZE does not expire keys: only the cron's cycle (10 ticks a second) can remove a1
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!probe.reference("DBSIZE").replies().get(0).equals(after)
                || !probe.ours("DBSIZE").replies().get(0).equals(after)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the active cycle did not remove a1 within 5 s on both servers");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        probe.given("DEBUG SET-ACTIVE-EXPIRE 0");
    }
}
