package io.redisinternals.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.NestedCalls;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Scripts run by {@link ScriptEngine} with the recording seam of {@link RedisLibTest}: what EVAL
 * replies, with redis-server 7.0.15's texts.
 */
class ScriptEngineTest {

    private final RedisLibTest.RecordingCalls calls = new RedisLibTest.RecordingCalls();
    private final ReplyWriter out = new ReplyWriter();
    private final ScriptEngine engine = new ScriptEngine(new RedisRandom());

    private final CommandContext ctx = new CommandContext() {
        @Override
        public ReplyWriter reply() {
            return out;
        }

        @Override
        public String commandName() {
            return "eval";
        }

        @Override
        public Database db() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Keyspace keyspace() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public long configLong(String name) {
            return 0;
        }

        @Override
        public NestedCalls nestedCalls(int flags) {
            return calls;
        }
    };

    private String eval(String body, String... keysThenArgs) {
        out.clear();
        ScriptCache.Script s = engine.cache().load(body.getBytes(StandardCharsets.UTF_8));
        String[] argv = new String[keysThenArgs.length + 3];
        argv[0] = "EVAL";
        argv[1] = body;
        argv[2] = "0";
        System.arraycopy(keysThenArgs, 0, argv, 3, keysThenArgs.length);
        engine.run(ctx, s, Argv.of(argv), 0, 0);
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static String sha(String body) {
        return Sha1.hex(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void valuesAndArguments() {
        assertEquals(":1\r\n", eval("return 1"));
        assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", eval("return {ARGV[1], ARGV[2]}", "a", "b"));
        assertEquals("+OK\r\n", eval("return redis.call('set', 'k', 'v')"));
        assertEquals("set k v", calls.calls.get(0));
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void coroutinesRunInsideAScript() {
        assertEquals("*2\r\n:2\r\n:20\r\n", eval("local co = coroutine.create(function(a) local b = coroutine.yield(a+1)"
                + " return b*2 end) local _, x = coroutine.resume(co, 1) local _, y = coroutine.resume(co, 10) return {x, y}"));
    }

    @Test
    void coroutinesAScriptLeavesSuspendedEndWithTheRun() {
        java.util.function.LongSupplier threads = () -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("lua-coroutine") && t.isAlive()).count();
        long before = threads.getAsLong();
        for (int i = 0; i < 50; i++) {
            assertEquals(":1\r\n", eval("local co = coroutine.create(function() coroutine.yield(1) end)"
                    + " local _, v = coroutine.resume(co) return v"));
        }
        assertEquals(before, threads.getAsLong());
    }

    @Test
    void errorsAsRedis() {
        String boom = "error('boom')";
        assertEquals("-ERR user_script:1: boom script: " + sha(boom) + ", on @user_script:1.\r\n", eval(boom));
        String table = "error({err='boom'})";
        assertEquals("-boom script: " + sha(table) + ", on @user_script:1.\r\n", eval(table));
        calls.reply = "-ERR value is not an integer or out of range\r\n";
        String incr = "\nreturn redis.call('incr', 'k')";
        assertEquals("-ERR value is not an integer or out of range script: " + sha(incr) + ", on @user_script:2.\r\n",
                eval(incr));
        String global = "return x";
        assertEquals("-ERR user_script:1: Script attempted to access nonexistent global variable 'x' script: "
                + sha(global) + ", on @user_script:1.\r\n", eval(global));
        String set = "x = 1";
        assertEquals("-ERR user_script:1: Attempt to modify a readonly table script: " + sha(set)
                + ", on @user_script:1.\r\n", eval(set));
        assertEquals("ERR Error compiling script (new function): user_script:1: unexpected symbol near '+'",
                assertThrows(ScriptException.class, () -> engine.cache().load("return +".getBytes(StandardCharsets.UTF_8)))
                        .getMessage());
    }

    @Test
    void flushResetsTheUniverse() {
        engine.cache().load("return 1".getBytes(StandardCharsets.UTF_8));
        engine.reset();
        assertEquals(0, engine.cache().size());
        assertEquals(":1\r\n", eval("return 1"));
    }

    @Test
    void aRunPastItsMemoryBudgetFailsAndTheNextRunStartsAfresh() {
        engine.memoryBudget = 4 << 20;
        String grow = "local t = {} for i = 1, 1e9 do t[i] = 'x' .. i end return #t";
        // Lua's memory error runs no message handler: Redis's reply for an error that is not a table
        assertEquals("-ERR Error running script f_" + sha(grow) + ", not enough memory\r\n", eval(grow));
        // the budget is per run: what the failed run allocated is not held against the next one
        assertEquals(":100000\r\n", eval("local t = {} for i = 1, 1e5 do t[i] = i end return #t"));
        assertEquals(":100000\r\n", eval("local t = {} for i = 1, 1e5 do t[i] = i end return #t"));
    }
}
