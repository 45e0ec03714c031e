package io.redisinternals.persistence;

import io.redisinternals.command.CommandContext;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.Persistence;
import io.redisinternals.persistence.aof.AofSettings;
import io.redisinternals.persistence.aof.AppendOnlyFile;
import java.util.function.BiConsumer;

/**
 * The engine's {@link Persistence}: RDB snapshots and the append-only file of one engine. The
 * server installs it right after boot and loads the dataset through it before serving.
 */
public final class PersistenceService implements Persistence {

    private final Engine engine;
    private final AppendOnlyFile aof;

    private PersistenceService(Engine engine) {
        this.engine = engine;
        this.aof = AppendOnlyFile.create(engine);
    }

    /**
     * Creates the service for {@code engine}, installs it there and loads the dataset: with
     * {@code appendonly yes} from the append-only file (the RDB file is then not read, as Redis).
     *
     * @throws IllegalStateException with the reason when the data cannot be loaded
     */
    public static PersistenceService install(Engine engine) {
        PersistenceService service = new PersistenceService(engine);
        engine.persistence(service);
        if (engine.config().get(AofSettings.APPENDONLY).equals("yes")) {
            service.aof.boot();
        }
        return service;
    }

    Engine engine() {
        return engine;
    }

    /** The append-only file (for the RDB side to install its base-file reader and writer). */
    public AppendOnlyFile aof() {
        return aof;
    }

    @Override
    public String writeRefusal() {
        return aof.writeRefusal();
    }

    @Override
    public void cron(long nowMillis) {
        aof.cron();
    }

    @Override
    public void beforeReplies() {
        aof.beforeReplies();
    }

    @Override
    public boolean info(BiConsumer<String, Object> field) {
        field.accept("loading", 0);
        field.accept("async_loading", 0);
        field.accept("current_cow_peak", 0);
        field.accept("current_cow_size", 0);
        field.accept("current_cow_size_age", 0);
        field.accept("current_fork_perc", "0.00");
        field.accept("current_save_keys_processed", 0);
        field.accept("current_save_keys_total", 0);
        field.accept("rdb_changes_since_last_save", engine.effects().dirty());
        field.accept("rdb_bgsave_in_progress", 0);
        field.accept("rdb_last_save_time", engine.startTimeMillis() / 1000);
        field.accept("rdb_last_bgsave_status", "ok");
        field.accept("rdb_last_bgsave_time_sec", -1);
        field.accept("rdb_current_bgsave_time_sec", -1);
        field.accept("rdb_saves", 0);
        field.accept("rdb_last_cow_size", 0);
        field.accept("rdb_last_load_keys_expired", 0);
        field.accept("rdb_last_load_keys_loaded", 0);
        aof.info(field);
        field.accept("module_fork_in_progress", 0);
        field.accept("module_fork_last_cow_size", 0);
        aof.infoWhenEnabled(field);
        return true;
    }

    @Override
    public void bgrewriteaof(CommandContext ctx) {
        String reply = aof.bgrewriteaof();
        if (reply.startsWith("-")) {
            ctx.reply().error("ERR " + reply.substring(1));
        } else {
            ctx.reply().simpleString(reply.substring(1));
        }
    }

    @Override
    public void debugLoadAof(CommandContext ctx) {
        aof.debugLoadAof();
        ctx.reply().raw(io.redisinternals.resp.Replies.OK);
    }

    @Override
    public String prepareShutdown(boolean save, boolean nosave, boolean force) {
        aof.shutdown();
        return null;
    }
}
