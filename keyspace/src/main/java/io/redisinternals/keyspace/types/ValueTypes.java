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
        BY_CLASS.put(ListValue.class, new Collection("list"));
        BY_CLASS.put(HashValue.class, new Collection("hash"));
        BY_CLASS.put(SetValue.class, new Collection("set"));
        BY_CLASS.put(SortedSetValue.class, new Collection("zset"));
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
     * A built-in collection type: its values are {@link TypedValue}s, which know their encoding,
     * how to copy themselves and the heap they retain.
     */
    private record Collection(String name) implements ValueType {

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
            return ((TypedValue) value).memoryUsage();
        }
    }
}
