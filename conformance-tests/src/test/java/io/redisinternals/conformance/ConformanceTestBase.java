package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;

/**
 * Every suite starts each test from an empty keyspace on the reference and on every started
 * server under test. Tests that change CONFIG or CLIENT state restore it themselves (narrowly);
 * the password is the one exception reset here as well, since a leftover password would turn every
 * later test into a NOAUTH failure.
 */
public abstract class ConformanceTestBase {

    /** The password tests set with CONFIG SET requirepass; always reset afterwards. */
    public static final String TEST_PASSWORD = "conformance-secret";

    @BeforeEach
    void resetServers() {
        reset(ReferenceRedis.shared());
        for (Endpoint ep : ServerUnderTest.started()) {
            reset(ep);
        }
    }

    static void reset(Endpoint ep) {
        try (RawConnection c = ep.connect()) {
            Reply r = c.call("FLUSHALL");
            if (r.isError() && r.text().startsWith("NOAUTH")) {
                c.call("AUTH", TEST_PASSWORD);
                c.call("CONFIG", "SET", "requirepass", "");
                r = c.call("FLUSHALL");
            }
            assertEquals("+OK\r\n", r.rawText(), "resetting " + ep);
        }
    }

    protected static Endpoint reference() {
        return ReferenceRedis.shared();
    }

    protected static Endpoint ours(String config) {
        return ServerUnderTest.get(config);
    }
}
