package io.redisinternals.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * x87 long double emulation. Every expected text here is what redis-server 7.0.15 (glibc, x86-64)
 * replied to {@code DEL x} + {@code INCRBYFLOAT x <input>} (or to the stated sum); null means
 * "ERR value is not a valid float".
 */
class LongDoubleTest {

    private static LongDouble parse(String s) {
        return LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** What INCRBYFLOAT on a missing key replies for {@code s}: the text, null when invalid, "inf" when refused as infinite. */
    private static String fromZero(String s) {
        LongDouble v = parse(s);
        if (v == null) {
            return null;
        }
        LongDouble sum = LongDouble.ZERO.add(v);
        return sum.isFinite() ? sum.toHumanString() : "inf";
    }

    private static String sum(String a, String b) {
        LongDouble r = parse(a).add(parse(b));
        return r.isFinite() ? r.toHumanString() : (r.isNaN() ? "nan" : "inf");
    }

    @Test
    void decimalsKeepTheirShortFormUnlikeDoubles() {
        assertEquals("0.1", fromZero("0.1"));
        assertEquals("0.1", fromZero("10e-2"));
        assertEquals("1.5", fromZero("+1.5"));
        assertEquals("0.5", fromZero(".5"));
        assertEquals("5", fromZero("5."));
        assertEquals("1000", fromZero("1.e3"));
        assertEquals("-5", fromZero("-.5e1"));
        assertEquals("3", fromZero("3.0"));
        assertEquals("12", fromZero("00012"));
        assertEquals("100", fromZero("1e+2"));
        assertEquals("100", fromZero("1E2"));
        assertEquals("0", fromZero("-0"));
        assertEquals("0", fromZero("0e99999999999999999999"));
        assertEquals("100000", fromZero("1e0000000000000000000000000000005"));
        assertEquals("0.00001", fromZero("1e-0000000000000000000000000000005"));
    }

    @Test
    void hexFloatsAsStrtold() {
        assertEquals("16", fromZero("0x10"));
        assertEquals("8", fromZero("0x1p3"));
        assertEquals("8", fromZero("0X1P3"));
        assertEquals("0.5", fromZero("0x.8"));
        assertNull(fromZero("0x"));
        assertNull(fromZero("0x1p"));
        assertNull(fromZero("0xg"));
    }

    @Test
    void printingRoundsHalfEvenOnTheExactBinaryValue() {
        // 2^-18 = 0.000003814697265625: the 18th digit is an exact tie, kept even.
        assertEquals("0.00000381469726562", fromZero("0x1p-18"));
        // 3 * 2^-18 = 0.000011444091796875: a tie rounded up to the even 8.
        assertEquals("0.00001144409179688", fromZero("0x3p-18"));
    }

    @Test
    void hugeAndTinyValuesPrintInFull() {
        String e400 = fromZero("1e400");
        assertEquals(401, e400.length());
        assertTrue(e400.startsWith("10000000000000000000281880683947586514586453433629052038625910693539685534"));
        assertTrue(fromZero("1.7976931348623157e308").startsWith("179769313486231569995921046774104434048386446944329178485314420765176628523124396354701868608387"));
        assertTrue(fromZero("1e308").startsWith("99999999999999999996685879655845645660560099847415567207797047994921"));
        String max = fromZero("1.18973149535723176502e+4932");
        assertEquals(4933, max.length());
        assertTrue(max.startsWith("1189731495357231765021263853030970205169063322294624200440323733891737005522"));
        assertTrue(max.endsWith("4419552086811989770240"));
        assertEquals(max, fromZero("0x1.fffffffffffffffep16383"));
        assertEquals("0", fromZero("5e-324"));
        assertEquals("0", fromZero("1e-400"));
        assertEquals("0", fromZero("1e-4950"));
    }

    @Test
    void overflowAndUnderflowAreInvalidButSubnormalsAreNot() {
        assertNull(fromZero("1e5000"));
        assertNull(fromZero("-1e5000"));
        assertNull(fromZero("1e4933"));
        assertNull(fromZero("1.18973149535723176508e+4932"));
        assertNull(fromZero("0x1.ffffffffffffffffp16383"));
        assertEquals(4933, fromZero("1.18973149535723176503e+4932").length());
        assertNull(fromZero("1e-5000"));
        assertNull(fromZero("1.8e-4951"), "below half the smallest subnormal: zero with ERANGE");
        assertEquals("0", fromZero("1.9e-4951"));
        assertEquals("0", fromZero("3.6451995318824746025e-4951"));
        assertEquals("0", fromZero("0x1p-16445"));
        assertNull(fromZero("0x1p-16446"), "exactly half the smallest subnormal ties to zero");
        assertEquals("0", fromZero("0x1.8p-16446"));
        assertNull(fromZero("0." + "0".repeat(5000) + "1"));
    }

    @Test
    void infinitiesParseAndNanNever() {
        assertEquals("inf", fromZero("inf"));
        assertEquals("inf", fromZero("-inf"));
        assertEquals("inf", fromZero("+INF"));
        assertEquals("inf", fromZero("infinity"));
        assertEquals("inf", fromZero("-Infinity"));
        assertNull(fromZero("infinit"));
        assertNull(fromZero("nan"));
        assertNull(fromZero("NaN"));
        assertNull(fromZero("-nan"));
        assertNull(fromZero("nan(123)"));
        assertEquals("nan", sum("inf", "-inf"));
        assertEquals("inf", sum("inf", "1"));
    }

    @Test
    void redisRejectsWhatStrtoldWouldSkipOrLeave() {
        for (String s : new String[] {"", " 1", "\t1", "\n1", "1 ", "1\0", "1e", "1e+", "-", "+", ".", "e5", "1_0",
                "1,5", "- 1", "\u0661"}) {
            assertNull(fromZero(s), s);
        }
        assertEquals("0", fromZero("0".repeat(LongDouble.MAX_CHARS - 1)));
        assertNull(fromZero("0".repeat(LongDouble.MAX_CHARS)), "5120 bytes or more are refused");
        assertNull(fromZero("1".repeat(LongDouble.MAX_CHARS - 1)), "10^5118 overflows");
    }

    @Test
    void additionRoundsOnceToSixtyFourBits() {
        assertEquals("0.3", sum("0.1", "0.2"));
        assertEquals("0.30000000000000004", sum("0.30000000000000004", "0"));
        assertEquals("10.6", sum("10.50", "0.1"));
        assertEquals("0", sum("10.6", "-10.6"));
        // 2^64 + 1 is not representable: ties to even (2^64); 2^64 + 3 rounds up to 2^64 + 4.
        assertEquals("18446744073709551616", sum("18446744073709551616", "1"));
        assertEquals("18446744073709551620", sum("18446744073709551616", "3"));
        assertEquals("9223372036854775807", sum("9223372036854775806", "1"));
        assertEquals("inf", sum("1.18973149535723176502e+4932", "1.18973149535723176502e+4932"));
        assertEquals("0", sum("0x1p-16445", "0x1p-16445"));
    }

    @Test
    void valuesAreExact() {
        LongDouble tenth = parse("0.1");
        // 0.1 rounded to 64 bits: 14757395258967641293 * 2^-67
        assertEquals(new BigDecimal(new BigInteger("14757395258967641293"))
                .divide(new BigDecimal(BigInteger.TWO.pow(67))), tenth.toBigDecimal());
        assertFalse(parse("inf").isFinite());
        assertEquals("0.1", new String(tenth.toHumanBytes(), StandardCharsets.US_ASCII));
    }
}
