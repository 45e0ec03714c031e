package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publish/subscribe and keyspace notifications against the reference, byte for byte: confirmations,
 * messages (a channel match and each pattern match deliver), RESP2's subscribed mode and its PING,
 * RESP3 pushes (to oneself too), shard channels, introspection, RESET and disconnects leaving no
 * subscription, CLIENT LIST/KILL of subscribers, the Spring Session flow, and a subscriber that
 * does not read cut off by its pubsub output limit while the publisher goes on.
 */
class PubSubTest extends ConformanceTestBase {

    private static byte[] cmd(String... args) {
        return Bytes.command(args);
    }

    @AllConfigurationsBothProtocols
    void subscribePublishAndUnsubscribe(String config, int resp) throws InterruptedException {
        try (Differential sub = Differential.open(config, resp); Differential pub = Differential.open(config, resp)) {
            sub.sameRaw(cmd("SUBSCRIBE", "ch1", "ch2", "ch1"), 3);
            pub.same("PUBLISH", "ch1", "hello");
            sub.sameNextReply("message on ch1");
            pub.same("PUBLISH", "nobody", "x");
            sub.sameRaw(cmd("PSUBSCRIBE", "ch*", "x?", "ch*"), 3);
            pub.same("PUBLISH", "ch2", "both");
            sub.sameNextReply("channel message first");
            sub.sameNextReply("then the pattern's pmessage");
            pub.same("PUBLISH", "xy", "pattern only");
            sub.sameNextReply("pmessage of x?");
            pub.same("PUBSUB", "NUMSUB", "ch1", "ch2", "none");
            pub.same("PUBSUB", "NUMSUB");
            pub.same("PUBSUB", "NUMPAT");
            pub.same(Normalize.unorderedArray(), "PUBSUB", "CHANNELS");
            pub.same("PUBSUB", "CHANNELS", "*1");
            pub.same("PUBSUB", "CHANNELS", "a", "b");
            pub.same("PUBSUB", "NUMPAT", "x");
            pub.same("PUBSUB", "HELP");
            pub.same("PUBSUB", "NOPE");
            pub.same("PUBSUB");
            pub.same(Normalize.infoField("pubsub_channels"), "INFO", "stats");
            pub.same(Normalize.infoField("pubsub_patterns"), "INFO", "stats");
            sub.sameRaw(cmd("UNSUBSCRIBE", "ch1", "never"), 2);
            sub.sameRaw(cmd("PUNSUBSCRIBE", "x?"), 1);
            sub.sameRaw(cmd("PUNSUBSCRIBE"), 1);
            sub.sameRaw(cmd("PUNSUBSCRIBE"), 1); // none left: one confirmation with a null name
            sub.sameRaw(cmd("UNSUBSCRIBE"), 1);
            sub.sameRaw(cmd("UNSUBSCRIBE"), 1);
            sub.same("PING"); // out of pub/sub mode: the plain PONG again
            pub.same("PUBLISH", "ch2", "gone");
            sub.noReplyYet("unsubscribed: no message");
        }
    }

    @AllConfigurations
    void resp2SubscribedModeAllowsOnlyItsCommands(String config) {
        try (Differential sub = Differential.open(config, 2)) {
            sub.sameRaw(cmd("SUBSCRIBE", "c"), 1);
            sub.same("GET", "k");
            sub.same("SET", "k", "v");
            sub.same("CLIENT", "ID");
            sub.same("PING");
            sub.same("PING", "hi");
            sub.same("PING", "a", "b");
            sub.same("NOSUCHCOMMAND");
            sub.same("SUBSCRIBE");
            sub.sameRaw(cmd("SSUBSCRIBE", "s"), 1);
            sub.same("MULTI");
            sub.same("RESET");
            sub.same("GET", "k"); // RESET left pub/sub mode
        }
    }

    @AllConfigurations
    void resp3AllowsEveryCommandAndPushesToItself(String config) {
        try (Differential sub = Differential.open(config, 3)) {
            sub.sameRaw(cmd("SUBSCRIBE", "me"), 1);
            sub.same("SET", "k", "v");
            sub.same("PING");
            // the message to oneself comes before PUBLISH's own reply, as Redis's addReply order
            sub.sameRaw(cmd("PUBLISH", "me", "self"), 2);
            sub.sameRaw(Bytes.concat(cmd("GET", "k"), cmd("PUBLISH", "me", "again"), cmd("GET", "k")), 4);
        }
    }

