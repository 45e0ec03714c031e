package io.redisinternals.lua.lib;

/**
 * The C library's rand()/srand() as glibc implements them (random(3)'s default additive
 * feedback generator, x[i] = x[i-3] + x[i-31], seeded by a Lehmer sequence, the first 310
 * outputs discarded), so math.random gives lua5.1's numbers on glibc for the same seeds. Without
 * a srand the seed is 1.
 */
final class CRandom {

    static final int RAND_MAX = Integer.MAX_VALUE;

    private final int[] r = new int[34];
    private int next; // index of the oldest of the last 34 values, as a ring

    CRandom() {
        seed(1);
    }

    /** srand(seed), the seed taken as C's unsigned int (0 acts as 1). */
    void seed(int seed) {
        int word = seed == 0 ? 1 : seed;
        r[0] = word;
        for (int i = 1; i < 31; i++) {
            // 16807 * word mod (2^31 - 1) without overflow (Schrage), signed as glibc does it
            int hi = word / 127773;
            int lo = word % 127773;
            word = 16807 * lo - 2836 * hi;
            if (word < 0) {
                word += Integer.MAX_VALUE;
            }
            r[i] = word;
        }
        for (int i = 31; i < 34; i++) {
            r[i] = r[i - 31];
        }
        next = 0;
        for (int i = 0; i < 310; i++) {
            step();
        }
    }

    private int step() {
        // the ring holds x[k-34 .. k-1]; x[k] = x[k-31] + x[k-3]
        int v = r[(next + 3) % 34] + r[(next + 31) % 34];
        r[next] = v;
        next = (next + 1) % 34;
        return v;
    }

    /** rand(): 31 random bits. */
    int next() {
        return step() >>> 1;
    }
}
