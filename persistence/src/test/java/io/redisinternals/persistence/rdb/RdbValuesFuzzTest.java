package io.redisinternals.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes RESTORE's decoding: the input is a DUMP payload body (type byte, value). A plain
 * {@code mvn test} replays the seeds under
 * src/test/resources/io/redisinternals/persistence/rdb/RdbValuesFuzzTestInputs/readValue/ (one
 * payload of each type and encoding); with {@code JAZZER_FUZZ=1} Jazzer generates inputs for real.
 *
 * <p>Invariants: only {@link RdbFormatException} escapes (anything else, OutOfMemoryError
 * included, fails), the same whether blobs are checked deeply or not (the deep check may only
 * refuse more), and a value that loads serialises and loads back with the same contents.
 */
class RdbValuesFuzzTest {

    /** Big enough for any encoding, small enough that LZF's 88x expansion stays modest. */
    private static final int MAX_INPUT = 64 * 1024;

    @FuzzTest(maxDuration = "5m")
    void readValue(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        Object shallow = load(input, false);
        Object deep = load(input, true);
        if (deep != null) {
            assertEquals(Samples.describe(deep), Samples.describe(shallow), "the deep check loads what the shallow one does");
        }
        if (shallow != null) {
            byte[] again = DumpRestore.payload(shallow, true, -2);
            assertEquals(Samples.describe(shallow), Samples.describe(DumpRestore.read(again, RdbReadOptions.defaults(Samples.HASHER, true))));
        }
    }

    private static Object load(byte[] input, boolean deep) {
        try {
            return DumpRestore.read(input, RdbReadOptions.defaults(Samples.HASHER, deep));
        } catch (RdbFormatException e) {
            return null;
        }
    }
}
