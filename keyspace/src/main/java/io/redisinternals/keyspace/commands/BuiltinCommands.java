package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.spi.CommandProvider;
import io.redisinternals.keyspace.spi.CommandSpec;
import java.util.List;

/** The built-in commands: an ordinary provider, like any plugin's. */
public final class BuiltinCommands implements CommandProvider {
    @Override
    public List<CommandSpec> commands() {
        return List.of(); // TODO
    }
}
