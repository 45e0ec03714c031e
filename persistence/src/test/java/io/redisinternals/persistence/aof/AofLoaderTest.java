package io.redisinternals.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.ServerHooks;
import io.redisinternals.engine.config.Config;
import io.redisinternals.keyspace.types.StringValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a manifest's files into an engine: whole files, a truncated tail at every one of the
 * last 64 offsets (accepted with aof-load-truncated yes, refused with no), garbage, a missing file,
 * an unfinished MULTI, a truncated file that is not the last.
 */
class AofLoaderTest {

    @TempDir
    Path dir;

    private static Engine engine() {
        return Engine.boot(new Config(), ServerHooks.none());
    }

    private static byte[] command(String... args) {
        RespOut out = new RespOut(64);
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        out.command(argv);
        return Arrays.copyOf(out.array(), out.length());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** A manifest of a base (commands) and one incremental file, written to the test directory. */
    private AofManifest write(byte[] base, byte[] incr) throws Exception {
        AofManifest m = new AofManifest();
        Files.write(dir.resolve(m.newBase("appendonly.aof", false).name()), base);
        Files.write(dir.resolve(m.newIncr("appendonly.aof").name()), incr);
        AofFiles.writeManifest(dir, "appendonly.aof", m);
        return m;
    }

    private static String get(Engine engine, int db, String key) {
        Object v = engine.keyspace().db(db).peek(key.getBytes(StandardCharsets.UTF_8));
        return v == null ? null : new String(StringValue.bytes(v), StandardCharsets.UTF_8);
    }

    private AofLoader.Loaded load(Engine engine, boolean truncatedOk) throws Exception {
        AofManifest m = AofFiles.readManifest(dir, "appendonly.aof");
        return new AofLoader(engine, dir, "appendonly.aof", truncatedOk, null).load(m);
    }

    @Test
    void loadsBaseThenIncrementalFiles() throws Exception {
        write(concat(command("SELECT", "0"), command("SET", "a", "1"), command("RPUSH", "l", "x", "y")),
                concat("#TS:1700000000\r\n".getBytes(StandardCharsets.US_ASCII), command("SELECT", "3"),
                        command("SET", "b", "2"), command("MULTI"), command("INCR", "b"), command("EXEC")));
        Engine e = engine();
        AofLoader.Loaded l = load(e, true);
        assertTrue(l.anything());
        assertEquals("1", get(e, 0, "a"));
        assertEquals("3", get(e, 3, "b"));
        assertEquals(2, e.keyspace().db(0).size());
        assertEquals(Files.size(dir.resolve("appendonly.aof.1.base.aof")), l.baseSize());
    }

    @Test
    void aTruncatedTailLoadsWithAofLoadTruncatedAndIsRefusedWithout() throws Exception {
        byte[] whole = concat(command("SET", "k1", "v1"), command("SET", "k2", "a-value-of-some-length"),
                command("SET", "k3", "another-value-long-enough-for-sixty-four-offsets"));
        int lastStart = whole.length - command("SET", "k3", "another-value-long-enough-for-sixty-four-offsets").length;
        assertTrue(whole.length - lastStart >= 64);
        for (int cut = 1; cut <= 64; cut++) {
            byte[] truncated = Arrays.copyOf(whole, whole.length - cut);
            write(command("SET", "base", "1"), truncated);
            Engine e = engine();
            load(e, true);
            assertEquals("v1", get(e, 0, "k1"), "cut " + cut);
            assertEquals("a-value-of-some-length", get(e, 0, "k2"), "cut " + cut);
            assertNull(get(e, 0, "k3"), "cut " + cut);
            assertEquals(lastStart, Files.size(dir.resolve("appendonly.aof.1.incr.aof")), "truncated to the last whole command");

            write(command("SET", "base", "1"), truncated);
            String refusal = assertThrows(AofLoader.LoadException.class, () -> load(engine(), false)).getMessage();
            assertTrue(refusal.startsWith("Unexpected end of file reading the append only file appendonly.aof.1.incr.aof."),
                    refusal);
            assertEquals(truncated.length, Files.size(dir.resolve("appendonly.aof.1.incr.aof")), "left as it was");
        }
    }

    @Test
    void garbageInTheMiddleIsRefusedNamingFileAndOffset() throws Exception {
        byte[] first = command("SET", "a", "1");
        write(command("SET", "base", "1"), concat(first, "garbage\r\n".getBytes(StandardCharsets.US_ASCII), command("SET", "b", "2")));
        String refusal = assertThrows(AofLoader.LoadException.class, () -> load(engine(), true)).getMessage();
        assertTrue(refusal.startsWith("Bad file format reading the append only file appendonly.aof.1.incr.aof: "
                + "make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>"), refusal);
        assertTrue(refusal.endsWith("(at offset " + first.length + ")"), refusal);
    }

    @Test
    void anUnknownCommandIsRefused() throws Exception {
        write(command("SET", "base", "1"), command("NOSUCHCOMMAND", "x"));
        String refusal = assertThrows(AofLoader.LoadException.class, () -> load(engine(), true)).getMessage();
        assertTrue(refusal.startsWith("Unknown command 'NOSUCHCOMMAND' reading the append only file appendonly.aof.1.incr.aof"),
                refusal);
    }

    @Test
    void aMissingFileIsRefused() throws Exception {
        write(command("SET", "base", "1"), command("SET", "a", "1"));
        Files.delete(dir.resolve("appendonly.aof.1.incr.aof"));
        String refusal = assertThrows(AofLoader.LoadException.class, () -> load(engine(), true)).getMessage();
        assertEquals("Unable to obtain the AOF file appendonly.aof.1.incr.aof length. stat: No such file or directory", refusal);
    }

    @Test
    void anUnfinishedMultiAtTheEndIsDropped() throws Exception {
        byte[] kept = concat(command("SET", "a", "1"));
        write(command("SET", "base", "1"), concat(kept, command("MULTI"), command("SET", "b", "2")));
        Engine e = engine();
        load(e, true);
        assertEquals("1", get(e, 0, "a"));
        assertNull(get(e, 0, "b"));
        assertEquals(kept.length, Files.size(dir.resolve("appendonly.aof.1.incr.aof")));
        assertFalse(Files.readString(dir.resolve("appendonly.aof.1.incr.aof")).contains("MULTI"));
    }

    @Test
    void aTruncatedFileThatIsNotTheLastIsRefused() throws Exception {
        byte[] base = command("SET", "base", "1");
        write(Arrays.copyOf(base, base.length - 3), command("SET", "a", "1"));
        String refusal = assertThrows(AofLoader.LoadException.class, () -> load(engine(), true)).getMessage();
        assertEquals("Fatal error: the truncated file is not the last file", refusal);
    }

    @Test
    void emptyFilesLoadNothing() throws Exception {
        write(new byte[0], new byte[0]);
        assertFalse(load(engine(), true).anything());
        assertNotNull(AofFiles.readManifest(dir, "appendonly.aof").base());
    }
}
