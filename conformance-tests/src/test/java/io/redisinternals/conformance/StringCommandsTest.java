package io.redisinternals.conformance;

/** String group as far as the engine implements it, byte for byte against the reference. */
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

    @AllConfigurationsBothProtocols
    void counters(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("INCR", "n");
            d.same("INCRBY", "n", "41");
            d.same("DECR", "n");
            d.same("DECRBY", "n", "-8");
            d.same("DECRBY", "n", "100");
            d.same("GET", "n");
            for (String v : new String[] {" 1", "01", "-0", "+5", "1.0", "", "18446744073709551616"}) {
                d.same("SET", "bad", v);
                d.same("INCR", "bad");
            }
            d.same("INCRBY", "n", "x");
            d.same("INCRBY", "n", "+1");
            d.same("SET", "max", "9223372036854775807");
            d.same("INCR", "max");
            d.same("INCRBY", "max", "-9223372036854775808");
            d.same("INCRBY", "min", "-9223372036854775808");
            d.same("DECR", "min");
            d.same("DECRBY", "min", "-9223372036854775808");
            d.same("INCR");
            d.same("INCRBY", "n");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void strlenAppendSetnxGetdel(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("STRLEN", "nope");
            d.same("APPEND", "k", "abc");
            d.same("APPEND", "k", "");
            d.same("APPEND", "k", "d\r\ne\u0000");
            d.same("STRLEN", "k");
            d.same("GET", "k");
            d.same("SETNX", "k", "x");
            d.same("SETNX", "fresh", "x");
            d.same("GETDEL", "fresh");
            d.same("GETDEL", "fresh");
            d.same("EXISTS", "fresh");
            d.same("APPEND", "k");
            d.same("SETNX", "k");
            d.same("GETDEL");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void appendPastProtoMaxBulkLen(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            try {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "1mb");
                d.same("SET", "k", "x".repeat(1024 * 1024 - 2));
                d.same("APPEND", "k", "yy");
                d.same("APPEND", "k", "z");
                d.same("STRLEN", "k");
            } finally {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "512mb");
            }
        }
    }

    @AllConfigurationsBothProtocols
    void multiKey(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("MSET", "a", "1", "b", "2", "a", "3");
            d.same("MGET", "a", "b", "nope", "a");
            d.same("MSET", "a", "1", "b");
            d.same("MSET", "a");
            d.same("MSETNX", "a", "1", "b");
            d.same("MSETNX", "k", "v", "k", "v2");
            d.same("GET", "k");
            d.same("MSETNX", "new", "x", "k", "y");
            d.same("EXISTS", "new");
            d.same("MSETNX", "p", "1", "q", "2");
            d.same("MGET");
            d.assertNoMismatches();
        }
    }

    /**
     * APPEND and INCR keep a key's TTL, MSET drops it: with no TTL command yet, seen by letting a
     * short TTL pass (one short sleep for all of them).
     */
    @AllConfigurationsBothProtocols
    void ttlKeptOrDropped(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String k : new String[] {"incr", "append", "mset", "setnx"}) {
                d.same("SET", k, "10", "PX", "100");
            }
            d.same("INCR", "incr");
            d.same("APPEND", "append", "0");
            d.same("MSET", "mset", "20");
            d.same("SETNX", "setnx", "20");
            Thread.sleep(150);
            d.same("MGET", "incr", "append", "mset", "setnx");
            d.assertNoMismatches();
        }
    }
}
