package io.redisinternals.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Redis's string2ll rules and the decimal / %.17g writers. */
class NumbersTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "-1, -1",
        "10, 10",
        "1234567890, 1234567890",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
    })
    void acceptsStrictIntegers(String text, long expected) {
        assertEquals(expected, Numbers.parseStrictLong(text));
        byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, Numbers.parseStrictLong(b, 2, text.length()));
        assertEquals(expected, Numbers.parseStrictLong(ByteBuffer.wrap(b), 2, text.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "-", "-0", "007", "01", "+1", " 1", "1 ", "1a", "a", "0x10", "1.0", "1e3",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999", "123456789012345678901",
        "--1", "\u0000",
    })
    void rejectsEverythingElse(String text) {
        assertThrows(NumberFormatException.class, () -> Numbers.parseStrictLong(text));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 100, -1, -9, -10, 123456789, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MIN_VALUE + 1, 1_000_000_000_000L})
    void writesDecimal(long v) {
        String expected = Long.toString(v);
        assertEquals(expected.length(), Numbers.decimalLength(v));
        byte[] out = new byte[30];
        int end = Numbers.writeDecimal(v, out, 3);
        assertEquals(3 + expected.length(), end);
        assertEquals(expected, new String(out, 3, expected.length(), StandardCharsets.US_ASCII));
    }

    /** Expected texts from C's printf("%.17g") (Python's "%.17g" % x gives the same). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.1|1.1000000000000001",
        "1e300|1.0000000000000001e+300",
        "0.0001|0.0001",
        "1e-5|1.0000000000000001e-05",
        "-0.0|-0",
        "0.0|0",
        "3.0|3",
        "-2.5|-2.5",
        "1e17|1e+17",
        "1e16|10000000000000000",
        "1.2345678901234568e17|1.2345678901234568e+17",
        "0.1|0.10000000000000001",
        "0.3333333333333333|0.33333333333333331",
        "9.5367431640625e-07|9.5367431640625e-07",
        "4.9e-324|4.9406564584124654e-324",
        "1.7976931348623157e308|1.7976931348623157e+308",
        "-1e-300|-1e-300",
        "100.0|100",
        "12345.678|12345.678",
        "9.999999999999999e-05|9.9999999999999991e-05",
        "9007199254740992.0|9007199254740992",
        "9.223372036854775807e18|9.2233720368547758e+18",
        "1e21|1e+21",
        "Infinity|inf",
        "-Infinity|-inf",
        "NaN|nan",
    })
    void formatsDoublesAsPrintf17g(String value, String expected) {
        assertEquals(expected, Numbers.formatDouble17g(Double.parseDouble(value)));
    }
}
