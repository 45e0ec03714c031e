package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Server group: COMMAND, CONFIG, DBSIZE, FLUSHDB/FLUSHALL, TIME, INFO, against the reference. */
class ServerCommandsTest extends ConformanceTestBase {

    /** Top-level command names our server reports in COMMAND LIST (which also lists {@code container|sub} names). */
    private static List<String> ourCommands(String config) {
        try (RawConnection c = ours(config).connect()) {
            Reply list = c.call("COMMAND", "LIST");
            assertEquals('*', list.type(), "COMMAND LIST: " + list);
            List<String> names = new ArrayList<>();
            for (Reply r : list.children()) {
                if (!r.text().contains("|")) {
                    names.add(r.text());
                }
            }
            return names;
        }
    }

    @AllConfigurations
    void commandCountMatchesOurCommandTable(String config) {
        List<String> names = ourCommands(config);
        try (RawConnection c = ours(config).connect()) {
            Reply count = c.call("COMMAND", "COUNT");
            assertEquals(":" + names.size() + "\r\n", count.rawText(), "COMMAND COUNT vs COMMAND LIST " + names);
            Reply all = c.call("COMMAND");
            assertEquals(names.size(), all.children().size(), "COMMAND returns one entry per command");
            for (String required : List.of("ping", "echo", "hello", "auth", "quit", "reset", "select", "client",
                    "command", "info", "dbsize", "flushdb", "flushall", "time", "config", "shutdown", "set", "get",
                    "del", "exists")) {
                assertTrue(names.contains(required), "COMMAND LIST lacks " + required + ": " + names);
            }
            assertEquals(names.size(), names.stream().distinct().count(), "no duplicates in COMMAND LIST");
        }
    }

    /**
     * Subcommands the reference has and we lack (none now: SCRIPT DEBUG exists, its YES/SYNC
     * answering that no debugger is offered). Container entries are compared as the reference's
     * entry with exactly these removed; keep the list narrow.
     */
    private static final Set<String> NOT_YET_IMPLEMENTED = Set.of();

    @AllConfigurationsBothProtocols
    void commandInfoAndDocsForEachOfOurCommandsMatchReference(String config, int resp) {
        List<String> names = ourCommands(config);
        try (RawConnection ours = ours(config).connect(); RawConnection ref = reference().connect()) {
            List<String> ourAll = ours.call("COMMAND", "LIST").children().stream().map(Reply::text).toList();
            List<String> refAll = ref.call("COMMAND", "LIST").children().stream().map(Reply::text).toList();
            for (String absent : NOT_YET_IMPLEMENTED) {
                // In the harness self-check "ours" is a second reference, which has them all.
                assertTrue(ServerUnderTest.isReferenceSelfCheck() || !ourAll.contains(absent),
                        "ours implements " + absent + ": drop it from NOT_YET_IMPLEMENTED");
                assertTrue(refAll.contains(absent), "the reference has no " + absent);
            }
        }
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String name : names) {
                d.same(Normalize.commandInfo(NOT_YET_IMPLEMENTED), "COMMAND", "INFO", name);
                d.same(Normalize.commandDocs(NOT_YET_IMPLEMENTED), "COMMAND", "DOCS", name);
            }
            d.same("COMMAND", "INFO", "nosuchcommand");
            d.same(Normalize.commandInfo(), "COMMAND", "INFO", "GET", "nosuch", "set", "client|setname");
            d.same(Normalize.commandInfo(), "COMMAND", "INFO", "client|no-evict", "client|reply", "client|unblock",
                    "client|getredir", "client|trackinginfo", "client|caching", "command|getkeysandflags",
                    "config|rewrite");
            d.same(Normalize.commandDocs(), "COMMAND", "DOCS", "client|reply", "command|getkeysandflags",
                    "config|rewrite", "client|unblock");
            d.same("COMMAND", "DOCS", "nosuchcommand");
            d.same("COMMAND", "COUNT", "x");
            d.same("COMMAND", "BOGUS");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void getkeysAndFlags(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("COMMAND", "GETKEYSANDFLAGS", "get", "k");
            d.same("COMMAND", "GETKEYSANDFLAGS", "SET", "k", "v");
            d.same("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "nx", "GET");
            d.same("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "px", "100");
            d.same("COMMAND", "GETKEYSANDFLAGS", "del", "a", "b", "c");
            d.same("COMMAND", "GETKEYSANDFLAGS", "exists", "a", "b");
            d.same("COMMAND", "GETKEYSANDFLAGS", "ping", "x");
            d.same("COMMAND", "GETKEYSANDFLAGS", "config", "get", "x");
            d.same("COMMAND", "GETKEYSANDFLAGS", "client", "nosub", "x");
            d.same("COMMAND", "GETKEYSANDFLAGS", "nosuch", "x");
            d.same("COMMAND", "GETKEYSANDFLAGS", "get", "a", "b");
            d.same("COMMAND", "GETKEYSANDFLAGS", "get");
            d.same("COMMAND", "GETKEYS", "set", "k", "v", "get");
        }
    }

    @AllConfigurationsBothProtocols
    void configRewriteWithoutAConfigFile(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CONFIG", "REWRITE");
            d.same("CONFIG", "rewrite", "x");
        }
    }

