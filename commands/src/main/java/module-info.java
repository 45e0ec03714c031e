/**
 * The built-in data-type commands, a command set like any plugin's: it sees the command API and
 * the storage types only, exports nothing and is found by {@link java.util.ServiceLoader}.
 */
module io.redisinternals.commands {
    requires io.redisinternals.command;

    provides io.redisinternals.command.spi.CommandProvider
        with io.redisinternals.commands.DataTypeCommands;
}
