package io.redisinternals.lua.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaNumbers;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The differential harness: runs many one-line cases in ONE lua5.1 process (each loaded as a
 * chunk named "case" and run under pcall, its outcome printed as one line) and the same cases
 * through the interpreter (a chunk named "case") against our libraries, then compares line by line. The helper
 * functions the cases may use (fn_*, tonumber, tostring) are defined on both sides here.
 * A missing lua5.1 fails the test: the libraries are only proven against the real one.
 */
final class LuaReference {

    private LuaReference() {
    }

    private static final String PRELUDE = String.join("\n",
            "local function ser(v)",
            "  local t = type(v)",
            "  if t == 'string' then",
            "    return '\"' .. (v:gsub('.', function(c) local b = c:byte()",
            "      if b < 32 or b > 126 or b == 34 or b == 92 then return string.format('\\\\%03d', b) end end)) .. '\"'",
            "  elseif t == 'table' then",
            "    local p = {}",
            "    for i = 1, table.maxn(v) do p[i] = ser(v[i]) end",
            "    return '{' .. table.concat(p, ',') .. '}'",
            "  elseif t == 'function' then return 'function'",
            "  else return tostring(v) end",
            "end",
            "local function show(ok, ...)",
            "  io.write(ok and 'ok' or 'err')",
            "  for i = 1, select('#', ...) do io.write('\\t', ser((select(i, ...)))) end",
            "  io.write('\\n')",
            "end",
            "fn_upper = function(s) return string.upper(s) end",
            "fn_nil = function() return nil end",
            "fn_false = function() return false end",
            "fn_tbl = function() return {} end",
            "fn_gt = function(a, b) return a > b end",
            "fn_lt = function(a, b) return a < b end",
            "fn_true = function() return true end",
            "fn_err = function() error('boom', 0) end",
            "fn_cat = function(a, b) return a .. '-' .. (b or '') end",
            "fn_count = function(...) return select('#', ...) end",
            "fn_stop = function(k, v) if v == 'b' then return k end end",
            "fn_mod3 = function(a, b) return a % 3 < b % 3 end",
            "");

    /** Our side of the prelude's helpers, in a state with the three libraries open. */
    static LuaState newState() {
        LuaState state = new LuaState();
        StringLib.open(state);
        TableLib.open(state);
        MathLib.open(state);
        def(state, "tonumber", (s, a) -> Lua.one(tonumber(a)));
        def(state, "tostring", (s, a) -> Lua.one(s.tostring(Lua.checkAny(a, 1))));
        def(state, "fn_upper", (s, a) -> s.call(s.index(s.globals().rawget(LuaString.of("string")),
                LuaString.of("upper")), a));
        def(state, "fn_nil", (s, a) -> Lua.one(null));
        def(state, "fn_false", (s, a) -> Lua.one(Boolean.FALSE));
        def(state, "fn_tbl", (s, a) -> Lua.one(new io.redisinternals.lua.LuaTable()));
        def(state, "fn_gt", (s, a) -> Lua.one(less(a[1], a[0])));
        def(state, "fn_lt", (s, a) -> Lua.one(less(a[0], a[1])));
        def(state, "fn_true", (s, a) -> Lua.one(Boolean.TRUE));
        def(state, "fn_err", (s, a) -> {
            throw LuaError.value(LuaString.of("boom"));
        });
        def(state, "fn_cat", (s, a) -> Lua.one(Lua.toLuaString(a[0]).concat(LuaString.of("-"))
                .concat(Lua.arg(a, 2) == null ? LuaString.EMPTY : Lua.toLuaString(a[1]))));
        def(state, "fn_count", (s, a) -> Lua.one((double) a.length));
        def(state, "fn_stop", (s, a) -> Lua.one(LuaString.of("b").equals(Lua.arg(a, 2)) ? a[0] : null));
        def(state, "fn_mod3", (s, a) -> Lua.one(mod3((Double) a[0]) < mod3((Double) a[1])));
        return state;
    }

    private static double mod3(double a) {
        return a - Math.floor(a / 3) * 3;
    }

    private static boolean less(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x < y;
        }
        return ((LuaString) a).compareTo((LuaString) b) < 0;
    }

    /** The base library's tonumber, enough for the cases (it is the interpreter's to own). */
    private static Object tonumber(Object[] a) {
        Object v = Lua.arg(a, 1);
        Object b = Lua.arg(a, 2);
        if (b == null) {
            Lua.checkAny(a, 1);
            return Lua.toNumber(v);
        }
        int base = (int) Lua.checkNumber(a, 2);
        if (base == 10) {
            return Lua.toNumber(v);
        }
        LuaString s = Lua.checkString(a, 1);
        if (base < 2 || base > 36) {
            throw LuaError.argument(2, "base out of range");
        }
        return LuaNumbers.parse(s, base);
    }

    private static void def(LuaState state, String name, LuaFunction.Body body) {
        state.globals().rawset(LuaString.of(name), LuaFunction.of(name, body));
    }

    /** Each case's outcome from lua5.1, one line per case. */
    static List<String> reference(List<String> cases) {
        StringBuilder script = new StringBuilder(PRELUDE);
        for (String c : cases) {
            script.append("show(pcall(assert(loadstring([==[").append(c).append("]==], '=case'))))\n");
        }
        Process p;
        try {
            p = new ProcessBuilder("lua5.1", "-").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("lua5.1 is required for the Lua libraries' differential tests and was not found on the PATH"
                    + " (Debian/Ubuntu: apt-get install lua5.1): " + e.getMessage());
            return null;
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(script.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            fail("writing to lua5.1: " + e);
        }
        try (InputStream out = p.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            out.transferTo(buf);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("lua5.1 failed: " + buf.toString(StandardCharsets.ISO_8859_1));
            }
            List<String> lines = new ArrayList<>(List.of(buf.toString(StandardCharsets.ISO_8859_1).split("\n", -1)));
            lines.remove(lines.size() - 1);
            assertEquals(cases.size(), lines.size(), "lua5.1 printed one line per case: " + lines);
            return lines;
        } catch (IOException | InterruptedException e) {
            fail("reading lua5.1: " + e);
            return null;
        }
    }

    /** A case through the interpreter, compiled as a chunk named "case", rendered as lua5.1's side. */
    static String interpreted(LuaState state, String caseText) {
        try {
            Object[] r = state.call(state.load(io.redisinternals.lua.LuaString.of(caseText), "=case"));
            StringBuilder sb = new StringBuilder("ok");
            for (Object v : r) {
                sb.append('\t').append(CaseText.ser(v));
            }
            return sb.toString();
        } catch (io.redisinternals.lua.LuaError e) {
            return "err\t" + CaseText.ser(e.value());
        }
    }

    /** Runs every case on both sides and fails listing each case whose outcome differs. */
    static void assertSameAsLua(List<String> cases) {
        List<String> expected = reference(cases);
        LuaState state = newState();
        StringBuilder diffs = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < cases.size(); i++) {
            String ours;
            try {
                ours = interpreted(state, cases.get(i));
            } catch (RuntimeException e) {
                ours = "java exception " + e;
            }
            if (!ours.equals(expected.get(i))) {
                bad++;
                diffs.append("\n  case:   ").append(cases.get(i))
                        .append("\n  lua5.1: ").append(expected.get(i))
                        .append("\n  ours:   ").append(ours);
            }
        }
        if (bad > 0) {
            fail(bad + " of " + cases.size() + " cases differ from lua5.1:" + diffs);
        }
    }
}
