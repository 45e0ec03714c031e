package io.redisinternals.lua.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.lua.LightUserdata;
import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One differential case = one line of Lua ({@code call; call; expr}) run by redis-server inside
 * EVAL and by our library in a fresh {@link LuaState}; the last statement's values are written
 * in one canonical text on both sides (type-tagged, numbers as "%.17g", table keys sorted, so no
 * case depends on traversal order) and compared byte for byte. An error compares as Lua's
 * message (position included): Redis's reply is "ERR &lt;message&gt; script: ...".
 */
final class LibDifferential {

    /** The Lua side of the canonical text; one line so every error is at user_script:1. */
    private static final String DUMP = String.join(" ",
            "local function d(v)",
            " local t = type(v)",
            " if t == 'string' then return 's' .. #v .. ':' .. v",
            " elseif t == 'number' then return 'n' .. string.format('%.17g', v)",
            " elseif t == 'boolean' or t == 'nil' then return tostring(v)",
            " elseif t == 'userdata' then if v == cjson.null then return 'null' end return 'userdata'",
            " elseif t == 'table' then",
            "  local ks = {} for k in pairs(v) do ks[#ks + 1] = k end",
            "  table.sort(ks, function(a, b) local ta, tb = type(a), type(b) if ta ~= tb then return ta < tb end"
                    + " if ta == 'number' or ta == 'string' then return a < b end return tostring(a) < tostring(b) end)",
            "  local o = {} for _, k in ipairs(ks) do o[#o + 1] = d(k) .. '=' .. d(v[k]) end",
            "  return '{' .. table.concat(o, ',') .. '}'",
            " end return t end",
            "local function all(...) local o = {} for i = 1, select('#', ...) do o[i] = d((select(i, ...))) end"
                    + " return select('#', ...) .. '|' .. table.concat(o, '|') end ");

    private final ReferenceRedis redis;
    private final Consumer<LuaState> opener;

    LibDifferential(ReferenceRedis redis, Consumer<LuaState> opener) {
        this.redis = redis;
        this.opener = opener;
    }

    /** A dynamic test per case. */
    Stream<DynamicTest> tests(String... cases) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : cases) {
            tests.add(DynamicTest.dynamicTest(c.length() > 120 ? c.substring(0, 120) + "..." : c, () -> check(c)));
        }
        return tests.stream();
    }

    void check(String lua) throws Exception {
        assertEquals(reference(lua), ours(lua), lua);
    }

    String reference(String lua) throws Exception {
        int last = CaseEvaluator.lastStatement(lua);
        return reference(lua.substring(0, last), lua.substring(last));
    }

    /**
     * For values the case language cannot build (cycles): {@code prelude} (Lua statements) and
     * {@code expr} go to redis-server, {@code ours} builds and calls the same in Java.
     */
    void check(String prelude, String expr, java.util.function.Function<LuaState, Object[]> ours) throws Exception {
        LuaState state = new LuaState();
        CjsonLib.open(state);
        opener.accept(state);
        String result;
        try {
            result = dumpAll(ours.apply(state));
        } catch (LuaError e) {
            result = "error: " + (e.kind() == LuaError.Kind.RUNTIME ? "user_script:1: " : "") + e.getMessage();
        }
        assertEquals(reference(prelude, expr), result, prelude + " " + expr);
    }

    private String reference(String prelude, String expr) throws Exception {
        String script = DUMP + prelude + " return all(" + expr + ")";
        ReferenceRedis.Reply r = redis.eval(script);
        redis.command("SCRIPT", "FLUSH"); // a new Lua state: the libraries' settings back to defaults
        if (!r.error()) {
            return r.text();
        }
        String msg = r.text();
        msg = msg.startsWith("ERR ") ? msg.substring(4) : msg;
        int cut = msg.lastIndexOf(" script: ");
        return "error: " + (cut >= 0 ? msg.substring(0, cut) : msg);
    }

    /**
     * Our result, computed on a thread with a large stack: the libraries recurse once per nesting
     * level up to the C limits (about 8000 levels), as the interpreter recurses per Lua call, and
     * the host gives Lua's thread the stack for that (a test thread's default 1 MB is not).
     */
    String ours(String lua) throws InterruptedException {
        String[] result = new String[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = oursOnThisThread(lua);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "lua-case", 256L << 20);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private String oursOnThisThread(String lua) {
        LuaState state = new LuaState();
        io.redisinternals.lua.lib.BaseLib.open(state);
        io.redisinternals.lua.lib.StringLib.open(state);
        io.redisinternals.lua.lib.MathLib.open(state);
        io.redisinternals.lua.lib.TableLib.open(state);
        CjsonLib.open(state); // the dump recognises cjson.null
        opener.accept(state);
        int last = CaseEvaluator.lastStatement(lua);
        try {
            // the case through the interpreter, as redis-server compiles it: a chunk "@user_script"
            String chunk = lua.substring(0, last) + " return " + lua.substring(last);
            return dumpAll(state.call(state.load(LuaString.of(chunk), "@user_script")));
        } catch (LuaError e) {
            return "error: " + e.getMessage();
        }
    }

    private static String dumpAll(Object[] values) {
        StringBuilder sb = new StringBuilder().append(values.length).append('|');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('|');
            }
            sb.append(dump(values[i]));
        }
        return sb.toString();
    }

    static String dump(Object v) {
        if (v instanceof LuaString s) {
            return "s" + s.length() + ":" + s;
        }
        if (v instanceof Double d) {
            return "n" + CNumbers.formatG(d, 17);
        }
        if (v == null) {
            return "nil";
        }
        if (v instanceof Boolean) {
            return String.valueOf(v);
        }
        if (v instanceof LightUserdata) {
            return v == CjsonLib.NULL ? "null" : "userdata";
        }
        if (v instanceof LuaTable t) {
            List<Object> keys = new ArrayList<>();
            for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
                keys.add(e[0]);
            }
            keys.sort(LibDifferential::compareKeys);
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(dump(keys.get(i))).append('=').append(dump(t.rawget(keys.get(i))));
            }
            return sb.append('}').toString();
        }
        return Lua.typeName(v);
    }

    private static int compareKeys(Object a, Object b) {
        String ta = Lua.typeName(a);
        String tb = Lua.typeName(b);
        if (!ta.equals(tb)) {
            return ta.compareTo(tb);
        }
        if (a instanceof Double x) {
            return Double.compare(x, (Double) b);
        }
        if (a instanceof LuaString x) {
            return x.compareTo((LuaString) b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
