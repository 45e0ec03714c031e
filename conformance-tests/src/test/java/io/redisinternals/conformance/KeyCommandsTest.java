package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generic key commands the engine implements (DEL, EXISTS, UNLINK, TOUCH, TYPE, RENAME, RENAMENX,
 * KEYS, RANDOMKEY, SCAN, COPY, MOVE, SWAPDB, OBJECT, WAIT) and unknown-command error texts.
 */
class KeyCommandsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void delAndExists(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("EXISTS", "a");
            d.same("SET", "a", "1");
            d.same("SET", "b", "2");
            d.same("EXISTS", "a");
            d.same("EXISTS", "a", "b", "c");
            d.same("EXISTS", "a", "a", "a");
            d.same("DEL", "a", "a", "c");
            d.same("EXISTS", "a");
            d.same("DEL", "b");
            d.same("DEL", "b");
            d.same("DEL");
            d.same("EXISTS");
            d.same("DBSIZE");
        }
    }

    @AllConfigurationsBothProtocols
    void manyKeys(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            List<String> del = new ArrayList<>(List.of("DEL"));
            for (int i = 0; i < 300; i++) {
                d.same("SET", "key:" + i, "v" + i);
                if (i % 3 == 0) {
                    del.add("key:" + i);
                }
            }
            d.same("DBSIZE");
            d.same(del.toArray(String[]::new));
            d.same("DBSIZE");
            d.same("EXISTS", "key:0", "key:1", "key:2", "key:3");
        }
    }

    @AllConfigurationsBothProtocols
    void unlinkTouchType(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("SET", "a", "1");
            d.same("SET", "b", "2");
            d.same("SET", "", "empty");
            d.same("TYPE", "a");
            d.same("TYPE", "");
            d.same("TYPE", "nope");
            d.same("TOUCH", "a", "a", "b", "nope", "");
            d.same("TOUCH", "nope");
            d.same("UNLINK", "a", "a", "nope");
            d.same("UNLINK", "b", "");
            d.same("UNLINK", "b");
            d.same("TYPE", "a");
            d.same("TYPE");
            d.same("TYPE", "a", "b");
            d.same("TOUCH");
            d.same("UNLINK");
            d.same("DBSIZE");
        }
    }

    @AllConfigurationsBothProtocols
    void renameAndRenamenx(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp)) {
            d.same("RENAME", "a", "b");
            d.same("RENAME", "a", "a");
            d.same("RENAMENX", "a", "a");
            d.same("RENAMENX", "a", "b");
            d.same("SET", "a", "1");
            d.same("RENAME", "a", "a");
            d.same("RENAMENX", "a", "a");
            d.same("RENAME", "a", "b");
            d.same("GET", "a");
            d.same("GET", "b");
            d.same("SET", "c", "3");
            d.same("RENAMENX", "b", "c");
            d.same("RENAMENX", "b", "d");
            d.same("RENAME", "d", "c");
            d.same("GET", "c");
            d.same("EXISTS", "b", "d");
            // The TTL moves with the value; the destination's own TTL is dropped (observed through
            // expiry, as TTL belongs to another command group).
            d.same("SET", "ttl", "v", "PX", "50");
            d.same("SET", "dst", "w", "PX", "50");
            d.same("RENAME", "ttl", "moved");
            d.same("RENAME", "c", "dst");
            // Expired keys are missing for both the source and the RENAMENX destination.
            d.same("SET", "gone", "x", "PX", "50");
            d.same("SET", "gone2", "y", "PX", "50");
            Thread.sleep(100);
            d.same("EXISTS", "moved", "ttl");
            d.same("GET", "dst");
            d.same("RENAME", "gone", "z");
            d.same("RENAMENX", "dst", "gone2");
            d.same("GET", "gone2");
            d.same("RENAME");
            d.same("RENAME", "a");
            d.same("RENAMENX", "a", "b", "c");
            d.same("DBSIZE");
        }
    }

    @AllConfigurationsBothProtocols
    void keysAndRandomkey(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp)) {
            d.same("KEYS", "*");
            d.same("RANDOMKEY");
            d.same("SET", "only", "1");
            d.same("KEYS", "*");
            d.same("KEYS", "o?l[xy]");
            d.same("KEYS", "x*");
            d.same("RANDOMKEY");
            d.same("SET", "soon", "v", "PX", "50");
            Thread.sleep(100);
            d.same("KEYS", "*");
            d.same("RANDOMKEY");
            d.same("DEL", "only");
            d.same("SET", "", "e");
            d.same("KEYS", "*");
            d.same("KEYS", "?*");
            d.same("RANDOMKEY");
            for (int i = 0; i < 40; i++) {
                d.same("SET", "user:" + i, "v");
                d.same("SET", "item:" + i, "v");
            }
            d.same(sortedArray(), "KEYS", "user:*");
            d.same(sortedArray(), "KEYS", "*:1?");
            d.same(sortedArray(), "KEYS", "*");
            d.same("KEYS");
            d.same("RANDOMKEY", "x");
        }
    }

    @AllConfigurationsBothProtocols
    void scanSingleKey(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp)) {
            d.same("SCAN", "0");
            d.same("SET", "a", "1");
            d.same("SCAN", "0");
            d.same("SCAN", "0", "COUNT", "100");
            d.same("SCAN", "", "MATCH", "a");
            d.same("SCAN", "+0", "MATCH", "b");
            d.same("SCAN", "000", "match", "*");
            d.same("SCAN", "0", "TYPE", "string");
            d.same("SCAN", "0", "type", "STRING", "COUNT", "50", "MATCH", "?");
            d.same("SCAN", "0", "TYPE", "hash");
            d.same("SCAN", "0", "TYPE", "string", "TYPE", "none");
            d.same("SCAN", "0", "COUNT", "1", "COUNT", "100");
            d.same("SET", "b", "2", "PX", "50");
            d.same("DEL", "a");
            Thread.sleep(100);
            d.same("SCAN", "0", "COUNT", "100");
            d.same("DBSIZE");
        }
    }

    @AllConfigurationsBothProtocols
    void scanErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("SET", "a", "1");
            for (String bad : List.of("abc", " 0", "0 ", "0x10", "+", "-", "1.5", "18446744073709551616",
                    "99999999999999999999999")) {
                d.same("SCAN", bad);
            }
            d.same("SCAN", "x", "COUNT", "0");
            d.same("SCAN", "0", "COUNT", "0");
            d.same("SCAN", "0", "COUNT", "-1");
            d.same("SCAN", "0", "COUNT", "x");
            d.same("SCAN", "0", "COUNT", "99999999999999999999");
            d.same("SCAN", "0", "COUNT");
            d.same("SCAN", "0", "MATCH");
            d.same("SCAN", "0", "TYPE");
            d.same("SCAN", "0", "FOO", "bar");
            d.same("SCAN", "0", "MATCH", "a", "extra");
            d.same("SCAN");
        }
    }

    /** An array reply compared as the sorted list of its elements: KEYS's order is hash-table order. */
    private static Function<Reply, String> sortedArray() {
        return r -> {
            if (r.children() == null) {
                return r.rawText();
            }
            List<String> items = new ArrayList<>();
            for (Reply c : r.children()) {
                items.add(c.rawText());
            }
            items.sort(null);
            return r.type() + "" + items.size() + items;
        };
    }

    @AllConfigurationsBothProtocols
    void unknownCommandTexts(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("FOOB");
            d.same("FOOB", "bar");
            d.same("foob", "a", "b", "c");
            d.same("FOOB", "x".repeat(300));
            d.same("FOOB", "with\r\ncrlf", "and\nlf");
            d.same("FOOB", "quote'inside", "");
            d.same("F".repeat(200), "a");
            d.same("FOOB", "a".repeat(100), "b".repeat(100), "c");
            d.same("");
            d.sameRaw(Bytes.ascii("nosuch x y\r\n"), 1);
            d.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void copy(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp)) {
            d.same("COPY", "a", "b");
            d.same("COPY", "a", "a");
            d.same("SET", "a", "hello");
            d.same("COPY", "a", "a");
            d.same("COPY", "a", "b");
            d.same("GET", "b");
            d.same("COPY", "a", "b");
            d.same("SET", "a", "changed");
            d.same("COPY", "a", "b", "REPLACE");
            d.same("GET", "b");
            // The copy owns its bytes: changing one in place leaves the other alone.
            d.same("APPEND", "b", "!");
            d.same("APPEND", "a", "?");
            d.same("MGET", "a", "b");
            d.same("COPY", "a", "a", "DB", "1");
            d.same("COPY", "a", "c", "db", "2", "replace");
            d.same("COPY", "a", "c", "DB", "2");
            d.same("SELECT", "2");
            d.same("GET", "c");
            d.same("GET", "a");
            d.same("COPY", "c", "c", "DB", "2");
            d.same("COPY", "c", "c", "DB", "0", "DB", "2");
            d.same("SELECT", "0");
            // The TTL is copied; a destination's TTL is replaced.
            d.same("SET", "t", "v", "EX", "100");
            d.same("SET", "u", "w", "EX", "200");
            d.same("COPY", "t", "u", "REPLACE");
            d.same("TTL", "u");
            d.same("COPY", "a", "t", "REPLACE");
            d.same("TTL", "t");
            d.same("SET", "soon", "v", "PX", "50");
            d.same("COPY", "soon", "later");
            d.same("SET", "gone", "v", "PX", "50");
            Thread.sleep(100);
            d.same("EXISTS", "soon", "later");
            d.same("COPY", "gone", "x");
            d.same("COPY", "a", "later");
            d.same("GET", "later");
            // Encodings survive the copy.
            d.same("SET", "n", "12345");
            d.same("COPY", "n", "n2");
            d.same("OBJECT", "ENCODING", "n2");
            d.same("OBJECT", "ENCODING", "b");
            d.same("COPY", "a", "b", "DB", "16");
            d.same("COPY", "a", "b", "DB", "-1");
            d.same("COPY", "a", "b", "DB", "x");
            d.same("COPY", "a", "b", "DB", "2147483648");
            d.same("COPY", "a", "b", "DB", "99999999999999999999");
            d.same("COPY", "a", "b", "DB", "01");
            d.same("COPY", "a", "b", "DB");
            d.same("COPY", "a", "b", "REPLACE", "x");
            d.same("COPY", "a", "b", "foo");
            d.same("COPY", "a", "b", "DB", "x", "foo");
            d.same("COPY", "a", "a", "foo");
            d.same("COPY", "nokey", "nokey", "DB", "99");
            d.same("COPY", "a");
            d.same("COPY");
            d.same("DBSIZE");
        }
    }

    @AllConfigurationsBothProtocols
    void move(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp)) {
            d.same("MOVE", "a", "1");
            d.same("MOVE", "a", "0");
            d.same("SET", "a", "1");
            d.same("MOVE", "a", "0");
            d.same("MOVE", "a", "1");
            d.same("EXISTS", "a");
            d.same("SET", "a", "2");
            d.same("MOVE", "a", "1");
            d.same("GET", "a");
            d.same("SELECT", "1");
            d.same("GET", "a");
            d.same("MOVE", "a", "0");
            d.same("SELECT", "0");
            // The TTL moves with the key.
            d.same("SET", "t", "v", "EX", "100");
            d.same("MOVE", "t", "3");
            d.same("SELECT", "3");
            d.same("TTL", "t");
            d.same("SET", "soon", "v", "PX", "50");
            d.same("MOVE", "soon", "0");
            d.same("SELECT", "0");
            d.same("SET", "soon", "x");
            d.same("SET", "gone", "v", "PX", "50");
            Thread.sleep(100);
            d.same("MOVE", "gone", "3");
            // The copy in database 3 has expired, so the key moves there.
            d.same("MOVE", "soon", "3");
            d.same("SELECT", "3");
            d.same("TTL", "soon");
            d.same("GET", "soon");
            d.same("SELECT", "0");
            d.same("MOVE", "a", "16");
            d.same("MOVE", "a", "-1");
            d.same("MOVE", "a", "x");
            d.same("MOVE", "a", "2147483648");
            d.same("MOVE", "a", "-2147483649");
            d.same("MOVE", "a", "01");
            d.same("MOVE", "nokey", "0");
            d.same("MOVE", "nokey", "99");
            d.same("MOVE", "a");
            d.same("MOVE", "a", "1", "2");
        }
    }

    @AllConfigurationsBothProtocols
    void swapdb(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("SET", "a", "0");
            d.same("SET", "t", "v", "EX", "100");
            d.same("SELECT", "1");
            d.same("SET", "b", "1");
            d.same("SWAPDB", "0", "1");
            d.same("GET", "a");
            d.same("GET", "b");
            d.same("TTL", "t");
            d.same("SELECT", "0");
            d.same("GET", "b");
            d.same("DBSIZE");
            d.same("SWAPDB", "1", "0");
            d.same("GET", "a");
            d.same("SWAPDB", "0", "0");
            d.same("GET", "a");
            d.same("SWAPDB", "0", "15");
            d.same("DBSIZE");
            d.same("SWAPDB", "15", "0");
            for (String[] bad : new String[][] {{"x", "0"}, {"0", "x"}, {"-1", "0"}, {"0", "16"}, {"16", "x"},
                    {"16", "-1"}, {"2147483648", "0"}, {"0", "99999999999999999999"}, {"01", "+1"}, {"1.0", "0"}}) {
                d.same("SWAPDB", bad[0], bad[1]);
            }
            d.same("SWAPDB", "0");
            d.same("SWAPDB", "0", "1", "2");
            d.same("DBSIZE");
        }
    }

    @AllConfigurationsBothProtocols
    void objectEncodingAndRefcount(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            String[] values = {"0", "1", "9999", "10000", "-1", "-0", "01", "+1", " 1", "1.5",
                "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                "12345678901234567890", "-1234567890123456789", "x".repeat(44), "x".repeat(45), "", "abc"};
            for (int i = 0; i < values.length; i++) {
                d.same("SET", "k" + i, values[i]);
                d.same("OBJECT", "ENCODING", "k" + i);
                d.same("OBJECT", "REFCOUNT", "k" + i);
            }
            d.same("MSET", "m1", "42", "m2", "4200000");
            d.same("OBJECT", "ENCODING", "m1");
            d.same("OBJECT", "REFCOUNT", "m1");
            d.same("OBJECT", "ENCODING", "m2");
            d.same("APPEND", "k0", "1");
            d.same("OBJECT", "ENCODING", "k0");
            d.same("OBJECT", "REFCOUNT", "k0");
            d.same("APPEND", "k17", "abc");
            d.same("OBJECT", "ENCODING", "k17");
            d.same("SET", "s", "x".repeat(40));
            d.same("APPEND", "s", "y");
            d.same("OBJECT", "ENCODING", "s");
            d.same("INCR", "k2");
            d.same("OBJECT", "ENCODING", "k2");
            d.same("OBJECT", "REFCOUNT", "k2");
            d.same("OBJECT", "ENCODING", "nokey");
            d.same("OBJECT", "REFCOUNT", "nokey");
            d.same("OBJECT", "encoding", "k1");
            d.same("OBJECT", "ENCODING");
            d.same("OBJECT", "ENCODING", "a", "b");
            d.same("OBJECT", "REFCOUNT");
            d.same("OBJECT", "FOO");
            d.same("OBJECT", "FOO", "a");
            d.same("OBJECT", "HELP");
            d.same("OBJECT", "help");
            d.same("OBJECT", "HELP", "x");
            d.same("OBJECT");
        }
    }

    /** With a memory limit and an LRU policy, Redis stops sharing small integers. */
    @AllConfigurationsBothProtocols
    void objectRefcountWithoutSharedIntegers(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("CONFIG", "SET", "maxmemory", "1gb", "maxmemory-policy", "allkeys-lru");
            d.same("SET", "a", "5");
            d.same("OBJECT", "REFCOUNT", "a");
            d.same("OBJECT", "ENCODING", "a");
            d.same("CONFIG", "SET", "maxmemory", "0");
            d.same("SET", "b", "5");
            d.same("OBJECT", "REFCOUNT", "b");
            d.same("CONFIG", "SET", "maxmemory", "1gb", "maxmemory-policy", "volatile-ttl");
            d.same("SET", "c", "5");
            d.same("OBJECT", "REFCOUNT", "c");
            d.assertNoMismatches();
        } finally {
            restoreEvictionConfig(config);
        }
    }

    @AllConfigurationsBothProtocols
    void objectIdletimeAndFreq(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "k", "hello");
            d.same("OBJECT", "IDLETIME", "k");
            d.same("GET", "k");
            d.same("OBJECT", "IDLETIME", "k");
            d.same("OBJECT", "IDLETIME", "nokey");
            d.same("OBJECT", "FREQ", "k");
            d.same("OBJECT", "FREQ", "nokey");
            // Without decay, so a minute boundary between two commands changes nothing.
            d.same("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "lfu-decay-time", "0");
            d.same("OBJECT", "IDLETIME", "k");
            d.same("OBJECT", "IDLETIME", "nokey");
            d.same("SET", "f", "hello");
            d.same("OBJECT", "FREQ", "f");
            // Inspecting a key does not count as an access; a read does, and from the initial 5 the
            // counter always grows by one.
            d.same("EXISTS", "f");
            d.same("TYPE", "f");
            d.same("TTL", "f");
            d.same("OBJECT", "ENCODING", "f");
            d.same("OBJECT", "FREQ", "f");
            d.same("GET", "f");
            d.same("OBJECT", "FREQ", "f");
            d.same("SET", "g", "abc");
            d.same("COPY", "g", "g2");
            d.same("OBJECT", "FREQ", "g2");
            // Each key is accessed at most once more: from 6 on, an access adds one only sometimes.
            d.same("RENAME", "g2", "g3");
            d.same("OBJECT", "FREQ", "g3");
            d.same("SET", "m", "abc");
            d.same("MOVE", "m", "1");
            d.same("SELECT", "1");
            d.same("OBJECT", "FREQ", "m");
            d.same("SELECT", "0");
            d.same("SET", "h", "abc");
            d.same("EXPIRE", "h", "100");
            d.same("OBJECT", "FREQ", "h");
            d.same("SET", "i", "abc");
            d.same("MSET", "i", "abcd");
            d.same("OBJECT", "FREQ", "i");
            d.same("CONFIG", "SET", "maxmemory-policy", "volatile-lfu");
            d.same("OBJECT", "FREQ", "nokey");
            d.same("OBJECT", "FREQ");
            d.same("OBJECT", "IDLETIME");
            d.same("OBJECT", "FREQ", "a", "b");
            d.assertNoMismatches();
        } finally {
            restoreEvictionConfig(config);
        }
    }

    /**
     * How many accesses each write counts, made visible: with lfu-log-factor 0 every access adds one
     * to the LFU counter, so OBJECT FREQ counts them exactly. A replacement counts the write lookup
     * Redis's setKey makes, once (dbOverwrite keeps the counter); GETSET and SET ... GET look the
     * key up twice, as Redis's do.
     */
    @AllConfigurations
    void lfuCountsTheAccessesOfEachWrite(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "lfu-decay-time", "0", "lfu-log-factor", "0");
            d.same("RPUSH", "list", "3", "1", "2");
            String[][] writes = {
                {"SET", "k", "abc"}, {"SET", "k", "abd"}, {"SET", "k", "longer"}, {"MSET", "k", "x"},
                {"SETEX", "k", "100", "y"}, {"SET", "k", "1", "KEEPTTL"}, {"INCR", "k"}, {"INCRBY", "k", "1000"},
                {"INCRBYFLOAT", "k", "1.5"}, {"APPEND", "k", "z"}, {"SETRANGE", "k", "0", "ab"}, {"GETSET", "k", "v"},
                {"SET", "k", "w", "GET"}, {"SETNX", "k", "q"}, {"MSETNX", "k", "q"}, {"SORT", "list", "STORE", "k"},
                {"BITOP", "NOT", "k", "k"}, {"SETBIT", "k", "1", "1"}, {"LPUSH", "list", "4"}, {"GETDEL", "list2"},
            };
            for (String[] w : writes) {
                d.same(w);
                d.same("OBJECT", "FREQ", w[0].equals("LPUSH") ? "list" : "k");
            }
            d.assertNoMismatches();
        } finally {
            restoreEvictionConfig(config);
        }
    }

    @AllConfigurationsBothProtocols
    void evictionConfig(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String name : List.of("maxmemory", "maxmemory-policy", "lfu-log-factor", "lfu-decay-time")) {
                d.same("CONFIG", "GET", name);
            }
            for (String v : List.of("100mb", "1GB", "05", "", "18446744073709551615", "18446744073709551616",
                    "99999999999999999999999", "18446744073709551615k", "x", "-1", "+5", "-0", "1.5gb", "5 ")) {
                if (v.isEmpty() && ReferenceRedis.isMuslBuild()) {
                    // glibc's strtoull reads "" as 0, musl's refuses it: as the glibc builds
                    d.sameAsGlibc("+OK\r\n", "CONFIG", "SET", "maxmemory", v);
                    continue;
                }
                d.same("CONFIG", "SET", "maxmemory", v);
                d.same("CONFIG", "GET", "maxmemory");
            }
            for (String v : List.of("ALLKEYS-LFU", "volatile-ttl", "foo", "", "noeviction")) {
                d.same("CONFIG", "SET", "maxmemory-policy", v);
                d.same("CONFIG", "GET", "maxmemory-policy");
            }
            for (String name : List.of("lfu-log-factor", "lfu-decay-time")) {
                for (String v : List.of("0", "2147483647", "2147483648", "-1", "x", "7")) {
                    d.same("CONFIG", "SET", name, v);
                    d.same("CONFIG", "GET", name);
                }
            }
            d.assertNoMismatches();
        } finally {
            restoreEvictionConfig(config);
        }
    }

    private static void restoreEvictionConfig(String config) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                c.call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction",
                        "lfu-log-factor", "10", "lfu-decay-time", "1");
            }
        }
    }

    @AllConfigurationsBothProtocols
    void waitWithoutReplicas(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("WAIT", "0", "0");
            d.same("WAIT", "0", "100");
            d.same("WAIT", "-5", "10");
            d.same("WAIT", "0", "9223372036854775807");
            d.same("WAIT", "x", "0");
            d.same("WAIT", "x", "x");
            d.same("WAIT", "x", "-1");
            d.same("WAIT", "0", "x");
            d.same("WAIT", "0", "+5");
            d.same("WAIT", "0", "5.0");
            d.same("WAIT", "0", "9223372036854775808");
            d.same("WAIT", "9223372036854775808", "0");
            d.same("WAIT", "0", "-1");
            d.same("WAIT", "1", "-1");
            d.same("MULTI");
            d.same("WAIT", "1", "0");
            d.same("EXEC");
            d.same("WAIT", "0");
            d.same("WAIT");
        }
    }

    /** RANDOMKEY draws every key equally often (ten keys, 1000 draws; see {@link Uniformity}). */
    @AllConfigurations
    void randomkeyIsUniform(String config) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                for (int i = 0; i < 10; i++) {
                    c.call("SET", "key:" + i, "v");
                }
                Uniformity.assertUniform(Uniformity.draws(c, 1000, "RANDOMKEY"), 10, ep + ": 1000 x RANDOMKEY");
            }
        }
    }
}
