package io.redisinternals.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** sdscatrepr and sdstrim as Redis's sds.c has them (the texts redis-server writes for these inputs). */
class SdsTextTest {

    @Test
    void reprEscapesAsSdscatrepr() {
        byte[] b = {'a', ' ', '"', '\\', '\n', '\r', '\t', 7, '\b', 0, (byte) 0xff, '~', 0x7f};
        assertEquals("\"a \\\"\\\\\\n\\r\\t\\a\\b\\x00\\xff~\\x7f\"", SdsText.repr(b));
        assertEquals("\"\"", SdsText.repr(new byte[0]));
        assertEquals("\"bc\"", SdsText.repr("abcd".getBytes(StandardCharsets.US_ASCII), 1, 3));
    }

    @Test
    void reprSplitsBackWithSplitLine() throws Exception {
        byte[] b = {'x', ' ', '"', 0, (byte) 0xc3, (byte) 0xa9, '\n'};
        java.util.List<byte[]> args = RequestParser.splitLine(SdsText.repr(b).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, args.size());
        assertEquals(new String(b, StandardCharsets.ISO_8859_1), new String(args.get(0), StandardCharsets.ISO_8859_1));
    }

    @Test
    void trimCutsTheFourCharactersOfRedisOnly() {
        assertEquals("a b", SdsText.trim(" \t\r\na b\n\r\t "));
        assertEquals("\u000ba\u000b", SdsText.trim("\u000ba\u000b"));
        assertEquals("", SdsText.trim(" \n"));
    }
}
