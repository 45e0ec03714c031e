package io.redisinternals.keyspace.types;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry behind {@link ValueType#of} and {@link ValueType#register}, with the built-in
 * types. Lookups are by the value's exact class; the map is concurrent so a registration (at
 * start-up, from any thread) is safely seen by the command thread.
 */
final class ValueTypes {

    /** Bytes of an object header and a reference with compressed oops (the memory estimates' unit costs). */
    private static final long HEADER = 16;
    private static final long REF = 4;

    private static final Map<Class<?>, ValueType> BY_CLASS = new ConcurrentHashMap<>();

    static final ValueType STRING = new ValueType() {
        @Override
        public String name() {
            return "string";
        }

        @Override
        public String encoding(Object value) {
            return StringValue.encoding(value);
        }

        @Override
        public Object duplicate(Object value) {
            return StringValue.duplicate(value);
        }

        @Override
        public long memoryUsage(Object value) {
            long array = align(HEADER + StringValue.array(value).length);
            return value instanceof StringValue ? array + align(HEADER + REF + 8) : array;
        }
    };

    static {
        BY_CLASS.put(byte[].class, STRING);
        BY_CLASS.put(StringValue.class, STRING);
        // Estimated bytes per element: a compact encoding stores the element's bytes (about 8 for
        // short members, plus length prefixes); a table encoding adds an entry (24), a bucket slot
        // (4 to 8) and an array per member (16 + bytes); a skiplist node adds its levels.
        BY_CLASS.put(ListValue.class, new Collection("list", 16, 16));
        BY_CLASS.put(HashValue.class, new Collection("hash", 20, 96));
        BY_CLASS.put(SetValue.class, new Collection("set", 8, 56));
        BY_CLASS.put(SortedSetValue.class, new Collection("zset", 20, 120));
    }

    private ValueTypes() {
    }

    static ValueType of(Object value) {
        ValueType t = BY_CLASS.get(value.getClass());
        if (t == null) {
            throw new IllegalStateException("no value type registered for " + value.getClass().getName());
        }
        return t;
    }

    static void register(Class<?> valueClass, ValueType type) {
        Objects.requireNonNull(valueClass, "valueClass");
        Objects.requireNonNull(type, "type");
        synchronized (BY_CLASS) {
            for (ValueType t : BY_CLASS.values()) {
                if (t != type && t.name().equals(type.name())) {
                    throw new IllegalArgumentException("a value type named " + type.name() + " exists already");
                }
            }
            if (BY_CLASS.putIfAbsent(valueClass, type) != null) {
                throw new IllegalArgumentException(valueClass.getName() + " has a value type already");
            }
        }
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /**
     * A built-in collection type: its values are {@link TypedValue}s, which know their encoding and
     * how to copy themselves. {@code compactBytes} and {@code tableBytes} are the estimated cost of
     * one element in the compact encoding (listpack, intset) and in the other.
     */
    private record Collection(String name, long compactBytes, long tableBytes) implements ValueType {

        private static final java.util.Set<String> COMPACT = java.util.Set.of("listpack", "intset");

        @Override
        public String encoding(Object value) {
            return ((TypedValue) value).encoding();
        }

        @Override
        public Object duplicate(Object value) {
            return ((TypedValue) value).duplicate();
        }

        @Override
        public long freeEffort(Object value) {
            return ((TypedValue) value).freeEffort();
        }

        @Override
        public long memoryUsage(Object value) {
            TypedValue v = (TypedValue) value;
            long perElement = COMPACT.contains(v.encoding()) ? compactBytes : tableBytes;
            return align(HEADER + 4 * REF) + v.size() * perElement;
        }
    }
}
