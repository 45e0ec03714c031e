package io.redisinternals.lua.lib;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LuaNumbers against lua5.1: tostring ("%.14g") of many numbers, and reading numbers from strings
 * (luaO_str2d through tonumber, and tonumber(s, base)).
 */
class LuaNumbersDifferentialTest {

    @Test
    void formatsAsLua() {
        List<String> cases = new ArrayList<>();
        String[] values = {"0", "-0", "1", "-1", "0.1", "0.2", "0.3", "1/3", "2/3", "-1/3", "1e14", "1e15", "-1e15",
            "99999999999999", "999999999999999", "123456789012345", "1234567890123456789", "1e100", "1e-100",
            "1e308", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308", "1e-4", "1e-5",
            "0.00012345678901234567", "1/0", "-1/0", "0/0", "3.14159265358979", "2.5", "0.5", "100", "1e21",
            "12345.678", "-0.000001", "5e-324", "123456789012.5", "0.1e1", "9007199254740993", "0x7fffffff",
            "1.0000000000000002", "0.99999999999999994", "99999999999999.5", "99999999999999.4"};
        for (String v : values) {
            cases.add("return " + v);
            cases.add("return tostring(" + v + ")");
            cases.add("return -(" + v + ")");
        }
        LuaReference.assertSameAsLua(cases);
    }

    @Test
    void parsesAsLua() {
        List<String> cases = new ArrayList<>();
        String[] texts = {"10", " 10 ", "\\t10\\n", "10x", "x10", "", " ", "1e5", "1E5", "1e", "1e+", "1e-2", ".5", "5.",
            ".", "-.5", "+5", "- 5", "--5", "0x10", "0X1F", "-0x10", "+0x10", "0x", "0xg", "0x1p4", "0x1.8p1",
            "0x.8", "0x1P-2", "0x1p", "inf", "-inf", "INF", "infinity", "-Infinity", "infin", "nan", "NaN",
            "-nan", "nan(123)", "nan(", "1\\0", "1\\0x", "\\0", "1e400", "-1e400", "1e-400", "  0x10  ",
            "1.5e+3", "12a", "0x10p", "0b101", "1_000", "١", "\\v12\\f", "0x7fffffffffffffff", "0xffffffffffffffffff",
            "00012", "1.2.3", "0.0000000000000000000000000001", "123456789012345678901234567890"};
        for (String t : texts) {
            cases.add("return tonumber('" + t + "')");
        }
        String[][] based = {{"ff", "16"}, {"FF", "16"}, {"0xff", "16"}, {"-ff", "16"}, {"  11  ", "2"}, {"12", "2"},
            {"z", "36"}, {"Z", "36"}, {"zz", "35"}, {"777", "8"}, {"", "16"}, {"-", "16"}, {"0x", "16"},
            {"ffffffffffffffff", "16"}, {"fffffffffffffffff", "16"}, {"-1", "16"}, {"10", "1"}, {"10", "37"},
            {"10", "10"}, {"1 0", "2"}, {"+7", "8"}};
        for (String[] b : based) {
            cases.add("return tonumber('" + b[0] + "', " + b[1] + ")");
        }
        LuaReference.assertSameAsLua(cases);
    }
}
