package io.redisinternals.benchmarks;

import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
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

/**
 * Encodes replies into one reused {@link ReplyWriter}, {@value #BATCH} per invocation (a pipelined
 * batch), then clears it as the transport does after a write. One op = one reply; with
 * {@code -prof gc} the expected allocation is 0 B/op once the writer's buffer has grown.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplyWriterBenchmark {

    static final int BATCH = 16;

    private final ReplyWriter out = new ReplyWriter();

    /** The bulk's value; its own state so that only {@link #bulk} runs once per size. */
    @State(Scope.Thread)
    public static class Value {
        @Param({"3", "1024"})
        int valueSize;

        byte[] bytes;

        @Setup
        public void setup() {
            bytes = "x".repeat(valueSize).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bulk(Value value) {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            out.bulk(value.bytes);
        }
        return out.size();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int integer() {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            out.integer(1_234_567L + i);
        }
        return out.size();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ok() {
        out.clear();
        for (int i = 0; i < BATCH; i++) {
            out.raw(Replies.OK);
        }
        return out.size();
    }
}
