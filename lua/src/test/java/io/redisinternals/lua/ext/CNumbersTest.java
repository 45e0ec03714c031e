package io.redisinternals.lua.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * printf's "%.Pg" for every precision cjson allows (and 17, the tests' canonical form), against
 * glibc's through lua5.1's string.format; a missing lua5.1 fails the test.
 */
class CNumbersTest {

    private static final String[] NUMBERS = {"0", "-1/(1/0)", "1", "-1", "0.5", "0.15", "0.25", "2.5", "1/3", "-2/3", "math.pi",
        "1e15", "1e16", "123456789012345678", "2^53", "2^63", "1e100", "1e-5", "1.5e-5", "0.0001", "5e-324",
        "1.7976931348623157e308", "9.5", "99.5", "999999.5", "0.000123456789", "12345.6789", "1/0", "-1/0", "0/0",
        "-(0/0)", "95", "0.95", "1e21", "4.35", "2^-1074 * 3"};

    @Test
    void formatsAsGlibc() throws Exception {
        StringBuilder script = new StringBuilder();
        for (String n : NUMBERS) {
            for (int p = 1; p <= 17; p++) {
                script.append("print(string.format('%.").append(p).append("g', ").append(n).append("))\n");
            }
        }
        List<String> expected = lua(script.toString());
        List<String> ours = new ArrayList<>();
        for (String n : NUMBERS) {
            double v = Double.parseDouble(lua("print(string.format('%.17g', " + n + "))").get(0)
                    .replace("-nan", "NaN").replace("nan", "NaN").replace("inf", "Infinity"));
            if (n.equals("0/0")) {
                v = CNumbers.X86_NAN;
            }
            for (int p = 1; p <= 17; p++) {
                ours.add(CNumbers.formatG(v, p));
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            if (!expected.get(i).equals(ours.get(i))) {
                mismatches.add(NUMBERS[i / 17] + " %." + (i % 17 + 1) + "g: glibc " + expected.get(i) + ", ours " + ours.get(i));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void convertsToCIntegersAsX86() {
        assertEquals(Integer.MIN_VALUE, CNumbers.toCInt(2147483648.0));
        assertEquals(Integer.MIN_VALUE, CNumbers.toCInt(Double.NaN));
        assertEquals(-2147483648, CNumbers.toCInt(-2147483648.0));
        assertEquals(2147483647, CNumbers.toCInt(2147483647.9));
        assertEquals(Long.MIN_VALUE, CNumbers.toCLong(9.3e18));
        assertEquals(-1L, CNumbers.toCUnsignedLong(18446744073709549568.0) | 0x7ffL); // top 53 bits set
        assertEquals(0L, CNumbers.toCUnsignedLong(1.8446744073709552E19)); // 2^64 wraps
    }

    private static List<String> lua(String script) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("lua5.1", "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("lua5.1 is needed for this differential test (Debian package lua5.1): " + e.getMessage());
            throw e;
        }
        p.getOutputStream().write(script.getBytes(StandardCharsets.ISO_8859_1));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(0, p.waitFor(), out);
        return List.of(out.split("\n"));
    }
}
