package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment scripts and functions run in, against the reference: what a library sees while
 * FUNCTION LOAD runs it and what its functions see under FCALL (globals, the redis table, read-only
 * tables, Redis's pcall, math.random, bit, globals protection, setresp), EVAL's counterparts, the
 * random generator EVAL and FCALL share, redis.acl_check_cmd, SCRIPT DEBUG, FUNCTION LOAD's time
 * limit, and INFO memory's scripting counts.
 */
class ScriptEnvironmentTest extends ConformanceTestBase {

    /** Sorted keys of a table, joined: the same on both sides whatever the hash order. */
    static final String KS = "local function ks(t) local r = {} for k in pairs(t) do r[#r+1] = tostring(k) end"
            + " table.sort(r) return table.concat(r, ',') end\n";

    static final String ENV_LIB = "#!lua name=envlib\n" + KS
            + "redis.register_function('g', function() return ks(_G) end)\n"
            + "redis.register_function('r', function() return ks(redis) end)\n"
            + "redis.register_function('meta', function() return ks(getmetatable(_G)) end)\n"
            + "redis.register_function('ro', function() cjson.encode = nil return 1 end)\n"
            + "redis.register_function('ro2', function() local ok, e = pcall(function() string.x = 1 end) return e end)\n"
            + "redis.register_function('ro3', function() return {pcall(rawset, _G, 'x', 1)} end)\n"
            + "redis.register_function('ro4', function() return {pcall(setmetatable, _G, nil)} end)\n"
            + "redis.register_function('ro5', function() return {pcall(table.insert, redis, 1)} end)\n"
            + "redis.register_function('pc', function() return {pcall(redis.call, 'nosuchcmd')} end)\n"
            + "redis.register_function('pc2', function() local ok, e = pcall(redis.call, 'incr', 'x', 'y')"
            + " return {tostring(ok), type(e), tostring(e)} end)\n"
            + "redis.register_function('pc3', function() return {pcall(error, {err='MY err'})} end)\n"
            + "redis.register_function('rnd', function() return {math.random(100), math.random(1, 6), tostring(math.random())} end)\n"
            + "redis.register_function('bit', function() return {bit.band(7, 3), bit.tohex(255), bit.bxor(5, 3), bit.lshift(1, 40)} end)\n"
            + "redis.register_function('gset', function() x = 1 end)\n"
            + "redis.register_function('gget', function() return y end)\n"
            + "redis.register_function('resp3', function() redis.setresp(3) return redis.call('hgetall', 'nokey') end)\n"
            + "redis.register_function('resp3b', function() redis.setresp(3) return {redis.call('hset', 'envh', 'f', 'v'),"
            + " redis.call('hgetall', 'envh')} end)\n"
            + "redis.register_function('badresp', function() redis.setresp(4) end)\n"
            + "redis.register_function('debugfns', function() return {type(redis.breakpoint), type(redis.debug),"
            + " type(redis.replicate_commands), type(__redis__err__handler)} end)\n"
            + "redis.register_function('ver', function() return {_VERSION, type(KEYS), type(ARGV)} end)\n";

    @AllConfigurationsBothProtocols
    void whatAFunctionSees(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("DEL", "envh");
            d.same("FUNCTION", "LOAD", ENV_LIB);
            for (String f : new String[] {"g", "r", "meta", "ro", "ro2", "ro3", "ro4", "ro5", "pc", "pc2", "pc3",
                    "bit", "gset", "gget", "resp3", "resp3b", "badresp", "debugfns", "ver"}) {
                d.same("FCALL", f, "0");
            }
            d.same("FUNCTION", "FLUSH");
            d.same("DEL", "envh");
            d.assertNoMismatches();
        }
    }

    /** While FUNCTION LOAD runs a library: only the load API, everything else a nonexistent global. */
    @AllConfigurationsBothProtocols
    void whatALibrarySeesWhileItLoads(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            for (String body : new String[] {"local p = pairs", "local g = _G", "local m = math", "local t = table",
                    "local c = redis.call", "local a = redis.acl_check_cmd", "local s = redis.setresp",
                    "local p = redis.pcall", "redis.x = 1", "redis.register_function = nil", "x = 1",
                    "local k = KEYS", "redis.log(redis.LOG_WARNING)", "redis.log('x', 'y')",
                    "redis.register_function()", "redis.register_function('a', function() end, 3)",
                    "local v = redis.REDIS_VERSION .. redis.REDIS_VERSION_NUM .. redis.LOG_DEBUG .. redis.LOG_VERBOSE"
                            + " .. redis.LOG_NOTICE\nredis.register_function('v', function() return v end)"}) {
                d.same("FUNCTION", "LOAD", "REPLACE", "#!lua name=loadenv\n" + body);
            }
            d.same("FCALL", "v", "0");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void whatAnEvalScriptSees(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("EVAL", KS + "return ks(_G)", "1", "k");
            d.same("EVAL", KS + "return ks(redis)", "0");
            d.same("EVAL", KS + "return ks(getmetatable(_G))", "0");
            d.same("EVAL", "cjson.encode = nil", "0");
            d.same("EVAL", "return {pcall(rawset, _G, 'x', 1)}", "0");
            d.same("EVAL", "return {pcall(redis.call, 'nosuchcmd')}", "0");
            d.same("EVAL", "return {pcall(error, {err='MY err'})}", "0");
            d.same("EVAL", "return {type(redis.breakpoint), redis.breakpoint(), redis.debug('x'), redis.replicate_commands()}", "0");
            d.same("EVAL", "x = 1", "0");
            d.same("EVAL", "return y", "0");
            d.assertNoMismatches();
        }
    }

    /**
     * One rand48 generator for the whole server: a seed set by EVAL goes on in FCALL and back
     * (the reference's generator is a process global).
     */
    @AllConfigurations
    void evalAndFcallDrawFromOneGenerator(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("FUNCTION", "LOAD", ENV_LIB);
            d.same("EVAL", "math.randomseed(42) return {math.random(1000), math.random(1000)}", "0");
            d.same("FCALL", "rnd", "0");
            d.same("EVAL", "return {math.random(10, 20), tostring(math.random())}", "0");
            d.same("FCALL", "rnd", "0");
            d.same("EVAL", "return {pcall(math.random, 5, 1)}", "0");
            d.same("EVAL", "return {pcall(math.random, 1, 2, 3)}", "0");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void aclCheckCmd(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("EVAL", "return {redis.acl_check_cmd('get', 'k'), redis.acl_check_cmd('GET'), redis.acl_check_cmd('set'),"
                    + " redis.acl_check_cmd('config'), redis.acl_check_cmd('config', 'get', 'x'), redis.acl_check_cmd('ping', 1.5),"
                    + " redis.acl_check_cmd('client', 'no-evict', 'on'), redis.acl_check_cmd('eval', 'x')}", "0");
            d.same("EVAL", "return redis.acl_check_cmd('nosuch')", "0");
            d.same("EVAL", "return redis.acl_check_cmd('config', 'nosuch')", "0");
            d.same("EVAL", "return redis.acl_check_cmd()", "0");
            d.same("EVAL", "return redis.acl_check_cmd({})", "0");
            d.same("EVAL", "return redis.acl_check_cmd('get', true)", "0");
            d.same("EVAL", "return {pcall(redis.acl_check_cmd, 'nosuch')}", "0");
            d.same("FUNCTION", "LOAD", "#!lua name=acl\n"
                    + "redis.register_function('a1', function(k, a) return redis.acl_check_cmd(unpack(a)) end)");
            d.same("FCALL", "a1", "0", "get", "x");
            d.same("FCALL", "a1", "0", "nosuch");
            d.same("FCALL", "a1", "0", "object", "freq");
            d.same("FCALL", "a1", "0");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    /**
     * SCRIPT DEBUG: NO, the errors and the MULTI answers as the reference. YES and SYNC: we offer no
     * debugger, so ours answers an error saying so (the reference's +OK would start a session; it
     * is switched off again right after).
     */
    @AllConfigurationsBothProtocols
    void scriptDebug(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SCRIPT", "DEBUG", "NO");
            d.same("SCRIPT", "DEBUG", "no");
            d.same("SCRIPT", "DEBUG", "maybe");
            d.same("SCRIPT", "DEBUG");
            d.same("SCRIPT", "DEBUG", "no", "x");
            d.same("MULTI");
            d.same("SCRIPT", "DEBUG", "NO");
            d.same("SCRIPT", "DEBUG", "maybe");
            d.same("EXEC");
            d.same("MULTI");
            d.same("SCRIPT", "DEBUG");
            d.same("EXEC");
            d.same("EVAL", "return redis.call('script', 'debug', 'no')", "0");
            for (String mode : new String[] {"YES", "sync"}) {
                Reply ours = d.ours().call("SCRIPT", "DEBUG", mode);
                assertEquals("ERR SCRIPT DEBUG YES/SYNC is not supported: this server has no Lua debugger"
                        + " (scripts run normally with SCRIPT DEBUG NO)", ours.text(), mode);
                assertTrue(ours.isError());
            }
            d.same("EVAL", "return 1", "0"); // still runs normally
            d.assertNoMismatches();
        }
    }

    /** A library whose top-level code runs past 500 ms fails as the reference's does. */
    @AllConfigurations
    void functionLoadTimeLimit(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("FUNCTION", "LOAD", "#!lua name=slow\nwhile true do end");
            d.same("FUNCTION", "LOAD", "#!lua name=slow\nlocal function f() return f() end\n"
                    + "redis.register_function('x', function() end)\nf()");
            d.same("FUNCTION", "LIST");
            d.same("FUNCTION", "LOAD", "#!lua name=fast\nredis.register_function('x', function() return 1 end)");
            d.same("FCALL", "x", "0");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    /** INFO memory's counts as the reference's; the memory figures ours alone (an approximation). */
    @AllConfigurations
    void infoScriptingFields(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("SCRIPT", "FLUSH");
            d.same("FUNCTION", "FLUSH");
            d.same("EVAL", "return 1", "0");
            d.same("SCRIPT", "LOAD", "return 2");
            d.same("SCRIPT", "LOAD", "return 2");
            d.same("FUNCTION", "LOAD", "#!lua name=i1\nredis.register_function('i1a', function() return 1 end)\n"
                    + "redis.register_function{function_name='i1b', callback=function() return {} end, description='d'}");
            d.same("FUNCTION", "LOAD", "#!lua name=i2\nredis.register_function('i2a', function() return 1 end)");
            Map<String, String> ref = memory(d.reference());
            Map<String, String> ours = memory(d.ours());
            for (String f : new String[] {"number_of_cached_scripts", "number_of_functions", "number_of_libraries"}) {
                assertEquals(ref.get(f), ours.get(f), f);
            }
            long eval = Long.parseLong(ours.get("used_memory_vm_eval"));
            long functions = Long.parseLong(ours.get("used_memory_vm_functions"));
            assertEquals(ours.get("used_memory_lua"), ours.get("used_memory_vm_eval"));
            assertEquals(eval + functions, Long.parseLong(ours.get("used_memory_vm_total")));
            long scripts = Long.parseLong(ours.get("used_memory_scripts_eval"));
            assertEquals(2 * 40 + "return 1".length() + "return 2".length(), scripts); // SHA + body each
            assertEquals(scripts + Long.parseLong(ours.get("used_memory_functions")),
                    Long.parseLong(ours.get("used_memory_scripts")));
            assertTrue(Long.parseLong(ours.get("used_memory_functions")) > 0);
            Reply stats = d.ours().call("MEMORY", "STATS"); // RESP2: name, value, name, value ...
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i + 1 < stats.children().size(); i += 2) {
                m.put(stats.child(i).text(), stats.child(i + 1).text());
            }
            assertEquals(ours.get("used_memory_scripts_eval"), m.get("lua.caches"));
            assertEquals(ours.get("used_memory_functions"), m.get("functions.caches"));
            d.same("SCRIPT", "FLUSH");
            d.same("FUNCTION", "DELETE", "i2");
            assertEquals(memory(d.reference()).get("number_of_libraries"), memory(d.ours()).get("number_of_libraries"));
            assertEquals("0", memory(d.ours()).get("number_of_cached_scripts"));
            assertEquals("0", memory(d.ours()).get("used_memory_scripts_eval"));
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    private static Map<String, String> memory(RawConnection c) {
        Map<String, String> m = new HashMap<>();
        for (String line : c.call("INFO", "memory").text().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                m.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return m;
    }
}
