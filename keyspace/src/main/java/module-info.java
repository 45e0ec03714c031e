/**
 * The keyspace and command engine: databases, data types, the metadata-driven dispatcher, and the
 * command SPI ({@link io.redisinternals.keyspace.spi.CommandProvider}) through which command sets
 * (the built-in ones included) are plugged in. Knows RESP, never transports or the server.
 */
module io.redisinternals.keyspace {
    requires transitive io.redisinternals.resp;

    exports io.redisinternals.keyspace;
    exports io.redisinternals.keyspace.spi;

    uses io.redisinternals.keyspace.spi.CommandProvider;
    provides io.redisinternals.keyspace.spi.CommandProvider
        with io.redisinternals.keyspace.commands.BuiltinCommands;
}
