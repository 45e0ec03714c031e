package io.redisinternals.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The AOF's command encoding: a request encoded in place (the lone write of a call, no copy of its
 * arguments) gives the bytes its copied arguments give, whether the arguments are slices of the
 * read buffer or arrays the parser owns (big values), and whatever the buffer has to grow by.
 */
class RespOutTest {

    private static String encoded(RespOut out) {
        return new String(out.array(), 0, out.length(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aRequestEncodesAsItsCopiedArguments() {
        byte[] big = "v".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[][] args = {"SET".getBytes(StandardCharsets.US_ASCII), "key".getBytes(StandardCharsets.US_ASCII), big,
                new byte[0]};
        for (Argv argv : new Argv[] {Argv.slices(args), Argv.of(args)}) {
            RespOut inPlace = new RespOut(4); // grows on the way
            inPlace.command(argv);
            RespOut copied = new RespOut(4);
            copied.command(argv.toArrays());
            assertEquals("*4\r\n$3\r\nSET\r\n$3\r\nkey\r\n$100\r\n" + "v".repeat(100) + "\r\n$0\r\n\r\n", encoded(inPlace));
            assertEquals(encoded(copied), encoded(inPlace));
        }
    }

    @Test
    void theViewIsOneObjectUntilTheArrayIsReplaced() {
        RespOut out = new RespOut(64);
        out.bulk("abc");
        java.nio.ByteBuffer first = out.view();
        assertEquals(0, first.position());
        assertEquals(9, first.remaining());
        first.position(9); // a write consumed it
        out.clear();
        out.bulk("de");
        assertSame(first, out.view());
        assertEquals("$2\r\nde\r\n", StandardCharsets.ISO_8859_1.decode(out.view()).toString());
        out.bulk("x".repeat(100)); // grows: a new array, a new view over it
        java.nio.ByteBuffer grown = out.view();
        assertNotSame(first, grown);
        assertSame(out.array(), grown.array());
        assertEquals(out.length(), grown.remaining());
        out.clear();
        out.shrinkIfLarge(64);
        assertEquals(64, out.view().capacity());
    }
}
