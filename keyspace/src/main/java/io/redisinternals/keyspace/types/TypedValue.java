package io.redisinternals.keyspace.types;

/**
 * A stored value of a collection type (list, hash, set, sorted set). Strings are not TypedValues:
 * they are stored as bare {@code byte[]} or {@link StringValue} to keep the most common value
 * free of any wrapper. The generic commands (TYPE, SCAN TYPE, OBJECT ENCODING, COPY) find a
 * value's type through {@link ValueType#of}, whose built-in collection types ask these methods; a
 * new type plugs in by registering a {@link ValueType} for its class.
 */
public interface TypedValue {

    /** TYPE's answer: "list", "hash", "set", "zset". */
    String typeName();

    /** OBJECT ENCODING's answer, Redis's name for the current representation ("listpack", "quicklist", ...). */
    String encoding();

    /** A deep copy sharing no mutable state with this value (COPY). */
    TypedValue duplicate();

    /** Number of elements; a collection that becomes empty must be removed from the database. */
    long size();

    /**
     * How much work freeing this value is, in Redis's units (lazyfree.c's lazyfreeGetFreeEffort):
     * the number of separate allocations it is made of as Redis would store it, so 1 for a compact
     * encoding (one listpack or intset allocation) and the element count for a table or skiplist.
     * Lazy freeing compares it with Redis's threshold. O(1).
     */
    long freeEffort();

    /**
     * Estimated heap bytes this value retains (used_memory, MEMORY USAGE): its objects and arrays,
     * the elements' own bytes included, for the encoding it is in now (see {@link CollectionLayout}).
     * O(1): kept up to date by every write, never a walk.
     */
    long memoryUsage();
}
