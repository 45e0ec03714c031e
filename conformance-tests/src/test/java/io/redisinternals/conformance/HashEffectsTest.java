package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * What the hash commands propagate (the replication stream) and which keyspace events they send,
 * against redis-server 7.0.15 (see {@link EffectsProbe}). Each test uses keys of its own (the
 * servers live for the whole class) and leaves them: DEL's effects are not the subject here.
 */
class HashEffectsTest extends EffectsTestBase {

    @Test
    void hsetCountsEveryPairEvenWithoutNewFields() {
        probe.assertSame("HSET h1 a 1 b 2", "HSET h1 a 1", "HSET h1 a 2 c 3", "HMSET h1 c 3", "HMSET h1 d 4 e 5",
                "HSET h1 a 1 b", "HGETALL h1");
    }

    @Test
    void hsetnxWritesOnlyAnAbsentField() {
        probe.assertSame("HSETNX n f v", "HSETNX n f w", "HSETNX n g w", "HGETALL n");
    }

    @Test
    void hdelAnnouncesTheDeletionOfAnEmptiedHash() {
        probe.assertSame("HSET h3 a 1 b 2 c 3", "HDEL h3 zz", "HDEL missing a", "HDEL h3 a zz", "HDEL h3 b c a",
                "EXISTS h3", "HSET h3 a 1", "HDEL h3 a", "EXISTS h3");
    }

    @Test
    void increments() {
        probe.assertSame("HINCRBY h4 n 5", "HINCRBY h4 n -2", "HSET h4 s abc", "HINCRBY h4 s 1", "HINCRBY h4 n x",
                "HSET h4 big 9223372036854775807", "HINCRBY h4 big 1", "HGETALL h4");
    }

    @Test
    void hincrbyfloatPropagatesAsHsetWithTheResult() {
        probe.assertSame("HINCRBYFLOAT h5 x 1.5", "HINCRBYFLOAT h5 x 1e3", "HINCRBYFLOAT h5 x 0.1",
                "HINCRBYFLOAT h5 y -3", "HSET h5 s abc", "HINCRBYFLOAT h5 s 1", "HINCRBYFLOAT h5 x nan",
                "HINCRBYFLOAT h5 x abc", "HINCRBYFLOAT h5 x 1e400", "HMGET h5 x y s");
        // (no HGETALL: the 401-digit value made it a hashtable, whose order Redis seeds at random)
        probe.assertSame("MULTI", "HINCRBYFLOAT t x 2.5", "HSET t y 1", "EXEC");
    }

    @Test
    void wrongTypeWritesNothing() {
        probe.assertSame("SET s v", "HSET s a 1", "HMSET s a 1", "HSETNX s a 1", "HDEL s a", "HINCRBY s a 1",
                "HINCRBYFLOAT s a 1", "HGET s a", "HGETALL s", "HLEN s", "GET s");
    }

    @Test
    void readsCauseNothing() {
        probe.assertSame("HSET h7 a 1 b 2", "HGET h7 a", "HMGET h7 a zz", "HGETALL h7", "HKEYS h7", "HVALS h7",
                "HLEN h7", "HSTRLEN h7 a", "HEXISTS h7 b", "HGET missing a", "HRANDFIELD missing", "HSCAN h7 0");
    }
}
