package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the set commands propagate (the replication stream) and which keyspace events they send,
 * against redis-server 7.0.15 (see {@link EffectsProbe}). Replies that list several members of a
 * hashtable set are avoided (Redis seeds its hash function at random); SPOP's random draws are
 * compared in shape (see {@link #randomPopsPropagateTheMembersReplied}). Each test uses keys of its
 * own (the servers live for the whole class) and leaves them: DEL's effects are not the subject.
 */
class SetEffectsTest extends EffectsTestBase {

    @Test
    void saddAndSrem() {
        probe.assertSame("SADD s a b c", "SADD s a", "SADD s a d", "SADD i 3 1 2", "SREM s zz", "SREM missing a",
                "SREM s a b", "SREM s c d zz", "EXISTS s", "SREM i 1 2 3 4", "EXISTS i");
    }

    @Test
    void smove() {
        probe.assertSame("SADD src a b", "SADD dst c", "SMOVE src dst a", "SMOVE src dst zz", "SMOVE src src b",
                "SMOVE missing dst a", "SADD dst b", "SMOVE src dst b", "EXISTS src", "SMOVE dst fresh c",
                "SMEMBERS fresh");
        probe.assertSame("SET mstr v", "SADD ms a", "SMOVE ms mstr a", "SMOVE mstr ms a", "SMOVE missing mstr a",
                "SMEMBERS ms", "GET mstr");
    }

    @Test
    void spopWithoutCountIsAnSrem() {
        probe.assertSame("SADD p1 a", "SPOP p1", "SPOP p1", "EXISTS p1", "SADD p2 7", "SPOP p2");
        probe.assertSame("SELECT 1", "SADD p3 a", "SPOP p3", "SELECT 0");
    }

    @Test
    void spopOfTheWholeSetIsADel() {
        probe.assertSame("SADD w1 3 1 2", "SPOP w1 3", "SADD w1 5 4", "SPOP w1 10", "SADD w2 a", "SPOP w2 1",
                "EXISTS w1 w2");
        probe.assertSame("SADD w3 1 2", "SPOP w3 0", "SPOP missing 2", "SPOP w3 -1", "SPOP w3 x", "SPOP w3 1 2",
                "SET wstr v", "SPOP wstr", "SPOP wstr 2", "SCARD w3");
    }

    @Test
    void spopInATransaction() {
        probe.assertSame("MULTI", "SADD x 1", "SPOP x", "SADD y 5 6", "SPOP y 2", "EXEC");
    }

    /**
     * SPOP with a count below the set's size propagates one SREM per member, in the reply's order,
     * wrapped in MULTI/EXEC (both of Redis's strategies: popping one by one, and keeping a drawn
     * remainder); which members is random, so both servers' effects are compared with the members
     * replaced, after checking that each server propagated exactly the members it replied.
     */
    @Test
    void randomPopsPropagateTheMembersReplied() {
        String[][] runs = {
            {"SADD r1 1 2 3 4 5 6 7 8 9 10", "SPOP r1 2", "SCARD r1"},
            {"SADD r2 1 2 3 4 5 6 7 8 9 10", "SPOP r2 9", "SCARD r2"},
            {"SADD r3 a b c d e f g h i j", "SPOP r3 3", "SCARD r3"},
            {"SADD r4 a b c d e f g h i j", "SPOP r4 8", "SCARD r4"},
            {"SADD r5 a b c", "SPOP r5", "SCARD r5"},
            {"SADD r6 1 2 3", "SPOP r6", "SCARD r6"},
        };
        for (String[] run : runs) {
            String key = run[0].split(" ")[1];
            List<String> expected = shape(probe.reference(run), 1, key);
            List<String> actual = shape(probe.ours(run), 1, key);
            assertEquals(expected, actual, "effects of " + String.join(", ", run));
        }
    }

    /**
     * The observation with the members popped from {@code key} by the command at {@code popIndex}
     * replaced by {@code <m>} in its reply and in the SREMs, once checked that the SREMs name
     * exactly those members in the reply's order.
     */
    private static List<String> shape(EffectsProbe.Observation o, int popIndex, String key) {
        List<String> popped = new ArrayList<>();
        String[] lines = o.replies().get(popIndex).split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$")) {
                popped.add(lines[++i]);
            }
        }
        List<String> stream = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String op : o.stream()) {
            String srem = "SREM " + key + " ";
            if (op.startsWith(srem)) {
                removed.add(op.substring(srem.length()));
                op = srem + "<m>";
            }
            op = op.replaceFirst("^SET __effects_marker__ \\d+$", "SET __effects_marker__ <n>"); // one per run
            stream.add(op);
        }
        assertEquals(popped, removed, "members propagated vs replied in " + o);
        List<String> replies = new ArrayList<>(o.replies());
        replies.set(popIndex, replies.get(popIndex).replaceAll("\\$\\d+\r\n[^\r]*\r\n", "\\$<m>\r\n"));
        List<String> shape = new ArrayList<>(replies);
        shape.add("stream:");
        shape.addAll(stream);
        shape.add("events:");
        shape.addAll(o.events());
        return shape;
    }

    @Test
    void storesAnnounceTheirOwnEventOrADeletion() {
        probe.assertSame("SADD a 1 2 3", "SADD b 2 3 4", "SINTERSTORE d a b", "SMEMBERS d", "SUNIONSTORE d a b",
                "SMEMBERS d", "SDIFFSTORE d a b", "SMEMBERS d", "SDIFFSTORE d a a", "EXISTS d", "SDIFFSTORE d a a",
                "SINTERSTORE d a missing", "SUNIONSTORE d a", "SINTERSTORE d a missing", "EXISTS d",
                "SINTERSTORE d missing1 missing2", "SDIFFSTORE d missing a", "SUNIONSTORE d missing",
                "SUNIONSTORE d a", "SINTERSTORE d missing a", "SUNIONSTORE d a", "SDIFFSTORE d missing a",
                "SUNIONSTORE d a", "SUNIONSTORE d missing", "EXISTS d");
        probe.assertSame("SET str v EX 100", "SINTERSTORE str a b", "TTL str", "SMEMBERS str",
                "SUNIONSTORE d a str", "SINTERSTORE d str a", "SDIFFSTORE d a str", "SET str2 v", "SDIFFSTORE str2 a a",
                "EXISTS str2", "SADD h x y", "SADD h2 y z", "SINTERSTORE d h h2", "SMEMBERS d", "SDIFFSTORE d h h2",
                "SMEMBERS d");
    }

    @Test
    void readsCauseNothing() {
        probe.assertSame("SADD ra 1 2 3", "SADD rb 2 3 4", "SADD one x", "SINTER ra rb", "SUNION ra rb", "SDIFF ra rb",
                "SINTERCARD 2 ra rb", "SINTERCARD 2 ra rb LIMIT 1", "SMEMBERS ra", "SCARD ra", "SISMEMBER ra 1",
                "SMISMEMBER ra 1 9", "SRANDMEMBER one", "SRANDMEMBER one 3", "SRANDMEMBER missing", "SSCAN ra 0",
                "SINTER ra missing", "SMEMBERS missing");
    }
}
