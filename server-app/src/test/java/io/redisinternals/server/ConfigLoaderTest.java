package io.redisinternals.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static Config config() {
        Config c = new Config();
        ServerSettings.define(c);
        io.redisinternals.persistence.PersistenceSettings.define(c);
        return c;
    }

    @Test
    void splitsLikeSdssplitargs() {
        assertEquals(List.of("save", ""), ConfigLoader.split("save \"\""));
        assertEquals(List.of("bind", "127.0.0.1", "-::1"), ConfigLoader.split("  bind 127.0.0.1   -::1 "));
        assertEquals(List.of("a b", "c'd", "\n", "A"), ConfigLoader.split("\"a b\" 'c\\'d' \"\\n\" \"\\x41\""));
        assertNull(ConfigLoader.split("\"unterminated"));
        assertNull(ConfigLoader.split("\"closed\"x"));
    }

    @Test
    void quoteRoundTrips() {
        for (String s : List.of("", "a b", "x\"y", "back\\slash", "new\nline", "tab\t")) {
            assertEquals(List.of(s), ConfigLoader.split(ConfigLoader.quote(s)));
        }
    }

    @Test
    void commandLineOptionsApply() throws Exception {
        Config c = config();
        ConfigLoader.load(List.of("--port", "7777", "--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "::1"), c);
        assertEquals("7777", c.get("port"));
        assertEquals("", c.get("save"));
        assertEquals("127.0.0.1 ::1", c.get("bind"));
    }

    @Test
    void fileThenCommandLineOverrides(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "# comment\n\nport 7000\ndatabases 4\n");
        Config c = config();
        ConfigLoader.Loaded loaded = ConfigLoader.load(List.of(conf.toString(), "--port", "7001"), c);
        assertEquals("7001", c.get("port"));
        assertEquals("4", c.get("databases"));
        assertEquals(conf.toString(), loaded.configFile());
    }

    @Test
    void unknownDirectiveNamesIt() {
        StartupException e = assertThrows(StartupException.class,
                () -> ConfigLoader.load(List.of("--no-such-thing", "1"), config()));
        assertTrue(e.getMessage().contains("FATAL CONFIG FILE ERROR"), e.getMessage());
        assertTrue(e.getMessage().contains(">>> 'no-such-thing \"1\"'"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad directive or wrong number of arguments"), e.getMessage());
    }

    @Test
    void badValueNamesTheDirectiveAndReason() {
        StartupException e = assertThrows(StartupException.class,
                () -> ConfigLoader.load(List.of("--port", "notaport"), config()));
        assertTrue(e.getMessage().contains(">>> 'port \"notaport\"'"), e.getMessage());
        assertTrue(e.getMessage().contains("argument couldn't be parsed into an integer"), e.getMessage());
    }

    @Test
    void aBadPersistenceValueIsRefused() {
        StartupException e = assertThrows(StartupException.class,
                () -> ConfigLoader.load(List.of("--appendfsync", "sometimes"), config()));
        assertTrue(e.getMessage().contains("appendfsync"), e.getMessage());
    }

    @Test
    void valueWithoutOptionIsRejected() {
        assertThrows(StartupException.class, () -> ConfigLoader.load(List.of("--port", "1", "x", "y"), config()));
    }
}
