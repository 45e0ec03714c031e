package io.redisinternals.command.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reusable compressor writes exactly what a fresh table writes, call after call. */
class LzfCompressorTest {

    @Test
    void sameOutputAsAFreshTable() {
        Random r = new Random(3);
        Lzf.Compressor c = new Lzf.Compressor();
        for (int i = 0; i < 2000; i++) {
            byte[] in = new byte[1 + r.nextInt(i % 10 == 0 ? 20000 : 300)];
            int alphabet = 1 + r.nextInt(8);
            for (int k = 0; k < in.length; k++) {
                in[k] = (byte) ('a' + r.nextInt(alphabet));
            }
            int limit = Math.max(1, in.length - 4);
            byte[] fresh = Lzf.compress(in, limit);
            int n = c.compress(in, limit);
            if (fresh == null) {
                assertEquals(-1, n);
            } else {
                assertArrayEquals(fresh, Arrays.copyOf(c.output(), n));
                assertArrayEquals(in, Lzf.decompress(fresh, in.length));
            }
        }
        assertNull(Lzf.compress(new byte[0], 10));
        assertEquals(-1, c.compress(new byte[0], 10));
    }
}
