package io.redisinternals.engine;

import io.redisinternals.keyspace.Database;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MULTI/EXEC/WATCH through the dispatcher: queueing, aborts, and the watcher bookkeeping. */
class TransactionTest {

    private static final String EXECABORT = "-EXECABORT Transaction discarded because of previous errors.\r\n";

    @Test
    void queuedCommandsRunAtExecInOrder() {
        TestClient c = TestClient.fresh();
        assertEquals("+OK\r\n", c.call("MULTI"));
        assertEquals("+QUEUED\r\n", c.call("SET", "a", "1"));
        assertEquals("+QUEUED\r\n", c.call("INCR", "a"));
        assertEquals("+QUEUED\r\n", c.call("GET", "a"));
        assertEquals("$-1\r\n", new TestClient(c.engine).call("GET", "a"), "nothing ran before EXEC");
        assertEquals("*3\r\n+OK\r\n:2\r\n$1\r\n2\r\n", c.call("EXEC"));
        assertFalse(c.session.inMulti());
    }

    @Test
    void queuedArgumentsAreCopiesNotViewsOfTheRequestBuffer() {
        TestClient c = TestClient.fresh();
        c.call("MULTI");
        byte[] key = "k".getBytes();
        byte[] value = "v1".getBytes();
        c.call(io.redisinternals.resp.Argv.of("SET".getBytes(), key, value));
        value[1] = '9'; // the connection reuses its buffer for the next request
        assertEquals("*1\r\n+OK\r\n", c.call("EXEC"));
        assertEquals("$2\r\nv1\r\n", c.call("GET", "k"));
    }

    @Test
    void queueingErrorsAbortAndRuntimeErrorsDoNot() {
        TestClient c = TestClient.fresh();
        c.call("MULTI");
        c.call("SET", "a", "1");
        assertTrue(c.call("NOPE").startsWith("-ERR unknown command 'NOPE'"));
        assertEquals(EXECABORT, c.call("EXEC"));
        assertEquals("$-1\r\n", c.call("GET", "a"));

        c.call("MULTI");
        c.call("SET", "s", "x");
        c.call("INCR", "s");
        c.call("SET", "t", "y");
        assertEquals("*3\r\n+OK\r\n-ERR value is not an integer or out of range\r\n+OK\r\n", c.call("EXEC"));
    }

    @Test
    void watchedKeyModifiedByAnotherClientMakesExecReturnNull() {
        TestClient a = TestClient.fresh();
        TestClient b = new TestClient(a.engine);
        a.call("SET", "k", "1");
        a.call("WATCH", "k");
        b.call("INCR", "k"); // in place (same width): still a modification
        a.call("MULTI");
        a.call("SET", "k", "a");
        assertEquals("*-1\r\n", a.call("EXEC"));
        assertEquals("$1\r\n2\r\n", a.call("GET", "k"));
    }

    @Test
    void watchersAreReleasedByExecDiscardUnwatchAndClose() {
        TestClient a = TestClient.fresh();
        Database db = a.engine.keyspace().db(0);
        a.call("WATCH", "k", "j");
        assertEquals(2, a.session.transaction().watchedCount());
        a.call("UNWATCH");
        assertEquals(0, a.session.transaction().watchedCount());
        a.call("WATCH", "k");
        a.call("MULTI");
        a.call("EXEC");
        assertEquals(0, a.session.transaction().watchedCount());
        a.call("WATCH", "k");
        a.session.closed();
        assertEquals(0, a.session.transaction().watchedCount());
        // with nobody watching, a write has no watcher table to consult
        TestClient b = new TestClient(a.engine);
        b.call("SET", "k", "v");
        assertFalse(b.session.transactionDirty());
        assertEquals(1, db.size());
    }

    @Test
    void flushTouchesOnlyWatchersOfKeysThatExisted() {
        TestClient a = TestClient.fresh();
        TestClient b = new TestClient(a.engine);
        a.call("WATCH", "absent");
        b.call("SET", "other", "1");
        b.call("FLUSHDB");
        a.call("MULTI");
        a.call("PING");
        assertEquals("*1\r\n+PONG\r\n", a.call("EXEC"));

        b.call("SET", "present", "1");
        a.call("WATCH", "present");
        b.call("FLUSHALL");
        assertTrue(a.session.transactionDirty());
        a.call("MULTI");
        assertEquals("*-1\r\n", a.call("EXEC"));
    }

    @Test
    void swapdbTouchesWatchersOfKeysOnEitherSide() {
        TestClient a = TestClient.fresh();
        TestClient b = new TestClient(a.engine);
        b.call("SELECT", "1");
        b.call("SET", "k", "in-db-1");
        a.call("WATCH", "k"); // absent in db 0, present in db 1
        a.engine.keyspace().swap(0, 1);
        assertTrue(a.session.transactionDirty());
        assertEquals("$7\r\nin-db-1\r\n", a.call("GET", "k"));
    }

    @Test
    void watchInsideMultiAndNestedMultiAreErrorsThatDoNotAbort() {
        TestClient c = TestClient.fresh();
        c.call("MULTI");
        assertEquals("-ERR MULTI calls can not be nested\r\n", c.call("MULTI"));
        assertEquals("-ERR WATCH inside MULTI is not allowed\r\n", c.call("WATCH", "k"));
        c.call("SET", "k", "v");
        assertEquals("*1\r\n+OK\r\n", c.call("EXEC"));
    }

    @Test
    void refusedExecExplainsAndEndsTheTransaction() {
        TestClient c = TestClient.fresh();
        c.call("MULTI");
        c.call("SET", "k", "v");
        assertEquals("-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
                c.call("EXEC", "x"));
        assertFalse(c.session.inMulti());
        assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
    }

    @Test
    void clientListShowsMultiStateAndQueueLength() {
        TestClient c = TestClient.fresh();
        c.call("MULTI");
        c.call("PING");
        c.call("PING");
        c.session.transaction(); // state visible to another client's CLIENT LIST
        String list = new TestClient(c.engine).call("CLIENT", "LIST");
        assertTrue(list.contains("flags=x db=0 sub=0 psub=0 ssub=0 multi=2"), list);
    }

    /** A WATCH that was waiting for the lock while its client was killed must not register a watch nobody drops. */
    @Test
    void aKilledClientWatchesNothing() {
        TestClient victim = TestClient.fresh();
        TestClient killer = new TestClient(victim.engine);
        killer.call("CLIENT", "KILL", "ID", String.valueOf(victim.session.id()));
        assertEquals("", victim.call("WATCH", "k"));
        assertEquals(0, victim.session.transaction().watchedCount());
        assertEquals("", victim.call("MULTI"));
        assertFalse(victim.session.inMulti());
    }
}
