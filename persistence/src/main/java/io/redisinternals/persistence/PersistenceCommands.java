package io.redisinternals.persistence;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.persistence.rdb.DumpRestore;
import java.util.List;

/**
 * The persistence module's commands as an ordinary command set, written against the command API
 * alone: DUMP and RESTORE (the RDB value codec of {@code persistence.rdb}).
 */
public final class PersistenceCommands implements CommandProvider {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandMetadata.bind("dump", DumpRestore::dump),
                CommandMetadata.bind("restore", DumpRestore::restore));
    }
}
