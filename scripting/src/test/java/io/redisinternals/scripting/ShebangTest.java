package io.redisinternals.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Shebang parsing, with redis-server 7.0.15's error texts (checked there with EVAL). */
class ShebangTest {

    private static Shebang parse(String body) {
        return Shebang.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String body) {
        return assertThrows(ScriptException.class, () -> parse(body)).getMessage();
    }

    @Test
    void noShebangIsCompatibilityMode() {
        assertEquals(Shebang.NONE, parse("return 1"));
        assertEquals(Shebang.NONE, parse(""));
        assertEquals(Shebang.NONE, parse("#"));
        assertTrue(parse("return 1").has(Shebang.EVAL_COMPAT_MODE));
    }

    @Test
    void flagsAreReadFromEveryFlagsOption() {
        Shebang s = parse("#!lua flags=no-writes,allow-oom  \nreturn 1");
        assertEquals(Shebang.NO_WRITES | Shebang.ALLOW_OOM, s.flags());
        assertEquals("#!lua flags=no-writes,allow-oom  ".length(), s.length());
        assertEquals(Shebang.NO_WRITES | Shebang.ALLOW_OOM,
                parse("#!lua flags=no-writes flags=allow-oom\nreturn 1").flags());
        assertEquals(Shebang.ALLOW_STALE | Shebang.NO_CLUSTER | Shebang.ALLOW_CROSS_SLOT_KEYS,
                parse("#!lua flags=allow-stale,no-cluster,allow-cross-slot-keys\n").flags());
        assertEquals(0, parse("#!lua\nreturn 1").flags());
        assertEquals(0, parse("#!lua flags=\nreturn 1").flags());
        assertEquals(0, parse("#!lua   \t\nreturn 1").flags());
    }

    @Test
    void errorsAsRedis() {
        assertEquals("ERR Invalid script shebang", error("#!lua"));
        assertEquals("ERR Invalid script shebang", error("#!lua flags=no-writes"));
        assertEquals("ERR Unexpected engine in script shebang: #!foo", error("#!foo\nreturn 1"));
        assertEquals("ERR Unexpected engine in script shebang: #!", error("#! lua\nreturn 1"));
        assertEquals("ERR Unknown lua shebang option: x=1", error("#!lua x=1\nreturn 1"));
        assertEquals("ERR Unknown lua shebang option: name=x", error("#!lua name=x\nreturn 1"));
        assertEquals("ERR Unexpected flag in script shebang: bad", error("#!lua flags=bad\nreturn 1"));
        assertEquals("ERR Unexpected flag in script shebang: ", error("#!lua flags=no-writes,\nreturn 1"));
        assertEquals("ERR Unexpected flag in script shebang: NO-WRITES", error("#!lua flags=NO-WRITES\n"));
    }
}
