package io.redisinternals.engine.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.TestClient;
import io.redisinternals.command.CommandSpec;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** COMMAND replies are derived from metadata only; exact bytes per command are in ReferenceRepliesTest. */
class CommandCommandTest {

    @Test
    void countAndBareCommandCoverEveryTopLevelCommand() {
        TestClient c = TestClient.fresh();
        int n = c.engine.commands().size();
        assertEquals(":" + n + "\r\n", c.call("command", "count"));
        assertTrue(c.call("command").startsWith("*" + n + "\r\n*10\r\n"));
        assertTrue(c.call("command", "info").startsWith("*" + n + "\r\n*10\r\n"));
        String docs = c.call("command", "docs");
        assertTrue(docs.startsWith("*" + (2 * n) + "\r\n"), docs.substring(0, 20));
        c.call("hello", "3");
        assertTrue(c.call("command", "docs").startsWith("%" + n + "\r\n"));
    }

    @Test
    void listIncludesSubcommandsAndFilters() {
        TestClient c = TestClient.fresh();
        String all = c.call("command", "list");
        assertTrue(all.contains("$6\r\nclient\r\n$9\r\nclient|id\r\n"), all);
        assertEquals("*2\r\n$10\r\nconfig|get\r\n$10\r\nconfig|set\r\n",
                c.call("command", "list", "filterby", "pattern", "C*|[gs]?t"));
        String conn = c.call("command", "list", "filterby", "aclcat", "CONNECTION");
        assertTrue(conn.contains("$4\r\nping\r\n") && conn.contains("$11\r\nclient|kill\r\n"), conn);
        assertTrue(!conn.contains("$6\r\nclient\r\n"), "the container itself is @slow only");
        assertEquals("*0\r\n", c.call("command", "list", "filterby", "module", "search"));
    }

    @Test
    void getkeysFollowsKeySpecs() {
        TestClient c = TestClient.fresh();
        assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", c.call("command", "getkeys", "del", "a", "b", "c"));
        assertEquals("*1\r\n$1\r\nk\r\n", c.call("COMMAND", "GETKEYS", "SET", "k", "v", "EX", "10"));
        assertEquals("-ERR The command has no key arguments\r\n", c.call("command", "getkeys", "client", "id"));
    }

    @Test
    void legacyKeyRangeFromKeySpecs() {
        TestClient c = TestClient.fresh();
        CommandSpec del = c.engine.command("del");
        assertEquals(List.of(1, -1, 1), box(CommandCommand.legacyRange(del.keySpecs())));
        assertEquals(List.of(0, 0, 0), box(CommandCommand.legacyRange(List.of())));
        assertTrue(Pattern.compile("\\*10\r\n\\$3\r\nget\r\n:2\r\n\\*2\r\n\\+readonly\r\n\\+fast\r\n:1\r\n:1\r\n:1\r\n.*",
                Pattern.DOTALL).matcher(c.call("command", "info", "get").substring(4)).matches());
    }

    @Test
    void subcommandsAreFoundByFullNameInAnyCase() {
        TestClient c = TestClient.fresh();
        assertEquals("id", c.engine.command("CLIENT|ID").name());
        assertEquals("client", c.engine.command("Client").name());
        assertEquals(null, c.engine.command("client|"));
        assertEquals(null, c.engine.command("ping|x"));
    }

    private static List<Integer> box(int[] a) {
        return List.of(a[0], a[1], a[2]);
    }

    @Test
    void getkeysandflagsUsesKeySpecsAndSetsVariableFlags() {
        TestClient c = TestClient.fresh();
        assertEquals("*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+RO\r\n+access\r\n", c.call("command", "getkeysandflags", "get", "k"));
        assertEquals("*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+OW\r\n+update\r\n",
                c.call("command", "getkeysandflags", "set", "k", "v"));
        assertEquals("*1\r\n*2\r\n$1\r\nk\r\n*3\r\n+RW\r\n+access\r\n+update\r\n",
                c.call("command", "getkeysandflags", "set", "k", "v", "EX", "10", "get"));
        assertEquals("*2\r\n*2\r\n$1\r\na\r\n*2\r\n+RM\r\n+delete\r\n*2\r\n$1\r\nb\r\n*2\r\n+RM\r\n+delete\r\n",
                c.call("command", "getkeysandflags", "del", "a", "b"));
        assertEquals("-ERR The command has no key arguments\r\n", c.call("command", "getkeysandflags", "ping", "x"));
        assertEquals("-ERR The command has no key arguments\r\n",
                c.call("command", "getkeysandflags", "config", "get", "x"));
        assertEquals("-ERR Invalid command specified\r\n", c.call("command", "getkeysandflags", "nosuch", "x"));
        assertEquals("-ERR Invalid number of arguments specified for command\r\n",
                c.call("command", "getkeysandflags", "get", "a", "b"));
        c.call("hello", "3");
        assertEquals("*1\r\n*2\r\n$1\r\nk\r\n~2\r\n+RO\r\n+access\r\n", c.call("command", "getkeysandflags", "get", "k"));
    }

    /** Redis sends a container's subcommand list as an array even in RESP3, and "no subcommands" as an empty set. */
    @Test
    void subcommandListIsAnArrayInResp3() {
        TestClient c = TestClient.fresh();
        c.call("hello", "3");
        String get = c.call("command", "info", "get");
        assertTrue(get.endsWith("~0\r\n"), get);
        String config = c.call("command", "info", "config");
        int n = c.engine.command("config").subcommands().size();
        assertTrue(config.contains("~0\r\n~0\r\n*" + n + "\r\n*10\r\n$"), config);
        assertTrue(!config.contains("~" + n + "\r\n*10\r\n"), config);
    }
}
