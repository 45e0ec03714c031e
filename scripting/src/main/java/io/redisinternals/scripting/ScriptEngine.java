package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.NestedCalls;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.Argv;

/**
 * The Lua side of EVAL (Redis's eval.c lctx): one Lua universe with the environment Redis builds
 * (the {@code redis} table, protected globals), the script cache compiling into it, and the run of
 * one script: KEYS and ARGV set, the function called, its value or error turned into the reply.
 * SCRIPT FLUSH drops the cache and the universe, as Redis's scriptingReset.
 *
 * <p>Threading: under the engine's execution lock; one script runs at a time.
 */
final class ScriptEngine {

    /** The chunk name Redis compiles scripts with: errors read "user_script:1: ...". */
    static final String CHUNK_NAME = "@user_script";
    static final LuaString SOURCE = LuaString.of(CHUNK_NAME);
    static final LuaString KEYS = LuaString.of("KEYS");
    static final LuaString ARGV = LuaString.of("ARGV");

    private LuaState state;
    /** What one run may allocate ({@link #RUN_MEMORY_BUDGET}; tests lower it). */
    long memoryBudget = RUN_MEMORY_BUDGET;
    /** Redis's generator: one per server (shared with functions), kept across SCRIPT FLUSH. */
    private final RedisRandom random;
    private final ScriptCache cache = new ScriptCache(this::compile);
    /** The script running now, for the redis table's functions; null between runs. */
    private ScriptRun current;

    ScriptEngine(RedisRandom random) {
        this.random = random;
        state = newState();
    }

    /** A fresh universe, EVAL's environment as Redis builds it ({@link ScriptEnvironment}). */
    private LuaState newState() {
        LuaState s = ScriptEnvironment.build(ScriptEnvironment.Kind.EVAL, random, () -> current).state();
        installHook(s, () -> current);
        return s;
    }

    /** The interpreter's memory counter of the universe (INFO's used_memory_vm_eval, approximate). */
    long vmMemory() {
        return state.memoryUsed();
    }

    ScriptCache cache() {
        return cache;
    }

    /** SCRIPT FLUSH: every script and every global a script left behind, gone. */
    void reset() {
        cache.flush();
        state = newState();
    }

    /** Compiles a body as Redis's luaCreateFunction: a compile error is EVAL's reply. */
    private LuaFunction compile(byte[] body) {
        try {
            return state.load(LuaString.wrap(body), CHUNK_NAME);
        } catch (LuaError e) {
            byte[] message = e.value() instanceof LuaString m ? m.toBytes()
                    : e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            throw new ScriptException("ERR Error compiling script (new function): ", message);
        }
    }

    /**
     * Runs {@code script} for EVAL/EVALSHA: KEYS = argv[3 .. 3+numkeys), ARGV = the rest; its
     * return value (or error) is written to {@code ctx.reply()}.
     */
    void run(CommandContext ctx, ScriptCache.Script script, Argv argv, int numkeys, int nestedFlags) {
        LuaTable globals = state.globals();
        globals.rawset(KEYS, strings(argv, 3, 3 + numkeys));
        globals.rawset(ARGV, strings(argv, 3 + numkeys, argv.count()));
        runAndReply(state, memoryBudget, ctx, argv, nestedFlags, true, script.sha(), run -> current = run,
                () -> state.pcall(state.globals().rawget(ScriptEnvironment.ERROR_HANDLER), script.function()));
        state.closeCoroutines(); // nothing of a script outlives its run: end the threads of coroutines it left suspended
    }

    /**
     * How often the interpreter calls the busy-script hook, in its counts (loop back-edges and
     * calls): often enough that a tight loop is interrupted well within a millisecond, rarely
     * enough that reading the clock there costs nothing measurable (Redis: every 100000 VM
     * instructions).
     */
    static final long HOOK_EVERY = 10_000;
    /** The hook's period once the script is killed: every count, as Redis's hook then runs at every line. */
    static final long KILLED_EVERY = 1;

    /** Redis's luaMaskCountHook text, raised in the killed script. */
    static final LuaString KILLED = LuaString.of("ERR Script killed by user with SCRIPT KILL...");

