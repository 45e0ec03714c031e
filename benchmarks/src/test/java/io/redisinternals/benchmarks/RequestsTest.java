package io.redisinternals.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.resp.Argv;
import org.junit.jupiter.api.Test;

/** The benchmark inputs parse into the requests they claim to be (a wrong fixture would benchmark errors). */
class RequestsTest {

    @Test
    void pipelineAlternatesSetAndGetOnSixteenByteKeys() {
        Argv[] all = Requests.parseAll(Requests.pipeline(4, 100, "abc"), 4);
        assertEquals("SET", all[0].string(0));
        assertEquals(16, all[0].length(1));
        assertEquals("abc", all[0].string(2));
        assertEquals("GET", all[1].string(0));
        assertEquals(2, all[1].count());
        assertEquals(all[0].string(1), all[1].string(1));
        assertEquals("key:000000000019", all[2].string(1)); // 7919 % 100
    }
}
