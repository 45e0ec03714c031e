package io.redisinternals.conformance;

/**
 * FUNCTION and FCALL / FCALL_RO against the reference, byte for byte, in RESP2 and RESP3. FUNCTION
 * LIST is compared on single-function libraries, one library at a time (LIBRARYNAME), because the
 * order Redis lists libraries and functions in is its hash tables' order.
 */
class FunctionsTest extends ConformanceTestBase {

    static final String LIB1 = "#!lua name=lib1\n"
            + "redis.register_function('set1', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n";
    static final String LIB2 = "#!lua name=lib2\n"
            + "redis.register_function{function_name='get2', callback=function(keys) return redis.call('get', keys[1]) end,"
            + " flags={'no-writes', 'ALLOW-STALE'}, description='reads one key'}\n";

    @AllConfigurationsBothProtocols
    void loadErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("FUNCTION", "LOAD", LIB1);
            d.same("FUNCTION", "LOAD", LIB1);
            d.same("FUNCTION", "LOAD", "REPLACE", LIB1);
            d.same("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('set1', function() end)");
            d.same("FUNCTION", "LOAD", "#!lua name=l2\nredis.call('set','x',1)");
            d.same("FUNCTION", "LOAD", "#!lua name=l2\nreturn 1");
            d.same("FUNCTION", "LOAD", "#!lua name=l-x\n");
            d.same("FUNCTION", "LOAD", "#!lua name=\n");
            d.same("FUNCTION", "LOAD", "return 1");
            d.same("FUNCTION", "LOAD", "#!lua name=a name=b\n");
            d.same("FUNCTION", "LOAD", "#!lua foo=b\n");
            d.same("FUNCTION", "LOAD", "#!lua\n");
            d.same("FUNCTION", "LOAD", "#!js name=x\n");
            d.same("FUNCTION", "LOAD", "#!lua name=x");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nx=");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nerror('boom')");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nos.exit()");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nlocal t = string");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', function() end, 1)");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f-1', function() end)");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function(1, 2)");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function({}, 2)");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f')");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{function_name='f', callback=function() end, flags={'bad'}}");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{function_name='f', callback=function() end, flags='no-writes'}");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{function_name='f', callback=1}");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{function_name='f', what=1}");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{callback=function() end}");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{function_name='f'}");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{[1]='f'}");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('nope')");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', function() end)\n"
                    + "redis.register_function('f', function() end)");
            d.same("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', function() end)\nredis.log(redis.LOG_NOTICE, 'hi')");
            d.same("FUNCTION", "LOAD", "FOO", LIB1);
            d.same("FUNCTION", "LOAD");
            d.same("FUNCTION", "LOAD", "REPLACE");
            d.same("FUNCTION", "STATS");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void fcall(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("DEL", "fk");
            d.same("FUNCTION", "LOAD", LIB1);
            d.same("FUNCTION", "LOAD", LIB2);
            d.same("FCALL", "set1", "1", "fk", "v1");
            d.same("FCALL", "get2", "1", "fk");
            d.same("FCALL_RO", "get2", "1", "fk");
            d.same("FCALL_RO", "set1", "1", "fk", "v2");
            d.same("FCALL", "nope", "0");
            d.same("FCALL", "nope", "x");
            d.same("FCALL", "set1", "5", "fk");
            d.same("FCALL", "set1", "-1");
            d.same("FCALL", "set1", "x");
            d.same("FUNCTION", "LOAD", "#!lua name=errs\n"
                    + "redis.register_function('e', function() return string.len('abc') + nosuch end)\n");
            d.same("FCALL", "e", "0");
            d.same("FUNCTION", "LOAD", "REPLACE", "#!lua name=errs\n"
                    + "redis.register_function('e2', function() return redis.call('nosuch') end)\n");
            d.same("FCALL", "e", "0");
            d.same("FCALL", "e2", "0");
            d.same("FUNCTION", "LOAD", "#!lua name=more\n"
                    + "redis.register_function('e3', function() error('x') end)\n"
                    + "redis.register_function('ret', function(k, a) return {#k, #a, k[1], a[1], {ok='fine'}, 1.5} end)\n"
                    + "redis.register_function('glob', function() x = 1 end)\n"
                    + "redis.register_function('ro', function() return redis.call('set', 'fk', 'v3') end)\n"
                    + "redis.register_function('resp', function() redis.setresp(3) return redis.call('hgetall', 'nokey') end)\n");
            d.same("FCALL", "e3", "0");
            d.same("FCALL", "ret", "2", "a", "b", "c");
            d.same("FCALL", "glob", "0");
            d.same("FCALL_RO", "ro", "0");
            d.same("FCALL", "resp", "0");
            d.same("GET", "fk");
            d.same("FCALL");
            d.same("FCALL", "set1");
            d.same("FUNCTION", "DELETE", "more");
            d.same("FCALL", "ret", "0");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void environmentAndFlags(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("DEL", "ek");
            d.same("FUNCTION", "LOAD", "#!LUA NAME=env\n"
                    + "local function helper(n) redis.register_function(n, function(k, a) return n end) end\n"
                    + "helper('h1')\n"
                    + "redis.register_function('late', function() redis.register_function('x', function() end) end)\n"
                    + "redis.register_function('keysglobal', function() return KEYS end)\n"
                    + "redis.register_function{function_name='nw', callback=function(k) return redis.call('set', k[1], 'v') end,"
                    + " flags={'no-writes'}}\n"
                    + "redis.register_function{function_name='nwread', callback=function(k) return redis.call('get', k[1]) end,"
                    + " flags={'no-writes', 'allow-oom', 'no-cluster', 'allow-cross-slot-keys'}}\n"
                    + "redis.register_function('pc2', function() return redis.pcall('incr', 'nosuchlist', 'x') end)\n"
                    + "redis.register_function('libs', function() return {type(string), type(cjson), type(bit), type(struct),"
                    + " type(cmsgpack), type(math), type(table), type(coroutine), redis.REDIS_VERSION} end)\n"
                    + "redis.register_function('nodebug', function() return debug end)\n"
                    + "redis.register_function('noprint', function() return print end)\n"
                    + "redis.register_function('errtable', function() return redis.error_reply('MY error') end)\n"
                    + "redis.register_function('status', function() return redis.status_reply('FINE') end)\n"
                    + "redis.register_function('many', function(k, a) return {k, a} end)\n");
            d.same("FCALL", "h1", "0");
            d.same("FCALL", "late", "0");
            d.same("FCALL", "keysglobal", "0");
            d.same("FCALL", "nw", "1", "ek");
            d.same("FCALL_RO", "nw", "1", "ek");
            d.same("FCALL", "nwread", "1", "ek");
            d.same("FCALL_RO", "nwread", "1", "ek");
            d.same("FCALL", "pc2", "0");
            d.same("FCALL", "libs", "0");
            d.same("FCALL", "nodebug", "0");
            d.same("FCALL", "noprint", "0");
            d.same("FCALL", "errtable", "0");
            d.same("FCALL", "status", "0");
            d.same("FCALL", "many", "2", "k1", "k2", "a1", "a2", "a3");
            d.same("FCALL", "H1", "0");
            d.same("FUNCTION", "LOAD", "#!lua name=Lib1\nredis.register_function('Fa', function() return 1 end)");
            d.same("FUNCTION", "DELETE", "lib1");
            d.same("FUNCTION", "LOAD", "#!lua name=lib1\nredis.register_function('fa', function() return 1 end)");
            d.same("FUNCTION", "LOAD", "#!lua name=lib1\nredis.register_function('fA', function() return 1 end)");
            d.same("FUNCTION", "LOAD", "REPLACE", "#!lua name=Lib1\nredis.register_function('fA', function() return 2 end)");
            d.same("FCALL", "fa", "0");
            d.same("FUNCTION", "LIST", "LIBRARYNAME", "lib1");
            d.same("FUNCTION", "LOAD", "#!lua name=atload\nredis.setresp(3)");
            d.same("FUNCTION", "LOAD", "#!lua name=atload\nlocal v = redis.REDIS_VERSION_NUM + redis.LOG_WARNING\n"
                    + "redis.register_function('v', function() return v end)");
            d.same("FCALL", "v", "0");
            d.same("FUNCTION", "FLUSH");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void listStatsAndTheRest(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("FUNCTION", "FLUSH");
            d.same("FUNCTION", "LIST");
            d.same("FUNCTION", "STATS");
            d.same("FUNCTION", "LOAD", LIB1);
            d.same("FUNCTION", "LIST");
            d.same("FUNCTION", "LIST", "WITHCODE");
            d.same("FUNCTION", "LOAD", LIB2);
            d.same("FUNCTION", "LIST", "LIBRARYNAME", "LIB2");
            d.same("FUNCTION", "LIST", "withcode", "libraryname", "*2");
            d.same("FUNCTION", "LIST", "LIBRARYNAME", "nomatch*");
            d.same("FUNCTION", "LIST", "LIBRARYNAME");
            d.same("FUNCTION", "LIST", "WITHCODE", "WITHCODE");
            d.same("FUNCTION", "LIST", "foo");
            d.same("FUNCTION", "STATS");
            d.same("FUNCTION", "DELETE", "nope");
            d.same("FUNCTION", "DELETE", "lib1");
            d.same("FUNCTION", "DELETE");
            d.same("FUNCTION", "STATS");
            d.same("FUNCTION", "FLUSH", "x");
            d.same("FUNCTION", "FLUSH", "async", "sync");
            d.same("FUNCTION", "FLUSH", "ASYNC");
            d.same("FUNCTION", "FLUSH", "sync");
            d.same("FUNCTION", "KILL");
            d.same("FUNCTION", "HELP");
            d.same("FUNCTION", "NOSUCH");
            d.same("FUNCTION");
            d.same("FUNCTION", "STATS", "x");
            d.assertNoMismatches();
        }
    }
}
