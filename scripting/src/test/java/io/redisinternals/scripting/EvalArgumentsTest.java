package io.redisinternals.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.redisinternals.command.NestedCalls;
import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** EVAL's numkeys and the shebang's up-front checks (scriptPrepareForRun), texts from redis-server 7.0.15. */
class EvalArgumentsTest {

    private static String numkeysError(String... argv) {
        return assertThrows(ScriptException.class, () -> EvalCommands.numkeys(Argv.of(argv))).getMessage();
    }

    @Test
    void numkeysInRedisOrder() {
        assertEquals(0, EvalCommands.numkeys(Argv.of("EVAL", "s", "0")));
        assertEquals(2, EvalCommands.numkeys(Argv.of("EVAL", "s", "2", "a", "b")));
        assertEquals(1, EvalCommands.numkeys(Argv.of("EVAL", "s", "1", "a", "b")));
        assertEquals("ERR Number of keys can't be greater than number of args", numkeysError("EVAL", "s", "2", "a"));
        assertEquals("ERR Number of keys can't be negative", numkeysError("EVAL", "s", "-1"));
        assertEquals("ERR value is not an integer or out of range", numkeysError("EVAL", "s", "abc"));
        assertEquals("ERR value is not an integer or out of range", numkeysError("EVAL", "s", "1.5"));
        assertEquals("ERR value is not an integer or out of range", numkeysError("EVAL", "s", " 1"));
        assertEquals("ERR Number of keys can't be greater than number of args",
                numkeysError("EVAL", "s", "99999999999999"));
    }

    private static Shebang shebang(String body) {
        return Shebang.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String prepareError(String body, boolean ro, boolean oom) {
        return assertThrows(ScriptException.class, () -> EvalCommands.prepare(shebang(body), ro, oom)).getMessage();
    }

    @Test
    void nestedFlagsFromTheCommandAndTheShebang() {
        assertEquals(0, EvalCommands.prepare(shebang("return 1"), false, false));
        assertEquals(NestedCalls.READ_ONLY, EvalCommands.prepare(shebang("return 1"), true, false));
        assertEquals(NestedCalls.READ_ONLY, EvalCommands.prepare(shebang("#!lua flags=no-writes\n"), false, false));
        assertEquals(NestedCalls.READ_ONLY, EvalCommands.prepare(shebang("#!lua flags=no-writes\n"), true, false));
        assertEquals(NestedCalls.ALLOW_OOM, EvalCommands.prepare(shebang("#!lua flags=allow-oom\n"), false, true));
        assertEquals(0, EvalCommands.prepare(shebang("#!lua\n"), false, false));
        // compatibility mode is never refused up front: its commands are checked one by one
        assertEquals(0, EvalCommands.prepare(shebang("return 1"), false, true));
    }

    @Test
    void theCallsFlagsFollowTheShebang() {
        java.util.Set<io.redisinternals.command.CommandFlag> declared = java.util.EnumSet.of(
                io.redisinternals.command.CommandFlag.NOSCRIPT, io.redisinternals.command.CommandFlag.STALE,
                io.redisinternals.command.CommandFlag.MAY_REPLICATE, io.redisinternals.command.CommandFlag.MOVABLEKEYS);
        assertEquals(declared, EvalCommands.scriptCommandFlags(declared, shebang("return 1")));
        assertEquals("[WRITE, DENYOOM, NOSCRIPT, MOVABLEKEYS]",
                EvalCommands.scriptCommandFlags(declared, shebang("#!lua\n")).toString());
        assertEquals("[WRITE, NOSCRIPT, MOVABLEKEYS]",
                EvalCommands.scriptCommandFlags(declared, shebang("#!lua flags=allow-oom\n")).toString());
        assertEquals("[NOSCRIPT, MOVABLEKEYS]",
                EvalCommands.scriptCommandFlags(declared, shebang("#!lua flags=no-writes\n")).toString());
        assertEquals("[WRITE, DENYOOM, NOSCRIPT, STALE, MOVABLEKEYS]",
                EvalCommands.scriptCommandFlags(declared, shebang("#!lua flags=allow-stale\n")).toString());
    }

    @Test
    void shebangScriptsThatMayWriteAreRefusedUpFront() {
        assertEquals("ERR Can not execute a script with write flag using *_ro command.",
                prepareError("#!lua\nreturn 1", true, false));
        assertEquals("ERR Can not execute a script with write flag using *_ro command.",
                prepareError("#!lua flags=allow-oom\nreturn 1", true, true));
        assertEquals("OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'",
                prepareError("#!lua\nreturn 1", false, true));
        assertEquals(NestedCalls.READ_ONLY, EvalCommands.prepare(shebang("#!lua flags=no-writes\n"), false, true));
    }
}
