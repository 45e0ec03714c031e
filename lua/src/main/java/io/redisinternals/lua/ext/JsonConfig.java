package io.redisinternals.lua.ext;

/** One cjson table's settings, with Lua CJSON 2.1.0's defaults as Redis builds it. */
final class JsonConfig {

    static final String[] ON_OFF = {"off", "on"};
    static final String[] ON_OFF_NULL = {"off", "on", "null"};

    /** encode_sparse_array: convert excessively sparse arrays to objects instead of failing. */
    int sparseConvert;
    /** encode_sparse_array: an array is excessively sparse when max index > items * ratio ... */
    int sparseRatio = 2;
    /** ... and max index > safe. */
    int sparseSafe = 10;
    int encodeMaxDepth = 1000;
    int decodeMaxDepth = 1000;
    /** 0: NaN and Inf are errors, 1: written as inf/nan, 2: written as null. */
    int encodeInvalidNumbers;
    /** Redis's build accepts hexadecimal, inf and nan when decoding (the library's default). */
    int decodeInvalidNumbers = 1;
    int keepBuffer = 1;
    int precision = 14;

    /** encode_sparse_array's first option, read back as a boolean. */
    Object sparseConvert(Object v) {
        if (v != null) {
            sparseConvert = CjsonLib.enumOption(new Object[] {v}, 1, sparseConvert, ON_OFF);
        }
        return CjsonLib.enumResult(sparseConvert, ON_OFF);
    }
}
