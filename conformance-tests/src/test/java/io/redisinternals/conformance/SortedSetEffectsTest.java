package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * What the sorted-set commands propagate (the replication stream) and which keyspace events they
 * send, against redis-server 7.0.15 (see {@link EffectsProbe}): no-op writes that Redis does not
 * propagate, "del" after a set is emptied, the pops' rewritten forms, errors. Each test uses its
 * own keys (the probe's servers live for the whole class).
 */
class SortedSetEffectsTest extends EffectsTestBase {

    @Test
    void zaddAndZincrby() {
        probe.assertSame("ZADD a:z 1 a 2 b", "ZADD a:z 1 a", "ZADD a:z 1 a 3 c", "ZADD a:z XX 5 d",
                "ZADD a:missing XX 1 a", "ZADD a:z NX 9 a 4 d", "ZADD a:z GT 0 a", "ZADD a:z LT 0 a",
                "ZADD a:z CH 7 a 7 b", "ZADD a:z CH 7 a", "ZADD a:z INCR 2 a", "ZADD a:z INCR NX 1 a",
                "ZADD a:z INCR XX 1 nope", "ZADD a:z INCR 0 a", "ZINCRBY a:z 1 b", "ZINCRBY a:z 0 b",
                "ZINCRBY a:new 1.5 m");
        probe.assertSame("ZADD a:z nan a", "ZADD a:z 1", "ZADD a:z NX XX 1 a", "ZADD a:z GT LT 1 a",
                "ZADD a:z INCR 1 a 2 b", "SET a:s x", "ZADD a:s 1 a", "ZINCRBY a:s 1 a",
                "ZINCRBY a:z inf x", "ZINCRBY a:z -inf x", "ZSCORE a:z x");
        probe.assertSame("ZADD a:big 1 " + "m".repeat(100), "ZADD a:big 2 n");
    }

    @Test
    void zrem() {
        probe.assertSame("ZADD b:z 1 a 2 b 3 c", "ZREM b:z a nope", "ZREM b:z nope", "ZREM b:missing a",
                "ZREM b:z b c a", "EXISTS b:z", "SET b:s x", "ZREM b:s a");
    }

    @Test
    void zremrangeby() {
        probe.assertSame("ZADD c:z 1 a 2 b 3 c 4 d 5 e", "ZREMRANGEBYRANK c:z 0 0", "ZREMRANGEBYRANK c:z 10 20",
                "ZREMRANGEBYRANK c:missing 0 -1", "ZREMRANGEBYSCORE c:z 2 3", "ZREMRANGEBYSCORE c:z 100 +inf",
                "ZREMRANGEBYRANK c:z x 1", "ZREMRANGEBYSCORE c:z x 1", "ZREMRANGEBYSCORE c:z -inf +inf",
                "EXISTS c:z");
        probe.assertSame("ZADD c:l 0 a 0 b 0 c 0 d", "ZREMRANGEBYLEX c:l [a (c", "ZREMRANGEBYLEX c:l (x +",
                "ZREMRANGEBYLEX c:l a b", "ZREMRANGEBYLEX c:l - +", "EXISTS c:l", "SET c:s x",
                "ZREMRANGEBYRANK c:s 0 1", "ZREMRANGEBYSCORE c:s 0 1", "ZREMRANGEBYLEX c:s - +");
    }

    @Test
    void pops() {
        probe.assertSame("ZADD d:z 1 a 2 b 3 c 4 d 5 e 6 f", "ZPOPMIN d:z", "ZPOPMAX d:z 2", "ZPOPMIN d:z 0",
                "ZPOPMIN d:missing", "ZPOPMAX d:missing 3", "ZPOPMIN d:z -1", "ZPOPMIN d:z 1 2", "ZPOPMIN d:z 10",
                "EXISTS d:z");
        probe.assertSame("ZADD d:m 1 a 2 b 3 c", "ZMPOP 2 d:missing d:m MIN", "ZMPOP 2 d:missing d:m MAX COUNT 1",
                "ZMPOP 1 d:missing MIN", "ZMPOP 1 d:m MIN COUNT 0", "ZMPOP 0 d:m MIN", "ZMPOP 1 d:m MAX COUNT 10",
                "EXISTS d:m");
        probe.assertSame("SET d:s x", "ZADD d:w 1 a", "ZPOPMIN d:s", "ZMPOP 2 d:s d:w MIN", "ZMPOP 2 d:w d:s MIN",
                "BZPOPMIN d:s 0", "BZMPOP 0 1 d:s MIN");
    }

    @Test
    void blockingPopsServedAtOnce() {
        probe.assertSame("ZADD e:z 1 a 2 b 3 c 4 d 5 e", "BZPOPMIN e:missing e:z 0", "BZPOPMAX e:z 0",
                "BZMPOP 0 2 e:missing e:z MIN COUNT 2", "BZMPOP 0 1 e:z MAX",
                "EXISTS e:z");
        probe.assertSame("ZADD e:y 1 a", "BZPOPMAX e:y 0", "EXISTS e:y");
        probe.assertSame("ZADD e:x 1 a 2 b", "BZMPOP 0 1 e:x MIN COUNT 2", "EXISTS e:x");
    }

    @Test
    void blockingPopsInsideMulti() {
        probe.assertSame("ZADD f:z 1 a 2 b", "MULTI", "BZPOPMIN f:missing 0", "BZPOPMIN f:z 0",
                "BZMPOP 0 1 f:z MAX COUNT 3", "BZMPOP 0 1 f:z MIN", "EXEC");
        probe.assertSame("MULTI", "BZPOPMAX f:missing 0", "EXEC");
    }

    @Test
    void storeCommands() {
        probe.assertSame("ZADD g:a 1 x 2 y", "ZADD g:b 3 y 4 z", "ZUNIONSTORE g:d 2 g:a g:b",
                "ZINTERSTORE g:d 2 g:a g:b WEIGHTS 2 3 AGGREGATE MAX", "ZDIFFSTORE g:d 2 g:a g:b",
                "ZUNIONSTORE g:d 3 g:a g:b g:a", "ZINTERSTORE g:d 2 g:a g:b", "ZINTERSTORE g:d 2 g:a g:none",
                "EXISTS g:d", "ZINTERSTORE g:d 2 g:a g:none", "ZDIFFSTORE g:d 2 g:a g:a", "ZUNIONSTORE g:d 1 g:none",
                "SET g:str v", "ZUNIONSTORE g:d 2 g:a g:str", "ZUNIONSTORE g:d 0 g:a", "ZUNIONSTORE g:d 1 g:a x",
                "ZUNIONSTORE g:str 1 g:a", "TYPE g:str");
        probe.assertSame("ZADD g:r 1 a 2 b 3 c", "ZRANGESTORE g:rd g:r 0 1", "ZRANGESTORE g:rd g:r 0 -1 REV",
                "ZRANGESTORE g:rd g:r (1 +inf BYSCORE LIMIT 0 1", "ZRANGESTORE g:rd g:r [b + BYLEX",
                "ZRANGESTORE g:rd g:r 5 10", "EXISTS g:rd", "ZRANGESTORE g:rd g:r 5 10",
                "ZRANGESTORE g:rd g:missing 0 -1", "ZRANGESTORE g:rd g:r x 1", "SET g:rs v",
                "ZRANGESTORE g:rd g:rs 0 -1", "ZRANGESTORE g:rs g:r 0 0", "TYPE g:rs");
    }

    @Test
    void readCommandsHaveNoEffects() {
        probe.assertSame("ZADD h:z 1 a 2 b", "ZCARD h:z", "ZSCORE h:z a", "ZMSCORE h:z a x", "ZRANK h:z b",
                "ZREVRANK h:z b", "ZRANGE h:z 0 -1 WITHSCORES", "ZRANGEBYSCORE h:z -inf +inf", "ZCOUNT h:z 0 5",
                "ZLEXCOUNT h:z - +", "ZUNION 2 h:z h:none", "ZINTER 1 h:z", "ZDIFF 1 h:z", "ZINTERCARD 1 h:z",
                "ZRANDMEMBER h:missing", "ZSCAN h:z 0", "ZCARD h:none");
    }

    @Test
    void destinationIsASource() {
        probe.assertSame("ZADD j:z 1 a 2 b 3 c", "ZRANGESTORE j:z j:z 0 1", "ZUNIONSTORE j:z 2 j:z j:z",
                "ZINTERSTORE j:z 2 j:z j:none", "EXISTS j:z");
    }

    @Test
    void otherDatabases() {
        probe.assertSame("SELECT 5", "ZADD k:z 1 a 2 b", "ZPOPMIN k:z", "BZMPOP 0 1 k:z MAX", "ZADD k:z 1 a",
                "ZUNIONSTORE k:d 1 k:z", "ZREM k:z a", "SELECT 0");
    }

    @Test
    void transactionsPropagateAsOneUnit() {
        probe.assertSame("MULTI", "ZADD i:z 1 a 2 b", "ZINCRBY i:z 1 a", "ZPOPMIN i:z", "ZMPOP 1 i:z MAX",
                "EXEC");
        probe.assertSame("MULTI", "ZADD i:y 1 a", "ZREM i:y nope", "EXEC");
    }
}
