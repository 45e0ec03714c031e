package io.redisinternals.lua;

import io.redisinternals.lua.lib.BaseLib;
import io.redisinternals.lua.lib.CoroutineLib;
import io.redisinternals.lua.lib.DebugLib;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a Lua chunk on our interpreter as the {@code lua5.1} command line runs a file: the output
 * of print, then for an uncaught error "lua5.1: message" (the traceback lua5.1 adds is not compared).
 */
final class LuaRun {

    private LuaRun() {
    }

    static LuaState newState() {
        LuaState st = new LuaState();
        BaseLib.open(st);
        CoroutineLib.open(st);
        DebugLib.open(st);
        return st;
    }

    /** stdout, and the error line as lua5.1 prints it on stderr ("" when none). */
    static String[] run(byte[] source, String chunkName) {
        String[] result = new String[2];
        // a big stack: the tree interpreter needs more Java stack per Lua call than lua5.1's C stack
        Thread t = new Thread(null, () -> result[0] = runHere(source, chunkName, result), "lua", 1L << 30);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return result;
    }

    private static String runHere(byte[] source, String chunkName, String[] result) {
        LuaState st = newState();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        st.output(s -> out.writeBytes(s.toBytes()));
        result[1] = "";
        try {
            LuaFunction f = st.load(LuaString.wrap(source), chunkName);
            st.call(f);
        } catch (LuaError e) {
            Object v = e.value();
            result[1] = "lua5.1: " + (v instanceof LuaString || v instanceof Double ? Lua.toLuaString(v).toString()
                    : v == null ? "nil" : "(error object is not a string)");
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
