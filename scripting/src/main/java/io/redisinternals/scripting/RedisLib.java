package io.redisinternals.scripting;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The {@code redis} table scripts see (Redis 7.0's script_lua.c API): call, pcall, sha1hex,
 * error_reply, status_reply, log and its LOG_* levels, setresp, set_repl and the REPL_*
 * constants, acl_check_cmd, REDIS_VERSION and REDIS_VERSION_NUM; EVAL's alone also
 * replicate_commands, breakpoint and debug (no-ops: no debugger is offered). Errors these functions raise are tables
 * ({@code {err="ERR ..."}}, no position), as Redis's luaPushError + luaError; the argument errors
 * of error_reply, status_reply and pcall are returned, not raised, as in Redis.
 */
final class RedisLib {

    static final String REDIS_VERSION = "7.0.15";
    /** 0x00MMmmpp: 7.0.15 is 0x0007000f, 458767 (what redis-server 7.0.15 answers). */
    static final double REDIS_VERSION_NUM = 0x0007000f;

    static final int LOG_DEBUG = 0;
    static final int LOG_VERBOSE = 1;
    static final int LOG_NOTICE = 2;
    static final int LOG_WARNING = 3;

    private static final System.Logger LOG = System.getLogger("io.redisinternals.scripting.script");

    private RedisLib() {
    }

    /**
     * Builds the table; {@code current} gives the running script (null outside a run). Only EVAL's
     * ({@code eval}) has breakpoint, debug and replicate_commands, as Redis's scriptingInit adds them
     * and function_lua.c does not.
     */
    static LuaTable create(Supplier<ScriptRun> current, boolean eval) {
        LuaTable redis = new LuaTable();
        fn(redis, "call", (s, a) -> call(current.get(), a, true));
        fn(redis, "pcall", (s, a) -> call(current.get(), a, false));
        fn(redis, "sha1hex", (s, a) -> sha1hex(a));
        fn(redis, "error_reply", (s, a) -> errorReply(a));
        fn(redis, "status_reply", (s, a) -> statusReply(a));
        fn(redis, "log", (s, a) -> log(a));
        fn(redis, "setresp", (s, a) -> setresp(current.get(), a));
        fn(redis, "set_repl", (s, a) -> setRepl(current.get(), a));
        fn(redis, "acl_check_cmd", (s, a) -> aclCheckCmd(current.get(), a));
        if (eval) {
            fn(redis, "replicate_commands", (s, a) -> Lua.one(Boolean.TRUE)); // always on in 7.0
            fn(redis, "breakpoint", (s, a) -> Lua.one(Boolean.FALSE)); // no debugging session
            fn(redis, "debug", (s, a) -> Lua.NONE);
        }
        constant(redis, "LOG_DEBUG", LOG_DEBUG);
        constant(redis, "LOG_VERBOSE", LOG_VERBOSE);
        constant(redis, "LOG_NOTICE", LOG_NOTICE);
        constant(redis, "LOG_WARNING", LOG_WARNING);
        constant(redis, "REPL_NONE", ScriptRun.REPL_NONE);
        constant(redis, "REPL_AOF", ScriptRun.REPL_AOF);
        constant(redis, "REPL_SLAVE", ScriptRun.REPL_REPLICA);
        constant(redis, "REPL_REPLICA", ScriptRun.REPL_REPLICA);
        constant(redis, "REPL_ALL", ScriptRun.REPL_ALL);
        redis.rawset(LuaString.of("REDIS_VERSION"), LuaString.of(REDIS_VERSION));
        redis.rawset(LuaString.of("REDIS_VERSION_NUM"), REDIS_VERSION_NUM);
        return redis;
    }

    /** Installs the table as the global {@code redis}. */
    static void open(LuaState state, Supplier<ScriptRun> current, boolean eval) {
        state.globals().rawset(LuaString.of("redis"), create(current, eval));
    }

    // ---- redis.call / redis.pcall ------------------------------------------------------------

    /**
     * Runs the command through the seam and returns its reply as a Lua value; an error reply is
     * raised by call, returned by pcall, and so are the argument errors.
     */
    static Object[] call(ScriptRun run, Object[] args, boolean raise) {
        LuaTable error = null;
        byte[][] argv = new byte[args.length][];
        String bad = arguments(args, argv);
        if (bad != null) {
            error = err(bad);
        }
        if (error == null && run == null) {
            error = err("redis.call/pcall can only be called inside a script invocation");
        }
        Object result;
        if (error != null) {
            result = error;
        } else {
            byte[] reply = run.calls.call(Argv.of(argv), run.resp3 ? RespVersion.RESP3 : RespVersion.RESP2);
            result = RespToLua.convert(reply);
        }
        if (raise && result instanceof LuaTable t && t.rawget(RespToLua.ERR) != null) {
            throw LuaError.value(t);
        }
        return Lua.one(result);
    }

    /**
     * Redis's luaArgsToRedisArgv: each argument a string, or a number formatted with %.17g (not
     * Lua's %.14g, which loses precision), into {@code argv}; the error text when not.
     */
    private static String arguments(Object[] args, byte[][] argv) {
        if (args.length == 0) {
            return "Please specify at least one argument for this redis lib call";
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Double d) {
                argv[i] = numberArgument(d);
            } else if (args[i] instanceof LuaString s) {
                argv[i] = s.toBytes();
            } else {
                return "Lua redis lib command arguments must be strings or integers";
            }
        }
        return null;
    }

    /**
     * redis.acl_check_cmd(command, args ...): whether the caller's user may run the command with
     * those arguments (the command looked up as Redis's lookupCommand: a container's subcommand
     * when one is given). Errors raised: no run, bad arguments, a command that does not exist.
     */
    static Object[] aclCheckCmd(ScriptRun run, Object[] args) {
        if (run == null) {
            throw LuaError.value(err("redis.acl_check_cmd can only be called inside a script invocation"));
        }
        byte[][] argv = new byte[args.length][];
        String bad = arguments(args, argv);
        if (bad != null) {
            throw LuaError.value(err(bad));
        }
        Boolean permitted = run.calls.permitted(Argv.of(argv));
        if (permitted == null) {
            throw LuaError.value(err("Invalid command passed to redis.acl_check_cmd()"));
        }
        return Lua.one(permitted);
    }

    /**
     * A number argument as Redis formats it, %.17g (not Lua's %.14g, which loses precision). An
     * integral value below 10^17 prints as its digits under %.17g: the common case (counts, TTLs,
     * indexes) skips the general formatter.
     */
    static byte[] numberArgument(double d) {
        long l = (long) d;
        if (l == d && l > -100_000_000_000_000_000L && l < 100_000_000_000_000_000L
                && (l != 0 || Double.doubleToRawLongBits(d) == 0)) {
            return Long.toString(l).getBytes(StandardCharsets.US_ASCII);
        }
        return Numbers.formatDouble17g(d).getBytes(StandardCharsets.US_ASCII);
    }

    // ---- the other functions -------------------------------------------------------------------

    static Object[] sha1hex(Object[] args) {
        if (args.length != 1) {
            throw LuaError.value(err("wrong number of arguments"));
        }
        LuaString s = Lua.toLuaString(args[0]); // lua_tolstring: numbers as text, else nothing
        return Lua.one(LuaString.of(Sha1.hex(s == null ? new byte[0] : s.toBytes())));
    }

    /** {@code {err=...}}: the text with a leading '-' or not, its first word the code (else ERR). */
    static Object[] errorReply(Object[] args) {
        if (args.length != 1 || !(args[0] instanceof LuaString s)) {
            return Lua.one(err("wrong number or type of arguments"));
        }
        byte[] b = s.toBytes();
        int from = b.length > 0 && b[0] == '-' ? 1 : 0;
        return Lua.one(RespToLua.errorTable(java.util.Arrays.copyOfRange(b, from, b.length)));
    }

    static Object[] statusReply(Object[] args) {
        if (args.length != 1 || !(args[0] instanceof LuaString s)) {
            return Lua.one(err("wrong number or type of arguments"));
        }
        return Lua.one(RespToLua.single(RespToLua.OK, s));
    }

    /** redis.log(level, message ...): the messages joined by spaces, at Redis's level. */
    static Object[] log(Object[] args) {
        if (args.length < 2) {
            throw LuaError.value(err("redis.log() requires two arguments or more."));
        }
        Double level = Lua.toNumber(args[0]);
        if (level == null) {
            throw LuaError.value(err("First argument must be a number (log level)."));
        }
        int l = (int) (double) level;
        if (l < LOG_DEBUG || l > LOG_WARNING) {
            throw LuaError.value(err("Invalid debug level."));
        }
        StringBuilder message = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            LuaString s = Lua.toLuaString(args[i]);
            if (s != null) { // Redis skips what is not a string or number
                if (message.length() > 0) {
                    message.append(' ');
                }
                message.append(new String(s.toBytes(), StandardCharsets.UTF_8));
            }
        }
        LOG.log(switch (l) {
            case LOG_DEBUG -> System.Logger.Level.DEBUG;
            case LOG_VERBOSE -> System.Logger.Level.DEBUG;
            case LOG_NOTICE -> System.Logger.Level.INFO;
            default -> System.Logger.Level.WARNING;
        }, message.toString());
        return Lua.NONE;
    }

    static Object[] setresp(ScriptRun run, Object[] args) {
        if (args.length != 1) {
            throw LuaError.value(err("redis.setresp() requires one argument."));
        }
        Double n = Lua.toNumber(args[0]);
        int resp = n == null ? 0 : (int) (double) n;
        if (resp != 2 && resp != 3) {
            throw LuaError.value(err("RESP version must be 2 or 3."));
        }
        if (run != null) {
            run.resp3 = resp == 3;
        }
        return Lua.NONE;
    }

    /**
     * redis.set_repl: where the script's following writes propagate, applied to the seam (a
     * write under REPL_NONE reaches no replica and no AOF; the keyspace events still fire).
     */
    static Object[] setRepl(ScriptRun run, Object[] args) {
        if (run == null) {
            throw LuaError.value(err("redis.set_repl can only be called inside a script invocation"));
        }
        if (args.length != 1) {
            throw LuaError.value(err("redis.set_repl() requires two arguments.")); // sic, as Redis
        }
        Double n = Lua.toNumber(args[0]);
        int flags = n == null ? 0 : (int) (double) n;
        if ((flags & ~ScriptRun.REPL_ALL) != 0) {
            throw LuaError.value(err("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."));
        }
        run.calls.propagateTo(flags);
        return Lua.NONE;
    }

    /** Redis's luaPushError of a message without a code: {@code {err="ERR message"}}. */
    static LuaTable err(String message) {
        return RespToLua.single(RespToLua.ERR, LuaString.of("ERR " + message));
    }

    private static void fn(LuaTable t, String name, LuaFunction.Body body) {
        t.rawset(LuaString.of(name), LuaFunction.of(name, body));
    }

    private static void constant(LuaTable t, String name, int value) {
        t.rawset(LuaString.of(name), (double) value);
    }
}
