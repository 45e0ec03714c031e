package io.redisinternals.persistence.aof;

import io.redisinternals.persistence.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A new AOF base file being written to its temp file: the sink of the rewrite's snapshot (RDB
 * preamble or commands), then either committed (fsynced and renamed over its final name) or
 * closed unfinished (the temp file removed: a failed or cancelled rewrite).
 */
public interface BaseWriter extends Snapshot.Sink, AutoCloseable {

    /** Without the lock, after the walk: the rest written, fsync, rename over {@code target}, directory fsync. */
    void commit(Path target) throws IOException;

    /** Closes the file; the temp file is deleted if {@link #commit} did not move it. */
    @Override
    void close();
}
