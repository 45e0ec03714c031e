package io.redisinternals.persistence.aof;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.Session;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Loads the files a manifest lists, in order, as redis-server 7.0's loadAppendOnlyFiles: the base
 * (an RDB if it starts with "REDIS", else commands), then each incremental file, every command
 * run through the engine's call path as the AOF client ({@link Engine#replay}). A truncated tail
 * is accepted in the last file only, with {@code aof-load-truncated yes}, and the file is cut back
 * to its last whole command; an unfinished MULTI at the end counts as truncated. Anything else
 * stops the load with Redis's log text (plus the offset) in the exception.
 *
 * <p>Threading: runs with the execution lock held, before clients are served or under DEBUG LOADAOF.
 */
final class AofLoader {

    private static final System.Logger LOG = System.getLogger(AofLoader.class.getName());

    /** Why a load failed; the server must not start (Redis exits). */
    static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        LoadException(String message) {
            super(message);
        }
    }

    /** What was loaded: the sizes Redis keeps as aof_current_size and aof_rewrite_base_size. */
    record Loaded(long totalSize, long baseSize, boolean anything) {
    }

    private enum FileResult { OK, EMPTY, TRUNCATED }

    private final Engine engine;
    private final Path dir;
    private final boolean loadTruncated;
    private final RdbBase rdb;
    private final String appendFilename;

    AofLoader(Engine engine, Path dir, String appendFilename, boolean loadTruncated, RdbBase rdb) {
        this.engine = engine;
        this.dir = dir;
        this.appendFilename = appendFilename;
        this.loadTruncated = loadTruncated;
        this.rdb = rdb;
    }

    Loaded load(AofManifest manifest) throws LoadException {
        if (manifest.empty()) {
            return new Loaded(0, 0, false);
        }
        List<AofManifest.Entry> files = manifest.loadOrder();
        long total = 0;
        for (AofManifest.Entry e : files) {
            try {
                total += Files.size(dir.resolve(e.name()));
            } catch (NoSuchFileException ex) {
                throw fail("Unable to obtain the AOF file " + e.name() + " length. stat: No such file or directory");
            } catch (IOException ex) {
                throw fail("Unable to obtain the AOF file " + e.name() + " length. stat: " + ex.getMessage());
            }
        }
        if (total == 0) {
            return new Loaded(0, 0, false);
        }
        long baseSize = 0;
        for (int i = 0; i < files.size(); i++) {
            AofManifest.Entry e = files.get(i);
            boolean last = i == files.size() - 1;
            long start = System.nanoTime();
            if (e.type() == AofManifest.BASE) {
                try {
                    baseSize = Files.size(dir.resolve(e.name()));
                } catch (IOException ex) {
                    throw fail("Unable to obtain the AOF file " + e.name() + " length. stat: " + ex.getMessage());
                }
            }
            FileResult r = loadFile(e.name());
            if (r == FileResult.TRUNCATED && !last) {
                throw fail("Fatal error: the truncated file is not the last file");
            }
            LOG.log(System.Logger.Level.INFO, "DB loaded from {0} file {1}: {2} seconds",
                    e.type() == AofManifest.BASE ? "base" : "incr", e.name(),
                    String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
        }
        return new Loaded(total, baseSize, true);
    }

    private static LoadException fail(String message) {
        LOG.log(System.Logger.Level.ERROR, message);
        return new LoadException(message);
    }

    /** Loads one file (Redis's loadSingleAppendOnlyFile). */
    private FileResult loadFile(String name) throws LoadException {
        Path path = dir.resolve(name);
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw fail("The append log file " + name + " doesn't exist: " + e.getMessage());
        }
        if (size == 0) {
            return FileResult.EMPTY;
        }
        Session client = engine.replayClient();
        ReplyWriter discard = new ReplyWriter(256);
        try (InputStream file = Files.newInputStream(path)) {
            InputStream in = new BufferedInputStream(file, 1 << 16);
            byte[] sig = in.readNBytes(5);
            long start = 0;
            if (sig.length == 5 && new String(sig, StandardCharsets.ISO_8859_1).equals("REDIS")) {
                boolean oldStyle = name.equals(appendFilename);
                LOG.log(System.Logger.Level.INFO, oldStyle ? "Reading RDB preamble from AOF file..."
                        : "Reading RDB base file on AOF loading...");
                String what = (oldStyle ? "Error reading the RDB preamble of the AOF file " : "Error reading the RDB base file ")
                        + name + ", AOF loading aborted";
                if (rdb == null) {
                    throw fail(what + ": this server has no RDB loader");
                }
                try {
                    start = rdb.load(path);
                } catch (IOException e) {
                    throw fail(what + ": " + e.getMessage());
                }
                if (oldStyle) {
                    LOG.log(System.Logger.Level.INFO, "Reading the remaining AOF tail...");
                }
                try (InputStream tail = Files.newInputStream(path)) {
                    tail.skipNBytes(start);
                    return replayCommands(name, path, new AofReader(new BufferedInputStream(tail, 1 << 16), start),
                            client, discard, start);
                }
            } else {
                // not an RDB: the first bytes are the first command's
                return replayCommands(name, path, new AofReader(new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(sig), in), 0), client, discard, 0);
            }
        } catch (IOException e) {
            throw fail("Unrecoverable error reading the append only file " + name + ": " + e.getMessage());
        }
    }

    /**
     * Replays the commands with the execution lock, released every 1024 commands so that clients
     * get their -LOADING (Redis's processEventsWhileBlocked); reentrant under DEBUG LOADAOF.
     */
    private FileResult replayCommands(String name, Path path, AofReader reader, Session client, ReplyWriter discard,
                                      long validUpTo) throws IOException, LoadException {
        java.util.concurrent.locks.Lock lock = engine.executionLock();
        lock.lock();
        try {
            return replayLocked(name, path, reader, client, discard, validUpTo, lock);
        } finally {
            lock.unlock();
        }
    }

    private FileResult replayLocked(String name, Path path, AofReader reader, Session client, ReplyWriter discard,
                                    long validUpTo, java.util.concurrent.locks.Lock lock) throws IOException, LoadException {
        long validBeforeMulti = validUpTo;
        long loops = 0;
        while (true) {
            if (++loops % 1024 == 0) {
                lock.unlock();
                lock.lock();
            }
            AofReader.Status s = reader.next();
            switch (s) {
                case EOF -> {
                    if (client.inMulti()) {
                        LOG.log(System.Logger.Level.WARNING, "Revert incomplete MULTI/EXEC transaction in AOF file " + name);
                        return truncated(name, path, validBeforeMulti, reader.offset());
                    }
                    return FileResult.OK;
                }
                case TRUNCATED -> {
                    return truncated(name, path, client.inMulti() ? validBeforeMulti : validUpTo, reader.offset());
                }
                case BAD_FORMAT -> throw fail("Bad file format reading the append only file " + name
                        + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>"
                        + " (at offset " + reader.commandStart() + ")");
                case COMMAND -> {
                    byte[][] argv = reader.argv();
                    if (new String(argv[0], StandardCharsets.ISO_8859_1).equalsIgnoreCase("multi")) {
                        validBeforeMulti = validUpTo;
                    }
                    discard.clear();
                    if (!engine.replay(client, Argv.of(argv), discard)) {
                        throw fail("Unknown command '" + new String(argv[0], StandardCharsets.UTF_8)
                                + "' reading the append only file " + name + " (at offset " + reader.commandStart() + ")");
                    }
                    validUpTo = reader.offset();
                }
                default -> throw new IllegalStateException(s.toString());
            }
        }
    }

    /** The end of the file came inside a command (or a transaction): keep what was whole, if allowed. */
    private FileResult truncated(String name, Path path, long validUpTo, long end) throws LoadException {
        if (loadTruncated) {
            LOG.log(System.Logger.Level.WARNING, "!!! Warning: short read while loading the AOF file " + name + "!!!");
            LOG.log(System.Logger.Level.WARNING, "!!! Truncating the AOF " + name + " at offset " + validUpTo + " !!!");
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                long size = ch.size();
                ch.truncate(validUpTo);
                ch.force(true);
                LOG.log(System.Logger.Level.WARNING, "AOF " + name + " loaded anyway because aof-load-truncated is enabled ("
                        + (size - validUpTo) + " bytes dropped)");
                return FileResult.TRUNCATED;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Error truncating the AOF file " + name + ": " + e.getMessage());
            }
        }
        throw fail("Unexpected end of file reading the append only file " + name + ". You can: "
                + "1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. "
                + "2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server."
                + " (valid up to offset " + validUpTo + " of " + end + ")");
    }
}
