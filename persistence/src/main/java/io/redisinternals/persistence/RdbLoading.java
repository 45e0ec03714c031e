package io.redisinternals.persistence;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.config.Config;
import io.redisinternals.persistence.rdb.RdbFileLoader;
import io.redisinternals.persistence.rdb.RdbFormatException;
import io.redisinternals.persistence.rdb.RdbInput;
import io.redisinternals.persistence.rdb.RdbReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;

/**
 * Loading an RDB file into the engine (at startup, DEBUG RELOAD) and what INFO says meanwhile:
 * {@code loading:1} and the loading_* fields. The loader takes the execution lock per batch of
 * keys, so clients are served (with {@code -LOADING}) while a big file loads.
 */
final class RdbLoading {

    private static final System.Logger LOG = System.getLogger("io.redisinternals.persistence");

    private final Engine engine;
    private final Config config;
    private volatile boolean loading;
    private volatile long startSeconds;
    private volatile long totalBytes;
    private volatile RdbFileLoader.Progress progress = new RdbFileLoader.Progress();
    private long lastLoaded;
    private long lastExpired;

    RdbLoading(Engine engine) {
        this.engine = engine;
        this.config = engine.config();
    }

    boolean loading() {
        return loading;
    }

    /** Loading from now on, before the file is even opened (the server's listener binds first). */
    void begin() {
        loading = true;
    }

    /** No longer loading (the startup load ended, whatever its outcome). */
    void end() {
        loading = false;
    }

    /**
     * Loads {@code file} into the (empty or, with {@code allowDuplicates}, merged) databases. Returns
     * false when there is no such file; throws {@link RdbFormatException} with the offset when it is
     * corrupt, {@link UncheckedIOException} when it cannot be read.
     */
    boolean load(Path file, boolean allowDuplicates) {
        long startNanos = System.nanoTime();
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            loading = false;
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RdbFileLoader.Progress p = new RdbFileLoader.Progress();
        try (ch) {
            totalBytes = Files.size(file);
            startSeconds = System.currentTimeMillis() / 1000;
            progress = p;
            loading = true;
            RdbFileLoader loader = new RdbFileLoader(engine.keyspace(), engine.executionLock(), engine.functionStores(),
                    db -> RdbReadOptions.of(this::setting, engine.keyspace().db(db).hasher(), false),
                    "yes".equals(config.get(PersistenceSettings.RDBCHECKSUM)),
                    Math.max(0, config.longValue(PersistenceSettings.KEY_LOAD_DELAY)),
                    System.currentTimeMillis(), p, allowDuplicates);
            RdbInput in = RdbInput.of(ch);
            loader.load(in);
            lastOffset = in.offset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            loading = false;
            lastLoaded = p.keysLoaded;
            lastExpired = p.keysExpired;
        }
        LOG.log(Level.INFO, "Done loading RDB, keys loaded: " + p.keysLoaded + ", keys expired: " + p.keysExpired + ".");
        LOG.log(Level.INFO, String.format(java.util.Locale.ROOT, "DB loaded from disk: %.3f seconds", (System.nanoTime() - startNanos) / 1e9));
        return true;
    }

    private long setting(String name) {
        try {
            return Long.parseLong(config.get(name));
        } catch (NumberFormatException e) {
            return io.redisinternals.engine.config.Config.parseMemory(config.get(name));
        }
    }

    /** Bytes the last RDB loaded took (an old AOF's RDB preamble: its command tail starts there). */
    long lastOffset() {
        return lastOffset;
    }

    private volatile long lastOffset;

    long lastLoaded() {
        return lastLoaded;
    }

    long lastExpired() {
        return lastExpired;
    }

    /** The loading_* fields, while loading (Redis prints them after the aof fields). */
    void info(BiConsumer<String, Object> field) {
        if (!loading) {
            return;
        }
        RdbFileLoader.Progress p = progress;
        long loaded = p.loadedBytes;
        double perc = totalBytes == 0 ? 0 : 100.0 * loaded / totalBytes;
        long remaining = Math.max(1, totalBytes - loaded);
        long elapsed = System.currentTimeMillis() / 1000 - startSeconds;
        long eta = elapsed == 0 ? 1 : elapsed * remaining / (loaded + 1);
        field.accept("loading_start_time", startSeconds);
        field.accept("loading_total_bytes", totalBytes);
        field.accept("loading_rdb_used_mem", p.rdbUsedMem);
        field.accept("loading_loaded_bytes", loaded);
        field.accept("loading_loaded_perc", String.format(java.util.Locale.ROOT, "%.2f", perc));
        field.accept("loading_eta_seconds", eta);
    }
}
