package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A read-only table (Redis's patched Lua) refuses every write from Lua: assignments carry the
 * position, built-ins (rawset, setmetatable, table.insert/remove/sort) do not; the host's own
 * rawset still writes.
 */
class ReadonlyTableTest {

    private final LuaState state = withTables(LuaRun.newState());

    private static LuaState withTables(LuaState st) {
        io.redisinternals.lua.lib.TableLib.open(st);
        return st;
    }

    private String error(String source) {
        LuaError e = assertThrows(LuaError.class,
                () -> state.call(state.load(LuaString.of(source), "@t")));
        return state.tostring(e.value()).toString();
    }

    @Test
    void writesFromLuaAreRefused() {
        LuaTable t = new LuaTable();
        t.rawset(LuaString.of("a"), 1.0);
        t.readonly(true);
        state.globals().rawset(LuaString.of("ro"), t);
        assertEquals("t:1: Attempt to modify a readonly table", error("ro.a = 2"));
        assertEquals("t:1: Attempt to modify a readonly table", error("ro.b = 2"));
        assertEquals("t:2: Attempt to modify a readonly table", error("local x = ro\nx[1] = 2"));
        assertEquals("Attempt to modify a readonly table", error("rawset(ro, 'a', 3)"));
        assertEquals("Attempt to modify a readonly table", error("setmetatable(ro, {})"));
        assertEquals("Attempt to modify a readonly table", error("table.insert(ro, 1)"));
        assertEquals("Attempt to modify a readonly table", error("table.sort(ro)"));
        assertEquals(1.0, t.rawget(LuaString.of("a")));
        t.rawset(LuaString.of("a"), 5.0); // the host still writes
        assertEquals(5.0, state.call(state.load(LuaString.of("return ro.a"), "@t"))[0]);
    }

    @Test
    void readOnlyGlobals() {
        state.globals().readonly(true);
        assertEquals("t:1: Attempt to modify a readonly table", error("x = 1"));
        assertEquals(2.0, state.call(state.load(LuaString.of("local t = {} t.x = 2 return t.x"), "@t"))[0]);
    }
}
