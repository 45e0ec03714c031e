/**
 * The redis-internals server: configuration (redis.conf syntax and command line), assembly of the
 * engine and a transport found with {@link java.util.ServiceLoader}, the per-connection glue from
 * bytes to commands, and the process lifecycle. Transports are runtime-only dependencies.
 */
module io.redisinternals.server {
    requires io.redisinternals.resp;
    requires transitive io.redisinternals.engine; // RedisServer.engine() is API for embedders
    requires io.redisinternals.transport.spi;
    requires io.redisinternals.persistence;
    // com.sun.management.UnixOperatingSystemMXBean: the open files limit maxclients must fit.
    requires jdk.management;

    exports io.redisinternals.server;

    uses io.redisinternals.transport.spi.TransportProvider;

    // Redis-style log lines for every module's System.Logger.
    provides java.lang.System.LoggerFinder with io.redisinternals.server.RedisLogFinder;
}
