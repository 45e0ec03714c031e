package io.redisinternals.lua.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rest of the string library (byte char dump len lower rep reverse sub upper), against lua5.1. */
class StringLibTest {

    @Test
    void subByteAndChar() {
        LuaReference.assertSameAsLua(List.of(
                "return string.sub('hello', 2)",
                "return string.sub('hello', 2, 3)",
                "return string.sub('hello', -3)",
                "return string.sub('hello', -3, -2)",
                "return string.sub('hello', 0)",
                "return string.sub('hello', -100, 100)",
                "return string.sub('hello', 4, 2)",
                "return string.sub('hello', 6)",
                "return string.sub('hello', 2.7, 3.9)",
                "return string.sub('hello', 1/0)",
                "return string.sub('hello', -1/0)",
                "return string.sub('hello', 0/0)",
                "return string.sub('hello')",
                "return string.sub('hello', 'x')",
                "return string.sub('hello', '2', '3')",
                "return string.sub(12345, 2, 3)",
                "return string.byte('ABC')",
                "return string.byte('ABC', 2)",
                "return string.byte('ABC', 1, 3)",
                "return string.byte('ABC', -1)",
                "return string.byte('ABC', 1, -1)",
                "return string.byte('ABC', 10)",
                "return string.byte('ABC', 3, 1)",
                "return string.byte('')",
                "return string.byte('\\0\\255')",
                "return string.byte('\\0\\255', 1, 2)",
                "return string.byte('ABC', 0, 100)",
                "return string.char(72, 105)",
                "return string.char()",
                "return string.char(0, 255)",
                "return string.char(256)",
                "return string.char(-1)",
                "return string.char(65.9)",
                "return string.char('65')",
                "return string.char(65, 'x')",
                "return string.char(65, nil)"));
    }

    @Test
    void repCaseReverseLenDump() {
        LuaReference.assertSameAsLua(List.of(
                "return string.rep('ab', 3)",
                "return string.rep('ab', 0)",
                "return string.rep('ab', -1)",
                "return string.rep('', 100)",
                "return string.rep('x', 2.9)",
                "return string.rep('x')",
                "return string.rep(5, 3)",
                "return string.rep('a\\0', 2)",
                "return string.upper('Hello, World! \\200\\0')",
                "return string.lower('Hello, World! \\200\\0')",
                "return string.upper(12)",
                "return string.upper()",
                "return string.lower({})",
                "return string.reverse('hello')",
                "return string.reverse('')",
                "return string.reverse('a\\0b')",
                "return string.len('hello')",
                "return string.len('')",
                "return string.len('a\\0b')",
                "return string.len(123)",
                "return string.len(1/3)",
                "return string.len()",
                "return string.dump(string.len)",
                "return string.dump('x')",
                "return string.dump()"));
    }

    @Test
    void stringsShareAMetatableWhoseIndexIsTheStringTable() {
        LuaState state = new LuaState();
        StringLib.open(state);
        LuaTable string = (LuaTable) state.globals().rawget(LuaString.of("string"));
        assertSame(string, state.stringMetatable().rawget(LuaString.of("__index")));
        assertSame(string.rawget(LuaString.of("gmatch")), string.rawget(LuaString.of("gfind")));
        assertEquals(15, count(string)); // the 15 names lua5.1 lists, gfind among them
    }

    private static int count(LuaTable t) {
        int n = 0;
        for (Object[] e = t.next(null); e != null; e = t.next(e[0])) {
            n++;
        }
        return n;
    }
}