    /**
     * Messages of one pipelined batch reach a subscriber together at the batch's end (one write):
     * they must still come in publish order, and before a blocked command's reply that a later
     * command of the same batch produced (a RESP3 client may be subscribed and blocked at once).
     */
    @AllConfigurations
    void batchedMessagesKeepTheirOrderAroundABlockedReply(String config) throws InterruptedException {
        try (Differential sub = Differential.open(config, 3); Differential pub = Differential.open(config, 3)) {
            sub.sameRaw(cmd("SUBSCRIBE", "ch"), 1);
            sub.sameRaw(Bytes.concat(cmd("PUBLISH", "ch", "m0"), cmd("PUBLISH", "ch", "m1")), 4);
            sub.sendBlocking("BLPOP", "list", "0");
            pub.sameRaw(Bytes.concat(cmd("PUBLISH", "ch", "a"), cmd("PUBLISH", "ch", "b"),
                    cmd("LPUSH", "list", "x"), cmd("PUBLISH", "ch", "c")), 4);
            sub.sameNextReply("message a");
            sub.sameNextReply("message b");
            sub.sameNextReply("the BLPOP reply, after the messages published before the LPUSH");
            sub.sameNextReply("message c");
        }
    }

    @AllConfigurationsBothProtocols
    void shardChannelsAreASeparateNamespace(String config, int resp) throws InterruptedException {
        try (Differential sub = Differential.open(config, resp); Differential pub = Differential.open(config, resp)) {
            sub.sameRaw(cmd("SSUBSCRIBE", "s1", "s2"), 2);
            sub.sameRaw(cmd("PSUBSCRIBE", "s*"), 1);
            pub.same("SPUBLISH", "s1", "m");
            sub.sameNextReply("smessage, and no pmessage: patterns ignore shard channels");
            pub.same("PUBLISH", "s1", "plain");
            sub.sameNextReply("a plain publish reaches the pattern only");
            pub.same("PUBSUB", "SHARDNUMSUB", "s1", "zz");
            pub.same(Normalize.unorderedArray(), "PUBSUB", "SHARDCHANNELS");
            pub.same("PUBSUB", "SHARDCHANNELS", "*2");
            pub.same("PUBSUB", "CHANNELS");
            pub.same(Normalize.infoField("pubsubshard_channels"), "INFO", "stats");
            sub.sameRaw(cmd("SUNSUBSCRIBE", "s1"), 1);
            sub.sameRaw(cmd("SUNSUBSCRIBE"), 1);
            sub.sameRaw(cmd("SUNSUBSCRIBE"), 1);
            sub.sameRaw(cmd("PUNSUBSCRIBE"), 1);
        }
    }