    /**
     * Settings both servers have (ours implements these; the reference has them all), with values
     * that do not depend on how the servers were started.
     */
    private static final List<String> SHARED_CONFIGS = List.of("databases", "maxclients", "timeout",
            "proto-max-bulk-len", "client-query-buffer-limit", "requirepass", "protected-mode");

    @AllConfigurationsBothProtocols
    void configGetAndSet(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String name : SHARED_CONFIGS) {
                d.same("CONFIG", "GET", name);
            }
            d.same("CONFIG", "GET", "TIMEOUT");
            d.same("CONFIG", "GET", "nosuchsetting");
            d.same(Normalize.unorderedMap(), "CONFIG", "GET", "timeout", "databases");
            d.same("CONFIG", "SET", "timeout", "300");
            d.same("CONFIG", "GET", "timeout");
            d.same("CONFIG", "SET", "client-query-buffer-limit", "10mb");
            d.same("CONFIG", "GET", "client-query-buffer-limit");
            d.same("CONFIG", "SET", "proto-max-bulk-len", "2MB");
            d.same("CONFIG", "GET", "proto-max-bulk-len");
            d.same("CONFIG", "SET", "client-query-buffer-limit", "1k");
            d.same("CONFIG", "SET", "proto-max-bulk-len", "12x");
            d.same("CONFIG", "SET", "protected-mode", "maybe");
            d.same("CONFIG", "SET", "maxclients", "abc");
            d.same("CONFIG", "SET", "timeout", "abc");
            d.same("CONFIG", "SET", "timeout", "-1");
            d.same("CONFIG", "SET", "nosuchsetting", "1");
            d.same("CONFIG", "SET", "databases", "32");
            d.same("CONFIG", "SET", "timeout");
            d.same("CONFIG", "GET");
            d.same("CONFIG", "BOGUS");
            d.same("CONFIG");
            d.assertNoMismatches();
        } finally {
            for (Endpoint ep : List.of(reference(), ours(config))) {
                try (RawConnection c = ep.connect()) {
                    c.call("CONFIG", "SET", "timeout", "0");
                    c.call("CONFIG", "SET", "client-query-buffer-limit", "1gb");
                    c.call("CONFIG", "SET", "proto-max-bulk-len", "512mb");
                }
            }
        }
    }

    @AllConfigurationsBothProtocols
    void dbsizeAndFlush(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("DBSIZE");
            for (int i = 0; i < 5; i++) {
                d.same("SET", "k" + i, "v");
            }
            d.same("DBSIZE");
            d.same("DBSIZE", "x");
            d.same("SELECT", "1");
            d.same("SET", "other", "v");
            d.same("FLUSHDB");
            d.same("DBSIZE");
            d.same("SELECT", "0");
            d.same("DBSIZE");
            d.same("FLUSHDB", "ASYNC");
            d.same("DBSIZE");
            d.same("SET", "a", "1");
            d.same("FLUSHDB", "sync");
            d.same("SET", "a", "1");
            d.same("FLUSHALL", "ASYNC");
            d.same("DBSIZE");
            d.same("SET", "a", "1");
            d.same("FLUSHALL", "SYNC");
            d.same("FLUSHALL", "foo");
            d.same("FLUSHDB", "foo");
            d.same("FLUSHALL", "SYNC", "ASYNC");
            d.same("DBSIZE");
        }
    }

    @AllConfigurationsBothProtocols
    void timeShape(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            Reply ref = d.same(Normalize.shape(), "TIME");
            Reply ours = d.ours().call("TIME");
            long refSeconds = Long.parseLong(ref.child(0).text());
            long ourSeconds = Long.parseLong(ours.child(0).text());
            long micros = Long.parseLong(ours.child(1).text());
            assertTrue(Math.abs(refSeconds - ourSeconds) <= 2, "clocks agree: " + ref + " vs " + ours);
            assertTrue(micros >= 0 && micros < 1_000_000, "microseconds in range: " + ours);
            d.same("TIME", "x");
        }
    }

    /** INFO field names our server claims to report, by section; values differ by nature. */
    private static final Map<String, List<String>> CLAIMED = Map.of(
            "Server", List.of("redis_version", "redis_mode", "os", "arch_bits", "process_id", "tcp_port",
                    "uptime_in_seconds"),
            "Clients", List.of("connected_clients"),
            "Memory", List.of("used_memory"),
            "Stats", List.of("total_connections_received", "total_commands_processed"),
            "Replication", List.of("role"));

    static Map<String, Map<String, String>> parseInfo(Reply r) {
        assertTrue(r.type() == '$' || r.type() == '=', "INFO is a bulk (or verbatim) string: " + r);
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String text = r.type() == '=' ? r.text().substring(4) : r.text();
        for (String line : text.split("\r\n")) {
            if (line.startsWith("# ")) {
                current = new LinkedHashMap<>();
                sections.put(line.substring(2), current);
            } else if (!line.isEmpty()) {
                assertTrue(current != null, "field before any section header: " + line);
                int colon = line.indexOf(':');
                assertTrue(colon > 0, "INFO line is name:value: " + line);
                current.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return sections;
    }

    @AllConfigurationsBothProtocols
    void infoSectionsAndClaimedFields(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("SET", "k", "v");
            Reply refReply = d.reference().call("INFO");
            Reply ourReply = d.ours().call("INFO");
            assertEquals(refReply.type(), ourReply.type(), "INFO reply type");
            Map<String, Map<String, String>> ref = parseInfo(refReply);
            Map<String, Map<String, String>> ours = parseInfo(ourReply);
            assertEquals("7.0.15", ref.get("Server").get("redis_version"));
            if (!ServerUnderTest.isReferenceSelfCheck()) {
                assertEquals(ServerUnderTest.configuration(config).transport(), ours.get("Server").get("transport"), "ours reports its transport");
                assertTrue(ours.get("Server").containsKey("transport_backend"), "ours reports transport_backend");
            }
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : CLAIMED.entrySet()) {
                Map<String, String> section = ours.get(e.getKey());
                for (String field : e.getValue()) {
                    assertTrue(ref.get(e.getKey()).containsKey(field), "reference has " + field);
                    if (section == null || !section.containsKey(field)) {
                        missing.add(e.getKey() + "." + field);
                    }
                }
            }
            assertEquals(List.of(), missing, "INFO fields missing from ours; ours has sections " + ours.keySet());
            assertEquals("7.0.15", ours.get("Server").get("redis_version"));
            assertEquals(ref.get("Server").get("redis_mode"), ours.get("Server").get("redis_mode"));
            assertEquals(String.valueOf(ours(config).port()), ours.get("Server").get("tcp_port"));
            assertEquals(ref.get("Replication").get("role"), ours.get("Replication").get("role"));
            assertEquals("keys=1,expires=0,avg_ttl=0", ours.get("Keyspace").get("db0"), "Keyspace: " + ours.get("Keyspace"));
            assertEquals(ref.get("Keyspace").get("db0"), ours.get("Keyspace").get("db0"));
            // Section order follows the reference's.
            List<String> refOrder = new ArrayList<>(ref.keySet());
            refOrder.retainAll(ours.keySet());
            List<String> ourOrder = new ArrayList<>(ours.keySet());
            ourOrder.retainAll(ref.keySet());
            assertEquals(refOrder, ourOrder, "section order");

            Map<String, Map<String, String>> serverOnly = parseInfo(d.ours().call("INFO", "server"));
            assertEquals(List.of("Server"), new ArrayList<>(serverOnly.keySet()), "INFO server");
            Map<String, Map<String, String>> refKeyspace = parseInfo(d.reference().call("INFO", "keyspace"));
            Map<String, Map<String, String>> ourKeyspace = parseInfo(d.ours().call("INFO", "KEYSPACE"));
            assertEquals(refKeyspace, ourKeyspace, "INFO keyspace");
            d.same("INFO", "nosuchsection");
            assertFalse(parseInfo(d.ours().call("INFO", "all")).isEmpty());
        }
    }
}
