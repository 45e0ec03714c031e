package io.redisinternals.lua.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.lua.LuaNumbers;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LuaNumbers.format's fast paths (shortest digits, rounding them when clearly off the half)
 * against the exact "%.14g" of CFormat (BigDecimal on the binary value, itself proven against
 * lua5.1 by the differential tests) over many more doubles than a lua5.1 run would take.
 */
class NumberFormatConsistencyTest {

    @Test
    void fastPathsAgreeWithExactRounding() {
        CFormat g14 = new CFormat();
        g14.precision = 14;
        Random r = new Random(99);
        for (int i = 0; i < 300_000; i++) {
            double d;
            switch (i % 4) {
                case 0: d = Double.longBitsToDouble(r.nextLong()); break;
                case 1: d = r.nextDouble() * Math.pow(10, r.nextInt(30) - 15); break;
                case 2: { // 15-17 digit values whose tail sits near the 14-digit half
                    long m = 10_000_000_000_000L + Math.floorMod(r.nextLong(), 90_000_000_000_000L);
                    d = Double.parseDouble(m + "." + (495 + r.nextInt(11)) + "e" + (r.nextInt(40) - 20));
                    break;
                }
                default: d = Math.nextUp(Math.round(r.nextGaussian() * 1e9) / 1e3); break;
            }
            assertEquals(g14.floating('g', d), LuaNumbers.format(d), () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(d)));
        }
    }
}
