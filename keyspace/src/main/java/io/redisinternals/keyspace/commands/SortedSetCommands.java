package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.spi.CommandSpec;
import java.util.List;

/** The zset commands: ZADD, ZRANGE, ... and the blocking BZPOPMIN, BZPOPMAX, BZMPOP (Redis's t_zset.c). */
public final class SortedSetCommands {

    private SortedSetCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of();
    }
}
