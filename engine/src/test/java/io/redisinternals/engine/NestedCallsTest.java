package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.NestedCalls;
import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.engine.config.Config;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam a script's redis.call goes through ({@link io.redisinternals.command.CommandContext#nestedCalls}):
 * Redis's checks for a script's command, in its order and with its texts, then the one call path.
 * Driven by a fake command set whose NEST command runs the commands it is given as a script would.
 */
class NestedCallsTest {

    /**
     * {@code NEST flags proto cmd args... [| cmd args...]}: runs each command nested (flags as
     * {@link NestedCalls}, proto 2 or 3; a command {@code @to targets} sets
     * {@link NestedCalls#propagateTo}) and replies an array of each raw reply as a bulk string,
     * then 1 or 0 for {@link NestedCalls#wrote()}. Never propagated itself, as EVAL.
     */
    static final class NestingCommands implements CommandProvider {
        @Override
        public List<CommandSpec> commands() {
            CommandSpec oomState = CommandSpec.builder("oomstate").arity(1)
                    .group(CommandGroup.SCRIPTING).summary("test").since("0.0.0").complexity("O(1)")
                    .function((ctx, argv) -> ctx.reply().integer(ctx.overMaxmemory() ? 1 : 0)).build();
            // replies the error its nested call replied, as EVAL passes a redis.call error on
            CommandSpec passOn = CommandSpec.builder("passon").arity(-2)
                    .group(CommandGroup.SCRIPTING).summary("test").since("0.0.0").complexity("O(1)")
                    .function((ctx, argv) -> {
                        byte[][] args = new byte[argv.count() - 1][];
                        for (int i = 1; i < argv.count(); i++) {
                            args[i - 1] = argv.bytes(i);
                        }
                        try (NestedCalls calls = ctx.nestedCalls(0)) {
                            byte[] reply = calls.call(Argv.of(args), RespVersion.RESP2);
                            if (reply[0] == '-') {
                                ctx.errorAlreadyCounted();
                            }
                            ctx.reply().raw(reply);
                        }
                    }).build();
            return List.of(oomState, passOn, CommandSpec.builder("nest").arity(-4)
                    .flags(CommandFlag.NOSCRIPT, CommandFlag.MAY_REPLICATE)
                    .group(CommandGroup.SCRIPTING).summary("test").since("0.0.0").complexity("O(1)")
                    .function((ctx, argv) -> {
                        ctx.preventPropagation();
                        try (NestedCalls calls = ctx.nestedCalls(Integer.parseInt(argv.string(1)))) {
                            run(ctx, argv, calls);
                        }
                    }).build());
        }

        private static void run(CommandContext ctx, Argv argv, NestedCalls calls) {
            RespVersion proto = argv.string(2).equals("3") ? RespVersion.RESP3 : RespVersion.RESP2;
            List<byte[]> replies = new ArrayList<>();
            List<byte[]> command = new ArrayList<>();
            for (int i = 3; i <= argv.count(); i++) {
                if ((i == argv.count() || argv.string(i).equals("|"))
                        && new String(command.get(0), StandardCharsets.UTF_8).equals("@to")) {
                    // "@to targets": the following calls propagate there (a script's redis.set_repl)
                    calls.propagateTo(Integer.parseInt(new String(command.get(1), StandardCharsets.UTF_8)));
                    replies.add("+OK\r\n".getBytes(StandardCharsets.UTF_8));
                    command.clear();
                } else if (i == argv.count() || argv.string(i).equals("|")) {
                    replies.add(calls.call(Argv.of(command.toArray(byte[][]::new)), proto));
                    command.clear();
                } else {
                    command.add(argv.bytes(i));
                }
            }
            ctx.reply().arrayHeader(replies.size() + 1);
            for (byte[] r : replies) {
                ctx.reply().bulk(r);
            }
            ctx.reply().integer(calls.wrote() ? 1 : 0);
        }
    }

    private static Engine boot(Config config) {
        return Engine.boot(config, ServerHooks.none(), List.of(new BuiltinCommands(), new NestingCommands()));
    }

