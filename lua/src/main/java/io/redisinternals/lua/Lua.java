package io.redisinternals.lua;

/** Value helpers every library uses: types, truth, coercions, argument checks. */
public final class Lua {

    private Lua() {
    }

    /** No values (a function that returns nothing). */
    public static final Object[] NONE = new Object[0];

    public static Object[] one(Object v) {
        return new Object[] {v};
    }

    /** Lua's type(): "nil", "boolean", "number", "string", "table", "function", "thread", "userdata". */
    public static String typeName(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Double) {
            return "number";
        }
        if (v instanceof LuaString) {
            return "string";
        }
        if (v instanceof LuaTable) {
            return "table";
        }
        if (v instanceof LuaFunction) {
            return "function";
        }
        if (v instanceof Coroutine) {
            return "thread";
        }
        return "userdata";
    }

    /** Everything but nil and false is true. */
    public static boolean isTrue(Object v) {
        return v != null && v != Boolean.FALSE;
    }

    /** A number, or a string that spells one (Lua's arithmetic coercion); else null. */
    public static Double toNumber(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof LuaString s) {
            return LuaNumbers.parse(s);
        }
        return null;
    }

    /** A string, or a number as "%.14g" (Lua's string coercion); else null. */
    public static LuaString toLuaString(Object v) {
        if (v instanceof LuaString s) {
            return s;
        }
        if (v instanceof Double d) {
            return LuaNumbers.toLuaString(d);
        }
        return null;
    }

    /** The i-th argument (1-based), nil when absent. */
    public static Object arg(Object[] args, int i) {
        return i <= args.length ? args[i - 1] : null;
    }

    /** luaL_checknumber. */
    public static double checkNumber(Object[] args, int i) {
        Double d = toNumber(arg(args, i));
        if (d == null) {
            throw LuaError.type(i, "number", args);
        }
        return d;
    }

    /** luaL_checkinteger: a number truncated toward zero as lua_Integer (ptrdiff_t) would be. */
    public static long checkInteger(Object[] args, int i) {
        return (long) checkNumber(args, i);
    }

    /** luaL_optinteger. */
    public static long optInteger(Object[] args, int i, long def) {
        Object v = arg(args, i);
        return v == null ? def : checkInteger(args, i);
    }

    /** luaL_checklstring. */
    public static LuaString checkString(Object[] args, int i) {
        LuaString s = toLuaString(arg(args, i));
        if (s == null) {
            throw LuaError.type(i, "string", args);
        }
        return s;
    }

    /** luaL_checktype(LUA_TTABLE). */
    public static LuaTable checkTable(Object[] args, int i) {
        if (arg(args, i) instanceof LuaTable t) {
            return t;
        }
        throw LuaError.type(i, "table", args);
    }

    /** luaL_checkany. */
    public static Object checkAny(Object[] args, int i) {
        if (i > args.length) {
            throw LuaError.argument(i, "value expected");
        }
        return args[i - 1];
    }
}
