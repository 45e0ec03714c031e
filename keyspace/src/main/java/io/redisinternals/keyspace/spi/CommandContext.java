package io.redisinternals.keyspace.spi;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Engine;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.Session;
import io.redisinternals.resp.ReplyWriter;

/**
 * What a command function sees while it runs: where to write its reply, the client's session and
 * selected database, the whole keyspace and the engine. Valid only during the call.
 */
public interface CommandContext {

    /** Where the command writes its one reply (already in the client's protocol, RESP2 or RESP3). */
    ReplyWriter reply();

    /** The calling client. */
    Session session();

    /** The client's selected database. */
    Database db();

    /** Every database (SELECT, FLUSHALL, SWAPDB, MOVE). */
    Keyspace keyspace();

    /** The engine: command table, config, clients, stats. */
    Engine engine();

    /** Milliseconds since the epoch, fixed for the duration of the command (one clock read per command). */
    long nowMillis();

    /**
     * A numeric setting, read per call so CONFIG SET applies to the next command (proto-max-bulk-len,
     * the collection encoding thresholds...).
     */
    default long configLong(String name) {
        return engine().config().longValue(name);
    }

    /** The counters INFO stats reports. */
    default io.redisinternals.keyspace.ServerStats stats() {
        return engine().stats();
    }

    /**
     * Looks a key up for reading, as Redis's {@code lookupKeyRead}: expires it first if its time
     * has passed, then counts a keyspace hit or miss (INFO stats). Read commands use this rather
     * than {@link Database#get} so the statistics stay in one place.
     *
     * @return the value of the key in argument {@code i} of {@code argv}, or null
     */
    default Object lookupRead(io.redisinternals.resp.Argv argv, int i) {
        Database db = db();
        db.expireIfNeeded(argv, i, nowMillis());
        Object value = db.get(argv, i);
        if (value == null) {
            stats().keyspaceMiss();
        } else {
            stats().keyspaceHit();
        }
        return value;
    }

    /**
     * Whether the running command may block: false inside MULTI/EXEC (a blocking command then acts
     * as its non-blocking form and replies at once, as in Redis).
     */
    default boolean mayBlock() {
        return false;
    }

    /**
     * Blocks the calling client instead of replying (BLPOP, BZPOPMIN, ...). The command writes no
     * reply. When one of the keys in {@code keyIndexes} (argument positions) holds a value of
     * type {@code typeName} ("list", "zset") after some write, the engine runs the same command
     * function again, with the same arguments, for the blocked client: clients blocked on a key are
     * retried in the order they blocked (first come, first served). If the retried function
     * replies, the client is unblocked and the reply sent; if it calls {@code block} again (nothing
     * for it after all), it stays blocked in its place with its original deadline. At
     * {@code deadlineMillis} (absolute Unix ms; 0 = never) the client gets a null array (RESP2
     * {@code *-1}, RESP3 {@code _}). Only call when {@link #mayBlock()} is true.
     */
    default void block(io.redisinternals.resp.Argv argv, int[] keyIndexes, String typeName, long deadlineMillis) {
        throw new UnsupportedOperationException("this context cannot block");
    }

    /**
     * While the engine re-runs a blocked client's command because a key it waits on was written:
     * that key, so the command serves from it alone, as Redis serves a blocked client from the key
     * that became ready (not from an earlier key that may hold another type or have been filled
     * later). Null otherwise.
     */
    default byte[] servingKey() {
        return null;
    }
}
