package io.redisinternals.persistence.aof;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The RDB side of an AOF base file (an {@code appendonly.aof.N.base.rdb}, or the RDB preamble of
 * an old single AOF): provided by the RDB file code, so the AOF never serialises values itself.
 */
public interface RdbBase {

    /**
     * Writes the whole dataset (functions included, aux {@code aof-base 1}) as an RDB file to
     * {@code temp}, fsynced, then renamed over {@code target}. Caller holds the execution lock.
     */
    void save(Path temp, Path target) throws IOException;

    /**
     * Loads the RDB at the start of {@code file} into the dataset (the loader takes the execution
     * lock per batch; reentrant if the caller holds it) and returns the bytes it took, so that an
     * old-style AOF's command tail can follow (Redis's rdbLoadRio).
     *
     * @throws IOException with the reason when the RDB is bad or truncated
     */
    long load(Path file) throws IOException;
}
