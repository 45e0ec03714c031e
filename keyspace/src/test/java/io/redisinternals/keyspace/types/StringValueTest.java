package io.redisinternals.keyspace.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodingNamesFollowRedisRules() {
        assertEquals("int", StringValue.encoding(b("0")));
        assertEquals("int", StringValue.encoding(b("-9223372036854775808")));
        assertEquals("embstr", StringValue.encoding(b("9223372036854775808")), "overflows a long");
        assertEquals("embstr", StringValue.encoding(b("01")));
        assertEquals("embstr", StringValue.encoding(b("-0")));
        assertEquals("embstr", StringValue.encoding(b("+1")));
        assertEquals("embstr", StringValue.encoding(b("")));
        assertEquals("embstr", StringValue.encoding(b("x".repeat(44))));
        assertEquals("raw", StringValue.encoding(b("x".repeat(45))));
        assertEquals("raw", StringValue.encoding(StringValue.raw(b("1"), 1, 0)));
        assertEquals("embstr", StringValue.encoding(StringValue.embstr(b("3"))));
        Object notInt = StringValue.embstr(b("3.5"));
        assertTrue(notInt instanceof byte[], "a non-integer needs no wrapper to be named embstr");
    }

    @Test
    void growthIsGreedyAndZeroFilled() {
        StringValue s = StringValue.raw(b("abc"), 3, 0);
        s.growTo(10);
        assertEquals(10, s.length());
        assertEquals(20, s.buffer().length, "doubles below 1 MiB, so appends are amortised O(1)");
        for (int i = 3; i < 10; i++) {
            assertEquals(0, s.buffer()[i]);
        }
        byte[] before = s.buffer();
        s.growTo(15);
        assertSame(before, s.buffer(), "spare room is used without copying");
        s.growTo(2 * 1024 * 1024);
        assertEquals(3 * 1024 * 1024, s.buffer().length, "past 1 MiB: + 1 MiB");
    }

    @Test
    void growingIntoPreviouslyUsedRoomZeroFills() {
        StringValue s = StringValue.raw(b("abcdef"), 6, 16);
        StringValue shorter = StringValue.raw(s.buffer(), 2, 16);
        shorter.growTo(5);
        assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0}, StringValue.copyOf(shorter));
    }

    @Test
    void duplicateSharesNothing() {
        byte[] plain = b("v");
        Object copy = StringValue.duplicate(plain);
        assertNotSame(plain, copy);
        assertArrayEquals(plain, (byte[]) copy);
        StringValue raw = StringValue.raw(b("xyz"), 3, 8);
        StringValue rawCopy = (StringValue) StringValue.duplicate(raw);
        assertNotSame(raw.buffer(), rawCopy.buffer());
        assertEquals("raw", StringValue.encoding(rawCopy));
        assertArrayEquals(b("xyz"), StringValue.copyOf(rawCopy));
    }
}
