package io.redisinternals.conformance;

/**
 * Compile errors of scripts whose texts the Lua fuzz target's findings fixed, against
 * redis-server 7.0.15 (whose Lua differs from lua5.1 in parsing every chunk as text): control and
 * NUL bytes, bytes above 127 in the message, nested long brackets, a binary chunk's signature,
 * the limit on the variables of one assignment (which depends on the C call depth).
 */
class ScriptCompileErrorsTest extends ConformanceTestBase {

    @AllConfigurations
    void compileErrorTexts(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("EVAL", "\u001bLua", "0");
            d.same("EVAL", "return {loadstring('\\027Lua\\0\\1')}", "0");
            d.same("EVAL", "return x = \u0001", "0");
            d.same("EVAL", "return 1 \u007f", "0");
            d.same("EVAL", "return 1 \u0000 2", "0");
            d.same("EVAL", "return {loadstring('return 1 \\0 2')}", "0");
            d.same("EVAL", "return 1 \u00e9", "0");
            d.same("EVAL", "return {loadstring('return 1 \\255')}", "0");
            d.same("EVAL", "return \"unfinished \u00ff", "0");
            d.same("EVAL", "return [[ a [[ b ]]", "0");
            d.same("EVAL", "--[[ a\n [[ b ]]\nreturn 1", "0");
            d.same("EVAL", "return [==[ [==[ ]==] .. [[ a [=[ ]]", "0");
            for (int n : new int[] {199, 200, 201}) {
                String vars = "local a " + String.join(",", java.util.Collections.nCopies(n, "a")) + " = 1";
                d.same("EVAL", vars, "0");
                d.same("EVAL", "return {loadstring('" + vars + "')}", "0");
                d.same("EVAL", "return select(2, loadstring('" + vars + "'))", "0");
                d.same("EVAL", "local f = function() " + vars + " end", "0");
            }
            d.same("SCRIPT", "LOAD", "return 1 \u00e9");
            d.same("FUNCTION", "LOAD", "#!lua name=badbytes\nreturn 1 \u00e9");
            d.assertNoMismatches();
        }
    }
}
