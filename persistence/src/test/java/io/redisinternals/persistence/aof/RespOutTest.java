package io.redisinternals.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
