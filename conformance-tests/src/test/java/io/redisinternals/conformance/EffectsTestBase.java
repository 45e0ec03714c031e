package io.redisinternals.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A class of effects tests: one {@link EffectsProbe} (a dedicated reference redis-server and a
 * dedicated server of ours, observed through their replication streams and keyspace events) for
 * all the tests of the class. Tests use keys of their own, since the servers live for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EffectsTestBase {

    protected EffectsProbe probe;

    @BeforeAll
    void startProbe() {
        probe = new EffectsProbe(notifyClasses());
    }

    /** The notify-keyspace-events classes both servers publish (and the probe compares). */
    protected String notifyClasses() {
        return "KEA";
    }

    @AfterAll
    void stopProbe() {
        if (probe != null) {
            probe.close();
        }
    }
}
