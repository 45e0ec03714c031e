package io.redisinternals.keyspace.commands;

import static io.redisinternals.keyspace.TestArgs.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.Config;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Engine;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.ServerHooks;
import io.redisinternals.keyspace.ServerStats;
import io.redisinternals.keyspace.Session;
import io.redisinternals.keyspace.TestArgs;
import io.redisinternals.keyspace.spi.CommandContext;
import io.redisinternals.keyspace.spi.CommandDocs;
import io.redisinternals.keyspace.spi.CommandFlag;
import io.redisinternals.keyspace.spi.CommandGroup;
import io.redisinternals.keyspace.spi.CommandSpec;
import io.redisinternals.keyspace.spi.KeySpec;
import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies as bytes, as measured on redis-server 7.0.15. */
class StringCommandsTest {

    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final String OVERFLOW = "-ERR increment or decrement would overflow\r\n";
    private static final String TOO_LONG = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";
    private static final String BAD_EXPIRE = "-ERR invalid expire time in 'set' command\r\n";

    private final TestContext ctx = new TestContext(StringCommands.specs());

    @Test
    void getMissingIsNullBulkInResp2AndNullInResp3() {
        assertEquals("$-1\r\n", ctx.run("GET", "nope"));
        ctx.resp3();
        assertEquals("_\r\n", ctx.run("GET", "nope"));
    }

    @Test
    void getCountsKeyspaceHitsAndMisses() {
        ctx.run("GET", "nope");
        ctx.run("SET", "k", "v");
        ctx.run("GET", "k");
        ctx.run("GET", "k");
        assertEquals(2, ctx.stats.keyspaceHits());
        assertEquals(1, ctx.stats.keyspaceMisses());
    }

    @Test
    void sameLengthOverwriteReusesTheStoredArrayAndStillDropsOrKeepsTheTtl() {
        ctx.run("SET", "k", "aaaa");
        byte[] stored = (byte[]) ctx.db().get(io.redisinternals.resp.Argv.of("k"), 0);
        assertEquals("+OK\r\n", ctx.run("SET", "k", "bbbb", "PX", "5000"));
        assertSame(stored, ctx.db().get(io.redisinternals.resp.Argv.of("k"), 0), "same array, rewritten in place");
        assertEquals("$4\r\nbbbb\r\n", ctx.run("GET", "k"));
        assertEquals(ctx.now + 5000, ctx.db().getExpire(io.redisinternals.resp.Argv.of("k"), 0));
        assertEquals("+OK\r\n", ctx.run("SET", "k", "cccc", "KEEPTTL"));
        assertEquals(ctx.now + 5000, ctx.db().getExpire(io.redisinternals.resp.Argv.of("k"), 0));
        assertEquals("$4\r\ncccc\r\n", ctx.run("SET", "k", "dddd", "GET"), "GET replies the old value first");
        assertEquals(-1, ctx.db().getExpire(io.redisinternals.resp.Argv.of("k"), 0), "plain SET drops the TTL");
        assertEquals("$4\r\ndddd\r\n", ctx.run("GET", "k"));
        assertEquals("+OK\r\n", ctx.run("SET", "k", "longer"));
        assertEquals("$6\r\nlonger\r\n", ctx.run("GET", "k"));
    }

    @Test
    void setThenGet() {
        assertEquals("+OK\r\n", ctx.run("SET", "k", "hello"));
        assertEquals("$5\r\nhello\r\n", ctx.run("GET", "k"));
        assertEquals("+OK\r\n", ctx.run("SET", "k", ""));
        assertEquals("$0\r\n\r\n", ctx.run("GET", "k"));
        ctx.resp3();
        assertEquals("$0\r\n\r\n", ctx.run("GET", "k"));
    }

    @Test
    void storedValueIsACopyOfTheRequestBytes() {
        ctx.run("SET", "k", "abc");
        Object v = ctx.db().get(b("k"));
        assertTrue(v instanceof byte[]);
        assertEquals("abc", new String((byte[]) v));
    }

    @Test
    void getOnANonStringIsWrongType() {
        ctx.db().put(b("list"), new Object());
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", ctx.run("GET", "list"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                ctx.run("SET", "list", "v", "GET"));
        assertEquals("+OK\r\n", ctx.run("SET", "list", "v"));
    }

