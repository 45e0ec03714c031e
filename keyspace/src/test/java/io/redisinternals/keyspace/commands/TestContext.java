package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Engine;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.ServerStats;
import io.redisinternals.keyspace.Session;
import io.redisinternals.keyspace.TestArgs;
import io.redisinternals.keyspace.spi.CommandContext;
import io.redisinternals.keyspace.spi.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A command context without an engine: one keyspace, a settable clock and protocol, and a reply
 * buffer. {@link #run} calls a spec's function directly (arity is the dispatcher's job, so tests
 * only send well-formed argument counts) and returns the reply bytes as text.
 */
final class TestContext implements CommandContext {

    final Keyspace keyspace = new Keyspace(16, 0xC0FFEE);
    final ReplyWriter reply = new ReplyWriter();
    private final List<CommandSpec> specs;
    final ServerStats stats = new ServerStats();
    int dbIndex;
    long now = 1_700_000_000_000L;

    TestContext(List<CommandSpec> specs) {
        this.specs = specs;
    }

    TestContext resp3() {
        reply.version(RespVersion.RESP3);
        return this;
    }

    /** Runs one command (arguments as a request-buffer slice) and returns its reply. */
    String run(String... args) {
        String name = args[0].toLowerCase();
        CommandSpec spec = specs.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no spec " + name));
        int arity = spec.arity();
        if (arity > 0 ? args.length != arity : args.length < -arity) {
            throw new AssertionError("test sends a wrong argument count for " + name);
        }
        Argv argv = TestArgs.slices(args);
        reply.clear();
        spec.function().execute(this, argv);
        return new String(reply.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public ReplyWriter reply() {
        return reply;
    }

    @Override
    public Session session() {
        throw new UnsupportedOperationException("no session in unit tests");
    }

    @Override
    public Database db() {
        return keyspace.db(dbIndex);
    }

    @Override
    public Keyspace keyspace() {
        return keyspace;
    }

    @Override
    public Engine engine() {
        throw new UnsupportedOperationException("no engine in unit tests");
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    /** Settings without an engine: the server's defaults, or what a test set. */
    final io.redisinternals.keyspace.Config config = new io.redisinternals.keyspace.Config();

    @Override
    public long configLong(String name) {
        return config.longValue(name);
    }
}
