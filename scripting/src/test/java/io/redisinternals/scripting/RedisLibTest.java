package io.redisinternals.scripting;

import static io.redisinternals.scripting.LuaValues.s;
import static io.redisinternals.scripting.LuaValues.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.NestedCalls;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The redis table's functions called directly, as the interpreter will call them; expected values
 * and texts are redis-server 7.0.15's (checked there with EVAL).
 */
class RedisLibTest {

    /** A stand-in for the engine's seam: records each call and answers a fixed reply. */
    static final class RecordingCalls implements NestedCalls {
        final List<String> calls = new ArrayList<>();
        final List<RespVersion> protocols = new ArrayList<>();
        String reply = "+OK\r\n";
        int targets = PROPAGATE_AOF | PROPAGATE_REPLICA;

        @Override
        public byte[] call(Argv argv, RespVersion protocol) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < argv.count(); i++) {
                b.append(i == 0 ? "" : " ").append(argv.string(i));
            }
            calls.add(b.toString());
            protocols.add(protocol);
            return reply.getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Every command but "nosuch" exists; "denied" is refused. */
        @Override
        public Boolean permitted(Argv argv) {
            String name = argv.string(0);
            return name.equals("nosuch") ? null : !name.equals("denied");
        }

        @Override
        public void propagateTo(int targets) {
            this.targets = targets;
        }

        @Override
        public boolean wrote() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private final RecordingCalls calls = new RecordingCalls();
    private final ScriptRun run = new ScriptRun(calls, "0123456789012345678901234567890123456789");
    private final LuaTable redis = RedisLib.create(() -> run, true);
    private final LuaState state = new LuaState();

    private Object[] invoke(String name, Object... args) {
        return ((LuaFunction) redis.rawget(s(name))).call(state, args);
    }

    private String raised(String name, Object... args) {
        LuaError e = assertThrows(LuaError.class, () -> invoke(name, args));
        return show(e.value());
    }

