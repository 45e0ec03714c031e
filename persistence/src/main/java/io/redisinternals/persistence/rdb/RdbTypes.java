package io.redisinternals.persistence.rdb;

/**
 * The RDB format's numbers in one place (rdb.h of redis 7.0): value type bytes, the opcodes a
 * file interleaves with them, the length and string encodings, and the version we write.
 */
public final class RdbTypes {

    private RdbTypes() {
    }

    /** The version we write in files and DUMP payloads; we load any version up to it. */
    public static final int RDB_VERSION = 10;

    public static final int RDB_TYPE_STRING = 0;
    public static final int RDB_TYPE_LIST = 1;
    public static final int RDB_TYPE_SET = 2;
    public static final int RDB_TYPE_ZSET = 3;
    public static final int RDB_TYPE_HASH = 4;
    public static final int RDB_TYPE_ZSET_2 = 5;
    public static final int RDB_TYPE_MODULE = 6;
    public static final int RDB_TYPE_MODULE_2 = 7;
    public static final int RDB_TYPE_HASH_ZIPMAP = 9;
    public static final int RDB_TYPE_LIST_ZIPLIST = 10;
    public static final int RDB_TYPE_SET_INTSET = 11;
    public static final int RDB_TYPE_ZSET_ZIPLIST = 12;
    public static final int RDB_TYPE_HASH_ZIPLIST = 13;
    public static final int RDB_TYPE_LIST_QUICKLIST = 14;
    public static final int RDB_TYPE_STREAM_LISTPACKS = 15;
    public static final int RDB_TYPE_HASH_LISTPACK = 16;
    public static final int RDB_TYPE_ZSET_LISTPACK = 17;
    public static final int RDB_TYPE_LIST_QUICKLIST_2 = 18;
    public static final int RDB_TYPE_STREAM_LISTPACKS_2 = 19;

    /** Opcodes of a file (the rdb helper's): they share the byte with the value types. */
    public static final int RDB_OPCODE_FUNCTION = 246; // pre-GA (7.0 rc1, rc2) libraries
    public static final int RDB_OPCODE_FUNCTION2 = 245;
    public static final int RDB_OPCODE_MODULE_AUX = 247;
    public static final int RDB_OPCODE_IDLE = 248;
    public static final int RDB_OPCODE_FREQ = 249;
    public static final int RDB_OPCODE_AUX = 250;
    public static final int RDB_OPCODE_RESIZEDB = 251;
    public static final int RDB_OPCODE_EXPIRETIME_MS = 252;
    public static final int RDB_OPCODE_EXPIRETIME = 253;
    public static final int RDB_OPCODE_SELECTDB = 254;
    public static final int RDB_OPCODE_EOF = 255;

    /** A length's first byte: its top two bits say 6, 14, 32/64 bits, or an encoded string. */
    public static final int RDB_6BITLEN = 0;
    public static final int RDB_14BITLEN = 1;
    public static final int RDB_32BITLEN = 0x80;
    public static final int RDB_64BITLEN = 0x81;
    public static final int RDB_ENCVAL = 3;

    /** The low six bits of an encoded string's first byte. */
    public static final int RDB_ENC_INT8 = 0;
    public static final int RDB_ENC_INT16 = 1;
    public static final int RDB_ENC_INT32 = 2;
    public static final int RDB_ENC_LZF = 3;

    /** QUICKLIST_2's node containers. */
    public static final int QUICKLIST_NODE_CONTAINER_PLAIN = 1;
    public static final int QUICKLIST_NODE_CONTAINER_PACKED = 2;

    /** Whether {@code type} is a value type byte (rdbIsObjectType), loadable or not. */
    public static boolean isValueType(int type) {
        return (type >= RDB_TYPE_STRING && type <= RDB_TYPE_HASH_ZIPMAP && type != 8)
                || (type >= RDB_TYPE_LIST_ZIPLIST && type <= RDB_TYPE_STREAM_LISTPACKS_2);
    }
}
