package io.redisinternals.persistence.aof;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The RDB side of an AOF base file (an {@code appendonly.aof.N.base.rdb}, or the RDB preamble of
 * an old single AOF): provided by the RDB file code, so the AOF never serialises values itself.
 *
 * <p>Threading: both methods run with the execution lock held.
 */
public interface RdbBase {

    /** Writes the whole dataset (functions included) as an RDB file, as rdbSaveRio with the AOF-preamble flag. */
    void write(OutputStream out) throws IOException;

    /**
     * Loads one RDB file from {@code in}, reading exactly up to and including its checksum, so
     * that an old-style AOF's command tail can follow (Redis's rdbLoadRio).
     *
     * @throws IOException with the reason when the RDB is bad or truncated
     */
    void load(InputStream in) throws IOException;
}
