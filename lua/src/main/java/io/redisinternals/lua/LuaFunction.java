package io.redisinternals.lua;

/**
 * A callable Lua value: a Lua closure (the interpreter's) or a built-in written in Java.
 *
 * <p>CONTRACT for built-ins: {@code args} holds exactly the arguments passed (its length is the
 * count: a missing argument is "no value", an explicit nil is {@code null} inside it); the result
 * is the returned values ({@link Lua#NONE} for none). Errors are thrown as {@link LuaError}:
 * {@link LuaError#runtime} (luaL_error: the interpreter prefixes the caller's position),
 * {@link LuaError#argument} (luaL_argerror: the interpreter names the function as the caller
 * called it). A built-in that calls back into Lua uses {@link LuaState#call}.
 */
public abstract class LuaFunction {

    /** For built-ins (or {@link #of}) and the interpreter's closures. */
    protected LuaFunction() {
    }

    /** The name for tostring and for messages when the call site gives none. */
    public String name() {
        return "?";
    }

    public abstract Object[] call(LuaState state, Object[] args);

    /** A built-in from a lambda. */
    public static LuaFunction of(String name, Body body) {
        return new LuaFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object[] call(LuaState state, Object[] args) {
                return body.call(state, args);
            }
        };
    }

    @FunctionalInterface
    public interface Body {
        Object[] call(LuaState state, Object[] args);
    }
}