    /** The raw nested replies of one NEST, in order (the trailing wrote flag dropped). */
    private static List<String> nest(TestClient c, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList("NEST"));
        all.addAll(Arrays.asList(args));
        String reply = c.call(all.toArray(String[]::new));
        return parseBulks(reply);
    }

    static List<String> parseBulks(String reply) {
        List<String> out = new ArrayList<>();
        int at = reply.indexOf("\r\n") + 2; // after *N
        while (reply.charAt(at) == '$') {
            int eol = reply.indexOf("\r\n", at);
            int len = Integer.parseInt(reply.substring(at + 1, eol));
            out.add(reply.substring(eol + 2, eol + 2 + len));
            at = eol + 2 + len + 2;
        }
        out.add(reply.substring(at)); // the wrote flag, ":1\r\n" or ":0\r\n"
        return out;
    }

    @Test
    void commandsRunThroughTheCallPathAndReplyInTheScriptsProtocol() {
        TestClient c = new TestClient(boot(new Config()));
        assertEquals(List.of("+OK\r\n", "$1\r\nv\r\n", ":1\r\n"),
                nest(c, "0", "2", "SET", "k", "v", "|", "GET", "k"));
        assertEquals("$1\r\nv\r\n", c.call("GET", "k"));
        c.call("HSET", "h", "f", "x");
        assertEquals(List.of("*2\r\n$1\r\nf\r\n$1\r\nx\r\n", ":0\r\n"), nest(c, "0", "2", "HGETALL", "h"));
        assertEquals(List.of("%1\r\n$1\r\nf\r\n$1\r\nx\r\n", ":0\r\n"), nest(c, "0", "3", "HGETALL", "h"));
        // commandstats count the nested calls as calls of their own commands
        String stats = c.call("INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_set:calls=1,"), stats);
        assertTrue(stats.contains("cmdstat_hgetall:calls=2,"), stats);
        // a command error is the nested reply, not the outer one's
        assertEquals(List.of("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", ":0\r\n"),
                nest(c, "0", "2", "GET", "h"));
    }

    @Test
    void refusedCallsAreErrorRepliesWithRedisTextsInRedisOrder() {
        TestClient c = new TestClient(boot(new Config()));
        assertEquals("-ERR Unknown Redis command called from script\r\n", nest(c, "0", "2", "NOSUCH").get(0));
        assertEquals("-ERR Unknown Redis command called from script\r\n", nest(c, "0", "2", "CLIENT", "NOSUCH").get(0));
        assertEquals("-ERR Wrong number of args calling Redis command from script\r\n", nest(c, "0", "2", "GET").get(0));
        assertEquals("-ERR Wrong number of args calling Redis command from script\r\n", nest(c, "0", "2", "CLIENT").get(0));
        // arity is checked before noscript: MULTI with an argument is an arity error
        assertEquals("-ERR Wrong number of args calling Redis command from script\r\n",
                nest(c, "0", "2", "MULTI", "x").get(0));
        assertEquals("-ERR This Redis command is not allowed from script\r\n", nest(c, "0", "2", "MULTI").get(0));
        assertEquals("-ERR This Redis command is not allowed from script\r\n", nest(c, "0", "2", "NEST", "0", "2", "PING").get(0));
        String errors = c.call("INFO", "errorstats");
        assertTrue(errors.contains("errorstat_ERR:count="), errors);
        String stats = c.call("INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_multi:calls=0,usec=0,usec_per_call=0.00,rejected_calls=2,"), stats);
        assertTrue(stats.contains("cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,"), stats);
    }

    @Test
    void readOnlyRunsRefuseWritesAndMayReplicateCommands() {
        TestClient c = new TestClient(boot(new Config()));
        String ro = String.valueOf(NestedCalls.READ_ONLY);
        String refused = "-ERR Write commands are not allowed from read-only scripts.\r\n";
        assertEquals(List.of(refused, "$-1\r\n", refused, ":0\r\n"),
                nest(c, ro, "2", "SET", "k", "v", "|", "GET", "k", "|", "PUBLISH", "ch", "m"));
        assertEquals(":0\r\n", c.call("EXISTS", "k"));
        // without the flag PUBLISH runs (it is not a write: the run has not written)
        assertEquals(List.of(":0\r\n", ":0\r\n"), nest(c, "0", "2", "PUBLISH", "ch", "m"));
    }

    @Test
    void overMaxmemoryDenyoomIsRefusedUntilTheRunWroteOrAllowOom() {
        Config config = new Config();
        TestClient c = new TestClient(boot(config));
        c.call("SET", "big", "x".repeat(10_000));
        assertEquals(":0\r\n", c.call("OOMSTATE"));
        assertEquals("+OK\r\n", c.call("CONFIG", "SET", "maxmemory", "1"));
        assertEquals(":1\r\n", c.call("OOMSTATE")); // the dispatcher's state, seen by a command that is not denyoom
        String oom = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";
        assertEquals(List.of(oom, "$10000\r\n" + "x".repeat(10_000) + "\r\n", ":0\r\n"),
                nest(c, "0", "2", "SET", "k", "v", "|", "GET", "big"));
        // a write that is not denyoom (DEL) makes the run dirty: what follows may not be refused
        assertEquals(List.of(":0\r\n", "+OK\r\n", ":1\r\n"), nest(c, "0", "2", "DEL", "nokey", "|", "SET", "k", "v"));
        assertEquals(List.of("+OK\r\n", ":1\r\n"),
                nest(c, String.valueOf(NestedCalls.ALLOW_OOM), "2", "SET", "k2", "v"));
        assertEquals("+OK\r\n", c.call("CONFIG", "SET", "maxmemory", "0"));
        assertEquals(":0\r\n", c.call("OOMSTATE"));
        assertEquals(List.of("+OK\r\n", ":1\r\n"), nest(c, "0", "2", "SET", "k3", "v"));
    }

    @Test
    void theRunsWritesArePropagatedAsOneTransactionAndTheOuterCommandNot() {
        Engine e = boot(new Config());
        List<String> propagated = new ArrayList<>();
        e.executionLock().lock();
        try {
            e.effects().addPropagationSink((db, argv) -> propagated.add(
                    String.join(" ", Arrays.stream(argv).map(a -> new String(a, StandardCharsets.UTF_8)).toList())));
        } finally {
            e.executionLock().unlock();
        }
        TestClient c = new TestClient(e);
        nest(c, "0", "2", "SET", "a", "1", "|", "GET", "a", "|", "INCR", "a");
        assertEquals(List.of("MULTI", "SET a 1", "INCR a", "EXEC"), propagated);
        propagated.clear();
        nest(c, "0", "2", "GET", "a");
        assertEquals(List.of(), propagated);
    }

    @Test
    void propagationTargetsChooseTheSinksAndUnreachedOnesAreNotQueued() {
        Engine e = boot(new Config());
        List<String> aof = new ArrayList<>();
        List<String> replica = new ArrayList<>();
        Effects.PropagationSink aofSink = (db, argv) -> aof.add(line(argv));
        e.executionLock().lock();
        try {
            e.effects().addPropagationSink(Effects.AOF, aofSink);
            e.effects().addPropagationSink(Effects.REPLICA, (db, argv) -> replica.add(line(argv)));
        } finally {
            e.executionLock().unlock();
        }
        TestClient c = new TestClient(e);
        nest(c, "0", "2", "SET", "a", "1", "|", "@to", "1", "|", "SET", "b", "2", "|", "@to", "0", "|",
                "SET", "c", "3", "|", "@to", "2", "|", "SET", "d", "4");
        // as Redis with an AOF and a replica: MULTI/EXEC go to both, each write to its targets
        assertEquals(List.of("MULTI", "SET a 1", "SET b 2", "EXEC"), aof);
        assertEquals(List.of("MULTI", "SET a 1", "SET d 4", "EXEC"), replica);
        // the next run starts with both targets again
        aof.clear();
        replica.clear();
        nest(c, "0", "2", "SET", "e", "5");
        assertEquals(List.of("SET e 5"), aof);
        assertEquals(List.of("SET e 5"), replica);
        // with no AOF sink, a write for the AOF only is dropped before it is queued: one write, no MULTI
        e.executionLock().lock();
        try {
            e.effects().removePropagationSink(aofSink);
        } finally {
            e.executionLock().unlock();
        }
        replica.clear();
        nest(c, "0", "2", "@to", "1", "|", "SET", "f", "6", "|", "@to", "3", "|", "SET", "g", "7");
        assertEquals(List.of("SET g 7"), replica);
        assertEquals(List.of("$1\r\n6\r\n"), List.of(c.call("GET", "f")));
    }

    private static String line(byte[][] argv) {
        return String.join(" ", Arrays.stream(argv).map(a -> new String(a, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void aNestedSelectAppliesToTheRunOnly() {
        Config config = new Config();
        TestClient c = new TestClient(boot(config));
        assertEquals(List.of("+OK\r\n", "+OK\r\n", ":1\r\n"), nest(c, "0", "2", "SELECT", "1", "|", "SET", "k", "v"));
        assertEquals(":0\r\n", c.call("EXISTS", "k"));
        assertEquals(0, c.session.dbIndex());
        c.call("SELECT", "1");
        assertEquals(":1\r\n", c.call("EXISTS", "k"));
    }

    @Test
    void anErrorPassedOnIsCountedOnceWhereItArose() {
        TestClient c = new TestClient(boot(new Config()));
        c.call("SET", "s", "x");
        assertEquals("-ERR value is not an integer or out of range\r\n", c.call("PASSON", "INCR", "s"));
        String errors = c.call("INFO", "errorstats");
        assertTrue(errors.contains("errorstat_ERR:count=1\r\n"), errors);
        String stats = c.call("INFO", "commandstats");
        assertTrue(stats.contains("cmdstat_incr:calls=1,") && stats.contains("failed_calls=1"), stats);
        assertTrue(stats.matches("(?s).*cmdstat_passon:calls=1,[^\r]*failed_calls=0\r\n.*"), stats);
        // its own errors are counted as ever
        assertEquals("-ERR Unknown Redis command called from script\r\n", c.call("PASSON", "NOSUCH"));
        assertTrue(c.call("INFO", "errorstats").contains("errorstat_ERR:count=2\r\n"));
    }

    @Test
    void aNestedBlockingCommandDoesNotBlock() {
        TestClient c = new TestClient(boot(new Config()));
        // BLMPOP is one of the few blocking commands not flagged noscript (BLPOP is)
        assertEquals(List.of("*-1\r\n", ":1\r\n"), nest(c, "0", "2", "BLMPOP", "0", "1", "nolist", "LEFT"));
        assertEquals(false, c.session.isBlocked());
        c.call("RPUSH", "l", "a");
        assertEquals(List.of("*2\r\n$1\r\nl\r\n*1\r\n$1\r\na\r\n", ":1\r\n"),
                nest(c, "0", "2", "BLMPOP", "0", "1", "l", "LEFT"));
        assertEquals("-ERR This Redis command is not allowed from script\r\n", nest(c, "0", "2", "BLPOP", "l", "0").get(0));
    }
}
