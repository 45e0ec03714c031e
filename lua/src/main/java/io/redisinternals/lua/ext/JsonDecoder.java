package io.redisinternals.lua.ext;

import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.io.ByteArrayOutputStream;

/**
 * cjson.decode: JSON text to Lua values (objects and arrays as tables, numbers as Lua numbers,
 * null as {@link CjsonLib#NULL}). The C library reads a NUL-terminated string, so a NUL byte
 * ends the input wherever it is; we read every position past the end, and every NUL, as that
 * terminator. Error texts name the expected and the found token and the 1-based character
 * position as the C library does ("Expected value but found invalid token at character 1").
 */
final class JsonDecoder {

    private enum Token {
        T_OBJ_BEGIN, T_OBJ_END, T_ARR_BEGIN, T_ARR_END, T_STRING, T_NUMBER, T_BOOLEAN, T_NULL,
        T_COLON, T_COMMA, T_END, T_ERROR
    }

    private final JsonConfig cfg;
    private LuaState state;
    private final byte[] data;
    private int pos;
    private int depth;
    /** Slots the C decoder would hold on the Lua stack (the argument, then tables and keys). */
    private int stackTop = 1;

    // the current token
    private Token type;
    private int index;
    private Object value;
    private String error;

    JsonDecoder(JsonConfig cfg, LuaString json) {
        this.cfg = cfg;
        this.data = json.toBytes();
    }

    /** The value; the bytes of its strings are charged to the state's memory budget. */
    Object decode(LuaState state) {
        this.state = state;
        if (data.length >= 2 && (data[0] == 0 || data[1] == 0)) {
            throw LuaError.runtime("JSON parser does not support UTF-16 or UTF-32");
        }
        next();
        Object v = value("value");
        next();
        if (type != Token.T_END) {
            throw expected("the end");
        }
        return v;
    }

    /** The byte at i as the C code sees it: 0 (the terminator) past the end. */
    private int at(int i) {
        return i < data.length ? data[i] & 0xff : 0;
    }

    private LuaError expected(String what) {
        String found = type == Token.T_ERROR ? error : type.name();
        return LuaError.runtime("Expected " + what + " but found " + found + " at character " + (index + 1));
    }

    private Object value(String expected) {
        switch (type) {
            case T_STRING, T_NUMBER, T_BOOLEAN:
                return value;
            case T_NULL:
                return CjsonLib.NULL;
            case T_OBJ_BEGIN:
                return object();
            case T_ARR_BEGIN:
                return array();
            default:
                throw expected(expected);
        }
    }

    private void descend(int slots) {
        depth++;
        if (depth > cfg.decodeMaxDepth || stackTop + slots > JsonEncoder.MAX_C_STACK) {
            throw LuaError.runtime("Found too many nested data structures (" + depth + ") at character " + pos);
        }
    }

    private LuaTable object() {
        descend(3);
        LuaTable t = new LuaTable();
        stackTop++;
        next();
        if (type == Token.T_OBJ_END) {
            depth--;
            stackTop--;
            return t;
        }
        while (true) {
            if (type != Token.T_STRING) {
                throw expected("object key string");
            }
            Object key = value;
            stackTop++;
            next();
            if (type != Token.T_COLON) {
                throw expected("colon");
            }
            next();
            t.rawset(key, value("value"));
            stackTop--;
            next();
            if (type == Token.T_OBJ_END) {
                depth--;
                stackTop--;
                return t;
            }
            if (type != Token.T_COMMA) {
                throw expected("comma or object end");
            }
            next();
        }
    }

    private LuaTable array() {
        descend(2);
        LuaTable t = new LuaTable();
        stackTop++;
        next();
        if (type == Token.T_ARR_END) {
            depth--;
            stackTop--;
            return t;
        }
        for (int i = 1; ; i++) {
            t.rawset(i, value("value"));
            next();
            if (type == Token.T_ARR_END) {
                depth--;
                stackTop--;
                return t;
            }
            if (type != Token.T_COMMA) {
                throw expected("comma or array end");
            }
            next();
        }
    }

    private void fail(String what) {
        type = Token.T_ERROR;
        index = pos;
        error = what;
    }

