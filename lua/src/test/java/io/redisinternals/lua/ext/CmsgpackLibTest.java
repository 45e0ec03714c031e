package io.redisinternals.lua.ext;

import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** cmsgpack against redis-server 7.0's: each line is run by both and the results compared. */
class CmsgpackLibTest {

    private static ReferenceRedis redis;
    private static LibDifferential diff;

    @BeforeAll
    static void start() throws Exception {
        redis = ReferenceRedis.start();
        diff = new LibDifferential(redis, CmsgpackLib::open);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @TestFactory
    Stream<DynamicTest> packsNumbers() {
        return diff.tests("cmsgpack.pack(0)", "cmsgpack.pack(1)", "cmsgpack.pack(127)", "cmsgpack.pack(128)",
                "cmsgpack.pack(255)", "cmsgpack.pack(256)", "cmsgpack.pack(65535)", "cmsgpack.pack(65536)",
                "cmsgpack.pack(2^32 - 1)", "cmsgpack.pack(2^32)", "cmsgpack.pack(2^53)", "cmsgpack.pack(2^63)",
                "cmsgpack.pack(2^64)", "cmsgpack.pack(-1)", "cmsgpack.pack(-32)", "cmsgpack.pack(-33)", "cmsgpack.pack(-128)",
                "cmsgpack.pack(-129)", "cmsgpack.pack(-32768)", "cmsgpack.pack(-32769)", "cmsgpack.pack(-2^31)",
                "cmsgpack.pack(-2^31 - 1)", "cmsgpack.pack(-2^63)", "cmsgpack.pack(-2^64)", "cmsgpack.pack(-0)",
                "cmsgpack.pack(0.5)", "cmsgpack.pack(-1.25)", "cmsgpack.pack(0.1)", "cmsgpack.pack(1/3)", "cmsgpack.pack(1e300)",
                "cmsgpack.pack(1/0)", "cmsgpack.pack(-1/0)", "cmsgpack.pack(0/0)", "cmsgpack.pack(2^100)", "cmsgpack.pack(3.5e38)",
                "cmsgpack.pack(1e-45)", "cmsgpack.pack(5e-324)");
    }

    @TestFactory
    Stream<DynamicTest> packsOtherValues() {
        return diff.tests("cmsgpack.pack('')", "cmsgpack.pack('abc')", "cmsgpack.pack(string.rep('x', 31))",
                "cmsgpack.pack(string.rep('x', 32))", "cmsgpack.pack(string.rep('x', 255))", "cmsgpack.pack(string.rep('x', 256))",
                "cmsgpack.pack(string.rep('x', 65536))", "cmsgpack.pack('\\0\\255')", "cmsgpack.pack(true)", "cmsgpack.pack(false)",
                "cmsgpack.pack(nil)", "cmsgpack.pack(cjson.null)", "cmsgpack.pack(cmsgpack.pack)", "cmsgpack.pack()",
                "cmsgpack.pack(1, 'a', true, nil, {})", "cmsgpack.pack({})", "cmsgpack.pack({1, 2, 3})",
                "cmsgpack.pack({1, nil, 3})", "cmsgpack.pack({[2] = 1})", "cmsgpack.pack({[1] = 'a', [2] = 'b'})",
                "cmsgpack.pack({a = 1})", "cmsgpack.pack({[1.5] = 1})", "cmsgpack.pack({[0] = 1})", "cmsgpack.pack({[-1] = 1})",
                "cmsgpack.pack({[2^31] = 1})", "cmsgpack.pack({[true] = 1})",
                "cmsgpack.pack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})",
                "cmsgpack.pack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})", "cmsgpack.pack({{{{}}}})",
                "cmsgpack.pack({a = {b = {c = {1, 2}}}})", "cmsgpack.pack({f = cmsgpack.pack})",
                "cmsgpack.pack({{{{{{{{{{{{{{{{{{1}}}}}}}}}}}}}}}}}})", "cmsgpack.pack({{{{{{{{{{{{{{{{1}}}}}}}}}}}}}}}})",
                "cmsgpack.pack({{{{{{{{{{{{{{{1}}}}}}}}}}}}}}})",
                "cmsgpack.unpack(cmsgpack.pack({x = 1, y = 'two', z = {3, 4}, [10] = true}))");
    }

    @TestFactory
    Stream<DynamicTest> unpacks() {
        return diff.tests("cmsgpack.unpack('')", "cmsgpack.unpack('\\1')", "cmsgpack.unpack('\\1\\2\\3')",
                "cmsgpack.unpack('\\255')", "cmsgpack.unpack('\\224')", "cmsgpack.unpack('\\204\\200')",
                "cmsgpack.unpack('\\205\\1\\0')", "cmsgpack.unpack('\\206\\255\\255\\255\\255')",
                "cmsgpack.unpack('\\207\\255\\255\\255\\255\\255\\255\\255\\255')", "cmsgpack.unpack('\\207\\0\\32\\0\\0\\0\\0\\0\\1')",
                "cmsgpack.unpack('\\208\\128')", "cmsgpack.unpack('\\209\\128\\0')", "cmsgpack.unpack('\\209\\255\\1')",
                "cmsgpack.unpack('\\210\\128\\0\\0\\0')", "cmsgpack.unpack('\\211\\128\\0\\0\\0\\0\\0\\0\\0')",
                "cmsgpack.unpack('\\211\\255\\255\\255\\255\\255\\255\\255\\254')", "cmsgpack.unpack('\\202\\63\\192\\0\\0')",
                "cmsgpack.unpack('\\202\\127\\192\\0\\0')", "cmsgpack.unpack('\\203\\63\\185\\153\\153\\153\\153\\153\\154')",
                "cmsgpack.unpack('\\192')", "cmsgpack.unpack('\\194\\195')", "cmsgpack.unpack('\\163abc')",
                "cmsgpack.unpack('\\217\\3abc')", "cmsgpack.unpack('\\218\\0\\3abc')", "cmsgpack.unpack('\\219\\0\\0\\0\\3abc')",
                "cmsgpack.unpack('\\147\\1\\2\\3')", "cmsgpack.unpack('\\147\\1\\192\\3')", "cmsgpack.unpack('\\220\\0\\2\\1\\2')",
                "cmsgpack.unpack('\\221\\0\\0\\0\\1\\7')", "cmsgpack.unpack('\\129\\161a\\1')", "cmsgpack.unpack('\\222\\0\\1\\1\\2')",
                "cmsgpack.unpack('\\223\\0\\0\\0\\1\\161k\\145\\1')", "cmsgpack.unpack('\\129\\161a\\192')",
                "cmsgpack.unpack('\\129\\192\\1')", "cmsgpack.unpack('\\129\\203\\255\\248\\0\\0\\0\\0\\0\\0\\1')",
                "cmsgpack.unpack('\\144\\128')", "cmsgpack.unpack('\\1\\192\\2')",
                "cmsgpack.unpack('\\193')", "cmsgpack.unpack('\\196\\1a')", "cmsgpack.unpack('\\199\\1\\1a')",
                "cmsgpack.unpack('\\212\\1\\1')", "cmsgpack.unpack('\\1\\193')", "cmsgpack.unpack('\\204')",
                "cmsgpack.unpack('\\205\\1')", "cmsgpack.unpack('\\163ab')", "cmsgpack.unpack('\\217')", "cmsgpack.unpack('\\219\\0\\0\\1\\0a')",
                "cmsgpack.unpack('\\147\\1\\2')", "cmsgpack.unpack('\\130\\1\\2\\3')", "cmsgpack.unpack('\\221\\255\\255\\255\\255')",
                "cmsgpack.unpack('\\145\\193')", "cmsgpack.unpack()", "cmsgpack.unpack(12)", "cmsgpack.unpack({})",
                "cmsgpack.unpack(cmsgpack.pack(1, 2, 'x', {1, {a = 'b'}}, -7.5, 2^40, true))",
                "cmsgpack.unpack(string.rep('\\1', 7990))", "cmsgpack.unpack(string.rep('\\1', 8000))",
                "cmsgpack.unpack(string.rep('\\145', 3990) .. '\\1')", "cmsgpack.unpack(string.rep('\\145', 4010) .. '\\1')",
                "cmsgpack.unpack(string.rep('\\129\\1', 2600) .. '\\1')", "cmsgpack.unpack(string.rep('\\129\\1', 2700) .. '\\1')");
    }

    @TestFactory
    Stream<DynamicTest> unpacksInSteps() {
        return diff.tests("cmsgpack.unpack_one('\\1\\2\\3')", "cmsgpack.unpack_one('\\1\\2\\3', 1)",
                "cmsgpack.unpack_one('\\1\\2\\3', 2)", "cmsgpack.unpack_one('\\1\\2\\3', 3)", "cmsgpack.unpack_one('\\1\\2\\3', 4)",
                "cmsgpack.unpack_one('\\1\\2\\3', -1)", "cmsgpack.unpack_one('')", "cmsgpack.unpack_one('', 0)",
                "cmsgpack.unpack_one('\\1', 'x')", "cmsgpack.unpack_one(nil, 'x')", "cmsgpack.unpack_one(nil)",
                "cmsgpack.unpack_one('\\1\\2', 1.9)", "cmsgpack.unpack_one('\\204')",
                "cmsgpack.unpack_limit('\\1\\2\\3', 2)", "cmsgpack.unpack_limit('\\1\\2\\3', 2, 1)",
                "cmsgpack.unpack_limit('\\1\\2\\3', 5)", "cmsgpack.unpack_limit('\\1\\2\\3', 0)",
                "cmsgpack.unpack_limit('\\1\\2\\3', 0, 0)", "cmsgpack.unpack_limit('\\1\\2\\3', 0, 1)",
                "cmsgpack.unpack_limit('\\1\\2\\3', -1)", "cmsgpack.unpack_limit('\\1\\2\\3', 1, -5)",
                "cmsgpack.unpack_limit('\\1\\2\\3', 1, 9)", "cmsgpack.unpack_limit('\\1\\2\\3')",
                "cmsgpack.unpack_limit('\\1\\2\\3', 'a')", "cmsgpack.unpack_limit(nil, 1)",
                "cmsgpack.unpack_limit(cmsgpack.pack({1, 2}, 'x', 3), 2)");
    }

    /** A cycle packs as its first 16 levels, then nil. */
    @Test
    void packsCyclesToTheNestingLimit() throws Exception {
        diff.check("local t = {} t[1] = t", "cmsgpack.pack(t)", s -> {
            LuaTable t = new LuaTable();
            t.rawset(1, t);
            return pack(s, t);
        });
        diff.check("local t = {x = 1} t.self = t", "cmsgpack.unpack(cmsgpack.pack(t))", s -> {
            LuaTable t = new LuaTable();
            t.rawset(LuaString.of("x"), 1.0);
            t.rawset(LuaString.of("self"), t);
            LuaTable lib = (LuaTable) s.globals().rawget(LuaString.of("cmsgpack"));
            return s.call(lib.rawget(LuaString.of("unpack")), pack(s, t)[0]);
        });
    }

    private static Object[] pack(LuaState s, Object v) {
        LuaTable lib = (LuaTable) s.globals().rawget(LuaString.of("cmsgpack"));
        return s.call(lib.rawget(LuaString.of("pack")), v);
    }

    @TestFactory
    Stream<DynamicTest> describesItself() {
        return diff.tests("cmsgpack._NAME", "cmsgpack._VERSION", "cmsgpack._COPYRIGHT", "cmsgpack._DESCRIPTION");
    }
}
