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

/** cjson against redis-server 7.0's: each line is run by both and the results compared. */
class CjsonLibTest {

    private static ReferenceRedis redis;
    private static LibDifferential diff;

    @BeforeAll
    static void start() throws Exception {
        redis = ReferenceRedis.start();
        diff = new LibDifferential(redis, s -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @TestFactory
    Stream<DynamicTest> encodesScalars() {
        return diff.tests(
                "cjson.encode(1)", "cjson.encode(-1)", "cjson.encode(0)", "cjson.encode(-0)", "cjson.encode(0.1)",
                "cjson.encode(1/3)", "cjson.encode(1e100)", "cjson.encode(-1.5e-7)", "cjson.encode(2^53)",
                "cjson.encode(123456789012345678)", "cjson.encode(1e15)", "cjson.encode(0.0001)", "cjson.encode(1e-5)",
                "cjson.encode(5e-324)", "cjson.encode(1.7976931348623157e308)", "cjson.encode(100)",
                "cjson.encode(true)", "cjson.encode(false)", "cjson.encode(nil)", "cjson.encode(cjson.null)",
                "cjson.encode('')", "cjson.encode('abc')", "cjson.encode('a/b\"c\\\\d')",
                "cjson.encode('\\0\\1\\2\\8\\9\\10\\11\\12\\13\\14\\31\\127\\128\\255')",
                "cjson.encode('caf\\195\\169 \\226\\130\\172')", "cjson.encode('12')",
                "cjson.encode(string.rep('x', 300))");
    }

    @TestFactory
    Stream<DynamicTest> encodesTables() {
        return diff.tests(
                "cjson.encode({})", "cjson.encode({1, 2, 3})", "cjson.encode({'a', {'b', {}}, {x = 1}})",
                "cjson.encode({1, nil, 3})", "cjson.encode({[1] = 1, [3] = 3})", "cjson.encode({[2] = 'x'})",
                "cjson.encode({[10] = 1})", "cjson.encode({[11] = 1})", "cjson.encode({[1] = 1, [20] = 2})",
                "cjson.encode({1, 2, 3, 4, 5, 6, [12] = 1})", "cjson.encode({1, 2, 3, 4, 5, 6, [13] = 1})",
                "cjson.encode({a = 1})", "cjson.encode({[0] = 1})", "cjson.encode({[-1] = 1})",
                "cjson.encode({[1.5] = 1})", "cjson.encode({[2^40] = 1})", "cjson.encode({key = {nested = {deep = true}}})",
                "cjson.encode({['a/b'] = 'c'})", "cjson.encode({[true] = 1})", "cjson.encode({[{}] = 1})",
                "cjson.encode({1, 'two', true, false, cjson.null, {}, 0.5})",
                "cjson.encode({f = cjson.encode})", "cjson.encode(cjson.encode)", "cjson.encode({cjson.encode})",
                "cjson.decode(cjson.encode({a = 1, b = {1, 2}, c = 'x', [5] = 'five'}))",
                "cjson.decode(cjson.encode({x = 1, y = 2, z = {3, 4, {w = 5}}}))");
    }

    @TestFactory
    Stream<DynamicTest> encodesInvalidNumbersAsConfigured() {
        return diff.tests(
                "cjson.encode(1/0)", "cjson.encode(-1/0)", "cjson.encode(0/0)", "cjson.encode({[1/0] = 1})",
                "cjson.encode_invalid_numbers(true); cjson.encode({1/0, -1/0, 0/0, -(0/0)})",
                "cjson.encode_invalid_numbers('null'); cjson.encode({1/0, -1/0, 0/0, 1})",
                "cjson.encode_invalid_numbers('null'); cjson.encode({[1/0] = 1})",
                "cjson.encode_invalid_numbers('on')", "cjson.encode_invalid_numbers('null')",
                "cjson.encode_invalid_numbers()", "cjson.encode_invalid_numbers(false)",
                "cjson.encode_invalid_numbers('maybe')", "cjson.encode_invalid_numbers(1)",
                "cjson.encode_invalid_numbers(1, 2)");
    }

    @TestFactory
    Stream<DynamicTest> configures() {
        return diff.tests(
                "cjson.encode_number_precision()", "cjson.encode_number_precision(3)", "cjson.encode_number_precision(0)",
                "cjson.encode_number_precision(15)", "cjson.encode_number_precision('x')",
                "cjson.encode_number_precision(3); cjson.encode({math.pi, 1/3, 12345, 0.5})",
                "cjson.encode_number_precision(1); cjson.encode({0.15, 95, 1e-7})",
                "cjson.encode_number_precision(14.9)",
                "cjson.encode_sparse_array()", "cjson.encode_sparse_array(true)", "cjson.encode_sparse_array(true, 3, 5)",
                "cjson.encode_sparse_array('on', 0)", "cjson.encode_sparse_array(nil, -1)",
                "cjson.encode_sparse_array(nil, nil, -1)", "cjson.encode_sparse_array(1, 2, 3, 4)",
                "cjson.encode_sparse_array(true); cjson.encode({[1] = 1, [20] = 2})",
                "cjson.encode_sparse_array(false, 0); cjson.encode({[1] = 1, [20] = 2})",
                "cjson.encode_sparse_array(false, 1, 0); cjson.encode({[1] = 1, [3] = 2})",
                "cjson.encode_sparse_array(false, 2, 0); cjson.encode({[1] = 1, [3] = 2})",
                "cjson.encode_max_depth()", "cjson.encode_max_depth(0)", "cjson.encode_max_depth(2)",
                "cjson.encode_max_depth(2); cjson.encode({{1}})", "cjson.encode_max_depth(2); cjson.encode({{{1}}})",
                "cjson.encode_max_depth(1); cjson.encode({a = {}})",
                "cjson.decode_max_depth()", "cjson.decode_max_depth(2); cjson.decode('[[1]]')",
                "cjson.decode_max_depth(2); cjson.decode('[[[1]]]')", "cjson.decode_max_depth(1); cjson.decode('{\"a\":{}}')",
                "cjson.encode_keep_buffer()", "cjson.encode_keep_buffer(false)", "cjson.encode_keep_buffer('off')",
                "cjson.encode_keep_buffer(false); cjson.encode({1, 2})", "cjson.encode_keep_buffer('x')",
                "cjson.decode_invalid_numbers()", "cjson.decode_invalid_numbers(false); cjson.decode('0x10')",
                "cjson.decode_invalid_numbers(false); cjson.decode('[1, nan]')",
                "cjson.decode_invalid_numbers(false); cjson.decode('-Infinity')",
                "cjson.decode_invalid_numbers(false); cjson.decode('01')",
                "cjson.decode_invalid_numbers(false); cjson.decode('+1')",
                "cjson.decode_invalid_numbers(false); cjson.decode('-0.5e3')",
                "cjson._NAME", "cjson._VERSION", "cjson.null",
                "cjson.new().encode({1})", "cjson.encode_number_precision(2); cjson.new().encode(math.pi)");
    }

    @TestFactory
    Stream<DynamicTest> decodes() {
        return diff.tests(
                "cjson.decode('[1,2,3]')", "cjson.decode('{\"a\":1,\"b\":[true,false,null]}')", "cjson.decode('\"x\"')",
                "cjson.decode('  42  ')", "cjson.decode('-0')", "cjson.decode('1e400')", "cjson.decode('-1e400')",
                "cjson.decode('1.5e-3')", "cjson.decode('123456789012345678901234567890')", "cjson.decode('0.1')",
                "cjson.decode('0x1F')", "cjson.decode('0X1p4')", "cjson.decode('0x')", "cjson.decode('-0x10')",
                "cjson.decode('inf')", "cjson.decode('-inf')", "cjson.decode('Infinity')", "cjson.decode('nan')",
                "cjson.decode('NaN')", "cjson.decode('+5')", "cjson.decode('+')", "cjson.decode('-')", "cjson.decode('01')",
                "cjson.decode('1.')", "cjson.decode('.5')", "cjson.decode('1e')", "cjson.decode('1e+')", "cjson.decode('[1e5]')",
                "cjson.decode('null')", "cjson.decode('true')", "cjson.decode('false')", "cjson.decode('[]')",
                "cjson.decode('{}')", "cjson.decode('[null, null]')", "cjson.decode('{\"a\":null}')",
                "cjson.decode('{\"a\":1,\"a\":2}')", "cjson.decode('[[[[]]]]')", "cjson.decode(' \\t\\r\\n[ 1 , 2 ] ')",
                "cjson.decode('\"\\\\u0041\\\\u00e9\\\\u20ac\\\\ud83d\\\\ude00\"')", "cjson.decode('\"\\\\u0000x\"')",
                "cjson.decode('\"\\\\b\\\\f\\\\n\\\\r\\\\t\\\\/\\\\\\\\\\\\\"\"')", "cjson.decode('\"\\\\q\"')",
                "cjson.decode('\"\\\\u12\"')", "cjson.decode('\"\\\\ud800\"')", "cjson.decode('\"\\\\udc00\\\\ud800\"')",
                "cjson.decode('\"\\\\ud800\\\\u0041\"')", "cjson.decode('\"abc')", "cjson.decode('\"a\\1\\31\\255\"')",
                "cjson.decode(123)", "cjson.decode()", "cjson.decode(nil)", "cjson.decode('[1]', 2)", "cjson.decode({})",
                "cjson.decode('')", "cjson.decode('   ')", "cjson.decode('x')", "cjson.decode('tru')", "cjson.decode('nul')",
                "cjson.decode('[1,]')", "cjson.decode('[1 2]')", "cjson.decode('{\"a\" 1}')", "cjson.decode('{1:2}')",
                "cjson.decode('{\"a\":1,}')", "cjson.decode('{\"a\":1')", "cjson.decode('[1')", "cjson.decode('[1] x')",
                "cjson.decode('1 2')", "cjson.decode(']')", "cjson.decode('{\"a\"}')", "cjson.decode('\\0[1]')",
                "cjson.decode('[1]\\0garbage')", "cjson.decode('[\"a\\0b\"]')", "cjson.decode('a\\0')", "cjson.decode('\\0')",
                "cjson.decode('[' .. string.rep('[', 999) .. string.rep(']', 1000))",
                "cjson.decode(string.rep('[', 1001) .. string.rep(']', 1001))",
                "cjson.decode(string.rep('{\"k\":', 1001) .. '1' .. string.rep('}', 1001))",
                "cjson.decode('[1, {\"b\": [2, {\"c\": \"d\"}]}, \"e\"]')", "cjson.decode('\\f1')", "cjson.decode('1\\v')");
    }

    /** Past the default depths, Lua's C stack (8000 slots) is the limit, reached sooner by objects. */
    @TestFactory
    Stream<DynamicTest> nestsUpToTheCStack() {
        return diff.tests(
                "cjson.decode_max_depth(10000); cjson.decode(string.rep('[', 7990) .. string.rep(']', 7990))",
                "cjson.decode_max_depth(10000); cjson.decode(string.rep('[', 8500) .. string.rep(']', 8500))",
                "cjson.decode_max_depth(10000); cjson.decode(string.rep('{\"k\":', 5000) .. '1' .. string.rep('}', 5000))",
                "cjson.decode_max_depth(10000); cjson.decode(string.rep('{\"k\":', 3990) .. '1' .. string.rep('}', 3990))",
                "cjson.decode_max_depth(10000); cjson.encode_max_depth(10000);"
                        + " cjson.encode(cjson.decode(string.rep('[', 7000) .. '1' .. string.rep(']', 7000)))",
                "cjson.decode_max_depth(10000); cjson.encode_max_depth(10000);"
                        + " cjson.encode(cjson.decode(string.rep('[', 7999) .. '1' .. string.rep(']', 7999)))",
                "cjson.decode_max_depth(10000); cjson.encode_max_depth(10000);"
                        + " cjson.encode(cjson.decode(string.rep('{\"k\":', 3990) .. '1' .. string.rep('}', 3990)))",
                "cjson.encode(cjson.decode(string.rep('[', 1000) .. string.rep(']', 1000)))",
                "cjson.encode(cjson.decode(string.rep('[', 1000) .. '{}' .. string.rep(']', 1000)))",
                "cjson.encode(cjson.decode(string.rep('{\"k\":', 1000) .. '[1]' .. string.rep('}', 1000)))");
    }

    @TestFactory
    Stream<DynamicTest> encodesKeysAndMixedTables() {
        return diff.tests(
                "cjson.encode({[0.5] = 'half'})", "cjson.encode({[-0.25] = 1})", "cjson.encode({[1e20] = 1})",
                "cjson.encode({[2^31] = 1})", "cjson.encode({[2^31 - 1] = 1})", "cjson.encode({[1/0] = 1})",
                "cjson.encode_number_precision(2); cjson.encode({[3.14159] = 1})",
                "cjson.encode_invalid_numbers(true); cjson.encode({[1/0] = 1})",
                "cjson.encode_invalid_numbers(true); cjson.encode(-1/0)",
                "cjson.encode_sparse_array(true); cjson.encode({[1] = 'a', [30] = 'b'})",
                "cjson.decode(cjson.encode({[1] = 1, [2] = 2, x = 3}))",
                "cjson.decode(cjson.encode({1, 2, [-1] = 3}))",
                "cjson.decode(cjson.encode({[1.5] = 1, [2] = 2}))",
                "cjson.decode(cjson.encode({a = {}, b = {{}}, c = {1, {}}}))",
                "cjson.encode({{}, {{}}, {1, {}}})", "cjson.encode({''})", "cjson.encode({['\0'] = '\0'})",
                "cjson.encode(string.rep('\\\\/', 3))", "cjson.decode(cjson.encode(string.char(0, 1, 127, 128, 255)))",
                "cjson.decode('{\"\\\\u0000\":1}')", "cjson.decode('[1,2,[3,[4,[5]]]]')",
                "cjson.decode('{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}')", "cjson.decode('[-1.5E+2, 2e-2, 0.0, -0.0]')",
                "cjson.decode('1E2')", "cjson.decode('[0x]')", "cjson.decode('[1.e1]')", "cjson.decode('[-.5]')",
                "cjson.decode('[infinity, -Infinity, INF, nan, -nan]')", "cjson.decode('[nan(123)]')", "cjson.decode('[inf1]')",
                "cjson.decode('0x1.8p1')", "cjson.decode('0x.8')", "cjson.decode('1e-400')", "cjson.decode('2.2250738585072011e-308')",
                "cjson.decode('9007199254740993')", "cjson.decode('[true,false]x')", "cjson.decode('truex')",
                "cjson.decode('\"\\\\uD83D\\\\uDE00\"')", "cjson.decode('\"\\\\uDBFF\\\\uDFFF\"')", "cjson.decode('\"\\\\uFFFF\"')",
                "cjson.decode('\"\\\\u00zz\"')", "cjson.decode('\"\\\\')", "cjson.decode('\"\\\\u')", "cjson.decode('[\"a\",')");
    }

    @Test
    void refusesCycles() throws Exception {
        diff.check("local t = {} t[1] = t", "cjson.encode(t)", s -> {
            LuaTable t = new LuaTable();
            t.rawset(1, t);
            return encode(s, t);
        });
        diff.check("local t = {} t.self = t", "cjson.encode(t)", s -> {
            LuaTable t = new LuaTable();
            t.rawset(LuaString.of("self"), t);
            return encode(s, t);
        });
    }

    private static Object[] encode(LuaState s, Object v) {
        LuaTable cjson = (LuaTable) s.globals().rawget(LuaString.of("cjson"));
        // Called directly, as the case evaluator calls built-ins: it completes the error's position.
        return ((io.redisinternals.lua.LuaFunction) cjson.rawget(LuaString.of("encode"))).call(s, new Object[] {v});
    }

    @TestFactory
    Stream<DynamicTest> checksArguments() {
        return diff.tests("cjson.encode()", "cjson.encode(1, 2)", "cjson.encode_max_depth(1, 2)",
                "cjson.decode_max_depth('a')", "cjson.encode_sparse_array(nil, 'x')");
    }
}
