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

    @AllConfigurationsBothProtocols
    void getexOptionsAndErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "k", "v");
            d.same("GETEX", "k");
            d.same("GETEX", "missing");
            d.same("GETEX", "missing", "EX", "abc"); // a missing key wins over a bad time
            d.same("GETEX", "missing", "foo");
            String[][] bad = {
                {"ex"}, {"ex", "10", "px", "10"}, {"persist", "ex", "10"}, {"ex", "10", "persist"},
                {"ex", "abc"}, {"ex", "0"}, {"ex", "-1"}, {"px", "0"}, {"exat", "0"}, {"pxat", "-5"},
                {"ex", "9223372036854775807"}, {"ex", "92233720368547758"}, {"px", "9223372036854775807"},
                {"ex", "1.5"}, {"foo"}, {"nx"}, {"keepttl"}, {"get"}, {"persist", "px"},
                {"PX", "100", "EX", "abc"}, {"ex", "10", "foo"}, {"ex", "abc", "foo"}, {"ex", "-1", "foo"},
                {"exat", "abc", "pxat", "1"},
            };
            for (String[] options : bad) {
                String[] cmd = new String[options.length + 2];
                cmd[0] = "GETEX";
                cmd[1] = "k";
                System.arraycopy(options, 0, cmd, 2, options.length);
                d.same(cmd);
            }
            d.same("TTL", "k");
            d.same("GETEX", "k", "ex", "10", "ex", "20");
            d.same("TTL", "k");
            d.same("GETEX", "k", "PERSIST", "persist");
            d.same("TTL", "k");
            d.same("GETEX", "k", "EXAT", "4000000000");
            d.same("EXPIRETIME", "k");
            d.same("GETEX", "k", "pxat", "4000000000123");
            d.same("PEXPIRETIME", "k");
            d.same("GETEX", "k", "exat", "9223372036854775");
            d.same("PEXPIRETIME", "k");
            d.same("GETEX", "k", "PX", "100000");
            d.same("TTL", "k");
            d.same("GETEX", "k", "ex", "100");
            d.same("TTL", "k");
            d.same("GETEX", "k", "persist");
            d.same("TTL", "k");
            d.same("GETEX", "k", "pxat", "1"); // in the past: replies, then deletes
            d.same("EXISTS", "k");
            d.same("SET", "k", "v");
            d.same("GETEX", "k", "exat", "1");
            d.same("EXISTS", "k");
            d.same("GETEX");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void getexRelativeTimeExpires(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "k", "v");
            d.same("GETEX", "k", "PX", "50");
            Thread.sleep(80);
            d.same("GETEX", "k");
            d.same("EXISTS", "k");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void getrangeAndSubstr(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "k", "Hello World");
            d.same("SET", "e", "");
            d.same("SET", "n", "12345");
            String[][] ranges = {
                {"0", "3"}, {"-3", "-1"}, {"0", "-1"}, {"10", "100"}, {"11", "100"}, {"5", "3"},
                {"-100", "-50"}, {"-100", "2"}, {"0", "-100"}, {"-1", "-2"}, {"100", "200"}, {"3", "3"},
                {"-1", "0"}, {"0", "-12"}, {"-12", "0"}, {"-11", "0"}, {"4294967296", "4294967297"},
                {"-9223372036854775808", "9223372036854775807"}, {"9223372036854775807", "-9223372036854775808"},
                {"0", "9223372036854775808"}, {"a", "1"}, {"1", "a"}, {"1.5", "2"}, {" 1", "2"}, {"01", "2"},
            };
            for (String[] r : ranges) {
                d.same("GETRANGE", "k", r[0], r[1]);
                d.same("SUBSTR", "k", r[0], r[1]);
            }
            for (String[] r : new String[][] {{"0", "-1"}, {"0", "0"}, {"-1", "0"}, {"1", "2"}, {"-1", "-1"}}) {
                d.same("GETRANGE", "e", r[0], r[1]);
                d.same("GETRANGE", "n", r[0], r[1]);
                d.same("GETRANGE", "missing", r[0], r[1]);
            }
            d.same("GETRANGE", "missing", "a", "1"); // the integers are checked first
            d.same("GETRANGE", "k", "0");
            d.same("GETRANGE", "k", "0", "1", "2");
            d.same("SUBSTR", "k", "0");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void getsetDropsTheTtl(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("GETSET", "k", "v1");
            d.same("GET", "k");
            d.same("SET", "k", "v", "PX", "100000");
            d.same("GETSET", "k", "v2");
            d.same("TTL", "k");
            d.same("GETSET", "k", "");
            d.same("GET", "k");
            d.same("GETSET", "k");
            d.same("GETSET", "k", "a", "b");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void setexAndPsetex(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "k", "old");
            d.same("SETEX", "k", "100", "v");
            d.same("GET", "k");
            d.same("TTL", "k");
            d.same("PSETEX", "p", "100000", "v");
            d.same("TTL", "p");
            for (String t : new String[] {"0", "-1", "abc", "1.5", " 10", "9223372036854775807",
                    "9223372036854775", "9223372036854774", "-9223372036854775808"}) {
                d.same("SETEX", "bad", t, "v");
                d.same("PSETEX", "bad", t, "v");
            }
            d.same("EXISTS", "bad");
            d.same("GET", "k"); // untouched by the failed calls
            d.same("setex", "k", "10");
            d.same("PSETEX", "k");
            d.same("SETEX", "k", "10", "v", "x");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void psetexExpires(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("PSETEX", "k", "50", "v");
            d.same("GET", "k");
            Thread.sleep(80);
            d.same("GET", "k");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void setrange(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SETRANGE", "m", "0", "");
            d.same("EXISTS", "m");
            d.same("SETRANGE", "m", "5", "");
            d.same("EXISTS", "m");
            d.same("SETRANGE", "m", "-1", "");
            d.same("SETRANGE", "m", "-1", "x");
            d.same("SETRANGE", "m", "x", "x");
            d.same("SETRANGE", "m", "9223372036854775808", "x");
            d.same("SETRANGE", "m", "3", "ab");
            d.same("GET", "m");
            d.same("SET", "k", "hello", "PX", "100000");
            d.same("SETRANGE", "k", "1", "EY");
            d.same("GET", "k");
            d.same("TTL", "k");
            d.same("SETRANGE", "k", "7", "!");
            d.same("GET", "k");
            d.same("SETRANGE", "k", "0", "");
            d.same("SETRANGE", "k", "100", "");
            d.same("STRLEN", "k");
            d.same("SETRANGE", "k", "-1", "");
            d.same("SETRANGE", "k", "9223372036854775807", "A");
            d.same("SETRANGE", "k", "9223372036854775807", "");
            d.same("SETRANGE", "m2", "536870912", "x");
            d.same("SETRANGE", "m2", "536870912", "");
            d.same("EXISTS", "m2");
            d.same("SET", "n", "123");
            d.same("SETRANGE", "n", "1", "");
            d.same("SETRANGE", "n", "1", "9");
            d.same("GET", "n");
            d.same("SET", "bin", "a\u0000b");
            d.same("SETRANGE", "bin", "1", "\r\n\u00ff");
            d.same("GET", "bin");
            d.same("APPEND", "bin", "z");
            d.same("GET", "bin");
            d.same("SETRANGE", "k", "1");
            d.same("SETRANGE", "k", "1", "a", "b");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void setrangePastProtoMaxBulkLen(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            try {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "1mb");
                d.same("SETRANGE", "k", "1048575", "x");
                d.same("STRLEN", "k");
                d.same("SETRANGE", "k", "1048576", "x");
                d.same("SETRANGE", "k", "1048575", "xy");
                d.same("SETRANGE", "new", "1048575", "xy");
                d.same("SETRANGE", "new", "1048576", "");
                d.same("EXISTS", "new");
                d.same("SETRANGE", "k", "0", "y");
                d.same("GETRANGE", "k", "0", "1");
                d.same("STRLEN", "k");
            } finally {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "512mb");
            }
            d.assertNoMismatches();
        }
    }

    /**
     * A hexadecimal increment beyond long double's range: glibc's strtold (Debian's redis-server,
     * the redis:7.0.15 image) reports ERANGE, so Redis answers "value is not a valid float"; musl's
     * (the static embedded-redis build) returns infinity, and Redis then answers "increment would
     * produce NaN or Infinity". We follow the glibc builds: compared with them when they are the
     * reference, pinned to their observed reply when the reference is the musl build.
     */
    @AllConfigurationsBothProtocols
    void incrbyfloatHexOverflowAsTheGlibcBuilds(String config, int resp) {
        String[] overflowing = {"0x1.ffffffffffffffffp16383", "0x1p16384", "-0x1.fffffffffffffffep16384"};
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String inc : overflowing) {
                for (String[] cmd : new String[][] {{"INCRBYFLOAT", "x", inc}, {"HINCRBYFLOAT", "h", "f", inc}}) {
                    d.sameAsGlibc("-ERR value is not a valid float\r\n", cmd);
                }
            }
            d.same("EXISTS", "x", "h");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void incrbyfloatIncrements(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            String[] increments = {
                "0.1", "1e400", "0x10", "5e-324", "1.7976931348623157e308", "-0", "+1.5", ".5", "5.", "1e-400",
                "1.18973149535723176502e+4932", "1e4932", "1e-4950", "0x1p3", "3.0", "1e308", "10e-2", "00012",
                "1e+2", "1E2", "1e0000000000000000000000000000005", "1e-0000000000000000000000000000005",
                "0e99999999999999999999", "0x1p-18", "0x3p-18", "0x1p-16445", "0x1.8p-16446", "0x.8", "0X1P3",
                "1.18973149535723176503e+4932", "1.e3", "-.5e1", "0x1.fffffffffffffffep16383",
                "3.6451995318824746025e-4951", "1.9e-4951", "0." + "0".repeat(4000) + "1", "0".repeat(5119),
                "-1.5", "123456789012345678901234567890", "9223372036854775807", "-9223372036854775808",
                "0.30000000000000004", "2.5", "3.14159265358979323846264338327950288",
            };
            for (String inc : increments) {
                d.same("DEL", "x");
                d.same("INCRBYFLOAT", "x", inc);
            }
            String[] invalid = {
                "inf", "-inf", "+inf", "infinity", "-infinity", "INF", "nan", "NaN", "-nan", "nan(123)", " 1", "1 ",
                "\t1", "1\u0000", "1e", "1e+", "", "-", "+", ".", "e5", "0x", "0x1p", "0xg", "1_0", "1,5", "infinit",
                "1e400000", "1e5000", "-1e5000", "1e-5000", "0x1p-16446", "0x1p-16447", "1e4933",
                "1.18973149535723176508e+4932", "1.8e-4951", "1".repeat(5119),
                "0".repeat(5120), "0." + "0".repeat(5000) + "1",
            };
            for (String inc : invalid) {
                d.same("INCRBYFLOAT", "x", inc);
                d.same("INCRBYFLOAT", "missing", inc);
            }
            d.same("EXISTS", "missing");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void incrbyfloatAccumulatesAndKeepsTheTtl(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (int i = 0; i < 12; i++) {
                d.same("INCRBYFLOAT", "acc", "0.1");
            }
            for (int i = 0; i < 5; i++) {
                d.same("INCRBYFLOAT", "acc", "-0.37");
            }
            d.same("SET", "k", "10.50", "PX", "100000");
            d.same("INCRBYFLOAT", "k", "0.1");
            d.same("TTL", "k");
            d.same("INCRBYFLOAT", "k", "-10.6");
            d.same("SET", "i", "5");
            d.same("INCRBYFLOAT", "i", "-2");
            d.same("INCRBYFLOAT", "i", "1e30");
            d.same("SET", "big", "1.7976931348623157e308");
            d.same("INCRBYFLOAT", "big", "1.7976931348623157e309");
            d.same("INCRBYFLOAT", "big", "1e4932");
            d.same("INCRBYFLOAT", "big", "1e4932");
            d.same("SET", "top", "1.18973149535723176502e+4932");
            d.same("INCRBYFLOAT", "top", "1e4913");
            d.same("INCRBYFLOAT", "top", "1.18973149535723176502e+4932");
            d.same("INCRBYFLOAT", "top", "-1.18973149535723176502e+4932");
            d.same("SET", "inf", "inf");
            d.same("INCRBYFLOAT", "inf", "1");
            d.same("INCRBYFLOAT", "inf", "-inf");
            d.same("GET", "inf");
            for (String stored : new String[] {"abc", " 1", "1 ", "nan", "", "1e5000", "0x10", "1e-400"}) {
                d.same("SET", "s", stored);
                d.same("INCRBYFLOAT", "s", "1");
                d.same("INCRBYFLOAT", "s", "x");
            }
            d.same("SET", "long", "7".repeat(5119));
            d.same("INCRBYFLOAT", "long", "1");
            d.same("SET", "long", "0".repeat(5120));
            d.same("INCRBYFLOAT", "long", "1");
            d.same("SET", "tiny", "0x1p-16445");
            d.same("INCRBYFLOAT", "tiny", "0x1p-16445");
            d.same("INCRBYFLOAT", "tiny", "-0.5");
            d.same("INCRBYFLOAT", "k");
            d.same("INCRBYFLOAT", "k", "1", "2");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void lcs(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("MSET", "k1", "ohmytext", "k2", "mynewtext", "a", "ABCBDAB", "b", "BDCABA",
                    "r1", "aaabbbcccaaabbb", "r2", "abcabcaaabbbxbbb", "e", "");
            String[][] options = {
                {}, {"LEN"}, {"IDX"}, {"IDX", "WITHMATCHLEN"}, {"idx", "minmatchlen", "4"},
                {"IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"}, {"minmatchlen", "-5", "idx"}, {"withmatchlen"},
                {"minmatchlen", "4"}, {"len", "withmatchlen"}, {"LeN", "LEN"}, {"idx", "idx", "minmatchlen", "2"},
                {"len", "idx"}, {"idx", "len"}, {"minmatchlen"}, {"minmatchlen", "x"}, {"foo"}, {"len", "foo"},
                {"minmatchlen", "x", "len", "idx"}, {"len", "idx", "foo"}, {"minmatchlen", "9223372036854775808"},
            };
            String[][] pairs = {{"k1", "k2"}, {"k2", "k1"}, {"a", "b"}, {"b", "a"}, {"r1", "r2"}, {"r2", "r1"},
                {"k1", "k1"}, {"k1", "nope"}, {"nope", "nope2"}, {"e", "k1"}};
            for (String[] pair : pairs) {
                for (String[] opt : options) {
                    String[] cmd = new String[opt.length + 3];
                    cmd[0] = "LCS";
                    cmd[1] = pair[0];
                    cmd[2] = pair[1];
                    System.arraycopy(opt, 0, cmd, 3, opt.length);
                    d.same(cmd);
                }
            }
            d.same("LCS", "k1");
            d.same("LCS");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void lcsOfLongerRandomStrings(String config, int resp) {
        java.util.Random rnd = new java.util.Random(7015);
        try (Differential d = Differential.open(config, resp).soft()) {
            for (int round = 0; round < 6; round++) {
                int alphabet = 2 + round;
                StringBuilder x = new StringBuilder();
                StringBuilder y = new StringBuilder();
                for (int i = 0; i < 300 + round * 50; i++) {
                    x.append((char) ('a' + rnd.nextInt(alphabet)));
                }
                for (int i = 0; i < 200 + round * 70; i++) {
                    y.append((char) ('a' + rnd.nextInt(alphabet)));
                }
                d.same("MSET", "x", x.toString(), "y", y.toString());
                d.same("LCS", "x", "y");
                d.same("LCS", "y", "x", "LEN");
                d.same("LCS", "x", "y", "IDX", "WITHMATCHLEN");
                d.same("LCS", "y", "x", "IDX", "MINMATCHLEN", "3", "WITHMATCHLEN");
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void lcsTransientMemoryLimit(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            try {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "1mb");
                // (511+1) * (511+1) * 4 bytes is exactly 1 MiB: allowed; one byte more is refused.
                d.same("MSET", "a", "x".repeat(511), "b", "xy".repeat(255) + "x", "c", "y".repeat(512));
                d.same("LCS", "a", "b", "LEN");
                d.same("LCS", "a", "b");
                d.same("LCS", "a", "c");
                d.same("LCS", "a", "c", "LEN");
                d.same("LCS", "c", "a", "IDX");
                d.same("LCS", "a", "c", "len", "idx"); // option errors come first
                d.same("LCS", "a", "c", "foo");
                d.same("LCS", "nope", "c");
            } finally {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "512mb");
            }
            d.same("MSET", "a", "a".repeat(70_000), "b", "b".repeat(70_000));
            d.same("LCS", "a", "b");
            d.same("LCS", "a", "b", "LEN");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void newCommandsArity(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("GETEX");
            d.same("GETRANGE", "k");
            d.same("SUBSTR", "k", "1");
            d.same("GETSET", "k");
            d.same("INCRBYFLOAT", "k");
            d.same("LCS", "k");
            d.same("SETEX", "k", "1");
            d.same("PSETEX", "k", "1");
            d.same("SETRANGE", "k", "1");
            d.same("incrbyfloat");
            d.assertNoMismatches();
        }
    }

    /** Which of the new commands signal WATCH (in-place edits included) and which leave the key untouched. */
    @AllConfigurationsBothProtocols
    void watchSeesEveryModification(String config, int resp) {
        String[][] commands = {
            {"SETRANGE", "k", "1", "Z"}, {"SETRANGE", "k", "1", ""}, {"SETRANGE", "k", "-1", "x"},
            {"APPEND", "k", "more"}, {"INCRBYFLOAT", "k", "1"}, {"INCRBYFLOAT", "n", "1.5"}, {"INCRBYFLOAT", "n", "x"},
            {"GETEX", "k"}, {"GETEX", "k", "PX", "100000"}, {"GETEX", "k", "PERSIST"}, {"GETEX", "t", "PERSIST"},
            {"GETEX", "k", "PXAT", "1"}, {"GETEX", "k", "EX", "0"}, {"GETSET", "k", "new"}, {"SETEX", "k", "100", "v"},
            {"PSETEX", "k", "100000", "v"}, {"SETEX", "k", "0", "v"}, {"GETRANGE", "k", "0", "1"}, {"LCS", "k", "n"},
        };
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String[] cmd : commands) {
                d.same("SET", "k", "abc");
                d.same("SETRANGE", "k", "0", "x"); // now raw: later edits happen in place
                d.same("SET", "n", "10");
                d.same("SET", "t", "v", "PX", "100000");
                d.same("WATCH", "k", "n", "t");
                d.same(cmd);
                d.same("MULTI");
                d.same("PING");
                d.same("EXEC");
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void lcsOfShortRandomStrings(String config, int resp) {
        java.util.Random rnd = new java.util.Random(42);
        try (Differential d = Differential.open(config, resp).soft()) {
            for (int round = 0; round < 40; round++) {
                int alphabet = 1 + round % 4;
                StringBuilder x = new StringBuilder();
                StringBuilder y = new StringBuilder();
                int xl = rnd.nextInt(12);
                int yl = rnd.nextInt(12);
                for (int i = 0; i < xl; i++) {
                    x.append((char) ('a' + rnd.nextInt(alphabet)));
                }
                for (int i = 0; i < yl; i++) {
                    y.append((char) ('a' + rnd.nextInt(alphabet)));
                }
                d.same("MSET", "x", x.toString(), "y", y.toString());
                d.same("LCS", "x", "y");
                d.same("LCS", "x", "y", "IDX", "WITHMATCHLEN");
                d.same("LCS", "x", "y", "IDX", "MINMATCHLEN", "2");
            }
            d.assertNoMismatches();
        }
    }

    /** OBJECT ENCODING after every way a string can be stored or modified. */
    @AllConfigurationsBothProtocols
    void encodingsAfterEachKindOfWrite(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            String[][] writes = {
                {"SET", "k", "12"},
                {"SET", "k", "12345678901234567890"},
                {"SET", "k", "-12"},
                {"SET", "k", "x".repeat(44)},
                {"SET", "k", "x".repeat(45)},
                {"MSET", "k", "7"},
                {"GETSET", "k", "8"},
                {"SETEX", "k", "100", "9"},
                {"APPEND", "k", "1"},
                {"APPEND", "k", ""},
                {"APPEND", "fresh", "1"},
                {"INCR", "k"},
                {"INCRBYFLOAT", "k", "1"},
                {"INCRBYFLOAT", "k", "1.5"},
                {"SETRANGE", "k", "0", "5"},
                {"SETRANGE", "fresh", "0", "5"},
                {"SETBIT", "k", "0", "0"},
                {"SETBIT", "fresh", "0", "0"},
                {"BITFIELD", "k", "SET", "u8", "0", "49"},
                {"BITOP", "OR", "k", "src"},
                {"COPY", "src", "k", "REPLACE"},
                {"GETEX", "k", "PX", "100000"},
            };
            for (String[] write : writes) {
                d.same("FLUSHDB");
                d.same("SET", "k", "1");
                d.same("SET", "src", "12");
                d.same(write);
                d.same("OBJECT", "ENCODING", write.length > 1 && write[1].equals("fresh") ? "fresh" : "k");
                d.same("GET", "k");
            }
            d.same("SET", "k", "1");
            d.same("APPEND", "k", "x");
            d.same("INCR", "k"); // not an integer any more
            d.same("SET", "n", "5");
            d.same("APPEND", "n", "0");
            d.same("INCR", "n"); // raw "50" is still a number: the result is an int again
            d.same("OBJECT", "ENCODING", "n");
            d.assertNoMismatches();
        }
    }
}
