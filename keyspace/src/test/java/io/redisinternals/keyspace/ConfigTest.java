package io.redisinternals.keyspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void engineDefaults() {
        Config c = new Config();
        assertEquals("16", c.get("databases"));
        assertEquals("536870912", c.get("proto-max-bulk-len"));
        assertEquals("10000", c.get("maxclients"));
        assertEquals("", c.get("requirepass"));
        assertEquals("1073741824", c.get("client-query-buffer-limit"));
        assertEquals("0", c.get("timeout"));
        assertEquals("yes", c.get("protected-mode"));
        assertEquals(536870912L, c.longValue("PROTO-MAX-BULK-LEN"));
        assertNull(c.get("nosuch"));
    }

    @Test
    void startupAcceptsImmutableAndNormalizes() throws ConfigException {
        Config c = new Config();
        c.applyStartup("databases", List.of("4"));
        c.applyStartup("proto-max-bulk-len", List.of("2GB"));
        c.applyStartup("protected-mode", List.of("NO"));
        assertEquals(4, c.intValue("databases"));
        assertEquals("2147483648", c.get("proto-max-bulk-len"));
        assertEquals("no", c.get("protected-mode"));
    }

    @Test
    void startupErrorsUseRedisReasonTexts() {
        Config c = new Config();
        assertEquals("Bad directive or wrong number of arguments",
                assertThrows(ConfigException.class, () -> c.applyStartup("nosuch", List.of("1"))).getMessage());
        assertEquals("Bad directive or wrong number of arguments",
                assertThrows(ConfigException.class, () -> c.applyStartup("timeout", List.of("1", "2"))).getMessage());
        assertEquals("argument couldn't be parsed into an integer",
                assertThrows(ConfigException.class, () -> c.applyStartup("maxclients", List.of("abc"))).getMessage());
        assertEquals("argument must be between 1 and 4294967295 inclusive",
                assertThrows(ConfigException.class, () -> c.applyStartup("maxclients", List.of("0"))).getMessage());
        assertEquals("argument must be a memory value",
                assertThrows(ConfigException.class,
                        () -> c.applyStartup("proto-max-bulk-len", List.of("1.5mb"))).getMessage());
        assertEquals("argument must be 'yes' or 'no'",
                assertThrows(ConfigException.class,
                        () -> c.applyStartup("protected-mode", List.of("maybe"))).getMessage());
    }

    @Test
    void memoryUnitsAsRedisMemtoull() {
        assertEquals(5, Config.parseMemory("5"));
        assertEquals(5, Config.parseMemory("5b"));
        assertEquals(1000, Config.parseMemory("1k"));
        assertEquals(1024, Config.parseMemory("1KB"));
        assertEquals(1_000_000, Config.parseMemory("1m"));
        assertEquals(1024 * 1024, Config.parseMemory("1mb"));
        assertEquals(1_000_000_000L, Config.parseMemory("1g"));
        assertEquals(1024L * 1024 * 1024, Config.parseMemory("1gb"));
        for (String bad : new String[] {"", "kb", "-5", "1tb", "1.5", "99999999999999999999", "9999999999999999gb"}) {
            assertThrows(IllegalArgumentException.class, () -> Config.parseMemory(bad), bad);
        }
    }

    @Test
    void definedSettingsAndMultiArgDirectives() throws ConfigException {
        Config c = new Config();
        c.define("port", "6379", false, Config.integer(0, 65535));
        c.define("save", "3600 1 300 100 60 10000", true, true, v -> v);
        c.applyStartup("port", List.of("7000"));
        c.applyStartup("save", List.of("900", "1"));
        assertEquals("7000", c.get("port"));
        assertEquals("900 1", c.get("save"));
        assertThrows(IllegalStateException.class, () -> c.define("port", "1", true, v -> v));
    }

    @Test
    void runtimeSetRespectsMutabilityAndNotifiesListeners() throws ConfigException {
        Config c = new Config();
        List<String> seen = new ArrayList<>();
        c.onChange("proto-max-bulk-len", seen::add);
        c.set("proto-max-bulk-len", "2mb");
        assertEquals(List.of("2097152"), seen);
        assertEquals("can't set immutable config",
                assertThrows(ConfigException.class, () -> c.set("databases", "3")).getMessage());
    }

    @Test
    void matchingHonoursGlobsAliasesAndEchoesExactNames() throws ConfigException {
        Config c = new Config();
        c.set("hash-max-ziplist-entries", "512");
        Map<String, String> m = c.matching(List.of("TIMEOUT", "hash-max-*-entries", "timeout", "maxc*"));
        assertEquals(List.of("TIMEOUT", "hash-max-listpack-entries", "hash-max-ziplist-entries", "timeout",
                "maxclients"), List.copyOf(m.keySet()));
        assertEquals("512", c.get("hash-max-listpack-entries"));
    }
}
