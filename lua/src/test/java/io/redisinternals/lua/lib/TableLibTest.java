package io.redisinternals.lua.lib;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table library against lua5.1; sort results must match element for element. */
class TableLibTest {

    @Test
    void concatInsertRemoveMaxnGetn() {
        LuaReference.assertSameAsLua(List.of(
                "return table.concat({1, 2, 3})",
                "return table.concat({1, 2, 3}, ', ')",
                "return table.concat({1, 2, 3}, ', ', 2)",
                "return table.concat({1, 2, 3}, ', ', 2, 3)",
                "return table.concat({1, 2, 3}, ', ', 3, 2)",
                "return table.concat({}, 'x')",
                "return table.concat({'a', 'b'}, 1)",
                "return table.concat({1, {}, 3})",
                "return table.concat({1, 2}, ',', 1, 3)",
                "return table.concat({1, 2}, {})",
                "return table.concat('x')",
                "return table.concat({1/3, 'x', 2})",
                "local t = {1, 2, 3}; table.insert(t, 4); return t",
                "local t = {1, 2, 3}; table.insert(t, 1, 0); return t",
                "local t = {1, 2, 3}; table.insert(t, 2, 'x'); return t",
                "local t = {1, 2, 3}; table.insert(t, 6, 'x'); return t, table.getn(t)",
                "local t = {1, 2, 3}; table.insert(t, 4, 'x'); return t",
                "local t = {}; table.insert(t, 'a'); table.insert(t, 'b'); return t",
                "local t = {1}; return table.insert(t, 1, 2, 3)",
                "local t = {1}; return table.insert(t)",
                "return table.insert(nil, 1)",
                "local t = {1}; table.insert(t, 'x', 2); return t",
                "local t = {1, 2, 3}; return table.remove(t), t",
                "local t = {1, 2, 3}; return table.remove(t, 1), t",
                "local t = {1, 2, 3}; return table.remove(t, 2), t",
                "local t = {1, 2, 3}; return table.remove(t, 5), t",
                "local t = {1, 2, 3}; return table.remove(t, 0), t",
                "local t = {}; return table.remove(t), t",
                "return table.remove()",
                "return table.maxn({})",
                "return table.maxn({1, 2, nil, 4})",
                "return table.maxn({[1.5] = 1, [-3] = 2})",
                "return table.maxn({a = 1, [100] = 2, [7] = 3})",
                "return table.maxn(1)",
                "return table.getn({1, 2, 3})",
                "return table.getn({})",
                "return table.getn('x')",
                "return table.setn({}, 1)",
                "return table.setn(1)",
                "return table.foreachi({'a', 'b', 'c'}, fn_stop)",
                "return table.foreachi({'a', 'x', 'c'}, fn_stop)",
                "return table.foreachi({'a'}, 1)",
                "return table.foreach({k = 'b'}, fn_stop)",
                "return table.foreach({k = 'a'}, fn_stop)",
                "return table.foreach({}, nil)"));
    }

    @Test
    void sortMatchesLuaExactly() {
        List<String> cases = new ArrayList<>(List.of(
                "local t = {3, 1, 2}; table.sort(t); return t",
                "local t = {}; table.sort(t); return t",
                "local t = {1}; table.sort(t); return t",
                "local t = {2, 1}; table.sort(t); return t",
                "local t = {'b', 'a', 'c', 'B', 'A', ''}; table.sort(t); return t",
                "local t = {'a\\0b', 'a', 'a\\0', '\\200', 'z'}; table.sort(t); return t",
                "local t = {5, 3, 8, 1, 9, 2, 7}; table.sort(t, fn_gt); return t",
                "local t = {1, 'x'}; table.sort(t); return t",
                "local t = {1, 2, {}}; table.sort(t); return t",
                "local t = {{}, {}}; table.sort(t); return t",
                "local t = {true, false}; table.sort(t); return t",
                "local t = {1, 2, 3, 4, 5}; table.sort(t, fn_true); return t",
                "local t = {1, 2, 3}; table.sort(t, fn_true); return t",
                "local t = {5, 4, 3, 2, 1, 0, 9, 8}; table.sort(t, fn_err); return t",
                "local t = {1, 2}; table.sort(t, 1); return t",
                "table.sort('x')",
                "local t = {'b', 'c', 'a'}; table.sort(t, fn_lt); return t",
                "local t = {3, 2, 1, 1/0, -1/0, 0, 0.5}; table.sort(t); return t"));
        // many equal keys under a comparator: the order among equals is the algorithm's fingerprint
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            big.append(i > 0 ? ", " : "").append((i * 37) % 101);
        }
        cases.add("local t = {" + big + "}; table.sort(t, fn_mod3); return t");
        cases.add("local t = {" + big + "}; table.sort(t); return t");
        cases.add("local t = {" + big + "}; table.sort(t, fn_gt); return t");
        StringBuilder dup = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            dup.append(i > 0 ? ", " : "").append((i * 7) % 5);
        }
        cases.add("local t = {" + dup + "}; table.sort(t, fn_mod3); return t");
        cases.add("local t = {" + dup + "}; table.sort(t, fn_true); return t");
        LuaReference.assertSameAsLua(cases);
    }
}
