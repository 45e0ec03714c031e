package io.redisinternals.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectCommandTest {

    private static final CommandSpec OBJECT = ObjectCommand.spec();
    private static final String NOT_LFU = "-ERR An LFU maxmemory policy is not selected, access frequency not"
            + " tracked. Please note that when switching between policies at runtime LRU and LFU data will take"
            + " some time to adjust.\r\n";
    private static final String LFU_SELECTED = "-ERR An LFU maxmemory policy is selected, idle time not"
            + " tracked. Please note that when switching between policies at runtime LRU and LFU data will take"
            + " some time to adjust.\r\n";

    private final TestContext ctx = new TestContext(specs());

    private static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(StringCommands.specs());
        all.addAll(KeyCommands.specs());
        all.addAll(DatabaseCommands.specs());
        all.addAll(ExpireCommands.specs());
        return all;
    }

    /** Runs OBJECT {@code sub} {@code args}. */
    private String object(String sub, String... args) {
        CommandSpec spec = OBJECT.subcommands().stream().filter(s -> s.name().equals(sub)).findFirst().orElseThrow();
        String[] all = new String[args.length + 2];
        all[0] = "OBJECT";
        all[1] = sub;
        System.arraycopy(args, 0, all, 2, args.length);
        Argv argv = Argv.of(all);
        ctx.reply.clear();
        spec.function().execute(ctx, argv);
        return new String(ctx.reply.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodingOfStrings() {
        ctx.run("SET", "i", "-9223372036854775808");
        ctx.run("SET", "e", "x".repeat(44));
        ctx.run("SET", "r", "x".repeat(45));
        ctx.run("SET", "z", "-0");
        assertEquals("$3\r\nint\r\n", object("encoding", "i"));
        assertEquals("$6\r\nembstr\r\n", object("encoding", "e"));
        assertEquals("$3\r\nraw\r\n", object("encoding", "r"));
        assertEquals("$6\r\nembstr\r\n", object("encoding", "z"));
        ctx.run("APPEND", "e", "y");
        assertEquals("$3\r\nraw\r\n", object("encoding", "e"));
        assertEquals("$-1\r\n", object("encoding", "nokey"));
        ctx.resp3();
        assertEquals("_\r\n", object("encoding", "nokey"));
    }

    @Test
    void refcountOfSharedIntegers() {
        ctx.run("SET", "zero", "0");
        ctx.run("SET", "small", "9999");
        ctx.run("SET", "big", "10000");
        ctx.run("SET", "neg", "-1");
        ctx.run("SET", "text", "abc");
        assertEquals(":2147483647\r\n", object("refcount", "zero"));
        assertEquals(":2147483647\r\n", object("refcount", "small"));
        assertEquals(":1\r\n", object("refcount", "big"));
        assertEquals(":1\r\n", object("refcount", "neg"));
        assertEquals(":1\r\n", object("refcount", "text"));
        assertEquals("$-1\r\n", object("refcount", "nokey"));
        // A memory limit with an LRU or LFU policy turns sharing off; other policies keep it.
        ctx.keyspace.evictionSettings(1 << 30, "allkeys-lru", 10, 1);
        assertEquals(":1\r\n", object("refcount", "zero"));
        ctx.keyspace.evictionSettings(1 << 30, "volatile-ttl", 10, 1);
        assertEquals(":2147483647\r\n", object("refcount", "zero"));
        ctx.keyspace.evictionSettings(0, "allkeys-lfu", 10, 1);
        assertEquals(":2147483647\r\n", object("refcount", "zero"));
    }

    @Test
    void idletimeCountsSecondsSinceTheLastTouch() {
        ctx.keyspace.clock(1_000_000_000L);
        ctx.run("SET", "k", "v");
        assertEquals(":0\r\n", object("idletime", "k"));
        ctx.keyspace.clock(1_000_000_000L + 42_999);
        assertEquals(":42\r\n", object("idletime", "k"));
        // Inspecting does not touch; TTL and EXISTS neither; a read does.
        ctx.run("EXISTS", "k");
        ctx.run("TTL", "k");
        ctx.run("TYPE", "k");
        assertEquals(":42\r\n", object("idletime", "k"));
        ctx.run("GET", "k");
        assertEquals(":0\r\n", object("idletime", "k"));
        assertEquals("$-1\r\n", object("idletime", "nokey"));
        assertEquals(NOT_LFU, object("freq", "k"));
        assertEquals("$-1\r\n", object("freq", "nokey"));
        assertEquals(2, ctx.stats.misses());
    }

    @Test
    void idletimeWrapsWithTheLruClock() {
        ctx.keyspace.clock(1000L * (Keyspace.LRU_CLOCK_MAX - 10));
        ctx.run("SET", "k", "v");
        ctx.keyspace.clock(1000L * (Keyspace.LRU_CLOCK_MAX + 5)); // 24-bit clock wrapped to 4
        assertEquals(":14\r\n", object("idletime", "k"));
    }

    @Test
    void freqUnderAnLfuPolicy() {
        ctx.keyspace.clock(1_000_000_000L);
        ctx.keyspace.evictionSettings(0, "volatile-lfu", 10, 1);
        ctx.run("SET", "k", "v");
        assertEquals(":5\r\n", object("freq", "k"));
        assertEquals(LFU_SELECTED, object("idletime", "k"));
        assertEquals("$-1\r\n", object("idletime", "nokey"));
        ctx.run("EXISTS", "k");
        ctx.run("TTL", "k");
        assertEquals(":5\r\n", object("freq", "k"));
        ctx.run("GET", "k");
        assertEquals(":6\r\n", object("freq", "k"));
        for (int n = 0; n < 200; n++) {
            ctx.run("GET", "k");
        }
        long counter = Long.parseLong(object("freq", "k").substring(1).trim());
        assertTrue(counter > 6 && counter < 40, "logarithmic growth, got " + counter);
        // One point of decay per lfu-decay-time minutes.
        ctx.keyspace.clock(1_000_000_000L + 3 * 60_000);
        assertEquals(":" + (counter - 3) + "\r\n", object("freq", "k"));
    }

    @Test
    void metadataMatchesRedis() {
        assertEquals(-2, OBJECT.arity());
        assertEquals(List.of("slow"), OBJECT.aclCategories());
        assertEquals(List.of("help", "encoding", "idletime", "freq", "refcount"),
                OBJECT.subcommands().stream().map(CommandSpec::name).toList());
        for (CommandSpec sub : OBJECT.subcommands().subList(1, 5)) {
            assertEquals(3, sub.arity());
            assertEquals(EnumSet.of(CommandFlag.READONLY), sub.flags());
            assertEquals(List.of("keyspace", "read", "slow"), sub.aclCategories());
            assertEquals(List.of("nondeterministic_output"), sub.tips());
            assertEquals(List.of(new KeySpec(Set.of("RO"), 2, 0, 1, 0)), sub.keySpecs());
        }
        assertTrue(object("help").startsWith("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"));
    }
}
