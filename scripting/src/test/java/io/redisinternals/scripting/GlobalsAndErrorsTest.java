package io.redisinternals.scripting;

import static io.redisinternals.scripting.LuaValues.s;
import static io.redisinternals.scripting.LuaValues.show;
import static io.redisinternals.scripting.LuaValues.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaTable;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The globals' metatable functions and the error replies of scripts, texts from redis-server 7.0.15. */
class GlobalsAndErrorsTest {

    private static final String SHA = "c243b9f46db13ba8f69da41b45a77708832babed";

    private static LuaError raisedBy(LuaFunction f, Object... args) {
        return assertThrows(LuaError.class, () -> f.call(new LuaState(), args));
    }

    @Test
    void globalsProtection() {
        LuaState state = new LuaState();
        LuaTable mt = ScriptEnvironment.errorMetatable();
        state.globals().metatable(mt);
        LuaError e = raisedBy((LuaFunction) mt.rawget(GlobalsProtection.INDEX), state.globals(), s("x"));
        assertEquals(LuaError.Kind.RUNTIME, e.kind()); // the interpreter prefixes "user_script:1: "
        assertEquals("Script attempted to access nonexistent global variable 'x'", e.getMessage());
        assertEquals("Script attempted to access nonexistent global variable '1'",
                raisedBy((LuaFunction) mt.rawget(GlobalsProtection.INDEX), state.globals(), 1.0).getMessage());
        assertEquals("Wrong number of arguments to luaProtectedTableError",
                raisedBy((LuaFunction) mt.rawget(GlobalsProtection.INDEX), s("x")).getMessage());
        assertEquals("Second argument to luaProtectedTableError must be a string or number",
                raisedBy((LuaFunction) mt.rawget(GlobalsProtection.INDEX), state.globals(), true).getMessage());
        assertEquals(null, mt.rawget(GlobalsProtection.NEWINDEX)); // writes: the read-only flag, as Redis
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void raisedErrorsBecomeTablesWithThePositionAndReplyWithTheScriptsName() {
        // error('boom'): the interpreter's message already holds the position; the handler adds it again
        LuaTable t = ScriptErrors.handle(s("user_script:1: boom"), ScriptEngine.SOURCE, 1);
        assertEquals("{err='ERR user_script:1: boom', line=1, source='@user_script'}", show(t));
        assertEquals("-ERR user_script:1: boom script: " + SHA + ", on @user_script:1.\r\n",
                text(ScriptErrors.raisedError(t, SHA)));
        // error({err='boom'}) and redis.call's error tables are completed in place
        LuaTable raised = table("err", s("boom"));
        assertSame(raised, ScriptErrors.handle(raised, ScriptEngine.SOURCE, 3));
        assertEquals("-boom script: " + SHA + ", on @user_script:3.\r\n", text(ScriptErrors.raisedError(raised, SHA)));
        // a raised table without err: an empty message
        assertEquals("- script: " + SHA + ", on @user_script:1.\r\n",
                text(ScriptErrors.raisedError(ScriptErrors.handle(new LuaTable(), ScriptEngine.SOURCE, 1), SHA)));
        // error(nil), error(12)
        assertEquals("{err='ERR nil'}", show(ScriptErrors.handle(null, null, 0)));
        assertEquals("{err='ERR 12'}", show(ScriptErrors.handle(12.0, null, 0)));
        // no position known: no suffix
        assertEquals("-ERR x\r\n", text(ScriptErrors.raisedError(table("err", s("ERR x")), SHA)));
        assertEquals("-ERR a b script: " + SHA + ", on @user_script:1.\r\n",
                text(ScriptErrors.raisedError(ScriptErrors.handle(s("a\nb"), ScriptEngine.SOURCE, 1), SHA)));
    }
}
