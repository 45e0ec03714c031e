package io.redisinternals.lua.lib;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** string.format, differential against lua5.1 (glibc's sprintf underneath). */
class StringFormatTest {

    private static final String[] NUMBERS = {
        "0", "-0", "1", "-1", "0.5", "1.5", "2.5", "-2.5", "0.1", "1/3", "-2/3", "123.456", "1e15", "1e16",
        "1e100", "1e-5", "1e-300", "123456789012", "3.14159265358979", "1/0", "-1/0", "0.000123456",
        "99.995", "0.045", "9.9999999", "2^53", "1e21", "4.9e-324", "255", "-255", "65535.75"};

    @Test
    void floatingConversions() {
        List<String> cases = new ArrayList<>();
        String[] specs = {"%f", "%e", "%g", "%E", "%G", "%.0f", "%.1f", "%.3e", "%.0e", "%.10g", "%.0g", "%.1g",
            "%10.3f", "%-10.2f|", "%+f", "% f", "%010.2f", "%#.0f", "%#g", "%#.3g", "%.20f", "%.99f", "%5.1g",
            "%+.3e", "%-+12.4G|", "%.14g"};
        for (String spec : specs) {
            for (String n : NUMBERS) {
                if (!n.contains("^")) {
                    cases.add("return string.format('" + spec + "', " + n + ")");
                }
            }
        }
        LuaReference.assertSameAsLua(cases);
    }

    /** C's printf ignores the JVM's locale: a Turkish default upper-cased "inf" to "\u0130NF". */
    @Test
    void upperCaseConversionsIgnoreTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            io.redisinternals.lua.LuaState state = LuaReference.newState();
            org.junit.jupiter.api.Assertions.assertEquals("ok\t\"INF\"\t\"-INF\"\t\"NAN\"\t\"FF\"", LuaReference.interpreted(state,
                    "return string.format('%E', 1/0), string.format('%G', -1/0), (string.format('%E', 0/0):gsub('-', '')),"
                            + " string.format('%X', 255)"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void integerConversions() {
        List<String> cases = new ArrayList<>();
        String[] specs = {"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%.0d", "%8.3d", "%x", "%X",
            "%#x", "%#X", "%o", "%#o", "%u", "%08.3x", "%-#8x|", "%c", "%5c|", "%-3c|"};
        String[] values = {"0", "1", "-1", "42", "-42", "3.9", "-3.9", "255", "65", "2147483648", "-2147483649",
            "1e18", "1e19", "-1e19", "1/0", "0/0", "'12'", "' 0x10 '"};
        for (String spec : specs) {
            for (String v : values) {
                if (spec.contains("c") && !(v.equals("65") || v.equals("42") || v.equals("0") || v.equals("255"))) {
                    continue;
                }
                cases.add("return string.format('" + spec + "', " + v + ")");
            }
        }
        LuaReference.assertSameAsLua(cases);
    }

    @Test
    void stringsQuotingAndErrors() {
        LuaReference.assertSameAsLua(List.of(
                "return string.format('%s', 'hello')",
                "return string.format('%10s|', 'hello')",
                "return string.format('%-10s|', 'hello')",
                "return string.format('%.2s', 'hello')",
                "return string.format('%5.1s|', 'hello')",
                "return string.format('%s', 12)",
                "return string.format('%s', 1/3)",
                "return string.format('%s', 'a\\0b')",
                "return string.format('%s|%s', 'x', 'y')",
                "return string.format('%s', string.rep('a\\0', 60))",
                "return string.format('%.200s', 'x')",
                "return string.format('%5s', string.rep('ab', 60))",
                "return string.format('%.3s', string.rep('ab', 60))",
                "return string.format('%q', 'a\\nb\"c\\\\d\\re\\0f\\1')",
                "return string.format('%q', 12)",
                "return string.format('%10q', 'x')",
                "return string.format('%%')",
                "return string.format('100%% %d', 5)",
                "return string.format('no args')",
                "return string.format('%d')",
                "return string.format('%y', 1)",
                "return string.format('%', 1)",
                "return string.format('%-+ #0-d', 1)",
                "return string.format('%-+ #0d', 1)",
                "return string.format('%123d', 1)",
                "return string.format('%1.123d', 1)",
                "return string.format('%99d|', 1)",
                "return string.format('%d', 'x')",
                "return string.format('%s', nil)",
                "return string.format('%s', {})",
                "return string.format('%s')",
                "return string.format('%q')",
                "return string.format('%c', 'x')",
                "return string.format()",
                "return string.format(12, 1)",
                "return string.format('%5.2s|%-5d|%5.1f', 'abc', 7, 2.25)",
                "return string.format('%F', 1)",
                "return string.format('%a', 1)",
                "return string.format('%ld', 1)"));
    }
    @Test
    void flagCombinationsMatchGlibc() {
        List<String> cases = new ArrayList<>();
        String[] specs = {"%05c|", "%05s|", "%+s|", "%#s|", "% 5s|", "%-05s|", "%05.1s|", "%#5c|", "%-+5d|", "%+-5d|",
            "% +d", "%+ d", "%0-5d|", "%#.0e", "%#.0g", "%#x", "%#o", "%#.0o", "%.0o", "%#.3o", "%#5.0x|", "%g",
            "%.3g", "%10.0g|", "%-#10.3G|", "%05.1f", "%+05.1f", "% 05.1f", "%-+ #0d", "%05d", "%-05x|", "%.0x",
            "%#.0x", "%+.0d", "% .0i", "%0+8.3e", "%#08.3g", "%+u", "% x"};
        String[] values = {"0", "1", "65", "-7.25", "123456789", "0.0001", "1e-10", "-0"};
        for (String spec : specs) {
            for (String v : values) {
                cases.add("return string.format('" + spec + "', " + v + ")");
            }
        }
        LuaReference.assertSameAsLua(cases);
    }
}
