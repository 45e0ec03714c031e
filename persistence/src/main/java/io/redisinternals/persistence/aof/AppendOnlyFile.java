package io.redisinternals.persistence.aof;

import io.redisinternals.engine.Effects;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.config.Config;
import io.redisinternals.command.spi.FunctionStore;
import io.redisinternals.persistence.snapshot.Snapshot;
import io.redisinternals.resp.Argv;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;

/**
 * Redis 7.0's multi-part append-only file: the propagation sink that encodes every command the
 * call path propagates into a buffer ({@code feedAppendOnlyFile}, with a SELECT when the database
 * changes), written before the replies that acknowledge it leave ({@link AofAppender}: once per
 * event-loop turn, with {@code appendfsync always} one fsync for the turn, with {@code everysec} a
 * background fsync at most once a second, postponed while one still runs),
 * the manifest and its files, loading at startup and DEBUG LOADAOF, and rewrites (BGREWRITEAOF,
 * the automatic one, turning {@code appendonly} on).
 *
 * <p>A rewrite has no fork to run in: it runs on a background {@link Snapshot} (the one BGSAVE
 * uses), started by BGREWRITEAOF itself (every effect before it already reached the buffer;
 * inside EXEC or during a BGSAVE it is scheduled), by {@code CONFIG SET appendonly yes} in the
 * same way, or by the cron. As Redis's, it first opens a new incremental file
 * (manifest updated) that the writes made meanwhile go to (a temp incremental file while
 * {@code appendonly} is being turned on), the snapshot's thread writes the new base to a temp file
 * (an RDB through {@link RdbBase} with {@code aof-use-rdb-preamble yes} when one is installed,
 * else commands through {@link AofRewriter}) and fsyncs it, and the cron, under the lock, renames
 * it, makes the new manifest (new base + the incremental files opened since the start) durable
 * and deletes the old files. A crash at any point leaves a manifest whose files are all there.
 *
 * <p>Threading: everything runs with the execution lock held, except the write and fsync of what
 * batches handed off, which the transport thread about to send replies does ({@link AofAppender}
 * has the locks), the background fsync (one daemon thread, {@code aof-fsync}), which only forces a
 * channel and counts, and the rewrite's snapshot thread ({@code aof-rewrite}), which only walks its
 * snapshot and writes its temp file.
 */
public final class AppendOnlyFile implements Effects.PropagationSink {

    private static final System.Logger LOG = System.getLogger(AppendOnlyFile.class.getName());
    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
    private enum State { OFF, ON, WAIT_REWRITE }

    private final Engine engine;
    private final Config config;
    private volatile RdbBase rdb;

    private State state = State.OFF;
    private AofManifest manifest = new AofManifest();
    private final AofAppender appender;
    private int selectedDb = -1;
    private long currentTimestamp;
    private long rewriteBaseSize;

    /** Whether a BGSAVE runs (Redis's other child: one snapshot at a time). */
    private java.util.function.BooleanSupplier bgsaveRunning = () -> false;
    /** The rewrite whose snapshot is being written in the background, or null. */
    private volatile Rewrite running;
    /** A rewrite to start from the cron (Redis's aof_rewrite_scheduled), cleared when one starts. */
    private boolean rewriteScheduled;
    /** aofRewriteLimited's state: the backoff after repeated failures, and when it ends (epoch seconds). */
    private int limitDelayMinutes;
    private long limitUntilSeconds;
    private long lastRewriteSeconds = -1;
    private boolean lastRewriteOk = true;
    private long rewrites;
    private long consecutiveFailures;
    private volatile boolean loading;

    /** Settings read per command or per batch, kept current by listeners (no map lookup on the hot path). */
    private volatile String fsyncPolicy;
    private volatile boolean timestamps;
    private volatile boolean noFsyncOnRewrite;

