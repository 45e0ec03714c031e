package io.redisinternals.engine.config;

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
        assertEquals("wrong number of arguments",
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

    @Test
    void outputBufferLimitsAsRedis() throws ConfigException {
        Config c = new Config();
        assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                c.get("client-output-buffer-limit"));
        c.set("client-output-buffer-limit", "replica 1mb 2k 3");
        assertEquals("normal 0 0 0 slave 1048576 2000 3 pubsub 33554432 8388608 60", c.get("client-output-buffer-limit"));
        c.applyStartup("client-output-buffer-limit", List.of("pubsub", "1gb", "0", "0"));
        OutputBufferLimits l = OutputBufferLimits.parse(c.get("client-output-buffer-limit"));
        assertEquals(new OutputBufferLimits.Limit(1048576, 2000, 3), l.replica());
        assertEquals(new OutputBufferLimits.Limit(1L << 30, 0, 0), l.pubsub());
        assertEquals(new OutputBufferLimits.Limit(0, 0, 0), l.normal());
        assertEquals("Invalid client class specified in buffer limit configuration.",
                assertThrows(ConfigException.class, () -> c.set("client-output-buffer-limit", "master 1 2 3")).getMessage());
        assertEquals("Wrong number of arguments in buffer limit configuration.",
                assertThrows(ConfigException.class, () -> c.set("client-output-buffer-limit", "normal 1 2")).getMessage());
        assertEquals("Error in hard, soft or soft_seconds setting in buffer limit configuration.",
                assertThrows(ConfigException.class, () -> c.set("client-output-buffer-limit", "normal 1 2 3\nx")).getMessage());
    }

    @Test
    void saveTakesPairsOfIntegersOnly() throws ConfigException {
        Config c = new Config();
        c.define("save", "", true, Config::saveParams);
        for (String bad : List.of("900 1\nprotected-mode no", "900", "900 x", "0 1", "900 -1", "900 1\n")) {
            assertEquals("Invalid save parameters",
                    assertThrows(ConfigException.class, () -> c.set("save", bad)).getMessage(), bad);
        }
        c.applyStartup("save", List.of("900", "1"));
        c.applyStartup("save", List.of("300 10"));
        assertEquals("900 1 300 10", c.get("save"));
        c.set("save", "");
        assertEquals("", c.get("save"));
    }

    @Test
    void maxmemoryClientsTakesBytesOrPercent() throws ConfigException {
        Config c = new Config();
        c.set("maxmemory-clients", "10%");
        assertEquals("10%", c.get("maxmemory-clients"));
        c.set("maxmemory-clients", "0%");
        assertEquals("0", c.get("maxmemory-clients"));
        c.set("maxmemory-clients", "1gb");
        assertEquals("1073741824", c.get("maxmemory-clients"));
        assertEquals("percentage argument must be less or equal to 100",
                assertThrows(ConfigException.class, () -> c.set("maxmemory-clients", "101%")).getMessage());
        assertEquals("argument must be a memory or percent value",
                assertThrows(ConfigException.class, () -> c.set("maxmemory-clients", "-10%")).getMessage());
    }

    @Test
    void passwordIsBytesAndIntValueSaturates() throws ConfigException {
        Config c = new Config();
        Config.Setting s = c.setting("requirepass");
        byte[] pw = {(byte) 0xff, 0, '\n'};
        c.set("requirepass", s.decode(pw));
        assertEquals(List.of((byte) 0xff, (byte) 0, (byte) '\n'), toList(c.bytes("requirepass")));
        c.set("maxclients", "4294967295");
        assertEquals(Integer.MAX_VALUE, c.intValue("maxclients"));
    }

    private static List<Byte> toList(byte[] b) {
        List<Byte> out = new ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }
}
