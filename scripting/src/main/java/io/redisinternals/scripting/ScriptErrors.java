package io.redisinternals.scripting;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The error replies of scripts, as Redis 7.0 builds them. A script's error is always a table by the
 * time it leaves the script: Redis's error handler turns any raised value into
 * {@code {err="ERR " .. tostring(v)}} unless it is a table already, and adds {@code source} and
 * {@code line}, where the error was raised (for a built-in such as {@code redis.call} or
 * {@code error}, its Lua caller). The client then gets {@code -<err> script: <sha>, on <source>:<line>.};
 * a table the script returns ({@code return redis.error_reply(...)}) is replied as {@code -<err>}.
 */
final class ScriptErrors {

    static final LuaString SOURCE = LuaString.of("source");
    static final LuaString LINE = LuaString.of("line");

    private ScriptErrors() {
    }

    /**
     * Redis's error handler: the raised {@code error} as the table the script's caller sees, with
     * the position of the Lua code that raised it ({@code source} like "@user_script", {@code line}
     * 1-based; null and 0 when unknown). A table is completed in place, as Redis's handler does.
     */
    static LuaTable handle(Object error, LuaString source, int line) {
        LuaTable t;
        if (error instanceof LuaTable table) {
            t = table;
        } else {
            t = RespToLua.single(RespToLua.ERR, LuaString.of("ERR ").concat(tostring(error)));
        }
        if (source != null) {
            t.rawset(SOURCE, source);
            t.rawset(LINE, (double) line);
        }
        return t;
    }

    /**
     * The reply of a run whose error is not a table, because no message handler made it one (Lua's
     * memory error, an error in the handler): Redis's luaCallFunction replies "Error running script
     * <funcname>, <message>" with at most 100 bytes of a string or number message, else "execution
     * failure", line breaks as spaces.
     */
    static byte[] runFailure(String funcname, Object error) {
        LuaString s = Lua.toLuaString(error);
        byte[] msg = s == null ? "execution failure".getBytes(StandardCharsets.US_ASCII) : s.toBytes();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("-ERR Error running script " + funcname + ", ").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < Math.min(100, msg.length); i++) {
            b.write(msg[i] == '\r' || msg[i] == '\n' ? ' ' : msg[i]);
        }
        b.write('\r');
        b.write('\n');
        return b.toByteArray();
    }

    /** The base library's tostring of the few values an error can be without an interpreter. */
    private static LuaString tostring(Object v) {
        LuaString s = Lua.toLuaString(v);
        if (s != null) {
            return s;
        }
        return LuaString.of(v == null ? "nil" : v instanceof Boolean b ? b.toString() : Lua.typeName(v));
    }

    /**
     * The reply of a script that raised {@code handled} (a table from {@link #handle}): its err,
     * then " script: SHA, on SOURCE:LINE." when the position is known (Redis's luaCallFunction).
     */
    static byte[] raisedError(LuaTable handled, String sha) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('-');
        Object err = handled.rawget(RespToLua.ERR);
        if (err instanceof LuaString s) {
            b.writeBytes(LuaToResp.cString(s));
        } else if (err instanceof Double) {
            b.writeBytes(Lua.toLuaString(err).toBytes()); // lua_isstring accepts numbers
        }
        LuaString source = Lua.toLuaString(handled.rawget(SOURCE));
        LuaString line = Lua.toLuaString(handled.rawget(LINE));
        if (source != null && line != null) {
            b.writeBytes((" script: " + sha + ", on ").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(source.toBytes());
            b.write(':');
            b.writeBytes(line.toBytes());
            b.write('.');
        }
        byte[] text = oneLine(b.toByteArray());
        return withCrlf(text);
    }

    /**
     * The reply of a returned error table (Redis's addReplyErrorFormatEx(c, "-%s", err)): the text
     * as a C string, CR and LF at its end trimmed (not at its start: the '-' comes first there) and
     * inside it made spaces.
     */
    static byte[] returnedError(LuaTable t) {
        byte[] msg = LuaToResp.cString((LuaString) t.rawget(RespToLua.ERR));
        int to = msg.length;
        while (to > 0 && (msg[to - 1] == '\r' || msg[to - 1] == '\n')) {
            to--;
        }
        byte[] text = new byte[to + 1];
        text[0] = '-';
        System.arraycopy(msg, 0, text, 1, to);
        return withCrlf(oneLine(text));
    }

    /** A one-line reply: {@code marker}, {@code text} with CR and LF made spaces, CRLF. */
    static byte[] line(char marker, byte[] text) {
        byte[] b = new byte[text.length + 1];
        b[0] = (byte) marker;
        System.arraycopy(text, 0, b, 1, text.length);
        return withCrlf(oneLine(b));
    }

    static byte[] oneLine(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' || b[i] == '\n') {
                b[i] = ' ';
            }
        }
        return b;
    }

    private static byte[] withCrlf(byte[] b) {
        byte[] r = java.util.Arrays.copyOf(b, b.length + 2);
        r[b.length] = '\r';
        r[b.length + 1] = '\n';
        return r;
    }
}
