package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;

import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.Session;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import java.time.Instant;
import java.util.List;

/**
 * The server group's small commands: TIME, DBSIZE, FLUSHDB, FLUSHALL, SHUTDOWN, and the
 * persistence commands' metadata (SAVE, BGSAVE, LASTSAVE, BGREWRITEAOF) bound to the installed
 * {@link io.redisinternals.engine.Persistence}. (INFO, CONFIG and
 * COMMAND have files of their own.) Metadata transcribed from redis-server 7.0.15.
 */
public final class ServerCommands {

    private ServerCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            CommandMetadata.bind("time", EngineContext.bind(ServerCommands::time)),
            CommandMetadata.bind("dbsize", EngineContext.bind(ServerCommands::dbsize)),
            CommandMetadata.bind("flushdb", EngineContext.bind(ServerCommands::flushdb)),
            CommandMetadata.bind("flushall", EngineContext.bind(ServerCommands::flushall)),
            CommandMetadata.bind("shutdown", EngineContext.bind(ServerCommands::shutdown)),
            CommandMetadata.bind("monitor", EngineContext.bind(ServerCommands::monitor)),
            // persistence: metadata here, behaviour in the installed Persistence
            CommandMetadata.bind("save", EngineContext.bind((ctx, argv) -> ctx.engine().persistence().save(ctx))),
            CommandMetadata.bind("bgsave", EngineContext.bind((ctx, argv) -> ctx.engine().persistence().bgsave(ctx, argv))),
            CommandMetadata.bind("lastsave", EngineContext.bind((ctx, argv) -> ctx.engine().persistence().lastsave(ctx))),
            CommandMetadata.bind("bgrewriteaof", EngineContext.bind((ctx, argv) -> ctx.engine().persistence().bgrewriteaof(ctx)))
        );
    }

    /** [unix seconds, microseconds] as two bulk strings; the clock is read at microsecond precision. */
    static void time(EngineContext ctx, Argv argv) {
        Instant now = Instant.now();
        ctx.reply().arrayHeader(2).bulk(now.getEpochSecond()).bulk(now.getNano() / 1000);
    }

    static void dbsize(EngineContext ctx, Argv argv) {
        ctx.reply().integer(ctx.db().size());
    }

    /**
     * FLUSHDB [ASYNC|SYNC]: counts one change per key removed and, as Redis's
     * forceCommandPropagation, is propagated even when the database was already empty. No keyspace
     * event. Without ASYNC|SYNC, {@code lazyfree-lazy-user-flush} chooses (see {@link
     * io.redisinternals.engine.LazyFree#flush}).
     */
    static void flushdb(EngineContext ctx, Argv argv) {
        if (checkFlushMode(ctx, argv)) {
            long removed = ctx.db().size();
            ctx.engine().lazyFree().flush(ctx.db().index(), ctx.engine().lazyFree().flushAsync(argv));
            ctx.dirty(removed);
            forcePropagation(ctx, argv);
            ctx.reply().raw(Replies.OK);
        }
    }

    /** FLUSHALL [ASYNC|SYNC]: as {@link #flushdb}, over every database. */
    static void flushall(EngineContext ctx, Argv argv) {
        if (checkFlushMode(ctx, argv)) {
            long removed = 0;
            for (int i = 0; i < ctx.keyspace().databaseCount(); i++) {
                removed += ctx.keyspace().db(i).size();
            }
            ctx.engine().lazyFree().flush(-1, ctx.engine().lazyFree().flushAsync(argv));
            ctx.dirty(removed);
            forcePropagation(ctx, argv);
            ctx.reply().raw(Replies.OK);
        }
    }

    /**
     * Redis's forceCommandPropagation: the request is propagated whatever the dirty count says. The
     * call's own form (propagated only with changes) is replaced by the same command queued
     * explicitly, so it goes out exactly once.
     */
    /**
     * MONITOR: every command any client runs from now on arrives as a line (see
     * Engine.feedMonitors). A client already monitoring gets no reply at all, as Redis; inside
     * EXEC it is refused (a client that expects one reply per command).
     */
    static void monitor(EngineContext ctx, Argv argv) {
        Session s = ctx.session();
        if (s.transaction() != null && s.transaction().executing()) {
            ctx.reply().error("ERR MONITOR isn't allowed for DENY BLOCKING client");
            return;
        }
        if (s.isMonitor()) {
            return;
        }
        s.startMonitoring();
        ctx.reply().raw(Replies.OK);
    }

    /** Redis's forceCommandPropagation: the request goes to replicas/AOF as it is, dirty or not. */
    static void forcePropagation(EngineContext ctx, Argv argv) {
        ctx.preventPropagation();
        if (!ctx.propagating()) {
            return;
        }
        ctx.alsoPropagate(ctx.db().index(), argv.toArrays());
    }

    /**
     * FLUSHDB/FLUSHALL take nothing, ASYNC or SYNC. Either way the old tables are dropped whole, in
     * O(1), for the garbage collector, which is what ASYNC buys in Redis; the mode decides only what
     * is counted as lazily freed.
     */
    private static boolean checkFlushMode(EngineContext ctx, Argv argv) {
        if (argv.count() == 1
                || (argv.count() == 2 && (argv.equalsIgnoreCase(1, "async") || argv.equalsIgnoreCase(1, "sync")))) {
            return true;
        }
        ctx.reply().raw(Replies.SYNTAX_ERROR);
        return false;
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: persistence's last save and AOF flush
     * ({@link io.redisinternals.engine.Persistence#prepareShutdown}), then no reply, as the connection
     * just closes when the process exits. ABORT never finds a shutdown in progress: the save runs
     * synchronously inside the command (no replicas to wait for).
     */
    static void shutdown(EngineContext ctx, Argv argv) {
        boolean nosave = false;
        boolean save = false;
        boolean abort = false;
        boolean force = false;
        int options = argv.count() - 1;
        for (int i = 1; i < argv.count(); i++) {
            if (argv.equalsIgnoreCase(i, "nosave")) {
                nosave = true;
            } else if (argv.equalsIgnoreCase(i, "save")) {
                save = true;
            } else if (argv.equalsIgnoreCase(i, "abort")) {
                abort = true;
            } else if (argv.equalsIgnoreCase(i, "force")) {
                force = true;
            } else if (!argv.equalsIgnoreCase(i, "now")) {
                ctx.reply().raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        if ((nosave && save) || (abort && options > 1)) {
            ctx.reply().raw(Replies.SYNTAX_ERROR);
            return;
        }
        if (abort) {
            ctx.reply().error("ERR No shutdown in progress.");
            return;
        }
        io.redisinternals.engine.BusyScript busy = ctx.engine().busyScript();
        if (busy.busy()) {
            // Beside a busy script only SHUTDOWN NOSAVE stops the server (the data could not be
            // saved consistently mid-script); it stops the script whatever it wrote.
            if (!nosave) {
                ctx.reply().error(busy.busyError());
                return;
            }
            busy.abortForShutdown();
        }
        String refused = ctx.engine().persistence().prepareShutdown(save, nosave, force);
        if (refused != null) {
            ctx.reply().error(refused);
            return;
        }
        ctx.engine().hooks().requestShutdown();
    }
}
