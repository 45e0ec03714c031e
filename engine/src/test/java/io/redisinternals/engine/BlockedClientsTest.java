package io.redisinternals.engine;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.config.ConfigException;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.StringValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Replies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine side of blocking commands, driven by a test command, BGETDEL key timeout-ms:
 * GETDEL if the key holds a string, else block on it (type "string") until the deadline.
 */
class BlockedClientsTest {

    /** A minimal blocking command in the shape the list and sorted-set commands use. */
    static final class TestBlockingCommands implements CommandProvider {
        @Override
        public List<CommandSpec> commands() {
            return List.of(CommandSpec.builder("bgetdel")
                    .arity(3)
                    .flags(CommandFlag.WRITE, CommandFlag.BLOCKING)
                    .key(KeySpec.single(1, "RW", "access", "delete"))
                    .group(io.redisinternals.command.CommandGroup.GENERIC)
                    .summary("test").since("0.0.0").complexity("O(1)")
                    .function((ctx, argv) -> {
                        long ms = argv.longValue(2);
                        Database db = ctx.db();
                        db.expireIfNeeded(argv, 1, ctx.nowMillis());
                        Object v = db.get(argv, 1);
                        if (v != null && StringValue.isString(v)) {
                            StringValue.writeBulk(ctx.reply(), v);
                            db.remove(argv, 1);
                        } else if (v != null) {
                            ctx.reply().raw(Replies.WRONGTYPE);
                        } else if (!ctx.mayBlock()) {
                            ctx.reply().nullArray();
                        } else {
                            ctx.block(argv, new int[] {1}, "string", ms == 0 ? 0 : ctx.nowMillis() + ms);
                        }
                    })
                    .build());
        }
    }

    private static Engine boot() {
        return Engine.boot(new Config(), ServerHooks.none(), List.of(new BuiltinCommands(), new TestBlockingCommands()));
    }

    @Test
    void waitersAreServedFirstComeFirstServed() {
        Engine e = boot();
        TestClient a = new TestClient(e);
        TestClient b = new TestClient(e);
        TestClient c = new TestClient(e);
        TestClient pusher = new TestClient(e);
        assertEquals("", a.call("BGETDEL", "k", "0"));
        assertEquals("", b.call("BGETDEL", "k", "0"));
        assertTrue(a.session.isBlocked());
        assertEquals(2, e.blockedClients().count());
        assertTrue(c.call("INFO", "clients").contains("blocked_clients:2\r\n"));
        assertEquals("+OK\r\n", pusher.call("SET", "k", "first"));
        assertEquals(List.of("$5\r\nfirst\r\n"), a.channel.unblockedReplies);
        assertTrue(b.session.isBlocked(), "one value, one waiter served");
        assertEquals("$-1\r\n", pusher.call("GET", "k"), "the waiter consumed it before the next command");
        pusher.call("SET", "k", "second");
        assertEquals(List.of("$6\r\nsecond\r\n"), b.channel.unblockedReplies);
        assertEquals(0, e.blockedClients().count());
    }

    @Test
    void aValueOfAnotherTypeLeavesWaitersBlockedAndAWrongTypeKeyDoesNotBlock() {
        Engine e = boot();
        TestClient a = new TestClient(e);
        TestClient other = new TestClient(e);
        a.call("BGETDEL", "k", "0");
        // a string is what it waits for; EXPIRE on a missing key writes nothing
        other.call("EXPIRE", "k", "10");
        assertTrue(a.session.isBlocked());
        other.call("SET", "k", "v");
        assertFalse(a.session.isBlocked());
    }

    @Test
    void pushInsideMultiServesAfterExecAndBlockingInsideMultiDoesNotBlock() {
        Engine e = boot();
        TestClient a = new TestClient(e);
        TestClient t = new TestClient(e);
        a.call("BGETDEL", "k", "0");
        t.call("MULTI");
        t.call("SET", "k", "1");
        t.call("GET", "k");
        assertEquals("*2\r\n+OK\r\n$1\r\n1\r\n", t.call("EXEC"), "the waiter is served after EXEC, not within");
        assertEquals(List.of("$1\r\n1\r\n"), a.channel.unblockedReplies);

        t.call("MULTI");
        t.call("BGETDEL", "nothing", "0");
        assertEquals("*1\r\n*-1\r\n", t.call("EXEC"), "inside EXEC a blocking command does not block");
        assertFalse(t.session.isBlocked());
    }

    @Test
    void timeoutRepliesNullArrayInTheClientsProtocol() throws InterruptedException {
        Engine e = boot();
        TestClient a = new TestClient(e);
        a.call("HELLO", "3");
        a.call("BGETDEL", "k", "30");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (a.session.isBlocked() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("_\r\n"), a.channel.unblockedReplies);
        assertEquals(0, e.blockedClients().count());
    }

    @Test
    void clientUnblockAsTimeoutOrError() {
        Engine e = boot();
        TestClient a = new TestClient(e);
        TestClient b = new TestClient(e);
        TestClient admin = new TestClient(e);
        a.call("BGETDEL", "k", "0");
        b.call("BGETDEL", "k", "0");
        assertTrue(admin.call("CLIENT", "LIST").contains("flags=b"));
        assertEquals(":1\r\n", admin.call("CLIENT", "UNBLOCK", String.valueOf(a.session.id())));
        assertEquals(List.of("*-1\r\n"), a.channel.unblockedReplies);
        assertEquals(":1\r\n", admin.call("CLIENT", "UNBLOCK", String.valueOf(b.session.id()), "ERROR"));
        assertEquals(List.of("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"), b.channel.unblockedReplies);
        assertEquals(":0\r\n", admin.call("CLIENT", "UNBLOCK", String.valueOf(b.session.id())));
    }

