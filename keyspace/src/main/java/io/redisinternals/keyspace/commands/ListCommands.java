package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.spi.CommandSpec;
import java.util.List;

/** The list commands: LPUSH, RPUSH, ... and the blocking BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP (Redis's t_list.c). */
public final class ListCommands {

    private ListCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of();
    }
}
