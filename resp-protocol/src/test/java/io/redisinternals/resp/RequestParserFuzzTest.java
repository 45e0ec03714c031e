package io.redisinternals.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Random;

/**
 * Fuzzes the request parser. A plain {@code mvn test} replays the seeds under
 * src/test/resources/io/redisinternals/resp/RequestParserFuzzTestInputs/parse/; with
 * {@code JAZZER_FUZZ=1} Jazzer generates inputs for real.
 *
 * <p>Invariants: only {@link ProtocolException} escapes (anything else fails the test); what the
 * parser holds stays within the bytes fed plus one chunk; and the requests, the error and whether
 * a frame is left pending are the same whether the input arrives whole or split at random offsets,
 * into buffers that move between reads. The splits, the limits and a shrunken big-bulk threshold
 * (so that short inputs reach the move-out path) derive from the input, so every run of a given
 * input is reproducible.
 */
class RequestParserFuzzTest {

    /** Below the 64 KiB line limit, whose outcome legitimately depends on how the bytes arrive. */
    private static final int MAX_INPUT = 32 * 1024;

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        Random rnd = new Random(Arrays.hashCode(input));
        RequestParser config = new RequestParser();
        config.authenticated(rnd.nextInt(4) != 0);
        if (rnd.nextBoolean()) {
            config.maxBulkLength(rnd.nextInt(64));
        }
        int threshold = 1 + rnd.nextInt(16);
        int minChunk = 1 + rnd.nextInt(8);
        int maxChunk = minChunk + rnd.nextInt(32);

        ParseHarness.Outcome whole = run(input, new int[0], config, false, threshold, minChunk, maxChunk);
        int[] cuts = rnd.ints(rnd.nextInt(Math.min(input.length, 64) + 1), 0, input.length + 1).sorted().toArray();
        ParseHarness.Outcome split = run(input, cuts, config, rnd.nextBoolean(), threshold, minChunk, maxChunk);
        assertEquals(whole, split, () -> "cuts " + Arrays.toString(cuts));
        if (input.length <= 512) {
            int[] every = new int[input.length];
            Arrays.setAll(every, i -> i);
            assertEquals(whole, run(input, every, config, true, threshold, minChunk, maxChunk), "byte by byte");
        }
    }

    private static ParseHarness.Outcome run(byte[] input, int[] cuts, RequestParser config, boolean moveAlways,
            int threshold, int minChunk, int maxChunk) {
        ParseHarness h = new ParseHarness(moveAlways);
        h.parser.maxBulkLength(config.maxBulkLength());
        h.parser.authenticated(config.authenticated());
        h.parser.tune(threshold, minChunk, maxChunk);
        int from = 0;
        for (int cut : cuts) {
            h.feed(input, from, cut - from);
            from = cut;
            assertTrue(h.parser.bufferedBytes() <= h.fed + maxChunk, "held more than arrived plus a chunk");
        }
        h.feed(input, from, input.length - from);
        assertTrue(h.maxBuffered <= h.fed + maxChunk, "held more than arrived plus a chunk");
        return h.outcome();
    }
}
