package io.redisinternals.keyspace.commands;

import static io.redisinternals.keyspace.TestArgs.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.spi.CommandDocs;
import io.redisinternals.keyspace.spi.CommandFlag;
import io.redisinternals.keyspace.spi.CommandGroup;
import io.redisinternals.keyspace.spi.CommandSpec;
import io.redisinternals.keyspace.spi.KeySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies as bytes, as measured on redis-server 7.0.15. */
class StringCommandsTest {

    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
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

    private static CommandSpec spec(String name) {
        return StringCommands.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
