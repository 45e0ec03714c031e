package io.redisinternals.benchmarks;

import io.redisinternals.engine.ClientChannel;
import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.ServerHooks;
import io.redisinternals.engine.Session;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ProtocolException;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RequestParser;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
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
 * The whole request path in process, without sockets: the engine booted as the server boots it
 * ({@code Engine.boot(new Config(), ServerHooks.none())}, built-in commands through the services
 * file), one session on a fake channel, 100,000 keys loaded (as redis-benchmark -r 100000).
 *
 * <ul>
 * <li>{@code get}/{@code set}: {@link Session#execute} of a pre-parsed request (dispatch, arity
 *     check, command, reply encoding).</li>
 * <li>{@code getRequest}/{@code setRequest}: what a connection's read callback does for one
 *     request: take the execution lock, parse the request out of the read buffer into the
 *     connection's reused Argv, execute, and hand the reply bytes over (here: clear them).</li>
 * </ul>
 *
 * <p>This is where "no allocation per request on the hot path" is proven: run with
 * {@code -prof gc} and read gc.alloc.rate.norm (B/op). GET must be ~0; SET allocates the stored
 * value (a copy of the argument, which the keyspace must own: redis-server allocates it too) and,
 * for a key that is new, the key copy and its table entry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    static final int KEYS = 100_000;
    static final int RING = 1 << 14;

    private Session session;
    private Lock lock;
    private final ReplyWriter out = new ReplyWriter();
    private final RequestParser parser = new RequestParser();
    private final Argv argv = new Argv();
    private Argv[] gets;
    private Argv[] sets;
    private ByteBuffer[] getBuffers;
    private ByteBuffer[] setBuffers;
    private int next;

    /** The channel a session needs for CLIENT LIST and friends; the benchmark never closes it. */
    static final class FakeChannel implements ClientChannel {
        private final InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 50000);
        private final InetSocketAddress local = new InetSocketAddress("127.0.0.1", 6379);

        @Override public InetSocketAddress remoteAddress() { return peer; }
        @Override public InetSocketAddress localAddress() { return local; }
        @Override public long pendingOutputBytes() { return 0; }
        @Override public void close() { }
    }

    @Setup
    public void setup() throws ProtocolException {
        Engine engine = Engine.boot(new Config(), ServerHooks.none());
        session = engine.openSession(new FakeChannel());
        lock = engine.executionLock();
        for (int i = 0; i < KEYS; i++) {
            Argv set = Requests.parseAll(buffer(Requests.encode("SET", Requests.key(i), "xxx")), 1)[0];
            session.execute(set, out);
            out.clear();
        }
        getBuffers = new ByteBuffer[RING];
        setBuffers = new ByteBuffer[RING];
        gets = new Argv[RING];
        sets = new Argv[RING];
        for (int i = 0; i < RING; i++) {
            String key = Requests.key((i * 2_654_435_761L) % KEYS);
            getBuffers[i] = buffer(Requests.encode("GET", key));
            setBuffers[i] = buffer(Requests.encode("SET", key, "xxx"));
            gets[i] = Requests.parseAll(getBuffers[i], 1)[0];
            sets[i] = Requests.parseAll(setBuffers[i], 1)[0];
        }
        // Fail fast if the engine does not answer as expected (a broken build must not benchmark errors).
        session.execute(gets[0], out);
        String reply = new String(out.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
        out.clear();
        if (!reply.equals("$3\r\nxxx\r\n")) {
            throw new IllegalStateException("GET replied " + reply);
        }
    }

    private static ByteBuffer buffer(byte[] b) {
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (RING - 1);
        return i;
    }

    @Benchmark
    public int get() {
        session.execute(gets[nextIndex()], out);
        int n = out.size();
        out.clear();
        return n;
    }

    @Benchmark
    public int set() {
        session.execute(sets[nextIndex()], out);
        int n = out.size();
        out.clear();
        return n;
    }

    @Benchmark
    public int getRequest() throws ProtocolException {
        return request(getBuffers[nextIndex()]);
    }

    @Benchmark
    public int setRequest() throws ProtocolException {
        return request(setBuffers[nextIndex()]);
    }

    private int request(ByteBuffer in) throws ProtocolException {
        in.clear();
        lock.lock();
        try {
            while (parser.next(in, argv)) {
                session.execute(argv, out);
            }
        } finally {
            lock.unlock();
        }
        int n = out.size();
        out.clear();
        return n;
    }
}