    /** Reads the next token into type/index/value; an error token leaves pos at the error. */
    private void next() {
        int c;
        while ((c = at(pos)) == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pos++;
        }
        index = pos;
        value = null;
        switch (c) {
            case '{' -> single(Token.T_OBJ_BEGIN);
            case '}' -> single(Token.T_OBJ_END);
            case '[' -> single(Token.T_ARR_BEGIN);
            case ']' -> single(Token.T_ARR_END);
            case ',' -> single(Token.T_COMMA);
            case ':' -> single(Token.T_COLON);
            case 0 -> type = Token.T_END;
            case '"' -> string();
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                if (cfg.decodeInvalidNumbers == 0 && invalidNumber()) {
                    fail("invalid number");
                } else {
                    number();
                }
            }
            case 'f', 'i', 'I', 'n', 'N', 't', '+' -> word();
            default -> fail("invalid token");
        }
    }

    private void single(Token t) {
        type = t;
        pos++;
    }

    private void word() {
        if (startsWith("true")) {
            literal(Token.T_BOOLEAN, Boolean.TRUE, 4);
        } else if (startsWith("false")) {
            literal(Token.T_BOOLEAN, Boolean.FALSE, 5);
        } else if (startsWith("null")) {
            literal(Token.T_NULL, null, 4);
        } else if (cfg.decodeInvalidNumbers != 0 && invalidNumber()) {
            number(); // inf, nan and '+': strtod decides
        } else {
            fail("invalid token");
        }
    }

    private void literal(Token t, Object v, int length) {
        type = t;
        value = v;
        pos += length;
    }

    private boolean startsWith(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (at(pos + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** What strict JSON refuses but strtod reads: a leading '+', hex, leading zeros, inf, nan. */
    private boolean invalidNumber() {
        int p = pos;
        if (at(p) == '+') {
            return true;
        }
        if (at(p) == '-') {
            p++;
        }
        int c = at(p);
        if (c == '0') {
            int c2 = at(p + 1);
            return (c2 | 0x20) == 'x' || c2 >= '0' && c2 <= '9';
        }
        if (c <= '9') {
            return false;
        }
        return matchesIgnoreCase(p, "inf") || matchesIgnoreCase(p, "nan");
    }

    private boolean matchesIgnoreCase(int p, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((at(p + k) | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void number() {
        double[] out = new double[1];
        int end = CNumbers.strtod(data, pos, terminator(pos), out);
        if (end == pos) {
            fail("invalid number");
            return;
        }
        type = Token.T_NUMBER;
        value = out[0];
        pos = end;
    }

    /** Where the C string starting at p ends: the first NUL byte or the end of the data. */
    private int terminator(int p) {
        int e = p;
        while (e < data.length && data[e] != 0) {
            e++;
        }
        return e;
    }

    private void string() {
        pos++; // the opening quote
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = at(pos)) != '"') {
            if (c == 0) {
                fail("unexpected end of string");
                return;
            }
            if (c == '\\') {
                int e = at(pos + 1);
                if (e == 'u') {
                    if (!unicodeEscape(buf)) {
                        fail("invalid unicode escape code");
                        return;
                    }
                    continue;
                }
                int unescaped = switch (e) {
                    case '"', '\\', '/' -> e;
                    case 'b' -> '\b';
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'f' -> '\f';
                    case 'r' -> '\r';
                    default -> -1;
                };
                if (unescaped < 0) {
                    fail("invalid escape code");
                    return;
                }
                buf.write(unescaped);
                pos += 2;
                continue;
            }
            buf.write(c);
            pos++;
        }
        pos++; // the closing quote
        type = Token.T_STRING;
        state.allocate(buf.size());
        value = LuaString.wrap(buf.toByteArray());
    }

    private int hex4(int p) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int c = at(p + k);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                d = (c | 0x20) - 'a' + 10;
            } else {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** "\\uXXXX" (or a surrogate pair of them) at pos as UTF-8; false when malformed. */
    private boolean unicodeEscape(ByteArrayOutputStream buf) {
        int cp = hex4(pos + 2);
        if (cp < 0) {
            return false;
        }
        int length = 6;
        if ((cp & 0xF800) == 0xD800) {
            if ((cp & 0x400) != 0 || at(pos + 6) != '\\' || at(pos + 7) != 'u') {
                return false; // a low surrogate first, or a high one alone
            }
            int low = hex4(pos + 8);
            if (low < 0 || (low & 0xFC00) != 0xDC00) {
                return false;
            }
            cp = (((cp & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
            length = 12;
        }
        if (cp <= 0x7F) {
            buf.write(cp);
        } else if (cp <= 0x7FF) {
            buf.write(0xC0 | cp >> 6);
            buf.write(0x80 | cp & 0x3F);
        } else if (cp <= 0xFFFF) {
            buf.write(0xE0 | cp >> 12);
            buf.write(0x80 | cp >> 6 & 0x3F);
            buf.write(0x80 | cp & 0x3F);
        } else {
            buf.write(0xF0 | cp >> 18);
            buf.write(0x80 | cp >> 12 & 0x3F);
            buf.write(0x80 | cp >> 6 & 0x3F);
            buf.write(0x80 | cp & 0x3F);
        }
        pos += length;
        return true;
    }
}
