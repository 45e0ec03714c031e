package io.redisinternals.keyspace.types;

import java.util.Objects;

/**
 * What the generic commands need to know of a stored value's type, found from the value itself:
 * TYPE and SCAN TYPE ask {@link #name}, OBJECT ENCODING {@link #encoding}, COPY
 * {@link #duplicate}, and memory accounting {@link #memoryUsage}. One registry maps a value's
 * class to its type, so no command keeps its own {@code instanceof} switch and a new type (a
 * plugin's) is known everywhere once it is {@link #register registered}.
 *
 * <p>The built-in types are registered from the start: "string" (both forms, a bare
 * {@code byte[]} and {@link StringValue}), "list" ({@link ListValue}), "hash" ({@link HashValue}),
 * "set" ({@link SetValue}) and "zset" ({@link SortedSetValue}). A value's class maps to exactly one
 * type (the lookup is by exact class, not by subtype).
 *
 * <p>Implementations are stateless and thread-safe; the methods taking a value may assume it is
 * of this type (the registry only hands a type its own values).
 */
public interface ValueType {

    /** TYPE's answer ("string", "list", "hash", "set", "zset"). */
    String name();

    /** OBJECT ENCODING's answer, Redis's name for the value's current representation. */
    String encoding(Object value);

    /** A deep copy sharing no mutable state with {@code value} (COPY: commands modify values in place). */
    Object duplicate(Object value);

    /**
     * Heap bytes the value holds, estimated (in the spirit of Redis's {@code objectComputeSize}):
     * exact for strings, from the element count and the encoding's typical cost per element for
     * collections, in O(1).
     */
    long memoryUsage(Object value);

    /**
     * How much work freeing {@code value} is, as Redis's lazyfreeGetFreeEffort counts it: the number
     * of allocations it is made of (1 for a string or any single-allocation value, the element count
     * of a table-encoded collection, the node count of a list). The default, 1, is also what Redis
     * assumes for a module type that does not say. O(1).
     */
    default long freeEffort(Object value) {
        return 1;
    }

    /**
     * The type of {@code value}.
     *
     * @throws IllegalStateException if no type is registered for its class (a programming error:
     *     it fails loudly rather than answer a wrong name)
     */
    static ValueType of(Object value) {
        return ValueTypes.of(Objects.requireNonNull(value, "value"));
    }

    /**
     * Registers {@code type} for the values of class {@code valueClass} (a plugin's own value type).
     *
     * @throws IllegalArgumentException if the class has a type already, or another type has this name
     */
    static void register(Class<?> valueClass, ValueType type) {
        ValueTypes.register(valueClass, type);
    }
}