    @AllConfigurationsBothProtocols
    void transactionsResetAndDisconnects(String config, int resp) throws InterruptedException {
        try (Differential a = Differential.open(config, resp); Differential c = Differential.open(config, resp)) {
            a.same("MULTI");
            a.same("SUBSCRIBE", "q");
            a.same("SSUBSCRIBE", "r");
            a.same("EXEC"); // SUBSCRIBE runs inside EXEC; SSUBSCRIBE is refused there
            c.same("PUBLISH", "q", "after exec");
            a.sameNextReply("subscribed from EXEC");
            a.same("RESET");
            c.same("PUBLISH", "q", "after reset");
            c.same("PUBSUB", "NUMSUB", "q");
            a.noReplyYet("RESET dropped the subscription");
        }
        try (Differential c = Differential.open(config, resp)) {
            try (Differential a = Differential.open(config, resp)) {
                a.sameRaw(cmd("SUBSCRIBE", "gone"), 1);
                a.sameRaw(cmd("PSUBSCRIBE", "go*"), 1);
            }
            long deadline = System.currentTimeMillis() + 5_000;
            while (!":0\r\n".equals(c.ours().call("PUBSUB", "NUMPAT").rawText()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // the server notices the close on its own thread
            }
            c.same("PUBSUB", "NUMSUB", "gone");
            c.same("PUBSUB", "NUMPAT");
            c.same("PUBLISH", "gone", "nobody");
        }
    }

    @AllConfigurations
    void clientListAndKillKnowSubscribers(String config) throws InterruptedException {
        try (Differential a = Differential.open(config, 2); Differential c = Differential.open(config, 2)) {
            a.sameRaw(cmd("SUBSCRIBE", "x", "y"), 2);
            a.sameRaw(cmd("PSUBSCRIBE", "p*"), 1);
            a.sameRaw(cmd("SSUBSCRIBE", "s"), 1);
            a.same("PING"); // subscribed mode's two-element PONG
            c.same(Normalize.clientList(), "CLIENT", "LIST", "TYPE", "pubsub");
            c.same("CLIENT", "KILL", "TYPE", "pubsub", "SKIPME", "yes");
            c.same(Normalize.clientList(), "CLIENT", "LIST", "TYPE", "pubsub");
            assertTrue(a.reference().observe(200).closed());
            assertTrue(a.ours().observe(200).closed(), "CLIENT KILL TYPE pubsub closed the subscriber");
        }
    }

    /**
     * The flow of Spring Session's indexed repository: it adds Egx to notify-keyspace-events,
     * listens on the del and expired events and its own created channel, publishes there, appends
     * to and expires an "expires" key, and learns of an expiry when a reader touches the key.
     */
    @AllConfigurationsBothProtocols
    void springSessionIndexedRepositoryFlow(String config, int resp) throws InterruptedException {
        try (Differential sub = Differential.open(config, resp); Differential app = Differential.open(config, resp)) {
            try {
                app.same("CONFIG", "GET", "notify-keyspace-events");
                app.same("CONFIG", "SET", "notify-keyspace-events", "Egx");
                app.same("CONFIG", "GET", "notify-keyspace-events");
                sub.sameRaw(cmd("SUBSCRIBE", "__keyevent@0__:del", "__keyevent@0__:expired"), 2);
                sub.sameRaw(cmd("PSUBSCRIBE", "spring:session:event:0:created:*"), 1);
                app.same("PUBLISH", "spring:session:event:0:created:abc", "payload");
                sub.sameNextReply("created event");
                app.same("HSET", "spring:session:sessions:abc", "creationTime", "1");
                app.same("APPEND", "spring:session:sessions:expires:abc", "");
                app.same("PEXPIRE", "spring:session:sessions:expires:abc", "50");
                app.same("DEL", "spring:session:sessions:abc");
                sub.sameNextReply("del event");
                Thread.sleep(120);
                app.same("EXISTS", "spring:session:sessions:expires:abc"); // touching it expires it, if the cycle has not
                sub.sameNextReply("expired event");
                sub.noReplyYet("one expired event only");
            } finally {
                app.same("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    @AllConfigurationsBothProtocols
    void keyspaceAndKeyeventChannels(String config, int resp) throws InterruptedException {
        try (Differential sub = Differential.open(config, resp); Differential app = Differential.open(config, resp)) {
            try {
                app.same("CONFIG", "SET", "notify-keyspace-events", "KA");
                sub.sameRaw(cmd("PSUBSCRIBE", "__key*__:*"), 1);
                app.same("SELECT", "3");
                app.same("SET", "k", "v");
                sub.sameNextReply("keyspace set, db 3");
                app.same("CONFIG", "SET", "notify-keyspace-events", "KEl");
                app.same("RPUSH", "l", "a", "b");
                sub.sameNextReply("keyspace rpush");
                sub.sameNextReply("keyevent rpush");
                app.same("SET", "k", "w"); // class $ is off now
                app.same("LPOP", "l", "2");
                sub.sameNextReply("keyspace lpop");
                sub.sameNextReply("keyevent lpop");
                sub.noReplyYet("the del of the emptied list is class g, which is off");
            } finally {
                app.same("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    /**
     * A subscriber that never reads is closed when its output passes the pubsub class's hard
     * limit; the publisher is answered throughout and other subscribers keep receiving.
     */
    @AllConfigurations
    void aSubscriberThatDoesNotReadIsCutOff(String config) throws InterruptedException {
        try (Differential slow = Differential.open(config, 2); Differential pub = Differential.open(config, 2)) {
            try {
                pub.same("CONFIG", "SET", "client-output-buffer-limit", "pubsub 256kb 0 0");
                slow.sameRaw(cmd("SUBSCRIBE", "flood"), 1);
                // from here on nothing reads the subscriber's socket
                String payload = "x".repeat(16 * 1024);
                int refReceivers = 0;
                int ourReceivers = 0;
                for (int i = 0; i < 2_000; i++) {
                    refReceivers += Integer.parseInt(pub.reference().call("PUBLISH", "flood", payload).text());
                    ourReceivers += Integer.parseInt(pub.ours().call("PUBLISH", "flood", payload).text());
                }
                assertTrue(refReceivers < 2_000, "the reference cut the subscriber off: " + refReceivers);
                assertTrue(ourReceivers < 2_000, "we cut the subscriber off: " + ourReceivers);
                long deadline = System.currentTimeMillis() + 5_000;
                while (!pub.ours().call("PUBSUB", "NUMSUB", "flood").rawText().endsWith(":0\r\n")
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10); // the connection's own thread unregisters it
                }
                pub.same("PUBSUB", "NUMSUB", "flood");
                pub.same("PING");
            } finally {
                pub.same("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
            }
        }
    }
}
