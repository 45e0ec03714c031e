package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generic key commands the engine implements (DEL, EXISTS, UNLINK, TOUCH, TYPE, RENAME, RENAMENX,
 * KEYS, RANDOMKEY, SCAN) and unknown-command error texts.
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
}
