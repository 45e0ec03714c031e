package io.redisinternals.persistence.aof;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The RDB side of an AOF base file (an {@code appendonly.aof.N.base.rdb}, or the RDB preamble of
 * an old single AOF): provided by the RDB file code, so the AOF never serialises values itself.
 */
public interface RdbBase {

    /**
     * Opens {@code temp} for an RDB base file, its header (aux {@code aof-base 1}) and function
     * libraries written; the keys come from a snapshot. Caller holds the execution lock.
     */
    BaseWriter open(Path temp) throws IOException;

    /**
     * Loads the RDB at the start of {@code file} into the dataset (the loader takes the execution
     * lock per batch; reentrant if the caller holds it) and returns the bytes it took, so that an
     * old-style AOF's command tail can follow (Redis's rdbLoadRio).
     *
     * @throws IOException with the reason when the RDB is bad or truncated
     */
    long load(Path file) throws IOException;
}