    @Test
    void aClientThatGoesAwayWhileBlockedLeavesNothingBehind() {
        Engine e = boot();
        TestClient a = new TestClient(e);
        TestClient b = new TestClient(e);
        a.call("BGETDEL", "k", "0");
        b.call("BGETDEL", "k", "0");
        a.session.closed();
        assertEquals(1, e.blockedClients().count());
        TestClient pusher = new TestClient(e);
        pusher.call("SET", "k", "v");
        assertEquals(List.of(), a.channel.unblockedReplies);
        assertEquals(List.of("$1\r\nv\r\n"), b.channel.unblockedReplies, "the value goes to the live waiter");
        b.call("BGETDEL", "j", "0");
        pusher.call("CLIENT", "KILL", "ID", String.valueOf(b.session.id()));
        assertEquals(0, e.blockedClients().count());
        pusher.call("SET", "j", "kept");
        assertEquals("$4\r\nkept\r\n", pusher.call("GET", "j"));
    }

    /**
     * The kill-vs-BLPOP race made deterministic: the victim's thread has parsed BLPOP and waits for
     * the execution lock while another client kills it; when the victim's turn comes its session
     * is closed and must run nothing, or the next push is popped for a dead connection.
     */
    @Test
    void aKilledClientRunsNothingSoNoPushIsLostToIt() {
        Engine e = boot();
        TestClient victim = new TestClient(e);
        TestClient killer = new TestClient(e);
        assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "ID", String.valueOf(victim.session.id())));
        assertTrue(victim.channel.closedNow, "another client's kill drops the victim's output and closes at once");
        assertEquals("", victim.call("BLPOP", "k", "0"), "the BLPOP that was waiting for the lock");
        assertFalse(victim.session.isBlocked());
        assertEquals(0, e.blockedClients().count());
        assertEquals(":1\r\n", killer.call("RPUSH", "k", "v"));
        assertEquals("*1\r\n$1\r\nv\r\n", killer.call("LRANGE", "k", "0", "-1"), "the value stays");
        assertEquals(List.of(), victim.channel.unblockedReplies);
        String info = killer.call("INFO", "clients");
        assertTrue(info.contains("connected_clients:1\r\n"), info);
        assertTrue(info.contains("blocked_clients:0\r\n"), info);
    }

    @Test
    void aClientKilledByTheIdleTimeoutRunsNothingEither() throws ConfigException {
        Engine e = boot();
        TestClient victim = new TestClient(e);
        e.config().set("timeout", "1");
        cron(e, System.currentTimeMillis() + 5_000);
        assertTrue(victim.channel.closedNow, "the timeout frees the client at once, as Redis's freeClient");
        assertEquals("", victim.call("BGETDEL", "k", "0"));
        assertEquals(0, e.blockedClients().count());
        TestClient pusher = new TestClient(e);
        pusher.call("SET", "k", "v");
        assertEquals("$1\r\nv\r\n", pusher.call("GET", "k"));
    }

    /** Redis's clientsCronHandleTimeout skips blocked clients: a BLPOP 0 waits for as long as it takes. */
    @Test
    void theIdleTimeoutSparesBlockedClientsButTheirOwnTimeoutStillFires() throws Exception {
        Engine e = boot();
        TestClient forever = new TestClient(e);
        TestClient timed = new TestClient(e);
        TestClient idle = new TestClient(e);
        e.config().set("timeout", "1");
        forever.call("BGETDEL", "k", "0");
        timed.call("BGETDEL", "j", "50");
        long later = System.currentTimeMillis() + 5_000;
        cron(e, later);
        assertTrue(idle.channel.closedNow, "an idle client that is not blocked is closed");
        assertFalse(forever.channel.closed, "a blocked client is exempt from the idle timeout");
        assertFalse(timed.channel.closed);
        assertEquals(2, e.blockedClients().count());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (timed.channel.unblockedReplies.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("*-1\r\n"), timed.channel.unblockedReplies, "its own timeout still replies");
        // As Redis's writeToClient: sending the reply counts as an interaction, so the idle clock restarts.
        cron(e, System.currentTimeMillis() + 500);
        assertFalse(timed.channel.closed, "idle for less than the timeout since its reply");
        cron(e, System.currentTimeMillis() + 5_000);
        assertTrue(timed.channel.closedNow, "no longer blocked: the idle timeout applies again");
        assertFalse(forever.channel.closed);
        new TestClient(e).call("SET", "k", "v");
        assertEquals(List.of("$1\r\nv\r\n"), forever.channel.unblockedReplies);
    }

    /** Engine.cron as the server's cron thread runs it: under the execution lock (the timeout thread runs too). */
    private static void cron(Engine e, long nowMillis) {
        e.executionLock().lock();
        try {
            e.cron(nowMillis);
        } finally {
            e.executionLock().unlock();
        }
    }
}
