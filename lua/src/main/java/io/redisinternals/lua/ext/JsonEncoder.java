package io.redisinternals.lua.ext;

import io.redisinternals.lua.LightUserdata;
import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.io.ByteArrayOutputStream;

/**
 * cjson.encode: a Lua value as JSON text. A table whose keys are all integers >= 1 is an array
 * (nil holes written as null) unless excessively sparse; any other table, the empty one included,
 * is an object whose members follow the table's traversal order. Numbers are {@code "%.Pg"} with
 * the configured precision; strings are written byte for byte with the JSON escapes and "/" as
 * "\/". Depth counts nested tables; the C library also stops when Lua's C stack (8000 slots)
 * would overflow, which only a raised encode_max_depth reaches, and that is kept.
 */
final class JsonEncoder {

    /** LUAI_MAXCSTACK: the most slots a C function may use on the Lua stack. */
    static final int MAX_C_STACK = 8000;

    private static final byte[][] ESCAPES = new byte[256][];

    static {
        String hex = "0123456789abcdef";
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = ("\\u00" + hex.charAt(c >> 4) + hex.charAt(c & 15)).getBytes();
        }
        ESCAPES['\b'] = "\\b".getBytes();
        ESCAPES['\t'] = "\\t".getBytes();
        ESCAPES['\n'] = "\\n".getBytes();
        ESCAPES['\f'] = "\\f".getBytes();
        ESCAPES['\r'] = "\\r".getBytes();
        ESCAPES['"'] = "\\\"".getBytes();
        ESCAPES['\\'] = "\\\\".getBytes();
        ESCAPES['/'] = "\\/".getBytes();
        ESCAPES[0x7f] = "\\u007f".getBytes();
    }

    private final JsonConfig cfg;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    /** Slots the C encoder would hold on the Lua stack: the argument, then per level key/value. */
    private int stackTop = 1;

    JsonEncoder(JsonConfig cfg) {
        this.cfg = cfg;
    }

    /** The text, charged to the state's memory budget before it becomes a Lua string. */
    LuaString encode(LuaState state, Object value) {
        append(value, 0);
        state.allocate(out.size());
        return LuaString.wrap(out.toByteArray());
    }

    private void append(Object v, int depth) {
        if (v instanceof LuaString s) {
            appendString(s);
        } else if (v instanceof Double d) {
            appendNumber(d);
        } else if (v instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (v == null || v == CjsonLib.NULL) {
            ascii("null");
        } else if (v instanceof LuaTable t) {
            depth++;
            if (depth > cfg.encodeMaxDepth || stackTop + 3 > MAX_C_STACK) {
                throw LuaError.runtime("Cannot serialise, excessive nesting (" + depth + ")");
            }
            int length = arrayLength(t);
            if (length > 0) {
                appendArray(t, length, depth);
            } else {
                appendObject(t, depth);
            }
        } else {
            throw cannot(v, "type not supported");
        }
    }

    private static LuaError cannot(Object v, String reason) {
        String type = v instanceof LightUserdata ? "userdata" : Lua.typeName(v);
        return LuaError.runtime("Cannot serialise " + type + ": " + reason);
    }

    /**
     * The array length when every key is an integer >= 1 (the largest key), 0 for an empty table,
     * -1 for an object. The largest key is kept in a C int as the library does.
     */
    private int arrayLength(LuaTable t) {
        int max = 0;
        int items = 0;
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            if (e[0] instanceof Double d && d != 0 && Math.floor(d) == d && d >= 1) {
                if (d > max) {
                    max = CNumbers.toCInt(d);
                }
                items++;
                continue;
            }
            return -1;
        }
        if (cfg.sparseRatio > 0 && max > items * cfg.sparseRatio && max > cfg.sparseSafe) {
            if (cfg.sparseConvert == 0) {
                throw cannot(t, "excessively sparse array");
            }
            return -1;
        }
        return max;
    }

    private void appendArray(LuaTable t, int length, int depth) {
        out.write('[');
        stackTop++;
        for (int i = 1; i <= length; i++) {
            if (i > 1) {
                out.write(',');
            }
            append(t.rawget(i), depth);
        }
        stackTop--;
        out.write(']');
    }

    private void appendObject(LuaTable t, int depth) {
        out.write('{');
        stackTop += 2;
        boolean comma = false;
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            if (comma) {
                out.write(',');
            }
            comma = true;
            if (e[0] instanceof Double d) {
                out.write('"');
                appendNumber(d);
                ascii("\":");
            } else if (e[0] instanceof LuaString s) {
                appendString(s);
                out.write(':');
            } else {
                throw cannot(e[0], "table key must be a number or string");
            }
            append(e[1], depth);
        }
        stackTop -= 2;
        out.write('}');
    }

    private void appendNumber(double d) {
        boolean invalid = Double.isNaN(d) || Double.isInfinite(d);
        if (invalid) {
            switch (cfg.encodeInvalidNumbers) {
                case 0 -> throw cannot(d, "must not be NaN or Inf");
                case 1 -> {
                    if (Double.isNaN(d)) {
                        ascii("nan"); // never "-nan", whatever the sign bit
                        return;
                    }
                }
                default -> {
                    ascii("null");
                    return;
                }
            }
        }
        ascii(CNumbers.formatG(d, cfg.precision));
    }

    private void appendString(LuaString s) {
        out.write('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            int b = s.byteAt(i);
            byte[] esc = ESCAPES[b];
            if (esc != null) {
                out.writeBytes(esc);
            } else {
                out.write(b);
            }
        }
        out.write('"');
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }
}
