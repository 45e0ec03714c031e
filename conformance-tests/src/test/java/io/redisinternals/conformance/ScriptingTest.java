package io.redisinternals.conformance;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT against the reference, byte for byte.
 */
class ScriptingTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void returnValuesAndConversions(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("EVAL", "return 1", "0");
            d.same("EVAL", "return 3.99", "0");
            d.same("EVAL", "return -3.99", "0");
            d.same("EVAL", "return 'hello'", "0");
            d.same("EVAL", "return true", "0");
            d.same("EVAL", "return false", "0");
            d.same("EVAL", "return nil", "0");
            d.same("EVAL", "return {1,2,nil,4}", "0");
            d.same("EVAL", "return {1,{ok='a'},{err='b'},true,false}", "0");
            d.same("EVAL", "return {ok='fine'}", "0");
            d.same("EVAL", "return {err='My Error'}", "0");
            d.same("EVAL", "return redis.error_reply('x')", "0");
            d.same("EVAL", "return redis.status_reply('fine')", "0");
            d.same("EVAL", "return {double=1.5}", "0");
            d.same("EVAL", "redis.setresp(3) return {double=1.5}", "0");
            d.same("EVAL", "redis.setresp(3) return true", "0");
            d.same("EVAL", "return {map={a=1}}", "0");
            d.same("EVAL", "return {set={b=true}}", "0");
            d.same("EVAL", "return {big_number='123'}", "0");
            d.same("EVAL", "return {verbatim_string={format='txt',string='hi'}}", "0");
            // (a table containing itself, 7995 nested arrays, is LuaToRespTest's: this harness's reader recurses)
            d.same("EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, #ARGV}", "2", "k1", "k2", "a1", "a2");
            d.same("EVAL", "return redis.sha1hex('')", "0");
            d.same("EVAL", "return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM}", "0");
            d.same("EVAL", "return redis.replicate_commands()", "0");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void redisCallAndItsErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v");
            d.same("EVAL", "return redis.call('get', KEYS[1])", "1", "k");
            d.same("EVAL", "return redis.call('get', 'nokey')", "0");
            d.same("EVAL", "return redis.call('incr', KEYS[1])", "1", "k");
            d.same("EVAL", "return redis.pcall('incr', KEYS[1])", "1", "k");
            d.same("EVAL", "return redis.call('nosuch')", "0");
            d.same("EVAL", "return redis.pcall('nosuch')", "0");
            d.same("EVAL", "return redis.call('get')", "0");
            d.same("EVAL", "return redis.call('multi')", "0");
            d.same("EVAL", "return redis.call('blpop', 'l', 0)", "0");
            d.same("EVAL", "return redis.call()", "0");
            d.same("EVAL", "return redis.pcall()", "0");
            d.same("EVAL", "return redis.call('get', {})", "0");
            d.same("EVAL", "return redis.call('echo', 0.1)", "0");
            d.same("EVAL", "redis.call('hset', 'h', 'f', 'v') redis.setresp(3) return redis.call('hgetall', 'h')", "0");
            d.same("EVAL", "redis.call('select', 1) return redis.call('set', 'dbk', '1')", "0");
            d.same("EXISTS", "dbk");
            d.same("EVAL", "error('boom')", "0");
            d.same("EVAL", "error({err='boom'})", "0");
            d.same("EVAL", "return x", "0");
            d.same("EVAL", "x = 1", "0");
            d.same("EVAL", "return redis.setresp(4)", "0");
            d.same("EVAL", "return redis.log(9, 'x')", "0");
            d.same("EVAL", "return redis.sha1hex()", "0");
            d.same("EVAL", "return +", "0");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void readOnlyScriptsAndShebangs(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("EVAL_RO", "return redis.call('set', KEYS[1], 'v')", "1", "k");
            d.same("EVAL_RO", "return redis.call('get', KEYS[1])", "1", "k");
            d.same("EVAL_RO", "return redis.call('publish', 'ch', 'm')", "0");
            d.same("EVAL", "#!lua flags=no-writes\nreturn redis.call('set', 'k', 'v')", "0");
            d.same("EVAL", "#!lua flags=no-writes\nreturn redis.call('get', 'k')", "0");
            d.same("EVAL", "#!lua\nreturn redis.call('set', 'k', 'v')", "0");
            d.same("EVAL_RO", "#!lua\nreturn 1", "0");
            d.same("EVAL", "#!lua flags=no-writes,allow-oom\nreturn 1", "0");
            d.same("EVAL", "#!foo\nreturn 1", "0");
            d.same("EVAL", "#!lua x=1\nreturn 1", "0");
            d.same("EVAL", "#!lua flags=bad\nreturn 1", "0");
            d.same("EVAL", "#!lua", "0");
            d.same("EVAL", "#!lua\nreturn x", "0");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void scriptCacheAndArguments(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SCRIPT", "FLUSH");
            d.same("EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0");
            d.same("SCRIPT", "LOAD", "return 1");
            d.same("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db",
                    "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB", "x");
            d.same("EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0");
            d.same("EVALSHA", "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB", "0");
            d.same("EVALSHA_RO", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0");
            d.same("EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8dbxx", "0");
            d.same("SCRIPT", "LOAD", "return +");
            d.same("SCRIPT", "LOAD", "#!lua flags=bad\nreturn 1");
            d.same("EVAL", "return 1", "2", "a");
            d.same("EVAL", "return 1", "-1");
            d.same("EVAL", "return 1", "abc");
            d.same("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "-1");
            d.same("SCRIPT", "FLUSH", "ASYNC");
            d.same("SCRIPT", "FLUSH", "SYNC");
            d.same("SCRIPT", "FLUSH", "foo");
            d.same("SCRIPT", "FLUSH", "sync", "sync");
            d.same("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
            d.same("SCRIPT", "KILL");
            d.same("SCRIPT", "HELP");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void scriptsInsideMulti(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("MULTI");
            d.same("EVAL", "return redis.call('incr', KEYS[1])", "1", "counter");
            d.same("EVAL", "return redis.call('incr', KEYS[1])", "1", "counter");
            d.same("EXEC");
            d.same("GET", "counter");
            d.assertNoMismatches();
        }
    }
}
