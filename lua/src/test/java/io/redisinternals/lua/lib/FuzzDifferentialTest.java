package io.redisinternals.lua.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated cases (fixed seeds, so every run is the same) against lua5.1: doubles of every
 * magnitude through tostring and format, strings near the number grammar through tonumber, and
 * random patterns over random subjects through find and gsub (errors included).
 */
class FuzzDifferentialTest {

    /** A double spelled so that lua5.1's reader gives back the same bits (Java's shortest repr). */
    private static String literal(double d) {
        return "(" + Double.toString(d) + ")";
    }

    private static double randomDouble(Random r) {
        switch (r.nextInt(6)) {
            case 4: return Double.longBitsToDouble(r.nextLong() & 0x000f_ffff_ffff_ffffL); // subnormal
            case 5: { // 15 significant digits ending in 5: a near-tie for the 14-digit rounding
                long m = 100_000_000_000_000L + (Math.floorMod(r.nextLong(), 900_000_000_000_000L) / 10) * 10 + 5;
                return Double.parseDouble(m + "e" + (r.nextInt(60) - 30));
            }
            case 0: return Double.longBitsToDouble(r.nextLong() & Long.MAX_VALUE) * (r.nextBoolean() ? 1 : -1);
            case 1: return (r.nextInt(2_000_001) - 1_000_000) / Math.pow(10, r.nextInt(8));
            case 2: return r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            default: return Math.round(r.nextGaussian() * 1e6) + 0.5 * r.nextInt(3);
        }
    }

    @Test
    void doublesFormatAsLua() {
        Random r = new Random(20261206);
        List<String> cases = new ArrayList<>();
        String[] specs = {"%.14g", "%.17g", "%g", "%.3f", "%e", "%.20e", "%.0f", "%#.5g", "%12.4E"};
        for (int i = 0; i < 600; i++) {
            double d = randomDouble(r);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            cases.add("return tostring" + literal(d));
            cases.add("return string.format('" + specs[i % specs.length] + "', " + literal(d) + ")");
            cases.add("return string.format('%d %x', " + literal(d) + ", " + literal(d) + ")");
        }
        LuaReference.assertSameAsLua(cases);
    }

    @Test
    void numberTextsParseAsLua() {
        Random r = new Random(7);
        String alphabet = "0123456789.eE+-xXpPaAfFiInN \t(";
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(8);
            for (int k = 0; k < n; k++) {
                char c = alphabet.charAt(r.nextInt(alphabet.length()));
                sb.append(c == '\t' ? "\\t" : String.valueOf(c));
            }
            cases.add("return tonumber('" + sb + "')");
        }
        LuaReference.assertSameAsLua(cases);
    }

    @Test
    void randomPatternsMatchAsLua() {
        Random r = new Random(42);
        String[] atoms = {"a", "b", ".", "%a", "%d", "%s", "%w", "[ab]", "[^a]", "[a-c]", "%%", "(", ")", "()",
            "%1", "%b()", "%f[%w]", "^", "$", "-", "*", "+", "?", "x", "[%d_]", "%", "["};
        String subjectChars = "aabbc1 2(x)_";
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            StringBuilder p = new StringBuilder();
            int n = 1 + r.nextInt(6);
            for (int k = 0; k < n; k++) {
                p.append(atoms[r.nextInt(atoms.length)]);
            }
            StringBuilder s = new StringBuilder();
            int m = r.nextInt(12);
            for (int k = 0; k < m; k++) {
                s.append(subjectChars.charAt(r.nextInt(subjectChars.length())));
            }
            if (i % 2 == 0) {
                cases.add("return string.find('" + s + "', '" + p + "')");
            } else {
                cases.add("return string.gsub('" + s + "', '" + p + "', '<%0>')");
            }
        }
        LuaReference.assertSameAsLua(cases);
    }
}
