package io.redisinternals.engine.commands;

import static io.redisinternals.command.CommandFlag.ALLOW_BUSY;
import static io.redisinternals.command.CommandFlag.FAST;
import static io.redisinternals.command.CommandFlag.LOADING;
import static io.redisinternals.command.CommandFlag.NOSCRIPT;
import static io.redisinternals.command.CommandFlag.SKIP_SLOWLOG;
import static io.redisinternals.command.CommandFlag.STALE;

import io.redisinternals.engine.Session;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.command.CommandDocs.Arg;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import java.util.List;
import java.util.Set;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis's {@code multi.c}). The queueing itself is the
 * dispatcher's ({@code queueIfInMulti}); the state lives in {@link io.redisinternals.engine.Transaction}.
 */
public final class TransactionCommands {

    private TransactionCommands() {
    }

    private static final byte[] NESTED = Replies.encode("-ERR MULTI calls can not be nested\r\n");
    private static final byte[] EXEC_WITHOUT_MULTI = Replies.encode("-ERR EXEC without MULTI\r\n");
    private static final byte[] DISCARD_WITHOUT_MULTI = Replies.encode("-ERR DISCARD without MULTI\r\n");
    private static final byte[] WATCH_INSIDE_MULTI = Replies.encode("-ERR WATCH inside MULTI is not allowed\r\n");

    public static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.builder("multi")
                        .arity(1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .acl("fast", "transaction")
                        .group(CommandGroup.TRANSACTIONS)
                        .summary("Mark the start of a transaction block")
                        .since("1.2.0").complexity("O(1)")
                        .function(EngineContext.bind(TransactionCommands::multi))
                        .build(),
                CommandSpec.builder("exec")
                        .arity(1).flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG)
                        .acl("slow", "transaction")
                        .group(CommandGroup.TRANSACTIONS)
                        .summary("Execute all commands issued after MULTI")
                        .since("1.2.0").complexity("Depends on commands in the transaction")
                        .function(EngineContext.bind(TransactionCommands::exec))
                        .build(),
                CommandSpec.builder("discard")
                        .arity(1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .acl("fast", "transaction")
                        .group(CommandGroup.TRANSACTIONS)
                        .summary("Discard all commands issued after MULTI")
                        .since("2.0.0").complexity("O(N), when N is the number of queued commands")
                        .function(EngineContext.bind(TransactionCommands::discard))
                        .build(),
                CommandSpec.builder("watch")
                        .arity(-2).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .acl("fast", "transaction")
                        .key(KeySpec.toEnd(1, 1, "RO"))
                        .group(CommandGroup.TRANSACTIONS)
                        .summary("Watch the given keys to determine execution of the MULTI/EXEC block")
                        .since("2.2.0").complexity("O(1) for every key.")
                        .arg(new Arg("key", "key", 0, null, null, Set.of("multiple"), List.of()))
                        .function(EngineContext.bind(TransactionCommands::watch))
                        .build(),
                CommandSpec.builder("unwatch")
                        .arity(1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .acl("fast", "transaction")
                        .group(CommandGroup.TRANSACTIONS)
                        .summary("Forget about all watched keys")
                        .since("2.2.0").complexity("O(1)")
                        .function(EngineContext.bind(TransactionCommands::unwatch))
                        .build());
    }

    /** MULTI: a nested MULTI is an error that does not spoil the open transaction. */
    static void multi(EngineContext ctx, Argv argv) {
        Session s = ctx.session();
        if (s.inMulti()) {
            ctx.reply().raw(NESTED);
            return;
        }
        s.transaction().begin();
        ctx.reply().raw(Replies.OK);
    }

    static void exec(EngineContext ctx, Argv argv) {
        Session s = ctx.session();
        if (!s.inMulti()) {
            ctx.reply().raw(EXEC_WITHOUT_MULTI);
            return;
        }
        s.transaction().exec(ctx.reply(), ctx.nowMillis());
    }

    static void discard(EngineContext ctx, Argv argv) {
        Session s = ctx.session();
        if (!s.inMulti()) {
            ctx.reply().raw(DISCARD_WITHOUT_MULTI);
            return;
        }
        s.transaction().discard();
        ctx.reply().raw(Replies.OK);
    }

    /** WATCH key...: not inside MULTI (an error that does not abort the transaction, as Redis). */
    static void watch(EngineContext ctx, Argv argv) {
        Session s = ctx.session();
        if (s.inMulti()) {
            ctx.reply().raw(WATCH_INSIDE_MULTI);
            return;
        }
        for (int i = 1; i < argv.count(); i++) {
            s.transaction().watch(ctx.db(), argv, i, ctx.nowMillis());
        }
        ctx.reply().raw(Replies.OK);
    }

    /** UNWATCH: forgets every watched key; the transaction is no longer doomed by them. */
    static void unwatch(EngineContext ctx, Argv argv) {
        ctx.session().transaction().unwatch();
        ctx.reply().raw(Replies.OK);
    }
}
