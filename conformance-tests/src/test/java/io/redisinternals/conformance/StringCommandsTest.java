package io.redisinternals.conformance;

/** String group as far as the engine implements it: plain SET and GET, byte for byte. */
class StringCommandsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void setAndGet(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("GET", "missing");
            d.same("SET", "k", "v");
            d.same("GET", "k");
            d.same("SET", "k", "overwritten");
            d.same("GET", "k");
            d.same("SET", "empty", "");
            d.same("GET", "empty");
            d.same("SET", "", "empty key");
            d.same("GET", "");
            d.same("SET", "bin\r\nkey\u0000", "bin\r\nvalue\u0000\u00ff");
            d.same("GET", "bin\r\nkey\u0000");
            d.same("SET", "unicode", "h\u00e9llo \u4e16\u754c");
            d.same("GET", "unicode");
            d.same("SET", "big", "x".repeat(1_000_000));
            d.same("GET", "big");
            d.same("set", "lower", "case");
            d.same("gEt", "lower");
        }
    }

    @AllConfigurationsBothProtocols
    void arityErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("GET");
            d.same("GET", "a", "b");
            d.same("SET", "k");
            d.same("SET");
            d.same("get");
            d.same("PING");
        }
    }
}
