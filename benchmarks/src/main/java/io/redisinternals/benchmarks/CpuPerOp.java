package io.redisinternals.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmarks of {@link LuaBenchmark} and {@link ScriptingBenchmark} timed by the CPU time of
 * the running thread instead of the wall clock: on a machine shared with other jobs (the JMH
 * scores swing by 10x when the load is 4 on 2 cores) the CPU a benchmark itself spends per op is
 * steadier. Not a replacement for JMH on a quiet machine: cache and SMT contention still show,
 * and the JIT's compiler threads are not counted.
 *
 * <p>Per benchmark: warm-up batches until 5 s of CPU, then 7 batches of about 1 s of CPU; printed:
 * the median and the best batch, CPU ns per op.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.redisinternals.benchmarks.CpuPerOp [name-substring ...]}
 */
public final class CpuPerOp {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        LuaBenchmark lua = new LuaBenchmark();
        lua.setup();
        ScriptingBenchmark scripting = new ScriptingBenchmark();
        scripting.setup();
        Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
        ops.put("lua.fib", lua::fib);
        ops.put("lua.loop", lua::loop);
        ops.put("lua.tables", lua::tables);
        ops.put("lua.strings", lua::strings);
        ops.put("lua.lock", lua::lock);
        ops.put("scripting.incr", scripting::incr);
        ops.put("scripting.evalshaIncr", scripting::evalshaIncr);
        ops.put("scripting.evalshaMix10", scripting::evalshaMix10);
        ops.put("scripting.fcallIncr", scripting::fcallIncr);
        ops.put("scripting.fcallMix10", scripting::fcallMix10);
        for (var e : ops.entrySet()) {
            if (args.length == 0 || Arrays.stream(args).anyMatch(a -> e.getKey().contains(a))) {
                measure(e.getKey(), e.getValue());
            }
        }
    }

    static Object sink;

    private static void measure(String name, Supplier<Object> op) {
        // batch size: ops in about 100 ms of CPU, found from one op and then doubled up
        long ops = 1;
        while (cpuOf(op, ops) < 100_000_000L) {
            ops *= 2;
        }
        long warm = 0;
        while (warm < 5_000_000_000L) {
            warm += cpuOf(op, ops);
        }
        ops *= 10; // ~1 s batches
        double[] nsPerOp = new double[7];
        for (int i = 0; i < nsPerOp.length; i++) {
            nsPerOp[i] = (double) cpuOf(op, ops) / ops;
        }
        Arrays.sort(nsPerOp);
        System.out.printf(Locale.ROOT, "%-26s median %12.0f ns/op CPU   best %12.0f   (%d ops/batch)%n", name,
                nsPerOp[nsPerOp.length / 2], nsPerOp[0], ops);
    }

    private static long cpuOf(Supplier<Object> op, long n) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        Object last = null;
        for (long i = 0; i < n; i++) {
            last = op.get();
        }
        sink = last;
        return THREADS.getCurrentThreadCpuTime() - t0;
    }
}
