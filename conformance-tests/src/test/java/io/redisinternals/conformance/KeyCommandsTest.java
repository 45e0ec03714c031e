package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.List;

/** Generic key commands the engine implements (DEL, EXISTS) and unknown-command error texts. */
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
