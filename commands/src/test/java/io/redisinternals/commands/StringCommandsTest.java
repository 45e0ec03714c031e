package io.redisinternals.commands;

import static io.redisinternals.commands.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.resp.Argv;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandDocs;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
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
        assertEquals(2, ctx.stats.hits());
        assertEquals(1, ctx.stats.misses());
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
        assertEquals(2, ctx.stats.hits(), "STRLEN is a read");
        assertEquals(1, ctx.stats.misses());
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
        ctx.config.put("proto-max-bulk-len", 1024L * 1024);
        CommandContext withEngine = ctx;
        byte[] stored = new byte[1024 * 1024 - 2];
        ctx.db().put(b("k"), stored);
        assertEquals(1024 * 1024, StringCommands.maxStringLength(withEngine));
        ctx.reply.clear();
        StringCommands.append(withEngine, Argv.of("APPEND", "k", "ab"));
        assertEquals(":1048576\r\n", new String(ctx.reply.toByteArray(), StandardCharsets.ISO_8859_1));
        ctx.reply.clear();
        StringCommands.append(withEngine, Argv.of("APPEND", "k", "c"));
        assertEquals(TOO_LONG, new String(ctx.reply.toByteArray(), StandardCharsets.ISO_8859_1));
        assertEquals(1024 * 1024, io.redisinternals.keyspace.types.StringValue.length(ctx.db().get(b("k"))));
        assertEquals("raw", io.redisinternals.keyspace.types.StringValue.encoding(ctx.db().get(b("k"))));
        ctx.config.put("proto-max-bulk-len", 512L * 1024 * 1024);
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
        assertEquals(0, ctx.stats.hits() + ctx.stats.misses(), "INCR is a write lookup");
    }

    // ---- MGET, MSET, MSETNX -----------------------------------------------------------------

    @Test
    void mgetHasNullsForMissingAndNonStringKeys() {
        ctx.run("SET", "a", "1");
        ctx.run("SET", "b", "");
        ctx.db().put(b("list"), new Object());
        assertEquals("*5\r\n$1\r\n1\r\n$-1\r\n$0\r\n\r\n$-1\r\n$1\r\n1\r\n",
                ctx.run("MGET", "a", "nope", "b", "list", "a"));
        assertEquals(4, ctx.stats.hits());
        assertEquals(1, ctx.stats.misses());
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

    // ---- GETEX ------------------------------------------------------------------------------

    @Test
    void getexSetsChangesAndDropsTheTtl() {
        ctx.run("SET", "k", "v");
        assertEquals("$1\r\nv\r\n", ctx.run("GETEX", "k"));
        assertEquals(-1, ctx.db().getExpire(b("k")));
        assertEquals("$1\r\nv\r\n", ctx.run("GETEX", "k", "EX", "10", "ex", "20"));
        assertEquals(ctx.now + 20_000, ctx.db().getExpire(b("k")), "the last time wins");
        ctx.run("GETEX", "k", "px", "1500");
        assertEquals(ctx.now + 1500, ctx.db().getExpire(b("k")));
        ctx.run("GETEX", "k", "EXAT", "4000000000");
        assertEquals(4_000_000_000_000L, ctx.db().getExpire(b("k")));
        ctx.run("GETEX", "k", "PXAT", "4000000000123");
        assertEquals(4_000_000_000_123L, ctx.db().getExpire(b("k")));
        assertEquals("$1\r\nv\r\n", ctx.run("GETEX", "k", "PERSIST", "persist"));
        assertEquals(-1, ctx.db().getExpire(b("k")));
        ctx.run("GETEX", "k", "PX", "10");
        ctx.now += 11;
        assertEquals("$-1\r\n", ctx.run("GETEX", "k"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void getexWithAPastAbsoluteTimeRepliesThenDeletes() {
        ctx.run("SET", "k", "v", "PX", "5000");
        assertEquals("$1\r\nv\r\n", ctx.run("GETEX", "k", "PXAT", Long.toString(ctx.now)));
        assertEquals(0, ctx.db().size());
        assertEquals(0, ctx.db().expiresCount());
        ctx.run("SET", "k", "v");
        assertEquals("$1\r\nv\r\n", ctx.run("GETEX", "k", "EXAT", "1"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void getexErrorsInRedisOrder() {
        String badTime = "-ERR invalid expire time in 'getex' command\r\n";
        ctx.run("SET", "k", "v");
        assertEquals(SYNTAX, ctx.run("GETEX", "k", "EX"));
        assertEquals(SYNTAX, ctx.run("GETEX", "k", "EX", "10", "PX", "10"));
        assertEquals(SYNTAX, ctx.run("GETEX", "k", "PERSIST", "EX", "10"));
        assertEquals(SYNTAX, ctx.run("GETEX", "k", "EX", "10", "PERSIST"));
        assertEquals(SYNTAX, ctx.run("GETEX", "k", "KEEPTTL"));
        assertEquals(SYNTAX, ctx.run("GETEX", "k", "NX"));
        assertEquals(SYNTAX, ctx.run("GETEX", "missing", "foo"), "syntax comes before the lookup");
        assertEquals(SYNTAX, ctx.run("GETEX", "k", "EX", "abc", "foo"));
        assertEquals("$-1\r\n", ctx.run("GETEX", "missing", "EX", "abc"), "a missing key wins over a bad time");
        assertEquals(NOT_INT, ctx.run("GETEX", "k", "EX", "abc"));
        assertEquals(badTime, ctx.run("GETEX", "k", "EX", "0"));
        assertEquals(badTime, ctx.run("GETEX", "k", "PXAT", "-5"));
        assertEquals(badTime, ctx.run("GETEX", "k", "EX", "92233720368547758"));
        assertEquals(badTime, ctx.run("GETEX", "k", "PX", "9223372036854775807"));
        assertEquals(-1, ctx.db().getExpire(b("k")), "failed calls change nothing");
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("GETEX", "list", "EX", "abc"), "the type wins over a bad time");
    }

    // ---- GETRANGE, SUBSTR, GETSET -----------------------------------------------------------

    @Test
    void getrangeIndexes() {
        ctx.run("SET", "k", "Hello World");
        String[][] cases = {
            {"0", "3", "Hell"}, {"-3", "-1", "rld"}, {"0", "-1", "Hello World"}, {"10", "100", "d"},
            {"11", "100", ""}, {"5", "3", ""}, {"-100", "-50", "H"}, {"-100", "2", "Hel"}, {"0", "-100", "H"},
            {"-1", "-2", ""}, {"-1", "0", ""}, {"3", "3", "l"}, {"4294967296", "4294967297", ""},
            {"-9223372036854775808", "9223372036854775807", "Hello World"},
            {"9223372036854775807", "-9223372036854775808", ""},
        };
        for (String[] c : cases) {
            String expected = "$" + c[2].length() + "\r\n" + c[2] + "\r\n";
            assertEquals(expected, ctx.run("GETRANGE", "k", c[0], c[1]), c[0] + " " + c[1]);
            assertEquals(expected, ctx.run("SUBSTR", "k", c[0], c[1]));
        }
        ctx.run("SET", "e", "");
        assertEquals("$0\r\n\r\n", ctx.run("GETRANGE", "e", "0", "-1"));
        assertEquals("$0\r\n\r\n", ctx.run("GETRANGE", "missing", "0", "-1"));
        ctx.run("SET", "n", "12345");
        assertEquals("$2\r\n23\r\n", ctx.run("GETRANGE", "n", "1", "2"));
    }

    @Test
    void getrangeErrors() {
        ctx.run("SET", "k", "v");
        assertEquals(NOT_INT, ctx.run("GETRANGE", "k", "0", "9223372036854775808"));
        assertEquals(NOT_INT, ctx.run("GETRANGE", "k", "1.5", "2"));
        assertEquals(NOT_INT, ctx.run("GETRANGE", "missing", "a", "1"), "integers are parsed first");
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("GETRANGE", "list", "0", "1"));
        assertEquals(1, ctx.stats.hits(), "GETRANGE is a read");
    }

    @Test
    void getsetRepliesTheOldValueAndDropsTheTtl() {
        assertEquals("$-1\r\n", ctx.run("GETSET", "k", "v1"));
        ctx.run("SET", "k", "v", "PX", "100000");
        assertEquals("$1\r\nv\r\n", ctx.run("GETSET", "k", "v2"));
        assertEquals(-1, ctx.db().getExpire(b("k")));
        assertEquals("$2\r\nv2\r\n", ctx.run("GET", "k"));
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("GETSET", "list", "x"));
        assertTrue(!io.redisinternals.keyspace.types.StringValue.isString(ctx.db().get(b("list"))), "not overwritten");
    }

    // ---- SETEX, PSETEX ----------------------------------------------------------------------

    @Test
    void setexAndPsetex() {
        ctx.run("SET", "k", "old", "PX", "1");
        assertEquals("+OK\r\n", ctx.run("SETEX", "k", "100", "v"));
        assertEquals(ctx.now + 100_000, ctx.db().getExpire(b("k")));
        assertEquals("$1\r\nv\r\n", ctx.run("GET", "k"));
        assertEquals("+OK\r\n", ctx.run("PSETEX", "p", "1500", "w"));
        assertEquals(ctx.now + 1500, ctx.db().getExpire(b("p")));
        for (String t : new String[] {"0", "-1", "9223372036854775807", "9223372036854775", "9223372036854774"}) {
            assertEquals("-ERR invalid expire time in 'setex' command\r\n", ctx.run("SETEX", "bad", t, "v"), t);
        }
        assertEquals("-ERR invalid expire time in 'psetex' command\r\n", ctx.run("PSETEX", "bad", "0", "v"));
        assertEquals("-ERR invalid expire time in 'psetex' command\r\n",
                ctx.run("PSETEX", "bad", "9223372036854775807", "v"));
        assertEquals(NOT_INT, ctx.run("SETEX", "bad", "abc", "v"));
        assertEquals(NOT_INT, ctx.run("PSETEX", "bad", "1.5", "v"));
        assertEquals(2, ctx.db().size());
        assertEquals("-ERR invalid expire time in 'setex' command\r\n", ctx.run("setex", "bad", "0", "v"),
                "the name is lower case whatever was typed");
    }

    // ---- SETRANGE ---------------------------------------------------------------------------

    @Test
    void setrangeCreatesZeroPaddedRawStrings() {
        assertEquals(":0\r\n", ctx.run("SETRANGE", "m", "0", ""));
        assertEquals(":0\r\n", ctx.run("SETRANGE", "m", "536870912", ""));
        assertEquals(0, ctx.db().size(), "nothing set on a missing key creates nothing");
        assertEquals(":5\r\n", ctx.run("SETRANGE", "m", "3", "ab"));
        assertEquals("$5\r\n\0\0\0ab\r\n", ctx.run("GET", "m"));
        assertEquals("raw", io.redisinternals.keyspace.types.StringValue.encoding(ctx.db().get(b("m"))));
    }

    @Test
    void setrangeEditsInPlaceKeepingTheTtl() {
        ctx.run("SET", "k", "hello", "PX", "100000");
        assertEquals(":5\r\n", ctx.run("SETRANGE", "k", "1", "EY"));
        assertEquals("$5\r\nhEYlo\r\n", ctx.run("GET", "k"));
        assertEquals(ctx.now + 100_000, ctx.db().getExpire(b("k")));
        Object raw = ctx.db().get(b("k"));
        assertEquals("raw", io.redisinternals.keyspace.types.StringValue.encoding(raw));
        assertEquals(":8\r\n", ctx.run("SETRANGE", "k", "7", "!"));
        assertSame(raw, ctx.db().get(b("k")), "a raw value is edited in place");
        assertEquals("$8\r\nhEYlo\0\0!\r\n", ctx.run("GET", "k"));
        assertEquals(":8\r\n", ctx.run("SETRANGE", "k", "100", ""), "an empty value only reports the length");
        assertEquals(ctx.now + 100_000, ctx.db().getExpire(b("k")));

        ctx.run("SET", "n", "123");
        assertEquals(":3\r\n", ctx.run("SETRANGE", "n", "1", ""));
        assertEquals("int", io.redisinternals.keyspace.types.StringValue.encoding(ctx.db().get(b("n"))));
        assertEquals(":3\r\n", ctx.run("SETRANGE", "n", "1", "9"));
        assertEquals("raw", io.redisinternals.keyspace.types.StringValue.encoding(ctx.db().get(b("n"))));
        ctx.run("INCRBYFLOAT", "f", "3");
        assertEquals(":2\r\n", ctx.run("SETRANGE", "f", "1", "x"));
        assertEquals("raw", io.redisinternals.keyspace.types.StringValue.encoding(ctx.db().get(b("f"))),
                "an embstr value is unshared into a raw one");
    }

    @Test
    void setrangeErrors() {
        String outOfRange = "-ERR offset is out of range\r\n";
        assertEquals(outOfRange, ctx.run("SETRANGE", "k", "-1", ""));
        assertEquals(outOfRange, ctx.run("SETRANGE", "k", "-1", "x"));
        assertEquals(NOT_INT, ctx.run("SETRANGE", "k", "x", "x"));
        assertEquals(NOT_INT, ctx.run("SETRANGE", "k", "9223372036854775808", "x"));
        assertEquals(TOO_LONG, ctx.run("SETRANGE", "k", "9223372036854775807", "A"), "no overflow, no allocation");
        assertEquals(TOO_LONG, ctx.run("SETRANGE", "k", "536870912", "x"));
        ctx.run("SET", "k", "v");
        assertEquals(TOO_LONG, ctx.run("SETRANGE", "k", "9223372036854775807", "A"));
        assertEquals(":1\r\n", ctx.run("SETRANGE", "k", "9223372036854775807", ""));
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("SETRANGE", "list", "0", ""));
        assertEquals(outOfRange, ctx.run("SETRANGE", "list", "-1", "x"), "the offset is checked first");
    }

    @Test
    void setrangeHonoursAConfiguredProtoMaxBulkLen() throws Exception {
        CommandContext small = withProtoMaxBulkLen(1024L * 1024);
        assertEquals(":1048576\r\n", run(small, "SETRANGE", "k", "1048575", "x"));
        assertEquals(TOO_LONG, run(small, "SETRANGE", "k", "1048576", "x"));
        assertEquals(TOO_LONG, run(small, "SETRANGE", "new", "1048575", "xy"));
        assertEquals(":0\r\n", run(small, "SETRANGE", "new", "1048576", ""));
        assertEquals(1, ctx.db().size());
    }

    // ---- INCRBYFLOAT ------------------------------------------------------------------------

    @Test
    void incrbyfloatPrintsLikeRedis() {
        assertEquals("$3\r\n0.1\r\n", ctx.run("INCRBYFLOAT", "x", "0.1"));
        assertEquals("$3\r\n0.2\r\n", ctx.run("INCRBYFLOAT", "x", "0.1"));
        assertEquals("$3\r\n0.3\r\n", ctx.run("INCRBYFLOAT", "x", "0.1"));
        assertEquals("$1\r\n3\r\n", ctx.run("INCRBYFLOAT", "x", "2.7"));
        assertEquals("embstr", io.redisinternals.keyspace.types.StringValue.encoding(ctx.db().get(b("x"))),
                "stored as embstr even when it reads as an integer");
        ctx.run("SET", "k", "10.50", "PX", "5000");
        assertEquals("$4\r\n10.6\r\n", ctx.run("INCRBYFLOAT", "k", "0.1"));
        assertEquals(ctx.now + 5000, ctx.db().getExpire(b("k")), "INCRBYFLOAT keeps the TTL");
        assertEquals("$1\r\n0\r\n", ctx.run("INCRBYFLOAT", "k", "-10.6"));
        ctx.run("SET", "i", "5");
        assertEquals("$2\r\n-5\r\n", ctx.run("INCRBYFLOAT", "i", "-10"));
        assertEquals("$2\r\n16\r\n", ctx.run("INCRBYFLOAT", "h", "0x10"));
    }

    @Test
    void incrbyfloatErrorsInRedisOrder() {
        String notFloat = "-ERR value is not a valid float\r\n";
        String nanOrInf = "-ERR increment would produce NaN or Infinity\r\n";
        assertEquals(notFloat, ctx.run("INCRBYFLOAT", "x", "nan"));
        assertEquals(notFloat, ctx.run("INCRBYFLOAT", "x", " 1"));
        assertEquals(notFloat, ctx.run("INCRBYFLOAT", "x", "1e5000"));
        assertEquals(notFloat, ctx.run("INCRBYFLOAT", "x", "0".repeat(6000)));
        assertEquals(nanOrInf, ctx.run("INCRBYFLOAT", "x", "inf"));
        assertEquals(nanOrInf, ctx.run("INCRBYFLOAT", "x", "-infinity"));
        assertEquals(0, ctx.db().size(), "no failed call creates the key");
        ctx.run("SET", "s", "abc");
        assertEquals(notFloat, ctx.run("INCRBYFLOAT", "s", "1"));
        ctx.run("SET", "inf", "inf");
        assertEquals(nanOrInf, ctx.run("INCRBYFLOAT", "inf", "1"));
        assertEquals(nanOrInf, ctx.run("INCRBYFLOAT", "inf", "-inf"));
        assertEquals("$3\r\ninf\r\n", ctx.run("GET", "inf"));
        ctx.run("SET", "max", "1.18973149535723176502e+4932");
        assertEquals(nanOrInf, ctx.run("INCRBYFLOAT", "max", "1.18973149535723176502e+4932"));
        ctx.db().put(b("list"), new Object());
        assertEquals(WRONGTYPE, ctx.run("INCRBYFLOAT", "list", "x"), "the type is checked first");
    }

    // ---- LCS --------------------------------------------------------------------------------

    @Test
    void lcsReplies() {
        ctx.run("MSET", "k1", "ohmytext", "k2", "mynewtext");
        assertEquals("$6\r\nmytext\r\n", ctx.run("LCS", "k1", "k2"));
        assertEquals(":6\r\n", ctx.run("LCS", "k1", "k2", "LEN"));
        String matches = "*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n";
        assertEquals("*4\r\n$7\r\nmatches\r\n" + matches + "$3\r\nlen\r\n:6\r\n", ctx.run("LCS", "k1", "k2", "IDX"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n"
                        + "*3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n$3\r\nlen\r\n:6\r\n",
                ctx.run("LCS", "k1", "k2", "IDX", "WITHMATCHLEN"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:6\r\n",
                ctx.run("LCS", "k1", "k2", "idx", "minmatchlen", "4"));
        assertEquals("$0\r\n\r\n", ctx.run("LCS", "nope", "k2"));
        ctx.resp3();
        assertEquals("%2\r\n$7\r\nmatches\r\n" + matches + "$3\r\nlen\r\n:6\r\n", ctx.run("LCS", "k1", "k2", "IDX"));
        assertEquals("%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", ctx.run("LCS", "a", "b", "IDX"));
    }

    @Test
    void lcsBreaksTiesAsRedis() {
        // Several subsequences are equally long; redis-server 7.0.15 answers these.
        ctx.run("MSET", "a", "ABCBDAB", "b", "BDCABA");
        assertEquals("$4\r\nBDAB\r\n", ctx.run("LCS", "a", "b"));
        assertEquals("$4\r\nBCBA\r\n", ctx.run("LCS", "b", "a"));
    }

    @Test
    void lcsErrors() {
        ctx.run("MSET", "k1", "a", "k2", "b");
        assertEquals("-ERR If you want both the length and indexes, please just use IDX.\r\n",
                ctx.run("LCS", "k1", "k2", "LEN", "IDX"));
        assertEquals(SYNTAX, ctx.run("LCS", "k1", "k2", "MINMATCHLEN"));
        assertEquals(SYNTAX, ctx.run("LCS", "k1", "k2", "LEN", "IDX", "foo"));
        assertEquals(NOT_INT, ctx.run("LCS", "k1", "k2", "MINMATCHLEN", "x", "LEN", "IDX"));
        ctx.db().put(b("list"), new Object());
        assertEquals("-ERR The specified keys must contain string values\r\n", ctx.run("LCS", "k1", "list", "foo"));
    }

    @Test
    void lcsRefusesTablesOverProtoMaxBulkLen() throws Exception {
        CommandContext small = withProtoMaxBulkLen(1024L * 1024);
        ctx.db().put(b("a"), "x".repeat(511).getBytes(StandardCharsets.ISO_8859_1));
        ctx.db().put(b("b"), "x".repeat(511).getBytes(StandardCharsets.ISO_8859_1));
        ctx.db().put(b("c"), "x".repeat(512).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(":511\r\n", run(small, "LCS", "a", "b", "LEN"), "512 * 512 * 4 bytes is exactly the limit");
        String over = "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n";
        assertEquals(over, run(small, "LCS", "a", "c"));
        assertEquals(over, run(small, "LCS", "c", "a", "LEN"));
        // with the default 512 MiB: two 70000-byte strings would need 19.6 GB in Redis
        byte[] big = new byte[70_000];
        ctx.db().put(b("big1"), big);
        ctx.db().put(b("big2"), big.clone());
        assertEquals(over, ctx.run("LCS", "big1", "big2"));
    }

    private CommandContext withProtoMaxBulkLen(long value) {
        return ctx.withConfig("proto-max-bulk-len", value);
    }

    private String run(CommandContext context, String... args) {
        ctx.reply.clear();
        spec(args[0].toLowerCase()).function().execute(context, Argv.of(args));
        return new String(ctx.reply.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void rangeTtlFloatLcsMetadataMatchesRedis() {
        CommandSpec getex = spec("getex");
        assertEquals(-2, getex.arity());
        assertEquals(EnumSet.of(CommandFlag.WRITE, CommandFlag.FAST), getex.flags());
        assertEquals(List.of(new KeySpec(Set.of("RW", "access", "update"), 1, 0, 1, 0,
                "RW and UPDATE because it changes the TTL")), getex.keySpecs());
        assertEquals(List.of("EX", "PX", "EXAT", "PXAT", "PERSIST"),
                getex.docs().arguments().get(1).children().stream().map(CommandDocs.Arg::token).toList());
        CommandSpec substr = spec("substr");
        assertEquals(List.of("deprecated"), substr.docs().docFlags());
        assertEquals("2.0.0", substr.docs().deprecatedSince());
        assertEquals("`GETRANGE`", substr.docs().replacedBy());
        assertEquals("1.0.0", substr.docs().since());
        assertEquals(EnumSet.of(CommandFlag.READONLY), spec("getrange").flags());
        assertEquals("`SET` with the `!GET` argument", spec("getset").docs().replacedBy());
        assertEquals("double", spec("incrbyfloat").docs().arguments().get(1).type());
        CommandSpec lcs = spec("lcs");
        assertEquals(-3, lcs.arity());
        assertEquals(List.of(new KeySpec(Set.of("RO", "access"), 1, 1, 1, 0)), lcs.keySpecs());
        assertEquals(List.of("key1", "key2", "len", "idx", "len", "withmatchlen"),
                lcs.docs().arguments().stream().map(CommandDocs.Arg::name).toList());
        assertEquals("MINMATCHLEN", lcs.docs().arguments().get(4).token());
        assertEquals(List.of(new KeySpec(Set.of("OW", "update"), 1, 0, 1, 0)), spec("setex").keySpecs());
        assertEquals("milliseconds", spec("psetex").docs().arguments().get(1).name());
        assertEquals(List.of(new KeySpec(Set.of("RW", "update"), 1, 0, 1, 0)), spec("setrange").keySpecs());
        assertEquals(List.of("write", "string", "slow"), spec("setrange").aclCategories());
    }

    private static CommandSpec spec(String name) {
        return StringCommands.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