    /** The integral fast path of number arguments prints what the general %.17g formatter prints. */
    @Test
    void numberArgumentsAsPercent17g() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 10.0, 100.0, 1e15, 1e16, 99999999999999990.0,
                1e17, -1e17, 1e18, 9007199254740992.0, 9007199254740993.0, 0.5, -2.5, 1e-5, 3.14159, 1e300,
                Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                (double) Long.MAX_VALUE, (double) Long.MIN_VALUE));
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 2000; i++) {
            values.add((double) (random.nextLong() >> random.nextInt(64)));
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        }
        for (double d : values) {
            assertEquals(io.redisinternals.resp.Numbers.formatDouble17g(d),
                    new String(RedisLib.numberArgument(d), StandardCharsets.US_ASCII), "for " + d);
        }
    }

    @Test
    void callRunsTheCommandThroughTheSeamWithRedisArgumentForms() {
        assertEquals("{ok='OK'}", show(invoke("call", s("set"), s("k"), 12345678901234567.0)[0]));
        assertEquals("set k 12345678901234568", calls.calls.get(0));
        invoke("call", s("echo"), 0.1);
        assertEquals("echo 0.10000000000000001", calls.calls.get(1)); // %.17g, not Lua's %.14g
        invoke("call", s("echo"), 1.5);
        assertEquals("echo 1.5", calls.calls.get(2));
        calls.reply = "*2\r\n$1\r\na\r\n:1\r\n";
        assertEquals("{[1]='a', [2]=1}", show(invoke("pcall", s("x"))[0]));
        assertEquals(RespVersion.RESP2, calls.protocols.get(0));
    }

    @Test
    void callRaisesErrorsPcallReturnsThem() {
        calls.reply = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
        String err = "{err='WRONGTYPE Operation against a key holding the wrong kind of value', ignore_error_stats_update=true}";
        assertEquals(err, raised("call", s("get"), s("h")));
        assertEquals(err, show(invoke("pcall", s("get"), s("h"))[0]));
        assertEquals("{err='ERR Please specify at least one argument for this redis lib call'}", raised("call"));
        assertEquals("{err='ERR Please specify at least one argument for this redis lib call'}", show(invoke("pcall")[0]));
        String badArgs = "{err='ERR Lua redis lib command arguments must be strings or integers'}";
        assertEquals(badArgs, raised("call", new LuaTable()));
        assertEquals(badArgs, raised("call", s("get"), new LuaTable()));
        assertEquals(badArgs, raised("call", s("echo"), true));
        assertEquals(badArgs, show(invoke("pcall", s("echo"), (Object) null)[0]));
        assertEquals(List.of("get h", "get h"), calls.calls); // the refused ones never reached the seam
    }

    @Test
    void setrespSwitchesTheProtocolOfTheReplies() {
        invoke("setresp", 3.0);
        assertTrue(run.resp3);
        calls.reply = "%1\r\n$1\r\nf\r\n$1\r\nv\r\n";
        assertEquals("{map={f='v'}}", show(invoke("call", s("hgetall"), s("h"))[0]));
        assertEquals(RespVersion.RESP3, calls.protocols.get(0));
        invoke("setresp", s("2"));
        assertFalse(run.resp3);
        invoke("setresp", 2.5); // lua_tonumber then an int: 2
        assertFalse(run.resp3);
        assertEquals("{err='ERR RESP version must be 2 or 3.'}", raised("setresp", 4.0));
        assertEquals("{err='ERR redis.setresp() requires one argument.'}", raised("setresp"));
    }

    @Test
    void sha1hexOfStringsAndNumbersOnly() {
        assertEquals("'da39a3ee5e6b4b0d3255bfef95601890afd80709'", show(invoke("sha1hex", s(""))[0]));
        assertEquals("'356a192b7913b04c54574d18c28d46e6395428ab'", show(invoke("sha1hex", 1.0)[0]));
        assertEquals("'da39a3ee5e6b4b0d3255bfef95601890afd80709'", show(invoke("sha1hex", new LuaTable())[0]));
        assertEquals("{err='ERR wrong number of arguments'}", raised("sha1hex"));
        assertEquals("{err='ERR wrong number of arguments'}", raised("sha1hex", 1.0, 2.0));
    }

    @Test
    void errorAndStatusReplies() {
        assertEquals("{err='ERR x'}", show(invoke("error_reply", s("x"))[0]));
        assertEquals("{err='My Error'}", show(invoke("error_reply", s("My Error"))[0]));
        assertEquals("{err='FOO bar'}", show(invoke("error_reply", s("-FOO bar"))[0]));
        assertEquals("{err='ERR a\r\nb'}", show(invoke("error_reply", s("a\r\nb"))[0]));
        assertEquals("{err='ERR wrong number or type of arguments'}", show(invoke("error_reply")[0]));
        assertEquals("{err='ERR wrong number or type of arguments'}", show(invoke("error_reply", 1.0)[0]));
        assertEquals("{ok='fine'}", show(invoke("status_reply", s("fine"))[0]));
        assertEquals("{err='ERR wrong number or type of arguments'}", show(invoke("status_reply", 1.0)[0]));
        assertEquals("{err='ERR wrong number or type of arguments'}", show(invoke("status_reply")[0]));
    }

    @Test
    void logChecksItsArguments() {
        assertEquals(0, invoke("log", 3.0, s("hi")).length);
        assertEquals(0, invoke("log", s("2"), s("b")).length);
        assertEquals("{err='ERR Invalid debug level.'}", raised("log", 9.0, s("hi")));
        assertEquals("{err='ERR Invalid debug level.'}", raised("log", -1.0, s("hi")));
        assertEquals("{err='ERR redis.log() requires two arguments or more.'}", raised("log", 1.0));
        assertEquals("{err='ERR First argument must be a number (log level).'}", raised("log", s("a"), s("b")));
    }

    @Test
    void setReplValidatesItsFlags() {
        invoke("set_repl", 1.0);
        assertEquals(ScriptRun.REPL_AOF, calls.targets);
        invoke("set_repl", s("0"));
        assertEquals(ScriptRun.REPL_NONE, calls.targets);
        assertEquals("{err='ERR Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.'}",
                raised("set_repl", 99.0));
        assertEquals("{err='ERR redis.set_repl() requires two arguments.'}", raised("set_repl"));
        assertEquals("{err='ERR redis.set_repl() requires two arguments.'}", raised("set_repl", 1.0, 2.0));
        LuaTable outside = RedisLib.create(() -> null, true);
        LuaError e = assertThrows(LuaError.class,
                () -> ((LuaFunction) outside.rawget(s("set_repl"))).call(state, new Object[] {1.0}));
        assertEquals("{err='ERR redis.set_repl can only be called inside a script invocation'}", show(e.value()));
    }

    @Test
    void constantsAndNoOps() {
        assertEquals("'7.0.15'", show(redis.rawget(s("REDIS_VERSION"))));
        assertEquals(458767.0, redis.rawget(s("REDIS_VERSION_NUM")));
        String[] names = {"LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING",
            "REPL_NONE", "REPL_AOF", "REPL_SLAVE", "REPL_REPLICA", "REPL_ALL"};
        double[] values = {0, 1, 2, 3, 0, 1, 2, 2, 3};
        for (int i = 0; i < names.length; i++) {
            assertEquals(values[i], redis.rawget(s(names[i])), names[i]);
        }
        assertEquals(Boolean.TRUE, invoke("replicate_commands")[0]);
        assertEquals(Boolean.FALSE, invoke("breakpoint")[0]);
        assertEquals(0, invoke("debug", s("x")).length);
    }

    @Test
    void aclCheckCmdAsksTheSeamAndRaisesItsErrors() {
        assertEquals(Boolean.TRUE, invoke("acl_check_cmd", s("get"), s("k"))[0]);
        assertEquals(Boolean.FALSE, invoke("acl_check_cmd", s("denied"))[0]);
        assertEquals("{err='ERR Invalid command passed to redis.acl_check_cmd()'}", raised("acl_check_cmd", s("nosuch")));
        assertEquals("{err='ERR Please specify at least one argument for this redis lib call'}", raised("acl_check_cmd"));
        assertEquals("{err='ERR Lua redis lib command arguments must be strings or integers'}",
                raised("acl_check_cmd", s("get"), true));
        assertTrue(calls.calls.isEmpty()); // nothing ran
        LuaTable outside = RedisLib.create(() -> null, false);
        LuaError e = assertThrows(LuaError.class,
                () -> ((LuaFunction) outside.rawget(s("acl_check_cmd"))).call(state, new Object[] {s("get")}));
        assertEquals("{err='ERR redis.acl_check_cmd can only be called inside a script invocation'}", show(e.value()));
    }

    @Test
    void onlyEvalsTableHasTheDebuggerFunctions() {
        LuaTable functions = RedisLib.create(() -> run, false);
        for (String name : new String[] {"breakpoint", "debug", "replicate_commands"}) {
            assertTrue(redis.rawget(s(name)) instanceof LuaFunction, name);
            assertEquals(null, functions.rawget(s(name)), name);
        }
        assertTrue(functions.rawget(s("acl_check_cmd")) instanceof LuaFunction);
    }

    @Test
    void openInstallsTheGlobal() {
        LuaState st = new LuaState();
        RedisLib.open(st, () -> null, true);
        assertTrue(st.globals().rawget(LuaString.of("redis")) instanceof LuaTable);
    }
}
