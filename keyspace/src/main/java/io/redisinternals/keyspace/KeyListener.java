package io.redisinternals.keyspace;

import io.redisinternals.resp.Argv;

/**
 * Key signals: what the storage tells the engine about its keys, so that WATCH, blocked clients
 * and, later, keyspace notifications, client tracking and snapshots learn of every change from one
 * place instead of each command calling them. A {@link Database} calls its listener, if it has
 * one, synchronously, under the execution lock, after the change (except {@link #flushing}, which
 * comes before it). With no listener set the cost of a signal is one field check.
 *
 * <p>Keys passed as an argument slice ({@code argv}, {@code i}) are valid during the call only;
 * copy them to keep them.
 */
public interface KeyListener {

    /**
     * The key was written, deleted or expired (Redis's signalModifiedKey): the key in argument
     * {@code i} of {@code argv}.
     */
    void keyModified(Database db, Argv argv, int i);

    /** {@link #keyModified(Database, Argv, int)} for a key held as an array. */
    void keyModified(Database db, byte[] key);

    /** Every key of {@code db} is about to be removed (FLUSHDB, FLUSHALL); its keys are still there. */
    void flushing(Database db);

    /**
     * {@code a} and {@code b} have exchanged their keys (SWAPDB): each kept its number, so who
     * waits on or watches a key by database number now sees the other contents.
     */
    void swapped(Database a, Database b);
}
