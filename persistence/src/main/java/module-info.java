/**
 * Persistence as redis-server 7.0 does it, file-compatible both ways: RDB version 10 snapshots
 * (SAVE, BGSAVE without fork on the key access's before-write hook, save points, loading at
 * startup), DUMP/RESTORE, and the multi-part append-only file fed by the call path's propagation
 * stream. The server installs it into the engine ({@link io.redisinternals.engine.Persistence});
 * DUMP and RESTORE are an ordinary command set.
 */
module io.redisinternals.persistence {
    requires transitive io.redisinternals.engine;

    exports io.redisinternals.persistence;

    provides io.redisinternals.command.spi.CommandProvider
        with io.redisinternals.persistence.PersistenceCommands;
}
