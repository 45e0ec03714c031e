package io.redisinternals.conformance;

import org.junit.jupiter.api.Test;

/**
 * The two event classes KEA leaves out, where the key access shows: {@code keymiss} (m) is sent by
 * a read lookup that misses unless the command looks up with NO_NOTIFY or for writing, and
 * {@code new} (n) by every key a command adds, against redis-server 7.0.15.
 */
class KeyMissAndNewEffectsTest extends EffectsTestBase {

    @Override
    protected String notifyClasses() {
        return "KEAmn";
    }

    @Test
    void readsThatMissSendKeymiss() {
        probe.assertSame("GET m1", "MGET m1 m2", "STRLEN m3", "GETRANGE m4 0 1", "HGET m5 f", "LRANGE m6 0 -1",
                "SCARD m7", "ZSCORE m8 a", "GETEX m9", "GETDEL m10", "LLEN m11", "SMEMBERS m12", "HGETALL m13");
    }

    @Test
    void inspectionsAndWritesDoNot() {
        probe.assertSame("EXISTS i1", "TYPE i2", "TTL i3", "OBJECT ENCODING i4", "DEL i5", "EXPIRE i6 10",
                "PERSIST i7", "LPOP i8", "SREM i9 a", "HDEL i10 f", "ZREM i11 a", "INCR i12", "DECR i12");
    }

    @Test
    void everyAddedKeySendsNew() {
        probe.assertSame("SET n1 v", "SET n1 w", "LPUSH n2 a", "LPUSH n2 b", "SADD n3 a", "ZADD n4 1 a",
                "HSET n5 f v", "INCR n6", "APPEND n7 x", "SETRANGE n8 2 x", "SETBIT n9 3 1", "MSET n10 a n11 b",
                "RENAME n1 n12", "COPY n12 n13", "MOVE n13 1", "SINTERSTORE n14 n3 n3", "SORT n2 ALPHA STORE n15",
                "BITOP OR n16 n9", "SMOVE n3 n17 a", "LMOVE n2 n18 LEFT RIGHT", "GETSET n19 v", "SETNX n20 v");
    }
}
