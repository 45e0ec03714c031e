package io.redisinternals.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the server feeds and INFO stats reports. Thread-safe: network counters are bumped by
 * I/O threads outside the execution lock, so every counter is a {@link LongAdder} (cheap to add
 * from many threads, summed only when INFO reads it), except the command count, which only the
 * call path bumps under the execution lock. CONFIG RESETSTAT zeroes them all.
 */
public final class ServerStats {

    private final LongAdder netInput = new LongAdder();
    private final LongAdder netOutput = new LongAdder();
    private final LongAdder connectionsReceived = new LongAdder();
    private final LongAdder connectionsRejected = new LongAdder();
    /** Only ever bumped by the call path, under the execution lock: a plain field, no atomic per command. */
    private long commandsProcessed;

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
        commandsProcessed++;
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

    /** Exact under the execution lock (INFO); a racy but harmless read elsewhere. */
    public long commandsProcessed() {
        return commandsProcessed;
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        for (LongAdder a : new LongAdder[] {netInput, netOutput, connectionsReceived, connectionsRejected}) {
            a.reset();
        }
        commandsProcessed = 0; // RESETSTAT runs under the execution lock
    }
}
