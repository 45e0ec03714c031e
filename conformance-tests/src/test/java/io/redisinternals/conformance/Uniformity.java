package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The distribution checks of random replies (ZRANDMEMBER, SRANDMEMBER, SPOP, HRANDFIELD,
 * RANDOMKEY), measured as Redis's own test suite measures them: ten elements, about 1000 draws,
 * a chi-square statistic below {@value #BOUND}. Each test measures the reference too, as a check
 * of the measure itself.
 */
final class Uniformity {

    /** Redis's bound for 9 degrees of freedom: a chance of 0.00001 for a fair draw to exceed it. */
    static final double BOUND = 40;

    private Uniformity() {
    }

    /**
     * Redis's chi_square_value (tests/support/util.tcl): the chi-square statistic of how often each
     * element came up against an even share, the share being the integer quotient of draws by
     * distinct elements, as the Tcl helper computes it.
     */
    static double chiSquare(List<String> draws) {
        Map<String, Integer> counts = new HashMap<>();
        draws.forEach(m -> counts.merge(m, 1, Integer::sum));
        double expected = draws.size() / counts.size();
        double x2 = 0;
        for (int n : counts.values()) {
            x2 += Math.pow(n - expected, 2) / expected;
        }
        return x2;
    }

    /** Sends {@code times} copies of one command in one pipeline; returns the elements of every reply. */
    static List<String> draws(RawConnection c, int times, String... command) {
        byte[] one = Bytes.command(command);
        byte[][] all = new byte[times][];
        Arrays.fill(all, one);
        return elements(c.send(Bytes.concat(all)).read(times));
    }

    /**
     * Sends {@code times} rounds of {@code round} in one pipeline and returns the elements of the
     * replies to command {@code measured} of each round (the others set up or clean up: SPOP needs
     * its set back).
     */
    static List<String> rounds(RawConnection c, int times, int measured, String[]... round) {
        byte[][] all = new byte[times * round.length][];
        for (int i = 0; i < all.length; i++) {
            all[i] = Bytes.command(round[i % round.length]);
        }
        List<Reply> replies = c.send(Bytes.concat(all)).read(all.length);
        List<Reply> kept = new ArrayList<>();
        for (int i = measured; i < replies.size(); i += round.length) {
            kept.add(replies.get(i));
        }
        return elements(kept);
    }

    private static List<String> elements(List<Reply> replies) {
        List<String> out = new ArrayList<>();
        for (Reply r : replies) {
            if (r.children() == null) {
                out.add(r.text());
            } else {
                r.children().forEach(x -> out.add(x.text()));
            }
        }
        return out;
    }

    /** Every one of {@code elements} distinct elements came up, and the chi-square is below the bound. */
    static void assertUniform(List<String> draws, int elements, String what) {
        assertEquals(elements, new HashSet<>(draws).size(), what + ": every element comes up");
        double x2 = chiSquare(draws);
        assertTrue(x2 < BOUND, what + ": chi-square " + x2 + " >= " + BOUND);
    }
}
