package io.redisinternals.keyspace.types;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.keyspace.dict.KeyHash;
import org.junit.jupiter.api.Test;

/**
 * The free effort of each type and encoding, as Redis's lazyfreeGetFreeEffort counts it for the
 * encoding Redis would use: 1 for strings and every compact encoding (one allocation), the element
 * count for hashtables and skiplists, the node (chunk) count for lists.
 */
class FreeEffortTest {

    private static final KeyHash HASH = new KeyHash(1);

    private static long effort(Object v) {
        return ValueType.of(v).freeEffort(v);
    }

    @Test
    void stringsAreOneAllocationWhateverTheirLength() {
        assertEquals(1, effort(b("12")));
        assertEquals(1, effort(new byte[1 << 20]));
        assertEquals(1, effort(StringValue.raw(b("text"), 4, 8)));
    }

    @Test
    void aListpackHashIsOneAllocationAndAHashtableOnePerField() {
        HashValue h = new HashValue();
        for (int i = 0; i < 100; i++) {
            h.set(b("f" + i), b("v"), 128, 64);
        }
        assertEquals("listpack", h.encoding());
        assertEquals(1, effort(h));
        for (int i = 100; i < 200; i++) {
            h.set(b("f" + i), b("v"), 128, 64);
        }
        assertEquals("hashtable", h.encoding());
        assertEquals(200, effort(h));
    }

    @Test
    void anIntsetIsOneAllocationAndAHashtableSetOnePerMember() {
        SetValue s = SetValue.newIntset(HASH);
        for (int i = 0; i < 500; i++) {
            s.addInteger(i, 512);
        }
        assertEquals(1, effort(s));
        s.add(b("x"), 512);
        assertEquals("hashtable", s.encoding());
        assertEquals(501, effort(s));
    }

    @Test
    void aListpackSortedSetIsOneAllocationAndASkiplistOnePerMember() {
        SortedSetValue z = new SortedSetValue(true);
        for (int i = 0; i < 128; i++) {
            z.add(b("m" + i), i, 128, 64);
        }
        assertEquals(1, effort(z));
        z.add(b("m128"), 128, 128, 64);
        assertEquals("skiplist", z.encoding());
        assertEquals(129, effort(z));
    }

    @Test
    void aListCostsOnePerNodeNotPerElement() {
        ListValue l = new ListValue();
        assertEquals(0, effort(l), "an empty list has no node");
        for (int i = 0; i < 100; i++) {
            l.push(false, b("e" + i), ListValue.DEFAULT_FILL);
        }
        assertEquals(1, effort(l), "100 short elements fit one 8 KB node");
        for (int i = 0; i < 100_000; i++) {
            l.push(false, b("element-" + i), ListValue.DEFAULT_FILL);
        }
        assertEquals(l.chunkCount(), effort(l));
        // about 17 bytes an entry, 8 KB a node: some 200 nodes, as Redis's quicklist would have
        assertTrue(effort(l) > 150 && effort(l) < 300, "nodes: " + effort(l));
    }
}
