package io.redisinternals.scripting;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.util.Locale;

/**
 * The arguments of redis.register_function (Redis's luaRegisterFunctionReadArgs): either
 * {@code (name, callback)} or one table of named arguments {@code function_name}, {@code callback},
 * {@code description} and {@code flags} (a list of flag names, any case). Errors are raised as
 * Redis's tables, with its texts.
 */
record FunctionArgs(String name, LuaFunction callback, String description, int flags) {

    static FunctionArgs read(Object[] args) {
        if (args.length == 1) {
            return named(args[0]);
        }
        if (args.length == 2) {
            LuaString name = Lua.toLuaString(args[0]);
            if (name == null) {
                throw FunctionEngine.error("first argument to redis.register_function must be a string");
            }
            if (!(args[1] instanceof LuaFunction callback)) {
                throw FunctionEngine.error("second argument to redis.register_function must be a function");
            }
            return new FunctionArgs(FunctionEngine.text(name), callback, null, 0);
        }
        throw FunctionEngine.error("wrong number of arguments to redis.register_function");
    }

    private static FunctionArgs named(Object arg) {
        if (!(arg instanceof LuaTable t)) {
            throw FunctionEngine.error("calling redis.register_function with a single argument is only applicable"
                    + " to Lua table (representing named arguments).");
        }
        String name = null;
        String description = null;
        LuaFunction callback = null;
        int flags = 0;
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            LuaString k = Lua.toLuaString(e[0]); // lua_isstring: a number key is its text
            if (k == null) {
                throw FunctionEngine.error("named argument key given to redis.register_function is not a string");
            }
            Object v = e[1];
            switch (FunctionEngine.text(k).toLowerCase(Locale.ROOT)) {
                case "function_name" -> {
                    LuaString s = Lua.toLuaString(v);
                    if (s == null) {
                        throw FunctionEngine.error("function_name argument given to redis.register_function must be a string");
                    }
                    name = FunctionEngine.text(s);
                }
                case "description" -> {
                    LuaString s = Lua.toLuaString(v);
                    if (s == null) {
                        throw FunctionEngine.error("description argument given to redis.register_function must be a string");
                    }
                    description = FunctionEngine.text(s);
                }
                case "callback" -> {
                    if (!(v instanceof LuaFunction f)) {
                        throw FunctionEngine.error("callback argument given to redis.register_function must be a function");
                    }
                    callback = f;
                }
                case "flags" -> {
                    if (!(v instanceof LuaTable list)) {
                        throw FunctionEngine.error("flags argument to redis.register_function must be a table representing function flags");
                    }
                    flags = flags(list);
                }
                default -> throw FunctionEngine.error("unknown argument given to redis.register_function");
            }
        }
        if (name == null) {
            throw FunctionEngine.error("redis.register_function must get a function name argument");
        }
        if (callback == null) {
            throw FunctionEngine.error("redis.register_function must get a callback argument");
        }
        return new FunctionArgs(name, callback, description, flags);
    }

    /** The flag names of list[1], list[2], ... up to the first nil; any other name is refused. */
    private static int flags(LuaTable list) {
        int flags = 0;
        for (int i = 1; ; i++) {
            Object v = list.rawget(i);
            if (v == null) {
                return flags;
            }
            LuaString s = Lua.toLuaString(v);
            int bit = s == null ? 0 : Shebang.flagBit(FunctionEngine.text(s));
            if (bit == 0) {
                throw FunctionEngine.error("unknown flag given");
            }
            flags |= bit;
        }
    }
}
