package io.redisinternals.conformance;

/**
 * The list commands against the reference: pushes and pops at both ends, null shapes with and
 * without COUNT in RESP2/RESP3, ranges with huge and negative indexes, LPOS options and errors,
 * moves (rotation, destination type checks), LMPOP argument errors, WRONGTYPE order, arity, the
 * non-blocking behaviour of the blocking commands inside MULTI, and big lists crossing chunks.
 */
class ListCommandsTest extends ConformanceTestBase {

    private static final String LONG_MIN = "-9223372036854775808";
    private static final String LONG_MAX = "9223372036854775807";

    @AllConfigurationsBothProtocols
    void pushPopAndLength(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("LPUSH", "l", "a", "b", "c");
            d.same("RPUSH", "l", "d", "e");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LPUSHX", "l", "x", "y");
            d.same("RPUSHX", "l", "z");
            d.same("LPUSHX", "missing", "x");
            d.same("RPUSHX", "missing", "x", "y");
            d.same("EXISTS", "missing");
            d.same("LLEN", "l");
            d.same("LLEN", "missing");
            d.same("LPOP", "l");
            d.same("RPOP", "l");
            d.same("LPOP", "l", "2");
            d.same("RPOP", "l", "2");
            d.same("LPOP", "l", "0");
            d.same("RPOP", "l", "100");
            d.same("EXISTS", "l");
            d.same("LPOP", "l");
            d.same("LPOP", "l", "0");
            d.same("LPOP", "l", "3");
            d.same("RPOP", "l", "1");
            d.same("LPOP", "l", "-1");
            d.same("LPOP", "l", "x");
            d.same("LPOP", "l", "1", "2");
            d.same("RPUSH", "l", "only");
            d.same("LPOP", "l", LONG_MAX);
            d.same("OBJECT", "ENCODING", "l");
            d.same("RPUSH", "e", "");
            d.same("LRANGE", "e", "0", "-1");
            d.same("OBJECT", "ENCODING", "e");
            d.same("TYPE", "e");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void indexRangeAndTrim(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "a", "b", "c", "d", "e", "f");
            for (String[] r : new String[][] {{"0", "-1"}, {"-100", "100"}, {"5", "2"}, {"2", "2"}, {"-2", "-1"},
                    {LONG_MIN, LONG_MAX}, {LONG_MAX, LONG_MIN}, {"6", "10"}, {"-1", "-7"}, {"x", "1"}, {"0", "1.5"}}) {
                d.same("LRANGE", "l", r[0], r[1]);
            }
            d.same("LRANGE", "missing", "0", "-1");
            d.same("LRANGE", "missing", "x", "0");
            for (String i : new String[] {"0", "5", "6", "-1", "-6", "-7", LONG_MIN, LONG_MAX, "x"}) {
                d.same("LINDEX", "l", i);
            }
            d.same("LINDEX", "missing", "x");
            d.same("LSET", "l", "0", "A");
            d.same("LSET", "l", "-1", "F-long-value");
            d.same("LSET", "l", "6", "x");
            d.same("LSET", "l", "-7", "x");
            d.same("LSET", "l", "x", "x");
            d.same("LSET", "missing", "0", "x");
            d.same("LSET", "missing", "x", "x");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LTRIM", "l", "1", "-2");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LTRIM", "l", LONG_MIN, LONG_MAX);
            d.same("LRANGE", "l", "0", "-1");
            d.same("LTRIM", "l", "x", "1");
            d.same("LTRIM", "missing", "0", "1");
            d.same("LTRIM", "l", "3", "1");
            d.same("EXISTS", "l");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void insertAndRemove(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "a", "b", "c", "b", "a", "b");
            d.same("LINSERT", "l", "BEFORE", "zz", "x");
            d.same("LINSERT", "missing", "BEFORE", "zz", "x");
            d.same("LINSERT", "l", "middle", "b", "x");
            d.same("LINSERT", "missing", "middle", "b", "x");
            d.same("LINSERT", "l", "after", "b", "x");
            d.same("LINSERT", "l", "BEFORE", "a", "first");
            d.same("LINSERT", "l", "AFTER", "b", "last?");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LREM", "l", "1", "b");
            d.same("LREM", "l", "-1", "b");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LREM", "l", "0", "x");
            d.same("LREM", "l", "0", "nothing");
            d.same("LREM", "l", "x", "a");
            d.same("LREM", "missing", "0", "a");
            d.same("LREM", "l", LONG_MIN, "a");
            d.same("LRANGE", "l", "0", "-1");
            d.same("LREM", "l", "0", "first");
            d.same("LREM", "l", "0", "c");
            d.same("LREM", "l", "0", "b");
            d.same("LREM", "l", "0", "last?");
            d.same("EXISTS", "l");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void lpos(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "a", "b", "c", "b", "a", "b");
            String[][] options = {{}, {"RANK", "2"}, {"RANK", "-1"}, {"RANK", "-2", "COUNT", "2"}, {"RANK", "2", "COUNT", "2"},
                    {"RANK", "0"}, {"RANK", LONG_MIN}, {"RANK", LONG_MIN, "COUNT", "1"}, {"RANK", "-" + LONG_MAX},
                    {"RANK", LONG_MAX}, {"COUNT", "0"}, {"COUNT", "-1"}, {"COUNT", "x"}, {"COUNT", LONG_MAX},
                    {"MAXLEN", "0"}, {"MAXLEN", "2", "COUNT", "0"}, {"MAXLEN", "-1"}, {"MAXLEN", "x"},
                    {"RANK", "-1", "MAXLEN", "2", "COUNT", "0"}, {"RANK", "x"}, {"RANK"}, {"foo"}, {"RANK", "5"},
                    {"RANK", "5", "COUNT", "0"}, {"rank", "0", "count", "-1"}, {"count", "-1", "rank", "0"},
                    {"RANK", "1", "RANK", "-1"}};
            for (String[] o : options) {
                for (String element : new String[] {"b", "z"}) {
                    String[] cmd = new String[3 + o.length];
                    cmd[0] = "LPOS";
                    cmd[1] = "l";
                    cmd[2] = element;
                    System.arraycopy(o, 0, cmd, 3, o.length);
                    d.same(cmd);
                    cmd[1] = "missing";
                    d.same(cmd);
                }
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void moves(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "src", "a", "b", "c");
            d.same("LMOVE", "src", "dst", "LEFT", "RIGHT");
            d.same("LMOVE", "src", "dst", "right", "left");
            d.same("LRANGE", "dst", "0", "-1");
            d.same("LMOVE", "src", "src", "LEFT", "RIGHT"); // one element: rotates onto itself
            d.same("LRANGE", "src", "0", "-1");
            d.same("RPOPLPUSH", "dst", "dst");
            d.same("LRANGE", "dst", "0", "-1");
            d.same("RPOPLPUSH", "src", "dst");
            d.same("EXISTS", "src");
            d.same("RPOPLPUSH", "src", "dst");
            d.same("LMOVE", "src", "dst", "LEFT", "LEFT");
            d.same("LMOVE", "src", "dst", "MIDDLE", "LEFT");
            d.same("LMOVE", "src", "dst", "LEFT", "x");
            d.same("SET", "str", "v");
            d.same("LMOVE", "dst", "str", "LEFT", "LEFT"); // destination type checked before popping
            d.same("LRANGE", "dst", "0", "-1");
            d.same("LMOVE", "str", "dst", "LEFT", "LEFT");
            d.same("LMOVE", "missing", "str", "LEFT", "LEFT");
            d.same("RPOPLPUSH", "dst", "str");
            d.same("RPOPLPUSH", "str", "dst");
            d.same("RPUSH", "r", "1", "2", "3");
            d.same("LMOVE", "r", "r", "LEFT", "RIGHT");
            d.same("LMOVE", "r", "r", "RIGHT", "LEFT");
            d.same("LMOVE", "r", "r", "LEFT", "LEFT");
            d.same("LRANGE", "r", "0", "-1");
            d.same("PEXPIRE", "r", "100000");
            d.same("LMOVE", "r", "other", "LEFT", "LEFT");
            d.same("TTL", "r");
            d.same("TTL", "other");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void lmpop(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "a", "b", "c", "d");
            d.same("SET", "s", "x");
            String[][] calls = {{"0", "l", "LEFT"}, {"-1", "l", "LEFT"}, {"x", "l", "LEFT"}, {"2", "l", "LEFT"},
                    {"2147483648", "l", "LEFT"}, {LONG_MAX, "l", "LEFT"}, {"1", "l", "middle"},
                    {"1", "l", "LEFT", "COUNT", "0"}, {"1", "l", "LEFT", "COUNT", "-1"}, {"1", "l", "LEFT", "COUNT", "x"},
                    {"1", "l", "middle", "COUNT", "0"}, {"1", "l", "LEFT", "foo"}, {"1", "l", "LEFT", "COUNT"},
                    {"1", "l", "LEFT", "COUNT", "1", "COUNT", "1"}, {"1", "l", "LEFT", "COUNT", "1", "x"},
                    {"1", "missing", "LEFT"}, {"1", "missing", "LEFT", "COUNT", "2"}, {"2", "missing", "s", "LEFT"},
                    {"2", "s", "l", "LEFT"}, {"2", "missing", "l", "right", "count", "2"}, {"1", "l", "LEFT"},
                    {"1", "l", "LEFT", "COUNT", LONG_MAX}, {"1", "l", "LEFT"}};
            for (String[] c : calls) {
                String[] cmd = new String[c.length + 1];
                cmd[0] = "LMPOP";
                System.arraycopy(c, 0, cmd, 1, c.length);
                d.same(cmd);
            }
            d.same("EXISTS", "l");
            d.same("LMPOP", "1", "l");
            d.same("COMMAND", "GETKEYS", "LMPOP", "2", "a", "b", "LEFT");
            d.same("COMMAND", "GETKEYS", "LMPOP", "0", "a", "LEFT");
            d.same("COMMAND", "GETKEYS", "LMPOP", "5", "a", "LEFT");
            d.same("COMMAND", "GETKEYS", "LMPOP", "x", "a", "LEFT");
            d.same("COMMAND", "GETKEYS", "BLMPOP", "0", "3", "a", "b", "LEFT");
            d.same("COMMAND", "GETKEYSANDFLAGS", "BLMPOP", "0", "2", "a", "b", "LEFT");
            d.same("COMMAND", "GETKEYS", "BLPOP", "a", "b", "0");
            d.same("COMMAND", "GETKEYS", "BLMOVE", "a", "b", "LEFT", "LEFT", "0");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void wrongTypeAndArity(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "s", "x");
            String[][] calls = {{"LPUSH", "s", "a"}, {"RPUSH", "s", "a"}, {"LPUSHX", "s", "a"}, {"RPUSHX", "s", "a"},
                    {"LPOP", "s"}, {"RPOP", "s", "0"}, {"LPOP", "s", "-1"}, {"LLEN", "s"}, {"LINDEX", "s", "x"},
                    {"LINSERT", "s", "BEFORE", "a", "b"}, {"LRANGE", "s", "0", "1"}, {"LRANGE", "s", "x", "1"},
                    {"LREM", "s", "0", "a"}, {"LREM", "s", "x", "a"}, {"LSET", "s", "0", "a"}, {"LSET", "s", "x", "a"},
                    {"LTRIM", "s", "0", "1"}, {"LPOS", "s", "a"}, {"LPOS", "s", "a", "RANK", "0"},
                    {"LMOVE", "s", "d", "LEFT", "LEFT"}, {"RPOPLPUSH", "s", "d"}, {"LMPOP", "1", "s", "LEFT"},
                    {"BLPOP", "s", "0"}, {"BLPOP", "missing", "s", "0"}, {"BRPOP", "s", "x"}, {"BLMOVE", "s", "d", "LEFT", "LEFT", "0"},
                    {"BRPOPLPUSH", "s", "d", "0"}, {"BLMPOP", "0", "1", "s", "LEFT"}, {"BLMPOP", "x", "1", "s", "LEFT"},
                    {"LPUSH", "s"}, {"LPUSH"}, {"LLEN"}, {"LINDEX", "s"}, {"LINSERT", "s", "BEFORE", "a"}, {"LRANGE", "s", "0"},
                    {"LREM", "s"}, {"LSET", "s", "0"}, {"LTRIM", "s", "0"}, {"LPOS", "s"}, {"LMOVE", "s", "d", "LEFT"},
                    {"RPOPLPUSH", "s"}, {"LMPOP", "1", "s"}, {"BLPOP", "s"}, {"BRPOP"}, {"BLMOVE", "s", "d", "LEFT", "LEFT"},
                    {"BRPOPLPUSH", "s", "d"}, {"BLMPOP", "0", "1", "s"}};
            for (String[] c : calls) {
                d.same(c);
            }
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void blockingCommandsInsideMultiDoNotBlock(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "a", "b");
            d.same("MULTI");
            d.same("BLPOP", "missing", "0");
            d.same("BRPOP", "missing", "l", "0");
            d.same("BRPOPLPUSH", "missing", "d", "0");
            d.same("BLMOVE", "missing", "d", "LEFT", "LEFT", "0");
            d.same("BLMPOP", "0", "1", "missing", "LEFT");
            d.same("BLMPOP", "0", "2", "missing", "l", "LEFT", "COUNT", "5");
            d.same("BLPOP", "missing", "-1");
            d.same("BLMOVE", "missing", "d", "LEFT", "LEFT", "x");
            d.same("EXEC");
            d.same("EXISTS", "l");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void blockingErrorsAndImmediateReplies(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "a", "b", "c");
            d.same("BLPOP", "l", "-1");
            d.same("BLPOP", "l", "x");
            d.same("BLPOP", "l", "inf");
            d.same("BLMPOP", "0", "0", "l", "LEFT");
            d.same("BLMPOP", "x", "1", "l", "middle");
            d.same("BLMPOP", "x", "1", "l", "LEFT", "COUNT", "0");
            d.same("BLMPOP", "-1", "0", "l", "LEFT");
            d.same("BLMPOP", "-1", "1", "l", "LEFT");
            d.same("BLMPOP", "0", "2", "l", "LEFT");
            d.same("BLMOVE", "l", "d", "middle", "LEFT", "x");
            d.same("BLMOVE", "l", "d", "LEFT", "LEFT", "x");
            d.same("BLMOVE", "l", "d", "LEFT", "LEFT", "-1");
            d.same("BLPOP", "missing", "l", "0");
            d.same("BRPOP", "l", "0");
            d.same("BLMOVE", "l", "d", "LEFT", "RIGHT", "0");
            d.same("BRPOPLPUSH", "d", "l", "0");
            d.same("BLMPOP", "0", "2", "missing", "l", "RIGHT", "COUNT", "10");
            d.same("EXISTS", "l");
            d.same("BLPOP", "missing", "0.05");
            d.same("BRPOPLPUSH", "missing", "d", "0.05");
            d.same("BLMOVE", "missing", "d", "LEFT", "LEFT", "0.05");
            d.same("BLMPOP", "0.05", "1", "missing", "LEFT");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void bigListsAcrossChunks(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            String[] push = new String[2 + 1000];
            push[0] = "RPUSH";
            push[1] = "big";
            for (int i = 0; i < 1000; i++) {
                push[2 + i] = "element-" + i + (i % 7 == 0 ? "-" + "x".repeat(i % 300) : "");
            }
            d.same(push);
            push[0] = "LPUSH";
            d.same(push);
            d.same("LLEN", "big");
            d.same("LINDEX", "big", "1500");
            d.same("LINDEX", "big", "-1500");
            d.same("LRANGE", "big", "990", "1010");
            d.same("LSET", "big", "1000", "y".repeat(5000));
            d.same("LINSERT", "big", "BEFORE", "element-500", "z".repeat(9000));
            d.same("LPOS", "big", "element-3", "RANK", "-1");
            d.same("LPOS", "big", "element-3", "COUNT", "0", "MAXLEN", "1800");
            d.same("LREM", "big", "-3", "element-1");
            d.same("LREM", "big", "0", "element-2");
            d.same("LTRIM", "big", "100", "-100");
            d.same("LRANGE", "big", "0", "-1");
            d.same("LPOP", "big", "700");
            d.same("RPOP", "big", "700");
            d.same("LRANGE", "big", "0", "-1");
            d.same("OBJECT", "ENCODING", "big");
            d.same("CONFIG", "SET", "list-max-listpack-size", "3");
            d.same("RPUSH", "small", "1", "2", "3", "4", "5", "6", "7");
            d.same("LINSERT", "small", "AFTER", "4", "4.5");
            d.same("LRANGE", "small", "0", "-1");
            d.same("OBJECT", "ENCODING", "small");
            d.same("CONFIG", "SET", "list-max-listpack-size", "-2");
            d.assertNoMismatches();
        }
    }
}
