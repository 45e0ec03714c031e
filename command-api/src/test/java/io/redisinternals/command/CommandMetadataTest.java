package io.redisinternals.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandDocs.Arg;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The captured redis-server 7.0.15 metadata loads from the module and binds as COMMAND reports it. */
class CommandMetadataTest {

    private static final CommandFunction F = (ctx, argv) -> { };

    @Test
    void resourceHoldsEveryCommandAndSubcommand() {
        List<String> names = CommandMetadata.names();
        assertEquals(240, names.stream().filter(n -> !n.contains("|")).count());
        assertEquals(126, names.stream().filter(n -> n.contains("|")).count());
        assertTrue(CommandMetadata.exists("GET") && CommandMetadata.exists("client|id"));
        assertFalse(CommandMetadata.exists("nosuch"));
    }

    @Test
    void getRendersAsRedisDoes() {
        CommandSpec get = CommandMetadata.bind("get", F);
        assertEquals("get", get.name());
        assertEquals(2, get.arity());
        assertEquals(EnumSet.of(CommandFlag.READONLY, CommandFlag.FAST), get.flags());
        assertEquals(List.of("read", "string", "fast"), get.aclCategories());
        assertEquals(List.of(new KeySpec(Set.of("RO", "access"), 1, 0, 1, 0)), get.keySpecs());
        assertEquals(CommandGroup.STRING, get.group());
        assertEquals("Get the value of a key", get.docs().summary());
        assertEquals("1.0.0", get.docs().since());
        assertEquals("O(1)", get.docs().complexity());
        assertEquals(List.of(Arg.of("key", "key").keySpec(0)), get.docs().arguments());
        assertSame(F, get.function());
        assertArrayEquals(new int[] {1, 1, 1}, CommandMetadata.legacyKeyRange("get"));
    }

    @Test
    void setKeySpecFlagsNotesAndArguments() {
        CommandSpec set = CommandMetadata.bind("set", F);
        KeySpec k = set.keySpecs().get(0);
        assertEquals(Set.of("RW", "access", "update", "variable_flags"), k.flags());
        assertEquals("RW and ACCESS due to the optional `GET` argument", k.notes());
        assertEquals(List.of("write", "string", "slow"), set.aclCategories());
        assertEquals(4, set.docs().history().size());
        Arg condition = set.docs().arguments().get(2);
        assertEquals(Arg.of("condition", "oneof").since("2.6.12").optional().children(
                Arg.of("nx", "pure-token").token("NX"), Arg.of("xx", "pure-token").token("XX")), condition);
    }

    @Test
    void keyFlagsAndFindersAreAddedByTheBinding() {
        KeyFlagsFunction flags = (argv, at, spec) -> Set.of("OW");
        CommandSpec set = CommandMetadata.builder("set").keyFlags(flags).function(F).build();
        assertSame(flags, set.keyFlags());
        KeySpec.KeyFinder finder = (argv, at, argc) -> new int[0];
        CommandSpec sort = CommandMetadata.builder("sort").keyFinder(2, finder).function(F).build();
        assertTrue(sort.keySpecs().get(2).isUnknown());
        assertSame(finder, sort.keySpecs().get(2).finder());
        assertNull(sort.keySpecs().get(1).finder());
    }

    @Test
    void containerTakesItsSubcommands() {
        CommandSpec client = CommandMetadata.container("client")
                .subcommand(CommandMetadata.bind("client|id", F))
                .subcommand(CommandMetadata.bind("client|setname", F))
                .build();
        assertTrue(client.isContainer());
        assertNull(client.function());
        assertEquals(-2, client.arity());
        assertEquals(List.of("id", "setname"), client.subcommands().stream().map(CommandSpec::name).toList());
        CommandSpec id = client.subcommands().get(0);
        assertEquals(2, id.arity());
        assertEquals(List.of("slow", "connection"), id.aclCategories());
        assertEquals(List.of("client|caching", "client|getname"), CommandMetadata.subcommands("client").subList(0, 2));
        assertThrows(IllegalArgumentException.class, () -> CommandMetadata.container("get"));
    }

    @Test
    void implicitAclCategoriesAreDerivedFromFlags() {
        // CONFIG SET: admin flag, no explicit category: Redis adds @admin, @dangerous and @slow.
        assertEquals(List.of("admin", "slow", "dangerous"), CommandMetadata.bind("config|set", F).aclCategories());
        // FLUSHALL: write flag, explicit @keyspace and @dangerous.
        assertEquals(List.of("keyspace", "write", "slow", "dangerous"), CommandMetadata.bind("flushall", F).aclCategories());
        // BLPOP: blocking; SUBSCRIBE: pubsub; EVAL_RO: readonly but @scripting, so no @read.
        assertEquals(List.of("write", "list", "slow", "blocking"), CommandMetadata.bind("blpop", F).aclCategories());
        assertEquals(List.of("pubsub", "slow"), CommandMetadata.bind("subscribe", F).aclCategories());
        assertFalse(CommandMetadata.bind("eval_ro", F).aclCategories().contains("read"));
        assertEquals(List.of("keyspace", "read", "fast"),
                CommandMetadataParser.withImplicitCategories(EnumSet.of(CommandFlag.READONLY, CommandFlag.FAST),
                        List.of("keyspace")));
    }

    @Test
    void keywordAndKeynumKeySpecsParse() {
        CommandSpec georadius = CommandMetadata.bind("georadius", F);
        KeySpec store = georadius.keySpecs().get(1);
        assertTrue(store.isKeyword());
        assertEquals(new KeySpec.Keyword("STORE", 6), store.keyword());
        assertTrue(georadius.has(CommandFlag.MOVABLEKEYS));
        KeySpec streams = CommandMetadata.bind("xread", F).keySpecs().get(0);
        assertEquals("STREAMS", streams.keyword().keyword());
        assertEquals(2, streams.limit());
        KeySpec lmpop = CommandMetadata.bind("lmpop", F).keySpecs().get(0);
        assertEquals(new KeySpec.Keynum(0, 1, 1), lmpop.keynum());
    }

    @Test
    void deprecatedCommandsKeepTheirDocs() {
        CommandDocs d = CommandMetadata.bind("getset", F).docs();
        assertEquals(List.of("deprecated"), d.docFlags());
        assertEquals("6.2.0", d.deprecatedSince());
        assertEquals("`SET` with the `!GET` argument", d.replacedBy());
    }

    @Test
    void unknownNamesFailAtBinding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandMetadata.bind("nosuch", F));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandMetadata.bind("client|nosuch", F));
    }

    @Test
    void parserRejectsWhatItCannotHold() {
        String head = "command x\n  arity 1\n  flags\n  legacy-keys 0 0 0\n  acl\n  tips\n"
                + "  summary \"s\"\n  since \"1\"\n  group generic\n";
        assertEquals(List.of("slow"), CommandMetadataParser.parse("t", head).get("x").aclCategories());
        assertThrows(IllegalArgumentException.class, () -> CommandMetadataParser.parse("t", head + "  bogus 1\n"));
        assertThrows(IllegalArgumentException.class,
                () -> CommandMetadataParser.parse("t", head + "  arg \"a\" string summary=\"x\"\n"));
        assertThrows(IllegalArgumentException.class, () -> CommandMetadataParser.parse("t", head + "   arg \"a\" string\n"));
        assertThrows(IllegalArgumentException.class, () -> CommandMetadataParser.parse("t", "command x\n  arity 1\n"));
    }
}
