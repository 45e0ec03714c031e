package io.redisinternals.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.command.CommandDocs;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpireCommandsTest {

    private final TestContext ctx = new TestContext(specs());

    private static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(ExpireCommands.specs());
        all.addAll(StringCommands.specs());
        return all;
    }

    private CommandSpec spec(String name) {
        return ExpireCommands.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    // ---- EXPIRE family --------------------------------------------------------------------------

    @Test
    void expireSetsARelativeTtlInSecondsOrMilliseconds() {
        ctx.run("SET", "k", "v");
        assertEquals(":1\r\n", ctx.run("EXPIRE", "k", "100"));
        assertEquals(ctx.now + 100_000, ctx.db().getExpire("k".getBytes()));
        assertEquals(":1\r\n", ctx.run("PEXPIRE", "k", "1500"));
        assertEquals(ctx.now + 1500, ctx.db().getExpire("k".getBytes()));
        assertEquals(":0\r\n", ctx.run("EXPIRE", "missing", "100"));
        assertEquals(":0\r\n", ctx.run("PEXPIRE", "missing", "100"));
        assertEquals(1, ctx.db().expiresCount());
    }

    @Test
    void expireAtSetsAnAbsoluteTime() {
        ctx.run("SET", "k", "v");
        long future = ctx.now / 1000 + 50;
        assertEquals(":1\r\n", ctx.run("EXPIREAT", "k", Long.toString(future)));
        assertEquals(future * 1000, ctx.db().getExpire("k".getBytes()));
        assertEquals(":1\r\n", ctx.run("PEXPIREAT", "k", Long.toString(ctx.now + 7)));
        assertEquals(ctx.now + 7, ctx.db().getExpire("k".getBytes()));
        assertEquals(":0\r\n", ctx.run("EXPIREAT", "missing", Long.toString(future)));
    }

    @Test
    void aTimeNotAfterNowDeletesTheKeyAndRepliesOne() {
        ctx.run("SET", "a", "v");
        ctx.run("SET", "b", "v");
        ctx.run("SET", "c", "v");
        ctx.run("SET", "d", "v");
        assertEquals(":1\r\n", ctx.run("EXPIRE", "a", "0"));
        assertEquals(":1\r\n", ctx.run("PEXPIRE", "b", "-5"));
        assertEquals(":1\r\n", ctx.run("PEXPIREAT", "c", Long.toString(ctx.now)));
        assertEquals(":1\r\n", ctx.run("EXPIREAT", "d", "1"));
        assertEquals(0, ctx.db().size());
        assertEquals(0, ctx.db().expiresCount());
    }

    @Test
    void anExpiredKeyIsMissingForExpire() {
        ctx.run("SET", "k", "v", "PX", "10");
        ctx.now += 11;
        assertEquals(":0\r\n", ctx.run("EXPIRE", "k", "100"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void conditions() {
        ctx.run("SET", "k", "v");
        assertEquals(":0\r\n", ctx.run("EXPIRE", "k", "100", "XX"), "XX needs a TTL");
        assertEquals(":0\r\n", ctx.run("EXPIRE", "k", "100", "GT"), "no TTL is infinite: never greater");
        assertEquals(":1\r\n", ctx.run("EXPIRE", "k", "100", "NX"));
        assertEquals(":0\r\n", ctx.run("EXPIRE", "k", "200", "nx"));
        assertEquals(":0\r\n", ctx.run("EXPIRE", "k", "100", "gt"), "equal is not greater");
        assertEquals(":1\r\n", ctx.run("EXPIRE", "k", "200", "GT"));
        assertEquals(":0\r\n", ctx.run("EXPIRE", "k", "200", "LT"), "equal is not less");
        assertEquals(":1\r\n", ctx.run("EXPIRE", "k", "50", "lt", "xx"));
        assertEquals(":1\r\n", ctx.run("EXPIRE", "k", "60", "XX", "GT", "XX"));
        assertEquals(ctx.now + 60_000, ctx.db().getExpire("k".getBytes()));
        ctx.run("SET", "p", "v");
        assertEquals(":1\r\n", ctx.run("PEXPIRE", "p", "100", "LT"), "anything is less than no TTL");
        assertEquals(":0\r\n", ctx.run("PEXPIRE", "missing", "100", "NX"));
    }

    @Test
    void conditionsAreCheckedBeforeAPastTimeDeletes() {
        ctx.run("SET", "k", "v");
        assertEquals(":0\r\n", ctx.run("EXPIRE", "k", "-1", "GT"));
        assertEquals(1, ctx.db().size());
        assertEquals(":1\r\n", ctx.run("EXPIRE", "k", "-1", "LT"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void optionErrorsComeFirst() {
        ctx.run("SET", "k", "v");
        String nx = "-ERR NX and XX, GT or LT options at the same time are not compatible\r\n";
        assertEquals(nx, ctx.run("EXPIRE", "k", "1", "NX", "XX"));
        assertEquals(nx, ctx.run("PEXPIRE", "k", "1", "GT", "NX"));
        assertEquals(nx, ctx.run("EXPIREAT", "k", "1", "nx", "lt", "gt"));
        assertEquals("-ERR GT and LT options at the same time are not compatible\r\n",
                ctx.run("PEXPIREAT", "k", "1", "GT", "LT"));
        assertEquals("-ERR Unsupported option foo\r\n", ctx.run("EXPIRE", "k", "abc", "foo"));
        assertEquals("-ERR Unsupported option a  b\r\n", ctx.run("EXPIRE", "k", "1", "NX", "a\r\nb", "XX"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("EXPIRE", "missing", "abc"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("PEXPIRE", "k", "1.5"));
        assertEquals(0, ctx.db().expiresCount());
    }

    @Test
    void overflowingTimesAreRejectedWithTheCommandName() {
        ctx.run("SET", "k", "v");
        assertEquals("-ERR invalid expire time in 'expire' command\r\n",
                ctx.run("EXPIRE", "k", "9223372036854776"));
        assertEquals("-ERR invalid expire time in 'expire' command\r\n",
                ctx.run("expire", "k", "-9223372036854776"));
        assertEquals("-ERR invalid expire time in 'expire' command\r\n",
                ctx.run("Expire", "k", "9223372036854775"), "the addition of now overflows");
        assertEquals("-ERR invalid expire time in 'pexpire' command\r\n",
                ctx.run("PEXPIRE", "k", "9223372036854775807"));
        assertEquals("-ERR invalid expire time in 'expireat' command\r\n",
                ctx.run("EXPIREAT", "k", "9223372036854776"));
        assertEquals(":1\r\n", ctx.run("PEXPIREAT", "k", "9223372036854775807"));
        assertEquals(Long.MAX_VALUE, ctx.db().getExpire("k".getBytes()));
        assertEquals(":1\r\n", ctx.run("EXPIRE", "k", "-9223372036854775"));
        ctx.run("SET", "k", "v");
        assertEquals(":1\r\n", ctx.run("PEXPIRE", "k", "-9223372036854775808"));
        assertEquals(0, ctx.db().size());
    }

    // ---- TTL family -----------------------------------------------------------------------------

    @Test
    void ttlRepliesMinusTwoMinusOneOrTheRemainingTime() {
        assertEquals(":-2\r\n", ctx.run("TTL", "missing"));
        assertEquals(":-2\r\n", ctx.run("PTTL", "missing"));
        assertEquals(":-2\r\n", ctx.run("EXPIRETIME", "missing"));
        assertEquals(":-2\r\n", ctx.run("PEXPIRETIME", "missing"));
        ctx.run("SET", "k", "v");
        assertEquals(":-1\r\n", ctx.run("TTL", "k"));
        assertEquals(":-1\r\n", ctx.run("PTTL", "k"));
        assertEquals(":-1\r\n", ctx.run("EXPIRETIME", "k"));
        assertEquals(":-1\r\n", ctx.run("PEXPIRETIME", "k"));
        ctx.run("PEXPIRE", "k", "1499");
        assertEquals(":1\r\n", ctx.run("TTL", "k"), "rounded to nearest");
        assertEquals(":1499\r\n", ctx.run("PTTL", "k"));
        ctx.run("PEXPIRE", "k", "1500");
        assertEquals(":2\r\n", ctx.run("TTL", "k"));
        assertEquals(":" + (ctx.now + 1500) + "\r\n", ctx.run("PEXPIRETIME", "k"));
        assertEquals(":" + (ctx.now / 1000 + 2) + "\r\n", ctx.run("EXPIRETIME", "k"));
        ctx.resp3();
        assertEquals(":1500\r\n", ctx.run("PTTL", "k"));
    }

    @Test
    void ttlCountsDownAndTheKeyExpiresStrictlyAfterItsTime() {
        ctx.run("SET", "k", "v", "PX", "100");
        ctx.now += 100;
        assertEquals(":0\r\n", ctx.run("PTTL", "k"));
        assertEquals(":0\r\n", ctx.run("TTL", "k"));
        ctx.now += 1;
        assertEquals(":-2\r\n", ctx.run("PTTL", "k"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void ttlIsAReadLookup() {
        ctx.run("SET", "k", "v");
        ctx.run("TTL", "k");
        ctx.run("PEXPIRETIME", "nope");
        assertEquals(1, ctx.stats.hits());
        assertEquals(1, ctx.stats.misses());
    }

    @Test
    void expiretimeOfTheLargestTimeDoesNotOverflow() {
        ctx.run("SET", "k", "v");
        ctx.run("PEXPIREAT", "k", "9223372036854775807");
        assertEquals(":9223372036854775807\r\n", ctx.run("PEXPIRETIME", "k"));
        assertEquals(":9223372036854776\r\n", ctx.run("EXPIRETIME", "k"));
    }

    // ---- PERSIST --------------------------------------------------------------------------------

    @Test
    void persistRemovesOnlyAnExistingTtl() {
        assertEquals(":0\r\n", ctx.run("PERSIST", "missing"));
        ctx.run("SET", "k", "v");
        assertEquals(":0\r\n", ctx.run("PERSIST", "k"));
        ctx.run("EXPIRE", "k", "100");
        assertEquals(":1\r\n", ctx.run("PERSIST", "k"));
        assertEquals(":-1\r\n", ctx.run("TTL", "k"));
        assertEquals(0, ctx.db().expiresCount());
        ctx.run("PEXPIRE", "k", "5");
        ctx.now += 6;
        assertEquals(":0\r\n", ctx.run("PERSIST", "k"));
        assertEquals(0, ctx.db().size());
    }

    // ---- metadata -------------------------------------------------------------------------------

    @Test
    void expireMetadataMatchesRedis() {
        CommandSpec expire = spec("expire");
        assertEquals(-3, expire.arity());
        assertEquals(EnumSet.of(CommandFlag.WRITE, CommandFlag.FAST), expire.flags());
        assertEquals(List.of("keyspace", "write", "fast"), expire.aclCategories());
        assertEquals(List.of(), expire.tips());
        assertEquals(List.of(new KeySpec(Set.of("RW", "update"), 1, 0, 1, 0)), expire.keySpecs());
        assertEquals(CommandGroup.GENERIC, expire.group());
        CommandDocs d = expire.docs();
        assertEquals("Set a key's time to live in seconds", d.summary());
        assertEquals("1.0.0", d.since());
        assertEquals(List.of(new CommandDocs.History("7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`.")),
                d.history());
        assertEquals(List.of("key", "seconds", "condition"), d.arguments().stream().map(CommandDocs.Arg::name).toList());
        CommandDocs.Arg condition = d.arguments().get(2);
        assertEquals("oneof", condition.type());
        assertEquals("7.0.0", condition.since());
        assertEquals(Set.of("optional"), condition.flags());
        assertEquals(List.of("NX", "XX", "GT", "LT"), condition.children().stream().map(CommandDocs.Arg::token).toList());
        assertEquals("unix-time", spec("pexpireat").docs().arguments().get(1).type());
        assertEquals("unix-time-milliseconds", spec("pexpireat").docs().arguments().get(1).name());
        assertEquals("2.6.0", spec("pexpire").docs().since());
        assertEquals("1.2.0", spec("expireat").docs().since());
    }

    @Test
    void ttlAndPersistMetadataMatchRedis() {
        CommandSpec ttl = spec("ttl");
        assertEquals(2, ttl.arity());
        assertEquals(EnumSet.of(CommandFlag.READONLY, CommandFlag.FAST), ttl.flags());
        assertEquals(List.of("keyspace", "read", "fast"), ttl.aclCategories());
        assertEquals(List.of("nondeterministic_output"), ttl.tips());
        assertEquals(List.of(new KeySpec(Set.of("RO", "access"), 1, 0, 1, 0)), ttl.keySpecs());
        assertEquals(List.of(new CommandDocs.History("2.8.0", "Added the -2 reply.")), ttl.docs().history());
        assertEquals(List.of(), spec("expiretime").tips());
        assertEquals(List.of(), spec("pexpiretime").docs().history());
        assertEquals("7.0.0", spec("pexpiretime").docs().since());
        CommandSpec persist = spec("persist");
        assertEquals(EnumSet.of(CommandFlag.WRITE, CommandFlag.FAST), persist.flags());
        assertEquals(List.of(new KeySpec(Set.of("RW", "update"), 1, 0, 1, 0)), persist.keySpecs());
        assertEquals("Remove the expiration from a key", persist.docs().summary());
    }
}
