package io.redisinternals.engine;

import io.redisinternals.command.CommandContext;
import io.redisinternals.resp.Argv;
import java.util.function.BiConsumer;

/**
 * What the engine asks of persistence (RDB snapshots and the append-only file, module
 * {@code io.redisinternals.persistence}), at the points where Redis's server loop and commands
 * consult it. The engine defines the seams and the commands' metadata (SAVE, BGSAVE, LASTSAVE,
 * BGREWRITEAOF, the persistence forms of DEBUG and SHUTDOWN); the implementation is installed
 * once after boot ({@link Engine#persistence(Persistence)}). Without one, {@link #NONE}: nothing
 * is saved and the commands say so.
 *
 * <p>Threading: every method is called with the execution lock held.
 */
public interface Persistence {

    /** No persistence installed: the defaults below. */
    Persistence NONE = new Persistence() {
    };

    /** Redis's reply to the persistence commands when nothing can be persisted. */
    String UNAVAILABLE = "ERR persistence is not available in this server";

    /** Whether the dataset is being loaded: commands without the {@code loading} flag get {@code -LOADING}. */
    default boolean loading() {
        return false;
    }

    /**
     * The error a write command gets now, or null: {@code -MISCONF} after a failed background save
     * with {@code stop-writes-on-bgsave-error yes}, or the AOF's write error (Redis's
     * {@code writeCommandsDeniedByDiskError}). The dispatcher asks for WRITE commands and PING
     * from the master link, as Redis's processCommand.
     */
    default String writeRefusal() {
        return null;
    }

    /** Each cron tick: save points, automatic AOF rewrite, finishing background work, fsync bookkeeping. */
    default void cron(long nowMillis) {
    }

    /**
     * The end of a batch of commands, before their replies are flushed (Redis's beforeSleep
     * flushAppendOnlyFile): with {@code appendfsync always} the batch's propagated commands are
     * written and fsynced here, once for the whole batch.
     */
    default void beforeReplies() {
    }

    /**
     * Called by the transport (through the server), without the execution lock, just before it
     * sends queued replies: with {@code appendfsync always} the file is fsynced here when a batch
     * wrote since the last fsync, once for all the replies of an event-loop turn (Redis's
     * group commit in beforeSleep). Must return at once when there is nothing to sync.
     */
    default void beforeSend() {
    }

    /**
     * INFO persistence: every field of redis-server 7.0, in its order. Returns false when it
     * reported nothing, and the engine prints the figures of a Redis that never saved.
     */
    default boolean info(BiConsumer<String, Object> field) {
        return false;
    }

    default void save(CommandContext ctx) {
        ctx.reply().error(UNAVAILABLE);
    }

    default void bgsave(CommandContext ctx, Argv argv) {
        ctx.reply().error(UNAVAILABLE);
    }

    default void lastsave(CommandContext ctx) {
        ctx.reply().error(UNAVAILABLE);
    }

    default void bgrewriteaof(CommandContext ctx) {
        ctx.reply().error(UNAVAILABLE);
    }

    /** DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]. */
    default void debugReload(CommandContext ctx, Argv argv) {
        ctx.reply().error(UNAVAILABLE);
    }

    /** DEBUG LOADAOF. */
    default void debugLoadAof(CommandContext ctx) {
        ctx.reply().error(UNAVAILABLE);
    }

    /**
     * SHUTDOWN's persistence step, before the process exits: the final save when save points
     * exist or SAVE is given (not with NOSAVE), the AOF's last write and fsync. Returns null to go on
     * exiting, or the error that cancels the shutdown (a failed save without FORCE).
     */
    default String prepareShutdown(boolean save, boolean nosave, boolean force) {
        return null;
    }

    /** DEBUG OBJECT's serializedlength: the value's RDB serialisation length. */
    default long serializedLength(Object value) {
        return 0;
    }
}
