package io.redisinternals.keyspace;

/** Counters the server feeds and INFO stats reports. Thread-safe. */
public final class ServerStats {

    public void addNetInput(long bytes) {
        throw new UnsupportedOperationException("TODO");
    }

    public void addNetOutput(long bytes) {
        throw new UnsupportedOperationException("TODO");
    }

    public void connectionReceived() {
        throw new UnsupportedOperationException("TODO");
    }

    public void connectionRejected() {
        throw new UnsupportedOperationException("TODO");
    }
}
