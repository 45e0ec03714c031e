package io.redisinternals.scripting;

import io.redisinternals.lua.LuaFunction;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The scripts EVAL and SCRIPT LOAD have seen, by the SHA1 of their body: each compiled once
 * (Redis's lctx.lua_scripts). Bounded by what clients load, as in Redis; SCRIPT FLUSH empties it.
 *
 * <p>Threading: under the engine's execution lock, like every command.
 */
final class ScriptCache {

    /** Compiles a script body (the shebang line already blanked) into its function. */
    @FunctionalInterface
    interface Compiler {
        /**
         * @throws ScriptException "ERR Error compiling script (new function): user_script:1: ..."
         */
        LuaFunction compile(byte[] body);
    }

    /** A cached script: its SHA1 (lower-case hex), body, shebang and compiled function. */
    record Script(String sha, byte[] body, Shebang shebang, LuaFunction function) {
    }

    private final Compiler compiler;
    private final Map<String, Script> scripts = new HashMap<>();

    ScriptCache(Compiler compiler) {
        this.compiler = compiler;
    }

    /**
     * The cached script of {@code body}, compiled and added on first sight (EVAL, SCRIPT LOAD).
     *
     * @throws ScriptException for a bad shebang or a compile error; nothing is cached then
     */
    Script load(byte[] body) {
        String sha = Sha1.hex(body);
        Script s = scripts.get(sha);
        if (s != null) {
            return s;
        }
        Shebang shebang = Shebang.parse(body);
        byte[] source = body;
        if (shebang.length() > 0) {
            source = body.clone();
            java.util.Arrays.fill(source, 0, shebang.length(), (byte) ' ');
        }
        s = new Script(sha, body, shebang, compiler.compile(source));
        scripts.put(sha, s);
        return s;
    }

    /**
     * The script named {@code sha} (any case, as EVALSHA and SCRIPT EXISTS accept), or null: a
     * name that is not 40 characters long names nothing.
     */
    Script get(String sha) {
        if (sha.length() != 40) {
            return null;
        }
        return scripts.get(sha.toLowerCase(Locale.ROOT));
    }

    boolean exists(String sha) {
        return get(sha) != null;
    }

    int size() {
        return scripts.size();
    }

    /** The bytes held for the cached scripts: each one's SHA (40) and body (INFO, approximate). */
    long memory() {
        long sum = 0;
        for (Script s : scripts.values()) {
            sum += 40 + s.body().length;
        }
        return sum;
    }

    /** SCRIPT FLUSH: every script forgotten (SYNC or ASYNC alike: dropping the map is O(1) here). */
    void flush() {
        scripts.clear();
    }
}
