package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaNumbers;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a one-line test case -- a tiny subset of Lua: statements separated by ';' ({@code local x
 * = e}, {@code x = e}, a call, {@code return e, ...}); expressions are literals (numbers, strings
 * with escapes, nil, true, false, tables), names and dotted fields, calls, unary minus and
 * '/' -- against our libraries from Java, and renders the outcome as one line exactly as
 * {@link LuaReference}'s Lua prelude renders lua5.1's outcome of the same text. This lets the
 * library tests be differential before the interpreter exists.
 */
final class MiniLua {

    private final LuaState state;
    private final String src;
    private int pos;
    private final Map<String, Object> locals = new HashMap<>();

    private MiniLua(LuaState state, String src) {
        this.state = state;
        this.src = src;
    }

    /** "ok\t<values>" or "err\t<message>", each value as {@link #ser}. */
    static String run(LuaState state, String caseText) {
        MiniLua m = new MiniLua(state, caseText);
        try {
            Object[] r = m.chunk();
            StringBuilder sb = new StringBuilder("ok");
            for (Object v : r) {
                sb.append('\t').append(ser(v));
            }
            return sb.toString();
        } catch (LuaError e) {
            return "err\t" + ser(errorValue(e, m.lastCallee));
        }
    }

    private String lastCallee = "?";

    /** The error value lua5.1 would show: positions as a chunk named "case" (all on line 1). */
    private static Object errorValue(LuaError e, String callee) {
        switch (e.kind()) {
            case ARGUMENT:
                return LuaString.of("case:1: bad argument #" + e.argumentIndex() + " to '" + callee + "' ("
                        + e.value() + ")");
            case RUNTIME:
                return LuaString.of("case:1: " + e.value());
            default:
                return e.value();
        }
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

    private Object[] chunk() {
        while (true) {
            skip();
            if (pos >= src.length()) {
                return Lua.NONE;
            }
            if (word("return")) {
                List<Object> values = exprList(true);
                return values.toArray();
            }
            boolean local = word("local");
            int save = pos;
            String name = name();
            skip();
            if (name != null && peek() == '=' && src.charAt(pos + 1) != '=') {
                pos++;
                Object v = first(expr());
                locals.put(name, v);
            } else {
                if (local) {
                    throw new IllegalArgumentException("bad case: " + src);
                }
                pos = save;
                expr();
            }
            skip();
            if (peek() == ';') {
                pos++;
            }
        }
    }

    private List<Object> exprList(boolean expandLast) {
        List<Object> values = new ArrayList<>();
        skip();
        if (pos >= src.length() || peek() == ')' || peek() == ';') {
            return values;
        }
        while (true) {
            Object[] v = expr();
            skip();
            if (peek() == ',') {
                pos++;
                values.add(first(v));
            } else {
                if (expandLast) {
                    values.addAll(java.util.Arrays.asList(v));
                } else {
                    values.add(first(v));
                }
                return values;
            }
        }
    }

    private static Object first(Object[] v) {
        return v.length == 0 ? null : v[0];
    }

    /** An expression: its values (several only for a call). */
    private Object[] expr() {
        Object[] left = unary();
        skip();
        while (peek() == '/') {
            pos++;
            double a = Lua.toNumber(first(left));
            double b = Lua.toNumber(first(unary()));
            left = new Object[] {a / b};
            skip();
        }
        return left;
    }

    private Object[] unary() {
        skip();
        if (peek() == '-') {
            pos++;
            double d = Lua.toNumber(first(unary()));
            return new Object[] {-d};
        }
        return suffixed();
    }

    private Object[] suffixed() {
        skip();
        Object[] v;
        String callee = "?";
        char c = peek();
        if (c == '(') {
            pos++;
            v = new Object[] {first(expr())};
            expect(')');
        } else if (c == '"' || c == '\'') {
            v = new Object[] {string(c)};
        } else if (c == '{') {
            v = new Object[] {table()};
        } else if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(peek()) || peek() == '.'
                    || ((peek() == '-' || peek() == '+') && (src.charAt(pos - 1) | 0x20) == 'e'
                    && !src.substring(start, pos).startsWith("0x")))) {
                pos++;
            }
            v = new Object[] {LuaNumbers.parse(LuaString.of(src.substring(start, pos)))};
        } else {
            String name = name();
            if (name == null) {
                throw new IllegalArgumentException("bad case at " + pos + ": " + src);
            }
            callee = name;
            switch (name) {
                case "nil": v = new Object[] {null}; break;
                case "true": v = new Object[] {Boolean.TRUE}; break;
                case "false": v = new Object[] {Boolean.FALSE}; break;
                default:
                    v = new Object[] {locals.containsKey(name) ? locals.get(name)
                            : state.globals().rawget(LuaString.of(name))};
            }
        }
        while (true) {
            skip();
            if (peek() == '.') {
                pos++;
                String field = name();
                callee = field;
                v = new Object[] {state.index(first(v), LuaString.of(field))};
            } else if (peek() == '(') {
                pos++;
                List<Object> args = exprList(true);
                expect(')');
                lastCallee = callee;
                // A built-in is called directly: its position-less error is completed here, as the
                // interpreter would at a Lua call site (state.call from the host completes it itself).
                Object fn = first(v);
                v = fn instanceof LuaFunction f ? f.call(state, args.toArray()) : state.call(fn, args.toArray());
                callee = "?";
            } else {
                return v;
            }
        }
    }

    private LuaTable table() {
        expect('{');
        LuaTable t = new LuaTable();
        int n = 1;
        while (true) {
            skip();
            if (peek() == '}') {
                pos++;
                return t;
            }
            int save = pos;
            String name = name();
            skip();
            if (name != null && peek() == '=') {
                pos++;
                t.rawset(LuaString.of(name), first(expr()));
            } else if (peek() == '[' && name == null) {
                pos++;
                Object k = first(expr());
                expect(']');
                expect('=');
                t.rawset(k, first(expr()));
            } else {
                pos = save;
                Object v = first(expr());
                if (v != null) {
                    t.rawset(n, v);
                }
                n++;
            }
            skip();
            if (peek() == ',' || peek() == ';') {
                pos++;
            }
        }
    }

    private LuaString string(char quote) {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (src.charAt(pos) != quote) {
            char c = src.charAt(pos++);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            c = src.charAt(pos++);
            switch (c) {
                case 'n': out.write('\n'); break;
                case 't': out.write('\t'); break;
                case 'r': out.write('\r'); break;
                case 'a': out.write(7); break;
                case 'b': out.write(8); break;
                case 'f': out.write(12); break;
                case 'v': out.write(11); break;
                default:
                    if (Character.isDigit(c)) {
                        int v = c - '0';
                        for (int k = 0; k < 2 && Character.isDigit(peek()); k++) {
                            v = v * 10 + (src.charAt(pos++) - '0');
                        }
                        out.write(v);
                    } else {
                        out.write(c);
                    }
            }
        }
        pos++;
        return LuaString.wrap(out.toByteArray());
    }

    private String name() {
        skip();
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        if (start == pos || Character.isDigit(src.charAt(start))) {
            pos = start;
            return null;
        }
        return src.substring(start, pos);
    }

    private boolean word(String w) {
        skip();
        if (src.startsWith(w, pos) && (pos + w.length() == src.length()
                || !Character.isLetterOrDigit(src.charAt(pos + w.length())))) {
            pos += w.length();
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skip();
        if (peek() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos + ": " + src);
        }
        pos++;
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private void skip() {
        while (pos < src.length() && src.charAt(pos) == ' ') {
            pos++;
        }
    }
}
