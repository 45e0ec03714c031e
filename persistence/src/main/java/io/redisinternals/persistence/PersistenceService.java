package io.redisinternals.persistence;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.spi.FunctionStore;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.Persistence;
import io.redisinternals.persistence.aof.AofSettings;
import io.redisinternals.persistence.aof.AppendOnlyFile;
import io.redisinternals.persistence.aof.RdbBase;
import io.redisinternals.persistence.rdb.RdbFormatException;
import io.redisinternals.resp.Argv;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The engine's {@link Persistence}: RDB snapshots ({@link RdbSaves}, {@link RdbLoading}) and
 * (the aof helper's seam) the append-only file of one engine. The server installs it right after
 * boot and loads the dataset through it ({@link #loadAtStartup}) once it listens.
 */
public final class PersistenceService implements Persistence {

    private static final System.Logger LOG = System.getLogger("io.redisinternals.persistence");

    /** Redis's shared.bgsaveerr, without the leading '-'. */
    static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist"
            + " to disk. Commands that may modify the data set are disabled, because this instance is configured to report"
            + " errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis"
            + " logs for details about the RDB error.";
    static final String BGSAVE_IN_PROGRESS = "ERR Background save already in progress";

    private final Engine engine;
    private final RdbSaves saves;
    private final RdbLoading loading;
    private final AppendOnlyFile aof;

    private PersistenceService(Engine engine) {
        this.engine = engine;
        this.saves = new RdbSaves(engine);
        this.loading = new RdbLoading(engine);
        this.aof = AppendOnlyFile.create(engine);
        aof.bgsaveRunning(saves::bgsaveRunning);
        aof.rdbBase(new RdbBase() {
            @Override
            public io.redisinternals.persistence.aof.BaseWriter open(java.nio.file.Path temp) throws java.io.IOException {
                return new RdbBaseWriter(saves.openAofBase(temp));
            }

            @Override
            public long load(java.nio.file.Path file) throws java.io.IOException {
                try {
                    if (!loading.load(file, false)) {
                        throw new java.io.IOException("No such file or directory");
                    }
                    return loading.lastOffset();
                } catch (RdbFormatException e) {
                    throw new java.io.IOException("Internal error in RDB reading offset " + Math.max(0, e.offset()) + " -> "
                            + e.getMessage(), e);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        });
    }

    /** Creates the service for {@code engine} and installs it there. */
    public static PersistenceService install(Engine engine) {
        PersistenceService service = new PersistenceService(engine);
        engine.persistence(service);
        return service;
    }

    Engine engine() {
        return engine;
    }

    /**
     * Loads the dataset at startup, without the execution lock held (the loader takes it per batch,
     * so clients connected meanwhile get -LOADING). With {@code appendonly yes} the AOF is what
     * Redis loads (the AOF's seam: it replaces the RDB branch below); otherwise the RDB file.
     *
     * @throws IllegalStateException with Redis's reason when the file cannot be loaded
     */
    public void loadAtStartup() {
        try {
            if (engine.config().get(AofSettings.APPENDONLY).equals("yes")) {
                // Redis's loadDataFromDisk with AOF on: the AOF alone, never the RDB file
                aof.boot();
            } else {
                loadStartupData();
            }
        } finally {
            loading.end();
        }
    }

    /**
     * Marks the server as loading before its listener binds, so no client connected before
     * {@link #loadAtStartup} opens the file sees an empty dataset.
     */
    public void beginStartupLoad() {
        loading.begin();
    }

    private void loadStartupData() {
        try {
            if (loading.load(saves.file(), false)) {
                saves.resetChanges(System.currentTimeMillis() / 1000);
            }
        } catch (RdbFormatException e) {
            String msg = "Internal error in RDB reading offset " + Math.max(0, e.offset()) + " -> " + e.getMessage();
            LOG.log(Level.WARNING, msg);
            throw new IllegalStateException(msg, e);
        } catch (UncheckedIOException e) {
            String msg = "Fatal error loading the DB: " + RdbSaves.reason(e.getCause()) + ". Exiting.";
            LOG.log(Level.WARNING, msg);
            throw new IllegalStateException(msg, e);
        }
    }

    @Override
    public boolean loading() {
        return loading.loading() || aof.loading();
    }

    @Override
    public String writeRefusal() {
        return saves.refusesWrites() ? MISCONF : aof.writeRefusal();
    }

    @Override
    public void beforeReplies() {
        aof.beforeReplies();
    }

    @Override
    public void beforeSend() {
        aof.beforeSend();
    }

    @Override
    public void cron(long nowMillis) {
        if (loading.loading()) {
            return; // as Redis, whose serverCron does not run while it loads
        }
        saves.cron(nowMillis, aof.rewriteInProgress());
        aof.cron(saves.bgsaveRunning());
    }

    @Override
    public boolean info(BiConsumer<String, Object> field) {
        field.accept("loading", loading.loading() ? 1 : 0);
        field.accept("async_loading", 0);
        saves.info(field);
        field.accept("rdb_last_load_keys_expired", loading.lastExpired());
        field.accept("rdb_last_load_keys_loaded", loading.lastLoaded());
        aofInfo(field);
        loading.info(field);
        return true;
    }

    /** The aof_* fields of INFO persistence, Redis's module_fork pair, then the AOF's fields while it is on. */
    void aofInfo(BiConsumer<String, Object> field) {
        aof.info(field);
        field.accept("module_fork_in_progress", 0);
        field.accept("module_fork_last_cow_size", 0);
        aof.infoWhenEnabled(field);
    }

    /** Whether an AOF rewrite runs (Redis's other child). */
    boolean aofRewriteRunning() {
        return aof.rewriteInProgress();
    }

    /** The append-only file. */
    public AppendOnlyFile aof() {
        return aof;
    }

    @Override
    public void bgrewriteaof(CommandContext ctx) {
        // as bgrewriteaofCommand: scheduled while a BGSAVE runs or inside EXEC
        boolean inExec = engine.inExec();
        String reply = aof.bgrewriteaof(saves.bgsaveRunning() || inExec);
        if (reply.startsWith("-")) {
            ctx.reply().error("ERR " + reply.substring(1));
        } else {
            ctx.reply().simpleString(reply.substring(1));
        }
    }

    @Override
    public void debugLoadAof(CommandContext ctx) {
        aof.debugLoadAof();
        ctx.reply().simpleString("OK");
    }

    @Override
    public void save(CommandContext ctx) {
        if (saves.bgsaveRunning()) {
            ctx.reply().error(BGSAVE_IN_PROGRESS);
            return;
        }
        saves.countSave();
        if (saves.saveNow()) {
            ctx.reply().simpleString("OK");
        } else {
            ctx.reply().error("ERR");
        }
    }

    @Override
    public void bgsave(CommandContext ctx, Argv argv) {
        boolean schedule = false;
        if (argv.count() > 1) {
            if (argv.count() == 2 && argv.string(1).equalsIgnoreCase("schedule")) {
                schedule = true;
            } else {
                ctx.reply().error("ERR syntax error");
                return;
            }
        }
        // Inside EXEC Redis never forks mid-transaction: the save is scheduled for the next cron tick.
        boolean inExec = engine.inExec();
        if (saves.bgsaveRunning()) {
            ctx.reply().error(BGSAVE_IN_PROGRESS);
        } else if (aofRewriteRunning() || inExec) {
            if (schedule || inExec) {
                saves.schedule();
                ctx.reply().simpleString("Background saving scheduled");
            } else {
                ctx.reply().error("ERR Another child process is active (AOF?): can't BGSAVE right now. "
                        + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
            }
        } else if (saves.startBackground()) {
            ctx.reply().simpleString("Background saving started");
        } else {
            ctx.reply().error("ERR");
        }
    }

    @Override
    public void lastsave(CommandContext ctx) {
        ctx.reply().integer(saves.lastSaveSeconds());
    }

    @Override
    public void debugReload(CommandContext ctx, Argv argv) {
        boolean flush = true;
        boolean save = true;
        boolean merge = false;
        for (int j = 2; j < argv.count(); j++) {
            switch (argv.string(j).toUpperCase(Locale.ROOT)) {
                case "MERGE" -> merge = true;
                case "NOFLUSH" -> flush = false;
                case "NOSAVE" -> save = false;
                default -> {
                    ctx.reply().error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
                    return;
                }
            }
        }
        if (save) {
            saves.awaitBackground();
            if (!saves.saveNow()) {
                ctx.reply().error("ERR");
                return;
            }
        }
        if (flush) {
            engine.keyspace().flushAll();
            for (FunctionStore s : engine.functionStores()) {
                s.flush();
            }
        }
        try {
            if (!loading.load(saves.file(), merge)) {
                ctx.reply().error("ERR Error trying to load the RDB dump");
                return;
            }
        } catch (RdbFormatException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Error loading the RDB dump: " + e.getMessage());
            ctx.reply().error("ERR Error trying to load the RDB dump");
            return;
        }
        LOG.log(Level.WARNING, "DB reloaded by DEBUG RELOAD");
        ctx.reply().simpleString("OK");
    }

    @Override
    public String prepareShutdown(boolean save, boolean nosave, boolean force) {
        if (!aof.shutdown(force)) { // a running rewrite killed; the AOF's last write and fsync come before the RDB save
            return "ERR Errors trying to SHUTDOWN. Check logs.";
        }
        if (saves.bgsaveRunning()) {
            LOG.log(Level.WARNING, "There is a child saving an .rdb. Killing it!");
            saves.killBackground();
        }
        boolean savePoints = !engine.config().get(PersistenceSettings.SAVE).isEmpty();
        if ((savePoints && !nosave) || save) {
            LOG.log(Level.INFO, "Saving the final RDB snapshot before exiting.");
            if (!saves.saveNow()) {
                if (force) {
                    LOG.log(Level.WARNING, "Error trying to save the DB. Exit anyway.");
                } else {
                    LOG.log(Level.WARNING, "Error trying to save the DB, can't exit.");
                    return "ERR Errors trying to SHUTDOWN. Check logs.";
                }
            }
        }
        return null;
    }

    /** Waits for a running BGSAVE to finish (tests, DEBUG RELOAD); under the lock. */
    void awaitBackgroundSave() {
        saves.awaitBackground();
    }

    /** DEBUG OBJECT's serializedlength: the bytes the RDB value codec writes for the value, as Redis's rdbSavedObjectLen. */
    @Override
    public long serializedLength(Object value) {
        return io.redisinternals.persistence.rdb.RdbValues.serializedLength(value,
                "yes".equalsIgnoreCase(engine.config().get(io.redisinternals.persistence.rdb.RdbSettings.RDBCOMPRESSION)),
                engine.config().intValue("list-max-listpack-size"));
    }
}
