package io.redisinternals.command;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.resp.ReplyWriter;

/**
 * What a command function sees while it runs: where to write its reply, the selected database and
 * the whole keyspace (the storage), the command's clock and settings, and the blocking protocol.
 * Nothing of the engine (sessions, the command table, other clients) is reachable from here: a
 * command set written against this interface runs wherever the engine runs it (a client's request,
 * EXEC, a blocked client's re-run). Valid only during the call.
 */
public interface CommandContext {

    /** Where the command writes its one reply (already in the client's protocol, RESP2 or RESP3). */
    ReplyWriter reply();

    /** The running command's name, lower case ("get", "config|set" for a subcommand). */
    String commandName();

    /** The client's selected database. */
    Database db();

    /** Every database (SELECT, FLUSHALL, SWAPDB, MOVE). */
    Keyspace keyspace();

    /** Milliseconds since the epoch, fixed for the duration of the command (one clock read per command). */
    long nowMillis();

    /**
     * A numeric setting, read per call so CONFIG SET applies to the next command (proto-max-bulk-len,
     * the collection encoding thresholds...).
     */
    long configLong(String name);

    /**
     * Closes the calling client once this reply is written (Redis's CLIENT_CLOSE_AFTER_REPLY): for a
     * reply that grew beyond what may be sent (a random-draw command's count is the client's choice).
     */
    void closeAfterReply();

    /**
     * Looks a key up for reading, as Redis's {@code lookupKeyRead}: expires it first if its time
     * has passed, then counts a keyspace hit or miss (INFO stats). Read commands use this rather
     * than {@link Database#get} so the statistics stay in one place.
     *
     * @return the value of the key in argument {@code i} of {@code argv}, or null
     */
    default Object lookupRead(io.redisinternals.resp.Argv argv, int i) {
        return db().lookupRead(argv, i, nowMillis());
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
