package io.redisinternals.conformance;

/**
 * Scripts and transactions against redis-server 7.0.15, every transport, RESP2 and RESP3: EVAL,
 * EVALSHA, FCALL queued in MULTI and run by EXEC (EXEC's reply holds each script's reply, an
 * erroring script's error in its place), and WATCH seeing what scripts write (a script's write of
 * a watched key aborts the EXEC, a read-only script's call does not). What the transactions
 * propagate is {@link ScriptEffectsTest}'s.
 */
class ScriptTransactionsTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void scriptsQueuedAndRunByExec(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FLUSHALL");
            d.same("MULTI");
            d.same("EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v");
            d.same("EVAL", "return redis.call('incr', KEYS[1])", "1", "n");
            d.same("EVAL", "return {redis.call('get', KEYS[1]), redis.call('get', KEYS[2])}", "2", "k", "n");
            d.same("EVAL_RO", "return redis.call('get', KEYS[1])", "1", "k");
            d.same("EVAL", "return 1", "notanumber"); // numkeys is checked when EXEC runs it
            d.same("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"); // NOSCRIPT then too
            d.same("SCRIPT", "LOAD", "return 'loaded'");
            d.same("EVALSHA", "b534286061d4b9e4026607613b95c06c06015ae8", "0"); // loaded by the SCRIPT LOAD before it in the same EXEC
            d.same("EXEC");
            d.same("MULTI");
            d.same("SCRIPT", "LOAD", "return ARGV[1]");
            d.same("EXEC");
            d.same("MULTI");
            d.same("EVALSHA", "098e0f0d1448c0a81dafe820f66d460eb09263da", "0", "x"); // loaded by the previous transaction
            d.same("EVAL", "return ARGV[1]", "0", "direct");
            d.same("EXEC");
            d.same("MGET", "k", "n");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void aScriptErroringInsideExec(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FLUSHALL");
            d.same("MULTI");
            d.same("EVAL", "redis.call('set', KEYS[1], 'written') error('boom')", "1", "e1");
            d.same("EVAL", "return redis.call('incr', KEYS[1])", "1", "e1"); // not an integer
            d.same("EVAL", "return redis.pcall('incr', KEYS[1])", "1", "e1");
            d.same("EVAL", "return redis.error_reply('MY own')", "0");
            d.same("EVAL", "return {err='plain'}", "0");
            d.same("EVAL", "return redis.call('nosuch')", "0");
            d.same("EVAL", "return redis.call('multi')", "0");
            d.same("EVAL", "syntax error here", "0");
            d.same("SET", "after", "still-runs");
            d.same("EXEC");
            d.same("MGET", "e1", "after");
            // a script whose body does not compile is only known when EXEC runs it: the rest runs
            d.same("MULTI");
            d.same("EVAL", "return (", "0");
            d.same("INCR", "counter");
            d.same("EXEC");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void noWritesScriptsAndFunctionsInsideMulti(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FLUSHALL");
            d.same("FUNCTION", "FLUSH");
            d.same("FUNCTION", "LOAD", "#!lua name=txlib\n"
                    + "redis.register_function('txw', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n"
                    + "redis.register_function{function_name='txr', callback=function(keys) return redis.call('get', keys[1]) end, "
                    + "flags={'no-writes'}}");
            d.same("SET", "r", "value");
            d.same("MULTI");
            d.same("EVAL", "#!lua flags=no-writes\nreturn redis.call('get', KEYS[1])", "1", "r");
            d.same("EVAL", "#!lua flags=no-writes\nreturn redis.call('set', KEYS[1], 'x')", "1", "r");
            d.same("EVAL", "#!lua\nreturn redis.call('set', KEYS[1], 'shebang')", "1", "s");
            d.same("FCALL", "txw", "1", "f", "fv");
            d.same("FCALL", "txr", "1", "f");
            d.same("FCALL_RO", "txr", "1", "r");
            d.same("FCALL_RO", "txw", "1", "f", "no");
            d.same("FCALL", "nosuchfunction", "0");
            d.same("EXEC");
            d.same("MGET", "r", "s", "f");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void anotherClientsScriptWritingAWatchedKeyAbortsExec(String config, int resp) {
        try (Differential a = Differential.open(config, resp).soft();
                Differential b = Differential.open(config, resp).soft()) {
            a.same("FLUSHALL");
            a.same("SET", "w", "1");
            a.same("WATCH", "w");
            b.same("EVAL", "return redis.call('incr', KEYS[1])", "1", "w");
            a.same("MULTI");
            a.same("SET", "w", "from-a");
            a.same("EXEC"); // nil: w changed
            a.same("GET", "w");
            // a script that writes another key, or writes nothing, leaves the watch alone
            a.same("WATCH", "w");
            b.same("EVAL", "return redis.call('set', KEYS[1], 'x')", "1", "other");
            b.same("EVAL", "return redis.call('set', KEYS[1], 'never', 'NX')", "1", "w");
            b.same("EVAL", "return redis.call('get', KEYS[1])", "1", "w");
            b.same("EVAL_RO", "return redis.call('get', KEYS[1])", "1", "w");
            b.same("EVAL", "#!lua flags=no-writes\nreturn redis.call('exists', KEYS[1])", "1", "w");
            b.same("EVAL_RO", "return redis.call('set', KEYS[1], 'refused')", "1", "w");
            a.same("MULTI");
            a.same("GET", "w");
            a.same("EXEC"); // runs
            // a write then an error: the write stands, so the watch is touched
            a.same("WATCH", "w");
            b.same("EVAL", "redis.call('set', KEYS[1], 'partial') error('late')", "1", "w");
            a.same("MULTI");
            a.same("GET", "w");
            a.same("EXEC"); // nil
            // a script's write in another database does not touch a watch in db 0
            a.same("WATCH", "w");
            b.same("EVAL", "redis.call('select', 5) return redis.call('set', KEYS[1], 'db5')", "1", "w");
            a.same("MULTI");
            a.same("GET", "w");
            a.same("EXEC"); // runs
            // the watcher's own script counts too
            a.same("WATCH", "w");
            a.same("EVAL", "return redis.call('del', KEYS[1])", "1", "w");
            a.same("MULTI");
            a.same("PING");
            a.same("EXEC"); // nil
            // a function writing it as well
            a.same("FUNCTION", "LOAD", "REPLACE", "#!lua name=watchlib\n"
                    + "redis.register_function('wset', function(keys, args) return redis.call('set', keys[1], args[1]) end)");
            a.same("SET", "w", "1");
            a.same("WATCH", "w");
            b.same("FCALL", "wset", "1", "w", "by-function");
            a.same("MULTI");
            a.same("GET", "w");
            a.same("EXEC"); // nil
            a.same("FUNCTION", "DELETE", "watchlib");
            a.assertNoMismatches();
            b.assertNoMismatches();
        }
    }
}