    @Test
    void unknownOrConflictingOptionsAreSyntaxErrors() {
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "foo"));
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "NX", "XX"));
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "EX"));
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "EX", "10", "PX", "100"));
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "KEEPTTL", "EX", "1"));
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "EX", "1", "KEEPTTL"));
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "ex", "abc", "foo"));
        assertEquals(SYNTAX, ctx.run("SET", "k", "v", "foo", "ex", "abc"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void repeatedOptionsAreAccepted() {
        assertEquals("+OK\r\n", ctx.run("SET", "k", "v", "nx", "NX"));
        assertEquals("+OK\r\n", ctx.run("SET", "k", "v", "EX", "10", "ex", "20"));
        assertEquals(ctx.now + 20_000, ctx.db().getExpire(b("k")));
    }

    @Test
    void badExpireValues() {
        assertEquals(BAD_EXPIRE, ctx.run("SET", "k", "v", "EX", "0"));
        assertEquals(BAD_EXPIRE, ctx.run("SET", "k", "v", "EX", "-1"));
        assertEquals(NOT_INT, ctx.run("SET", "k", "v", "EX", "abc"));
        assertEquals(NOT_INT, ctx.run("SET", "k", "v", "EX", "1.5"));
        assertEquals(NOT_INT, ctx.run("SET", "k", "v", "XX", "EX", "abc"));
        // seconds that overflow when turned into ms, or when added to now
        assertEquals(BAD_EXPIRE, ctx.run("SET", "k", "v", "EX", "9223372036854776"));
        assertEquals(BAD_EXPIRE, ctx.run("SET", "k", "v", "EX", "9223372036854775"));
        assertEquals(BAD_EXPIRE, ctx.run("SET", "k", "v", "PX", "9223372036854775807"));
        assertEquals(0, ctx.db().size());
        assertEquals("+OK\r\n", ctx.run("SET", "k", "v", "PXAT", "9223372036854775807"));
        assertEquals(Long.MAX_VALUE, ctx.db().getExpire(b("k")));
    }

    @Test
    void expireOptionsSetAbsoluteTimes() {
        ctx.run("SET", "a", "v", "EX", "10");
        ctx.run("SET", "b", "v", "PX", "1500");
        ctx.run("SET", "c", "v", "EXAT", "2000000000");
        ctx.run("SET", "d", "v", "PXAT", "2000000000123");
        assertEquals(ctx.now + 10_000, ctx.db().getExpire(b("a")));
        assertEquals(ctx.now + 1500, ctx.db().getExpire(b("b")));
        assertEquals(2_000_000_000_000L, ctx.db().getExpire(b("c")));
        assertEquals(2_000_000_000_123L, ctx.db().getExpire(b("d")));
        assertEquals(4, ctx.db().expiresCount());
    }

    @Test
    void keysExpireLazily() {
        ctx.run("SET", "k", "v", "PX", "100");
        ctx.now += 100;
        assertEquals("$1\r\nv\r\n", ctx.run("GET", "k"));
        ctx.now += 1;
        assertEquals("$-1\r\n", ctx.run("GET", "k"));
        assertEquals(0, ctx.db().size());
        assertEquals(0, ctx.db().expiresCount());
        // an EXAT in the past is stored, and the key is gone on the next access
        assertEquals("+OK\r\n", ctx.run("SET", "p", "v", "EXAT", "1"));
        assertEquals("$-1\r\n", ctx.run("GET", "p"));
    }

    @Test
    void plainSetDropsTheTtlAndKeepTtlKeepsIt() {
        ctx.run("SET", "k", "v", "EX", "100");
        assertEquals("+OK\r\n", ctx.run("SET", "k", "w", "KEEPTTL"));
        assertEquals(ctx.now + 100_000, ctx.db().getExpire(b("k")));
        assertEquals("$1\r\nw\r\n", ctx.run("GET", "k"));
        assertEquals("+OK\r\n", ctx.run("SET", "k", "x"));
        assertEquals(-1, ctx.db().getExpire(b("k")));
    }

    @Test
    void nxAndXx() {
        assertEquals("$-1\r\n", ctx.run("SET", "k", "v", "XX"));
        assertEquals("+OK\r\n", ctx.run("SET", "k", "v", "NX"));
        assertEquals("$-1\r\n", ctx.run("SET", "k", "w", "NX"));
        assertEquals("$1\r\nv\r\n", ctx.run("GET", "k"));
        assertEquals("+OK\r\n", ctx.run("SET", "k", "w", "XX"));
        assertEquals("$1\r\nw\r\n", ctx.run("GET", "k"));
        ctx.resp3();
        assertEquals("_\r\n", ctx.run("SET", "k", "x", "NX"));
    }

    @Test
    void getOptionRepliesWithTheOldValue() {
        assertEquals("$-1\r\n", ctx.run("SET", "k", "v", "GET"));
        assertEquals("$1\r\nv\r\n", ctx.run("SET", "k", "w", "GET"));
        // NX + GET (allowed since 7.0): old value, and nothing set
        assertEquals("$1\r\nw\r\n", ctx.run("SET", "k", "x", "GET", "NX"));
        assertEquals("$1\r\nw\r\n", ctx.run("GET", "k"));
        assertEquals("$-1\r\n", ctx.run("SET", "n", "v", "NX", "GET"));
        assertEquals("$1\r\nv\r\n", ctx.run("GET", "n"));
        assertEquals("$-1\r\n", ctx.run("SET", "m", "v", "XX", "GET"));
        assertEquals("$-1\r\n", ctx.run("GET", "m"));
        ctx.resp3();
        assertEquals("_\r\n", ctx.run("SET", "m2", "v", "GET"));
    }

    @Test
    void binarySafeKeysAndValues() {
        String key = "k\0\r\n\u00ff";
        assertEquals("+OK\r\n", ctx.run("SET", key, "a\r\nb"));
        assertEquals("$4\r\na\r\nb\r\n", ctx.run("GET", key));
        assertEquals("$-1\r\n", ctx.run("GET", "k\0\r\n"));
    }

    @Test
    void getMetadataMatchesRedis() {
        CommandSpec get = spec("get");
        assertEquals(2, get.arity());
        assertEquals(EnumSet.of(CommandFlag.READONLY, CommandFlag.FAST), get.flags());
        assertEquals(List.of("read", "string", "fast"), get.aclCategories());
        assertEquals(List.of(), get.tips());
        assertEquals(List.of(new KeySpec(Set.of("RO", "access"), 1, 0, 1, 0)), get.keySpecs());
        assertEquals(CommandGroup.STRING, get.group());
        CommandDocs d = get.docs();
        assertEquals("Get the value of a key", d.summary());
        assertEquals("1.0.0", d.since());
        assertEquals("O(1)", d.complexity());
        assertEquals(List.of(new CommandDocs.Arg("key", "key", 0, null, null, Set.of(), List.of())), d.arguments());
    }

    @Test
    void setMetadataMatchesRedis() {
        CommandSpec set = spec("set");
        assertEquals(-3, set.arity());
        assertEquals(EnumSet.of(CommandFlag.WRITE, CommandFlag.DENYOOM), set.flags());
        assertEquals(List.of("write", "string", "slow"), set.aclCategories());
        assertEquals(List.of(new KeySpec(Set.of("RW", "access", "update", "variable_flags"), 1, 0, 1, 0,
                "RW and ACCESS due to the optional `GET` argument")), set.keySpecs());
        CommandDocs d = set.docs();
        assertEquals("Set the string value of a key", d.summary());
        assertEquals(List.of("2.6.12", "6.0.0", "6.2.0", "7.0.0"),
                d.history().stream().map(CommandDocs.History::version).toList());
        assertEquals("Allowed the `NX` and `GET` options to be used together.", d.history().get(3).change());
        List<CommandDocs.Arg> args = d.arguments();
        assertEquals(List.of("key", "value", "condition", "get", "expiration"),
                args.stream().map(CommandDocs.Arg::name).toList());
        CommandDocs.Arg expiration = args.get(4);
        assertEquals("oneof", expiration.type());
        assertEquals(Set.of("optional"), expiration.flags());
        assertEquals(null, expiration.since());
        assertEquals(List.of("EX", "PX", "EXAT", "PXAT", "KEEPTTL"),
                expiration.children().stream().map(CommandDocs.Arg::token).toList());
        assertEquals(List.of("integer", "integer", "unix-time", "unix-time", "pure-token"),
                expiration.children().stream().map(CommandDocs.Arg::type).toList());
        CommandDocs.Arg get = args.get(3);
        assertEquals("GET", get.token());
        assertEquals("6.2.0", get.since());
        assertEquals("2.6.12", args.get(2).since());
    }

    // ---- STRLEN, APPEND, SETNX, GETDEL --------------------------------------------------------

    @Test
    void strlen() {
        assertEquals(":0\r\n", ctx.run("STRLEN", "nope"));
        ctx.run("SET", "k", "a\r\n");
        assertEquals(":3\r\n", ctx.run("STRLEN", "k"));
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("STRLEN", "list"));
        assertEquals(2, ctx.stats.keyspaceHits(), "STRLEN is a read");
        assertEquals(1, ctx.stats.keyspaceMisses());
    }

    @Test
    void appendCreatesGrowsAndKeepsTheTtl() {
        assertEquals(":3\r\n", ctx.run("APPEND", "k", "abc"));
        ctx.run("SET", "k", "abc", "PX", "5000");
        assertEquals(":5\r\n", ctx.run("APPEND", "k", "de"));
        assertEquals(":5\r\n", ctx.run("APPEND", "k", ""));
        assertEquals("$5\r\nabcde\r\n", ctx.run("GET", "k"));
        assertEquals(ctx.now + 5000, ctx.db().getExpire(b("k")), "APPEND keeps the TTL");
        assertEquals(":0\r\n", ctx.run("APPEND", "empty", ""));
        assertEquals("$0\r\n\r\n", ctx.run("GET", "empty"));
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("APPEND", "list", "x"));
    }

    @Test
    void appendPastProtoMaxBulkLenIsRefusedBeforeAllocating() throws Exception {
        Config config = new Config();
        config.set("proto-max-bulk-len", "1mb");
        Engine engine = Engine.boot(config, ServerHooks.none(), List.of());
        CommandContext withEngine = new CommandContext() {
            @Override public ReplyWriter reply() { return ctx.reply(); }
            @Override public Session session() { return ctx.session(); }
            @Override public Database db() { return ctx.db(); }
            @Override public Keyspace keyspace() { return ctx.keyspace(); }
            @Override public Engine engine() { return engine; }
            @Override public ServerStats stats() { return ctx.stats(); }
            @Override public long nowMillis() { return ctx.nowMillis(); }
        };
        byte[] stored = new byte[1024 * 1024 - 2];
        ctx.db().put(b("k"), stored);
        assertEquals(1024 * 1024, StringCommands.maxStringLength(withEngine));
        ctx.reply.clear();
        StringCommands.append(withEngine, TestArgs.slices("APPEND", "k", "ab"));
        assertEquals(":1048576\r\n", new String(ctx.reply.toByteArray(), StandardCharsets.ISO_8859_1));
        ctx.reply.clear();
        StringCommands.append(withEngine, TestArgs.slices("APPEND", "k", "c"));
        assertEquals(TOO_LONG, new String(ctx.reply.toByteArray(), StandardCharsets.ISO_8859_1));
        assertEquals(1024 * 1024, io.redisinternals.keyspace.StringValue.length(ctx.db().get(b("k"))));
        assertEquals("raw", io.redisinternals.keyspace.StringValue.encoding(ctx.db().get(b("k"))));
        // without an engine the default, 512 MiB
        assertEquals(512L * 1024 * 1024, StringCommands.maxStringLength(ctx));
    }

    @Test
    void setnxSetsOnlyAbsentKeysAndDropsNothingElse() {
        assertEquals(":1\r\n", ctx.run("SETNX", "k", "v"));
        assertEquals(":0\r\n", ctx.run("SETNX", "k", "w"));
        assertEquals("$1\r\nv\r\n", ctx.run("GET", "k"));
        ctx.db().put(b("list"), new Object());
        assertEquals(":0\r\n", ctx.run("SETNX", "list", "w"), "any type counts as existing");
        ctx.run("SET", "t", "v", "PX", "10");
        ctx.now += 11;
        assertEquals(":1\r\n", ctx.run("SETNX", "t", "fresh"), "an expired key is absent");
        assertEquals(-1, ctx.db().getExpire(b("t")));
    }

    @Test
    void getdel() {
        assertEquals("$-1\r\n", ctx.run("GETDEL", "nope"));
        ctx.run("SET", "k", "v", "EX", "100");
        assertEquals("$1\r\nv\r\n", ctx.run("GETDEL", "k"));
        assertEquals(0, ctx.db().size());
        assertEquals(0, ctx.db().expiresCount());
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("GETDEL", "list"));
        assertEquals(1, ctx.db().size(), "a wrong type is not deleted");
        ctx.resp3();
        assertEquals("_\r\n", ctx.run("GETDEL", "nope"));
    }

    // ---- INCR family ------------------------------------------------------------------------

    @Test
    void incrDecrFamily() {
        assertEquals(":1\r\n", ctx.run("INCR", "n"));
        assertEquals(":0\r\n", ctx.run("DECR", "n"));
        assertEquals(":-1\r\n", ctx.run("DECR", "n"));
        assertEquals(":9\r\n", ctx.run("INCRBY", "n", "10"));
        assertEquals(":-91\r\n", ctx.run("DECRBY", "n", "100"));
        assertEquals(":-81\r\n", ctx.run("DECRBY", "n", "-10"));
        assertEquals("$3\r\n-81\r\n", ctx.run("GET", "n"));
        assertEquals(":-5\r\n", ctx.run("DECRBY", "m", "5"));
    }

    @Test
    void incrKeepsTheTtlAndRewritesSameWidthInPlace() {
        ctx.run("SET", "n", "10", "PX", "5000");
        byte[] stored = (byte[]) ctx.db().get(b("n"));
        assertEquals(":11\r\n", ctx.run("INCR", "n"));
        assertSame(stored, ctx.db().get(b("n")));
        assertEquals(":9\r\n", ctx.run("DECRBY", "n", "2"));
        assertEquals("$1\r\n9\r\n", ctx.run("GET", "n"));
        assertEquals(ctx.now + 5000, ctx.db().getExpire(b("n")));
    }

    @Test
    void incrNeedsACanonicalInteger() {
        for (String v : new String[] {" 1", "1 ", "01", "-0", "+5", "1.0", "", "abc", "18446744073709551616",
                "9223372036854775808"}) {
            ctx.run("SET", "v", v);
            assertEquals(NOT_INT, ctx.run("INCR", "v"), v);
            assertEquals("$" + v.length() + "\r\n" + v + "\r\n", ctx.run("GET", "v"));
        }
        assertEquals(NOT_INT, ctx.run("INCRBY", "v", "+5"));
        assertEquals(NOT_INT, ctx.run("INCRBY", "v", " 5"));
        ctx.run("SET", "v", "-9223372036854775808");
        assertEquals(":-9223372036854775807\r\n", ctx.run("INCR", "v"));
    }

    @Test
    void overflowErrors() {
        ctx.run("SET", "max", "9223372036854775807");
        assertEquals(OVERFLOW, ctx.run("INCR", "max"));
        assertEquals(OVERFLOW, ctx.run("INCRBY", "max", "1"));
        assertEquals(":-1\r\n", ctx.run("INCRBY", "max", "-9223372036854775808"));
        assertEquals(":-9223372036854775808\r\n", ctx.run("INCRBY", "min", "-9223372036854775808"));
        assertEquals(OVERFLOW, ctx.run("DECR", "min"));
        assertEquals(OVERFLOW, ctx.run("DECRBY", "min", "1"));
        assertEquals("-ERR decrement would overflow\r\n", ctx.run("DECRBY", "min", "-9223372036854775808"));
        assertEquals("$20\r\n-9223372036854775808\r\n", ctx.run("GET", "min"));
        assertEquals(NOT_INT, ctx.run("INCRBY", "x", "9223372036854775808"));
    }

    @Test
    void incrOrderOfChecksMatchesRedis() {
        ctx.db().put(b("list"), new Object());
        assertEquals(NOT_INT, ctx.run("INCRBY", "list", "x"), "the increment is parsed first");
        assertEquals("-ERR decrement would overflow\r\n", ctx.run("DECRBY", "list", "-9223372036854775808"));
        assertEquals(WRONGTYPE, ctx.run("INCRBY", "list", "1"));
        assertEquals(WRONGTYPE, ctx.run("INCR", "list"));
        assertEquals(WRONGTYPE, ctx.run("DECR", "list"));
        assertEquals(0, ctx.stats.keyspaceHits() + ctx.stats.keyspaceMisses(), "INCR is a write lookup");
    }

    // ---- MGET, MSET, MSETNX -----------------------------------------------------------------

    @Test
    void mgetHasNullsForMissingAndNonStringKeys() {
        ctx.run("SET", "a", "1");
        ctx.run("SET", "b", "");
        ctx.db().put(b("list"), new Object());
        assertEquals("*5\r\n$1\r\n1\r\n$-1\r\n$0\r\n\r\n$-1\r\n$1\r\n1\r\n",
                ctx.run("MGET", "a", "nope", "b", "list", "a"));
        assertEquals(4, ctx.stats.keyspaceHits());
        assertEquals(1, ctx.stats.keyspaceMisses());
        ctx.resp3();
        assertEquals("*3\r\n$1\r\n1\r\n_\r\n_\r\n", ctx.run("MGET", "a", "nope", "list"));
    }

    @Test
    void msetReplacesAnyTypeAndDropsTtls() {
        ctx.run("SET", "a", "old", "EX", "100");
        ctx.db().put(b("list"), new Object());
        assertEquals("+OK\r\n", ctx.run("MSET", "a", "1", "list", "2", "a", "3"));
        assertEquals("*2\r\n$1\r\n3\r\n$1\r\n2\r\n", ctx.run("MGET", "a", "list"));
        assertEquals(0, ctx.db().expiresCount());
        assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", ctx.run("MSET", "a", "1", "b"));
        assertEquals("$1\r\n3\r\n", ctx.run("GET", "a"));
        assertEquals(2, ctx.db().size());
    }

    @Test
    void msetnxIsAllOrNothing() {
        assertEquals(":1\r\n", ctx.run("MSETNX", "k", "v", "k", "v2"), "a repeated key is absent both times");
        assertEquals("$2\r\nv2\r\n", ctx.run("GET", "k"));
        assertEquals(":0\r\n", ctx.run("MSETNX", "new", "x", "k", "y"));
        assertEquals("$-1\r\n", ctx.run("GET", "new"));
        ctx.db().put(b("list"), new Object());
        assertEquals(":0\r\n", ctx.run("MSETNX", "list", "x"));
        assertEquals(":1\r\n", ctx.run("MSETNX", "p", "1", "q", "2"));
        assertEquals("-ERR wrong number of arguments for 'msetnx' command\r\n", ctx.run("MSETNX", "a", "1", "b"));
        assertEquals(4, ctx.db().size());
    }

    @Test
    void newCommandsMetadataMatchesRedis() {
        assertEquals(List.of(new KeySpec(Set.of("RO"), 1, 0, 1, 0)), spec("strlen").keySpecs());
        assertEquals(List.of(new KeySpec(Set.of("RW", "insert"), 1, 0, 1, 0)), spec("append").keySpecs());
        assertEquals(List.of(new KeySpec(Set.of("OW", "insert"), 1, 0, 1, 0)), spec("setnx").keySpecs());
        assertEquals(List.of(new KeySpec(Set.of("RW", "access", "delete"), 1, 0, 1, 0)), spec("getdel").keySpecs());
        for (String n : List.of("incr", "decr", "incrby", "decrby")) {
            CommandSpec s = spec(n);
            assertEquals(EnumSet.of(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST), s.flags(), n);
            assertEquals(List.of(new KeySpec(Set.of("RW", "access", "update"), 1, 0, 1, 0)), s.keySpecs(), n);
        }
        assertEquals("decrement", spec("decrby").docs().arguments().get(1).name());
        assertEquals(List.of(new KeySpec(Set.of("RO", "access"), 1, -1, 1, 0)), spec("mget").keySpecs());
        assertEquals(List.of("request_policy:multi_shard"), spec("mget").tips());
        CommandSpec mset = spec("mset");
        assertEquals(-3, mset.arity());
        assertEquals(List.of(new KeySpec(Set.of("OW", "update"), 1, -1, 2, 0)), mset.keySpecs());
        assertEquals(List.of("request_policy:multi_shard", "response_policy:all_succeeded"), mset.tips());
        CommandDocs.Arg block = mset.docs().arguments().get(0);
        assertEquals("block", block.type());
        assertEquals(Set.of("multiple"), block.flags());
        assertEquals(List.of("key", "value"), block.children().stream().map(CommandDocs.Arg::name).toList());
        assertEquals(List.of("response_policy:agg_min"), spec("msetnx").tips().subList(1, 2));
        assertEquals(List.of("write", "string", "slow"), spec("msetnx").aclCategories());
        assertEquals(EnumSet.of(CommandFlag.WRITE, CommandFlag.FAST), spec("getdel").flags());
    }

    private static CommandSpec spec(String name) {
        return StringCommands.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
