package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * What the list commands propagate (the replication stream) and which keyspace events they send,
 * against redis-server 7.0.15 (see {@link EffectsProbe}): every write command of t_list.c, its
 * no-op and error cases (not propagated), lists emptied and deleted, and the blocking commands
 * both when they find data at once and when a blocked client is served later. Each test uses keys
 * of its own and leaves them empty.
 */
class ListEffectsTest extends EffectsTestBase {

    @Test
    void pushes() {
        probe.assertSame("RPUSH p a b c", "LPUSH p x y", "LPUSHX p z", "RPUSHX p z w", "LPUSHX nop a",
                "RPUSHX nop a", "LLEN p", "LRANGE p 0 -1");
        probe.assertSame("SET ps v", "LPUSH ps a", "RPUSHX ps a", "GETDEL ps", "LPOP p 100");
    }

    @Test
    void pops() {
        probe.assertSame("RPUSH o a b c d e f", "LPOP o", "RPOP o", "LPOP o 2", "RPOP o 0", "LPOP o -1",
                "LPOP o 1 2", "LPOP nop", "LPOP nop 2", "RPOP o 5", "LPOP o");
        probe.assertSame("SET os v", "LPOP os", "RPOP os 2", "GETDEL os");
    }

    @Test
    void lmpop() {
        probe.assertSame("RPUSH m a b c d", "LMPOP 2 nop m LEFT COUNT 3", "LMPOP 1 m RIGHT", "LMPOP 1 nop LEFT",
                "LMPOP 0 m LEFT", "LMPOP 1 m MIDDLE", "LMPOP 1 m LEFT COUNT 0", "RPUSH m a b",
                "LMPOP 1 m right count 10");
        probe.assertSame("SET ms v", "RPUSH m2 a", "LMPOP 2 ms m2 LEFT", "LMPOP 2 m2 ms LEFT", "GETDEL ms");
    }

    @Test
    void inPlaceWrites() {
        probe.assertSame("RPUSH w a b c b a", "LSET w 0 A", "LSET w -1 Z", "LSET w 9 x", "LSET w x y",
                "LSET nop 0 x", "LINSERT w BEFORE b B0", "LINSERT w after b B1", "LINSERT w BEFORE none x",
                "LINSERT nop BEFORE a x", "LINSERT w SIDEWAYS a x", "LRANGE w 0 -1");
        probe.assertSame("LREM w 0 b", "LREM w 1 B0", "LREM w -1 none", "LREM nop 0 a", "LREM w x a",
                "RPUSH w2 a a", "LREM w2 0 a", "LTRIM w 0 -1", "LTRIM w 1 -2", "LTRIM nop 0 1",
                "LTRIM w 5 1", "LLEN w");
        probe.assertSame("SET ws v", "LSET ws 0 a", "LINSERT ws BEFORE a b", "LREM ws 0 a", "LTRIM ws 0 1",
                "GETDEL ws");
    }

    @Test
    void moves() {
        probe.assertSame("RPUSH s a b c", "LMOVE s d LEFT RIGHT", "LMOVE s d right left", "RPOPLPUSH s d",
                "LMOVE d d LEFT RIGHT", "RPOPLPUSH d d", "LMOVE nop d LEFT LEFT", "LMOVE s d UP LEFT",
                "RPOPLPUSH nop d", "LRANGE d 0 -1", "LPOP d 10");
        probe.assertSame("SET t v", "RPUSH s a", "LMOVE s t LEFT LEFT", "RPOPLPUSH t s", "LMOVE s s LEFT LEFT",
                "LPOP s", "GETDEL t");
    }

    @Test
    void blockingCommandsWithDataAtOnce() {
        probe.assertSame("RPUSH b1 a b c", "BLPOP nop b1 0", "BRPOP b1 nop 0", "BLPOP b1 0.5");
        probe.assertSame("RPUSH b1 a b c", "BLMOVE b1 b2 left RIGHT 0", "BRPOPLPUSH b1 b2 0",
                "BLMPOP 0 2 nop b1 RIGHT COUNT 5", "BLMPOP 0 1 b2 LEFT", "BLMPOP 0 1 b2 left COUNT 1",
                "BLMOVE b1 b2 LEFT LEFT -1", "BLPOP b1 abc", "BLMPOP 0 0 b1 LEFT");
        probe.assertSame("SET bs v", "RPUSH b1 a", "BLPOP bs b1 0", "BLMOVE b1 bs LEFT LEFT 0", "BRPOPLPUSH bs b1 0",
                "BLMPOP 0 2 bs b1 LEFT", "LPOP b1", "GETDEL bs");
    }

    @Test
    void blockingCommandsInsideMultiDoNotBlock() {
        probe.assertSame("MULTI", "BLPOP nop 0", "BLMOVE nop d LEFT LEFT 0", "BLMPOP 0 1 nop LEFT", "EXEC");
        probe.assertSame("RPUSH x a b c", "MULTI", "BLPOP x 0", "BRPOPLPUSH x y 0", "BLMPOP 0 1 x LEFT COUNT 5",
                "EXEC", "LPOP y");
    }

    @Test
    void blockedPopsServedLater() {
        probe.assertSameServed("BLPOP nop q1 0", "RPUSH q1 a b", "LPOP q1");
        probe.assertSameServed("BRPOP q1 0", "LPUSH q1 a");
        probe.assertSameServed("BLMPOP 0 2 nop q1 RIGHT COUNT 5", "RPUSH q1 a b c");
        probe.assertSameServed("BLMPOP 0 1 q1 LEFT COUNT 2", "RPUSH q1 a b c", "LPOP q1");
        probe.assertSameServed("BLPOP q1 0", "MULTI", "RPUSH q1 a", "RPUSH q1 b", "EXEC", "LPOP q1");
    }

    @Test
    void blockedMovesServedLater() {
        probe.assertSameServed("BLMOVE q2 q3 LEFT RIGHT 0", "RPUSH q2 a b", "LPOP q2", "LPOP q3");
        probe.assertSameServed("BLMOVE q2 q3 right left 0", "RPUSH q2 a", "LPOP q3");
        probe.assertSameServed("BRPOPLPUSH q2 q3 0", "RPUSH q2 a", "LPOP q3");
    }

    @Test
    void blockedClientTimesOutWithoutEffects() {
        probe.assertSameServed("BLPOP q4 0.3", "LPUSHX q4 a");
    }
}
