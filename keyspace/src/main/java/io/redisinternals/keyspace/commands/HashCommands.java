package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.spi.CommandSpec;
import java.util.List;

/** The hash commands: HSET, HGET, ... HSCAN (Redis's t_hash.c). */
public final class HashCommands {

    private HashCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of();
    }
}
