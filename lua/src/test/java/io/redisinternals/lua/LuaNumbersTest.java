package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LuaNumbersTest {

    /** Texts as lua5.1 prints the same numbers (print(...) on x86-64 glibc). */
    @Test
    void formatsAsPercentPoint14g() {
        assertEquals("1", LuaNumbers.format(1));
        assertEquals("-0", LuaNumbers.format(-0.0));
        assertEquals("0.1", LuaNumbers.format(0.1));
        assertEquals("0.33333333333333", LuaNumbers.format(1.0 / 3));
        assertEquals("1e+15", LuaNumbers.format(1e15));
        assertEquals("1e+100", LuaNumbers.format(1e100));
        assertEquals("1.2345678901235e+19", LuaNumbers.format(12345678901234567890.0)); // texts from lua5.1
        assertEquals("9.007199254741e+15", LuaNumbers.format(Math.pow(2, 53)));
        assertEquals("1.2345678901234e+14", LuaNumbers.format(123456789012345.0));
        assertEquals("0.0001", LuaNumbers.format(1e-4));
        assertEquals("1e-05", LuaNumbers.format(1e-5));
        assertEquals("inf", LuaNumbers.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", LuaNumbers.format(Double.NEGATIVE_INFINITY));
        assertEquals("1e+14", LuaNumbers.format(1e14));
        assertEquals("99999999999999", LuaNumbers.format(99999999999999.0));
        assertEquals("3.14", LuaNumbers.format(3.14));
        // Math.abs(Long.MIN_VALUE) is negative: -2^63 once slipped into the integer fast path
        assertEquals("-9.2233720368548e+18", LuaNumbers.format(-Math.pow(2, 63)));
        assertEquals("9.2233720368548e+18", LuaNumbers.format(Math.pow(2, 63)));
    }
}
