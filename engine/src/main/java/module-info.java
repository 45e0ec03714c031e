/**
 * Command execution: the dispatcher and call path, sessions, transactions, blocked clients,
 * configuration, statistics, and the engine's own commands (connection, server, CLIENT, CONFIG,
 * INFO, COMMAND, MULTI/EXEC). Command sets are found with {@link java.util.ServiceLoader}
 * ({@link io.redisinternals.command.spi.CommandProvider}); the engine's own commands are an
 * ordinary provider too. Knows RESP and the storage, never transports or the server.
 */
module io.redisinternals.engine {
    requires transitive io.redisinternals.command;

    exports io.redisinternals.engine;
    exports io.redisinternals.engine.config;

    uses io.redisinternals.command.spi.CommandProvider;
    provides io.redisinternals.command.spi.CommandProvider
        with io.redisinternals.engine.commands.EngineCommands;
}
