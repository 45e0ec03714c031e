package io.redisinternals.lua.ext;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaNumbers;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a test case's Lua text without the interpreter (it is written elsewhere at the same time):
 * statements {@code call; call; expr} made of literals (numbers, strings with Lua's escapes,
 * true/false/nil, table constructors), global field access ({@code cjson.null}), calls (with
 * Lua's rule that a call in last argument position passes all its results), unary minus, the
 * arithmetic operators and {@code ..}. The same text is sent to redis-server inside EVAL, so each
 * case is written once and means the same on both sides. Errors come out as Lua 5.1 would word
 * them at line 1 of "user_script" (the built-ins' argument errors named after the called field).
 */
final class CaseEvaluator {

    private final LuaState state;
    private final String text;
    private int pos;
    /** Where the last statement starts (the reference wraps it in its dump). */
    private int lastStart;

    private CaseEvaluator(LuaState state, String text) {
        this.state = state;
        this.text = text;
    }

    /** Offset of the last statement of {@code text}. */
    static int lastStatement(String text) {
        CaseEvaluator e = new CaseEvaluator(null, text);
        e.parseOnly = true;
        e.statements();
        return e.lastStart;
    }

    /** Runs {@code text}; the values of its last statement. */
    static Object[] run(LuaState state, String text) {
        return new CaseEvaluator(state, text).statements();
    }

    private boolean parseOnly;

    private Object[] statements() {
        Object[] last;
        while (true) {
            skip();
            lastStart = pos;
            last = expr();
            skip();
            if (pos < text.length() && text.charAt(pos) == ';') {
                pos++;
                continue;
            }
            if (pos != text.length()) {
                throw new IllegalArgumentException("unparsed case text at " + pos + ": " + text);
            }
            return last;
        }
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(String s) {
        skip();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private static Object first(Object[] v) {
        return v.length == 0 ? null : v[0];
    }

    // expr := concat ; concat := additive ['..' concat]
    private Object[] expr() {
        Object[] left = additive();
        if (eat("..")) {
            Object r = first(expr());
            if (parseOnly) {
                return Lua.NONE;
            }
            return Lua.one(Lua.toLuaString(first(left)).concat(Lua.toLuaString(r)));
        }
        return left;
    }

    private Object[] additive() {
        Object[] left = multiplicative();
        while (true) {
            skip();
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-') && !text.startsWith("--", pos)) {
                char op = text.charAt(pos++);
                Object[] right = multiplicative();
                if (!parseOnly) {
                    double a = Lua.toNumber(first(left));
                    double b = Lua.toNumber(first(right));
                    left = Lua.one(op == '+' ? a + b : a - b);
                }
            } else {
                return left;
            }
        }
    }

    private Object[] multiplicative() {
        Object[] left = unary();
        while (true) {
            skip();
            if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '/')) {
                char op = text.charAt(pos++);
                Object[] right = unary();
                if (!parseOnly) {
                    double a = Lua.toNumber(first(left));
                    double b = Lua.toNumber(first(right));
                    double r = op == '*' ? a * b : a / b;
                    // x86 divides 0/0 into a NaN with the sign bit set; Java's is positive
                    left = Lua.one(Double.isNaN(r) ? CNumbers.X86_NAN : r);
                }
            } else {
                return left;
            }
        }
    }

    private Object[] unary() {
        if (eat("-")) {
            Object[] v = unary();
            return parseOnly ? v : Lua.one(-Lua.toNumber(first(v)));
        }
        Object[] base = primary();
        if (eat("^")) {
            Object[] e = unary();
            return parseOnly ? e : Lua.one(Math.pow(Lua.toNumber(first(base)), Lua.toNumber(first(e))));
        }
        return base;
    }

    private Object[] primary() {
        skip();
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Object v = first(expr());
            expect(")");
            return Lua.one(v);
        }
        if (c == '{') {
            return Lua.one(table());
        }
        if (c == '"' || c == '\'') {
            return Lua.one(string());
        }
        if (Character.isDigit(c) || c == '.') {
            return Lua.one(number());
        }
        String name = name();
        switch (name) {
            case "nil":
                return Lua.one(null);
            case "true":
                return Lua.one(Boolean.TRUE);
            case "false":
                return Lua.one(Boolean.FALSE);
            default:
                break;
        }
        Object[] v = Lua.one(parseOnly ? null : state.globals().rawget(LuaString.of(name)));
        String field = name;
        while (true) {
            skip();
            if (text.startsWith(".", pos) && !text.startsWith("..", pos)) {
                pos++;
                field = name();
                v = Lua.one(parseOnly ? null : state.index(first(v), LuaString.of(field)));
            } else if (eat("(")) {
                Object[] args = exprList(")");
                v = parseOnly ? Lua.NONE : call(first(v), field, args);
            } else {
                return v;
            }
        }
    }

    private Object[] call(Object fn, String name, Object[] args) {
        try {
            // Called directly: its position-less error is completed below, as the interpreter
            // would at a Lua call site (state.call from the host completes it itself).
            return fn instanceof LuaFunction f ? f.call(state, args) : state.call(fn, args);
        } catch (LuaError e) {
            if (e.kind() == LuaError.Kind.ARGUMENT) {
                e.complete(LuaString.of("user_script:1: bad argument #" + e.argumentIndex() + " to '" + name + "' ("
                        + e.value() + ")"));
            } else if (e.kind() == LuaError.Kind.RUNTIME) {
                e.complete(LuaString.of("user_script:1: " + e.value()));
            }
            throw e;
        }
    }

    private Object[] exprList(String close) {
        List<Object> values = new ArrayList<>();
        if (eat(close)) {
            return values.toArray();
        }
        while (true) {
            Object[] v = expr();
            if (eat(",")) {
                values.add(first(v));
                continue;
            }
            expect(close);
            values.addAll(Arrays.asList(v)); // the last expression passes all its values
            return values.toArray();
        }
    }

    private LuaTable table() {
        expect("{");
        LuaTable t = new LuaTable();
        int n = 0;
        while (!eat("}")) {
            skip();
            Object key = null;
            boolean keyed = false;
            if (text.charAt(pos) == '[') {
                pos++;
                key = first(expr());
                expect("]");
                expect("=");
                keyed = true;
            } else {
                int save = pos;
                if (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_') {
                    String name = name();
                    if (eat("=") && !text.startsWith("=", pos)) {
                        key = LuaString.of(name);
                        keyed = true;
                    } else {
                        pos = save;
                    }
                }
            }
            Object[] v = expr();
            if (!parseOnly) {
                if (keyed) {
                    t.rawset(key, first(v));
                } else {
                    n++;
                    if (first(v) != null) {
                        t.rawset(n, first(v));
                    }
                }
            }
            if (!eat(",") && !eat(";")) {
                expect("}");
                break;
            }
        }
        return t;
    }

    private void expect(String s) {
        if (!eat(s)) {
            throw new IllegalArgumentException("expected " + s + " at " + pos + ": " + text);
        }
    }

    private String name() {
        skip();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("name expected at " + pos + ": " + text);
        }
        return text.substring(start, pos);
    }

    private Double number() {
        int start = pos;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
        } else {
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) | 0x20) == 'e') {
                pos++;
                if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
                    pos++;
                }
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
        }
        return LuaNumbers.parse(LuaString.of(text.substring(start, pos)));
    }

    private LuaString string() {
        char quote = text.charAt(pos++);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c != '\\') {
                b.write(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> b.write('\n');
                case 't' -> b.write('\t');
                case 'r' -> b.write('\r');
                case 'a' -> b.write(7);
                case 'b' -> b.write('\b');
                case 'f' -> b.write('\f');
                case 'v' -> b.write(11);
                default -> {
                    if (Character.isDigit(e)) {
                        int v = e - '0';
                        for (int k = 0; k < 2 && Character.isDigit(text.charAt(pos)); k++) {
                            v = v * 10 + text.charAt(pos++) - '0';
                        }
                        b.write(v);
                    } else {
                        b.write(e);
                    }
                }
            }
        }
        pos++;
        return LuaString.wrap(b.toByteArray());
    }

    /** The few standard functions cases use to build inputs, for a state with no string library. */
    static void openTestHelpers(LuaState state) {
        LuaTable string = new LuaTable();
        string.rawset(LuaString.of("rep"), LuaFunction.of("rep", (s, a) -> {
            LuaString str = Lua.checkString(a, 1);
            int n = (int) Lua.checkInteger(a, 2);
            byte[] r = new byte[str.length() * Math.max(0, n)];
            for (int i = 0; i < n; i++) {
                str.copyTo(r, i * str.length());
            }
            return Lua.one(LuaString.wrap(r));
        }));
        string.rawset(LuaString.of("char"), LuaFunction.of("char", (s, a) -> {
            byte[] b = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                b[i] = (byte) Lua.checkInteger(a, i + 1);
            }
            return Lua.one(LuaString.wrap(b));
        }));
        state.globals().rawset(LuaString.of("string"), string);
        LuaTable math = new LuaTable();
        math.rawset(LuaString.of("huge"), Double.POSITIVE_INFINITY);
        math.rawset(LuaString.of("pi"), Math.PI);
        state.globals().rawset(LuaString.of("math"), math);
    }
}
