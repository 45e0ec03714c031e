package io.redisinternals.conformance;

/**
 * What EVAL, EVALSHA and SCRIPT answer before any Lua runs, against the reference: numkeys and
 * shebang errors, NOSCRIPT, SCRIPT EXISTS / FLUSH / KILL / HELP. (What needs the interpreter is in
 * {@link ScriptingTest}.)
 */
class ScriptCommandsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void argumentErrorsAndTheEmptyCache(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SCRIPT", "FLUSH");
            d.same("EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0");
            d.same("EVALSHA_RO", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0");
            d.same("EVALSHA", "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB", "0");
            d.same("EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8dbxx", "0");
            d.same("EVALSHA", "short", "0");
            d.same("EVAL", "return 1", "2", "a");
            d.same("EVAL", "return 1", "-1");
            d.same("EVAL", "return 1", "abc");
            d.same("EVAL", "return 1", "1.5");
            d.same("EVAL_RO", "return 1", "3", "a", "b");
            d.same("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "-1");
            d.same("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "1");
            d.same("EVAL", "#!foo\nreturn 1", "0");
            d.same("EVAL", "#!lua x=1\nreturn 1", "0");
            d.same("EVAL", "#!lua name=x\nreturn 1", "0");
            d.same("EVAL", "#!lua flags=bad\nreturn 1", "0");
            d.same("EVAL", "#!lua flags=no-writes,\nreturn 1", "0");
            d.same("EVAL", "#!lua", "0");
            d.same("EVAL", "#!lua flags=no-writes", "0");
            d.same("EVAL_RO", "#!lua flags=nope\nreturn 1", "0");
            d.same("SCRIPT", "LOAD", "#!lua flags=bad\nreturn 1");
            d.same("EVAL");
            d.same("EVAL", "return 1");
            d.same("EVALSHA", "x");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void scriptSubcommands(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "x",
                    "ffffffffffffffffffffffffffffffffffffffff");
            d.same("SCRIPT", "EXISTS");
            d.same("SCRIPT", "FLUSH", "ASYNC");
            d.same("SCRIPT", "FLUSH", "sync");
            d.same("SCRIPT", "FLUSH", "foo");
            d.same("SCRIPT", "FLUSH", "sync", "sync");
            d.same("SCRIPT", "KILL");
            d.same("SCRIPT", "KILL", "x");
            d.same("SCRIPT", "HELP");
            d.same("SCRIPT", "LOAD");
            d.same("SCRIPT", "NOSUCH");
            d.same("SCRIPT");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void keysFromNumkeys(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("COMMAND", "GETKEYS", "EVAL", "return 1", "2", "a", "b", "c");
            d.same("COMMAND", "GETKEYSANDFLAGS", "EVAL", "return 1", "1", "a", "b");
            d.same("COMMAND", "GETKEYS", "EVALSHA_RO", "x", "1", "a");
            d.same("COMMAND", "GETKEYS", "EVAL", "return 1", "0");
            d.same("COMMAND", "GETKEYS", "EVAL", "return 1", "3", "a");
            d.same("COMMAND", "GETKEYS", "EVAL", "return 1", "-1");
            d.assertNoMismatches();
        }
    }

    /**
     * Over maxmemory, an EVAL of a script whose shebang lets it write is refused by the dispatcher
     * before it runs (the script's flags make the call denyoom, Redis's evalGetCommandFlags), in
     * MULTI too; without a shebang, or with a bad one, it is not.
     */
    @AllConfigurationsBothProtocols
    void shebangScriptsAreDenyoom(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "a", "1");
            d.same("CONFIG", "SET", "maxmemory", "1");
            d.same("EVAL", "#!lua\nreturn 1", "0");
            d.same("EVAL", "#!lua flags=allow-stale\nreturn 1", "0");
            d.same("EVAL_RO", "#!lua\nreturn 1", "0");
            d.same("EVAL", "#!lua flags=bad\nreturn 1", "0");
            d.same("EVAL", "#!lua", "0");
            d.same("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0");
            d.same("EVAL", "return 1", "-1");
            d.same("MULTI");
            d.same("EVAL", "#!lua\nreturn 1", "0");
            d.same("EXEC");
            d.same("CONFIG", "SET", "maxmemory", "0");
            d.same("MULTI");
            d.same("EVAL", "#!lua flags=bad\nreturn 1", "0");
            d.same("EXEC");
            d.assertNoMismatches();
        } finally {
            for (Endpoint ep : java.util.List.of(reference(), ours(config))) {
                try (RawConnection c = ep.connect()) {
                    c.call("CONFIG", "SET", "maxmemory", "0");
                }
            }
        }
    }

    @AllConfigurationsBothProtocols
    void insideMulti(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("MULTI");
            d.same("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0");
            d.same("EVAL", "return 1", "-1");
            d.same("SCRIPT", "EXISTS", "ffffffffffffffffffffffffffffffffffffffff");
            d.same("EXEC");
            d.assertNoMismatches();
        }
    }
}