    private AppendOnlyFile(Engine engine) {
        this.engine = engine;
        this.config = engine.config();
        fsyncPolicy = config.get(AofSettings.APPENDFSYNC);
        timestamps = config.get(AofSettings.TIMESTAMP_ENABLED).equals("yes");
        noFsyncOnRewrite = config.get(AofSettings.NO_APPENDFSYNC_ON_REWRITE).equals("yes");
        config.onChange(AofSettings.APPENDFSYNC, v -> fsyncPolicy = v);
        config.onChange(AofSettings.TIMESTAMP_ENABLED, v -> timestamps = v.equals("yes"));
        config.onChange(AofSettings.NO_APPENDFSYNC_ON_REWRITE, v -> noFsyncOnRewrite = v.equals("yes"));
        appender = new AofAppender(() -> fsyncPolicy, () -> noFsyncOnRewrite && running != null);
    }

    /**
     * Creates the AOF of {@code engine} and follows {@code appendonly} changes at runtime (Redis's
     * updateAppendonly: yes starts a rewrite that creates the base, no closes the file).
     */
    public static AppendOnlyFile create(Engine engine) {
        AppendOnlyFile aof = new AppendOnlyFile(engine);
        engine.config().onRuntimeSet(AofSettings.APPENDONLY, v -> {
            if (v.equals("yes") && aof.state == State.OFF) {
                if (!aof.startAppendOnly()) {
                    throw new IllegalArgumentException("Unable to turn on AOF. Check server logs.");
                }
            } else if (v.equals("no") && aof.state != State.OFF) {
                aof.stopAppendOnly();
            }
            return v;
        });
        engine.config().onChange(AofSettings.DISABLE_AUTO_GC, v -> {
            if (v.equals("no")) {
                try {
                    aof.deleteHistory(); // Redis's updateAofAutoGCEnabled
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "Removing AOF history files: " + e.getMessage());
                }
            }
        });
        return aof;
    }

    /** Tells the AOF how to know whether a BGSAVE runs (a rewrite then waits for it). */
    public void bgsaveRunning(java.util.function.BooleanSupplier running) {
        this.bgsaveRunning = running;
    }

    /** Installs the RDB reader and writer for base files (null: bases are written as commands). */
    public void rdbBase(RdbBase rdb) {
        this.rdb = rdb;
    }

    public boolean enabled() {
        return state != State.OFF;
    }

    /** Whether the AOF is being loaded (clients get -LOADING meanwhile). */
    public boolean loading() {
        return loading;
    }

    private Path dir() {
        return Path.of(config.get("dir"));
    }

    private Path aofDir() {
        return dir().resolve(config.get(AofSettings.APPENDDIRNAME));
    }

    private String fileName() {
        return config.get(AofSettings.APPENDFILENAME);
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    // ---- startup ------------------------------------------------------------------------------

    /**
     * The AOF part of startup when {@code appendonly yes} (Redis's aofLoadManifestFromDisk,
     * loadAppendOnlyFiles, aofOpenIfNeededOnServerStart, aofDelHistoryFiles): upgrade an old single
     * AOF, load the files, create a base if there is none, open the last incremental file.
     *
     * @return whether a dataset was loaded
     * @throws IllegalStateException with Redis's message when the server must not start
     */
    public boolean boot() {
        Path aofDir = aofDir();
        try {
            manifest = AofFiles.readManifest(aofDir, fileName());
        } catch (AofManifest.ManifestException e) {
            LOG.log(System.Logger.Level.ERROR, "*** FATAL AOF MANIFEST FILE ERROR *** " + e.getMessage());
            throw new IllegalStateException("Fatal AOF manifest file error: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Fatal error: can't open the AOF manifest file "
                    + AofFiles.manifestPath(aofDir, fileName()) + " for reading: " + e.getMessage(), e);
        }
        boolean loaded;
        try {
            upgradeIfNeeded();
            loaded = load(); // takes the execution lock in slices itself
            java.util.concurrent.locks.Lock lock = engine.executionLock();
            lock.lock();
            try {
                openOnServerStart();
                deleteHistory();
            } finally {
                lock.unlock();
            }
        } catch (AofLoader.LoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Can't open the append-only file: " + e.getMessage(), e);
        }
        return loaded;
    }

    /**
     * Redis 7.0's upgrade: an old {@code appendonly.aof} in {@code dir} and no usable manifest
     * becomes the base (seq 1) of a new manifest, moved into the AOF directory.
     */
    private void upgradeIfNeeded() throws IOException {
        Path old = dir().resolve(fileName());
        if (!Files.isRegularFile(old)) {
            return;
        }
        Path aofDir = aofDir();
        AofManifest.Entry base = manifest.base();
        boolean upgrade = !Files.isDirectory(aofDir) || manifest.empty()
                || (base != null && manifest.incrs().isEmpty() && base.name().equals(fileName())
                        && !Files.exists(aofDir.resolve(fileName())));
        if (!upgrade) {
            return;
        }
        Files.createDirectories(aofDir);
        AofManifest m = new AofManifest();
        m.upgradeBase(fileName());
        AofFiles.writeManifest(aofDir, fileName(), m);
        Files.move(old, aofDir.resolve(fileName()), StandardCopyOption.ATOMIC_MOVE);
        AofFiles.fsyncDir(aofDir);
        manifest = m;
        LOG.log(System.Logger.Level.INFO, "Successfully migrated an old-style AOF file ({0}) into the AOF directory ({1}).",
                fileName(), config.get(AofSettings.APPENDDIRNAME));
    }

    private boolean load() throws AofLoader.LoadException {
        boolean truncatedOk = config.get(AofSettings.LOAD_TRUNCATED).equals("yes");
        AofLoader loader = new AofLoader(engine, aofDir(), fileName(), truncatedOk, rdb);
        loading = true;
        try {
            AofLoader.Loaded l = loader.load(manifest);
            if (l.anything()) {
                appender.currentSize(l.totalSize());
                rewriteBaseSize = l.baseSize();
            }
            return l.anything();
        } finally {
            loading = false;
        }
    }

    /** Redis's aofOpenIfNeededOnServerStart. */
    private void openOnServerStart() throws IOException {
        Path aofDir = aofDir();
        Files.createDirectories(aofDir);
        if (manifest.empty()) {
            AofManifest.Entry base = manifest.newBase(fileName(), preambleBase());
            writeBase(aofDir.resolve(base.name()));
            LOG.log(System.Logger.Level.INFO, "Creating AOF base file {0} on server start", base.name());
        }
        boolean existing = !manifest.incrs().isEmpty();
        AofManifest.Entry incr = manifest.lastIncrOrNew(fileName());
        FileChannel fd = FileChannel.open(aofDir.resolve(incr.name()), StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        AofFiles.writeManifest(aofDir, fileName(), manifest);
        appender.open(fd, fd.size());
        if (appender.currentSize() == 0) {
            appender.currentSize(totalSize());
        }
        LOG.log(System.Logger.Level.INFO, (existing ? "Opening" : "Creating") + " AOF incr file {0} on server start", incr.name());
        state = State.ON;
        selectedDb = -1;
        engine.effects().addPropagationSink(Effects.AOF, this);
    }

    private long totalSize() {
        long total = 0;
        for (AofManifest.Entry e : manifest.loadOrder()) {
            try {
                total += Files.size(aofDir().resolve(e.name()));
            } catch (IOException ignored) {
                // a missing file counts nothing here; loading reports it
            }
        }
        return total;
    }

    /** Whether a new base is an RDB (aof-use-rdb-preamble yes and an RDB writer installed). */
    private boolean preambleBase() {
        return config.get(AofSettings.USE_RDB_PREAMBLE).equals("yes") && rdb != null;
    }

    // ---- appending ----------------------------------------------------------------------------

    /** Redis's feedAppendOnlyFile: the command as a RESP array, after a SELECT if the database changed. */
    @Override
    public void propagate(int db, byte[][] argv) {
        RespOut buf = bufferFor(db);
        if (buf != null) {
            buf.command(argv);
        }
    }

    /** A request propagated as it came: encoded from the request itself, no copy of its arguments. */
    @Override
    public void propagate(int db, Argv argv, int targets) {
        RespOut buf = bufferFor(db);
        if (buf != null) {
            buf.command(argv);
        }
    }

    /**
     * The buffer a command of {@code db} goes to, after the timestamp annotation and the SELECT it
     * needs; null when nothing is appended now.
     */
    private RespOut bufferFor(int db) {
        if (!writing() || loading) {
            return null; // WAIT_REWRITE before its rewrite starts: the rewrite's snapshot captures the dataset with it
        }
        RespOut buf = appender.buffer();
        if (timestamps) {
            long now = nowSeconds();
            if (currentTimestamp < now) {
                currentTimestamp = now;
                buf.raw("#TS:" + now + "\r\n");
            }
        }
        if (db != selectedDb) {
            buf.arrayHeader(2);
            buf.bulk(SELECT);
            buf.bulk(db);
            selectedDb = db;
        }
        return buf;
    }

    /**
     * The end of a batch: its bytes handed to the writer (written before its replies leave, see
     * {@link AofAppender}).
     */
    public void beforeReplies() {
        if (writing()) {
            appender.endBatch();
        }
    }

    /**
     * Whether commands go to a file: the AOF is on, or being turned on and its rewrite runs (the
     * writes of meanwhile go to a temp incremental file, as Redis 7.0's).
     */
    private boolean writing() {
        return state != State.OFF && appender.isOpen();
    }

    /**
     * Just before a transport thread sends replies (no lock held): what the batches handed off is
     * written first, and fsynced with {@code appendfsync always}: one write and one fsync for every
     * reply of the turn.
     */
    public void beforeSend() {
        appender.beforeSend();
    }

    /**
     * The refusal of writes while the AOF cannot be written or fsynced (Redis's
     * writeCommandsDeniedByDiskError), or null.
     */
    public String writeRefusal() {
        if (state == State.OFF) {
            return null;
        }
        return appender.writeRefusal();
    }

    /**
     * Each cron tick: a postponed or failed write, the idle second's fsync, scheduled and automatic
     * rewrites (not while a BGSAVE runs, {@code otherChild}: one snapshot at a time).
     */
    public void cron(boolean otherChild) {
        Rewrite rw = running;
        if (rw != null && rw.done) {
            finishRewrite(rw);
        }
        if (writing()) {
            appender.drain(false);
        }
        if (otherChild || running != null) {
            return;
        }
        if (rewriteScheduled) {
            if (!rewriteLimited()) {
                startRewrite(); // a failure to start leaves it scheduled: retried next tick, as Redis
            }
            return;
        }
        if (state == State.ON) {
            long percentage = config.longValue(AofSettings.AUTO_REWRITE_PERCENTAGE);
            long minSize = config.longValue(AofSettings.AUTO_REWRITE_MIN_SIZE);
            long currentSize = appender.currentSize();
            if (percentage > 0 && currentSize > minSize) {
                long base = rewriteBaseSize > 0 ? rewriteBaseSize : 1;
                long growth = currentSize * 100 / base - 100;
                if (growth >= percentage && !rewriteLimited()) {
                    LOG.log(System.Logger.Level.INFO, "Starting automatic rewriting of AOF on {0}% growth", growth);
                    startRewrite();
                }
            }
        }
    }

    // ---- on and off ---------------------------------------------------------------------------

    /**
     * Redis's startAppendOnly: the dataset is written as a new base by a rewrite started now, or
     * by the cron when a BGSAVE runs or inside EXEC (whose effects propagate after it). False,
     * the AOF left off, when the rewrite cannot start: CONFIG SET then fails as Redis's.
     */
    private boolean startAppendOnly() {
        try {
            Files.createDirectories(aofDir());
            manifest = AofFiles.readManifest(aofDir(), fileName());
        } catch (IOException | AofManifest.ManifestException e) {
            LOG.log(System.Logger.Level.WARNING, "Can't open or create append-only dir " + aofDir() + ": " + e.getMessage());
            return false;
        }
        boolean bgsave = bgsaveRunning.getAsBoolean();
        boolean inExec = engine.inExec();
        if (!bgsave && !inExec && running != null) {
            // a BGREWRITEAOF of the AOF that was off: its base will not be followed by this one's writes
            LOG.log(System.Logger.Level.WARNING, "AOF was enabled but there is already an AOF rewriting in background. "
                    + "Stopping background AOF and starting a rewrite now.");
            killRewrite();
        }
        state = State.WAIT_REWRITE;
        appender.reopened();
        if (bgsave) {
            rewriteScheduled = true;
            LOG.log(System.Logger.Level.WARNING, "AOF was enabled but there is already another background operation. "
                    + "An AOF background was scheduled to start when possible.");
        } else if (inExec) {
            rewriteScheduled = true;
            LOG.log(System.Logger.Level.WARNING,
                    "AOF was enabled during a transaction. An AOF background was scheduled to start when possible.");
        } else if (!startRewrite()) {
            state = State.OFF;
            LOG.log(System.Logger.Level.WARNING, "Redis needs to enable the AOF but can't trigger a background AOF rewrite "
                    + "operation. Check the above logs for more info about the error.");
            return false;
        }
        return true;
    }

    /**
     * Redis's aofRewriteLimited: after three consecutive failures the cron's rewrites (scheduled
     * and automatic, not BGREWRITEAOF) wait 1 minute, then 2, 4, ... up to an hour, so a failing
     * rewrite does not leave an incremental file per attempt.
     */
    private boolean rewriteLimited() {
        if (consecutiveFailures < 3) {
            limitDelayMinutes = 0;
            limitUntilSeconds = 0;
            return false;
        }
        long now = System.currentTimeMillis() / 1000;
        if (limitUntilSeconds != 0) {
            if (now < limitUntilSeconds) {
                return true;
            }
            limitUntilSeconds = 0;
            return false;
        }
        limitDelayMinutes = Math.min(limitDelayMinutes == 0 ? 1 : limitDelayMinutes * 2, 60);
        limitUntilSeconds = now + limitDelayMinutes * 60L;
        LOG.log(System.Logger.Level.WARNING, "Background AOF rewrite has repeatedly failed and triggered the limit, "
                + "will retry in " + limitDelayMinutes + " minutes");
        return true;
    }

    /** Redis's stopAppendOnly: last write and fsync, then the file is closed. */
    private void stopAppendOnly() {
        killRewrite(); // Redis kills the AOF child
        appender.close();
        engine.effects().removePropagationSink(this);
        state = State.OFF;
        selectedDb = -1;
        rewriteScheduled = false;
    }

    /**
     * SHUTDOWN: a running rewrite killed, the buffer's last write and an fsync (Redis's
     * prepareForShutdown and finishShutdown). Returns false, doing nothing, when the rewrite
     * writes the initial AOF (appendonly just turned on) and {@code force} is not given: the
     * dataset would be lost.
     */
    public boolean shutdown(boolean force) {
        if (running != null && state == State.WAIT_REWRITE) {
            if (!force) {
                LOG.log(System.Logger.Level.WARNING, "Writing initial AOF, can't exit.");
                return false;
            }
            LOG.log(System.Logger.Level.WARNING, "Writing initial AOF. Exit anyway.");
        }
        if (running != null) {
            LOG.log(System.Logger.Level.WARNING, "There is a child rewriting the AOF. Killing it!");
            killRewrite();
        }
        if (writing()) {
            LOG.log(System.Logger.Level.INFO, "Calling fsync() on the AOF file.");
            appender.syncForShutdown();
        }
        return true;
    }

    // ---- rewriting ----------------------------------------------------------------------------

    /**
     * BGREWRITEAOF (Redis's bgrewriteaofCommand): the rewrite starts now, and the reply says whether
     * it could; while a BGSAVE runs or inside EXEC ({@code otherChild}) it is scheduled for the cron
     * (the commands of the transaction propagate after it, so its snapshot must not precede them).
     */
    public String bgrewriteaof(boolean otherChild) {
        if (running != null) {
            return "-Background append only file rewriting already in progress";
        }
        if (otherChild) {
            consecutiveFailures = 0; // as Redis: only a scheduled manual rewrite resets the count when asked
            rewriteScheduled = true;
            return "+Background append only file rewriting scheduled";
        }
        if (!startRewrite()) {
            return "-Can't execute an AOF background rewriting. Please check the server logs for more information.";
        }
        return "+Background append only file rewriting started";
    }

    /** Whether a rewrite runs (INFO aof_rewrite_in_progress, Redis's AOF child). */
    public boolean rewriteInProgress() {
        return running != null;
    }

    /** One background rewrite: its snapshot, base writer, thread and outcome (set by the thread, read under the lock by cron). */
    private static final class Rewrite {
        final Snapshot snapshot;
        final Path committed;
        final boolean preamble;
        final long startedNanos = System.nanoTime();
        volatile Throwable failure;
        volatile boolean done;
        Thread thread;

        Rewrite(Snapshot snapshot, Path committed, boolean preamble) {
            this.snapshot = snapshot;
            this.committed = committed;
            this.preamble = preamble;
        }
    }

    private Path rewriteTemp() {
        return aofDir().resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
    }

    /** The incremental file of the writes made while {@code appendonly} is being turned on (Redis's temp incr). */
    private Path tempIncr() {
        return aofDir().resolve("temp-" + fileName() + ".incr");
    }

    /**
     * Starts a rewrite (Redis's rewriteAppendOnlyFileBackground): a new incremental file for the
     * writes to come, then the snapshot of the dataset on a thread of its own. Returns whether it
     * started; a failure to start counts as a failed rewrite.
     */
    boolean startRewrite() {
        Path aofDir = aofDir();
        Path committed = rewriteTemp();
        Path temp = aofDir.resolve("temp-rewriteaof-" + ProcessHandle.current().pid() + ".aof");
        BaseWriter w = null;
        try {
            Files.createDirectories(aofDir);
            if (state == State.ON) {
                appender.drain(true);
                openNewIncr(aofDir);
            } else if (state == State.WAIT_REWRITE) {
                appender.open(FileChannel.open(tempIncr(), StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING), 0);
                engine.effects().addPropagationSink(Effects.AOF, this);
            }
            selectedDb = -1;
            currentTimestamp = 0;
            boolean preamble = preambleBase();
            w = openBase(temp, preamble);
            BaseWriter writer = w;
            Snapshot snapshot = new Snapshot(engine, writer, Math.max(0, config.longValue("rdb-key-save-delay")));
            Rewrite rw = new Rewrite(snapshot, committed, preamble);
            rw.thread = Thread.ofPlatform().name("aof-rewrite").daemon().start(() -> {
                try (writer) {
                    snapshot.walkInSlices();
                    writer.commit(committed);
                } catch (Throwable t) {
                    rw.failure = t;
                }
                rw.done = true;
            });
            running = rw;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Can't rewrite append only file in background: " + e);
            if (w != null) {
                w.close();
            }
            notStarted();
            return false;
        }
        rewrites++; // as Redis, counted when it starts
        rewriteScheduled = false;
        LOG.log(System.Logger.Level.INFO, "Background append only file rewriting started");
        return true;
    }

    /**
     * A finished rewrite, under the lock (Redis's backgroundRewriteDoneHandler): the base takes
     * its name, the new manifest (new base, the incremental files opened since the start) is made
     * durable, the old files become history and are deleted.
     */
    private void finishRewrite(Rewrite rw) {
        running = null;
        lastRewriteSeconds = (System.nanoTime() - rw.startedNanos) / 1_000_000_000L;
        Path aofDir = aofDir();
        if (rw.failure != null) {
            LOG.log(System.Logger.Level.WARNING, "Background AOF rewrite terminated with error: " + rw.failure);
            deleteQuietly(rw.committed);
            failed();
            return;
        }
        Path baseFile = null;
        Path incrFile = null;
        try {
            AofManifest m = manifest.copy();
            AofManifest.Entry base = m.newBase(fileName(), rw.preamble);
            baseFile = aofDir.resolve(base.name());
            Files.move(rw.committed, baseFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (state == State.WAIT_REWRITE) {
                // turning the AOF on: every old incremental file is covered by the new base, the
                // writes of meanwhile become its first incremental file
                appender.drain(true);
                m.markRewrittenIncrsAsHistory(false);
                AofManifest.Entry incr = m.newIncr(fileName());
                incrFile = aofDir.resolve(incr.name());
                Files.move(tempIncr(), incrFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                m.markRewrittenIncrsAsHistory(state == State.ON);
            }
            AofFiles.writeManifest(aofDir, fileName(), m);
            manifest = m;
            if (state == State.WAIT_REWRITE) {
                state = State.ON;
            }
            rewriteBaseSize = Files.size(baseFile) + (state == State.ON ? appender.incrSize() : 0);
            appender.currentSize(rewriteBaseSize);
            deleteHistory();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Background AOF rewrite failed: " + e);
            if (baseFile != null) {
                deleteQuietly(baseFile);
            }
            if (incrFile != null) {
                deleteQuietly(incrFile);
            }
            failed();
            return;
        }
        lastRewriteOk = true;
        consecutiveFailures = 0;
        LOG.log(System.Logger.Level.INFO, "Background AOF rewrite finished successfully");
    }

    /**
     * A rewrite that failed to finish: the previous manifest stays in force, the failure counts,
     * and an AOF being turned on stays so with a new rewrite scheduled (backgroundRewriteDoneHandler).
     */
    private void failed() {
        notStarted();
        consecutiveFailures++;
        if (state == State.WAIT_REWRITE) {
            rewriteScheduled = true; // as Redis: the AOF is still being turned on, the cron tries again
        }
    }

    /**
     * A rewrite that failed to start or to finish: aof_last_bgrewrite_status:err (a failure to
     * start is not counted in aof_rewrites_consecutive_failures, as in rewriteAppendOnlyFileBackground).
     * While the AOF is being turned on, the writes of meanwhile are dropped: the next rewrite's
     * snapshot holds them.
     */
    private void notStarted() {
        deleteQuietly(rewriteTemp());
        lastRewriteOk = false;
        if (state == State.WAIT_REWRITE) {
            abandonTempIncr();
        }
    }

    /** Closes and removes the temp incremental file of an AOF that did not get turned on. */
    private void abandonTempIncr() {
        appender.discard();
        engine.effects().removePropagationSink(this);
        deleteQuietly(tempIncr());
    }

    /**
     * Stops a running rewrite and removes its temp files (Redis's killAppendOnlyChild: SHUTDOWN,
     * {@code appendonly no}); not counted as a failure. The walk needs the lock to see it is
     * cancelled, so the lock is released while waiting for its thread.
     */
    private void killRewrite() {
        Rewrite rw = running;
        if (rw == null) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Killing running AOF rewrite child");
        rw.snapshot.cancel();
        joinOutsideTheLock(rw);
        running = null;
        deleteQuietly(rw.committed);
        if (state == State.WAIT_REWRITE) {
            abandonTempIncr();
        }
    }

    /**
     * Waits for the rewrite's thread with the execution lock released (its walk takes the lock
     * between slices), then takes the lock back as many times as this thread held it.
     */
    private void joinOutsideTheLock(Rewrite rw) {
        var lock = (java.util.concurrent.locks.ReentrantLock) engine.executionLock();
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        try {
            rw.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (int i = 0; i < holds; i++) {
                lock.lock();
            }
        }
    }

    /** Waits for a running rewrite and finishes it (tests). */
    public void awaitRewrite() {
        Rewrite rw = running;
        if (rw == null) {
            return;
        }
        joinOutsideTheLock(rw);
        if (running == rw) {
            finishRewrite(rw);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) { // as unlink(2): never a directory
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temp file is ignored by loading and replaced by the next rewrite
        }
    }

    /** Redis's openNewIncrAofForAppend (AOF on): the manifest names the new file before it is used. */
    private void openNewIncr(Path aofDir) throws IOException {
        AofManifest m = manifest.copy();
        AofManifest.Entry incr = m.newIncr(fileName());
        FileChannel newFd = FileChannel.open(aofDir.resolve(incr.name()), StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            AofFiles.writeManifest(aofDir, fileName(), m);
        } catch (IOException e) {
            AofAppender.closeQuietly(newFd);
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Creating AOF incr file {0} on background rewrite", incr.name());
        appender.rotate(newFd);
        manifest = m;
    }

    /** Opens the writer of a new base file at {@code temp}: an RDB (preamble) or commands. Under the lock. */
    private BaseWriter openBase(Path temp, boolean preamble) throws IOException {
        if (preamble) {
            return rdb.open(temp);
        }
        java.util.List<byte[]> codes = new java.util.ArrayList<>();
        for (FunctionStore s : engine.functionStores()) {
            codes.addAll(s.codes());
        }
        return new AofRewriter(temp, timestamps, codes);
    }

    /** Writes the dataset to {@code path} now, with the lock held throughout (a base at startup), fsynced. */
    private void writeBase(Path path) throws IOException {
        Path temp = path.resolveSibling("temp-rewriteaof-" + ProcessHandle.current().pid() + ".aof");
        try (BaseWriter w = openBase(temp, preambleBase())) {
            Snapshot.saveLocked(engine, w, 0);
            w.commit(path);
        }
    }

    /** Redis's aofDelHistoryFiles: history entries are deleted, then dropped from a durable manifest. */
    private void deleteHistory() throws IOException {
        if (manifest.history().isEmpty() || config.get(AofSettings.DISABLE_AUTO_GC).equals("yes")) {
            return;
        }
        for (AofManifest.Entry e : manifest.history()) {
            LOG.log(System.Logger.Level.INFO, "Removing the history file {0} in the background", e.name());
            Files.deleteIfExists(aofDir().resolve(e.name()));
        }
        AofManifest m = manifest.copy();
        m.clearHistory();
        AofFiles.writeManifest(aofDir(), fileName(), m);
        manifest = m;
    }

    // ---- DEBUG LOADAOF ------------------------------------------------------------------------

    /**
     * DEBUG LOADAOF: the buffer written, the dataset emptied and loaded again from the files the
     * manifest on disk lists. A file that cannot be loaded exits the process, as Redis does.
     */
    public void debugLoadAof() {
        if (writing()) {
            appender.drain(true);
        }
        engine.keyspace().flushAll();
        try {
            manifest = AofFiles.readManifest(aofDir(), fileName());
            deleteHistory();
            load();
        } catch (IOException | AofManifest.ManifestException | AofLoader.LoadException e) {
            LOG.log(System.Logger.Level.ERROR, "DEBUG LOADAOF failed: " + e.getMessage());
            Runtime.getRuntime().halt(1);
        }
        LOG.log(System.Logger.Level.WARNING, "Append Only File loaded by DEBUG LOADAOF");
    }

    // ---- INFO ---------------------------------------------------------------------------------

    /** INFO persistence's aof_* fields, from aof_enabled to aof_last_cow_size, in Redis's order. */
    public void info(BiConsumer<String, Object> field) {
        field.accept("aof_enabled", state != State.OFF ? 1 : 0);
        field.accept("aof_rewrite_in_progress", rewriteInProgress() ? 1 : 0);
        field.accept("aof_rewrite_scheduled", rewriteScheduled ? 1 : 0);
        field.accept("aof_last_rewrite_time_sec", lastRewriteSeconds);
        Rewrite rw = running;
        field.accept("aof_current_rewrite_time_sec", rw == null ? -1 : (System.nanoTime() - rw.startedNanos) / 1_000_000_000L);
        field.accept("aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
        field.accept("aof_rewrites", rewrites);
        field.accept("aof_rewrites_consecutive_failures", consecutiveFailures);
        field.accept("aof_last_write_status", appender.writeStatusOk() ? "ok" : "err");
        field.accept("aof_last_cow_size", 0);
    }

    /** The fields Redis adds after module_fork_last_cow_size while {@code appendonly} is yes. */
    public void infoWhenEnabled(BiConsumer<String, Object> field) {
        if (!config.get(AofSettings.APPENDONLY).equals("yes")) {
            return;
        }
        field.accept("aof_current_size", appender.currentSize());
        field.accept("aof_base_size", rewriteBaseSize);
        field.accept("aof_pending_rewrite", rewriteScheduled ? 1 : 0);
        field.accept("aof_buffer_length", appender.bufferLength());
        field.accept("aof_pending_bio_fsync", appender.pendingFsyncs());
        field.accept("aof_delayed_fsync", appender.delayedFsync());
    }
}
