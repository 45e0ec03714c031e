package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Bitmap group (SETBIT ... BITFIELD_RO), byte for byte against the reference. */
class BitmapCommandsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void setbitAndGetbit(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("GETBIT", "missing", "0");
            d.same("GETBIT", "missing", "4294967295");
            d.same("SETBIT", "k", "7", "1");
            d.same("GET", "k");
            d.same("SETBIT", "k", "7", "1");
            d.same("SETBIT", "k", "7", "0");
            d.same("SETBIT", "k", "100", "1");
            d.same("STRLEN", "k");
            d.same("GET", "k");
            d.same("GETBIT", "k", "100");
            d.same("GETBIT", "k", "101");
            d.same("GETBIT", "k", "1000");
            d.same("SET", "n", "12345");
            d.same("GETBIT", "n", "2");
            d.same("SETBIT", "n", "0", "0");
            d.same("GET", "n");
            d.same("SET", "e", "hello");
            d.same("SETBIT", "e", "1", "0");
            d.same("GET", "e");
            d.same("SETBIT", "ttl", "3", "1");
            d.same("PEXPIRE", "ttl", "100000");
            d.same("SETBIT", "ttl", "300", "1");
            d.same(r -> r.rawText().startsWith(":") ? "positive ttl " + (Long.parseLong(r.text()) > 0) : r.rawText(),
                    "PTTL", "ttl");
            d.same("SETBIT", "k", "1", "x");
            d.same("SETBIT", "k", "1", "2");
            d.same("SETBIT", "k", "1", "-1");
            d.same("SETBIT", "k", "1", "");
            d.same("SETBIT", "k", "x", "1");
            d.same("SETBIT", "k", "-1", "1");
            d.same("SETBIT", "k", "+1", "1");
            d.same("SETBIT", "k", "01", "1");
            d.same("SETBIT", "k", "4294967296", "1");
            d.same("SETBIT", "k", "4294967296", "7");
            d.same("SETBIT", "k", "9223372036854775807", "1");
            d.same("SETBIT", "k", "99999999999999999999", "1");
            d.same("GETBIT", "k", "4294967296");
            d.same("GETBIT", "k", "-1");
            d.same("GETBIT", "k", "1.5");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void offsetsFollowProtoMaxBulkLen(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            try {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "1mb");
                d.same("SETBIT", "a", "8388607", "1");
                d.same("STRLEN", "a");
                d.same("SETBIT", "a", "8388608", "1");
                d.same("GETBIT", "a", "8388608");
                d.same("GETBIT", "a", "8388607");
                d.same("BITFIELD", "b", "SET", "u8", "8388607", "255");
                d.same("STRLEN", "b");
                d.same("BITFIELD", "c", "SET", "i64", "8388600", "-1");
                d.same("STRLEN", "c");
                d.same("BITFIELD", "c", "SET", "i64", "8388608", "-1");
                d.same("BITFIELD", "c", "GET", "u8", "#1048575");
                d.same("BITFIELD", "c", "GET", "u8", "#1048576");
                d.same("BITFIELD_RO", "c", "GET", "u8", "#1048576");
                d.same("BITCOUNT", "c");
                d.same("CONFIG", "SET", "proto-max-bulk-len", "4gb");
                d.same("GETBIT", "a", "4294967296");
                d.same("GETBIT", "a", "34359738367");
                d.same("GETBIT", "a", "34359738368");
            } finally {
                d.same("CONFIG", "SET", "proto-max-bulk-len", "512mb");
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void bitcount(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("BITCOUNT", "missing");
            d.same("BITCOUNT", "missing", "a", "b");
            d.same("BITCOUNT", "missing", "1");
            d.same("BITCOUNT", "missing", "0", "1", "bad");
            d.same("SET", "s", "foobar");
            d.same("SET", "empty", "");
            d.same("SET", "num", "-123456789");
            d.same("BITCOUNT", "s");
            d.same("BITCOUNT", "empty");
            d.same("BITCOUNT", "num");
            String[][] ranges = {
                {"0", "0"}, {"1", "1"}, {"0", "-1"}, {"-1", "-1"}, {"-2", "-1"}, {"-1", "-2"}, {"-100", "-200"},
                {"-200", "-100"}, {"-200", "200"}, {"3", "1"}, {"5", "100"}, {"6", "6"}, {"100", "200"},
                {"-9223372036854775808", "9223372036854775807"}, {"9223372036854775807", "-9223372036854775808"},
                {"-9223372036854775808", "-9223372036854775807"}, {"0", "47"}, {"1", "46"}, {"7", "8"}, {"5", "30"},
                {"-5", "-1"}, {"-48", "-1"}, {"-49", "-48"}
            };
            for (String key : new String[] {"s", "empty", "num"}) {
                for (String[] r : ranges) {
                    d.same("BITCOUNT", key, r[0], r[1]);
                    d.same("BITCOUNT", key, r[0], r[1], "BYTE");
                    d.same("BITCOUNT", key, r[0], r[1], "bit");
                }
            }
            d.same("BITCOUNT", "s", "1");
            d.same("BITCOUNT", "s", "a", "1");
            d.same("BITCOUNT", "s", "1", "a");
            d.same("BITCOUNT", "s", "1", "2", "bits");
            d.same("BITCOUNT", "s", "1", "2", "BIT", "x");
            d.same("BITCOUNT", "s", "1.5", "2");
            d.same("BITCOUNT", "s", "99999999999999999999", "2");
            d.same("BITCOUNT");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void bitpos(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("BITPOS", "missing", "0");
            d.same("BITPOS", "missing", "1");
            d.same("BITPOS", "missing", "1", "a");
            d.same("BITPOS", "missing", "0", "a", "b", "c", "d");
            d.same("BITPOS", "missing", "2");
            d.same("BITPOS", "missing", "-1");
            d.same("BITPOS", "missing", "x");
            d.same("SET", "s", "foobar");
            d.same("SET", "empty", "");
            d.same("SETBIT", "ff", "23", "1");
            d.same("BITOP", "NOT", "ff", "ff");
            d.same("SETBIT", "zeros", "40", "0");
            d.same("SET", "mixed", "\u0000\u0000\u0000\u00ff\u00f0\u0000");
            String[][] ranges = {
                {}, {"0"}, {"1"}, {"-1"}, {"100"}, {"-100"}, {"0", "0"}, {"0", "-1"}, {"1", "2"}, {"2", "1"},
                {"-100", "-200"}, {"-200", "-100"}, {"-1", "-1"}, {"3", "100"}, {"0", "7"}, {"1", "6"},
                {"-9223372036854775808", "9223372036854775807"}, {"9223372036854775807", "9223372036854775807"},
                {"5", "17"}, {"7", "8"}, {"8", "15"}, {"-3", "-2"}, {"12", "40"}
            };
            for (String key : new String[] {"s", "empty", "ff", "zeros", "mixed"}) {
                for (String bit : new String[] {"0", "1"}) {
                    for (String[] r : ranges) {
                        List<String> cmd = new ArrayList<>(List.of("BITPOS", key, bit));
                        cmd.addAll(List.of(r));
                        d.same(cmd.toArray(String[]::new));
                        if (r.length == 2) {
                            cmd.add("BYTE");
                            d.same(cmd.toArray(String[]::new));
                            cmd.set(cmd.size() - 1, "bit");
                            d.same(cmd.toArray(String[]::new));
                        }
                    }
                }
            }
            d.same("BITPOS", "s", "2");
            d.same("BITPOS", "s", "1", "a");
            d.same("BITPOS", "s", "1", "0", "a");
            d.same("BITPOS", "s", "1", "0", "1", "x");
            d.same("BITPOS", "s", "1", "0", "x", "x");
            d.same("BITPOS", "s", "1", "0", "x", "bit");
            d.same("BITPOS", "s", "1", "0", "1", "bit", "x");
            d.same("BITPOS", "s", "1", "3", "bit");
            d.same("BITPOS", "s");
            d.same("BITPOS");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void bitop(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("BITOP", "foo", "d", "a");
            d.same("BITOP", "andx", "d", "a");
            d.same("BITOP", "NOT", "d", "a", "b");
            d.same("BITOP", "not", "d");
            d.same("BITOP", "and", "d");
            d.same("BITOP");
            d.same("SET", "a", "abcdefghijklmnopqrstuvwxyz0123456789");
            d.same("SET", "b", "\u00ff\u0001");
            d.same("SET", "c", "12");
            d.same("SET", "d", "old");
            d.same("PEXPIRE", "d", "100000");
            for (String op : new String[] {"AND", "or", "Xor"}) {
                d.same("BITOP", op, "d", "a", "b");
                d.same("GET", "d");
                d.same("PTTL", "d");
                d.same("BITOP", op, "d", "a", "missing", "c");
                d.same("GET", "d");
                d.same("BITOP", op, "d", "c", "a", "b", "a");
                d.same("GET", "d");
                d.same("BITOP", op, "d", "d", "c");
                d.same("GET", "d");
                d.same("BITOP", op, "d", "missing", "missing2");
                d.same("EXISTS", "d");
                d.same("SET", "d", "x");
            }
            d.same("BITOP", "NOT", "d", "a");
            d.same("GET", "d");
            d.same("BITOP", "NOT", "d", "d");
            d.same("GET", "d");
            d.same("BITOP", "NOT", "d", "missing");
            d.same("EXISTS", "d");
            d.same("SET", "empty", "");
            d.same("SET", "d", "x");
            d.same("BITOP", "OR", "d", "empty", "empty");
            d.same("EXISTS", "d");
            d.same("BITOP", "AND", "d", "a", "empty");
            d.same("GET", "d");
            d.same("SET", "num", "1234");
            d.same("BITOP", "AND", "d", "num");
            d.same("GET", "d");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void bitfieldErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String cmd : new String[] {"BITFIELD", "BITFIELD_RO"}) {
                d.same(cmd, "k");
                d.same(cmd, "k", "OVERFLOW", "WRAP");
                d.same(cmd, "k", "get");
                d.same(cmd, "k", "get", "u8");
                d.same(cmd, "k", "foo");
                d.same(cmd, "k", "overflow");
                d.same(cmd, "k", "overflow", "bad");
                d.same(cmd, "k", "overflow", "bad", "get", "u8", "x");
                d.same(cmd, "k", "get", "u8", "x", "overflow", "bad");
                for (String type : new String[] {"u64", "i65", "u0", "i0", "x8", "", "u", "i", "u+8", "u08", "U8", "I8",
                    "u-1", "i99999999999999999999", "u8\u0000x", "i 8", "u8 "}) {
                    d.same(cmd, "k", "GET", type, "0");
                }
                for (String offset : new String[] {"x", "-1", "#", "##1", "#-1", "+1", "01", "1.0", "#x",
                    "4294967296", "4294967295", "#536870911", "#536870912", "#9223372036854775807",
                    "#288230376151711744", "#1152921504606846976", "99999999999999999999"}) {
                    d.same(cmd, "k", "GET", "u8", offset);
                    d.same(cmd, "k", "GET", "i64", offset);
                }
                d.same(cmd, "k", "set", "u8", "0", "x");
                d.same(cmd, "k", "set", "u8", "0", "1.5");
                d.same(cmd, "k", "incrby", "u8", "0", "99999999999999999999");
                d.same(cmd, "k", "get", "u8", "0", "set", "u8", "0");
                d.same(cmd, "k", "set", "u8", "0", "1", "get", "u8", "x");
                d.same(cmd, "k", "set", "u8", "0", "x", "get", "u64", "0");
                d.same(cmd, "k", "set", "u8", "0", "1", "get", "u64", "0");
                d.same(cmd, "k", "set", "u8", "0", "1");
                d.same(cmd, "k", "incrby", "u8", "0", "1");
                d.same(cmd, "k", "GET", "u8", "0", "INCRBY", "u8", "0", "1");
                d.same(cmd);
                d.same("EXISTS", "k");
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void bitfieldBasics(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("BITFIELD", "k", "GET", "u8", "0", "GET", "i64", "#3");
            d.same("EXISTS", "k");
            d.same("BITFIELD", "k", "SET", "u8", "0", "255", "GET", "u8", "0", "GET", "i8", "0", "GET", "u1", "7");
            d.same("GET", "k");
            d.same("BITFIELD", "k", "set", "i5", "#3", "-7", "get", "i5", "#3", "get", "u5", "#3", "get", "u4", "14");
            d.same("GET", "k");
            d.same("BITFIELD", "k", "incrby", "u2", "100", "1", "incrby", "u2", "100", "1", "incrby", "u2", "100", "1",
                    "incrby", "u2", "100", "1");
            d.same("STRLEN", "k");
            d.same("BITFIELD_RO", "k", "GET", "u2", "100", "GET", "u8", "#0", "GET", "u63", "3", "GET", "i64", "1");
            d.same("SET", "n", "123");
            d.same("BITFIELD", "n", "GET", "u8", "0");
            d.same("BITFIELD", "n", "SET", "u8", "0", "49");
            d.same("PEXPIRE", "n", "100000");
            d.same("BITFIELD", "n", "INCRBY", "i16", "#2", "1000");
            d.same("GET", "n");
            d.same(r -> r.rawText().startsWith(":") ? "positive ttl " + (Long.parseLong(r.text()) > 0) : r.rawText(),
                    "PTTL", "n");
            d.same("BITFIELD", "fail", "OVERFLOW", "FAIL", "SET", "u8", "0", "1000");
            d.same("EXISTS", "fail");
            d.same("GET", "fail");
            d.same("bitfield", "mixed", "overflow", "sat", "incrby", "i8", "0", "500", "OVERFLOW", "wrap",
                    "incrby", "i8", "0", "500", "overflow", "FAIL", "incrby", "i8", "0", "500", "get", "i8", "0");
            d.assertNoMismatches();
        }
    }

    /** SET and INCRBY under WRAP, SAT and FAIL at the edges of several widths, signed and unsigned. */
    @AllConfigurationsBothProtocols
    void bitfieldOverflowMatrix(String config, int resp) {
        String[] values = {"0", "1", "-1", "2", "-2", "127", "128", "-128", "-129", "255", "256", "32767", "-32768",
            "65535", "65536", "2147483647", "-2147483648", "4294967295", "4611686018427387903", "-4611686018427387904",
            "4611686018427387904", "9223372036854775807", "-9223372036854775808", "-9223372036854775807",
            "-9223372036854775681", "-9223372036854775680", "-9223372036854775553", "9223372036854775806"};
        String[] types = {"i1", "u1", "i2", "u2", "i7", "i8", "u8", "i13", "u15", "i16", "u16", "i32", "u32", "i33",
            "i62", "u62", "i63", "u63", "i64"};
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String overflow : new String[] {"WRAP", "SAT", "FAIL"}) {
                for (String type : types) {
                    List<String> set = new ArrayList<>(List.of("BITFIELD", "m", "OVERFLOW", overflow));
                    for (String v : values) {
                        set.addAll(List.of("SET", type, "3", v, "GET", type, "3"));
                    }
                    d.same(set.toArray(String[]::new));
                    for (String start : new String[] {"0", "1", "-1", "9223372036854775807", "-9223372036854775808",
                        "127", "-128", "4611686018427387903"}) {
                        List<String> incr = new ArrayList<>(List.of("BITFIELD", "m", "OVERFLOW", "WRAP", "SET", type,
                                "#1", start, "OVERFLOW", overflow));
                        for (String v : values) {
                            incr.addAll(List.of("INCRBY", type, "#1", v));
                        }
                        d.same(incr.toArray(String[]::new));
                    }
                }
            }
            d.same("GET", "m");
            d.assertNoMismatches();
        }
    }

    /** Random strings, ranges and fields with a fixed seed: BITCOUNT, BITPOS, GETBIT, BITFIELD, BITOP. */
    @AllConfigurationsBothProtocols
    void randomComparisons(String config, int resp) {
        Random rnd = new Random(0xB17B17L);
        try (Differential d = Differential.open(config, resp).soft()) {
            for (int round = 0; round < 25; round++) {
                int length = rnd.nextInt(round < 5 ? 4 : 40);
                List<String> build = new ArrayList<>(List.of("BITFIELD", "r", "SET", "u8", "#0", "0"));
                for (int i = 0; i < length; i++) {
                    int kind = rnd.nextInt(4);
                    int b = kind == 0 ? 0 : kind == 1 ? 255 : rnd.nextInt(256);
                    build.addAll(List.of("SET", "u8", "#" + i, String.valueOf(b)));
                }
                d.same("DEL", "r");
                if (length > 0) {
                    d.same(build.toArray(String[]::new));
                }
                d.same("STRLEN", "r");
                int bits = Math.max(length * 8, 1);
                for (int q = 0; q < 30; q++) {
                    String unit = rnd.nextBoolean() ? "BIT" : "BYTE";
                    int span = unit.equals("BIT") ? bits + 10 : length + 3;
                    String s = String.valueOf(rnd.nextInt(2 * span + 1) - span);
                    String e = String.valueOf(rnd.nextInt(2 * span + 1) - span);
                    d.same("BITCOUNT", "r", s, e, unit);
                    d.same("BITPOS", "r", String.valueOf(rnd.nextInt(2)), s, e, unit);
                    d.same("BITPOS", "r", String.valueOf(rnd.nextInt(2)), s);
                    d.same("GETBIT", "r", String.valueOf(rnd.nextInt(bits + 16)));
                    String type = (rnd.nextBoolean() ? "i" : "u") + (1 + rnd.nextInt(63));
                    d.same("BITFIELD_RO", "r", "GET", type, String.valueOf(rnd.nextInt(bits + 16)));
                }
                d.same("BITPOS", "r", "0");
                d.same("BITPOS", "r", "1");
                d.same("BITCOUNT", "r");
                d.same("BITOP", "XOR", "x", "r", "x");
                d.same("BITOP", "AND", "y", "x", "r");
                d.same("BITOP", "OR", "z", "y", "r", "x");
                d.same("MGET", "x", "y", "z");
            }
            for (int i = 0; i < 200; i++) {
                String type = (rnd.nextBoolean() ? "i" : "u") + (1 + rnd.nextInt(63));
                String op = rnd.nextBoolean() ? "SET" : "INCRBY";
                String overflow = new String[] {"WRAP", "SAT", "FAIL"}[rnd.nextInt(3)];
                d.same("BITFIELD", "f", "OVERFLOW", overflow, op, type, String.valueOf(rnd.nextInt(200)),
                        String.valueOf(rnd.nextLong() >> rnd.nextInt(64)), "GET", type, "0");
            }
            d.same("GET", "f");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void arityAndKeyFlags(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SETBIT", "k", "1");
            d.same("SETBIT", "k", "1", "1", "1");
            d.same("GETBIT", "k");
            d.same("GETBIT", "k", "1", "1");
            d.same("BITCOUNT");
            d.same("BITPOS", "k");
            d.same("BITOP", "AND", "d");
            d.same("BITFIELD");
            d.same("BITFIELD_RO");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD", "k", "GET", "u8", "0");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD", "k", "GET", "u8", "0", "SET", "u8", "0", "1");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD", "k", "INCRBY", "u8", "0", "1");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD", "k");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD", "k", "OVERFLOW", "SAT");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD", "k", "GET", "SET");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD", "k", "foo");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITFIELD_RO", "k", "GET", "u8", "0");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BITOP", "AND", "d", "a", "b");
            d.same("COMMAND", "GETKEYSANDFLAGS", "SETBIT", "k", "1", "1");
            d.assertNoMismatches();
        }
    }
}
