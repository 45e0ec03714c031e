package io.redisinternals.scripting;

import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A script's return value as the client's reply (Redis 7.0's luaReplyToRedisReply), written in the
 * client's protocol: string -> bulk; number -> integer, truncated toward zero; boolean -> with a
 * RESP2 script (the default) true is {@code :1} and false a null, with {@code redis.setresp(3)} a
 * boolean; a table is, by the first of its fields that fits: {@code err} (string) an error reply,
 * {@code ok} (string) a status, {@code double} (number), {@code big_number} (string),
 * {@code verbatim_string} ({@code {format=, string=}}), {@code map} (table, its pairs), {@code set}
 * (table, its keys), else an array of t[1], t[2] ... up to the first nil; anything else a null.
 * CR and LF in status and big-number texts become spaces.
 */
final class LuaToResp {

    /**
     * At this nesting a value is written as Redis's "reached lua stack limit" error instead: Lua's
     * stack limit (8000 slots) is what stops Redis's recursion, measured on redis-server 7.0.15 as
     * 7995 nested arrays then the error (a table that contains itself ends so too). Nested maps
     * and sets use more slots a level in Redis and stop earlier there; here they count alike.
     */
    static final int MAX_DEPTH = 7995;

    private LuaToResp() {
    }

    /** A value still to write, and how deep it sits. */
    private record Pending(Object value, int depth) {
    }

    /**
     * Writes {@code value} to {@code out}; {@code resp3Script} is the script's redis.setresp(3).
     * Iterative (an explicit stack, not the Java one), since scripts may nest tables thousands deep.
     */
    static void write(ReplyWriter out, Object value, boolean resp3Script) {
        if (!(value instanceof LuaTable)) {
            writeOne(out, value, resp3Script); // a scalar (most scripts' reply): no stack to build
            return;
        }
        ArrayDeque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(value, 0));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            if (p.depth >= MAX_DEPTH) {
                out.error("ERR reached lua stack limit");
            } else {
                List<Object> children = writeOne(out, p.value, resp3Script);
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(new Pending(children.get(i), p.depth + 1));
                }
            }
        }
    }

    /** Writes a scalar, or an aggregate's header: then returns the elements to write after it. */
    private static List<Object> writeOne(ReplyWriter out, Object value, boolean resp3Script) {
        if (value instanceof LuaString s) {
            out.bulk(s.toBytes());
        } else if (value instanceof Boolean b) {
            if (resp3Script) {
                out.bool(b);
            } else if (b) {
                out.integer(1);
            } else {
                out.nullBulk();
            }
        } else if (value instanceof Double d) {
            out.integer((long) (double) d);
        } else if (value instanceof LuaTable t) {
            return table(out, t);
        } else {
            out.nullBulk();
        }
        return List.of();
    }

    private static List<Object> table(ReplyWriter out, LuaTable t) {
        if (t.rawget(RespToLua.ERR) instanceof LuaString) {
            out.raw(ScriptErrors.returnedError(t));
            return List.of();
        }
        if (t.rawget(RespToLua.OK) instanceof LuaString ok) {
            out.raw(ScriptErrors.line('+', cString(ok)));
            return List.of();
        }
        if (t.rawget(RespToLua.DOUBLE) instanceof Double d) {
            out.doubleValue(d);
            return List.of();
        }
        if (t.rawget(RespToLua.BIG_NUMBER) instanceof LuaString big) {
            out.bigNumber(new String(ScriptErrors.oneLine(big.toBytes()), StandardCharsets.ISO_8859_1));
            return List.of();
        }
        if (t.rawget(RespToLua.VERBATIM) instanceof LuaTable v
                && v.rawget(RespToLua.FORMAT) instanceof LuaString format
                && v.rawget(RespToLua.STRING) instanceof LuaString text) {
            // Redis sends the format's first 3 bytes whatever its length
            byte[] f = java.util.Arrays.copyOf(format.toBytes(), 3);
            out.verbatim(new String(f, StandardCharsets.ISO_8859_1), text.toBytes());
            return List.of();
        }
        if (t.rawget(RespToLua.MAP) instanceof LuaTable map) {
            List<Object[]> entries = entries(map);
            out.mapHeader(entries.size());
            List<Object> children = new ArrayList<>(2 * entries.size());
            for (Object[] e : entries) {
                children.add(e[0]);
                children.add(e[1]);
            }
            return children;
        }
        if (t.rawget(RespToLua.SET) instanceof LuaTable set) {
            List<Object[]> entries = entries(set);
            out.setHeader(entries.size());
            List<Object> children = new ArrayList<>(entries.size());
            for (Object[] e : entries) {
                children.add(e[0]);
            }
            return children;
        }
        List<Object> children = new ArrayList<>();
        for (Object v = t.rawget(1); v != null; v = t.rawget(children.size() + 1)) {
            children.add(v);
        }
        out.arrayHeader(children.size());
        return children;
    }

    /** The table's pairs in {@code next} order (Redis counts them while writing, then sets the length). */
    private static List<Object[]> entries(LuaTable t) {
        List<Object[]> entries = new ArrayList<>();
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            entries.add(e);
        }
        return entries;
    }

    /** Redis reads status and error texts as C strings (sdsnew(lua_tostring)): they stop at a NUL byte. */
    static byte[] cString(LuaString s) {
        byte[] b = s.toBytes();
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return n == b.length ? b : java.util.Arrays.copyOf(b, n);
    }
}