    /**
     * The instruction hook of a universe (EVAL's or functions'): the running script's interrupt
     * point (see {@link NestedCalls#interrupt()}). Once the script must stop it raises Redis's kill
     * error, and from then on at every count, so a pcall in the script cannot catch it for good
     * (Redis raises it at every line then); never inside the error's message handler (the
     * interpreter runs no hook while it handles an error its hook raised, as Lua).
     */
    static void installHook(LuaState s, java.util.function.Supplier<ScriptRun> current) {
        new Hook(s, current).every(HOOK_EVERY);
    }

    private static final class Hook implements Runnable {
        private final LuaState state;
        private final java.util.function.Supplier<ScriptRun> current;
        /** After a kill the hook runs every {@link #KILLED_EVERY} counts until the next script sets it back. */
        private boolean killedPeriod;

        Hook(LuaState state, java.util.function.Supplier<ScriptRun> current) {
            this.state = state;
            this.current = current;
        }

        void every(long counts) {
            killedPeriod = counts == KILLED_EVERY;
            state.instructionHook(counts, this);
        }

        @Override
        public void run() {
            ScriptRun run = current.get();
            if (run == null || !run.killed) {
                if (killedPeriod) {
                    every(HOOK_EVERY); // other code after a killed script (the next one, a library's load)
                }
                if (run == null) {
                    return;
                }
                if (!run.calls.interrupt()) {
                    return;
                }
                run.killed = true;
                every(KILLED_EVERY);
            }
            throw LuaError.value(RespToLua.single(RespToLua.ERR, KILLED));
        }
    }

    /**
     * One run of a script (EVAL) or a function (FCALL) for {@code request}, named {@code name} in its errors: the body
     * runs with {@code track} told the run (what redis.call reaches) and then null; its value or
     * error becomes the command's reply.
     */
    static void runAndReply(LuaState state, long memoryBudget, CommandContext ctx, Argv request, int nestedFlags, boolean eval, String name,
                            java.util.function.Consumer<ScriptRun> track, java.util.function.Supplier<Object[]> body) {
        long before = state.memoryUsed();
        state.memoryLimit(before + memoryBudget);
        try (NestedCalls calls = ctx.nestedCalls(nestedFlags)) {
            calls.script(eval, name, request);
            ScriptRun run = new ScriptRun(calls, name);
            track.accept(run);
            try {
                Object[] result = body.get();
                Object value = result.length == 0 ? null : result[0];
                countedAlready(ctx, value);
                LuaToResp.write(ctx.reply(), value, run.resp3);
            } catch (LuaError e) {
                if (!(e.value() instanceof LuaTable)) {
                    // no handler ran (Lua's memory error) or the handler failed: Redis's bare form
                    ctx.reply().raw(ScriptErrors.runFailure(eval ? "f_" + name : name, e.value()));
                    return;
                }
                LuaTable error = ScriptErrors.handle(e.value(), null, 0);
                countedAlready(ctx, error);
                ctx.reply().raw(ScriptErrors.raisedError(error, name));
            } finally {
                track.accept(null);
                state.memoryLimit(0);
                // what the run allocated is garbage now (a script keeps nothing: no globals, KEYS and
                // ARGV replaced next time); a function's library locals may keep some, not counted
                state.memoryUsed(before);
            }
        }
    }

    /**
     * What one run may allocate in Lua values (tables, closures, built strings, as the interpreter
     * counts them) before it fails with Lua's "not enough memory": a quarter of the heap, so a
     * script building an endless table ends in a script error, never in the server's
     * OutOfMemoryError. Redis has no such limit (its Lua allocates until the machine's memory ends).
     */
    static final long RUN_MEMORY_BUDGET = Runtime.getRuntime().maxMemory() / 4;

    /**
     * A command's error reply that the script passes on (redis.call raising it, or returning
     * redis.pcall's) was counted when the command replied it: EVAL's reply must not count it again.
     */
    private static void countedAlready(CommandContext ctx, Object value) {
        if (value instanceof LuaTable t && t.rawget(RespToLua.ERR) instanceof LuaString
                && Boolean.TRUE.equals(t.rawget(RespToLua.IGNORE_STATS))) {
            ctx.errorAlreadyCounted();
        }
    }

    /** The arguments {@code [from, to)} as a Lua array of strings (Redis's luaCreateArray). */
    static LuaTable strings(Argv argv, int from, int to) {
        LuaTable t = new LuaTable(to - from, 0);
        for (int i = from; i < to; i++) {
            t.rawset(i - from + 1, LuaString.wrap(argv.bytes(i)));
        }
        return t;
    }
}
