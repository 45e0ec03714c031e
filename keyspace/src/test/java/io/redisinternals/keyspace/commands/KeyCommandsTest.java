package io.redisinternals.keyspace.commands;

import static io.redisinternals.keyspace.TestArgs.b;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.keyspace.spi.CommandDocs;
import io.redisinternals.keyspace.spi.CommandFlag;
import io.redisinternals.keyspace.spi.CommandGroup;
import io.redisinternals.keyspace.spi.CommandSpec;
import io.redisinternals.keyspace.spi.KeySpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {

    private final TestContext ctx = new TestContext(specs());

    private static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(KeyCommands.specs());
        all.addAll(StringCommands.specs());
        return all;
    }

    @Test
    void delCountsRemovedKeysAndRepeatsOnce() {
        ctx.run("SET", "a", "1");
        ctx.run("SET", "b", "2");
        assertEquals(":2\r\n", ctx.run("DEL", "a", "b", "a", "missing"));
        assertEquals(":0\r\n", ctx.run("DEL", "a"));
        assertEquals(0, ctx.db().size());
        ctx.resp3();
        assertEquals(":0\r\n", ctx.run("DEL", "a"));
    }

    @Test
    void existsCountsRepeats() {
        ctx.run("SET", "k", "v");
        assertEquals(":2\r\n", ctx.run("EXISTS", "k", "k"));
        assertEquals(":1\r\n", ctx.run("EXISTS", "k", "nope"));
        assertEquals(":0\r\n", ctx.run("EXISTS", "nope"));
        ctx.resp3();
        assertEquals(":3\r\n", ctx.run("EXISTS", "k", "k", "k"));
    }

    @Test
    void expiredKeysNeitherExistNorCountAsDeleted() {
        ctx.run("SET", "t", "v", "PX", "10");
        ctx.run("SET", "u", "v", "PX", "10");
        assertEquals(":1\r\n", ctx.run("EXISTS", "t"));
        ctx.now += 11;
        assertEquals(":0\r\n", ctx.run("EXISTS", "t"));
        assertEquals(":0\r\n", ctx.run("DEL", "u"));
        assertEquals(0, ctx.db().size());
        assertEquals(0, ctx.db().expiresCount());
    }

    @Test
    void commandsUseTheSelectedDatabase() {
        ctx.dbIndex = 2;
        ctx.run("SET", "k", "v");
        assertEquals(1, ctx.keyspace.db(2).size());
        ctx.dbIndex = 0;
        assertEquals(":0\r\n", ctx.run("EXISTS", "k"));
        ctx.dbIndex = 2;
        assertEquals(":1\r\n", ctx.run("DEL", "k"));
    }

    @Test
    void delRemovesNonStringValues() {
        ctx.db().put(b("x"), new Object());
        assertEquals(":1\r\n", ctx.run("EXISTS", "x"));
        assertEquals(":1\r\n", ctx.run("DEL", "x"));
    }

    @Test
    void metadataMatchesRedis() {
        CommandSpec del = spec("del");
        assertEquals(-2, del.arity());
        assertEquals(EnumSet.of(CommandFlag.WRITE), del.flags());
        assertEquals(List.of("keyspace", "write", "slow"), del.aclCategories());
        assertEquals(List.of("request_policy:multi_shard", "response_policy:agg_sum"), del.tips());
        assertEquals(List.of(new KeySpec(Set.of("RM", "delete"), 1, -1, 1, 0)), del.keySpecs());
        assertEquals(CommandGroup.GENERIC, del.group());
        assertEquals("Delete a key", del.docs().summary());
        assertEquals(List.of(new CommandDocs.Arg("key", "key", 0, null, null, Set.of("multiple"), List.of())),
                del.docs().arguments());

        CommandSpec exists = spec("exists");
        assertEquals(-2, exists.arity());
        assertEquals(EnumSet.of(CommandFlag.READONLY, CommandFlag.FAST), exists.flags());
        assertEquals(List.of("keyspace", "read", "fast"), exists.aclCategories());
        assertEquals(List.of("request_policy:multi_shard", "response_policy:agg_sum"), exists.tips());
        assertEquals(List.of(new KeySpec(Set.of("RO"), 1, -1, 1, 0)), exists.keySpecs());
        assertEquals("O(N) where N is the number of keys to check.", exists.docs().complexity());
        assertEquals(List.of(new CommandDocs.History("3.0.3", "Accepts multiple `key` arguments.")),
                exists.docs().history());
    }

    private static CommandSpec spec(String name) {
        return KeyCommands.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
