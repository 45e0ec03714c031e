package io.redisinternals.conformance;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What scripts cause besides their replies, against redis-server 7.0.15: the replication stream a
 * SYNCed replica link sees and the keyspace events. Redis 7.0 always replicates a script by its
 * effects: the writes its redis.call ran, wrapped in MULTI/EXEC when there are several, never the
 * EVAL itself; {@code redis.set_repl} chooses the targets (a replica link gets nothing under
 * REPL_NONE or REPL_AOF, since neither server runs an AOF here).
 */
class ScriptEffectsTest extends EffectsTestBase {

    @Override
    protected String notifyClasses() {
        return "KEAm";
    }

    /** One EVAL (or another command) whose script may hold spaces: the rest are split at spaces. */
    private static String[] cmd(String name, String script, String rest) {
        List<String> a = new ArrayList<>();
        a.add(name);
        a.add(script);
        if (!rest.isEmpty()) {
            a.addAll(List.of(rest.split(" ")));
        }
        return a.toArray(String[]::new);
    }

    private static String[] eval(String script, String rest) {
        return cmd("EVAL", script, rest);
    }

    private static String sha1(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private void same(String[]... commands) {
        probe.assertSame(List.of(commands));
    }

    @Test
    void oneWriteGoesOutAlone() {
        same(eval("return redis.call('set', KEYS[1], ARGV[1])", "1 one:k v"));
    }

    @Test
    void severalWritesGoOutAsATransaction() {
        same(eval("redis.call('set', KEYS[1], 'a') redis.call('incr', KEYS[2]) "
                + "redis.call('lpush', KEYS[3], 'x', 'y') return redis.call('expire', KEYS[1], 100)", "3 sev:a sev:b sev:c"));
    }

    @Test
    void aWriteThenAnErrorStaysWrittenAndPropagated() {
        same(eval("redis.call('set', KEYS[1], 'a') error('boom')", "1 err:a"),
                eval("redis.call('set', KEYS[1], 'a') redis.call('incr', KEYS[1]) return 1", "1 err:b"),
                eval("redis.call('set', KEYS[1], '1') redis.call('incr', KEYS[1]) redis.call('nosuch')", "1 err:c"),
                new String[] {"MGET", "err:a", "err:b", "err:c"});
    }

    @Test
    void pcallOfAFailingWrite() {
        same(eval("redis.call('set', KEYS[1], 'x') return redis.pcall('incr', KEYS[1])", "1 pc:a"),
                eval("return redis.pcall('incr', KEYS[1])", "1 pc:a"),
                eval("redis.pcall('lpush', KEYS[1], 'x') return redis.call('set', KEYS[2], 'v')", "2 pc:a pc:b"));
    }

    @Test
    void noWriteNothingPropagated() {
        same(new String[] {"SET", "nw:k", "v"},
                eval("return redis.call('get', KEYS[1])", "1 nw:k"),
                eval("return redis.call('set', KEYS[1], 'v', 'NX')", "1 nw:k"),
                eval("return redis.call('del', 'nw:absent')", "0"),
                eval("return 1", "0"));
    }

    @Test
    void evalRoAndEvalshaRo() {
        String script = "return redis.call('get', KEYS[1])";
        String sha = sha1(script);
        same(new String[] {"SET", "ro:k", "v"},
                new String[] {"SCRIPT", "LOAD", script},
                cmd("EVAL_RO", "return redis.call('get', KEYS[1])", "1 ro:k"),
                cmd("EVAL_RO", "return redis.call('set', KEYS[1], 'w')", "1 ro:k"),
                new String[] {"EVALSHA_RO", sha, "1", "ro:k"},
                new String[] {"EVALSHA", sha, "1", "ro:k"});
    }

    @Test
    void aScriptsSelect() {
        same(eval("redis.call('select', 2) redis.call('set', KEYS[1], 'in2') "
                + "redis.call('select', 3) return redis.call('set', KEYS[1], 'in3')", "1 sel:k"),
                new String[] {"SET", "sel:k", "in0"},
                eval("redis.call('select', 4) return redis.call('set', KEYS[1], 'in4')", "1 sel:k"),
                new String[] {"GET", "sel:k"},
                new String[] {"SELECT", "4"},
                new String[] {"GET", "sel:k"},
                eval("redis.call('select', 0) return redis.call('incr', 'sel:n')", "0"),
                new String[] {"SET", "sel:k", "still4"},
                new String[] {"SELECT", "0"});
    }

    @Test
    void aScriptReadingALazilyExpiredKey() throws InterruptedException {
        probe.given("DEBUG SET-ACTIVE-EXPIRE 0", "SET lazy:r 1 PX 1", "SET lazy:w 1 PX 1", "SET lazy:x 1 PX 1");
        Thread.sleep(20);
        same(eval("return redis.call('get', KEYS[1])", "1 lazy:r"),
                eval("redis.call('exists', KEYS[1]) return redis.call('set', KEYS[2], 'v')", "2 lazy:w lazy:other"),
                eval("return redis.call('incr', KEYS[1])", "1 lazy:x"));
        probe.given("DEBUG SET-ACTIVE-EXPIRE 1");
    }

    @Test
    void nonDeterministicCommandsThenAWrite() {
        probe.given("SADD nd:s only");
        // TIME and RANDOMKEY differ between the servers: the script does not return them
        same(eval("redis.call('time') return redis.call('set', KEYS[1], 'after-time')", "1 nd:a"),
                eval("local k = redis.call('randomkey') return redis.call('set', KEYS[1], 'after-randomkey')", "1 nd:b"),
                eval("local m = redis.call('spop', KEYS[1]) return redis.call('set', KEYS[2], m)", "2 nd:s nd:c"),
                eval("local m = redis.call('srandmember', KEYS[1]) return redis.call('sadd', KEYS[1], 'z')", "1 nd:s"));
    }

    @Test
    void publishInsideAScript() {
        same(eval("return redis.call('publish', 'pub:ch', 'hello')", "0"),
                eval("redis.call('set', KEYS[1], 'v') return redis.call('publish', 'pub:ch', 'hello')", "1 pub:k"));
    }

    @Test
    void fcallAndFcallRo() {
        String lib = "#!lua name=efflib\n"
                + "redis.register_function('fw', function(keys, args) redis.call('set', keys[1], args[1]) "
                + "return redis.call('incr', keys[2]) end)\n"
                + "redis.register_function{function_name='fr', callback=function(keys) return redis.call('get', keys[1]) end, "
                + "flags={'no-writes'}}\n"
                + "redis.register_function('fone', function(keys) return redis.call('del', keys[1]) end)";
        same(new String[] {"FUNCTION", "LOAD", "REPLACE", lib},
                new String[] {"FCALL", "fw", "2", "fc:a", "fc:n", "v"},
                new String[] {"FCALL", "fone", "1", "fc:a"},
                new String[] {"FCALL", "fone", "1", "fc:a"},
                new String[] {"FCALL_RO", "fr", "1", "fc:n"},
                new String[] {"FCALL_RO", "fw", "2", "fc:a", "fc:n", "v"});
    }

    @Test
    void functionAndScriptManagement() throws Exception {
        String lib = "#!lua name=mgmt\nredis.register_function('mg', function() return 1 end)";
        same(new String[] {"FUNCTION", "LOAD", lib},
                new String[] {"FUNCTION", "LOAD", lib},
                new String[] {"FUNCTION", "LOAD", "REPLACE", lib},
                new String[] {"FUNCTION", "LOAD", "#!lua name=bad\nerror('x')"},
                new String[] {"FUNCTION", "DELETE", "mgmt"},
                new String[] {"FUNCTION", "DELETE", "mgmt"},
                new String[] {"SCRIPT", "LOAD", "return 1"},
                new String[] {"SCRIPT", "FLUSH"},
                new String[] {"FUNCTION", "FLUSH"},
                new String[] {"FUNCTION", "FLUSH", "ASYNC"});
    }

    @Test
    void setReplLeavesWhatACommandPropagatesItself() throws InterruptedException {
        // under REPL_NONE the lazy expiry's DEL and SPOP's SREMs still go out, as in Redis 7.0
        probe.given("DEBUG SET-ACTIVE-EXPIRE 0", "SET sl:x 1 PX 1", "SADD sl:s a");
        Thread.sleep(20);
        same(eval("redis.set_repl(redis.REPL_NONE) return redis.call('set', KEYS[1], 'v')", "1 sl:x"),
                eval("redis.set_repl(redis.REPL_NONE) return redis.call('spop', KEYS[1], 5)", "1 sl:s"),
                eval("redis.set_repl(redis.REPL_NONE) return redis.call('expire', KEYS[1], 100)", "1 sl:x"));
        probe.given("DEBUG SET-ACTIVE-EXPIRE 1");
    }

    @Test
    void setReplWithEachTarget() {
        for (String target : List.of("REPL_NONE", "REPL_AOF", "REPL_REPLICA", "REPL_SLAVE", "REPL_ALL")) {
            String k = "repl:" + target;
            same(eval("redis.call('set', KEYS[1], 'before') redis.set_repl(redis." + target + ") "
                    + "redis.call('set', KEYS[2], 'during') redis.call('incr', KEYS[3]) "
                    + "redis.set_repl(redis.REPL_ALL) return redis.call('set', KEYS[4], 'after')",
                    "4 " + k + ":1 " + k + ":2 " + k + ":3 " + k + ":4"),
                    eval("redis.set_repl(redis." + target + ") return redis.call('set', KEYS[1], 'only')", "1 " + k + ":5"),
                    eval("redis.set_repl(redis." + target + ") redis.call('set', KEYS[1], 'x') "
                            + "return redis.call('set', KEYS[2], 'y')", "2 " + k + ":6 " + k + ":7"));
        }
    }

    @Test
    void setReplsArgumentErrorsAndReplicateCommands() {
        same(eval("return redis.set_repl()", "0"),
                eval("return redis.set_repl(1, 2)", "0"),
                eval("return redis.set_repl(4)", "0"),
                eval("return redis.set_repl(-1)", "0"),
                eval("return redis.set_repl('x')", "0"),
                eval("return redis.pcall('set', 'sr:k', 'v') and redis.set_repl(redis.REPL_NONE)", "0"),
                eval("return redis.replicate_commands()", "0"),
                eval("redis.call('set', KEYS[1], 'v') return redis.replicate_commands()", "1 sr:r"));
    }

    @Test
    void scriptsInsideMultiExec() {
        same(new String[] {"MULTI"},
                eval("return redis.call('set', KEYS[1], 'a')", "1 mx:a"),
                new String[] {"SET", "mx:b", "b"},
                eval("redis.call('incr', KEYS[1]) return redis.call('incr', KEYS[1])", "1 mx:n"),
                eval("return redis.call('get', KEYS[1])", "1 mx:a"),
                eval("redis.call('set', KEYS[1], 'x') error('inside exec')", "1 mx:c"),
                eval("redis.set_repl(redis.REPL_NONE) return redis.call('set', KEYS[1], 'hidden')", "1 mx:d"),
                new String[] {"EXEC"});
        same(new String[] {"MULTI"},
                eval("return redis.call('get', KEYS[1])", "1 mx:a"),
                new String[] {"EXEC"});
    }
}
