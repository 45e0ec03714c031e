package io.redisinternals.commands;

import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in data-type commands (strings, bitmaps, keys, expiry, lists, hashes, sets, sorted sets,
 * SORT): an ordinary provider, written against the command API alone, like any plugin's.
 */
public final class DataTypeCommands implements CommandProvider {

    @Override
    public List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        all.addAll(StringCommands.specs());
        all.addAll(ExpireCommands.specs());
        all.addAll(KeyCommands.specs());
        all.addAll(DatabaseCommands.specs());
        all.add(ObjectCommand.spec());
        all.addAll(BitmapCommands.specs());
        all.addAll(ListCommands.specs());
        all.addAll(HashCommands.specs());
        all.addAll(SetCommands.specs());
        all.addAll(SortedSetCommands.specs());
        all.addAll(SortCommand.specs());
        return all;
    }
}
