package io.redisinternals.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.KeyspaceStats;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
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
    final KeyspaceStats stats = keyspace.stats();
    private String running;
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
        Argv argv = Argv.of(args);
        reply.clear();
        running = name;
        try {
            spec.function().execute(this, argv);
        } catch (io.redisinternals.command.WrongTypeException e) {
            reply.clear(); // as the engine's call path: WRONGTYPE replaces what the command wrote
            reply.raw(io.redisinternals.resp.Replies.WRONGTYPE);
        }
        return new String(reply.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public ReplyWriter reply() {
        return reply;
    }

    @Override
    public String commandName() {
        return running;
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
    public long nowMillis() {
        return now;
    }

    /**
     * Settings without an engine: redis-server's defaults of the settings commands read, or what a
     * test set (values in bytes or counts; the engine parses units).
     */
    final java.util.Map<String, Long> config = new java.util.HashMap<>(java.util.Map.of(
            "proto-max-bulk-len", 512L * 1024 * 1024,
            "list-max-listpack-size", -2L,
            "set-max-intset-entries", 512L,
            "hash-max-listpack-entries", 512L,
            "hash-max-listpack-value", 64L,
            "zset-max-listpack-entries", 128L,
            "zset-max-listpack-value", 64L));

    @Override
    public long configLong(String name) {
        Long v = config.get(name);
        if (v == null) {
            throw new AssertionError("setting not known to the test context: " + name);
        }
        return v;
    }

    /** A view of this context (same storage, reply and clock) with one setting changed. */
    CommandContext withConfig(String name, long value) {
        java.util.Map<String, Long> own = new java.util.HashMap<>(config);
        own.put(name, value);
        TestContext self = this;
        return new CommandContext() {
            @Override public ReplyWriter reply() { return self.reply(); }
            @Override public Database db() { return self.db(); }
            @Override public Keyspace keyspace() { return self.keyspace(); }
            @Override public long nowMillis() { return self.nowMillis(); }
            @Override public String commandName() { return self.commandName(); }
            @Override public long configLong(String n) { return own.get(n); }
        };
    }
}
