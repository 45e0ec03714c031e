package io.redisinternals.keyspace;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the server feeds and INFO stats reports. Thread-safe: network counters are bumped by
 * I/O threads outside the execution lock, so every counter is a {@link LongAdder} (cheap to add
 * from many threads, summed only when INFO reads it). CONFIG RESETSTAT zeroes them all.
 */
public final class ServerStats {

    private final LongAdder netInput = new LongAdder();
    private final LongAdder netOutput = new LongAdder();
    private final LongAdder connectionsReceived = new LongAdder();
    private final LongAdder connectionsRejected = new LongAdder();
    private final LongAdder commandsProcessed = new LongAdder();
    private final LongAdder keyspaceHits = new LongAdder();
    private final LongAdder keyspaceMisses = new LongAdder();
    private final LongAdder expiredKeys = new LongAdder();

    public void addNetInput(long bytes) {
        netInput.add(bytes);
    }

    public void addNetOutput(long bytes) {
        netOutput.add(bytes);
    }

    public void connectionReceived() {
        connectionsReceived.increment();
    }

    public void connectionRejected() {
        connectionsRejected.increment();
    }

    /** A command ran (INFO total_commands_processed); called by the dispatcher. */
    public void commandProcessed() {
        commandsProcessed.increment();
    }

    /** A read command found its key (INFO keyspace_hits); called by data-type commands. */
    public void keyspaceHit() {
        keyspaceHits.increment();
    }

    /** A read command did not find its key (INFO keyspace_misses). */
    public void keyspaceMiss() {
        keyspaceMisses.increment();
    }

    /** A key was removed because its TTL passed (INFO expired_keys). */
    public void keyExpired() {
        expiredKeys.increment();
    }

    public long netInputBytes() {
        return netInput.sum();
    }

    public long netOutputBytes() {
        return netOutput.sum();
    }

    public long connectionsReceived() {
        return connectionsReceived.sum();
    }

    public long connectionsRejected() {
        return connectionsRejected.sum();
    }

    public long commandsProcessed() {
        return commandsProcessed.sum();
    }

    public long keyspaceHits() {
        return keyspaceHits.sum();
    }

    public long keyspaceMisses() {
        return keyspaceMisses.sum();
    }

    public long expiredKeys() {
        return expiredKeys.sum();
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        for (LongAdder a : new LongAdder[] {netInput, netOutput, connectionsReceived, connectionsRejected,
                commandsProcessed, keyspaceHits, keyspaceMisses, expiredKeys}) {
            a.reset();
        }
    }
}
