package io.redisinternals.persistence.rdb;

import io.redisinternals.keyspace.types.HashValue;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.SetValue;
import io.redisinternals.keyspace.types.SortedSetValue;
import io.redisinternals.keyspace.types.StringValue;

/**
 * A value's RDB form both ways: the type byte and the bytes redis-server 7.0 writes for the same
 * value ({@link #writeValue}), and every type 7.0 loads, old encodings included
 * ({@link #readValue}), into our own value classes. Stateless.
 */
public final class RdbValues {

    private RdbValues() {
    }

    /** Whether {@code type} is a value type byte (rdbIsObjectType), loadable or not. */
    public static boolean isValueType(int type) {
        return RdbTypes.isValueType(type);
    }

    /** The type byte Redis 7.0 writes for {@code value}. */
    public static int type(Object value) {
        if (StringValue.isString(value)) {
            return RdbTypes.RDB_TYPE_STRING;
        }
        if (value instanceof ListValue) {
            return RdbTypes.RDB_TYPE_LIST_QUICKLIST_2;
        }
        if (value instanceof HashValue h) {
            return h.isCompact() ? RdbTypes.RDB_TYPE_HASH_LISTPACK : RdbTypes.RDB_TYPE_HASH;
        }
        if (value instanceof SetValue s) {
            return s.isIntset() ? RdbTypes.RDB_TYPE_SET_INTSET : RdbTypes.RDB_TYPE_SET;
        }
        if (value instanceof SortedSetValue z) {
            return z.isCompact() ? RdbTypes.RDB_TYPE_ZSET_LISTPACK : RdbTypes.RDB_TYPE_ZSET_2;
        }
        throw new IllegalArgumentException("no RDB form for " + value.getClass().getName());
    }

    /** Writes {@code value}'s body (without the type byte, as rdbSaveObject). */
    public static void writeValue(RdbOutput out, Object value) {
        if (StringValue.isString(value)) {
            out.writeString(StringValue.array(value), 0, StringValue.length(value));
            return;
        }
        throw new IllegalArgumentException("not yet serialisable: " + value.getClass().getName());
    }

    /**
     * Reads a value body of {@code type}; corrupt input, or a type we cannot load (modules,
     * streams), is an {@link RdbFormatException} naming it.
     */
    public static Object readValue(int type, RdbInput in, RdbReadOptions options) {
        switch (type) {
            case RdbTypes.RDB_TYPE_STRING:
                return in.readString();
            default:
                throw in.corrupt("unknown or unsupported RDB value type " + type);
        }
    }
}
