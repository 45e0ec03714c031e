package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.spi.CommandSpec;
import java.util.List;

/** The set commands: SADD, SREM, ... SSCAN (Redis's t_set.c). */
public final class SetCommands {

    private SetCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of();
    }
}
