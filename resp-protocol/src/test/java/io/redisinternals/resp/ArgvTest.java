package io.redisinternals.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArgvTest {

    /** Parses one request from {@code buf} so the argument is a slice of it. */
    static Argv parsed(ByteBuffer buf) throws ProtocolException {
        Argv argv = new Argv();
        assertTrue(new RequestParser().next(buf, argv));
        return argv;
    }

    static ByteBuffer request(String key, boolean direct, ByteOrder order) {
        byte[] b = ("*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(b.length) : ByteBuffer.allocate(b.length);
        buf.order(order).put(b).flip();
        return buf;
    }

    @Test
    void wordReadsAreLittleEndianWhateverTheBufferKindOrOrder() throws Exception {
        String key = "0123456789abcdefXYZ";
        long expected8 = ByteBuffer.wrap(key.getBytes(StandardCharsets.ISO_8859_1), 3, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int expected4 = ByteBuffer.wrap(key.getBytes(StandardCharsets.ISO_8859_1), 11, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                Argv argv = parsed(request(key, direct, order));
                assertEquals(expected8, argv.longLE(1, 3), direct + " " + order);
                assertEquals(expected4, argv.intLE(1, 11), direct + " " + order);
            }
        }
        Argv owned = Argv.of("GET".getBytes(StandardCharsets.US_ASCII), key.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(expected8, owned.longLE(1, 3));
        assertEquals(expected4, owned.intLE(1, 11));
    }

    @Test
    void slicesAndCopies() throws Exception {
        Argv argv = parsed(request("hello", true, ByteOrder.BIG_ENDIAN));
        assertEquals(2, argv.count());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), argv.bytes(1));
        assertTrue(argv.equalsIgnoreCase(0, "get"));
        assertFalse(argv.equalsIgnoreCase(0, "set"));
        assertTrue(argv.contentEquals(1, "hello".getBytes(StandardCharsets.US_ASCII)));
        assertEquals('e', argv.byteAt(1, 1));
        assertEquals("get", argv.lowerCaseString(0));
    }

    @Test
    void toArraysCopiesEveryArgument() {
        byte[] owned = "owned".getBytes(StandardCharsets.US_ASCII);
        Argv argv = Argv.of(owned, "x".getBytes(StandardCharsets.US_ASCII));
        byte[][] copy = argv.toArrays();
        assertEquals(2, copy.length);
        assertArrayEquals(owned, copy[0]);
        copy[0][0] = 'O'; // the copy is the caller's: the argv still reads its own bytes
        assertEquals("owned", argv.string(0));
        assertEquals("x", new String(copy[1], StandardCharsets.US_ASCII));
        Argv sliced = Argv.of("SET", "k", "");
        assertEquals(0, sliced.toArrays()[2].length);
    }

    /** Argv.slices (and Argv.of(String...)) hold slices of one buffer, none at offset 0, as a request's. */
    @Test
    void slicesOfOneBufferReadLikeARequest() {
        Argv argv = Argv.of("SET", "key", "");
        assertEquals(3, argv.count());
        assertTrue(argv.equalsIgnoreCase(0, "set"));
        assertEquals("key", argv.string(1));
        assertEquals(0, argv.length(2));
        byte[] stored = argv.take(1);
        stored[0] = 'X';
        assertEquals("key", argv.string(1), "a taken slice is a copy");
    }

    @Test
    void caseInsensitiveHashAndEqualityAgreeForSlicedAndOwnedArguments() {
        byte[] lower = "publish".getBytes(StandardCharsets.US_ASCII);
        int expected = Argv.hashIgnoringAsciiCase(lower);
        for (Argv argv : new Argv[] {Argv.slices("PubLisH".getBytes(StandardCharsets.US_ASCII)), Argv.of("PUBLISH")}) {
            assertEquals(expected, argv.hashIgnoringAsciiCase(0));
            assertTrue(argv.equalsLowerCase(0, lower));
            assertFalse(argv.equalsLowerCase(0, "publis".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(argv.equalsLowerCase(0, "publisx".getBytes(StandardCharsets.US_ASCII)));
        }
        // Only ASCII letters are folded: '@' is not '`', byte 0xC9 is not 0xE9.
        assertFalse(Argv.of("@").equalsLowerCase(0, "`".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(Argv.of(new byte[] {(byte) 0xC9}).equalsLowerCase(0, new byte[] {(byte) 0xE9}));
        assertEquals(Argv.hashIgnoringAsciiCase(new byte[] {(byte) 0xC9}), Argv.of(new byte[] {(byte) 0xC9}).hashIgnoringAsciiCase(0));
    }
}
