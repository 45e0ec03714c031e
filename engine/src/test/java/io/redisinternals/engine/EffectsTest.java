package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Propagation and events that differential tests cannot drive yet (they need lazy expiry without
 * the active cycle, i.e. DEBUG SET-ACTIVE-EXPIRE 0): the expected streams are what redis-server
 * 7.0.15 sent to a SYNCed replica for the same commands (observed with DEBUG SET-ACTIVE-EXPIRE 0).
 * No cron runs here, so keys expire only lazily.
 */
class EffectsTest {

    private final Engine engine = TestClient.boot();
    private final TestClient client = new TestClient(engine);
    private final List<String> stream = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    EffectsTest() {
        engine.effects().addPropagationSink((db, argv) -> {
            List<String> args = new ArrayList<>();
            for (byte[] a : argv) {
                args.add(new String(a, StandardCharsets.ISO_8859_1));
            }
            stream.add(db + ":" + String.join(" ", args));
        });
        engine.effects().addKeyEventSink((db, type, event, key) ->
                events.add(db + ":" + event + ":" + new String(key, StandardCharsets.ISO_8859_1)));
    }

    private void expiredKeys(String... keys) throws InterruptedException {
        for (String k : keys) {
            client.call("SET", k, "5", "PX", "1");
        }
        Thread.sleep(5);
        stream.clear();
        events.clear();
    }

    @Test
    void aReadThatExpiresAKeyPropagatesTheDelAlone() throws InterruptedException {
        expiredKeys("a");
        assertEquals("$-1\r\n", client.call("GET", "a"));
        assertEquals(List.of("0:DEL a"), stream);
        assertEquals(List.of("0:expired:a", "0:keymiss:a"), events);
    }

    @Test
    void aWriteThatExpiresAKeyFirstPropagatesBothAsOneTransaction() throws InterruptedException {
        expiredKeys("b", "c");
        client.call("SET", "b", "new");
        client.call("INCR", "c");
        assertEquals(List.of("0:MULTI", "0:DEL b", "0:SET b new", "0:EXEC",
                "0:MULTI", "0:DEL c", "0:INCR c", "0:EXEC"), stream);
    }

    @Test
    void execPropagatesItsExpiriesAndWritesAsOneTransaction() throws InterruptedException {
        expiredKeys("d", "e");
        client.call("MULTI");
        client.call("GET", "d");
        client.call("SET", "e", "x");
        assertEquals("*2\r\n$-1\r\n+OK\r\n", client.call("EXEC"));
        assertEquals(List.of("0:MULTI", "0:DEL d", "0:DEL e", "0:SET e x", "0:EXEC"), stream);
    }

    @Test
    void activeExpiryPropagatesIndependentDels() throws InterruptedException {
        expiredKeys("f", "g");
        engine.executionLock().lock();
        try {
            engine.cron(System.currentTimeMillis());
        } finally {
            engine.executionLock().unlock();
        }
        stream.sort(null); // the cycle samples in random order
        assertEquals(List.of("0:DEL f", "0:DEL g"), stream);
    }

    @Test
    void newKeysAndKeyMissesAreSignalled() {
        client.call("SET", "k", "v");
        client.call("SET", "k", "w");
        client.call("GET", "nope");
        assertEquals(List.of("0:new:k", "0:set:k", "0:set:k", "0:keymiss:nope"), events);
    }

    @Test
    void aNoOpWriteIsNotPropagatedAndEventsCarryTheirDatabase() {
        client.call("SET", "k", "v", "NX");
        client.call("SET", "k", "v", "NX");
        client.call("SELECT", "5");
        client.call("SET", "k", "v");
        assertEquals(List.of("0:SET k v NX", "5:SET k v"), stream);
    }
}
