package io.redisinternals.scripting;

import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.nio.charset.StandardCharsets;

/**
 * A command's reply, as {@code redis.call} hands it to the script (Redis 7.0's
 * redisProtocolToLuaType): integer -> number; bulk string -> string; null bulk and null array ->
 * false; array -> table 1..n; status -> {@code {ok=s}}; error -> {@code {err="CODE msg"}} (plus
 * {@code ignore_error_stats_update=true}: the command already counted it). RESP3 replies (a
 * script after {@code redis.setresp(3)}): map -> {@code {map={k=v}}}, set -> {@code {set={m=true}}},
 * null -> nil, boolean -> boolean, double -> {@code {double=n}}, big number ->
 * {@code {big_number=s}}, verbatim -> {@code {verbatim_string={format=f, string=s}}}; attributes
 * are skipped.
 *
 * <p>The input is one complete, well-formed reply as the engine wrote it (never client input).
 */
final class RespToLua {

    static final LuaString OK = LuaString.of("ok");
    static final LuaString ERR = LuaString.of("err");
    static final LuaString IGNORE_STATS = LuaString.of("ignore_error_stats_update");
    static final LuaString MAP = LuaString.of("map");
    static final LuaString SET = LuaString.of("set");
    static final LuaString DOUBLE = LuaString.of("double");
    static final LuaString BIG_NUMBER = LuaString.of("big_number");
    static final LuaString VERBATIM = LuaString.of("verbatim_string");
    static final LuaString FORMAT = LuaString.of("format");
    static final LuaString STRING = LuaString.of("string");

    private final byte[] in;
    private int pos;

    private RespToLua(byte[] in) {
        this.in = in;
    }

    /** The Lua value of the one reply in {@code reply}. */
    static Object convert(byte[] reply) {
        return new RespToLua(reply).value();
    }

    private Object value() {
        byte type = in[pos++];
        switch (type) {
            case ':':
                return (double) number();
            case '$': {
                int n = (int) number();
                return n < 0 ? Boolean.FALSE : bulk(n);
            }
            case '+':
                return single(OK, LuaString.wrap(lineBytes()));
            case '-': {
                LuaTable err = errorTable(lineBytes());
                // the command already counted this error in errorstats: the script's reply must not again
                err.rawset(IGNORE_STATS, Boolean.TRUE);
                return err;
            }
            case '*': {
                int n = (int) number();
                if (n < 0) {
                    return Boolean.FALSE;
                }
                LuaTable t = new LuaTable(n, 0);
                for (int i = 1; i <= n; i++) {
                    t.rawset(i, value());
                }
                return t;
            }
            case '%': {
                int n = Integer.parseInt(line());
                LuaTable m = new LuaTable(0, n);
                for (int i = 0; i < n; i++) {
                    Object k = value();
                    Object v = value();
                    rawsetIgnoringNil(m, k, v);
                }
                return single(MAP, m);
            }
            case '~': {
                int n = Integer.parseInt(line());
                LuaTable s = new LuaTable(0, n);
                for (int i = 0; i < n; i++) {
                    rawsetIgnoringNil(s, value(), Boolean.TRUE);
                }
                return single(SET, s);
            }
            case '_':
                line();
                return null;
            case '#':
                return line().equals("t");
            case ',':
                return single(DOUBLE, parseDouble(line()));
            case '(':
                return single(BIG_NUMBER, LuaString.wrap(lineBytes()));
            case '=': {
                int n = Integer.parseInt(line());
                LuaString all = bulk(n);
                LuaTable v = new LuaTable(0, 2);
                v.rawset(STRING, all.substring(4, all.length()));
                v.rawset(FORMAT, all.substring(0, 3));
                return single(VERBATIM, v);
            }
            case '|': {
                int n = Integer.parseInt(line());
                for (int i = 0; i < 2 * n; i++) {
                    value(); // attributes are not shown to scripts
                }
                return value();
            }
            default:
                throw new IllegalStateException("not a RESP reply type: " + (char) type + " at " + (pos - 1));
        }
    }

    /**
     * Redis's luaPushErrorBuff for an error reply's text (without the '-'): the code is the first
     * word, "ERR" when the text is one word; the table's err is "CODE message".
     */
    static LuaTable errorTable(byte[] text) {
        int space = -1;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == ' ') {
                space = i;
                break;
            }
        }
        LuaString err;
        if (space < 0) {
            err = LuaString.of("ERR ").concat(LuaString.wrap(text));
        } else {
            err = LuaString.wrap(text); // "CODE" + " " + message
        }
        return single(ERR, err);
    }

    /** A key of nil (RESP3 null) cannot be set in a Lua table: Redis's lua_settable would raise; it never happens with real replies. */
    private static void rawsetIgnoringNil(LuaTable t, Object k, Object v) {
        if (k != null) {
            t.rawset(k, v);
        }
    }

    static LuaTable single(LuaString key, Object value) {
        LuaTable t = new LuaTable(0, 1);
        t.rawset(key, value);
        return t;
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private LuaString bulk(int n) {
        LuaString s = LuaString.copyOf(in, pos, pos + n);
        pos += n + 2;
        return s;
    }

    /**
     * The decimal integer up to the line's end, read in place (the hot path of every redis.call:
     * integer replies and lengths; the engine writes them, so they are well formed and fit a long).
     */
    private long number() {
        boolean negative = in[pos] == '-';
        if (negative) {
            pos++;
        }
        long v = 0;
        byte b;
        while ((b = in[pos]) != '\r') {
            v = v * 10 + (b - '0');
            pos++;
        }
        pos += 2;
        return negative ? -v : v;
    }

    private byte[] lineBytes() {
        int start = pos;
        while (in[pos] != '\r') {
            pos++;
        }
        byte[] b = java.util.Arrays.copyOfRange(in, start, pos);
        pos += 2;
        return b;
    }

    private String line() {
        return new String(lineBytes(), StandardCharsets.ISO_8859_1);
    }
}
