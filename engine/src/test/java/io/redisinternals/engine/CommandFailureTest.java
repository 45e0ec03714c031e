package io.redisinternals.engine;

import io.redisinternals.engine.config.Config;
import io.redisinternals.keyspace.types.StringValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandFunction;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A command function that throws is a bug, and must cost only its own reply: the engine stays
 * consistent (ready keys served, nobody left half-blocked) and the thread that ran it goes on.
 */
class CommandFailureTest {

    /** Commands that fail in the ways a buggy command can. */
    static final class FailingCommands implements CommandProvider {
        @Override
        public List<CommandSpec> commands() {
            return List.of(
                    // writes the key (waking its waiters), then throws
                    command("setboom", 3, (ctx, argv) -> {
                        ctx.db().put(argv.bytes(1), StringValue.embstr(argv.bytes(2)));
                        throw new IllegalStateException("boom after a write");
                    }),
                    // starts a reply, then throws: the half reply must not reach the client
                    command("halfboom", 2, (ctx, argv) -> {
                        ctx.reply().arrayHeader(2);
                        ctx.reply().bulk(argv.bytes(1));
                        throw new IllegalStateException("boom mid-reply");
                    }),
                    // blocks, then throws
                    command("blockboom", 2, (ctx, argv) -> {
                        ctx.block(argv, new int[] {1}, "string", 0);
                        throw new IllegalStateException("boom after block");
                    }),
                    // blocks; its re-run throws an Error
                    command("bboom", 2, (ctx, argv) -> {
                        if (ctx.servingKey() != null) {
                            throw new StackOverflowError("boom in the re-run");
                        }
                        ctx.block(argv, new int[] {1}, "string", 0);
                    }));
        }

        private static CommandSpec command(String name, int arity, CommandFunction f) {
            return CommandSpec.builder(name)
                    .arity(arity)
                    .flags(CommandFlag.WRITE, CommandFlag.BLOCKING)
                    .key(KeySpec.single(1, "RW", "access", "update"))
                    .group(CommandGroup.GENERIC)
                    .summary("test").since("0.0.0").complexity("O(1)")
                    .function(f)
                    .build();
        }
    }

    private static Engine boot() {
        return Engine.boot(new Config(), ServerHooks.none(), List.of(new BuiltinCommands(),
                new BlockedClientsTest.TestBlockingCommands(), new FailingCommands()));
    }

    private static String internalError(String command) {
        return "-ERR internal error in command '" + command + "', see the server log\r\n";
    }

    @Test
    void aThrowingCommandRepliesAnErrorAndItsWriteStillServesTheWaiters() {
        Engine e = boot();
        TestClient waiter = new TestClient(e);
        TestClient writer = new TestClient(e);
        assertEquals("", waiter.call("BGETDEL", "k", "0"));
        assertEquals(internalError("setboom"), writer.call("SETBOOM", "k", "v"));
        assertEquals(List.of("$1\r\nv\r\n"), waiter.channel.unblockedReplies, "the ready key is served at once");
        assertEquals(0, e.blockedClients().count());
        assertEquals("+PONG\r\n", writer.call("PING"), "the failing client goes on");
    }

    @Test
    void aHalfWrittenReplyIsReplacedByTheError() {
        TestClient c = new TestClient(boot());
        assertEquals(internalError("halfboom"), c.call("HALFBOOM", "x"));
    }

    @Test
    void insideExecTheFailureIsThatCommandsReplyAndTheRestRun() {
        Engine e = boot();
        TestClient waiter = new TestClient(e);
        TestClient c = new TestClient(e);
        waiter.call("BGETDEL", "k", "0");
        c.call("MULTI");
        c.call("HALFBOOM", "x");
        c.call("SETBOOM", "k", "v");
        c.call("SET", "j", "w");
        assertEquals("*3\r\n" + internalError("halfboom") + internalError("setboom") + "+OK\r\n", c.call("EXEC"));
        assertFalse(c.session.inMulti());
        assertEquals(List.of("$1\r\nv\r\n"), waiter.channel.unblockedReplies, "served after EXEC");
        assertEquals("$1\r\nw\r\n", c.call("GET", "j"));
    }

    @Test
    void aCommandThatBlocksThenThrowsIsNotLeftBlocked() {
        Engine e = boot();
        TestClient c = new TestClient(e);
        assertEquals(internalError("blockboom"), c.call("BLOCKBOOM", "k"));
        assertFalse(c.session.isBlocked());
        assertEquals(0, e.blockedClients().count());
        TestClient writer = new TestClient(e);
        writer.call("SET", "k", "v");
        assertEquals("$1\r\nv\r\n", writer.call("GET", "k"), "no waiter was left on the key");
    }

    @Test
    void aReRunThatThrowsUnblocksItsClientWithTheErrorAndTheNextWaiterIsServed() {
        Engine e = boot();
        TestClient failing = new TestClient(e);
        TestClient next = new TestClient(e);
        TestClient writer = new TestClient(e);
        assertEquals("", failing.call("BBOOM", "k"));
        assertEquals("", next.call("BGETDEL", "k", "0"));
        assertEquals(2, e.blockedClients().count());
        assertEquals("+OK\r\n", writer.call("SET", "k", "v"));
        assertEquals(List.of(internalError("bboom")), failing.channel.unblockedReplies);
        assertFalse(failing.session.isBlocked());
        assertEquals(List.of("$1\r\nv\r\n"), next.channel.unblockedReplies);
        assertEquals(0, e.blockedClients().count());
        assertTrue(writer.call("INFO", "clients").contains("blocked_clients:0\r\n"));
        writer.call("SET", "k", "again");
        assertEquals("$5\r\nagain\r\n", writer.call("GET", "k"), "the failed client is in no queue any more");
        assertEquals("+PONG\r\n", failing.call("PING"));
    }
}
