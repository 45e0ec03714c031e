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
        } else if (value instanceof ListValue l) {
            RdbValueWriter.writeList(out, l, out.listFill());
        } else if (value instanceof HashValue h) {
            RdbValueWriter.writeHash(out, h);
        } else if (value instanceof SetValue s) {
            RdbValueWriter.writeSet(out, s);
        } else if (value instanceof SortedSetValue z) {
            RdbValueWriter.writeSortedSet(out, z);
        } else {
            throw new IllegalArgumentException("no RDB form for " + value.getClass().getName());
        }
    }

    /**
     * The bytes {@link #writeValue} writes for {@code value} (Redis's rdbSavedObjectLen, DEBUG
     * OBJECT's serializedlength), with or without compression.
     */
    public static long serializedLength(Object value, boolean compress, int listFill) {
        RdbOutput out = new RdbOutput(compress);
        out.listFill(listFill);
        writeValue(out, value);
        return out.position();
    }

    /**
     * Reads a value body of {@code type}. Corrupt input, or a type we cannot load (modules,
     * streams), is an {@link RdbFormatException} naming it; a well-formed empty collection is an
     * {@link RdbEmptyValueException}.
     */
    public static Object readValue(int type, RdbInput in, RdbReadOptions options) {
        return switch (type) {
            case RdbTypes.RDB_TYPE_STRING -> in.readString();
            case RdbTypes.RDB_TYPE_LIST -> RdbValueReader.readListOfStrings(in, options);
            case RdbTypes.RDB_TYPE_LIST_ZIPLIST -> RdbValueReader.readZiplistList(in, options);
            case RdbTypes.RDB_TYPE_LIST_QUICKLIST -> RdbValueReader.readQuicklist(in, options, false);
            case RdbTypes.RDB_TYPE_LIST_QUICKLIST_2 -> RdbValueReader.readQuicklist(in, options, true);
            case RdbTypes.RDB_TYPE_SET -> RdbValueReader.readSet(in, options);
            case RdbTypes.RDB_TYPE_SET_INTSET -> RdbValueReader.readIntset(in, options);
            case RdbTypes.RDB_TYPE_ZSET -> RdbValueReader.readSortedSet(in, options, false);
            case RdbTypes.RDB_TYPE_ZSET_2 -> RdbValueReader.readSortedSet(in, options, true);
            case RdbTypes.RDB_TYPE_ZSET_ZIPLIST -> RdbValueReader.readPackedSortedSet(in, options, false);
            case RdbTypes.RDB_TYPE_ZSET_LISTPACK -> RdbValueReader.readPackedSortedSet(in, options, true);
            case RdbTypes.RDB_TYPE_HASH -> RdbValueReader.readHash(in, options);
            case RdbTypes.RDB_TYPE_HASH_ZIPMAP, RdbTypes.RDB_TYPE_HASH_ZIPLIST, RdbTypes.RDB_TYPE_HASH_LISTPACK ->
                    RdbValueReader.readPackedHash(in, options, type);
            case RdbTypes.RDB_TYPE_MODULE, RdbTypes.RDB_TYPE_MODULE_2 ->
                    throw in.corrupt("module values (RDB type " + type + ") are not supported");
            case RdbTypes.RDB_TYPE_STREAM_LISTPACKS, RdbTypes.RDB_TYPE_STREAM_LISTPACKS_2 ->
                    throw in.corrupt("stream values (RDB type " + type + ") are not supported");
            default -> throw in.corrupt("unknown RDB value type " + type);
        };
    }
}
