package io.redisinternals.benchmarks;

import io.redisinternals.keyspace.dict.KeyHash;
import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.resp.Argv;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * {@link KeyTable} with 1,000,000 16-byte keys (redis-benchmark's "key:NNNNNNNNNNNN"). Keys are
 * looked up straight from request arguments ({@link Argv} slices of a read buffer), as commands
 * do. A ring of {@value #RING} pre-parsed requests over random keys defeats caching of one key;
 * the table itself (about 50 MB) is far larger than the CPU caches, as in the real server.
 *
 * <p>put replaces the value of an existing key (SET over a populated keyspace: no key copy);
 * removeAndPut deletes a key and inserts it again (the size stays at 1M, so no resize is
 * measured; one op = the pair, with one key copy for the insert).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class KeyTableBenchmark {

    static final int KEYS = 1_000_000;
    static final int RING = 1 << 16;

    private KeyTable<Object> table;
    private Argv[] ring;
    private Object value;
    private int next;

    @Setup
    public void setup() {
        table = new KeyTable<>(new KeyHash(42));
        value = "xxx".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < KEYS; i++) {
            table.put(Requests.key(i).getBytes(StandardCharsets.US_ASCII), value);
        }
        while (table.isRehashing()) {
            table.rehashSteps(1000);
        }
        // GET requests over pseudo-random keys, all present (a multiplicative walk of 0..KEYS-1).
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < RING; i++) {
            bytes.writeBytes(Requests.encode("GET", Requests.key((i * 2_654_435_761L) % KEYS)));
        }
        byte[] b = bytes.toByteArray();
        ByteBuffer buffer = ByteBuffer.allocateDirect(b.length).put(b).flip();
        ring = Requests.parseAll(buffer, RING);
    }

    private Argv nextArgv() {
        Argv a = ring[next];
        next = (next + 1) & (RING - 1);
        return a;
    }

    @Benchmark
    public Object get() {
        return table.get(nextArgv(), 1);
    }

    @Benchmark
    public Object put() {
        return table.put(nextArgv(), 1, value);
    }

    @Benchmark
    public Object removeAndPut() {
        Argv a = nextArgv();
        Object old = table.remove(a, 1);
        table.put(a, 1, old);
        return old;
    }
}
