/**
 * The contract between the engine and command sets. {@code io.redisinternals.command} is what a
 * command is made of: its metadata ({@link io.redisinternals.command.CommandSpec} and its parts),
 * its function ({@link io.redisinternals.command.CommandFunction}) and what the function runs
 * against ({@link io.redisinternals.command.CommandContext}); {@code io.redisinternals.command.spi}
 * is the service a command set provides ({@link io.redisinternals.command.spi.CommandProvider}).
 * Interfaces and metadata types only: no engine class is reachable through it. The storage types
 * (databases and values) are part of the contract, so the keyspace is required transitively.
 */
module io.redisinternals.command {
    requires transitive io.redisinternals.resp;
    requires transitive io.redisinternals.keyspace;

    exports io.redisinternals.command;
    exports io.redisinternals.command.spi;
    // Redis's serialisation primitives (LZF, CRC-64) that FUNCTION DUMP and the persistence share.
    exports io.redisinternals.command.codec;
}
