package io.redisinternals.command;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.resp.Argv;
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
     * A setting's text (yes/no and enumerated settings: rdbcompression, sanitize-dump-payload), or
     * null when no such setting is defined.
     */
    default String configString(String name) {
        return null;
    }


    // ---- key access ----------------------------------------------------------------------------
    //
    // Commands find keys only through these methods (Redis's lookupKeyRead/lookupKeyWrite): lazy
    // expiry, the access stamp, keyspace_hits/misses, the keymiss event and the before-write signal
    // happen here, once (see Database#lookup and Lookup for the flags). The typed forms answer
    // WRONGTYPE by throwing WrongTypeException, which the engine turns into the reply.

    /** A read lookup of the key in argument {@code i} with every side effect: the value or null. */
    default Object lookupRead(Argv argv, int i) {
        return lookupRead(argv, i, Lookup.READ);
    }

    /** A read lookup with {@link Lookup} flags; a miss sends {@code keymiss} unless NO_NOTIFY. */
    default Object lookupRead(Argv argv, int i, int flags) {
        Object v = db().lookup(argv, i, flags, nowMillis());
        if (v == null && (flags & (Lookup.NO_NOTIFY | Lookup.WRITE)) == 0) {
            keyEvent(KeyEvent.KEY_MISS, "keymiss", argv, i);
        }
        return v;
    }

    /** {@link #lookupRead(Argv, int, int)} of a key held as an array (SORT BY patterns, SCAN...). */
    default Object lookupRead(byte[] key, int flags) {
        Object v = db().lookup(key, flags, nowMillis());
        if (v == null && (flags & (Lookup.NO_NOTIFY | Lookup.WRITE)) == 0) {
            keyEvent(KeyEvent.KEY_MISS, "keymiss", key);
        }
        return v;
    }

    /**
     * A write lookup: the value or null, after lazy expiry; an existing value is announced to the
     * before-write signal, so the command may then change it in place. Counts no hit or miss.
     */
    default Object lookupWrite(Argv argv, int i) {
        return db().lookup(argv, i, Lookup.WRITE, nowMillis());
    }

    /** {@link #lookupWrite(Argv, int)} of a key held as an array. */
    default Object lookupWrite(byte[] key) {
        return db().lookup(key, Lookup.WRITE, nowMillis());
    }

    /**
     * A read lookup of a value of class {@code type} (ListValue, HashValue...): the value, or null
     * if the key is missing.
     *
     * @throws WrongTypeException if the key holds another type
     */
    default <T> T readAs(Class<T> type, Argv argv, int i) {
        return typed(type, lookupRead(argv, i));
    }

    /** {@link #readAs} with {@link Lookup} flags. */
    default <T> T readAs(Class<T> type, Argv argv, int i, int flags) {
        return typed(type, lookupRead(argv, i, flags));
    }

    /** A write lookup of a value of class {@code type}, as {@link #readAs}. */
    default <T> T writeAs(Class<T> type, Argv argv, int i) {
        return typed(type, lookupWrite(argv, i));
    }

    /**
     * A read lookup of a string (stored as {@code byte[]} or {@link StringValue}): the value or null.
     *
     * @throws WrongTypeException if the key holds a collection
     */
    default Object readString(Argv argv, int i) {
        return string(lookupRead(argv, i));
    }

    /** A write lookup of a string, as {@link #readString}. */
    default Object writeString(Argv argv, int i) {
        return string(lookupWrite(argv, i));
    }

    @SuppressWarnings("unchecked")
    private static <T> T typed(Class<T> type, Object v) {
        if (v == null || type.isInstance(v)) {
            return (T) v;
        }
        throw WrongTypeException.INSTANCE;
    }

    private static Object string(Object v) {
        if (v == null || StringValue.isString(v)) {
            return v;
        }
        throw WrongTypeException.INSTANCE;
    }

    // ---- effects ---------------------------------------------------------------------------------
    //
    // What a write command declares besides its reply, as Redis's commands do: keyspace events
    // (notifyKeyspaceEvent), the dirty counter (server.dirty) and how it is propagated to the AOF
    // and replicas (the request itself by default when it changed something, or a rewritten form).
    // The engine collects them per call and hands them to whoever listens; with nobody listening
    // they cost a field check.

    /**
     * A keyspace event on the key in argument {@code i}, in the selected database: {@code type} one
     * of the {@link KeyEvent} classes, {@code event} Redis's event name ("set", "lpush", "del"...).
     */
    default void keyEvent(int type, String event, Argv argv, int i) {
    }

    /** {@link #keyEvent(int, String, Argv, int)} for a key held as an array. */
    default void keyEvent(int type, String event, byte[] key) {
    }

    /** A keyspace event in database {@code db} (MOVE, COPY ... DB, SWAPDB touch another database). */
    default void keyEvent(int type, String event, byte[] key, int db) {
    }

    /**
     * Counts {@code changes} modifications (Redis's {@code server.dirty += n}): a call that counted
     * any is propagated, and they feed rdb_changes_since_last_save.
     */
    default void dirty(long changes) {
    }

    /**
     * Whether anything consumes the propagated form (the AOF, replicas): commands whose propagated
     * form must be built (SET EX becoming SET PXAT...) skip that work when false.
     */
    default boolean propagating() {
        return false;
    }

    /**
     * Propagates this call as {@code argv} instead of the request (Redis's
     * rewriteClientCommandVector): EXPIRE becomes PEXPIREAT, SPOP becomes SREM... Applies only if
     * the call is propagated at all (it counted {@link #dirty} changes).
     */
    default void propagateAs(byte[]... argv) {
    }

    /**
     * Propagates {@code argv} in database {@code db} besides (before) this call's own form, as
     * Redis's alsoPropagate; several propagated commands of one call reach the AOF and replicas
     * wrapped in MULTI/EXEC.
     */
    default void alsoPropagate(int db, byte[]... argv) {
    }

    /** This call's own form is not propagated, whatever it changed (Redis's preventCommandPropagation). */
    default void preventPropagation() {
    }

    /**
     * The error reply this command writes was already counted where it arose (a script's
     * {@code redis.call} error, re-raised as EVAL's reply): INFO errorstats and the command's
     * failed_calls skip it, as Redis's ERR_REPLY_FLAG_NO_STATS_UPDATE.
     */
    default void errorAlreadyCounted() {
    }

    /**
     * Argument {@code i} is a secret (a password): the slow log shows {@code (redacted)} in its
     * place, as Redis's redactClientCommandArgument.
     */
    default void redactArgument(int i) {
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
    default void block(Argv argv, int[] keyIndexes, String typeName, long deadlineMillis) {
        throw new UnsupportedOperationException("this context cannot block");
    }

    /**
     * Whether memory was over maxmemory, after eviction, when this request was dispatched (Redis's
     * pre_command_oom_state): a command that is not denyoom ran anyway, and may refuse what would
     * grow memory (a script with a shebang that may write).
     */
    default boolean overMaxmemory() {
        return false;
    }

    /**
     * Calls other commands from inside this one (a script's {@code redis.call}) with {@code flags}
     * ({@link NestedCalls#READ_ONLY}, {@link NestedCalls#ALLOW_OOM}); see {@link NestedCalls}.
     */
    default NestedCalls nestedCalls(int flags) {
        throw new UnsupportedOperationException("this context cannot run nested commands");
    }

    /**
     * The script running now while this command runs beside it (only while a script is busy: an
     * allow-busy command such as SCRIPT KILL from another client), else null.
     */
    default RunningScript runningScript() {
        return null;
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
