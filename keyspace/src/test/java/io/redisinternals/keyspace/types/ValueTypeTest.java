package io.redisinternals.keyspace.types;

import io.redisinternals.keyspace.dict.KeyHash;

import static io.redisinternals.keyspace.TestBytes.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

    private static final KeyHash HASH = new KeyHash(1);

    private static List<Object> oneOfEach() {
        ListValue list = new ListValue();
        list.push(false, b("a"), ListValue.DEFAULT_FILL);
        HashValue hash = new HashValue();
        hash.set(b("f"), b("v"), 128, 64);
        SetValue set = SetValue.newIntset(HASH);
        set.addInteger(7, 512);
        SortedSetValue zset = new SortedSetValue(true);
        zset.add(b("m"), 1.0, 128, 64);
        return List.of(b("12"), StringValue.raw(b("text"), 4, 8), list, hash, set, zset);
    }

    @Test
    void everyBuiltInValueHasItsRedisTypeAndEncoding() {
        List<Object> values = oneOfEach();
        List<String> names = values.stream().map(v -> ValueType.of(v).name()).toList();
        assertEquals(List.of("string", "string", "list", "hash", "set", "zset"), names);
        List<String> encodings = values.stream().map(v -> ValueType.of(v).encoding(v)).toList();
        assertEquals(List.of("int", "raw", "quicklist", "listpack", "intset", "listpack"), encodings);
        assertSame(ValueType.of(b("x")), ValueType.of(StringValue.raw(b("x"), 1, 1)), "both string forms: one type");
    }

    /** The collections' own TypedValue names agree with the registry (one source of truth for TYPE). */
    @Test
    void theRegistryAgreesWithTheCollectionsOwnNames() {
        for (Object v : oneOfEach()) {
            if (v instanceof TypedValue t) {
                assertEquals(t.typeName(), ValueType.of(v).name());
                assertEquals(t.encoding(), ValueType.of(v).encoding(v));
            }
        }
    }

    @Test
    void duplicateSharesNothing() {
        byte[] s = b("abc");
        byte[] copy = (byte[]) ValueType.of(s).duplicate(s);
        assertNotSame(s, copy);
        assertArrayEquals(s, copy);
        for (Object v : oneOfEach()) {
            Object d = ValueType.of(v).duplicate(v);
            assertNotSame(v, d);
            assertSame(v.getClass(), d.getClass());
            assertEquals(ValueType.of(v).encoding(v), ValueType.of(d).encoding(d));
        }
        SetValue set = SetValue.newHashtable(HASH);
        set.add(b("m"), 512);
        SetValue d = (SetValue) ValueType.of(set).duplicate(set);
        d.add(b("other"), 512);
        assertEquals(1, set.size(), "the copy's writes do not reach the original");
    }

    @Test
    void memoryUsageGrowsWithTheValue() {
        assertEquals(24, ValueType.of(b("12345678")).memoryUsage(b("12345678")));
        assertTrue(ValueType.of(b("x")).memoryUsage(b("x".repeat(1000))) >= 1000);
        StringValue sv = StringValue.raw(b("text"), 4, 64);
        assertTrue(ValueType.of(sv).memoryUsage(sv) >= 16 + 64, "the backing array's capacity counts");
        SetValue small = SetValue.newIntset(HASH);
        SetValue big = SetValue.newIntset(HASH);
        for (int i = 0; i < 100; i++) {
            big.addInteger(i, 512);
        }
        small.addInteger(1, 512);
        assertTrue(ValueType.of(big).memoryUsage(big) > ValueType.of(small).memoryUsage(small));
        SetValue table = SetValue.newHashtable(HASH);
        for (int i = 0; i < 100; i++) {
            table.add(b("m" + i), 512);
        }
        assertTrue(ValueType.of(table).memoryUsage(table) > ValueType.of(big).memoryUsage(big),
                "a hashtable costs more per member than an intset");
    }

    @Test
    void anUnknownValueFailsLoudlyAndAPluginTypeCanBeRegistered() {
        record Counter(long n) {
        }
        assertThrows(IllegalStateException.class, () -> ValueType.of(new Counter(1)));
        ValueType counter = new ValueType() {
            @Override
            public String name() {
                return "test-counter";
            }

            @Override
            public String encoding(Object value) {
                return "record";
            }

            @Override
            public Object duplicate(Object value) {
                return new Counter(((Counter) value).n());
            }

            @Override
            public long memoryUsage(Object value) {
                return 24;
            }
        };
        ValueType.register(Counter.class, counter);
        assertSame(counter, ValueType.of(new Counter(2)));
        assertEquals("test-counter", ValueType.of(new Counter(2)).name());
        assertThrows(IllegalArgumentException.class, () -> ValueType.register(Counter.class, counter),
                "a class has one type");
        record Other() {
        }
        ValueType impostor = new ValueType() {
            @Override
            public String name() {
                return "string";
            }

            @Override
            public String encoding(Object value) {
                return "raw";
            }

            @Override
            public Object duplicate(Object value) {
                return value;
            }

            @Override
            public long memoryUsage(Object value) {
                return 0;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> ValueType.register(Other.class, impostor),
                "a name belongs to one type");
        assertThrows(IllegalStateException.class, () -> ValueType.of(new Other()), "a refused registration leaves nothing");
    }
}
