package io.redisinternals.lua.lib;

import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaNumbers;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * Our side of {@link LuaReference}'s rendering: a case's values as one line, exactly as the Lua
 * prelude's ser prints lua5.1's.
 */
final class CaseText {

    private CaseText() {
    }

    /** Lua values as the prelude's ser prints them (strings quoted with \ddd escapes). */
    static String ser(Object v) {
        if (v instanceof LuaString s) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                int c = s.byteAt(i);
                if (c < 32 || c > 126 || c == '"' || c == '\\') {
                    sb.append('\\').append(String.format("%03d", c));
                } else {
                    sb.append((char) c);
                }
            }
            return sb.append('"').toString();
        }
        if (v instanceof Double d) {
            return LuaNumbers.format(d);
        }
        if (v instanceof LuaTable t) {
            int maxn = 0;
            for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
                if (e[0] instanceof Double d && d > maxn && d == Math.floor(d)) {
                    maxn = (int) (double) d;
                }
            }
            StringBuilder sb = new StringBuilder("{");
            for (int i = 1; i <= maxn; i++) {
                sb.append(i > 1 ? "," : "").append(ser(t.rawget(i)));
            }
            return sb.append('}').toString();
        }
        if (v instanceof LuaFunction) {
            return "function";
        }
        return v == null ? "nil" : String.valueOf(v);
    }
}
