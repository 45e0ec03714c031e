package io.redisinternals.benchmarks;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.RequestParser;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parses a pipelined read buffer of {@value #REQUESTS} requests (SET key value / GET key, as
 * redis-benchmark -P sends them) into one reused {@link Argv}, the way a connection's read loop
 * does. One op = one request; with {@code -prof gc}, gc.alloc.rate.norm is the bytes allocated per
 * request (expected 0: arguments are slices of the buffer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestParserBenchmark {

    static final int REQUESTS = 256;

    /** SET value size in bytes (3 = redis-benchmark's default -d). */
    @Param({"3", "1024"})
    int valueSize;

    private ByteBuffer buffer;
    private final RequestParser parser = new RequestParser();
    private final Argv argv = new Argv();

    @Setup
    public void setup() {
        buffer = Requests.pipeline(REQUESTS, 100_000, "x".repeat(valueSize));
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void parsePipeline(Blackhole bh) throws ProtocolException {
        ByteBuffer in = buffer;
        in.clear();
        int parsed = 0;
        while (parser.next(in, argv)) {
            bh.consume(argv.length(argv.count() - 1));
            parsed++;
        }
        if (parsed != REQUESTS) {
            throw new IllegalStateException("parsed " + parsed);
        }
    }
}
