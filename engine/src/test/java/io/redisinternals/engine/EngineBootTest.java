package io.redisinternals.engine;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.config.ConfigException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Replies;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineBootTest {

    static final class EchoProvider implements CommandProvider {
        private final String label;

        EchoProvider(String label) {
            this.label = label;
        }

        @Override
        public String name() {
            return label;
        }

        @Override
        public List<CommandSpec> commands() {
            return List.of(CommandSpec.builder("hello-world").arity(1).group(CommandGroup.SERVER)
                    .function((ctx, argv) -> ctx.reply().raw(Replies.OK)).build());
        }
    }

    @Test
    void duplicateCommandNamesFailTheBootNamingBothProviders() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Engine.boot(new Config(),
                ServerHooks.none(), List.of(new EchoProvider("first.Provider"), new EchoProvider("second.Provider"))));
        assertEquals("command 'hello-world' is declared by both first.Provider and second.Provider", e.getMessage());
        IllegalStateException builtin = assertThrows(IllegalStateException.class, () -> Engine.boot(new Config(),
                ServerHooks.none(), List.of(new BuiltinCommands(), new BuiltinCommands())));
        assertTrue(builtin.getMessage().contains(BuiltinCommands.class.getName() + " and "), builtin.getMessage());
    }

    @Test
    void pluginCommandsAreDispatchedLikeBuiltinOnes() {
        Engine e = Engine.boot(new Config(), ServerHooks.none(), List.of(new BuiltinCommands(), new EchoProvider("x")));
        TestClient c = new TestClient(e);
        assertEquals("+OK\r\n", c.call("HELLO-WORLD"));
        assertEquals("-ERR wrong number of arguments for 'hello-world' command\r\n", c.call("hello-world", "x"));
    }

    @Test
    void serviceLoaderFindsTheBuiltinCommands() {
        Engine e = Engine.boot(new Config(), ServerHooks.none());
        assertNotNull(e.command("ping"));
        assertNotNull(e.command("get"));
        assertNotNull(e.command("config|set"));
    }

    @Test
    void databasesSettingSizesTheKeyspace() throws ConfigException {
        Config config = new Config();
        config.applyStartup("databases", List.of("3"));
        TestClient c = new TestClient(TestClient.boot(config));
        assertEquals(3, c.engine.keyspace().databaseCount());
        assertEquals("-ERR DB index is out of range\r\n", c.call("select", "3"));
    }

    @Test
    void clientIdsIncreaseAndCloseIsIdempotent() {
        Engine e = TestClient.boot();
        Session a = e.openSession(null);
        Session b = e.openSession(null);
        assertEquals(1, a.id());
        assertEquals(2, b.id());
        assertEquals(2, e.clientCount());
        a.closed();
        a.closed();
        assertEquals(1, e.clientCount());
        assertEquals(3, e.openSession(null).id());
        assertEquals(40, e.runId().length());
    }
}
