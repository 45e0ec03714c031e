package io.redisinternals.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A big value is accumulated once and adopted by the command that stores it (finding 12 of the
 * hardening issue: a 200 MB SET was copied three times under the execution lock), and argument
 * arrays do not stay big after a huge request (finding 15).
 */
class BigBulkAdoptionTest {

    /** Sends "SET k <value>" in reads of {@code step} bytes; returns the parsed argv. */
    private static Argv parseInSteps(RequestParser p, byte[] value, int step, boolean absorbFirst) throws ProtocolException {
        byte[] head = ("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + value.length + 2];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(value, 0, all, head.length, value.length);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        Argv argv = new Argv();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        buf.flip();
        int fed = 0;
        while (true) {
            buf.compact();
            int n = Math.min(step, Math.min(buf.remaining(), all.length - fed));
            buf.put(all, fed, n);
            fed += n;
            buf.flip();
            if (absorbFirst && p.absorb(buf)) {
                assertFalse(buf.hasRemaining(), "an unfinished big bulk takes everything that arrived");
                assertTrue(fed < all.length, "absorb reported the last read unfinished");
                continue;
            }
            if (p.next(buf, argv)) {
                assertEquals(all.length, fed);
                return argv;
            }
            assertTrue(fed < all.length, "ran out of input before the request completed");
        }
    }

    @Test
    void aBigValueIsCompletedInOneExactArrayThatTakeHandsOverWithoutCopy() throws ProtocolException {
        byte[] value = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(value, (byte) 'x');
        for (boolean absorb : new boolean[] {false, true}) {
            RequestParser p = new RequestParser();
            Argv argv = parseInSteps(p, value, 16 * 1024, absorb);
            assertEquals(3, argv.count());
            byte[] taken = argv.take(2);
            assertArrayEquals(value, taken);
            assertSame(taken, argv.take(2), "the parser's own array is handed over, not a copy");
            assertNotSame(taken, argv.bytes(2), "bytes() still copies");
        }
    }

    @Test
    void aHugeValueIsAllocatedOffTheReadingThreadAndStillAdoptedWhole() throws ProtocolException {
        byte[] value = new byte[(int) RequestParser.ASYNC_WHOLE_THRESHOLD * 3 + 5];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31);
        }
        for (boolean absorb : new boolean[] {false, true}) {
            Argv argv = parseInSteps(new RequestParser(), value, 64 * 1024, absorb);
            byte[] taken = argv.take(2);
            assertArrayEquals(value, taken);
            assertSame(taken, argv.take(2));
        }
    }

    @Test
    void reservedMemoryStaysWithinAboutTwiceWhatArrived() throws ProtocolException {
        RequestParser p = new RequestParser();
        byte[] head = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000000\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        buf.put(head).put(new byte[300_000]).flip();
        Argv argv = new Argv();
        assertFalse(p.next(buf, argv));
        assertTrue(p.bufferedBytes() <= 2 * 300_000 + 1024 * 1024, "reserved " + p.bufferedBytes() + " for 300 KB received");
    }

    @Test
    void smallArgumentsAreStillCopiedByTake() throws ProtocolException {
        ByteBuffer buf = ByteBuffer.wrap("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
        Argv argv = new Argv();
        assertTrue(new RequestParser().next(buf, argv));
        byte[] a = argv.take(2);
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), a);
        assertNotSame(a, argv.take(2));
    }

    @Test
    void argumentArraysShrinkAfterAHugeRequest() throws ProtocolException {
        int keys = 300_000;
        StringBuilder sb = new StringBuilder("*").append(keys + 1).append("\r\n$6\r\nEXISTS\r\n");
        for (int i = 0; i < keys; i++) {
            sb.append("$1\r\nk\r\n");
        }
        sb.append("*1\r\n$4\r\nPING\r\n");
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
        RequestParser p = new RequestParser();
        Argv argv = new Argv();
        assertTrue(p.next(buf, argv));
        assertEquals(keys + 1, argv.count());
        assertTrue(argv.capacity() > keys);
        assertTrue(p.next(buf, argv));
        assertEquals(1, argv.count());
        assertTrue(argv.capacity() <= Argv.SHRINK_ABOVE, "capacity " + argv.capacity());
    }
}
