package io.redisinternals.engine;

import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.spi.CommandProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What the server loads by ServiceLoader (the engine's own commands and the data-type command set,
 * a test dependency), as one provider for tests that boot an engine with explicit providers.
 */
public final class BuiltinCommands implements CommandProvider {

    @Override
    public List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (CommandProvider p : ServiceLoader.load(CommandProvider.class)) {
            if (found.contains(p.getClass().getName())) {
                continue; // seen twice (module path and a services file)
            }
            found.add(p.getClass().getName());
            all.addAll(p.commands());
        }
        if (!found.contains("io.redisinternals.commands.DataTypeCommands")) {
            throw new IllegalStateException("the data-type commands are not on the test path: " + found);
        }
        return all;
    }
}
