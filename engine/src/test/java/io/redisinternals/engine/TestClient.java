package io.redisinternals.engine;

import io.redisinternals.engine.config.Config;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A client session on an engine booted with the built-in commands, for driving commands in tests. */
public final class TestClient {

    public final Engine engine;
    public final Session session;
    public final FakeChannel channel;
    private final ReplyWriter out = new ReplyWriter();

    public TestClient(Engine engine, int remotePort) {
        this.engine = engine;
        this.channel = new FakeChannel(new InetSocketAddress("127.0.0.1", remotePort),
                new InetSocketAddress("127.0.0.1", 6379));
        this.session = engine.openSession(channel);
    }

    public TestClient(Engine engine) {
        this(engine, 40000 + (int) (Math.random() * 20000));
    }

    public static Engine boot() {
        return boot(new Config());
    }

    public static Engine boot(Config config) {
        return Engine.boot(config, ServerHooks.none(), List.of(new BuiltinCommands()));
    }

    /** A fresh engine and a client on it. */
    public static TestClient fresh() {
        return new TestClient(boot());
    }

    /** Runs one command and returns its reply bytes as ISO-8859-1 text. */
    public String call(String... args) {
        return call(Argv.of(args));
    }

    public String call(Argv argv) {
        out.clear();
        session.execute(argv, out);
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    public ReplyWriter writer() {
        return out;
    }

    /** A connection stand-in that records close(). */
    public static final class FakeChannel implements ClientChannel {
        private final InetSocketAddress remote;
        private final InetSocketAddress local;
        public volatile boolean closed;
        public long pending;
        /** What the connection reports of its input (CLIENT LIST qbuf, qbuf-free, argv-mem). */
        public long qbuf;
        public long qbufFree;
        public long partialArgv;

        public FakeChannel(InetSocketAddress remote, InetSocketAddress local) {
            this.remote = remote;
            this.local = local;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public long pendingOutputBytes() {
            return pending;
        }

        @Override
        public long queryBufferBytes() {
            return qbuf;
        }

        @Override
        public long queryBufferFree() {
            return qbufFree;
        }

        @Override
        public long partialArgvBytes() {
            return partialArgv;
        }

        @Override
        public void close() {
            closed = true;
        }

        /** closeNow() was called (CLIENT KILL of another client, idle timeout): output dropped. */
        public volatile boolean closedNow;

        @Override
        public void closeNow() {
            closedNow = true;
            closed = true;
        }

        /** Replies handed over after a blocking command ended (in order), as ISO-8859-1 text. */
        public final java.util.List<String> unblockedReplies = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean canBlock() {
            return true;
        }

        @Override
        public void unblocked(byte[] reply) {
            unblockedReplies.add(new String(reply, StandardCharsets.ISO_8859_1));
        }

        /** Frames pushed by other clients' commands (pub/sub messages), in order, as ISO-8859-1 text. */
        public final java.util.List<String> pushed = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void push(byte[] frame, int off, int len) {
            pushed.add(new String(frame, off, len, StandardCharsets.ISO_8859_1));
        }
    }
}
