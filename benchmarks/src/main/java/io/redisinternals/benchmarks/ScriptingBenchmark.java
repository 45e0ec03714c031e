package io.redisinternals.benchmarks;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.ServerHooks;
import io.redisinternals.engine.Session;
import io.redisinternals.engine.config.Config;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * A script's whole run in process, as the server runs it for one request ({@link Session#execute}
 * of a pre-parsed EVALSHA or FCALL: script look-up, KEYS/ARGV tables, the interpreter, each
 * redis.call through the engine's call path and its reply converted to Lua, the result to RESP).
 * The scripts are side-by-side S15/S16's ({@link SideBySide.Scripts}); keys over 100,000 as
 * redis-benchmark -r 100000. {@code incr} (the plain command) is the floor a script adds to.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScriptingBenchmark {

    static final int KEYS = 100_000;
    static final int RING = 1 << 12;

    private Session session;
    private final ReplyWriter out = new ReplyWriter();
    private Argv[] incr;
    private Argv[] evalshaIncr;
    private Argv[] evalshaMix10;
    private Argv[] fcallIncr;
    private Argv[] fcallMix10;
    private int next;

    @Setup
    public void setup() {
        Engine engine = Engine.boot(new Config(), ServerHooks.none());
        session = engine.openSession(new EngineBenchmark.FakeChannel());
        expect(run("SCRIPT", "LOAD", SideBySide.Scripts.INCR), "$40\r\n" + SideBySide.Scripts.sha1(SideBySide.Scripts.INCR));
        expect(run("SCRIPT", "LOAD", SideBySide.Scripts.MIX10), "$40\r\n" + SideBySide.Scripts.sha1(SideBySide.Scripts.MIX10));
        expect(run("FUNCTION", "LOAD", SideBySide.Scripts.LIBRARY), "$5\r\nbench");
        incr = ring(i -> List.of("INCR", "sc:" + i));
        evalshaIncr = ring(i -> substitute(SideBySide.Scripts.TESTS.get("evalsha_incr"), i));
        evalshaMix10 = ring(i -> substitute(SideBySide.Scripts.TESTS.get("evalsha_mix10"), i));
        fcallIncr = ring(i -> substitute(SideBySide.Scripts.TESTS.get("fcall_incr"), i));
        fcallMix10 = ring(i -> substitute(SideBySide.Scripts.TESTS.get("fcall_mix10"), i));
        // Fail fast: a broken build must not benchmark error replies.
        expect(execute(evalshaMix10[0]), ":100");
        expect(execute(fcallMix10[0]), ":100");
        expect(execute(evalshaIncr[1]), ":");
    }

    private static List<String> substitute(List<String> args, long i) {
        List<String> r = new ArrayList<>();
        for (String a : args) {
            r.add(a.replace("__rand_int__", Long.toString(i)));
        }
        return r;
    }

    private static Argv[] ring(java.util.function.LongFunction<List<String>> request) {
        Argv[] r = new Argv[RING];
        for (int i = 0; i < RING; i++) {
            byte[] b = Requests.encode(request.apply((i * 2_654_435_761L) % KEYS).toArray(String[]::new));
            r[i] = Requests.parseAll(ByteBuffer.allocateDirect(b.length).put(b).flip(), 1)[0];
        }
        return r;
    }

    private String run(String... args) {
        byte[] b = Requests.encode(args);
        return execute(Requests.parseAll(ByteBuffer.allocateDirect(b.length).put(b).flip(), 1)[0]);
    }

    private String execute(Argv a) {
        session.execute(a, out);
        String reply = new String(out.toByteArray(), StandardCharsets.UTF_8);
        out.clear();
        return reply;
    }

    private static void expect(String reply, String prefix) {
        if (!reply.startsWith(prefix)) {
            throw new IllegalStateException("expected " + prefix + ", got " + reply);
        }
    }

    private int send(Argv[] ring) {
        session.execute(ring[next], out);
        next = (next + 1) & (RING - 1);
        int n = out.size();
        out.clear();
        return n;
    }

    @Benchmark
    public int incr() {
        return send(incr);
    }

    @Benchmark
    public int evalshaIncr() {
        return send(evalshaIncr);
    }

    @Benchmark
    public int evalshaMix10() {
        return send(evalshaMix10);
    }

    @Benchmark
    public int fcallIncr() {
        return send(fcallIncr);
    }

    @Benchmark
    public int fcallMix10() {
        return send(fcallMix10);
    }
}
