package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.spi.CommandProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own commands, those that act on connections, the server and the command table
 * rather than on keys (AUTH, HELLO, CLIENT, CONFIG, INFO, COMMAND, MULTI/EXEC, SHUTDOWN, DEBUG...). Found
 * by {@link java.util.ServiceLoader} like every other command set.
 */
public final class EngineCommands implements CommandProvider {

    @Override
    public List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        all.addAll(ConnectionCommands.specs());
        all.addAll(ServerCommands.specs());
        all.add(InfoCommand.spec());
        all.add(ClientCommand.spec());
        all.add(ConfigCommand.spec());
        all.add(CommandCommand.spec());
        all.add(SlowlogCommand.spec());
        all.add(LatencyCommand.spec());
        all.add(MemoryCommand.spec());
        all.addAll(TransactionCommands.specs());
        all.addAll(PubSubCommands.specs());
        all.add(DebugCommand.spec());
        return all;
    }
}
