package io.redisinternals.persistence;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.config.Config;
import io.redisinternals.persistence.rdb.RdbFileWriter;
import io.redisinternals.persistence.snapshot.Snapshot;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.command.spi.FunctionStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RDB saving: SAVE (in the caller's thread, under the lock), BGSAVE (a {@link Snapshot} walked by
 * a thread of its own while clients write), the save points of serverCron, and the state INFO and
 * MISCONF read (Redis's lastsave, lastbgsave_status, dirty counter at the last save...).
 *
 * <p>Threading: every method under the execution lock, except the background thread's body.
 */
final class RdbSaves {

    private static final System.Logger LOG = System.getLogger("io.redisinternals.persistence");
    /** Redis's CONFIG_BGSAVE_RETRY_DELAY: after a failed BGSAVE, save points wait this long (s). */
    static final long BGSAVE_RETRY_DELAY_SECONDS = 5;

    private final Engine engine;
    private final Config config;

    /** Engine's dirty counter when the dataset last matched the file (Redis's server.dirty is the difference). */
    private long dirtyAtSave;
    private long lastSaveSeconds;
    private long lastBgsaveTrySeconds;
    private boolean lastBgsaveOk = true;
    private long lastBgsaveSeconds = -1;
    private long saves;

    /** The background save running, or null. */
    private volatile Background running;
    /** BGSAVE SCHEDULE while another background job ran. */
    private boolean scheduled;

    /** One BGSAVE: its snapshot, thread and outcome (set by the thread, read under the lock by cron). */
    private final class Background {
        final Snapshot snapshot;
        final RdbFileWriter writer;
        final long startedMillis = System.currentTimeMillis();
        final long dirtyAtStart;
        volatile Throwable failure;
        volatile boolean done;
        Thread thread;

        Background(Snapshot snapshot, RdbFileWriter writer, long dirtyAtStart) {
            this.snapshot = snapshot;
            this.writer = writer;
            this.dirtyAtStart = dirtyAtStart;
        }
    }

    RdbSaves(Engine engine) {
        this.engine = engine;
        this.config = engine.config();
        this.lastSaveSeconds = engine.startTimeMillis() / 1000;
        this.dirtyAtSave = engine.effects().dirty();
    }

    boolean bgsaveRunning() {
        return running != null;
    }

    long lastSaveSeconds() {
        return lastSaveSeconds;
    }

    /** Redis's server.dirty: changes since the last successful save. */
    long changesSinceSave() {
        return engine.effects().dirty() - dirtyAtSave;
    }

    /** The dataset now matches the file just loaded or saved. */
    void resetChanges(long nowSeconds) {
        dirtyAtSave = engine.effects().dirty();
        lastSaveSeconds = nowSeconds;
    }

    Path file() {
        return Path.of(config.get(PersistenceSettings.DIR), config.get(PersistenceSettings.DBFILENAME));
    }

    private Path tempFile() {
        return Path.of(config.get(PersistenceSettings.DIR), "temp-" + ProcessHandle.current().pid() + ".rdb");
    }

    private Path bgTempFile() {
        return Path.of(config.get(PersistenceSettings.DIR), "temp-bg-" + ProcessHandle.current().pid() + ".rdb");
    }

    private RdbFileWriter openWriter(Path temp) throws IOException {
        return openWriter(temp, false);
    }

    private RdbFileWriter openWriter(Path temp, boolean aofBase) throws IOException {
        String policy = config.get("maxmemory-policy");
        Keyspace ks = engine.keyspace();
        RdbFileWriter.Stamps stamps = policy.endsWith("-lru") ? RdbFileWriter.Stamps.IDLE
                : policy.endsWith("-lfu") ? RdbFileWriter.Stamps.FREQ : RdbFileWriter.Stamps.NONE;
        RdbFileWriter w = new RdbFileWriter(temp, yes(PersistenceSettings.RDBCOMPRESSION), yes(PersistenceSettings.RDBCHECKSUM),
                yes(PersistenceSettings.RDB_SAVE_INCREMENTAL_FSYNC), stamps,
                stamps == RdbFileWriter.Stamps.FREQ ? ks::lfuCounter : ks::idleSeconds);
        w.header(auxFields(aofBase), functionCodes());
        return w;
    }

    /** rdbSaveInfoAuxFields of a master without replication info: redis-ver, redis-bits, ctime, used-mem, aof-base. */
    private List<Object[]> auxFields(boolean aofBase) {
        List<Object[]> aux = new ArrayList<>();
        aux.add(new Object[] {"redis-ver", "7.0.15"});
        aux.add(new Object[] {"redis-bits", 64L});
        aux.add(new Object[] {"ctime", System.currentTimeMillis() / 1000});
        aux.add(new Object[] {"used-mem", engine.memory().used()});
        aux.add(new Object[] {"aof-base", aofBase ? 1L : 0L});
        return aux;
    }

    private List<byte[]> functionCodes() {
        List<byte[]> codes = new ArrayList<>();
        for (FunctionStore s : engine.functionStores()) {
            codes.addAll(s.codes());
        }
        return codes;
    }

    boolean yes(String setting) {
        return "yes".equals(config.get(setting));
    }

    private long keySaveDelay() {
        return Math.max(0, config.longValue(PersistenceSettings.RDB_KEY_SAVE_DELAY));
    }

    /** rdbSave: the whole file now, in this thread, under the lock. True on success (logged either way). */
    boolean saveNow() {
        Path temp = tempFile();
        RdbFileWriter w;
        try {
            w = openWriter(temp);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Failed opening the temp RDB file " + temp.getFileName() + " (in server root dir "
                    + config.get(PersistenceSettings.DIR) + ") for saving: " + reason(e));
            return false;
        }
        try (w) {
            Snapshot.saveLocked(engine, w, keySaveDelay());
            w.commit(file());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Write error saving DB on disk: " + reason(e));
            return false;
        }
        LOG.log(Level.INFO, "DB saved on disk");
        resetChanges(System.currentTimeMillis() / 1000);
        lastBgsaveOk = true; // as rdbSave: a good save clears a failed BGSAVE's MISCONF
        return true;
    }

    /**
     * The writer of the AOF's RDB base file (aof-use-rdb-preamble yes): aux aof-base 1, the
     * functions; the caller walks a snapshot into it (the aof package's use of the writer).
     */
    RdbFileWriter openAofBase(Path temp) throws IOException {
        return openWriter(temp, true);
    }

    /** rdbSaveBackground: starts a BGSAVE; false (logged) when it cannot start. */
    boolean startBackground() {
        long now = System.currentTimeMillis() / 1000;
        lastBgsaveTrySeconds = now;
        Path temp = bgTempFile();
        RdbFileWriter w;
        try {
            w = openWriter(temp);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Failed opening the temp RDB file " + temp.getFileName() + " (in server root dir "
                    + config.get(PersistenceSettings.DIR) + ") for saving: " + reason(e));
            lastBgsaveOk = false;
            return false;
        }
        Snapshot snapshot = new Snapshot(engine, w, keySaveDelay());
        Background bg = new Background(snapshot, w, engine.effects().dirty());
        Path target = file();
        bg.thread = Thread.ofPlatform().name("bgsave").daemon().start(() -> {
            try (w) {
                snapshot.walkInSlices();
                w.commit(target);
            } catch (Throwable t) {
                bg.failure = t;
            }
            bg.done = true;
        });
        running = bg;
        saves++; // as Redis, counted when it starts
        LOG.log(Level.INFO, "Background saving started");
        return true;
    }

    /**
     * Each cron tick: a finished BGSAVE's bookkeeping, a scheduled one, the save points (not while
     * an AOF rewrite runs, {@code otherChild}: one background snapshot at a time).
     */
    void cron(long nowMillis, boolean otherChild) {
        Background bg = running;
        if (bg != null && bg.done) {
            finished(bg, nowMillis);
            bg = null;
        }
        if (otherChild) {
            return;
        }
        long now = nowMillis / 1000;
        if (bg == null && scheduled) {
            scheduled = false;
            startBackground();
            return;
        }
        if (bg != null) {
            return;
        }
        long changes = changesSinceSave();
        String[] points = config.get(PersistenceSettings.SAVE).trim().split(" +");
        for (int i = 0; i + 1 < points.length; i += 2) {
            long seconds = Long.parseLong(points[i]);
            long min = Long.parseLong(points[i + 1]);
            if (changes >= min && now - lastSaveSeconds > seconds
                    && (now - lastBgsaveTrySeconds > BGSAVE_RETRY_DELAY_SECONDS || lastBgsaveOk)) {
                LOG.log(Level.INFO, changes + " changes in " + seconds + " seconds. Saving...");
                startBackground();
                return;
            }
        }
    }

    private void finished(Background bg, long nowMillis) {
        running = null;
        lastBgsaveSeconds = (nowMillis - bg.startedMillis) / 1000;
        if (bg.failure == null) {
            LOG.log(Level.INFO, "Background saving terminated with success");
            dirtyAtSave = bg.dirtyAtStart; // changes made meanwhile stay unsaved
            lastSaveSeconds = nowMillis / 1000;
            lastBgsaveOk = true;
        } else {
            LOG.log(Level.WARNING, "Background saving error: " + reason(bg.failure));
            lastBgsaveOk = false;
        }
    }

    /** Waits for a running BGSAVE to end and does its bookkeeping (SAVE refuses instead; DEBUG RELOAD and tests). */
    void awaitBackground() {
        Background bg = running;
        if (bg == null) {
            return;
        }
        var lock = engine.executionLock();
        int holds = ((java.util.concurrent.locks.ReentrantLock) lock).getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        try {
            bg.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (int i = 0; i < holds; i++) {
                lock.lock();
            }
        }
        if (running == bg) {
            finished(bg, System.currentTimeMillis());
        }
    }

    /** Stops a running BGSAVE and removes its temp file (SHUTDOWN, as killRDBChild). */
    void killBackground() {
        Background bg = running;
        if (bg == null) {
            return;
        }
        bg.snapshot.cancel();
        awaitBackground();
    }

    void schedule() {
        scheduled = true;
    }

    /** -MISCONF after a failed BGSAVE with stop-writes-on-bgsave-error and save points (writeCommandsDeniedByDiskError). */
    boolean refusesWrites() {
        return !lastBgsaveOk && yes(PersistenceSettings.STOP_WRITES_ON_BGSAVE_ERROR)
                && !config.get(PersistenceSettings.SAVE).isEmpty();
    }

    void countSave() {
        saves++;
    }

    /** The RDB part of INFO persistence after the loading and cow fields. */
    void info(java.util.function.BiConsumer<String, Object> field) {
        Background bg = running;
        field.accept("current_cow_peak", 0);
        field.accept("current_cow_size", 0);
        field.accept("current_cow_size_age", 0);
        double perc = bg == null || bg.snapshot.keysTotal() == 0 ? 0
                : 100.0 * bg.snapshot.keysProcessed() / bg.snapshot.keysTotal();
        field.accept("current_fork_perc", String.format(java.util.Locale.ROOT, "%.2f", perc));
        field.accept("current_save_keys_processed", bg == null ? 0 : bg.snapshot.keysProcessed());
        field.accept("current_save_keys_total", bg == null ? 0 : bg.snapshot.keysTotal());
        field.accept("rdb_changes_since_last_save", changesSinceSave());
        field.accept("rdb_bgsave_in_progress", bg == null ? 0 : 1);
        field.accept("rdb_last_save_time", lastSaveSeconds);
        field.accept("rdb_last_bgsave_status", lastBgsaveOk ? "ok" : "err");
        field.accept("rdb_last_bgsave_time_sec", lastBgsaveSeconds);
        field.accept("rdb_current_bgsave_time_sec", bg == null ? -1 : (System.currentTimeMillis() - bg.startedMillis) / 1000);
        field.accept("rdb_saves", saves);
        field.accept("rdb_last_cow_size", 0);
    }

    static String reason(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
