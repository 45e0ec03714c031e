package io.redisinternals.persistence;

import io.redisinternals.persistence.aof.AofCheck;
import java.util.List;

/**
 * The launcher's {@code check-aof} tool (redis-check-aof 7.0): {@code redis-internals check-aof
 * [--fix] DIR|MANIFEST|FILE}. Reports on standard output; returns the exit status.
 */
public final class CheckAof {

    private CheckAof() {
    }

    public static int run(List<String> args) {
        return AofCheck.run(args, System.out, System.in, null);
    }
}
