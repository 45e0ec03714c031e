package io.redisinternals.benchmarks;

import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.lua.lib.BaseLib;
import io.redisinternals.lua.lib.MathLib;
import io.redisinternals.lua.lib.StringLib;
import io.redisinternals.lua.lib.TableLib;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Lua interpreter alone (module lua, no Redis): each benchmark runs one chunk of
 * {@code src/main/resources/lua/} compiled once, on a state with the base, string, table and
 * math libraries. The same files run under {@code lua5.1} with {@code benchmarks/lua-reference.sh},
 * so the two columns of docs/PERFORMANCE.md's interpreter table time the same source.
 *
 * <ul>
 * <li>{@code fib}: fib(27) by recursion (calls, comparisons, arithmetic).</li>
 * <li>{@code loop}: 5,000,000 additions in a numeric for.</li>
 * <li>{@code tables}: 100,000-element array, 100,000 records, a 10,000-key string hash; built then read.</li>
 * <li>{@code strings}: concatenation, string.format, table.concat, gsub with a capture.</li>
 * <li>{@code lock}: Redisson's lock script with KEYS/ARGV built per run, as EVAL does, against a
 *     fake redis.call written in Java (answers by command name; EXISTS alternates 0 and 1 so both
 *     branches run).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LuaBenchmark {

    private LuaState state;
    private LuaFunction fib;
    private LuaFunction loop;
    private LuaFunction tables;
    private LuaFunction strings;
    private LuaFunction lock;
    private LuaTable globals;
    private int lockCalls;

    private static final LuaString KEYS = LuaString.of("KEYS");
    private static final LuaString ARGV = LuaString.of("ARGV");
    private static final LuaString LOCK_KEY = LuaString.of("{lock}:resource");
    private static final LuaString LEASE = LuaString.of("30000");
    private static final LuaString OWNER = LuaString.of("b2c6f1c2-0a47-4fdb-9d3e-2f4f0b3c4d5e:1");

    @Setup
    public void setup() throws IOException {
        state = new LuaState();
        BaseLib.open(state);
        StringLib.open(state);
        TableLib.open(state);
        MathLib.open(state);
        globals = state.globals();
        fib = load("fib");
        loop = load("loop");
        tables = load("tables");
        strings = load("strings");
        lock = load("lock");
        LuaTable redis = new LuaTable();
        redis.rawset(LuaString.of("call"), LuaFunction.of("call", (st, args) -> fakeCall(args)));
        globals.rawset(LuaString.of("redis"), redis);
        // Fail fast on a broken interpreter: the answers lua5.1 gives for the same files.
        check("fib", state.call(fib), 196418.0);
        check("loop", state.call(loop), 12500002500000.0);
        check("tables", state.call(tables), 20100210000.0);
        check("strings", state.call(strings), 416387.0);
    }

    private LuaFunction load(String name) throws IOException {
        try (InputStream in = LuaBenchmark.class.getResourceAsStream("/lua/" + name + ".lua")) {
            return state.load(LuaString.wrap(in.readAllBytes()), "@" + name + ".lua");
        }
    }

    private static void check(String name, Object[] r, double expected) {
        if (r.length != 1 || !Double.valueOf(expected).equals(r[0])) {
            throw new IllegalStateException(name + " answered " + java.util.Arrays.toString(r));
        }
    }

    private static final Double ZERO = 0.0;
    private static final Double ONE = 1.0;
    private static final Double PTTL = 29_998.0;

    private Object[] fakeCall(Object[] args) {
        String cmd = args[0].toString();
        return new Object[] {switch (cmd) {
            case "exists" -> (lockCalls++ & 1) == 0 ? ZERO : ONE;
            case "hexists" -> (lockCalls & 2) == 0 ? ONE : ZERO;
            case "pttl" -> PTTL;
            default -> ONE; // hincrby, pexpire
        }};
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object[] fib() {
        return state.call(fib);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object[] loop() {
        return state.call(loop);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object[] tables() {
        state.resetMemoryUsed();
        return state.call(tables);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object[] strings() {
        state.resetMemoryUsed();
        return state.call(strings);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object[] lock() {
        LuaTable keys = new LuaTable(1, 0);
        keys.rawset(1, LOCK_KEY);
        LuaTable argv = new LuaTable(2, 0);
        argv.rawset(1, LEASE);
        argv.rawset(2, OWNER);
        globals.rawset(KEYS, keys);
        globals.rawset(ARGV, argv);
        return state.call(lock);
    }
}
