package io.redisinternals.lua.ext;

import io.redisinternals.lua.LightUserdata;
import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * The global {@code cjson} table as Redis 7.0 loads it (Lua CJSON 2.1.0): encode, decode, the
 * configuration functions, {@code new}, {@code null}, {@code _NAME}, {@code _VERSION}. Every
 * table made by {@code open} or {@code new} has its own {@link JsonConfig}, shared by its
 * functions (in C, one userdata upvalue); the settings last as long as the Lua state, so a script
 * that changes them changes them for the scripts after it, as in Redis.
 */
public final class CjsonLib {

    private CjsonLib() {
    }

    /**
     * {@code cjson.null}: the NULL light userdata. Every NULL pointer is the same Lua value, so
     * one instance serves every table; decode returns it for JSON null.
     */
    public static final LightUserdata NULL = new LightUserdata("NULL");

    public static void open(LuaState state) {
        state.globals().rawset(LuaString.of("cjson"), create());
    }

    /** A fresh module table with default settings (what {@code cjson.new()} returns). */
    static LuaTable create() {
        JsonConfig cfg = new JsonConfig();
        LuaTable t = new LuaTable();
        set(t, "encode", (s, a) -> {
            argCount(a);
            return Lua.one(new JsonEncoder(cfg).encode(s, a[0]));
        });
        set(t, "decode", (s, a) -> {
            argCount(a);
            return Lua.one(new JsonDecoder(cfg, Lua.checkString(a, 1)).decode(s));
        });
        set(t, "encode_sparse_array", (s, a) -> {
            tooMany(a, 3);
            Object convert = cfg.sparseConvert(Lua.arg(a, 1));
            cfg.sparseRatio = integerOption(a, 2, cfg.sparseRatio, 0, Integer.MAX_VALUE);
            cfg.sparseSafe = integerOption(a, 3, cfg.sparseSafe, 0, Integer.MAX_VALUE);
            return new Object[] {convert, (double) cfg.sparseRatio, (double) cfg.sparseSafe};
        });
        set(t, "encode_max_depth", (s, a) -> {
            tooMany(a, 1);
            cfg.encodeMaxDepth = integerOption(a, 1, cfg.encodeMaxDepth, 1, Integer.MAX_VALUE);
            return Lua.one((double) cfg.encodeMaxDepth);
        });
        set(t, "decode_max_depth", (s, a) -> {
            tooMany(a, 1);
            cfg.decodeMaxDepth = integerOption(a, 1, cfg.decodeMaxDepth, 1, Integer.MAX_VALUE);
            return Lua.one((double) cfg.decodeMaxDepth);
        });
        set(t, "encode_number_precision", (s, a) -> {
            tooMany(a, 1);
            cfg.precision = integerOption(a, 1, cfg.precision, 1, 14);
            return Lua.one((double) cfg.precision);
        });
        set(t, "encode_keep_buffer", (s, a) -> {
            tooMany(a, 1);
            // the C library keeps one buffer between calls or not: no difference a script can see
            cfg.keepBuffer = enumOption(a, 1, cfg.keepBuffer, JsonConfig.ON_OFF);
            return Lua.one(enumResult(cfg.keepBuffer, JsonConfig.ON_OFF));
        });
        set(t, "encode_invalid_numbers", (s, a) -> {
            tooMany(a, 1);
            cfg.encodeInvalidNumbers = enumOption(a, 1, cfg.encodeInvalidNumbers, JsonConfig.ON_OFF_NULL);
            return Lua.one(enumResult(cfg.encodeInvalidNumbers, JsonConfig.ON_OFF_NULL));
        });
        set(t, "decode_invalid_numbers", (s, a) -> {
            tooMany(a, 1);
            cfg.decodeInvalidNumbers = enumOption(a, 1, cfg.decodeInvalidNumbers, JsonConfig.ON_OFF);
            return Lua.one(enumResult(cfg.decodeInvalidNumbers, JsonConfig.ON_OFF));
        });
        set(t, "new", (s, a) -> Lua.one(create()));
        t.rawset(LuaString.of("null"), NULL);
        t.rawset(LuaString.of("_NAME"), LuaString.of("cjson"));
        t.rawset(LuaString.of("_VERSION"), LuaString.of("2.1.0"));
        return t;
    }

    private static void set(LuaTable t, String name, LuaFunction.Body body) {
        t.rawset(LuaString.of(name), LuaFunction.of(name, body));
    }

    /** encode and decode take exactly one argument. */
    private static void argCount(Object[] a) {
        if (a.length != 1) {
            throw LuaError.argument(1, "expected 1 argument");
        }
    }

    /** The configuration functions refuse more arguments than they have options. */
    private static void tooMany(Object[] a, int max) {
        if (a.length > max) {
            throw LuaError.argument(max + 1, "found too many arguments");
        }
    }

    /**
     * An integer setting: nil keeps {@code current}; out of range is an error that names argument
     * 1 whichever argument it was (as the C library does).
     */
    static int integerOption(Object[] a, int i, int current, int min, int max) {
        if (Lua.arg(a, i) == null) {
            return current;
        }
        int value = (int) Lua.checkInteger(a, i); // the C code stores lua_Integer in an int
        if (value < min || value > max) {
            throw LuaError.argument(1, "expected integer between " + min + " and " + max);
        }
        return value;
    }

    /** An enumerated setting: a boolean is off/on, else one of {@code names}. */
    static int enumOption(Object[] a, int i, int current, String[] names) {
        Object v = Lua.arg(a, i);
        if (v == null) {
            return current;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        LuaString name = Lua.checkString(a, i);
        for (int k = 0; k < names.length; k++) {
            if (name.toString().equals(names[k])) {
                return k;
            }
        }
        throw LuaError.argument(i, "invalid option '" + name + "'");
    }

    /** off/on read back as booleans, other choices as their names. */
    static Object enumResult(int setting, String[] names) {
        return setting <= 1 ? (Object) (setting == 1) : LuaString.of(names[setting]);
    }
}
