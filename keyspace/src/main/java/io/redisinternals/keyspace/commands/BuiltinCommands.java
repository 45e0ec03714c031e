package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.spi.CommandProvider;
import io.redisinternals.keyspace.spi.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/** The built-in commands: an ordinary provider, like any plugin's. */
public final class BuiltinCommands implements CommandProvider {

    @Override
    public List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        all.addAll(ConnectionCommands.specs());
        all.addAll(ServerCommands.specs());
        all.add(InfoCommand.spec());
        all.add(ClientCommand.spec());
        all.add(ConfigCommand.spec());
        all.add(CommandCommand.spec());
        all.addAll(StringCommands.specs());
        all.addAll(ExpireCommands.specs());
        all.addAll(KeyCommands.specs());
        all.addAll(DatabaseCommands.specs());
        all.add(ObjectCommand.spec());
        all.addAll(TransactionCommands.specs());
        all.addAll(BitmapCommands.specs());
        all.addAll(ListCommands.specs());
        all.addAll(HashCommands.specs());
        all.addAll(SetCommands.specs());
        all.addAll(SortedSetCommands.specs());
        all.addAll(SortCommand.specs());
        return all;
    }
}
