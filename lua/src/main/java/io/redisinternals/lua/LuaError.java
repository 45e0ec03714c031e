package io.redisinternals.lua;

/**
 * A Lua error in flight: any Lua value ({@code error({code=1})} throws a table). What pcall
 * returns is {@link #value()}.
 *
 * <p>Built-ins raise position-less errors; the interpreter completes them where Lua 5.1 does:
 * {@link #runtime} gets the position of the Lua code that called the built-in ("input:3: "), as
 * luaL_error's luaL_where(L, 1); {@link #argument} also gets the name the caller used for the
 * function ("bad argument #1 to 'rep' (number expected, got no value)", with a method call's
 * argument numbers shifted as luaL_argerror does).
 */
public final class LuaError extends RuntimeException {

    public enum Kind { VALUE, RUNTIME, ARGUMENT }

    private Object value;
    private Kind kind;
    private final int argument;
    /** Lua's traceback text, when the interpreter recorded one (not part of the value). */
    private String luaTraceback;

    private LuaError(Object value, Kind kind, int argument) {
        super(null, null, false, false); // no Java stack trace: errors are control flow in Lua
        this.value = value;
        this.kind = kind;
        this.argument = argument;
    }

    /**
     * Lua's memory error (LUA_ERRMEM): the bare message "not enough memory", no position, and no
     * message handler runs for it (Lua 5.1 calls the handler for runtime errors only).
     */
    public static LuaError memory() {
        LuaError e = value(LuaString.of("not enough memory"));
        e.markHandled();
        return e;
    }

    /** error(value): the value as given, no position added. */
    public static LuaError value(Object value) {
        return new LuaError(value, Kind.VALUE, 0);
    }

    /** luaL_error: a message the interpreter prefixes with the calling Lua code's position. */
    public static LuaError runtime(String message) {
        return new LuaError(LuaString.of(message), Kind.RUNTIME, 0);
    }

    /** luaL_argerror(arg, extramsg): the interpreter formats it with the function's name. */
    public static LuaError argument(int arg, String extramsg) {
        return new LuaError(LuaString.of(extramsg), Kind.ARGUMENT, arg);
    }

    /** luaL_typerror: "&lt;expected&gt; expected, got &lt;type or no value&gt;". */
    public static LuaError type(int arg, String expected, Object[] args) {
        String got = arg > args.length ? "no value" : Lua.typeName(args[arg - 1]);
        return argument(arg, expected + " expected, got " + got);
    }

    public Object value() {
        return value;
    }

    public Kind kind() {
        return kind;
    }

    public int argumentIndex() {
        return argument;
    }

    /** The interpreter completes a built-in's error: the final value, now a plain value. */
    public void complete(Object finalValue) {
        this.value = finalValue;
        this.kind = Kind.VALUE;
    }

    private boolean handled;

    /** True once an xpcall message handler has turned the value (it runs once, where the error was raised). */
    public boolean handled() {
        return handled;
    }

    public void markHandled() {
        this.handled = true;
    }

    public String luaTraceback() {
        return luaTraceback;
    }

    public void luaTraceback(String traceback) {
        this.luaTraceback = traceback;
    }

    @Override
    public String getMessage() {
        return value instanceof LuaString s ? s.toString() : Lua.typeName(value) + " error object";
    }
}
