package io.redisinternals.keyspace.dict;

import io.redisinternals.resp.Argv;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A seeded 64-bit hash of byte strings, in the style of wyhash (a 64x64->128 multiply folded to
 * 64 bits as the mixing step). The seed is random per process, so an attacker who does not know it
 * cannot precompute keys that all land in one bucket (hash flooding; Redis uses a random SipHash
 * key for the same reason).
 *
 * <p>Two entry points hash the same bytes to the same value: {@link #hash(byte[])} for stored keys
 * and {@link #hash(Argv, int)} for a key still sitting in the request buffer, read in place. Both
 * read the input as little-endian words with the same access pattern; {@code KeyHashTest} checks
 * they agree for every length class.
 *
 * <p>Not a cryptographic MAC: it is meant to make collisions unpredictable without the seed, at a
 * few nanoseconds per short key.
 */
public final class KeyHash {

    private static final long P0 = 0xa0761d6478bd642fL;
    private static final long P1 = 0xe7037ed1a0b428dbL;
    private static final long P2 = 0x8ebc6af09c88c6e3L;

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final long seed;

    public KeyHash(long seed) {
        // Pre-mix so that nearby seeds (0, 1, 2 ...) still give unrelated functions.
        this.seed = mix(seed ^ P0, P1);
    }

    /** Hash of all of {@code key}. */
    public long hash(byte[] key) {
        int n = key.length;
        long s = seed;
        long a;
        long b;
        if (n <= 16) {
            if (n >= 4) {
                int q = (n >>> 3) << 2;
                a = (u32(key, 0) << 32) | u32(key, q);
                b = (u32(key, n - 4) << 32) | u32(key, n - 4 - q);
            } else if (n > 0) {
                a = ((key[0] & 0xffL) << 16) | ((key[n >>> 1] & 0xffL) << 8) | (key[n - 1] & 0xffL);
                b = 0;
            } else {
                a = 0;
                b = 0;
            }
        } else {
            int p = 0;
            int left = n;
            while (left > 16) {
                s = mix(u64(key, p) ^ P1, u64(key, p + 8) ^ s);
                p += 16;
                left -= 16;
            }
            a = u64(key, n - 16);
            b = u64(key, n - 8);
        }
        return finish(a, b, s, n);
    }

    /**
     * Hash of argument {@code i} of {@code argv}, equal to {@code hash(argv.bytes(i))}, read in the
     * request buffer with the same word pattern as {@link #hash(byte[])}: no copy, no allocation.
     */
    public long hash(Argv argv, int i) {
        int n = argv.length(i);
        long s = seed;
        long a;
        long b;
        if (n <= 16) {
            if (n >= 4) {
                int q = (n >>> 3) << 2;
                a = (u32(argv, i, 0) << 32) | u32(argv, i, q);
                b = (u32(argv, i, n - 4) << 32) | u32(argv, i, n - 4 - q);
            } else if (n > 0) {
                a = ((argv.byteAt(i, 0) & 0xffL) << 16) | ((argv.byteAt(i, n >>> 1) & 0xffL) << 8)
                        | (argv.byteAt(i, n - 1) & 0xffL);
                b = 0;
            } else {
                a = 0;
                b = 0;
            }
        } else {
            int p = 0;
            int left = n;
            while (left > 16) {
                s = mix(argv.longLE(i, p) ^ P1, argv.longLE(i, p + 8) ^ s);
                p += 16;
                left -= 16;
            }
            a = argv.longLE(i, n - 16);
            b = argv.longLE(i, n - 8);
        }
        return finish(a, b, s, n);
    }

    private static long finish(long a, long b, long s, int n) {
        a ^= P1;
        b ^= s;
        long lo = a * b;
        long hi = Math.unsignedMultiplyHigh(a, b);
        return mix(lo ^ P0 ^ n, hi ^ P1 ^ P2);
    }

    /** The wyhash mixing step: the two halves of the 128-bit product, xored. */
    private static long mix(long a, long b) {
        return (a * b) ^ Math.unsignedMultiplyHigh(a, b);
    }

    private static long u64(byte[] b, int off) {
        return (long) LONG_LE.get(b, off);
    }

    private static long u32(byte[] b, int off) {
        return ((int) INT_LE.get(b, off)) & 0xffffffffL;
    }

    /** Whether argument {@code i} holds exactly {@code key}, compared a word at a time in place. */
    static boolean sameBytes(Argv argv, int i, byte[] key) {
        int n = key.length;
        if (argv.length(i) != n) {
            return false;
        }
        int p = 0;
        for (; p + 8 <= n; p += 8) {
            if (argv.longLE(i, p) != u64(key, p)) {
                return false;
            }
        }
        for (; p < n; p++) {
            if (argv.byteAt(i, p) != key[p]) {
                return false;
            }
        }
        return true;
    }

    private static long u32(Argv argv, int i, int off) {
        return argv.intLE(i, off) & 0xffffffffL;
    }
}
