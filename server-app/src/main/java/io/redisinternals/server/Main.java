package io.redisinternals.server;

import java.util.Arrays;
import java.util.List;

/**
 * Command line: {@code redis-internals [config-file] [--name value ...]}, as redis-server.
 * Exit status 0 after SHUTDOWN or SIGTERM, 1 when the configuration is bad or the server cannot
 * start (the reason is printed).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        List<String> argList = Arrays.asList(args);
        if (!argList.isEmpty() && argList.get(0).equals("check-aof")) {
            checkAof(argList.subList(1, argList.size()));
            return;
        }
        if (!argList.isEmpty() && argList.get(0).equals("check-rdb")) {
            // redis-check-rdb's job: the file's structure, its first error and offset, the key counts
            if (argList.size() != 2) {
                System.err.println("Usage: redis-internals check-rdb <rdb-file-name>");
                System.exit(1);
            }
            System.exit(io.redisinternals.persistence.RdbCheck.run(java.nio.file.Path.of(argList.get(1)), System.out));
            return;
        }
        if (argList.contains("-v") || argList.contains("--version")) {
            System.out.println("redis-internals v=" + Version.product() + " redis_version=" + Version.REDIS_VERSION
                    + " java=" + Runtime.version());
            return;
        }
        if (argList.contains("-h") || argList.contains("--help")) {
            System.out.println("""
                    Usage: redis-internals [/path/to/redis.conf] [options] [-]
                           redis-internals - (read config from stdin)
                           redis-internals -v or --version
                           redis-internals -h or --help
                           redis-internals check-aof [--fix] <dir|file.manifest|file.aof>
                           redis-internals check-rdb <rdb-file> (check an RDB file, as redis-check-rdb)

                    Examples:
                           redis-internals (run the server with default conf)
                           redis-internals /etc/redis/6379.conf
                           redis-internals --port 7777
                           redis-internals --port 7777 --transport blocking
                           redis-internals /etc/myredis.conf --loglevel verbose""");
            return;
        }
        RedisServer server;
        try {
            server = RedisServer.start(argList);
        } catch (StartupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        // SIGTERM / SIGINT: the same graceful stop as SHUTDOWN, and the same exit status 0 (a JVM
        // ended by a signal would otherwise report 128+signal; halt inside the hook sets it).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stopOnSignal();
            Runtime.getRuntime().halt(0);
        }, "sigterm"));
        server.awaitTermination();
        System.exit(0);
    }

    /** {@code check-aof}: redis-check-aof's report on the AOF files, exit status 0 when valid. */
    private static void checkAof(List<String> args) {
        System.exit(io.redisinternals.persistence.CheckAof.run(args));
    }
}
