package io.redisinternals.lua.lib;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The math library against lua5.1, random included (the C library's generator is reproduced). */
class MathLibTest {

    @Test
    void functionsMatchLua() {
        List<String> cases = new ArrayList<>();
        String[] unary = {"abs", "acos", "asin", "atan", "ceil", "cos", "cosh", "deg", "exp", "floor", "log", "log10",
            "rad", "sin", "sinh", "sqrt", "tan", "tanh", "frexp", "modf"};
        String[] values = {"0", "-0", "0.5", "-0.5", "1", "-1", "2.5", "-2.5", "3", "100", "1e300", "-1e-310",
            "1/0", "-1/0", "0/0", "'2'"};
        for (String f : unary) {
            for (String v : values) {
                cases.add("return math." + f + "(" + v + ")");
            }
            cases.add("return math." + f + "()");
            cases.add("return math." + f + "('x')");
        }
        String[] binary = {"atan2", "fmod", "mod", "pow", "ldexp"};
        String[][] pairs = {{"1", "2"}, {"-1", "2"}, {"7", "3"}, {"-7", "3"}, {"7", "-3"}, {"5.5", "2"}, {"1", "0"},
            {"0", "0"}, {"2", "10"}, {"2", "0.5"}, {"-8", "1/3"}, {"1/0", "2"}, {"3", "1/0"}, {"1", "-1100"},
            {"0.75", "1024"}};
        for (String f : binary) {
            for (String[] p : pairs) {
                cases.add("return math." + f + "(" + p[0] + ", " + p[1] + ")");
            }
            cases.add("return math." + f + "(1)");
        }
        cases.addAll(List.of(
                "return math.pi, math.huge, -math.huge",
                "return math.max(1, 5, 3)",
                "return math.max(-1)",
                "return math.max()",
                "return math.max(1, 'x')",
                "return math.max(1, 0/0, 3)",
                "return math.max(0/0, 1)",
                "return math.min(4, 2, 8)",
                "return math.min(-0, 0)",
                "return math.min(0, -0)",
                "return math.min()",
                "return math.min(0/0, 1)",
                "return math.frexp(5e-324)",
                "return math.frexp(-3)",
                "return math.ldexp(1, 1024)",
                "return math.ldexp(1, -1075)",
                "return math.ldexp(1.5, 2.9)"));
        LuaReference.assertSameAsLua(cases);
    }

    @Test
    void randomFollowsTheCLibrarysGenerator() {
        LuaReference.assertSameAsLua(List.of(
                "return math.random(), math.random(), math.random(10), math.random(5, 7), math.random(-3, 3)",
                "math.randomseed(42); return math.random(), math.random(100), math.random(1, 1000000)",
                "math.randomseed(0); return math.random(), math.random()",
                "math.randomseed(-7); return math.random(), math.random()",
                "math.randomseed(2147483653); return math.random()",
                "math.randomseed(12.7); return math.random()",
                "return math.random(0)",
                "return math.random(2, 1)",
                "return math.random(1, 2, 3)",
                "return math.random('x')",
                "return math.random(1, 'x')",
                "return math.random(3.7)",
                "return math.random(-2147483648, 2147483647)",
                "return math.randomseed()",
                "return math.randomseed('x')"));
    }
}
