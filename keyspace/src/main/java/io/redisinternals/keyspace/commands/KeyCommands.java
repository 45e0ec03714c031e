package io.redisinternals.keyspace.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.spi.CommandContext;
import io.redisinternals.keyspace.spi.CommandDocs.Arg;
import io.redisinternals.keyspace.spi.CommandFlag;
import io.redisinternals.keyspace.spi.CommandGroup;
import io.redisinternals.keyspace.spi.CommandSpec;
import io.redisinternals.keyspace.spi.KeySpec;
import io.redisinternals.resp.Argv;
import java.util.List;
import java.util.Set;

/** Commands on keys of any type (Redis's "generic" group, {@code db.c}/{@code expire.c}). */
public final class KeyCommands {

    private KeyCommands() {
    }

    private static final List<String> MULTI_SHARD_SUM_TIPS =
            List.of("request_policy:multi_shard", "response_policy:agg_sum");

    /** DEL and EXISTS, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.builder("del")
                        .arity(-2)
                        .flags(CommandFlag.WRITE)
                        .acl("keyspace", "write", "slow")
                        .tips(MULTI_SHARD_SUM_TIPS.toArray(String[]::new))
                        .key(KeySpec.toEnd(1, 1, "RM", "delete"))
                        .group(CommandGroup.GENERIC)
                        .summary("Delete a key")
                        .since("1.0.0")
                        .complexity("O(N) where N is the number of keys that will be removed. When a key to remove"
                                + " holds a value other than a string, the individual complexity for this key is O(M)"
                                + " where M is the number of elements in the list, set, sorted set or hash. Removing a"
                                + " single key that holds a string value is O(1).")
                        .arg(keys())
                        .function(KeyCommands::del)
                        .build(),
                CommandSpec.builder("exists")
                        .arity(-2)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("keyspace", "read", "fast")
                        .tips(MULTI_SHARD_SUM_TIPS.toArray(String[]::new))
                        .key(KeySpec.toEnd(1, 1, "RO"))
                        .group(CommandGroup.GENERIC)
                        .summary("Determine if a key exists")
                        .since("1.0.0")
                        .complexity("O(N) where N is the number of keys to check.")
                        .history("3.0.3", "Accepts multiple `key` arguments.")
                        .arg(keys())
                        .function(KeyCommands::exists)
                        .build());
    }

    /** DEL key...: the number of keys removed; a key named twice is removed (and counted) once. */
    static void del(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        long now = ctx.nowMillis();
        long removed = 0;
        for (int j = 1; j < argv.count(); j++) {
            // An already expired key is not counted, as redis-server expires it before deleting.
            db.expireIfNeeded(argv, j, now);
            if (db.remove(argv, j)) {
                removed++;
            }
        }
        ctx.reply().integer(removed);
    }

    /** EXISTS key...: how many of the arguments exist; a key named twice counts twice. */
    static void exists(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        long now = ctx.nowMillis();
        long found = 0;
        for (int j = 1; j < argv.count(); j++) {
            db.expireIfNeeded(argv, j, now);
            if (db.containsKey(argv, j)) {
                found++;
            }
        }
        ctx.reply().integer(found);
    }

    private static Arg keys() {
        return new Arg("key", "key", 0, null, null, Set.of("multiple"), List.of());
    }
}
