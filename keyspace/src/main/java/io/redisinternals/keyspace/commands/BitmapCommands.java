package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.spi.CommandSpec;
import java.util.List;

/** The bitmap commands (Redis's {@code bitops.c}): SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO. */
public final class BitmapCommands {

    private BitmapCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of();
    }
}
