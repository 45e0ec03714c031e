package io.redisinternals.conformance;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH against the reference: queueing, EXECABORT after queueing
 * errors, runtime errors in place, and WATCH invalidation by other clients' writes, expiry and
 * flushes. Two-client cases open a second {@link Differential} on the same pair of servers.
 */
class TransactionCommandsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void queueAndExec(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("MULTI");
            d.same("SET", "a", "1");
            d.same("INCR", "a");
            d.same("SET", "s", "x");
            d.same("INCR", "s"); // a runtime error is the command's reply; the rest still runs
            d.same("GET", "s");
            d.same("MGET", "a", "s", "missing");
            d.same("EXEC");
            d.same("GET", "a");
            d.same("MULTI");
            d.same("EXEC"); // empty transaction
            d.same("MULTI");
            d.same("SELECT", "1");
            d.same("SET", "z", "in-db-1");
            d.same("EXEC");
            d.same("GET", "z");
            d.same("SELECT", "0");
            d.same("GET", "z");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void errorsOutsideAndInsideMulti(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("EXEC");
            d.same("DISCARD");
            d.same("UNWATCH");
            d.same("MULTI", "extra");
            d.same("EXEC", "extra");
            d.same("WATCH");
            d.same("MULTI");
            d.same("MULTI"); // nested: an error that does not spoil the transaction
            d.same("WATCH", "k"); // likewise
            d.same("SET", "k", "v");
            d.same("EXEC");
            d.same("MULTI");
            d.same("DISCARD");
            d.same("DISCARD");
            d.same("GET", "k");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void queueingErrorsAbortExec(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("MULTI");
            d.same("SET", "a", "1");
            d.same("NOSUCHCOMMAND", "x");
            d.same("SET", "b", "2");
            d.same("EXEC");
            d.same("EXISTS", "a", "b");
            d.same("MULTI");
            d.same("SET", "a");
            d.same("EXEC");
            d.same("MULTI");
            d.same("CONFIG", "NOSUCHSUB");
            d.same("EXEC");
            d.same("MULTI");
            d.same("SHUTDOWN"); // no-multi: refused, and the transaction is doomed
            d.same("EXEC");
            d.same("MULTI");
            d.same("SET", "after", "abort");
            d.same("EXEC");
            d.same("GET", "after");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void watchedKeyWrittenByAnotherClientFailsExec(String config, int resp) {
        try (Differential a = Differential.open(config, resp).soft();
                Differential b = Differential.open(config, resp).soft()) {
            a.same("SET", "k", "1");
            a.same("WATCH", "k");
            b.same("SET", "k", "2");
            a.same("MULTI");
            a.same("SET", "k", "from-a");
            a.same("EXEC"); // null: k changed
            a.same("GET", "k");
            // after a failed EXEC the watch is gone: the next transaction runs
            a.same("MULTI");
            a.same("SET", "k", "from-a");
            a.same("EXEC");
            a.same("GET", "k");
            a.assertNoMismatches();
            b.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void writesThatChangeNothingDoNotTouchWatchers(String config, int resp) {
        try (Differential a = Differential.open(config, resp).soft();
                Differential b = Differential.open(config, resp).soft()) {
            a.same("SET", "k", "1");
            a.same("WATCH", "k", "absent");
            b.same("SET", "other", "x");
            b.same("SET", "k", "2", "NX"); // not written
            b.same("DEL", "absent"); // nothing to delete
            b.same("EXPIRE", "absent", "100");
            b.same("PERSIST", "k"); // no TTL to drop
            b.same("GET", "k");
            b.same("SELECT", "1");
            b.same("SET", "k", "other-db");
            b.same("FLUSHDB"); // another database
            b.same("SWAPDB", "1", "2"); // neither side has k
            b.same("SELECT", "3");
            b.same("SET", "k", "in-db-3");
            b.same("SELECT", "0");
            b.same("COPY", "k", "k2"); // reads k, writes k2
            b.same("MOVE", "k", "3"); // 0: db 3 has k already
            b.same("RENAME", "k2", "k3");
            a.same("MULTI");
            a.same("GET", "k");
            Reply exec = a.same("EXEC");
            org.junit.jupiter.api.Assertions.assertTrue(exec.rawText().startsWith("*1\r\n"),
                    "the reference ran the transaction: " + exec.visible());
            a.assertNoMismatches();
            b.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void everyKindOfWriteTouchesWatchers(String config, int resp) {
        String[][] writes = {
            {"SET", "k", "9"},
            {"INCR", "k"}, // rewritten in place: same width
            {"APPEND", "k", "x"},
            {"DEL", "k"},
            {"UNLINK", "k"},
            {"EXPIRE", "k", "100"},
            {"PEXPIRE", "k", "0"}, // a past time deletes
            {"RENAME", "k", "k2"},
            {"RENAME", "src", "k"},
            {"MSET", "k", "1", "z", "2"},
            {"GETDEL", "k"},
            {"FLUSHDB"},
            {"FLUSHALL"},
            {"SWAPDB", "0", "1"},
            {"MOVE", "k", "1"},
            {"COPY", "src", "k", "REPLACE"},
            {"SETBIT", "k", "0", "0"}, // the first bit of "1" is already 0: no change, no signal
            {"SETBIT", "k", "7", "0"},
            {"BITFIELD", "k", "INCRBY", "u8", "0", "1"},
            {"BITOP", "NOT", "k", "src"},
        };
        try (Differential a = Differential.open(config, resp).soft();
                Differential b = Differential.open(config, resp).soft()) {
            for (String[] write : writes) {
                b.same("FLUSHALL");
                b.same("SET", "k", "1");
                b.same("SET", "src", "s");
                a.same("WATCH", "k");
                b.same(write);
                a.same("MULTI");
                a.same("PING");
                a.same("EXEC");
            }
            // a watcher's own write counts too
            a.same("SET", "k", "1");
            a.same("WATCH", "k");
            a.same("SET", "k", "2");
            a.same("MULTI");
            a.same("PING");
            a.same("EXEC");
            a.assertNoMismatches();
            b.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void unwatchAndDiscardForgetWatches(String config, int resp) {
        try (Differential a = Differential.open(config, resp).soft();
                Differential b = Differential.open(config, resp).soft()) {
            a.same("WATCH", "k");
            b.same("SET", "k", "1");
            a.same("UNWATCH");
            a.same("MULTI");
            a.same("PING");
            a.same("EXEC");
            a.same("WATCH", "k");
            a.same("MULTI");
            a.same("DISCARD");
            b.same("SET", "k", "2");
            a.same("MULTI");
            a.same("PING");
            a.same("EXEC");
            a.assertNoMismatches();
            b.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void watchedKeysAndExpiry(String config, int resp) throws InterruptedException {
        try (Differential a = Differential.open(config, resp).soft();
                Differential b = Differential.open(config, resp).soft()) {
            // alive at WATCH, expired by EXEC (nobody removed it yet): EXEC fails
            a.same("SET", "k", "v", "PX", "30");
            a.same("WATCH", "k");
            Thread.sleep(60);
            a.same("MULTI");
            a.same("PING");
            a.same("EXEC");
            // already expired at WATCH: its removal is no change, EXEC runs
            a.same("SET", "k", "v", "PX", "1");
            Thread.sleep(20);
            a.same("WATCH", "k");
            b.same("GET", "k"); // lazily removes it
            a.same("MULTI");
            a.same("PING");
            a.same("EXEC");
            // removed by the other client's lazy expiry after WATCH: EXEC fails
            a.same("SET", "k", "v", "PX", "30");
            a.same("WATCH", "k");
            Thread.sleep(60);
            b.same("EXISTS", "k");
            a.same("MULTI");
            a.same("PING");
            a.same("EXEC");
            a.assertNoMismatches();
            b.assertNoMismatches();
        }
    }

    @AllConfigurations
    void refusedExecEndsTheTransaction(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("SET", "k", "1");
            d.same("MULTI");
            d.same("SET", "k", "2");
            d.same("EXEC", "extra"); // EXECABORT with the reason; the transaction is gone
            d.same("EXEC");
            d.same("GET", "k");
            d.same("CONFIG", "SET", "requirepass", TEST_PASSWORD);
            try (Differential other = Differential.open(config, 2).soft()) {
                other.same("EXEC");
                other.same("MULTI");
                other.same("EXEC");
                other.same("AUTH", TEST_PASSWORD);
                other.same("EXEC");
                other.assertNoMismatches();
            }
            d.same("CONFIG", "SET", "requirepass", "");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void quitAndResetInsideMulti(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("MULTI");
            d.same("SET", "k", "1");
            d.same(Normalize.bytes(), "RESET");
            d.same("EXEC");
            d.same("EXISTS", "k");
        }
        try (Differential d = Differential.open(config, resp)) {
            d.same("MULTI");
            d.same("QUIT");
        }
    }
}
