package io.redisinternals.commands;

import static io.redisinternals.commands.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.command.CommandDocs;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {

    private final TestContext ctx = new TestContext(specs());

    private static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(KeyCommands.specs());
        all.addAll(DatabaseCommands.specs());
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
    void unlinkIsDel() {
        ctx.run("SET", "a", "1");
        ctx.run("SET", "b", "2");
        assertEquals(":2\r\n", ctx.run("UNLINK", "a", "b", "a", "c"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void touchCountsExistingKeysAndReadStats() {
        ctx.run("SET", "a", "1");
        ctx.run("SET", "t", "v", "PX", "5");
        assertEquals(":3\r\n", ctx.run("TOUCH", "a", "a", "t", "nope"));
        assertEquals(3, ctx.stats.hits());
        assertEquals(1, ctx.stats.misses());
        ctx.now += 6;
        assertEquals(":0\r\n", ctx.run("TOUCH", "t"));
        assertEquals(1, ctx.db().size());
    }

    @Test
    void typeIsAStatusReply() {
        ctx.run("SET", "a", "1");
        assertEquals("+string\r\n", ctx.run("TYPE", "a"));
        assertEquals("+none\r\n", ctx.run("TYPE", "b"));
        ctx.resp3();
        assertEquals("+none\r\n", ctx.run("TYPE", "b"));
    }

    @Test
    void renameMovesValueAndTtl() {
        assertEquals("-ERR no such key\r\n", ctx.run("RENAME", "a", "a"));
        assertEquals("-ERR no such key\r\n", ctx.run("RENAMENX", "a", "b"));
        ctx.run("SET", "a", "1", "PX", "100");
        ctx.run("SET", "b", "2", "PX", "5000");
        assertEquals("+OK\r\n", ctx.run("RENAME", "a", "a"));
        assertEquals(":0\r\n", ctx.run("RENAMENX", "a", "a"));
        assertEquals(":0\r\n", ctx.run("RENAMENX", "a", "b"));
        assertEquals("+OK\r\n", ctx.run("RENAME", "a", "b"));
        assertEquals("$1\r\n1\r\n", ctx.run("GET", "b"));
        assertEquals(":0\r\n", ctx.run("EXISTS", "a"));
        assertEquals(ctx.now + 100, ctx.db().getExpire(b("b")));
        assertEquals(1, ctx.db().expiresCount());
        ctx.run("SET", "c", "3");
        assertEquals("+OK\r\n", ctx.run("RENAME", "c", "b"));
        assertEquals(-1, ctx.db().getExpire(b("b")));
        assertEquals(0, ctx.db().expiresCount());
        assertEquals(":1\r\n", ctx.run("RENAMENX", "b", "d"));
        assertEquals("$1\r\n3\r\n", ctx.run("GET", "d"));
    }

    @Test
    void renameTreatsExpiredKeysAsMissing() {
        ctx.run("SET", "a", "1", "PX", "5");
        ctx.run("SET", "b", "2", "PX", "5");
        ctx.run("SET", "c", "3");
        ctx.now += 6;
        assertEquals("-ERR no such key\r\n", ctx.run("RENAME", "a", "x"));
        assertEquals(":1\r\n", ctx.run("RENAMENX", "c", "b"));
        assertEquals(1, ctx.db().size());
    }

    @Test
    void keysMatchesAndSkipsExpiredWithoutDeleting() {
        ctx.run("SET", "", "e");
        ctx.run("SET", "one", "1");
        ctx.run("SET", "t", "v", "PX", "5");
        assertEquals("*1\r\n$3\r\none\r\n", ctx.run("KEYS", "o*"));
        assertEquals("*0\r\n", ctx.run("KEYS", "x*"));
        ctx.now += 6;
        String all = ctx.run("KEYS", "*");
        assertTrue(all.startsWith("*2\r\n"), all);
        assertTrue(all.contains("$0\r\n\r\n") && all.contains("$3\r\none\r\n"), all);
        assertEquals("*1\r\n$3\r\none\r\n", ctx.run("KEYS", "?*"));
        assertEquals(3, ctx.db().size());
    }

    @Test
    void keysReturnsEveryKeyOnce() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ctx.run("SET", "k" + i, "v");
            expected.add("k" + i);
        }
        String all = ctx.run("KEYS", "k*");
        assertTrue(all.startsWith("*500\r\n"), all.substring(0, 10));
        Set<String> got = new HashSet<>();
        for (String line : all.split("\r\n")) {
            if (line.startsWith("k")) {
                got.add(line);
            }
        }
        assertEquals(expected, got);
    }

    @Test
    void randomkey() {
        assertEquals("$-1\r\n", ctx.run("RANDOMKEY"));
        ctx.resp3();
        assertEquals("_\r\n", ctx.run("RANDOMKEY"));
        ctx.run("SET", "only", "1");
        assertEquals("$4\r\nonly\r\n", ctx.run("RANDOMKEY"));
        ctx.run("SET", "t", "v", "PX", "5");
        ctx.now += 6;
        for (int i = 0; i < 20; i++) {
            assertEquals("$4\r\nonly\r\n", ctx.run("RANDOMKEY"));
        }
        assertEquals(1, ctx.db().size());
        ctx.run("DEL", "only");
        ctx.run("SET", "t", "v", "PX", "5");
        ctx.now += 6;
        assertEquals("_\r\n", ctx.run("RANDOMKEY"));
        assertEquals(0, ctx.db().size());
    }

    @Test
    void scanSingleKeyAndOptions() {
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", ctx.run("SCAN", "0"));
        ctx.run("SET", "a", "1");
        String one = "*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n";
        String none = "*2\r\n$1\r\n0\r\n*0\r\n";
        assertEquals(one, ctx.run("SCAN", "0"));
        assertEquals(one, ctx.run("SCAN", "", "COUNT", "100"));
        assertEquals(one, ctx.run("SCAN", "+0", "match", "a"));
        assertEquals(one, ctx.run("SCAN", "00", "TYPE", "STRING"));
        assertEquals(none, ctx.run("SCAN", "0", "MATCH", "b"));
        assertEquals(none, ctx.run("SCAN", "0", "TYPE", "string", "TYPE", "none"));
        assertEquals(none, ctx.run("SCAN", "0", "TYPE", "hash"));
        assertEquals("-ERR syntax error\r\n", ctx.run("SCAN", "0", "COUNT", "0"));
        assertEquals("-ERR syntax error\r\n", ctx.run("SCAN", "0", "MATCH"));
        assertEquals("-ERR syntax error\r\n", ctx.run("SCAN", "0", "FOO", "x"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("SCAN", "0", "COUNT", "x"));
        assertEquals("-ERR invalid cursor\r\n", ctx.run("SCAN", " 0", "COUNT", "x"));
        for (String bad : List.of("abc", "0x1", "1 ", "+", "-", "18446744073709551616", "99999999999999999999")) {
            assertEquals("-ERR invalid cursor\r\n", ctx.run("SCAN", bad), bad);
        }
    }

    @Test
    void scanCursorParsesAsStrtoul() {
        assertEquals(0, KeyCommands.parseCursor(new byte[0]));
        assertEquals(-1L, KeyCommands.parseCursor(b("18446744073709551615")));
        assertEquals(-1L, KeyCommands.parseCursor(b("-1")));
        assertEquals(7, KeyCommands.parseCursor(b("0007")));
        assertEquals(7, KeyCommands.parseCursor(new byte[] {'7', 0, 'x'}));
    }

    @Test
    void scanVisitsEveryKeyAndSkipsExpired() {
        for (int i = 0; i < 300; i++) {
            ctx.run("SET", "k" + i, "v");
        }
        ctx.run("SET", "t", "v", "PX", "5");
        ctx.now += 6;
        Set<String> got = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            String r = ctx.run("SCAN", cursor, "COUNT", "20");
            String[] lines = r.split("\r\n");
            cursor = lines[2];
            int n = Integer.parseInt(lines[3].substring(1));
            for (int j = 0; j < n; j++) {
                got.add(lines[5 + 2 * j]);
            }
            calls++;
        } while (!cursor.equals("0"));
        assertEquals(300, got.size());
        assertTrue(calls > 5 && calls < 300, "calls " + calls);
        assertEquals(300, ctx.db().size());
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

    @Test
    void existsAndTypeCountStatsWithoutTouching() {
        ctx.run("SET", "k", "v");
        KeyTable.Entry<Object> e = ctx.db().peekEntry(Argv.of("X", "k"), 1);
        e.meta(42);
        assertEquals(":1\r\n", ctx.run("EXISTS", "k", "nope"));
        assertEquals("+string\r\n", ctx.run("TYPE", "k"));
        assertEquals(2, ctx.stats.hits());
        assertEquals(1, ctx.stats.misses());
        assertEquals(42, e.meta());
        ctx.run("GET", "k");
        assertEquals(0, e.meta()); // a real read stamps the (test) clock
    }

    @Test
    void copyDuplicatesValueAndTtl() {
        assertEquals(":0\r\n", ctx.run("COPY", "a", "b"));
        ctx.run("SET", "a", "hello", "PX", "100");
        assertEquals(":1\r\n", ctx.run("COPY", "a", "b"));
        assertEquals(ctx.now + 100, ctx.db().getExpire(b("b")));
        Object original = ctx.db().get(b("a"));
        Object copy = ctx.db().get(b("b"));
        assertNotSame(original, copy);
        assertArrayEquals(b("hello"), StringValue.copyOf(copy));
        ctx.run("APPEND", "b", "!");
        assertEquals("$5\r\nhello\r\n", ctx.run("GET", "a"));
        assertEquals("$6\r\nhello!\r\n", ctx.run("GET", "b"));
        assertEquals(":0\r\n", ctx.run("COPY", "a", "b"));
        assertEquals(":1\r\n", ctx.run("COPY", "a", "b", "REPLACE"));
        assertEquals("$5\r\nhello\r\n", ctx.run("GET", "b"));
        assertEquals(":1\r\n", ctx.run("COPY", "a", "a", "db", "3", "replace"));
        assertEquals(ctx.now + 100, ctx.keyspace.db(3).getExpire(b("a")));
        ctx.run("SET", "plain", "v");
        assertEquals(":1\r\n", ctx.run("COPY", "plain", "b", "REPLACE"));
        assertEquals(-1, ctx.db().getExpire(b("b")));
        ctx.now += 101;
        assertEquals(":0\r\n", ctx.run("COPY", "a", "c"));
    }

    @Test
    void copyErrors() {
        assertEquals("-ERR source and destination objects are the same\r\n", ctx.run("COPY", "a", "a"));
        assertEquals("-ERR source and destination objects are the same\r\n", ctx.run("COPY", "a", "a", "DB", "0"));
        assertEquals("-ERR DB index is out of range\r\n", ctx.run("COPY", "a", "b", "DB", "16"));
        assertEquals("-ERR DB index is out of range\r\n", ctx.run("COPY", "a", "b", "DB", "-1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("COPY", "a", "b", "DB", "x"));
        assertEquals("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n",
                ctx.run("COPY", "a", "b", "DB", "2147483648"));
        assertEquals("-ERR syntax error\r\n", ctx.run("COPY", "a", "b", "DB"));
        assertEquals("-ERR syntax error\r\n", ctx.run("COPY", "a", "b", "REPLACE", "x"));
        // Options are parsed before the same-key check.
        assertEquals("-ERR syntax error\r\n", ctx.run("COPY", "a", "a", "foo"));
    }

    @Test
    void moveCarriesTtlAndRefusesExistingTarget() {
        ctx.run("SET", "k", "v", "PX", "100");
        assertEquals(":1\r\n", ctx.run("MOVE", "k", "2"));
        assertEquals(0, ctx.db().size());
        assertEquals(0, ctx.db().expiresCount());
        assertEquals(ctx.now + 100, ctx.keyspace.db(2).getExpire(b("k")));
        assertEquals(":0\r\n", ctx.run("MOVE", "k", "2"));
        ctx.run("SET", "k", "mine");
        assertEquals(":0\r\n", ctx.run("MOVE", "k", "2"));
        assertEquals("$4\r\nmine\r\n", ctx.run("GET", "k"));
        ctx.now += 101; // the target's copy expired: the move goes ahead
        assertEquals(":1\r\n", ctx.run("MOVE", "k", "2"));
        assertEquals(-1, ctx.keyspace.db(2).getExpire(b("k")));
        assertArrayEquals(b("mine"), (byte[]) ctx.keyspace.db(2).get(b("k")));
    }

    @Test
    void moveAndRenameKeepTheLfuCounter() {
        ctx.keyspace.evictionSettings(0, "allkeys-lfu", 10, 0);
        ctx.run("SET", "k", "v");
        Argv k = Argv.of("X", "k");
        ctx.db().peekEntry(k, 1).meta(40);
        ctx.run("MOVE", "k", "1");
        // The lookup counted an access (40 stays or becomes 41), and the counter moved with the value.
        int moved = ctx.keyspace.db(1).peekEntry(k, 1).meta() & 0xFF;
        assertTrue(moved == 40 || moved == 41, "counter " + moved);
        ctx.dbIndex = 1;
        ctx.run("RENAME", "k", "r");
        int renamed = ctx.db().peekEntry(Argv.of("X", "r"), 1).meta() & 0xFF;
        assertTrue(renamed == moved || renamed == moved + 1, "counter " + renamed);
        ctx.run("COPY", "r", "c");
        assertEquals(Keyspace.LFU_INIT_VAL, ctx.db().peekEntry(Argv.of("X", "c"), 1).meta() & 0xFF);
    }

    @Test
    void moveErrors() {
        assertEquals("-ERR source and destination objects are the same\r\n", ctx.run("MOVE", "k", "0"));
        assertEquals("-ERR DB index is out of range\r\n", ctx.run("MOVE", "k", "16"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("MOVE", "k", "01"));
        assertEquals("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n",
                ctx.run("MOVE", "k", "-2147483649"));
    }

    @Test
    void swapdbExchangesContents() {
        ctx.run("SET", "a", "0", "PX", "100");
        ctx.dbIndex = 1;
        ctx.run("SET", "b", "1");
        assertEquals("+OK\r\n", ctx.run("SWAPDB", "0", "1"));
        assertEquals("$1\r\n0\r\n", ctx.run("GET", "a"));
        assertEquals(ctx.now + 100, ctx.db().getExpire(b("a")));
        ctx.dbIndex = 0;
        assertEquals("$1\r\n1\r\n", ctx.run("GET", "b"));
        assertEquals("+OK\r\n", ctx.run("SWAPDB", "0", "0"));
        assertEquals("$1\r\n1\r\n", ctx.run("GET", "b"));
        assertEquals("-ERR invalid first DB index\r\n", ctx.run("SWAPDB", "x", "0"));
        assertEquals("-ERR invalid second DB index\r\n", ctx.run("SWAPDB", "16", "x"));
        assertEquals("-ERR invalid first DB index\r\n", ctx.run("SWAPDB", "2147483648", "0"));
        assertEquals("-ERR DB index is out of range\r\n", ctx.run("SWAPDB", "0", "16"));
        assertEquals("-ERR DB index is out of range\r\n", ctx.run("SWAPDB", "-1", "0"));
    }

    @Test
    void waitAnswersZeroReplicas() {
        assertEquals(":0\r\n", ctx.run("WAIT", "0", "0"));
        assertEquals(":0\r\n", ctx.run("WAIT", "-1", "0"));
        assertEquals(":0\r\n", ctx.run("WAIT", "1", "10"));
        assertEquals("-ERR value is not an integer or out of range\r\n", ctx.run("WAIT", "x", "-1"));
        assertEquals("-ERR timeout is not an integer or out of range\r\n", ctx.run("WAIT", "0", "1.5"));
        assertEquals("-ERR timeout is negative\r\n", ctx.run("WAIT", "0", "-1"));
    }

    @Test
    void databaseCommandsMetadataMatchesRedis() {
        CommandSpec copy = DatabaseCommands.specs().get(0);
        assertEquals("copy", copy.name());
        assertEquals(-3, copy.arity());
        assertEquals(EnumSet.of(CommandFlag.WRITE, CommandFlag.DENYOOM), copy.flags());
        assertEquals(List.of(new KeySpec(Set.of("RO", "access"), 1, 0, 1, 0),
                new KeySpec(Set.of("OW", "update"), 2, 0, 1, 0)), copy.keySpecs());
        CommandSpec swapdb = DatabaseCommands.specs().get(2);
        assertEquals("swapdb", swapdb.name());
        assertEquals(CommandGroup.SERVER, swapdb.group());
        assertEquals(List.of("keyspace", "write", "fast", "dangerous"), swapdb.aclCategories());
        CommandSpec wait = DatabaseCommands.specs().get(3);
        assertEquals(List.of("request_policy:all_shards", "response_policy:agg_min"), wait.tips());
        assertEquals(EnumSet.of(CommandFlag.NOSCRIPT), wait.flags());
    }

    private static CommandSpec spec(String name) {
        return KeyCommands.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
