package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delivery from the registry's cached subscriber arrays: they must follow every (un)subscription. */
class PubSubDeliveryTest {

    private static final String HELLO = "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$5\r\nhello\r\n";

    @Test
    void aSubscriberAddedAfterAPublishReceivesTheNextOne() {
        Engine engine = TestClient.boot();
        TestClient publisher = new TestClient(engine);
        TestClient first = new TestClient(engine);
        first.call("SUBSCRIBE", "ch");
        assertEquals(":1\r\n", publisher.call("PUBLISH", "ch", "hello"));
        TestClient second = new TestClient(engine);
        second.call("SUBSCRIBE", "ch");
        assertEquals(":2\r\n", publisher.call("PUBLISH", "ch", "hello"));
        assertEquals(List.of(HELLO, HELLO), first.channel.pushed);
        assertEquals(List.of(HELLO), second.channel.pushed);
    }

    @Test
    void anUnsubscribedOrDisconnectedClientReceivesNothingMore() {
        Engine engine = TestClient.boot();
        TestClient publisher = new TestClient(engine);
        List<TestClient> subs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestClient c = new TestClient(engine);
            c.call("SUBSCRIBE", "ch");
            subs.add(c);
        }
        assertEquals(":5\r\n", publisher.call("PUBLISH", "ch", "hello"));
        subs.get(1).call("UNSUBSCRIBE", "ch");
        subs.get(3).session.closed();
        assertEquals(":3\r\n", publisher.call("PUBLISH", "ch", "hello"));
        int[] expected = {2, 1, 2, 1, 2};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], subs.get(i).channel.pushed.size(), "subscriber " + i);
        }
        subs.get(1).call("SUBSCRIBE", "ch");
        assertEquals(":4\r\n", publisher.call("PUBLISH", "ch", "hello"));
        assertEquals(2, subs.get(1).channel.pushed.size());
    }

    @Test
    void patternSubscribersFollowTheirSubscriptionsToo() {
        Engine engine = TestClient.boot();
        TestClient publisher = new TestClient(engine);
        TestClient a = new TestClient(engine);
        TestClient b = new TestClient(engine);
        a.call("PSUBSCRIBE", "c*");
        assertEquals(":1\r\n", publisher.call("PUBLISH", "ch", "hello"));
        b.call("PSUBSCRIBE", "c*");
        assertEquals(":2\r\n", publisher.call("PUBLISH", "ch", "hello"));
        a.call("PUNSUBSCRIBE", "c*");
        assertEquals(":1\r\n", publisher.call("PUBLISH", "ch", "hello"));
        assertEquals(2, a.channel.pushed.size());
        assertEquals(2, b.channel.pushed.size());
    }

    /** Frames share one scratch buffer: each protocol's frame, each size, must come out whole. */
    @Test
    void mixedProtocolsPatternsAndMessageSizesEachGetTheirExactFrame() {
        Engine engine = TestClient.boot();
        TestClient publisher = new TestClient(engine);
        TestClient resp2 = new TestClient(engine);
        TestClient resp3 = new TestClient(engine);
        resp3.call("HELLO", "3");
        resp2.call("SUBSCRIBE", "ch");
        resp3.call("SUBSCRIBE", "ch");
        resp2.call("PSUBSCRIBE", "c?");
        resp3.call("PSUBSCRIBE", "c?");
        String big = "x".repeat(20_000);
        for (String m : List.of("a", big, "hello")) {
            assertEquals(":4\r\n", publisher.call("PUBLISH", "ch", m));
        }
        List<String> expected2 = new ArrayList<>();
        List<String> expected3 = new ArrayList<>();
        for (String m : List.of("a", big, "hello")) {
            String bulk = "$" + m.length() + "\r\n" + m + "\r\n";
            expected2.add("*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n" + bulk);
            expected2.add("*4\r\n$8\r\npmessage\r\n$2\r\nc?\r\n$2\r\nch\r\n" + bulk);
            expected3.add(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n" + bulk);
            expected3.add(">4\r\n$8\r\npmessage\r\n$2\r\nc?\r\n$2\r\nch\r\n" + bulk);
        }
        assertEquals(expected2, resp2.channel.pushed);
        assertEquals(expected3, resp3.channel.pushed);
    }

    /** The remembered route of the last channel published to must follow every change and channel. */
    @Test
    void theRememberedRouteFollowsSubscriptionsAndChannels() {
        Engine engine = TestClient.boot();
        TestClient publisher = new TestClient(engine);
        TestClient a = new TestClient(engine);
        TestClient p = new TestClient(engine);
        a.call("SUBSCRIBE", "ch");
        assertEquals(":1\r\n", publisher.call("PUBLISH", "ch", "hello"));
        assertEquals(":1\r\n", publisher.call("PUBLISH", "ch", "hello"));
        p.call("PSUBSCRIBE", "c?");
        assertEquals(":2\r\n", publisher.call("PUBLISH", "ch", "hello"));
        assertEquals(":1\r\n", publisher.call("PUBLISH", "cx", "hello"), "another channel: the pattern only");
        assertEquals(":0\r\n", publisher.call("PUBLISH", "other", "hello"));
        assertEquals(":2\r\n", publisher.call("PUBLISH", "ch", "hello"));
        a.call("UNSUBSCRIBE", "ch");
        assertEquals(":1\r\n", publisher.call("PUBLISH", "ch", "hello"));
        p.call("PUNSUBSCRIBE");
        assertEquals(":0\r\n", publisher.call("PUBLISH", "ch", "hello"));
        a.call("SSUBSCRIBE", "ch");
        assertEquals(":0\r\n", publisher.call("PUBLISH", "ch", "hello"), "a shard channel is another table");
        assertEquals(":1\r\n", publisher.call("SPUBLISH", "ch", "hello"));
        assertEquals(5, a.channel.pushed.size(), "a: 4 messages on ch, then one on the shard channel");
        assertEquals("*3\r\n$8\r\nsmessage\r\n$2\r\nch\r\n$5\r\nhello\r\n", a.channel.pushed.get(4));
    }
}
