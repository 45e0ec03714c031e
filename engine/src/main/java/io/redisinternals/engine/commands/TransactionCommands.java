package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;

import io.redisinternals.engine.Session;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import java.util.List;

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
                CommandMetadata.bind("multi", EngineContext.bind(TransactionCommands::multi)),
                CommandMetadata.bind("exec", EngineContext.bind(TransactionCommands::exec)),
                CommandMetadata.bind("discard", EngineContext.bind(TransactionCommands::discard)),
                CommandMetadata.bind("watch", EngineContext.bind(TransactionCommands::watch)),
                CommandMetadata.bind("unwatch", EngineContext.bind(TransactionCommands::unwatch)));
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
